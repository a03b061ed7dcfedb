"""A dossier filed on DVCQG, as the officer sees it: its DVCQG code and origin beside the channel,
and the owner's contact taken from their account when the push carries none (integrations §1.3)."""

from django.urls import reverse

from motcua.dossiers.models import Dossier
from motcua.org.models import ApplicantProfile, User
from tests.factories.org import ApplicantFactory
from tests.national import test_dvcqg_receiver as receiving

OFFICER = "khcn.tiepnhan"
OWNER, push = receiving.OWNER, receiving.push
receiver = receiving.receiver  # the fixture: the receiver with its token, a push of the fake


def owner_account():
    return ApplicantFactory(username=OWNER[1], phone="0912345678",
                               email="cuc.le@example.vn", profile__id_number=OWNER[1],
                               profile__address="12 Lê Lợi, phường Hoa Lư")


def test_a_dossier_filed_on_dvcqg_keeps_its_owners_contact_from_their_account(receiver):
    owner_account()
    assert push(receiver()).status_code == 200

    dossier = Dossier.objects.get()
    assert (dossier.owner_phone, dossier.owner_email, dossier.owner_address) == (
        "0912345678", "cuc.le@example.vn", "12 Lê Lợi, phường Hoa Lư")


def test_the_officer_sees_the_dvcqg_code_and_origin_and_the_owners_account_contact(
        receiver, client_as):
    message = receiver()
    assert push(message).status_code == 200
    dossier = Dossier.objects.get()
    assert dossier.owner_phone == ""  # an account opened for the push, without a contact
    # the owner completes their account afterwards
    User.objects.filter(pk=dossier.applicant_id).update(phone="0912345678",
                                                        email="cuc.le@example.vn")
    ApplicantProfile.objects.filter(user_id=dossier.applicant_id).update(
        address="12 Lê Lợi, phường Hoa Lư")

    html = client_as(OFFICER).get(reverse("backoffice:dossier", args=[dossier.code])) \
        .content.decode()

    assert "Mã hồ sơ trên DVCQG" in html and message["data"]["MaHoSoQG"] in html
    assert "nộp trên Cổng Dịch vụ công quốc gia" in html
    assert "0912345678" in html and "cuc.le@example.vn" in html
    assert "12 Lê Lợi, phường Hoa Lư" in html


def test_a_dossier_filed_in_motcua_shows_no_dvcqg_origin(flow, client_as):
    run = flow(until="accepted")
    html = client_as(OFFICER).get(reverse("backoffice:dossier", args=[run.code])) \
        .content.decode()
    assert "Mã hồ sơ trên DVCQG" not in html
