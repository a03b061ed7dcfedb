"""The citizen's fee box and the return page as a phone shows them: online payment and the
counter are offered as a choice, not side by side as if contradicting; the reference wraps."""

import re

from motcua.dossiers.models import Pause
from motcua.payments.models import PaymentTransaction
from tests.helpers import CITIZEN


def how_to_pay(page: str) -> str:
    found = re.search(r"<dt>Cách nộp</dt><dd>(.*?)</dd>", page, re.S)
    return " ".join(found.group(1).split())


def test_with_online_payment_the_counter_is_the_other_choice(
        platform, awaiting, client_as, at_now):
    page = client_as(CITIZEN).get(f"/ca-nhan/ho-so/{awaiting.code}/").content.decode()
    said = how_to_pay(page)
    assert said.startswith("Thanh toán trực tuyến bằng nút bên dưới, hoặc nộp trực tiếp tại bộ "
                           "phận một cửa: "), said
    assert "Thanh toán trực tuyến</button>" not in said


def test_the_officers_own_words_follow_the_online_choice(platform, awaiting, client_as, at_now):
    Pause.objects.filter(dossier__code=awaiting.code).update(
        how_to_pay="Chuyển khoản vào tài khoản 3711 tại Kho bạc Nhà nước Ninh Bình.")
    said = how_to_pay(client_as(CITIZEN).get(f"/ca-nhan/ho-so/{awaiting.code}/").content.decode())
    assert said == ("Thanh toán trực tuyến bằng nút bên dưới, hoặc chuyển khoản vào tài khoản "
                    "3711 tại Kho bạc Nhà nước Ninh Bình.")


def test_without_online_payment_the_way_is_shown_as_written(awaiting, client_as, settings):
    settings.MOTCUA_PAYMENT = {}
    page = client_as(CITIZEN).get(f"/ca-nhan/ho-so/{awaiting.code}/").content.decode()
    assert how_to_pay(page).startswith("Nộp trực tiếp tại bộ phận một cửa: ")
    assert "Thanh toán trực tuyến" not in page


def test_the_return_page_lets_the_reference_wrap_on_a_phone(
        platform, awaiting, client_as, at_now):
    client_as(CITIZEN).post(f"/thanh-toan/{awaiting.code}/")
    attempt = PaymentTransaction.objects.get()
    page = client_as(CITIZEN).get("/thanh-toan/ket-qua/",
                                  platform.confirm(attempt.reference, "00", valid=True))
    main = page.content.decode().split("<main", 1)[1]
    dl = main[:main.index(attempt.reference)].rsplit("<dl", 1)[1]
    assert dl.startswith(' class="text-break">')
