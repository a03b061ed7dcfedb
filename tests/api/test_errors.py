"""The API's errors: JSON of the documented shape, in Vietnamese, whatever refuses the request."""

import pytest

from motcua.org.demo import DEMO_PASSWORD
from tests.conftest import bearer_headers

pytestmark = pytest.mark.django_db


def test_invalid_input_names_each_field_at_fault(client):
    response = client.get("/api/v1/procedures", {"page": 0, "page_size": 101})
    body = response.json()
    assert response.status_code == 422
    assert body["detail"].startswith("Dữ liệu gửi lên không hợp lệ: ")
    assert {tuple(error["loc"]) for error in body["errors"]} == {
        ("query", "page"), ("query", "page_size")}
    assert all(error["msg"] and error["type"] for error in body["errors"])


def test_field_messages_are_in_vietnamese(client):
    response = client.get("/api/v1/procedures", {"page": 0, "page_size": "many"})
    messages = {error["loc"][-1]: error["msg"] for error in response.json()["errors"]}
    assert messages == {"page": "Phải lớn hơn hoặc bằng 1.", "page_size": "Cần một số nguyên."}
    assert "Phải lớn hơn hoặc bằng 1" in response.json()["detail"]
    reports = client.get("/api/v1/reports/06a", {"by": "province"}).json()["errors"]
    assert reports[0]["msg"] == (
        "Phải là một trong các giá trị: 'agency', 'procedure' hoặc 'sector'.")


def test_a_field_message_never_falls_back_to_english():
    from motcua.api.messages import field_message

    assert field_message({"type": "some_new_type", "msg": "Input should be new"}) == (
        "Giá trị không hợp lệ.")
    assert field_message({"type": "value_error", "msg": "Value error, Ngày sai.",
                          "ctx": {"error": "Ngày sai."}}) == "Ngày sai."


def test_a_json_body_read_by_hand_is_refused_the_same_way(client, world):
    response = client.post("/api/v1/dossiers", {"procedure": "", "subject": "x"},
                           content_type="application/json",
                           headers=bearer_headers(world.citizen.username))
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "procedure"]


def test_no_token_is_a_401_in_vietnamese(client):
    response = client.get("/api/v1/dossiers")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Cần đăng nhập" in response.json()["detail"]


def test_an_unreadable_body_is_a_400(client):
    response = client.post("/api/v1/auth/token", "{", content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v1/dossiers/a/b/c",
                                  "/api/v1/calendar/2026/extra"])
def test_an_address_naming_no_operation_is_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Không có địa chỉ API này."}


def test_a_year_that_is_not_a_number_is_a_422(client):
    assert client.get("/api/v1/calendar/abc").status_code == 422


def test_a_locked_account_gets_a_json_429_from_the_token_endpoint(client, world):
    # a staff account of the minimal world, given the demo's password (the factories' have none)
    world.clerk.set_password(DEMO_PASSWORD)
    world.clerk.save(update_fields=["password"])

    def token(password):
        return client.post("/api/v1/auth/token", {"username": world.clerk.username,
                                                  "password": password},
                           content_type="application/json", REMOTE_ADDR="10.0.0.9")

    for _ in range(4):
        assert token("wrong").status_code == 401
    assert token("wrong").status_code == 429  # the fifth failure locks (AXES_FAILURE_LIMIT)
    response = token(DEMO_PASSWORD)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "thử lại sau 15 phút" in response.json()["detail"]
    assert response["Retry-After"] == str(15 * 60)


def test_every_schema_name_is_used_once(client):
    """Two schemas of one name would share one entry in the OpenAPI: one of them described
    wrongly (it happened to the procedure's and the dossier's steps)."""
    from ninja import Schema

    from motcua.api.urls import api

    components = api.get_openapi_schema()["components"]["schemas"]
    names = [cls.__name__ for cls in _subclasses(Schema)
             if (cls.__module__.endswith(".api") or cls.__module__.startswith("motcua.api."))
             and cls.__name__ in components]
    assert sorted(names) == sorted(set(names))


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)
