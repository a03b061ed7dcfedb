"""The API's docs page and its OpenAPI description: Vietnamese headings, our own files only."""

import re

import pytest

from motcua.api.summaries import SUMMARIES, TAGS

pytestmark = pytest.mark.django_db


def test_every_operation_is_summarised_in_vietnamese(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = [operation for path in schema["paths"].values() for operation in path.values()]
    assert {operation["operationId"] for operation in operations} == set(SUMMARIES)
    assert all(operation["summary"] == SUMMARIES[operation["operationId"]]
               for operation in operations)
    used = {tag for operation in operations for tag in operation["tags"]}
    assert {tag["name"] for tag in schema["tags"]} == used == set(TAGS)


def test_the_docs_page_loads_swagger_ui_from_our_own_files(client):
    page = client.get("/api/v1/docs").content.decode()
    assert '<html lang="vi">' in page
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    assert all(source.startswith("/") for source in sources), sources  # no other site
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
