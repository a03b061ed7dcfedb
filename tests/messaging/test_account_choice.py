"""On their account page an applicant chooses text messages beside the e-mail: none (the
default), SMS, or Zalo falling back to SMS; a mobile number is needed for either."""

from django.urls import reverse

from motcua.messaging.models import PhoneChannel, PhonePreference
from motcua.messaging.selectors import phone_channel
from motcua.org.models import User
from tests.helpers import CITIZEN


def save(client, **fields):
    data = {"phone": "0912345678", "email": "an@example.vn",
            "email_on": ["dossier_progress"], "address": "Hoa Lư, Ninh Bình", **fields}
    return client.post(reverse("portal:profile"), data)


def test_the_default_is_e_mail_only(world):
    assert phone_channel(User.objects.get(username=CITIZEN)) == PhoneChannel.NONE


def test_the_applicant_chooses_zalo_then_sms(world, client_as):
    client = client_as(CITIZEN)
    page = client.get(reverse("portal:profile")).text
    assert 'name="phone_channel"' in page and "Zalo (không gửi được qua Zalo thì nhắn SMS)" in page
    assert save(client, phone_channel="zalo").status_code == 302
    user = User.objects.get(username=CITIZEN)
    assert phone_channel(user) == PhoneChannel.ZALO and user.phone == "0912345678"
    assert save(client, phone_channel="sms").status_code == 302
    assert phone_channel(user) == PhoneChannel.SMS
    assert save(client, phone_channel="none").status_code == 302
    assert phone_channel(user) == PhoneChannel.NONE


def test_a_text_channel_needs_a_mobile_number(world, client_as):
    answer = save(client_as(CITIZEN), phone="02433334444", phone_channel="sms")
    assert answer.status_code == 422
    assert "Để nhận tin nhắn, hãy nhập số điện thoại di động." in answer.text
    assert not PhonePreference.objects.exists()


def test_staff_have_no_text_message_choice(world, client_as):
    page = client_as("khcn.tiepnhan").get(reverse("portal:profile")).text
    assert 'name="phone_channel"' not in page
