"""The proposal's journey in real Chromium, from the demo cluster's year-end meeting to the
certificates: the cluster head's department proposes the flag and the two Bằng khen the meeting
agreed on; its director submits; Home Affairs receives and appraises; the council votes (an
abstention, an absent member voting in writing); the decision is drafted, signed, issued and
sealed on the outgoing document's page of the provincial People's Committee's register by its
chair and clerk, with the demo's keys; each certificate's PDF holds its awardee's name, the
title and the decision number. axe finds no WCAG 2.1 A/AA violation on each page at 1280 px
and on the public page of published decisions at 360 px too."""

import datetime as dt
from urllib.parse import urljoin

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe

from motcua.core.dates import VN_TZ
from motcua.org.demo import DEMO_PASSWORD
from tests.backoffice.conftest import pdf_text
from tests.e2e.conftest import signed_in_page
from tests.e2e.test_back_office import ARTIFACTS
from tests.e2e.test_portal import WCAG
from tests.emulation.test_proposals import PDF

# what the cluster's year-end meeting agreed to propose (motcua.emulation.demo)
AWARDEES = [("000.00.03.H42", "Sở Tài chính", "CO_TINH"),
            ("000.00.15.H42", "Sở Khoa học và Công nghệ", "BK_TINH"),
            ("000.00.12.H42", "Sở Văn hóa, Thể thao và Du lịch", "BK_TINH")]


def accessible(page, name, widths=(1280,)):
    """No WCAG 2.1 A/AA violation at each width; a screenshot kept either way."""
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"emulation-{name}-{width}.png"), full_page=True)
        results = Axe().run(page, options=WCAG)
        assert not results.response["violations"], results.generate_report()
    page.set_viewport_size({"width": 1280, "height": 900})


def linked_pdf(page, link) -> str:
    """The text of the PDF the link points at, fetched with the page's session."""
    response = page.request.get(urljoin(page.url, link.get_attribute("href")))
    assert response.headers["content-type"] == "application/pdf"
    return pdf_text(response.body())


def register_action(page, action, label, done, fill=None):
    """An action of the outgoing document's page, its form filled, confirmed where the page
    asks."""
    page.locator("summary", has_text=label).click()
    if fill:
        fill(page)
    page.locator(f"#do-{action}").click()
    confirm = page.get_by_role("button", name="Đồng ý, thực hiện")
    if confirm.is_visible():
        confirm.click()
    page.get_by_text(done).first.wait_for()


def submit(page, button):
    """Press a form's button and wait for the page the server answers with."""
    with page.expect_navigation():
        button.click()


def click(page, name):
    submit(page, page.get_by_role("button", name=name, exact=True))


@pytest.fixture
def home_affairs(province, media_in_tmp, settings, tmp_path):
    """The demo as `make run` loads it, at its year-end meeting (December 2026): Home Affairs'
    emulation office (``noivu.thidua``), the three units' ratings, the provincial council of
    ten members, the People's Committee's chair and clerk (``ubnd.chutich``, ``ubnd.vanthu``)
    and the demo's keys (the Committee's seal, the chair's own key). Returns the chair's key."""
    from motcua.core import demo_keys
    from motcua.emulation import demo
    from motcua.org.models import User
    from tests.factories.world import with_demo_password

    settings.MOTCUA_SIGNING = {**settings.MOTCUA_SIGNING, "SEAL_DIR": tmp_path / "demo-keys",
                               "SEAL_PASSPHRASE": DEMO_PASSWORD}
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, tzinfo=VN_TZ), tick=False):
        demo.load()
    with_demo_password(User.objects.all())
    return demo_keys.person_key("ubnd.chutich").read_bytes()


