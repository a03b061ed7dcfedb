"""Reading a news article out of the text of a portal's page (what a browser's "save as text"
keeps of it): kicker, title, date line, lead, body (paragraphs, subheadings, images with their
captions), author and source. Pure: no Django import.

The page's text follows the layout of e-portal spec §5.1 (sample pages 000-004): the title,
the date line "[Thứ năm, ]02/07/2020[ 09:07][ Số lượt xem: 695]", the lead, the body, the
author's name or initials on a short line, then the portal's own parts ("Nguồn :", "Các tin đã
đưa ngày:", banners, footer), which are not the article's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from motcua.core.text import fold

DATE_LINE = re.compile(
    r"^(?:(?:Thứ \w+|Chủ nhật),\s*)?(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})"
    r"(?:\s+(?P<hour>\d{1,2}):(?P<minute>\d{2}))?(?:\s+Số lượt xem:\s*(?P<views>\d+))?$")
# an image the page shows by its file name (sample page 000)
IMAGE_FILE = re.compile(r"^[\w.-]+\.(?:jpe?g|png|gif|webp)$", re.IGNORECASE)
# where the article ends and the portal's own parts begin
END = re.compile(r"^(?:Các tin đã đưa ngày|banner$|Top$)")
SOURCE = re.compile(r"^Nguồn\s*:\s*(?P<name>.*)$")
SENTENCE_END = ".!?…:;\"”)"
AUTHOR_MAX_WORDS = 4  # "V.H", "Phương Bùi", "Hoài An": a name or initials, no sentence


@dataclass
class Image:
    caption: str
    file_name: str = ""  # as the page showed it (not alt text: e-portal spec §5.1)
    alt_text: str = ""  # what the image shows, for who cannot see it (WCAG 1.1.1)


@dataclass
class ParsedArticle:
    title: str
    published: dt.datetime  # naive local time (Asia/Ho_Chi_Minh); 00:00 when the page gave none
    lead: str
    body: list[tuple[str, str | Image]] = field(default_factory=list)  # paragraph/subheading/image
    kicker: str = ""
    author: str = ""
    source_name: str = ""
    views: int = 0

    def images(self) -> list[Image]:
        return [value for kind, value in self.body if kind == "image"]

    def paragraphs(self) -> list[str]:
        return [value for kind, value in self.body if kind == "paragraph"]


def _lines(text: str) -> list[tuple[str, bool]]:
    """(line stripped, whether it was only non-breaking spaces): a page marks its photo blocks
    with such lines (sample pages 000, 001)."""
    return [(line.strip(), bool(line) and not line.replace("\xa0", "").strip() and "\xa0" in line)
            for line in text.splitlines()]


def _is_sentence(line: str) -> bool:
    return line.endswith(tuple(SENTENCE_END))


def _is_author(line: str) -> bool:
    return 0 < len(line.split()) <= AUTHOR_MAX_WORDS and not _is_sentence(line)


def parse(text: str) -> ParsedArticle:
    """The article in a page's text; ValueError when the page has no date line or no title."""
    lines = _lines(text)
    starts = [i for i, (line, _) in enumerate(lines) if DATE_LINE.match(line)]
    if not starts:
        raise ValueError("no date line")
    at = starts[0]
    date = DATE_LINE.match(lines[at][0])
    # before the date: the title (a lone letter of the site's logo is not one, sample page 002)
    before = [line for line, _ in lines[:at] if len(line) > 1]
    rest = [(line, nbsp) for line, nbsp in lines[at + 1:]]
    kicker = ""
    if before:
        title = before[-1]
        kicker = before[-2] if len(before) > 1 else ""
    else:  # the title after the date, with its kicker line ending in ':' (sample page 002)
        texts = [i for i, (line, _) in enumerate(rest) if line]
        if not texts:
            raise ValueError("no title")
        first = rest[texts[0]][0]
        if first.endswith(":") and len(texts) > 1:
            kicker, title, rest = first.rstrip(":").strip(), rest[texts[1]][0], rest[texts[1] + 1:]
        else:
            title, rest = first, rest[texts[0] + 1:]
    slug = fold(title)
    content: list[tuple[str, bool]] = []
    source = ""
    for line, nbsp in rest:
        if (found := SOURCE.match(line)) is not None:
            source = found["name"].strip()
        if END.match(line) or found:
            break
        if content and line and content[-1][0] == line:  # the same line twice (sample page 000)
            continue
        content.append((line, nbsp))
    texts = [(i, line) for i, (line, _) in enumerate(content) if line]
    if not texts:
        raise ValueError("no lead")
    lead_at, lead = texts[0]
    author = ""
    if len(texts) > 1 and _is_author(texts[-1][1]):
        author = texts[-1][1]
        content = content[:texts[-1][0]]
    return ParsedArticle(
        title=title, lead=lead, kicker=kicker, author=author, source_name=source,
        views=int(date["views"] or 0), body=_body(content[lead_at + 1:], slug),
        published=dt.datetime(int(date["year"]), int(date["month"]), int(date["day"]),
                              int(date["hour"] or 0), int(date["minute"] or 0)))


def _body(content: list[tuple[str, bool]], slug: str) -> list[tuple[str, str | Image]]:
    """Paragraphs, subheadings and images. An image is a file-name line or a line holding only
    the article's slug (the page's alt text, sample page 002), its caption the next line; or a
    line that is no sentence followed by a non-breaking-space line (a photo whose caption alone
    was kept, sample page 001). A line of the slug and another title links a related article:
    not the body's. A short line that is no sentence between paragraphs is a subheading."""
    body: list[tuple[str, str | Image]] = []
    waiting: Image | None = None
    for i, (line, _nbsp) in enumerate(content):
        if not line:
            continue
        if IMAGE_FILE.match(line) or fold(line) == slug:
            waiting = Image(caption="", file_name=line if IMAGE_FILE.match(line) else "")
            continue
        if slug and fold(line).startswith(slug + " "):
            continue
        if waiting is not None:
            waiting.caption = waiting.alt_text = line
            body.append(("image", waiting))
            waiting = None
            continue
        following = next(((text, nbsp) for text, nbsp in content[i + 1:] if text or nbsp),
                         ("", False))
        if not _is_sentence(line) and following[1]:
            body.append(("image", Image(caption=line, alt_text=line)))
        elif not _is_sentence(line) and len(line.split()) <= 15:
            body.append(("subheading", line))
        else:
            body.append(("paragraph", line))
    return body
