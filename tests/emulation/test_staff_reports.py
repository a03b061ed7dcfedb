"""Reports 0604.N and 0605.N (TT 02/2023/TT-BNV, spec §10) from the yearly emulation staff, the
councils and the clusters: figures counted by hand."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from motcua.emulation import reports
from motcua.emulation.models import (
    Cluster,
    ClusterMembership,
    Council,
    CouncilMember,
    Education,
    EmulationStaff,
)
from tests.factories.org import AgencyFactory

pytestmark = pytest.mark.django_db
YEAR = 2026


def _lines(workbook: bytes) -> dict:
    """The form's lines by label: the identification lines, title and header come first."""
    rows = list(load_workbook(io.BytesIO(workbook)).active.iter_rows(values_only=True))
    return {row[0]: tuple(row[1:]) for row in rows if row and row[0]}


@pytest.fixture
def staff(world):
    """Two units: Science with a full-time woman and a part-time man, Finance with two
    part-timers; a person of the year before, not counted."""
    finance = AgencyFactory(identifier_code="000.00.31.H42", name="Sở Tài chính",
                            parent=world.agency.parent)
    people = [  # agency, name, woman, born, education, started, full-time
        (world.agency, "Nguyễn Thị Hoa", True, 1990, Education.UNIVERSITY, 2020, True),
        (world.agency, "Trần Văn Nam", False, 1970, Education.MASTER, 2010, False),
        (finance, "Lê Thị Mai", True, 1999, Education.COLLEGE, 2024, False),
        (finance, "Phạm Văn Long", False, 1965, Education.UNIVERSITY, 2016, False),
    ]
    for agency, name, woman, born, education, started, full in people:
        EmulationStaff.objects.create(year=YEAR, agency=agency, full_name=name,
                                      is_female=woman, birth_year=born, education=education,
                                      started_year=started, full_time=full)
    EmulationStaff.objects.create(year=YEAR - 1, agency=finance, full_name="Đỗ Văn Cũ",
                                  birth_year=1980, education=Education.OTHER,
                                  started_year=2000, full_time=True)
    return world.agency, finance


def test_tt02_2023_0605_staff_by_age_training_and_seniority_with_women(staff):
    lines = _lines(reports.report_0605(YEAR))
    # (code, total, of whom women); full-time and part-time alike
    assert lines["Tổng số"] == ("01", 4, 2)
    # ages in 2026: 36, 56, 27, 61
    assert lines["- Từ 30 trở xuống"] == ("02", 1, 1)
    assert lines["- Từ 31 đến 40"] == ("03", 1, 1)
    assert lines["- Từ 41 đến 50"] == ("04", 0, 0)
    assert lines["- Từ 51 đến 55"] == ("05", 0, 0)
    assert lines["- Từ 56 đến 60"] == ("06", 1, 0)
    assert lines["- Trên 60 tuổi"] == ("07", 1, 0)
    assert lines["- Sơ cấp"] == ("08", 0, 0) and lines["- Trung cấp"] == ("09", 0, 0)
    assert lines["- Cao đẳng"] == ("10", 1, 1)
    assert lines["- Đại học"] == ("11", 2, 1)
    assert lines["- Trên đại học"] == ("12", 1, 0)  # the master's degree
    # years in emulation work in 2026: 6, 16, 2, 10
    assert lines["- Dưới 5 năm"] == ("13", 1, 1)
    assert lines["- Từ 5 năm đến dưới 10 năm"] == ("14", 1, 1)
    assert lines["- Từ 10 năm trở lên"] == ("15", 2, 0)


def test_tt02_2023_0604_units_councils_and_clusters_of_the_year(staff):
    science, finance = staff
    sitting = Council.objects.create(name="Hội đồng tỉnh", agency=science)
    CouncilMember.objects.create(council=sitting, name="A", joined_on=dt.date(2025, 1, 1))
    gone = Council.objects.create(name="Hội đồng cũ", agency=finance)
    CouncilMember.objects.create(council=gone, name="B", joined_on=dt.date(2020, 1, 1),
                                 left_on=dt.date(2025, 6, 30))
    cluster = Cluster.objects.create(code="CUM-1", name="Cụm 1", kind="cum", organiser="UBND")
    for agency in (science, finance):  # two members: the cluster counts once
        ClusterMembership.objects.create(cluster=cluster, agency=agency,
                                         valid_from=dt.date(2026, 1, 1))
    lines = _lines(reports.report_0604(YEAR))
    # the form's organisations are not recorded: left blank to be filled by hand
    assert lines["Tổng số"] == ("01", "Tổ chức", None)
    assert lines["- Cấp ban thuộc Sở Nội vụ"] == ("04", "Ban", None)
    # the system's own figures, below the form
    assert lines["Số cơ quan, đơn vị có người làm công tác thi đua, khen thưởng"][-1] == 2
    assert lines["trong đó: có người chuyên trách"][-1] == 1
    assert lines["trong đó: chỉ có người kiêm nhiệm"][-1] == 1
    assert lines["Số Hội đồng Thi đua - Khen thưởng"][-1] == 1
    assert lines["Cụm thi đua"][-1] == 1 and lines["Khối thi đua"][-1] == 0
