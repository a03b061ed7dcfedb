"""Demo e-portals: the provincial portal and the portals of two departments, with the five real
article pages of demo_data/ (see its README.md for where they come from) read by
``article_text.parse`` and published as republished articles on their first publication date.
Placeholder images stand in for the photos, with the captions as their alt text. The Department
of Science's home page also shows its published documents and denunciation conclusions.

The Department of Science's portal also has every page of the information the law requires
(cms.mandatory), made up for the demo in demo_data/so-khcn-thong-tin-bat-buoc.txt, so its
checklist is complete; the Department of Culture's shows what a portal still lacks. Idempotent:
a portal, an article or a page that exists is left as it is, a section shown is not added again.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from wagtail.images.models import Image
from wagtail.models import Collection

from motcua.cms import services
from motcua.cms.article_text import ParsedArticle, parse
from motcua.cms.models import InfoPage, NewsPage, PageViewDay, PortalHomePage
from motcua.org.demo import DEPT_CULTURE, DEPT_SCIENCE, PROVINCE
from motcua.org.models import Agency

DATA = Path(__file__).resolve().parent / "demo_data"

# (agency, slug, footer settings); the province first: the others are its component sites
# (NĐ 224/2026 art. 11(1)). Addresses and phones are made up for the demo.
PORTALS = [
    (PROVINCE, "tinh", {
        "portal_name": "Cổng thông tin điện tử tỉnh Ninh Bình",
        "person_responsible": "Trưởng ban biên tập: Chánh Văn phòng UBND tỉnh",
        "address": "Số 1 đường Trần Hưng Đạo, tỉnh Ninh Bình (địa chỉ dùng thử)",
        "phone": "0229 3000 001", "email": "congthongtin@ninhbinh.example"}),
    (DEPT_SCIENCE, "so-khcn", {
        "portal_name": "Trang thông tin điện tử Sở Khoa học và Công nghệ",
        "person_responsible": "Trưởng ban biên tập: Giám đốc Sở Khoa học và Công nghệ",
        "address": "Số 2 đường Lê Hồng Phong, tỉnh Ninh Bình (địa chỉ dùng thử)",
        "phone": "0229 3000 015", "email": "skhcn@ninhbinh.example"}),
    (DEPT_CULTURE, "so-vhttdl", {
        "portal_name": "Trang thông tin điện tử Sở Văn hóa, Thể thao và Du lịch",
        "person_responsible": "Trưởng ban biên tập: Giám đốc Sở Văn hóa, Thể thao và Du lịch",
        "address": "Số 3 đường Lê Hồng Phong, tỉnh Ninh Bình (địa chỉ dùng thử)",
        "phone": "0229 3000 012", "email": "svhttdl@ninhbinh.example"}),
]

# (file, agency whose portal republishes it, slug, the portal it first appeared on)
ARTICLES = [
    ("portal-page-000.txt", DEPT_SCIENCE, "dang-bo-so-tttt-hai-duong-dai-hoi-iii",
     "Cổng thông tin điện tử Sở Thông tin và Truyền thông Hải Dương"),
    ("portal-page-001.txt", DEPT_SCIENCE, "dai-hoi-dang-bo-so-tttt-bac-ninh-lan-iv",
     "Cổng thông tin điện tử Sở Thông tin và Truyền thông Bắc Ninh"),
    ("portal-page-003.txt", DEPT_SCIENCE, "dang-bo-so-tttt-vinh-phuc-nhiem-ky-2015-2020",
     "Cổng thông tin điện tử Sở Thông tin và Truyền thông Vĩnh Phúc"),
    ("portal-page-002.txt", DEPT_CULTURE, "dang-bo-so-tttt-ha-noi-trong-sach-vung-manh",
     "Báo Lao động Thủ đô, qua Cổng thông tin điện tử Sở Thông tin và Truyền thông Hà Nội"),
    ("portal-page-004.txt", DEPT_CULTURE, "cum-thi-dua-so-3-tong-ket-2019",
     "Cổng thông tin điện tử Sở Thông tin và Truyền thông Vĩnh Phúc"),
]
# the sections a portal's home shows beyond a new portal's (cms.services.default_sections)
MORE_SECTIONS = {DEPT_SCIENCE: [
    ("documents", {"heading": "Văn bản mới ban hành", "limit": 5}),
    ("conclusions", {"heading": "Công khai kết luận nội dung tố cáo", "limit": 3}),
]}
# the mandatory information of one agency's portal: "=== topic | slug | title" starts a page;
# in it "## " starts a subheading, "- " a list item, any other line a paragraph
INFO_PAGES = (DEPT_SCIENCE, "so-khcn-thong-tin-bat-buoc.txt")
DEMO_NOTE = ("Trang dùng thử của bản cài đặt mẫu: họ tên, số điện thoại, thư điện tử, số hiệu văn "
             "bản của tỉnh và số liệu trên trang là giả định.")
PLACEHOLDER = "original_images/demo-placeholder.png"
PLACEHOLDER_SIZE = (800, 450)


def load() -> None:
    homes: dict[str, PortalHomePage] = {}
    for code, slug, settings in PORTALS:
        agency = Agency.objects.filter(identifier_code=code).first()
        if agency is None:
            continue
        homes[code] = PortalHomePage.objects.filter(agency=agency).first() or \
            services.set_up_portal(agency, parent=homes.get(PROVINCE), slug=slug,
                                   title=settings["portal_name"], settings=settings)
    for code, sections in MORE_SECTIONS.items():
        if code in homes:
            show(homes[code], sections)
    for name, code, slug, source in ARTICLES:
        if code in homes and not NewsPage.objects.child_of(homes[code]).filter(slug=slug).exists():
            publish(homes[code], parse((DATA / name).read_text(encoding="utf-8")), slug=slug,
                    source=source)
    code, name = INFO_PAGES
    if code in homes:
        for page in info_pages((DATA / name).read_text(encoding="utf-8")):
            if not InfoPage.objects.child_of(homes[code]).filter(slug=page.slug).exists():
                publish_info(homes[code], page)


def logins() -> list:
    return []


def show(home: PortalHomePage, sections: list[tuple[str, dict]]) -> None:
    """Add to the home page the platform's sections it does not show yet, and publish it."""
    shown = {block.block_type for block in home.sections}
    missing = [section for section in sections if section[0] not in shown]
    if not missing:
        return
    for section in missing:
        home.sections.append(section)
    home.save_revision().publish()


