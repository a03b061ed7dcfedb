"""Gaps of issue 28 checked: an over-sized JSON body gets a JSON 413, and a 422 names the fields
at fault in Vietnamese."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


def test_an_oversized_json_body_gets_a_json_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = json.dumps({"username": "x" * 4096, "password": "y"})
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"] == "Yêu cầu quá lớn."


def test_a_422_names_the_fields_in_vietnamese(client):
    response = client.post("/api/v1/auth/token", {"username": "", "password": "y"},
                           content_type="application/json")
    assert response.status_code == 422
    text = json.dumps(response.json(), ensure_ascii=False)
    assert "username" in text
    assert "Field required" not in text and "String should" not in text
    assert any(letter in text for letter in "ầẩẫấậăắằẳẵặđơớờởỡợưứừửữự")
