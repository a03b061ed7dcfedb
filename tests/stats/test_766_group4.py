"""QĐ 766 group 4 (digitisation, integrations §6.4) on five dossiers worked out by hand.

March 2026, Sở KH&CN (DP.BC002). "File" is a stored component file, "result" a stored result
file, "store" a component file fetched from the person's data store, "earlier" one fetched from
an earlier result (both with their recorded origin):

  P  accepted 02/03, decided 10/03: file, result
  Q  accepted 03/03, decided 12/03: store, no result
  R  accepted 04/03, decided 13/03: no component file (a paper), result
  S  accepted 05/03, still running: earlier
  T  accepted 20/02 (carried over), decided 05/03: file, result
  V  accepted 06/03, still running: file, filed by an account linked to VNeID before it filed
  W  accepted 09/03, still running: file, filed by an account linked to VNeID only after it

Received in March: P Q R S V W = 6. 4.3 (a component digitised): P Q S V W = 5 of 6 =
83.33 %; 4.4 (reused: store or earlier): Q S = 2 of 6 = 33.33 %; 4.5 (VNeID-linked account
when filed, or store): Q V = 2 of 6 = 33.33 %.
Decided in March: P Q R T = 4. 4.1 (a result file): P R T = 3 of 4 = 75.00 %; 4.2 (component
files and a result file): P T = 2 of 4 = 50.00 %.
"""

from decimal import Decimal

from django.core.files.base import ContentFile
from django.test import Client

from motcua.dossiers.models import Attachment, Status
from motcua.national.models import DocumentOrigin, Origin
from motcua.org.models import Agency, User, VneidLink
from motcua.stats import selectors
from tests.helpers import local
from tests.stats.conftest import MARCH, SCIENCE, make


def _file(dossier, *, result=False, origin=None, result_code=""):
    attachment = Attachment(
        dossier=dossier, component=None if result else
        dossier.procedure_version.components.first(), original_name="tep.pdf",
        content_type="application/pdf", size=9, sha256="0" * 64, is_result=result,
        uploaded_by=User.objects.get(username="khcn.tiepnhan"))
    attachment.file.save("tep.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    if origin:
        DocumentOrigin.objects.create(attachment=attachment, origin=origin, reference="x",
                                      result_code=result_code)


def _filed_by_vneid_account(dossier, name, linked):
    """``dossier`` filed (on its acceptance day) by an applicant linked to VNeID at ``linked``."""
    from tests.factories.org import ApplicantFactory

    account = ApplicantFactory(username=f"vneid-{name}")
    link = VneidLink.objects.create(user=account, tech_id=f"tech-{name}", account_type="1",
                                    last_sign_in_at=linked)
    VneidLink.objects.filter(pk=link.pk).update(linked_at=linked)
    type(dossier).objects.filter(pk=dossier.pk).update(applicant=account)


def _decided(name, accepted, finished):
    return make(name, accepted=accepted, due=local(2026, 3, 31, 17), finished=finished,
                status=Status.FINISHED)


def test_qd_766_group_4_from_the_stored_evidence(world, media_in_tmp):
    p = _decided("P", local(2026, 3, 2, 9), local(2026, 3, 10, 9))
    _file(p), _file(p, result=True)
    q = _decided("Q", local(2026, 3, 3, 9), local(2026, 3, 12, 9))
    _file(q, origin=Origin.DATA_STORE)
    r = _decided("R", local(2026, 3, 4, 9), local(2026, 3, 13, 9))
    _file(r, result=True)
    s = make("S", accepted=local(2026, 3, 5, 9), due=local(2026, 3, 19, 17))
    _file(s, origin=Origin.EARLIER_RESULT, result_code="KQ.1.000001")
    t = _decided("T", local(2026, 2, 20, 9), local(2026, 3, 5, 9))
    _file(t), _file(t, result=True)
    for name, day, linked_day in (("V", 6, 1), ("W", 9, 20)):
        filed = make(name, accepted=local(2026, 3, day, 9), due=local(2026, 3, 31, 17))
        _file(filed)
        _filed_by_vneid_account(filed, name, linked=local(2026, 3, linked_day, 8))

    found = {i.code: i for i in selectors.index_766_group_4(MARCH)}

    assert {code: i.value for code, i in found.items()} == {
        "4.1": Decimal("75.00"), "4.2": Decimal("50.00"), "4.3": Decimal("83.33"),
        "4.4": Decimal("33.33"), "4.5": Decimal("33.33")}
    assert [(found[c].numerator, found[c].denominator) for c in sorted(found)] == [
        (3, 4), (2, 4), (5, 6), (2, 6), (2, 6)]
    science = {Agency.objects.get(identifier_code=SCIENCE).pk}
    assert selectors.digitisation(MARCH, science) == selectors.digitisation(MARCH)
    elsewhere = selectors.digitisation(MARCH, {-1})
    assert (elsewhere.received, elsewhere.resolved) == (0, 0)


def test_qd_766_group_4_on_the_public_page_between_3_6_and_5_4(world, media_in_tmp):
    p = _decided("P", local(2026, 3, 2, 9), local(2026, 3, 10, 9))
    _file(p), _file(p, result=True)

    page = Client().get("/thong-ke?start=01/03/2026&end=31/03/2026").content.decode()

    rows = [page.index(f'id="indicator-{code}"') for code in ("3.6", "4.1", "4.5", "5.4")]
    assert rows == sorted(rows)
    row = page[rows[1]:page.index("</tr>", rows[1])]
    assert "Tỷ lệ hồ sơ có kết quả điện tử" in row and "100,00 %" in row and "1 / 1" in row


def test_qd_766_group_4_nothing_to_count_is_no_figure(world):
    assert {i.value for i in selectors.index_766_group_4(MARCH)} == {None}
