"""The editors' admin (/bien-tap/) under a relaxed Content-Security-Policy, the rest of the site
under the strict one; the admin reads in Vietnamese."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def policy_of(response) -> dict[str, str]:
    return dict(part.strip().split(" ", 1)
                for part in response["Content-Security-Policy"].split(";") if part.strip())


def test_the_editors_admin_may_run_inline_code_and_frame_its_own_previews(client):
    response = client.get("/bien-tap/login/")
    policy = policy_of(response)
    assert policy["script-src"] == policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["frame-ancestors"] == policy["frame-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["default-src"] == "'self'"
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.parametrize("path", ["/", "/cong/sitemap.xml", "/tai-khoan/login/", "/bien-tapx/",
                                  "/admin/login/"])
def test_every_other_page_keeps_the_strict_policy(client, path):
    response = client.get(path)
    policy = policy_of(response)
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert policy["script-src"] == policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_the_editors_admin_reads_in_vietnamese(client_as, portals):
    import json
    import re

    page = client_as(portals.editor).get("/bien-tap/")
    html = page.content.decode()
    assert page.status_code == 200
    assert re.search(r'<html[^>]* lang="vi"', html)
    assert "Trang tổng quan" in re.search(r"<title>(.*?)</title>", html, re.S)[1]
    sidebar = json.dumps(json.loads(re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html,
        re.S)[1]), ensure_ascii=False)
    assert '"Trang"' in sidebar  # the menu's 'Pages', Wagtail's catalogue
    assert '"Thông tin bắt buộc"' in sidebar  # ours
