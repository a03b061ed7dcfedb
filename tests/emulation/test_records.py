"""The seeded catalogue, the engine's input built from the records, the import of past awards
and the admin pages (minimal world: the Department of Science and its staff)."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from motcua.emulation import selectors
from motcua.emulation.models import (
    Appraisal,
    Award,
    AwardRule,
    AwardType,
    Case,
    Initiative,
    UnitMember,
)
from motcua.emulation.services import awards_template, import_awards, record_award
from motcua.org.models import User
from tests.factories.org import StaffFactory

pytestmark = pytest.mark.django_db
Y = 2025
DECIDED = dt.date(2025, 12, 20)  # after NĐ 152/2025 came into force (01/7/2025)


def test_seeded_catalogue_has_a_legal_source_on_every_row():
    types = AwardType.objects.all()
    assert {"LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "TTLDTT", "TTLDXS", "CO_TINH", "BK_TINH",
            "BK_TTG", "GK"} <= set(types.values_list("code", flat=True))
    assert all(row.legal_source.strip() for row in types)
    rules = AwardRule.objects.all()
    assert rules.count() >= types.count()
    assert all(rule.legal_source.strip() for rule in rules)
    assert all(rule.effective_from == dt.date(2025, 7, 1) for rule in rules)
    cstd = AwardRule.objects.get(award_type__code="CSTD_TINH")
    assert "Luật 06/2022/QH15 điều 22" in cstd.legal_source
    assert str(cstd.bonus_coefficient) == "3.00" and str(cstd.ballot_threshold) == "0.90"


def test_nd98_rules_are_not_in_force_before_nd152():
    """The seeded rows start on 01/7/2025 (NĐ 152/2025 art. 59): a decision dated earlier
    finds no seeded rule."""
    assert selectors.catalogue_on(dt.date(2025, 6, 30)) == {}
    assert ("CSTDCS", "individual") in selectors.catalogue_on(DECIDED)


def test_award_rule_refuses_unknown_criteria():
    rule = AwardRule.objects.get(award_type__code="LDTT")
    rule.criteria = {"rating_at_least": "HTTNV", "any_of": [{"guess": 1}]}
    with pytest.raises(ValidationError, match="guess"):
        rule.full_clean()


def test_l22_art22_person_record_from_the_register(world):
    person = world.specialist
    for year in (2023, 2024):
        Award.objects.create(staff=person, award_type=AwardType.objects.get(code="CSTDCS"),
                             year=year)
    Appraisal.objects.create(staff=person, year=Y, rating="HTXSNV")
    verdict = selectors.verdict(person, "CSTD_TINH", Y, decided_on=DECIDED)
    reasons = " ".join(selectors.reasons_text(verdict))
    assert not verdict.eligible
    assert "CSTĐ cấp tỉnh: đạt CSTĐCS 3 năm liên tục (2023, 2024, 2025)" in reasons
    assert "cần 1 sáng kiến chưa dùng, phạm vi từ TINH" in reasons
    initiative = Initiative.objects.create(title="Số hóa hồ sơ bưu chính", year=Y, scope="TINH")
    initiative.authors.add(person)
    verdict = selectors.verdict(person, "CSTD_TINH", Y, decided_on=DECIDED)
    assert verdict.eligible, selectors.reasons_text(verdict)
    award = record_award(Award(staff=person, award_type=AwardType.objects.get(code="CSTD_TINH"),
                               year=Y), [initiative])
    initiative.refresh_from_db()
    assert initiative.used_by == award
    again = selectors.verdict(person, "CSTD_TINH", Y, decided_on=DECIDED)
    assert not again.eligible  # the title is held, and the initiative is spent (CV 5007)


def test_bn86_art4_2_unit_ratio_computed_from_its_members(world):
    agency = world.agency
    Appraisal.objects.create(agency=agency, year=Y, rating="HTTNV")
    ratings = ["HTTNV", "HTTNV", "HTNV", "HTNV"]
    for index, rating in enumerate(ratings):
        member = StaffFactory(username=f"tv{index}", agency=agency)
        UnitMember.objects.create(agency=agency, staff=member, joined_on=dt.date(2020, 1, 1))
        Appraisal.objects.create(staff=member, year=Y, rating=rating)
    verdict = selectors.verdict(agency, "TTLDTT", Y, decided_on=DECIDED)
    assert not verdict.eligible
    assert "có 2/4 (50.0%)" in " ".join(selectors.reasons_text(verdict))
    Appraisal.objects.filter(staff__username="tv2").update(rating="HTTNV")
    assert selectors.verdict(agency, "TTLDTT", Y, decided_on=DECIDED).eligible
    # a member who left before the year does not count
    gone = StaffFactory(username="tv9", agency=agency)
    UnitMember.objects.create(agency=agency, staff=gone, joined_on=dt.date(2020, 1, 1),
                              left_on=dt.date(2024, 6, 30))
    assert selectors.verdict(agency, "TTLDTT", Y, decided_on=DECIDED).eligible


def test_nd152_art4_4_pending_case_from_the_records(world):
    Appraisal.objects.create(staff=world.clerk, year=Y, rating="HTXSNV")
    Case.objects.create(staff=world.clerk, kind="complaint", started_on=dt.date(Y, 11, 1),
                        pending=True)
    verdicts = selectors.verdicts(world.clerk, Y, decided_on=DECIDED)
    assert verdicts and not any(v.eligible for v in verdicts)


def _filled(rows) -> io.BytesIO:
    book = load_workbook(io.BytesIO(awards_template()))
    sheet = book.active
    sheet.delete_rows(3)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_import_past_awards_from_the_template(world, tmp_path):
    path = tmp_path / "khen-thuong.xlsx"
    path.write_bytes(_filled([
        (2023, "CSTDCS", "khcn.chuyenvien", None, "merit", "12/QĐ-SKHCN", "15/12/2023", "Sở"),
        (2024, "ttldtt", None, world.agency.identifier_code, None, "9/QĐ-SKHCN", None, "Sở"),
    ]).getvalue())
    dry = import_awards(path, dry_run=True)
    assert (dry.created, dry.errors) == (2, []) and not Award.objects.exists()
    report = import_awards(path)
    assert report.created == 2
    award = Award.objects.get(staff=world.specialist)
    assert (award.award_type.code, award.decision_date) == ("CSTDCS", dt.date(2023, 12, 15))
    assert Award.objects.get(agency=world.agency).award_type.code == "TTLDTT"
    assert import_awards(path).unchanged == 2 and Award.objects.count() == 2


def test_import_with_an_unclear_cell_changes_nothing(world, tmp_path):
    path = tmp_path / "sai.xlsx"
    path.write_bytes(_filled([
        (2023, "CSTDCS", "khcn.chuyenvien", None, None, None, None, None),
        (2024, "KHONGCO", "nobody", None, "merit", None, "31/02/2024", None),
    ]).getvalue())
    report = import_awards(path)
    assert not Award.objects.exists()
    assert "Ô B4: không có mã này trong danh mục" in report.errors
    assert "Ô C4: không có cán bộ này" in report.errors
    assert "Ô G4: ngày phải theo dạng dd/mm/yyyy" in report.errors


def test_import_command_writes_the_template_and_imports(world, tmp_path):
    template = tmp_path / "mau.xlsx"
    out = io.StringIO()
    call_command("emulation_awards_import", str(template), "--template", stdout=out)
    assert template.is_file()
    with pytest.raises(SystemExit):
        call_command("emulation_awards_import", str(template), "--dry-run", stdout=out)
    assert "Không nhập gì" in out.getvalue()  # the example names a login that does not exist


def test_admin_pages_open_and_show_verdicts(world, client):
    admin = User.objects.create_superuser("quantri.td", password=None)
    client.force_login(admin)
    Appraisal.objects.create(staff=world.specialist, year=Y, rating="HTTNV")
    for model in ("awardtype", "awardrule", "unitmember", "appraisal", "award", "initiative",
                  "case"):
        assert client.get(reverse(f"admin:emulation_{model}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:emulation_{model}_add")).status_code == 200
    ldtt = AwardType.objects.get(code="LDTT")
    assert client.get(reverse("admin:emulation_awardtype_change",
                              args=[ldtt.pk])).status_code == 200
    appraisal = Appraisal.objects.get()
    response = client.post(reverse("admin:emulation_appraisal_changelist"), {
        "action": "show_verdicts", "_selected_action": [appraisal.pk]}, follow=True)
    page = response.content.decode()
    assert "LDTT 2025: đủ điều kiện" in page
    assert "CSTDCS 2025: chưa đủ điều kiện" in page


def test_the_emulation_office_group_opens_the_register_and_nothing_else(world, client):
    from django.contrib.auth.models import Group

    officer = world.specialist
    officer.is_staff = True
    officer.save(update_fields=["is_staff"])
    officer.groups.add(Group.objects.get(name="Thi đua, khen thưởng (Sở Nội vụ)"))
    client.force_login(officer)
    assert client.get(reverse("admin:emulation_award_changelist")).status_code == 200
    assert client.get(reverse("admin:emulation_awardrule_add")).status_code == 200
    assert client.get(reverse("admin:dossiers_dossier_changelist")).status_code == 403
