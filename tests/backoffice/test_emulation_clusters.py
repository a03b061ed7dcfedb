"""The emulation pages: the cluster head records scores and the year-end meeting, members read,
others find nothing; the register searched by name without diacritics; the §10 reports."""

import datetime as dt
import io

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from motcua.core.dates import VN_TZ
from motcua.emulation import clusters, demo, reports
from motcua.emulation.models import (
    Award,
    AwardType,
    Cluster,
    Movement,
    MovementForm,
    MovementKind,
    MovementScope,
    ScoreCriterion,
)
from motcua.emulation.proposal_selectors import OFFICE_GROUP
from motcua.org.models import Agency, Role, User
from tests.factories.org import StaffFactory

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def cycle(province):
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, tzinfo=VN_TZ), tick=False):
        demo.load()
        yield Cluster.objects.get(code="CUM-03")


def page(cluster, name="emulation_cluster", year=YEAR):
    return reverse(f"backoffice:{name}", kwargs={"pk": cluster.pk, "year": year})


def test_the_head_records_scores_and_sees_the_ranking(cycle, client_as):
    head = client_as("khcn.giamdoc")
    culture = Agency.objects.get(identifier_code=demo.CULTURE)
    first, bonus = (ScoreCriterion.objects.get(cluster=cycle, year=YEAR, code=code)
                    for code in ("1", "5"))
    response = head.get(page(cycle))
    assert response.status_code == 200
    assert f'name="p-{culture.pk}-{first.pk}"' in response.content.decode()
    # Culture 96 -> 100: 38 -> 40 and a bonus of 1.5 -> 3.5, typed as written in Vietnamese
    response = head.post(page(cycle, "emulation_scores"), {
        f"p-{culture.pk}-{first.pk}": "40", f"p-{culture.pk}-{bonus.pk}": "3,5"}, follow=True)
    assert "Đã ghi 2 điểm" in response.content.decode()
    assert f'name="p-{culture.pk}-{bonus.pk}" value="3,50"' in response.content.decode()
    assert clusters.standings(cycle, YEAR)[0].agency == culture
    refused = head.post(page(cycle, "emulation_scores"), {f"p-{culture.pk}-{bonus.pk}": "6"},
                        follow=True)
    assert "phải từ 0 đến 5" in refused.content.decode()


def test_the_head_records_the_year_end_meeting(cycle, client_as):
    finance, science = (Agency.objects.get(identifier_code=code)
                        for code in (demo.FINANCE, demo.SCIENCE))
    response = client_as("khcn.chuyenvien").post(page(cycle, "emulation_year_end"), {
        "held_on": "2026-12-13", "place": "Sở Khoa học và Công nghệ", "minutes": "Tổng kết",
        "next_head": finance.pk, "next_deputy": science.pk,
        f"a-{finance.pk}": "CO_TINH", f"a-{science.pk}": "BK_TINH"}, follow=True)
    assert "Đã ghi hội nghị tổng kết năm 2026" in response.content.decode()
    assert sorted(p.award_type.code for p in clusters.proposals_of(cycle, YEAR)) == [
        "BK_TINH", "CO_TINH"]
    assert clusters.year_end(cycle, YEAR).held_on == dt.date(2026, 12, 13)


def test_a_member_reads_but_does_not_record_and_others_find_nothing(cycle, client_as):
    member = client_as("motcua.giamdoc")  # Culture: a member, not the head
    response = member.get(page(cycle))
    assert response.status_code == 200 and 'name="p-' not in response.content.decode()
    assert member.post(page(cycle, "emulation_scores"), {}).status_code == 403
    outsider = StaffFactory(role=Role.SPECIALIST)
    assert client_as(outsider).get(page(cycle)).status_code == 404
    assert client_as(outsider).get(reverse("backoffice:emulation_clusters")).status_code == 200
    outsider.is_staff = True  # the office's staff: is_staff on, in the group
    outsider.save(update_fields=["is_staff"])
    outsider.groups.add(Group.objects.get(name=OFFICE_GROUP))
    assert client_as(outsider).get(page(cycle)).status_code == 200  # the office sees all


def test_register_search_by_name_without_diacritics_unit_and_year(cycle, client_as):
    person = User.objects.get(username="khcn.chuyenvien")  # Bùi Đức Thắng
    Award.objects.create(award_type=AwardType.objects.get(code="CSTDCS"), staff=person,
                         year=2025, decision_number="45/QĐ-SKHCN")
    url = reverse("backoffice:emulation_register")
    leader = client_as("khcn.giamdoc")
    found = leader.get(url, {"name": "bui duc thang"}).content.decode()
    assert "45/QĐ-SKHCN" in found and "Bùi Đức Thắng" in found
    science = Agency.objects.get(identifier_code=demo.SCIENCE)
    by_unit = leader.get(url, {"unit": science.pk, "year": 2025}).content.decode()
    assert "45/QĐ-SKHCN" in by_unit and "1520/QĐ-UBND" in by_unit  # the person and the unit
    assert "1521/QĐ-UBND" not in by_unit  # Culture's and Finance's Bằng khen
    # the reports follow the year searched, the previous one a link away
    office = StaffFactory(role=Role.SPECIALIST)
    office.is_staff = True  # the office's staff: is_staff on, in the group
    office.save(update_fields=["is_staff"])
    office.groups.add(Group.objects.get(name=OFFICE_GROUP))
    reports_of = client_as(office).get(url, {"year": 2024}).content.decode()
    assert "/bao-cao/0603/2024.xlsx" in reports_of and 'href="?year=2023"' in reports_of
    # Culture's staff read Culture's awards only
    culture = client_as("motcua.giamdoc").get(url, {"name": "so"}).content.decode()
    assert "1521/QĐ-UBND" in culture and "1520/QĐ-UBND" not in culture


