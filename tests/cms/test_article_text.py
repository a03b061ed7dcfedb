"""The five real article pages (src/motcua/cms/demo_data) read as articles: title, date line,
lead, body with subheadings and captioned images, author; the portal's own parts left out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from motcua.cms.article_text import parse

DATA = Path(__file__).resolve().parents[2] / "src" / "motcua" / "cms" / "demo_data"


def sample(number: int):
    return parse((DATA / f"portal-page-{number:03d}.txt").read_text(encoding="utf-8"))


# (page, title, first published, lead begins, body's last paragraph begins, author)
EXPECTED = [
    (0, "Đảng bộ Sở TT&TT Hải Dương: Nỗ lực xây dựng chính quyền điện tử và đô thị thông minh",
     dt.datetime(2020, 7, 2, 9, 7), "Ngày 25/6, Đảng bộ Sở Thông tin và Truyền thông Hải Dương",
     "Đại hội Đảng bộ Sở Thông tin và Truyền thông nhiệm kỳ 2020 - 2025 đã bầu", ""),
    (1, "Đại hội Đảng bộ Sở Thông tin và Truyền thông lần thứ IV, nhiệm kỳ 2020-2025",
     dt.datetime(2020, 5, 31, 8, 49), "Ngày 29-5, Đảng bộ Sở Thông tin và Truyền thông tổ chức",
     "Đại hội bầu Ban Chấp hành khoá mới gồm 7 uỷ viên", "V.H"),
    (2, "Xây dựng cơ sở đảng trong sạch vững mạnh tiêu biểu", dt.datetime(2020, 6, 9, 11, 11),
     "(LĐTĐ) Qua 5 năm triển khai thực hiện Nghị quyết",
     "Với sự cố gắng nỗ lực của toàn Đảng bộ", "Phương Bùi"),
    (3, "Đảng bộ Sở Thông tin và Truyền thông xây dựng Đảng bộ trong sạch vững mạnh, chủ động "
        "hội nhập, phát triển", dt.datetime(2020, 6, 8), "Đảng bộ Sở Thông tin và Truyền thông "
     "Vĩnh Phúc có tiền thân", "Đảng bộ phấn đấu trong nhiệm kỳ 2020 – 2025", "Hoài An"),
    (4, "Cụm thi đua số 3 ngành Thông tin và Truyền thông: Tổng kết công tác thi đua, khen "
        "thưởng năm 2019", dt.datetime(2019, 12, 13), "Sáng 13/12, tại Sở Thông tin và Truyền "
     "thông Vĩnh Phúc", "Cũng tại hội nghị, các đơn vị trong Cụm", "Thanh Nga"),
]


@pytest.mark.parametrize(("number", "title", "published", "lead", "last", "author"), EXPECTED)
def test_each_sample_page_gives_its_title_date_lead_body_and_author(
        number, title, published, lead, last, author):
    article = sample(number)
    assert article.title == title
    assert article.published == published
    assert article.lead.startswith(lead)
    assert article.paragraphs()[-1].startswith(last)
    assert article.author == author
    text = " ".join(article.paragraphs())
    # the portal's own parts are not the article's
    assert "Các tin đã đưa ngày" not in text and "Giấy phép" not in text and "banner" not in text


def test_images_shown_by_file_name_keep_their_captions_as_alt_text():
    # sample page 000 shows its photos' file names where alt text should be (spec §5.1)
    images = sample(0).images()
    assert [image.file_name for image in images] == [
        "20200702-l11.jpg", "20200702-l12.jpg", "20200702-l13.jpg"]
    assert images[0].caption.startswith("Đồng chí Vũ Tiến Phụng")
    assert all(image.alt_text == image.caption for image in images)


def test_a_photo_of_which_only_the_caption_was_kept_is_an_image_with_that_caption():
    (image,) = sample(1).images()
    assert image.caption.startswith("Lãnh đạo Đảng uỷ Khối các Cơ quan và Doanh nghiệp tỉnh")
    assert sample(1).views == 695


def test_kicker_subheadings_and_slug_alt_text_of_sample_page_002():
    article = sample(2)
    assert article.kicker == "Đảng bộ cơ quan Sở Thông tin và Truyền thông Hà Nội"
    assert [value for kind, value in article.body if kind == "subheading"] == [
        "Đẩy mạnh ứng dụng, phát triển công nghệ thông tin",
        "Đổi mới phương thức lãnh đạo, phát huy tính dân chủ"]
    (image,) = article.images()
    assert image.caption.startswith("Ban Chấp hành Đảng bộ Sở Thông tin và Truyền thông Hà Nội")
    # the related links, shown with the slug as their images' alt text, are not the body's
    assert not any("xay dung co so dang" in value for value in article.paragraphs())
    assert article.source_name == ""  # "Nguồn :" left empty


def test_a_page_without_a_date_line_is_refused():
    with pytest.raises(ValueError, match="no date line"):
        parse("Tiêu đề\n\nNội dung không có ngày.")
