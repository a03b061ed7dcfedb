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
    rows = list(load_workbook(io.BytesIO(workbook)).active.iter_rows(values_only=True))
    return {row[0]: tuple(row[1:]) for row in rows[2:]}  # a title line, then the header


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


def test_tt02_2023_0605_staff_by_sex_age_education_seniority(staff):
    lines = _lines(reports.report_0605(YEAR))
    # (total, full-time, part-time)
    assert lines["Tổng số"] == (4, 1, 3)
    assert lines["Nữ"] == (2, 1, 1)
    # ages in 2026: 36, 56, 27, 61
    assert lines["Tuổi: Dưới 30 tuổi"] == (1, 0, 1)
    assert lines["Tuổi: Từ 30 đến 40 tuổi"] == (1, 1, 0)
    assert lines["Tuổi: Từ 41 đến 50 tuổi"] == (0, 0, 0)
    assert lines["Tuổi: Từ 51 đến 60 tuổi"] == (1, 0, 1)
    assert lines["Tuổi: Từ 61 tuổi trở lên"] == (1, 0, 1)
    assert lines["Trình độ: Đại học"] == (2, 1, 1)
    assert lines["Trình độ: Thạc sĩ"] == (1, 0, 1)
    assert lines["Trình độ: Cao đẳng"] == (1, 0, 1)
    assert lines["Trình độ: Tiến sĩ"] == (0, 0, 0)
    # years in emulation work in 2026: 6, 16, 2, 10
    assert lines["Thâm niên: Dưới 5 năm"] == (1, 0, 1)
    assert lines["Thâm niên: Từ 5 đến 9 năm"] == (1, 1, 0)
    assert lines["Thâm niên: Từ 10 năm trở lên"] == (2, 0, 2)


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
    assert lines["Số cơ quan, đơn vị có người làm công tác thi đua, khen thưởng"] == (2,)
    assert lines["trong đó: có người chuyên trách"] == (1,)
    assert lines["trong đó: chỉ có người kiêm nhiệm"] == (1,)
    assert lines["Số Hội đồng Thi đua - Khen thưởng"] == (1,)
    assert lines["Cụm thi đua"] == (1,) and lines["Khối thi đua"] == (0,)
