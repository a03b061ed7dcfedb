"""The portal speaks Vietnamese, the language of the service, whatever the browser is set to;
English only when the person chooses it with the language switch (kept in a cookie)."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_an_english_browser_gets_vietnamese_until_the_person_chooses_english(
        live_server, browser):
    context = browser.new_context(locale="en-US")  # sends Accept-Language: en-US
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == "Dịch vụ công trực tuyến"

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Online public services"

    page.goto(live_server.url + "/thu-tuc/")  # the choice holds on the next page
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("button", name="Tiếng Việt").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"
    context.close()
