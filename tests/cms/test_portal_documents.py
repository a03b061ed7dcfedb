"""An agency's portal shows the documents its clerk published from the outgoing register (Luật
Tiếp cận thông tin 2016 art. 19(1)(a)) and its denunciation conclusions on show (Luật Tố cáo
2018 art. 40), read from the platform when the page is served: on its home page, the latest
few; on its documents page, all of them, paged, by year, type and words; each document's PDF
through the portal. Another agency's portal never shows them, and a withdrawn document, its
entry and its file, is gone at once."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client

from motcua.cms import views
from motcua.exchange import services
from tests.cms.conftest import path_of
from tests.factories.exchange import PDF
from tests.helpers import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def homes(portals, media_in_tmp):
    """The Science and Culture portals, each showing both blocks."""
    for home in (portals.science, portals.culture):
        home.sections = [("documents", {"heading": "Văn bản mới ban hành", "limit": 5}),
                         ("conclusions", {"heading": "Kết luận nội dung tố cáo", "limit": 5})]
        home.save_revision().publish()
    return portals


def issued(world, subject: str, document_type: str = "cong_van"):
    draft = services.create_draft(world.clerk, world.agency, services.DraftInput(
        document_type=document_type, subject=subject, signer=world.leader,
        signer_position="Giám đốc", main_file=services.FileInput("van-ban.pdf", PDF)))
    return services.issue_document(world.clerk, draft)


def published(world, subject: str, document_type: str = "cong_van"):
    return services.publish_on_portal(world.clerk, issued(world, subject, document_type))


def read(url: str, **query) -> str:
    response = Client().get(url, query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_luat_tiep_can_thong_tin_art_19_the_home_shows_the_published_documents(world, homes):
    document = published(world, "Về việc triển khai chữ ký số")
    issued(world, "Về việc họp giao ban nội bộ")  # issued, not published
    page = read(path_of(homes.science))
    assert "Về việc triển khai chữ ký số" in page and document.notation in page
    assert f'href="{path_of(homes.science)}van-ban/{document.pk}/tep/"' in page
    assert "Về việc họp giao ban nội bộ" not in page
    assert f'href="{path_of(homes.science)}van-ban/"' in page
    assert "Về việc triển khai chữ ký số" not in read(path_of(homes.culture))


def test_the_documents_page_filters_by_type_year_and_words_without_diacritics(world, homes):
    letter = published(world, "Về việc triển khai chữ ký số")
    notice = published(world, "Thông báo lịch tiếp công dân", "thong_bao")
    url = f"{path_of(homes.science)}van-ban/"
    page = read(url)
    assert letter.notation in page and notice.notation in page
    assert world.leader.get_full_name() in page  # the signer
    found = read(url, q="chu KY so")
    assert letter.notation in found and notice.notation not in found
    by_type = read(url, loai="thong_bao")
    assert notice.notation in by_type and letter.notation not in by_type
    assert letter.notation in read(url, nam=letter.year)
    assert Client().get(url, {"nam": letter.year + 1}).status_code == 400  # no such year


def test_the_documents_page_is_paged(world, homes, monkeypatch):
    monkeypatch.setattr(views, "DOCUMENTS_PER_PAGE", 1)
    first = published(world, "Văn bản thứ nhất")
    second = published(world, "Văn bản thứ hai")
    url = f"{path_of(homes.science)}van-ban/"
    page = read(url, q="van ban")
    assert second.notation in page and first.notation not in page  # newest first
    assert "q=van+ban&amp;trang=2" in page
    assert first.notation in read(url, q="van ban", trang=2)


def test_agency_a_portal_never_shows_agency_b_documents(world, homes):
    document = published(world, "Về việc triển khai chữ ký số")
    culture = path_of(homes.culture)
    assert document.notation not in read(f"{culture}van-ban/")
    assert Client().get(f"{culture}van-ban/{document.pk}/tep/").status_code == 404


def test_the_pdf_is_served_and_a_withdrawn_document_is_gone_at_once(world, homes):
    document = published(world, "Về việc triển khai chữ ký số")
    home, file_url = path_of(homes.science), f"{path_of(homes.science)}van-ban/{document.pk}/tep/"
    answer = Client().get(file_url)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Content-Disposition"].startswith("inline; filename=")
    assert b"".join(answer.streaming_content).startswith(b"%PDF")
    assert document.notation in read(home)  # the home page is now kept for readers
    services.withdraw_from_portal(world.clerk, document)
    assert Client().get(file_url).status_code == 404
    assert document.notation not in read(home)
    assert document.notation not in read(f"{home}van-ban/")


def test_luat_to_cao_art_40_the_home_shows_the_agencys_conclusions(world, homes):
    from tests.voice.test_denunciations import denunciation

    case = denunciation(world, "published")
    with time_machine.travel(local(2026, 3, 10, 9), tick=False):
        page = read(path_of(homes.science))
        culture = read(path_of(homes.culture))
    assert case.code in page and "Lê Văn Cường" in page
    assert 'href="/to-cao/ket-luan/"' in page
    assert "Nguyễn Văn An" not in page  # nothing about the denouncer
    assert case.code not in culture
    assert "Chưa có kết luận nội dung tố cáo nào được công khai." in culture