@pytest.fixture
def sign_in(open_page, live_server, home_affairs, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # the server's clock is set forward
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def page_of(username, path):
        return signed_in_page(open_page, live_server.url, username, path,
                              {"width": 1280, "height": 900})

    # Monday 14/12/2026, a working day, after the cluster's year-end meeting of 05/12
    with time_machine.travel(dt.datetime(2026, 12, 14, 9, tzinfo=VN_TZ), tick=True):
        yield page_of


@pytest.mark.django_db(transaction=True)
def test_the_cluster_proposal_goes_from_the_meeting_to_sealed_certificates(
        sign_in, home_affairs, open_page, live_server):
    from motcua.emulation.models import AwardType, Cluster, Component, Proposal
    from motcua.org.models import Agency

    demo_proposal = Proposal.objects.get()  # the demo's, ready to submit; this one is typed in

    cluster = Cluster.objects.get(code="CUM-03")
    # the cluster head's department reads what its year-end meeting agreed to propose
    head = sign_in("khcn.chuyenvien", f"/can-bo/thi-dua/cum/{cluster.pk}/2026/")
    agreed = head.locator("#proposals").inner_text()
    for _code, name, _award in AWARDEES:
        assert name in agreed
    accessible(head, "journey-cluster")

    # no page carries the meeting's proposals into a dossier: the department types them in
    head.goto(f"{live_server.url}/can-bo/thi-dua/ho-so/")
    science = Agency.objects.get(identifier_code=AWARDEES[1][0])
    head.get_by_label("Cơ quan đề nghị").select_option(value=str(science.pk))
    head.get_by_label("Trích yếu").fill("Đề nghị khen thưởng Cụm thi đua số 3 năm 2026")
    head.get_by_label("Năm thành tích").fill("2026")
    accessible(head, "journey-proposals")
    click(head, "Tạo hồ sơ")
    proposal = Proposal.objects.exclude(pk=demo_proposal.pk).get()
    assert head.url.endswith(f"/can-bo/thi-dua/ho-so/{proposal.pk}/")
    for kind in (Component.SUBMISSION, Component.ACHIEVEMENT_REPORT, Component.MINUTES):
        head.get_by_label("Thành phần").select_option(value=kind)
        head.get_by_label("Tệp").set_input_files(
            files=[{"name": "tai-lieu.pdf", "mimeType": "application/pdf", "buffer": PDF}])
        submit(head, head.get_by_role("button", name="Thêm").first)
    for code, name, award in AWARDEES:
        head.get_by_label("Danh hiệu, hình thức").select_option(
            value=str(AwardType.objects.get(code=award).pk))
        head.get_by_label("Tập thể (mã định danh đơn vị)").fill(code)
        head.get_by_label("Tên in trên bằng").fill(name)
        submit(head, head.get_by_role("button", name="Thêm").last)
    assert head.locator("#nominations tbody tr").count() == 3
    accessible(head, "journey-draft")

    director = sign_in("khcn.giamdoc", f"/can-bo/thi-dua/ho-so/{proposal.pk}/")
    click(director, "Ký, trình hồ sơ")
    assert "Đã thực hiện: Ký, trình hồ sơ." in director.content()

    office = sign_in("noivu.thidua", f"/can-bo/thi-dua/ho-so/{proposal.pk}/")
    for label in ("Tiếp nhận hồ sơ", "Thẩm định (xét điều kiện từng trường hợp)",
                  "Hoàn thành thẩm định"):
        click(office, label)
        assert f"Đã thực hiện: {label}." in office.content(), office.locator("main").inner_text()
    accessible(office, "journey-appraised")

    office.goto(f"{live_server.url}/can-bo/thi-dua/hoi-dong/")
    office.get_by_label("Hội đồng", exact=True).select_option(
        label="Hội đồng Thi đua - Khen thưởng tỉnh")
    office.get_by_label("Ngày họp").fill("15/12/2026")
    office.get_by_label("Chủ trì").fill("Chủ tịch UBND tỉnh")
    office.get_by_label("Thành viên dự họp (số thứ tự, cách nhau bằng dấu phẩy)").fill(
        "1,2,3,4,5,6,7,8")
    office.get_by_label("Thành viên vắng có ý kiến bằng văn bản").fill("9")
    accessible(office, "journey-sessions")
    click(office, "Mở phiên họp")
    session_url = office.url
    assert "có mặt: 8; vắng có ý kiến bằng văn bản: 1" in office.content(), \
        office.locator("main").inner_text()[:600]

    office.goto(f"{live_server.url}/can-bo/thi-dua/ho-so/{proposal.pk}/")
    click(office, "Đưa ra phiên họp Hội đồng")
    office.goto(session_url)
    rows = office.locator("#ballots tbody tr")
    assert rows.count() == 3
    for index in range(3):
        row = rows.nth(index)
        row.get_by_label("Đồng ý", exact=True).fill("7")
        row.get_by_label("Không biểu quyết", exact=True).fill("1")  # an abstention
        row.get_by_label("Đồng ý bằng văn bản", exact=True).fill("1")  # the absent member
        submit(office, row.get_by_role("button", name="Ghi"))
        rows = office.locator("#ballots tbody tr")
        assert "Đạt" in rows.nth(index).inner_text()
    accessible(office, "journey-session")
    minutes = linked_pdf(office, office.get_by_role("link", name="Biên bản kiểm phiếu (PDF)"))
    assert "Sở Văn hóa, Thể thao và Du lịch" in minutes

    office.goto(f"{live_server.url}/can-bo/thi-dua/ho-so/{proposal.pk}/")
    click(office, "Ghi nhận kết quả bỏ phiếu")
    office.get_by_label("Người ký quyết định").fill("Phạm Quang Vinh")
    click(office, "Dự thảo quyết định khen thưởng")
    assert "Dự thảo, chưa ban hành" in office.locator("#decision-number").inner_text()
    document = Proposal.objects.get(pk=proposal.pk).decision.document

    # the provincial chair's awards: the Committee's register (Luật TĐKT 2022 art. 80); its chair
    # signs with the demo's key, its clerk numbers and seals
    signer = sign_in("ubnd.chutich", f"/can-bo/van-ban/di/{document.pk}/")

    def key(page):
        page.get_by_label("Tệp khóa ký số (.p12, .pfx)").set_input_files(files=[{
            "name": "ubnd.chutich.p12", "mimeType": "application/x-pkcs12",
            "buffer": home_affairs}])
        page.get_by_label("Mật khẩu của tệp khóa").fill(DEMO_PASSWORD)

    register_action(signer, "sign", "Ký số (người có thẩm quyền)",
                    "Đã thực hiện: Ký số (người có thẩm quyền).", fill=key)
    clerk = sign_in("ubnd.vanthu", f"/can-bo/van-ban/di/{document.pk}/")
    register_action(clerk, "issue", "Ban hành, cấp số", "Đã ban hành văn bản số")
    document.refresh_from_db()
    assert document.notation.endswith("/QĐ-UBND"), document.notation
    register_action(clerk, "seal", "Ký số của cơ quan (đóng dấu)",
                    "Đã thực hiện: Ký số của cơ quan (đóng dấu).")
    document.refresh_from_db()
    assert document.signed_by_person_at and document.sealed_at
    accessible(clerk, "journey-decision")

    office.goto(f"{live_server.url}/can-bo/thi-dua/ho-so/{proposal.pk}/")
    assert document.notation in office.locator("#decision-number").inner_text()
    click(office, "Vào sổ khen thưởng, in bằng")
    click(office, "Công khai quyết định trên cổng")
    accessible(office, "journey-awarded")
    links = office.get_by_role("link", name="Bằng (PDF)")
    assert links.count() == 3
    for index, (_code, name, award) in enumerate(AWARDEES):
        row = office.locator("#nominations tbody tr").nth(index)
        assert name in row.inner_text()
        text = linked_pdf(office, row.get_by_role("link", name="Bằng (PDF)"))
        assert name in text and document.notation in text
        assert AwardType.objects.get(code=award).name.upper() in text  # printed in capitals

    public = open_page(viewport={"width": 1280, "height": 900})
    public.goto(f"{live_server.url}/thi-dua/quyet-dinh/")
    listed = public.locator("main").inner_text()
    assert document.notation in listed and "Sở Văn hóa, Thể thao và Du lịch" in listed
    accessible(public, "journey-public-decisions", widths=(1280, 360))
