"""The API's docs page and its OpenAPI description: Vietnamese headings, our own files only."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_every_operation_is_summarised_and_described_in_vietnamese(client):
    from motcua.api.summaries import DESCRIPTIONS, SUMMARIES, TAGS

    schema = client.get("/api/v1/openapi.json").json()
    operations = [operation for path in schema["paths"].values() for operation in path.values()]
    assert {operation["operationId"] for operation in operations} == set(SUMMARIES)
    assert set(DESCRIPTIONS) == set(SUMMARIES)
    assert all(operation["summary"] == SUMMARIES[operation["operationId"]]
               and operation["description"] == DESCRIPTIONS[operation["operationId"]]
               for operation in operations)
    used = {tag for operation in operations for tag in operation["tags"]}
    assert {tag["name"] for tag in schema["tags"]} == used == set(TAGS)


def test_no_operation_or_group_is_left_in_the_framework_s_english(client):
    # the operations' summaries and descriptions and the groups' descriptions as a reader of the
    # docs meets them: Vietnamese (with its marks), never the framework's title-cased function
    # name ("List Dossiers") nor the view's English docstring
    schema = client.get("/api/v1/openapi.json").json()
    texts = [operation[key] for path in schema["paths"].values() for operation in path.values()
             for key in ("summary", "description")]
    assert texts and [text for text in texts if text.isascii()] == []
    descriptions = [tag.get("description", "") for tag in schema.get("tags", [])]
    assert descriptions and [text for text in descriptions if text.isascii()] == []


def test_the_summaries_are_in_english_once_the_reader_chooses_it(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    schema = client.get("/api/v1/openapi.json").json()
    summaries = {operation["operationId"]: operation["summary"]
                 for path in schema["paths"].values() for operation in path.values()}
    assert summaries["motcua_api_auth_issue_token"] == "Issue an access token"
    assert [summary for summary in summaries.values() if not summary.isascii()] == []


def test_the_docs_page_loads_swagger_ui_from_our_own_files(client):
    page = client.get("/api/v1/docs").content.decode()
    assert '<html lang="vi">' in page
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    assert all(source.startswith("/") for source in sources), sources  # no other site
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
