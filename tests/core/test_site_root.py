"""What browsers and monitors ask of the site's root: HEAD /, the favicon."""

import pytest

pytestmark = pytest.mark.django_db


def test_head_of_the_home_page_is_answered(client, world):
    response = client.head("/")
    assert response.status_code == 200
    assert response.content == b""


def test_the_favicon_is_served_at_the_root_and_linked_from_every_page(client, world):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    page = client.get("/thu-tuc/").content.decode()
    assert '<link rel="icon" href="/static/core/favicon.svg" type="image/svg+xml">' in page
    assert client.get("/static/core/favicon.svg").status_code == 200
