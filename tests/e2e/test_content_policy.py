"""The Content-Security-Policy in a real browser: inline code is blocked, our pages need none.

Every browser test fails when the policy blocks anything on a page it opens (conftest.Pages);
this file shows the watch works and visits the pages no journey passes through.
"""

import pytest

from motcua.org.demo import DEMO_PASSWORD


@pytest.mark.django_db(transaction=True)
def test_an_injected_inline_style_is_blocked_and_reported(open_page, live_server):
    page = open_page()
    page.goto(f"{live_server.url}/")
    page.evaluate("""() => { const s = document.createElement("style");
                             s.textContent = "body { color: rgb(255, 0, 0); }";
                             document.head.append(s); }""")
    page.wait_for_timeout(200)  # let the violation event reach the test
    assert page.evaluate("getComputedStyle(document.body).color") != "rgb(255, 0, 0)"
    assert len(open_page.csp_violations) == 1
    assert open_page.csp_violations[0].startswith("style-src-elem blocked inline")
    open_page.csp_violations.clear()  # seen: the fixture's own check must not fail the test


AFTER_LOAD_SCRIPTS_RAN = """() => new Promise((done) =>
    requestAnimationFrame(() => setTimeout(done, 0)))"""

PAGES_OUTSIDE_THE_JOURNEYS = {
    None: ["/thu-tuc/", "/tra-cuu", "/thong-ke", "/tai-khoan/dang-ky/"],
    "motcua.quantri": ["/admin/", "/admin/dossiers/dossier/", "/admin/org/user/",
                       "/admin/outbox/outboxmessage/", "/admin/catalog/procedure/"],
    "khcn.tiepnhan": ["/can-bo/", "/can-bo/tiep-nhan/", "/can-bo/so-theo-doi/"],
    "khcn.giamdoc": ["/can-bo/thong-ke/"],
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("username", list(PAGES_OUTSIDE_THE_JOURNEYS))
def test_pages_outside_the_journeys_need_no_blocked_script_or_style(open_page, live_server,
                                                                    province, username):
    page = open_page()
    if username:
        page.goto(f"{live_server.url}/tai-khoan/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state()
    for path in PAGES_OUTSIDE_THE_JOURNEYS[username]:
        response = page.goto(f"{live_server.url}{path}")  # returns once the page has loaded
        assert response.status == 200, path
        # the scripts' work after the load event (a frame drawn, the timers of 0 ms run); not
        # "networkidle", which also waits on the late images of the stylesheets and timed out
        # when the test server was slow to send one
        page.evaluate(AFTER_LOAD_SCRIPTS_RAN)
    assert open_page.csp_violations == []