def test_movement_lines_of_0601_hand_worked():
    lines = {line[0]: line[1:] for line in reports.movement_lines([
        reports.MovementRow("regular", "province", "yearly", dt.date(2025, 1, 1),
                            dt.date(2025, 12, 31)),
        reports.MovementRow("thematic", "cluster", "campaign", dt.date(2025, 3, 1),
                            dt.date(2025, 9, 1)),
        reports.MovementRow("thematic", "province", "five_year", dt.date(2025, 1, 1),
                            dt.date(2029, 12, 31))])}
    # (code, total, Central, ministry or province, unit)
    assert lines["Tổng số"] == ("01", 3, 0, 2, 1)
    assert lines["- Thi đua thường xuyên hằng năm"][1] == 1
    assert lines["- Thi đua theo chuyên đề"][1] == 2
    assert lines["- Bộ, ban, ngành, đoàn thể, địa phương"][1] == 2
    assert lines["- Toàn quốc"][1] == 0 and lines["- Từ 5 năm trở lên"][1] == 1


def _sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content)
                                         if response.streaming else response.content)
                              ).active.iter_rows(values_only=True))
    return rows


def test_tt02_2023_reports_0603_0601_and_the_cluster_report(cycle, client_as):
    person = User.objects.get(username="khcn.chuyenvien")
    Award.objects.create(award_type=AwardType.objects.get(code="CSTD_TINH"), staff=person,
                         year=2025, decision_date=dt.date(2025, 12, 28))
    Award.objects.create(award_type=AwardType.objects.get(code="BK_TINH"), staff=person,
                         year=2024, decision_date=dt.date(2025, 1, 10))  # decided in 2025
    Movement.objects.create(code="PT-2025", title="Thi đua 2025", form=MovementForm.THEMATIC,
                            kind=MovementKind.CAMPAIGN, scope=MovementScope.CLUSTER,
                            launched_by="Cụm", starts_on=dt.date(2025, 3, 1),
                            ends_on=dt.date(2025, 9, 1))
    office = StaffFactory(role=Role.SPECIALIST)
    office.is_staff = True  # the office's staff: is_staff on, in the group
    office.save(update_fields=["is_staff"])
    office.groups.add(Group.objects.get(name=OFFICE_GROUP))
    client = client_as(office)

    def report(name, year):
        return client.get(reverse("backoffice:emulation_report",
                                  kwargs={"report": name, "year": year}))

    def form(name, year):
        return {row[0]: row[1:] for row in _sheet(report(name, year)) if row and row[0]}

    # the field's year runs from 1 December: the demo's awards decided on 28/12/2025 (the
    # flag, two Bằng khen and TTLĐXS for units, TTLĐXS in none of the form's columns) and the
    # person's CSTĐ cấp tỉnh count in 2026; (code, unit, total, Bằng khen, CSTĐ, flag, badge)
    rows = form("0603", 2026)
    assert rows["Tổng số"] == ("01", None, 4, 2, 1, 1, 0)
    assert rows["- Tập thể"] == ("02", "Tập thể", 3, 2, 0, 1, 0)
    assert rows["- Cá nhân"] == ("05", "Người", 1, 0, 1, 0, 0)
    assert rows["- Thường xuyên"] == ("11", None, 4, 2, 1, 1, 0)
    # the person's Bằng khen decided on 10/01/2025 counts in 2025; state levels are 0602's
    assert form("0603", 2025)["Tổng số"] == ("01", None, 1, 1, 0, 0, 0)
    lines = form("0601", 2025)
    assert lines["Tổng số"][1] == 1
    assert lines["- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức"] == (
        "04", 1, 0, 0, 1)
    cluster_rows = _sheet(report("cum", 2026))[2:]
    assert cluster_rows[0][1:] == ("Sở Tài chính", 99.5, 1,
                                   "Cờ thi đua của Ủy ban nhân dân tỉnh")  # a name, not a code
    assert len(cluster_rows) == 9
    assert client_as("khcn.giamdoc").get(reverse(
        "backoffice:emulation_report", kwargs={"report": "0603", "year": 2025})).status_code == 403
    assert report("0699", 2025).status_code == 404
