"""What a new officer meets in the back office, in real Chromium: tables readable on a phone,
one header on every page, the identity check laid out as the other forms. axe finds no WCAG 2.1
A/AA violation at 1280 and 360 px; screenshots are kept."""

import pytest

from tests.backoffice.conftest import act, received, tv_registration
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
def test_the_queue_and_the_steps_tables_keep_their_columns_on_a_phone(sign_in):  # noqa: F811
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


def header_box(page, path):
    response = page.goto(page.url.split("/can-bo/")[0] + path)
    page.wait_for_load_state()
    return response.status, page.locator("header").bounding_box(), page.locator(
        "header > div").bounding_box()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("username", "paths"), [
    ("motcua.tiepnhan", ["/can-bo/", "/can-bo/ho-so/{code}/", "/can-bo/tiep-nhan/",
                         "/can-bo/tiep-nhan/?thu-tuc=DP.TH001", "/can-bo/xac-minh-danh-tinh/",
                         "/can-bo/so-theo-doi/", "/can-bo/van-ban/di/"]),
    ("motcua.vanthu", ["/can-bo/", "/can-bo/van-ban/di/", "/can-bo/van-ban/di/moi/",
                       "/can-bo/van-ban/den/", "/can-bo/tiep-nhan/"]),
])
def test_the_header_is_the_same_on_every_back_office_page(sign_in, province, username,  # noqa: F811
                                                          paths):
    """Two lines at 1280 px on each page (the site's name and main links, then the account),
    at the same place: the queue, a dossier, intake, the identity check, the register, the
    documents and the 403 page."""
    tv_registration(province)  # DP.TH001, decided by the Department of Culture
    dossier = received("motcua.tiepnhan", procedure="DP.TH001", at=local(2026, 3, 2, 9, 5))
    page = sign_in(username, "/can-bo/")
    boxes = {path: header_box(page, path.format(code=dossier.code)) for path in paths}
    heights = {path: round(box[1]["height"]) for path, box in boxes.items()}
    assert len(set(heights.values())) == 1, heights
    assert max(heights.values()) < 100, heights  # two lines, not three
    places = {path: (round(box[2]["x"]), round(box[2]["width"]))
              for path, box in boxes.items() if box[0] == 200}
    assert len(set(places.values())) == 1, places
    assert any(status == 403 for status, _header, _inner in boxes.values())
    main = page.get_by_role("navigation", name="Chức năng chính").bounding_box()
    account = page.get_by_role("navigation", name="Tài khoản").bounding_box()
    assert account["y"] >= main["y"] + main["height"]  # the account's links on the second line


@pytest.mark.django_db(transaction=True)
def test_the_identity_check_is_laid_out_as_the_other_officer_forms(sign_in):  # noqa: F811
    page = sign_in("motcua.tiepnhan", "/can-bo/xac-minh-danh-tinh/?so=037090001234")
    field = page.get_by_label("Số định danh cá nhân hoặc mã số thuế của tài khoản")
    label = page.locator("label[for=id_so]").bounding_box()
    box = field.bounding_box()
    button = page.get_by_role("button", name="Tìm tài khoản").bounding_box()
    assert "form-control" in field.get_attribute("class")
    assert label["y"] + label["height"] <= box["y"] + 1  # the label above its box
    assert box["width"] > 400
    assert 0 <= button["x"] - (box["x"] + box["width"]) < 40  # the button beside the box
    assert abs((button["y"] + button["height"]) - (box["y"] + box["height"])) < 2
    assert page.locator("#account").is_visible()
    accessible_at_each_width(page, "identity")
    page.set_viewport_size(PHONE)
    field = field.bounding_box()
    assert field["width"] > 300  # the whole phone's width
