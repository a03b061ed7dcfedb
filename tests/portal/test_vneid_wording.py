"""What a citizen reads on the VNeID pages names the province's portal, never the software, and
the link page says an account's number once when its user name is that number."""

from __future__ import annotations

import re

import pytest

from motcua.national import vneid
from motcua.national.fake_sso import PEOPLE
from motcua.org.models import User
from tests.portal.conftest import CITIZEN
from tests.portal.test_vneid_signin import sandbox, sign_in, sso  # noqa: F401

LINK = "/tai-khoan/vneid/lien-ket/"


def text(page: str) -> str:
    """The words of the page's main part, without tags."""
    main = page.split("<main", 1)[-1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_no_refusal_names_the_software():
    for reason, message in vneid.REASONS.items():
        assert "motcua" not in str(message).lower(), reason


def test_a_link_to_an_account_named_by_its_number_says_the_number_once(client, sso):  # noqa: F811
    assert PEOPLE["cccd"]["SoDinhDanh"] == CITIZEN
    sign_in(client, "cccd")
    said = text(client.get(LINK).content.decode())
    assert f"Cổng dịch vụ công của tỉnh đã có tài khoản đăng ký với số {CITIZEN}." in said
    assert said.count(CITIZEN) == 1 and "motcua" not in said.lower()


def test_a_link_to_an_account_with_another_user_name_names_it(client, sso, world):  # noqa: F811
    User.objects.filter(pk=world.citizen.pk).update(username="an.nguyen")
    sign_in(client, "cccd")
    said = text(client.get(LINK).content.decode())
    assert ("Cổng dịch vụ công của tỉnh đã có tài khoản an.nguyen đăng ký với số "
            f"{CITIZEN}.") in said


@pytest.mark.parametrize("person", ["to-chuc"])
def test_the_refusal_page_does_not_name_the_software(client, sso, person):  # noqa: F811
    said = text(sign_in(client, person).content.decode())
    assert "không có mã số thuế" in said and "motcua" not in said.lower(), said
