"""The OpenAPI document as third-party linters read it (`make lint-api` runs Spectral and Redocly
on it): the properties they check, checked here without node, so a regression fails `make test`
too."""

import json
import tomllib
from pathlib import Path

import pytest

from motcua.api.examples import BODIES
from motcua.core.apitools.types import Invalid, Message
from motcua.dossiers.api import ActionIn, DossierIn
from tests.helpers import bearer_headers

pytestmark = pytest.mark.django_db

REF = "#/components/schemas/"
PYPROJECT = Path(__file__).parents[2] / "pyproject.toml"
# Open to all (auth=None); every other operation needs a token or the web session.
# operations called by an outside system, each with its own proof (not the staff's schemes)
OUTSIDE_CALLERS = {"motcua_national_api_receive_dvcqg_dossier": "DvcqgToken",  # shared token
                   "motcua_messaging_api_receive_zalo_event": "ZaloSignature",  # Zalo's MAC
                   # the IOC feed: its own key
                   **dict.fromkeys(("motcua_stats_ioc_api_ioc_daily",
                                    "motcua_stats_ioc_api_ioc_periods",
                                    "motcua_stats_ioc_api_ioc_period"), "FeedKeyHeader")}
PUBLIC = {
    "motcua_api_auth_issue_token", "motcua_workcal_api_due", "motcua_workcal_api_year",
    "motcua_catalog_api_list_procedures", "motcua_catalog_api_get_procedure",
    "motcua_dossiers_api_lookup", "motcua_stats_api_report_06a", "motcua_stats_api_report_766",
}


def _schema(client) -> dict:
    return client.get("/api/v1/openapi.json").json()


def _operations(schema: dict) -> list[dict]:
    return [operation for path in schema["paths"].values() for operation in path.values()]


def test_the_server_is_the_site_s_configured_address(client, settings):
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.ninhbinh.gov.vn"
    servers = _schema(client)["servers"]
    assert [server["url"] for server in servers] == ["https://dichvucong.ninhbinh.gov.vn"]
    assert all(server["description"] for server in servers)


def test_the_contact_is_the_site_operator_and_the_licence_the_project_s(client, settings):
    settings.MOTCUA_SITE = {"NAME": "Cổng Dịch vụ công tỉnh Ninh Bình",
                            "OPERATOR": "Ủy ban nhân dân tỉnh Ninh Bình", "ADDRESS": "",
                            "HOTLINE": "0229 3871 234"}
    info = _schema(client)["info"]
    assert info["contact"] == {"name": "Ủy ban nhân dân tỉnh Ninh Bình",
                               "url": settings.MOTCUA_PUBLIC_URL, "x-hotline": "0229 3871 234"}
    licence = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["license"]
    assert info["license"] == {"name": licence, "identifier": licence}


def test_without_an_operator_the_contact_is_the_site_s_name(client, settings):
    settings.MOTCUA_SITE_NAME = "Cổng Dịch vụ công tỉnh Ninh Bình"
    settings.MOTCUA_SITE = {"NAME": "", "OPERATOR": "", "ADDRESS": "", "HOTLINE": ""}
    info = _schema(client)["info"]
    assert info["contact"] == {"name": "Cổng Dịch vụ công tỉnh Ninh Bình",
                               "url": settings.MOTCUA_PUBLIC_URL}


def test_operations_open_to_all_say_so_with_an_empty_security(client):
    schema = _schema(client)
    operations = _operations(schema)
    assert {op["operationId"] for op in operations if op["security"] == []} == PUBLIC
    schemes = set(schema["components"]["securitySchemes"]) - set(OUTSIDE_CALLERS.values())
    for operation in operations:
        needs = {name for need in operation["security"] for name in need}
        if operation["operationId"] in OUTSIDE_CALLERS:  # that system's proof only
            assert needs == {OUTSIDE_CALLERS[operation["operationId"]]}
        elif operation["operationId"] not in PUBLIC:
            assert needs == schemes


def test_every_operation_has_a_unique_id_a_summary_and_a_description(client):
    operations = _operations(_schema(client))
    ids = [operation["operationId"] for operation in operations]
    assert len(ids) == len(set(ids))
    assert [op["operationId"] for op in operations
            if not (op["summary"].strip() and op["description"].strip())] == []


@pytest.mark.parametrize("operation_id", ["motcua_exchange_api_act_on_outgoing",
                                          "motcua_exchange_api_act_on_incoming"])
def test_a_description_that_lists_the_actions_lists_every_one(client, operation_id):
    # the documents' action operations say what each action does and which field it reads
    operation = next(op for op in _operations(_schema(client)) if op["operationId"] == operation_id)
    action = next(p for p in operation["parameters"] if p["name"] == "action")
    assert [value for value in action["schema"]["enum"]
            if f"{value}:" not in operation["description"]] == []


def test_every_tag_used_is_declared_with_a_description(client):
    schema = _schema(client)
    declared = {tag["name"]: tag["description"] for tag in schema["tags"]}
    used = {tag for operation in _operations(schema) for tag in operation["tags"]}
    assert used <= set(declared)
    assert all(declared.values())


def test_every_component_schema_is_referenced_and_every_reference_resolves(client):
    schema = _schema(client)
    schemas = schema["components"]["schemas"]
    unreferenced = []
    for name in schemas:
        others = {**schema, "components": {"schemas": {n: s for n, s in schemas.items()
                                                       if n != name}}}
        if f'"{REF}{name}"' not in json.dumps(others):
            unreferenced.append(name)
    assert unreferenced == []
    text = json.dumps(schema)
    referenced = {part.split('"')[0] for part in text.split(f'"$ref": "{REF}')[1:]}
    assert referenced <= set(schemas)


def test_the_dossier_bodies_and_the_error_shapes_have_examples_the_api_accepts(client):
    schema = _schema(client)
    examples = {op["operationId"]: op["requestBody"]["content"]["application/json"]["examples"]
                for op in _operations(schema) if op["operationId"] in BODIES}
    assert set(examples) == {"motcua_dossiers_api_create_dossier",
                             "motcua_dossiers_api_act_on_dossier"}
    for example in examples["motcua_dossiers_api_create_dossier"].values():
        DossierIn.model_validate(example["value"])
    for example in examples["motcua_dossiers_api_act_on_dossier"].values():
        ActionIn.model_validate(example["value"])
    assert all(example["summary"] for named in examples.values() for example in named.values())
    components = schema["components"]["schemas"]
    for model in (Message, Invalid):
        assert components[model.__name__]["examples"]
        for example in components[model.__name__]["examples"]:
            model.model_validate(example)


def test_the_422_example_is_the_api_s_answer_to_that_body(client, world):
    # a registration without its subject, for a citizen whose ID number has 10 digits
    example = _schema(client)["components"]["schemas"]["Invalid"]["examples"][0]
    body = {"procedure": "DP.BC002",
            "owner": {"type": "citizen", "name": "Nguyễn Văn An", "id_number": "0370900012"}}
    response = client.post("/api/v1/dossiers", body, content_type="application/json",
                           headers=bearer_headers(world.citizen.username))
    assert (response.status_code, response.json()) == (422, example)