def publish(home: PortalHomePage, parsed: ParsedArticle, *, slug: str, source: str) -> NewsPage:
    """The parsed article live under ``home``, first published when the page said it was, with
    the page's view count on that day."""
    collection = _collection(home)
    body = []
    for kind, value in parsed.body:
        if kind == "image":
            body.append(("image", {"image": _placeholder(collection, value.file_name or
                                                         value.caption),
                                   "alt_text": value.alt_text[:255],
                                   "caption": value.caption[:500], "credit": ""}))
        else:
            body.append((kind, format_html("<p>{}</p>", value) if kind == "paragraph" else value))
    article = NewsPage(
        title=parsed.title, slug=slug, kicker=parsed.kicker, lead=parsed.lead, body=body,
        author_display=parsed.author or parsed.source_name or "Ban biên tập",
        is_republished=True, source_name=source)
    home.add_child(instance=article)
    article.save_revision().publish()
    moment = timezone.make_aware(parsed.published)
    NewsPage.objects.filter(pk=article.pk).update(first_published_at=moment,
                                                  last_published_at=moment)
    if parsed.views:
        PageViewDay.objects.get_or_create(page_id=article.pk, day=moment.date(),
                                          defaults={"count": parsed.views})
    article.refresh_from_db()
    return article


@dataclass(frozen=True)
class InfoText:
    topic: str  # a code of cms.mandatory.ITEMS
    slug: str
    title: str
    body: list


def info_pages(text: str) -> list[InfoText]:
    """The pages of a text in the format of INFO_PAGES."""
    pages = []
    for section in text.split("=== ")[1:]:
        head, *lines = section.splitlines()
        topic, slug, title = (part.strip() for part in head.split("|"))
        pages.append(InfoText(topic, slug, title, _blocks(lines)))
    return pages


def _kind(line: str) -> str:
    if line.startswith("## "):
        return "subheading"
    return "item" if line.startswith("- ") else "paragraph"


def _blocks(lines: list[str]) -> list[tuple[str, str]]:
    blocks: list[tuple[str, str]] = []
    for kind, group in groupby((line.strip() for line in lines if line.strip()), key=_kind):
        if kind == "item":  # consecutive items: one list
            blocks.append(("paragraph", format_html("<ul>{}</ul>", format_html_join(
                "", "<li>{}</li>", ((line[2:],) for line in group)))))
        elif kind == "subheading":
            blocks += [("subheading", line[3:]) for line in group]
        else:
            blocks += [("paragraph", format_html("<p>{}</p>", line)) for line in group]
    return blocks


def publish_info(home: PortalHomePage, page: InfoText) -> InfoPage:
    """The page live under ``home``, with the note that its content is made up."""
    info = InfoPage(title=page.title, slug=page.slug, topic=page.topic, body=[
        *page.body, ("paragraph", format_html("<p><em>{}</em></p>", DEMO_NOTE))])
    home.add_child(instance=info)
    info.save_revision().publish()
    return info


def _collection(home: PortalHomePage) -> Collection:
    name = home.agency.name[:255] if home.agency else home.title
    return Collection.objects.filter(name=name).first() or Collection.get_first_root_node()


def _placeholder(collection: Collection, title: str) -> Image:
    """A plain grey picture standing in for a photo of the page (the photos are not kept): one
    file that every placeholder image shares."""
    title = title[:255]
    existing = Image.objects.filter(collection=collection, title=title).first()
    if existing is not None:
        return existing
    storage = Image._meta.get_field("file").storage
    if not storage.exists(PLACEHOLDER):
        from PIL import Image as Picture

        data = io.BytesIO()
        Picture.new("RGB", PLACEHOLDER_SIZE, (200, 205, 210)).save(data, "PNG")
        storage.save(PLACEHOLDER, ContentFile(data.getvalue()))
    width, height = PLACEHOLDER_SIZE
    return Image.objects.create(title=title, collection=collection, file=PLACEHOLDER,
                                width=width, height=height)
