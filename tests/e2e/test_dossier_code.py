"""On a 360 px phone a dossier's code stays whole on its line (it is read out and typed as one
word), and the citizen reads their own withdrawal request in their own words."""

import pytest

from tests.dossiers.conftest import CITIZEN, Flow, submit_online
from tests.dossiers.test_lifecycle import OFFICER
from tests.e2e.test_portal import accessible
from tests.e2e.test_portal_layout import PHONE, api, portal, signed_in  # noqa: F401


def one_line(locator) -> bool:
    box = locator.bounding_box()
    line = float(locator.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    return box["height"] < 1.5 * line


@pytest.mark.django_db(transaction=True)
def test_the_code_is_never_broken_and_a_withdrawal_is_told_as_the_citizens(portal):  # noqa: F811
    base, open_page = portal
    dossier = Flow(api, submit_online(api))
    for action in ("accept", "forward"):
        dossier.ok(OFFICER, action)
    dossier.ok(CITIZEN, "withdraw", reason="Không còn nhu cầu")

    page = open_page(viewport=PHONE)
    page.goto(f"{base}/tra-cuu?MHS={dossier.code}&SGT={CITIZEN}")
    assert page.locator("#code").inner_text() == dossier.code
    assert one_line(page.locator("#code"))
    assert page.locator("#status").inner_text() == \
        "Bạn đã yêu cầu rút hồ sơ, đang chờ cơ quan chấp nhận rút hồ sơ"
    accessible(page, "360-lookup-found")

    page = signed_in(open_page, base, PHONE, landing=f"/ca-nhan/ho-so/{dossier.code}/")
    assert one_line(page.locator("#code"))
    assert "Bạn đã yêu cầu rút hồ sơ" in page.locator("#status").inner_text()
    page.goto(f"{base}/ca-nhan/")
    listed = page.locator("#dossiers .dossier-code", has_text=dossier.code)
    assert one_line(listed)
    assert "Bạn đã yêu cầu rút hồ sơ" in page.locator("#dossiers").inner_text()
