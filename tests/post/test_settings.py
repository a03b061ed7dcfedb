"""The post's settings come from the environment; production refuses a local or sandbox VNPost."""

import pytest

from motcua.config import ConfigError, load_config
from tests.national.test_gateway_config import PRODUCTION

VNPOST = {"POST_URL": "https://api.vnpost.example.vn/", "POST_USERNAME": "tinh",
          "POST_PASSWORD": "mat-khau", "POST_CUSTOMER_CODE": "C0054"}


def test_no_post_url_means_no_post():
    assert load_config({}).post_service()["URL"] == ""


def test_the_post_service_carries_its_urls_tariff_and_codes():
    entry = load_config({**VNPOST, "POST_FEE_VND": "25000",
                         "POST_AGENCY_DISTRICT": "5401"}).post_service()
    assert entry["ORDER_URL"] == "https://api.vnpost.example.vn/orders"
    assert entry["TOKEN_URL"] == "https://api.vnpost.example.vn/token"
    assert (entry["FEE_VND"], entry["AGENCY_PROVINCE"], entry["AGENCY_DISTRICT"]) == (
        25000, 54, 5401)


def test_credentials_and_the_customer_code_are_required():
    with pytest.raises(ConfigError, match="POST_USERNAME, POST_PASSWORD, POST_CUSTOMER_CODE"):
        load_config({**VNPOST, "POST_CUSTOMER_CODE": ""})


@pytest.mark.parametrize("url", ["http://127.0.0.1:8100/post", "https://vnpost-sandbox.example.vn",
                                 "http://localhost/post"])
def test_production_refuses_a_local_or_sandbox_post(url):
    with pytest.raises(ConfigError, match="POST_URL: a local or sandbox address is refused"):
        load_config({**PRODUCTION, **VNPOST, "POST_URL": url})
    assert load_config({**PRODUCTION, **VNPOST}).post_service()["URL"]
