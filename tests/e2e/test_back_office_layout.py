"""What a new officer meets in the back office, in real Chromium: tables readable on a phone,
one header on every page, the identity check laid out as the other forms. axe finds no WCAG 2.1
A/AA violation at 1280 and 360 px; screenshots are kept."""

import pytest

from tests.backoffice.conftest import act, received
from tests.dossiers.conftest import local
from tests.e2e.test_back_office_pages import (  # noqa: F401  (sign_in is a fixture)
    accessible_at_each_width,
    sign_in,
)

PHONE = {"width": 360, "height": 780}


def lines(locator) -> int:
    """On how many lines the element's text runs (one word per line: as many as words)."""
    return locator.evaluate("""e => {
        const range = document.createRange();
        range.selectNodeContents(e);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
    }""")


def scrolls_sideways(page, region_name):
    """The table's region is labelled, takes keyboard focus and scrolls: the table keeps its
    width instead of squeezing its columns into the phone's."""
    region = page.get_by_role("region", name=region_name)
    assert region.get_attribute("tabindex") == "0"
    return region.evaluate("e => e.scrollWidth > e.clientWidth")


@pytest.mark.django_db(transaction=True)
def test_the_queue_and_the_steps_tables_keep_their_columns_on_a_phone(sign_in):
    dossier = received(at=local(2026, 3, 2, 9, 5))
    act("khcn.tiepnhan", dossier, "forward", at=local(2026, 3, 2, 9, 10))
    page = sign_in("khcn.tiepnhan", "/can-bo/?hang=tat-ca")
    assert not scrolls_sideways(page, "Bảng hồ sơ — Tất cả hồ sơ (cuộn ngang để xem hết các cột)")
    page.set_viewport_size(PHONE)
    assert scrolls_sideways(page, "Bảng hồ sơ — Tất cả hồ sơ (cuộn ngang để xem hết các cột)")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=dossier.code))
    assert lines(row.get_by_role("link", name=dossier.code)) == 1
    assert lines(row.get_by_role("cell", name="Nguyễn Thị Ánh Tuyết")) == 1
    assert lines(row.get_by_role("cell", name=dossier.procedure_version.name)) <= 3
    accessible_at_each_width(page, "queue-table")

    page.goto(page.url.split("/can-bo/")[0] + f"/can-bo/ho-so/{dossier.code}/")
    page.set_viewport_size(PHONE)
    assert scrolls_sideways(page, "Bảng các bước xử lý (cuộn ngang để xem hết các cột)")
    steps = page.get_by_role("region", name="Bảng các bước xử lý (cuộn ngang để xem hết các cột)")
    [first] = dossier.steps.all()
    step = steps.get_by_role("row").filter(has_text=first.step.name)
    assert lines(step.get_by_role("cell", name="Sở Khoa học và Công nghệ")) <= 2
    assert lines(step.get_by_role("cell", name="09:10 02/03/2026")) == 1
    accessible_at_each_width(page, "steps-table")
