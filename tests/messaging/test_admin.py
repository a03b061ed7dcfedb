"""The administration's pages of the text messages: the templates (with their parameters
checked), the messages (with "gửi lại ngay"), the choices and the Zalo token."""

import pytest
from django.urls import reverse

from motcua.messaging.models import Template

PAGES = ["messaging_template", "messaging_textmessage", "messaging_phonepreference",
         "messaging_zalotoken"]


@pytest.mark.parametrize("model", PAGES)
def test_each_page_opens(admin_client, model):
    assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200
    if model != "messaging_textmessage":
        assert admin_client.get(reverse(f"admin:{model}_add")).status_code == 200


def test_a_template_with_an_unknown_parameter_is_refused(admin_client, db):
    data = {"channel": "sms", "notice": "receipt", "template_id": "MC_TIEPNHAN",
            "params": '["ma_ho_so", "ngay_hen"]', "max_length": "30", "active": "on"}
    answer = admin_client.post(reverse("admin:messaging_template_add"), data)
    assert answer.status_code == 200 and "Tham số không có: ngay_hen" in answer.text
    data["params"] = '["ma_ho_so", "ngay_hen_tra"]'
    assert admin_client.post(reverse("admin:messaging_template_add"), data).status_code == 302
    assert Template.objects.get().params == ["ma_ho_so", "ngay_hen_tra"]
