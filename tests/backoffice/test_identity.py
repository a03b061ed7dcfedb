"""The counter's identity check: a one-stop officer marks the account of a person whose papers
they have seen as verified; the account then sees its counter dossiers."""

from motcua.org.models import ApplicantProfile
from tests.dossiers.conftest import CITIZEN


def test_a_reception_officer_verifies_an_account_s_identity(staff):
    officer = staff("khcn.tiepnhan")
    page = officer.get("/can-bo/xac-minh-danh-tinh/", {"so": CITIZEN}).content.decode()
    assert "Chưa xác minh" in page
    assert officer.post("/can-bo/xac-minh-danh-tinh/", {"so": CITIZEN}).status_code == 302
    profile = ApplicantProfile.objects.get(id_number=CITIZEN)
    assert profile.identity_verified and profile.identity_verified_by.username == "khcn.tiepnhan"
    assert "Đã xác minh lúc" in officer.get("/can-bo/xac-minh-danh-tinh/",
                                            {"so": CITIZEN}).content.decode()


def test_an_unknown_number_changes_nothing_and_other_roles_are_refused(staff):
    officer = staff("khcn.tiepnhan")
    answer = officer.post("/can-bo/xac-minh-danh-tinh/", {"so": "001099000000"})
    assert answer.status_code == 422 and "Không có tài khoản nào" in answer.content.decode()
    assert staff("khcn.chuyenvien").get("/can-bo/xac-minh-danh-tinh/").status_code == 403
    assert not ApplicantProfile.objects.filter(identity_verified_at__isnull=False).exists()
