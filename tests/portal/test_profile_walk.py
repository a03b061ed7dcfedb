"""The account page as a new citizen sees it: radio buttons that look like radio buttons, one
hint, and an account made by VNeID sign-in without an e-mail can be saved."""

import re

from django.urls import reverse

from motcua.messaging.models import PhoneChannel
from motcua.messaging.selectors import phone_channel
from motcua.org.models import User
from tests.helpers import CITIZEN

HINT = "Mọi thông báo vẫn hiện trong mục Thông báo trên trang"


def inputs(page, name):
    return re.findall(rf'<input [^>]*name="{name}"[^>]*>', page)


def test_the_text_message_choice_is_a_group_of_labelled_radio_buttons(world, client_as):
    page = client_as(CITIZEN).get(reverse("portal:profile")).text
    radios = inputs(page, "phone_channel")
    assert len(radios) == len(PhoneChannel.choices)
    for radio in radios:
        assert 'type="radio"' in radio and 'class="form-check-input"' in radio
        assert "form-control" not in radio
        identifier = re.search(r'id="([^"]+)"', radio).group(1)
        assert f'<label class="form-check-label" for="{identifier}">' in page
    assert all('class="form-check-input"' in box for box in inputs(page, "email_on"))


def test_the_notifications_hint_is_shown_once(world, client_as):
    assert client_as(CITIZEN).get(reverse("portal:profile")).text.count(HINT) == 1


def test_an_account_without_e_mail_saves_the_page_choosing_sms(world, client_as):
    User.objects.filter(username=CITIZEN).update(email="")
    client = client_as(CITIZEN)
    assert 'name="email"' in client.get(reverse("portal:profile")).text
    answer = client.post(reverse("portal:profile"), {
        "phone": "0912345678", "email": "", "address": "", "phone_channel": "sms"})
    assert answer.status_code == 302
    user = User.objects.get(username=CITIZEN)
    assert (user.email, user.phone) == ("", "0912345678")
    assert phone_channel(user) == PhoneChannel.SMS


def test_an_e_mail_typed_by_an_account_without_one_is_still_checked(world, client_as):
    User.objects.filter(username=CITIZEN).update(email="")
    answer = client_as(CITIZEN).post(reverse("portal:profile"), {
        "phone": "0912345678", "email": "an@", "phone_channel": "sms"})
    assert answer.status_code == 422
    assert "Thư điện tử không đúng dạng" in answer.text
    assert User.objects.get(username=CITIZEN).email == ""


def test_an_account_with_an_e_mail_keeps_one(world, client_as):
    User.objects.filter(username=CITIZEN).update(email="an@example.vn")
    answer = client_as(CITIZEN).post(reverse("portal:profile"), {"phone": "0912345678",
                                                                 "email": ""})
    assert answer.status_code == 422
    assert User.objects.get(username=CITIZEN).email == "an@example.vn"
