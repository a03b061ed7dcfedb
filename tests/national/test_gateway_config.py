"""The national gateways come from the environment; production refuses local and sandbox ones."""

import pytest

from motcua.config import ConfigError, load_config

DIRECT = {"DVCQG_URL": "https://dvcqg.example.gov.vn/adapter", "DVCQG_AGENCY_CODE": "000.00.00.H26",
          "DVCQG_USERNAME": "tinh", "DVCQG_PASSWORD": "mat-khau"}
PRODUCTION = {"MOTCUA_ENV": "production", "SECRET_KEY": "k" * 40 + "abcdefghij0123456789",
              "ALLOWED_HOSTS": "dichvucong.example.gov.vn", "DATABASE_URL": "postgres://a@db/m"}


def test_no_dvcqg_url_means_no_gateway():
    assert load_config({}).national_gateways() == {}


def test_a_direct_gateway_carries_its_credentials_and_timeout():
    entry = load_config({**DIRECT, "DVCQG_TIMEOUT": "4.5"}).national_gateways()["dvcqg"]
    assert entry["URL"] == "https://dvcqg.example.gov.vn/adapter"
    assert (entry["AUTH"], entry["USERNAME"], entry["AGENCY_CODE"]) == (
        "session", "tinh", "000.00.00.H26")
    assert entry["TIMEOUT"] == 4.5


def test_a_gateway_through_the_lgsp_needs_its_client_credentials():
    env = {**DIRECT, "DVCQG_AUTH": "lgsp"}
    with pytest.raises(ConfigError, match="LGSP_TOKEN_URL, LGSP_CLIENT_ID, LGSP_CLIENT_SECRET"):
        load_config(env)
    entry = load_config({**env, "LGSP_TOKEN_URL": "https://lgsp.example.gov.vn/token",
                         "LGSP_CLIENT_ID": "motcua", "LGSP_CLIENT_SECRET": "s"}
                        ).national_gateways()["dvcqg"]
    assert entry["AUTH"] == "lgsp" and entry["LGSP"]["CLIENT_ID"] == "motcua"


def test_direct_credentials_and_the_agency_code_are_required():
    with pytest.raises(ConfigError, match="DVCQG_USERNAME, DVCQG_PASSWORD"):
        load_config({**DIRECT, "DVCQG_PASSWORD": ""})
    with pytest.raises(ConfigError, match="DVCQG_AGENCY_CODE"):
        load_config({**DIRECT, "DVCQG_AGENCY_CODE": ""})


@pytest.mark.parametrize("url", ["http://127.0.0.1:8100", "http://localhost:8100/dvcqg",
                                 "https://dvcqg-sandbox.example.gov.vn", "http://[::1]:8100"])
def test_production_refuses_a_local_or_sandbox_gateway(url):
    with pytest.raises(ConfigError, match="DVCQG_URL: a local or sandbox address is refused"):
        load_config({**PRODUCTION, **DIRECT, "DVCQG_URL": url})
    assert load_config({**DIRECT, "DVCQG_URL": url}).national_gateways()["dvcqg"]["URL"]


def test_production_refuses_a_local_lgsp():
    env = {**PRODUCTION, **DIRECT, "DVCQG_AUTH": "lgsp", "LGSP_TOKEN_URL": "http://127.0.0.1/t",
           "LGSP_CLIENT_ID": "c", "LGSP_CLIENT_SECRET": "s"}
    with pytest.raises(ConfigError, match="LGSP_TOKEN_URL: a local or sandbox address"):
        load_config(env)


def test_production_accepts_the_national_gateway():
    assert load_config({**PRODUCTION, **DIRECT}).national_gateways()["dvcqg"]



def test_the_push_token_is_long_and_never_shown():
    with pytest.raises(ConfigError, match="DVCQG_INBOUND_TOKEN: must be at least 32") as error:
        load_config({"DVCQG_INBOUND_TOKEN": "short-secret"})
    assert "short-secret" not in str(error.value)
    token = "t" * 32
    assert load_config({"DVCQG_INBOUND_TOKEN": token}).dvcqg_inbound_token == token


def test_production_with_a_push_token_names_the_file_hosts():
    env = {**PRODUCTION, "DVCQG_INBOUND_TOKEN": "t" * 32}
    with pytest.raises(ConfigError, match="DVCQG_FILE_HOSTS: required"):
        load_config(env)
    hosts = load_config({**env, "DVCQG_FILE_HOSTS": "dichvucong.gov.vn, proxy.example.gov.vn"})
    assert hosts.dvcqg_file_hosts == ["dichvucong.gov.vn", "proxy.example.gov.vn"]
