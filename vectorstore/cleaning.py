"""Turn a scraped page into a clean :class:`Article`: boilerplate out, metadata in.

News pages arrive wrapped in site furniture: font-size widgets ("A- A A+"), comment
forms, "Các bài mới đăng" / "Tin liên quan" lists, weather and exchange-rate boxes,
rows of dots, teaser repeats ending in "[…]". Furniture that closes a page (comment forms,
related links, partner logos) cuts everything after it; furniture that can sit anywhere is
dropped line by line. Date, source and author lines are turned into metadata and removed
from the text, so that passages quote the article and nothing else.

The cleaned text starts with the headline as its own paragraph: it names the place the
article is about, which the body often leaves implicit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vectorstore.errors import UnreadableFile
from vectorstore.loading import RawDocument
from vectorstore.text import fold_diacritics, nfc
from vectorstore.types import Article

# Lines that close the article: they and everything after them are site furniture.
# Compared on folded text (no diacritics, lower case), at the start of a line.
_TAIL_MARKERS = tuple(
    fold_diacritics(m)
    for m in (
        "Các bài mới đăng", "Các bài đã đăng", "Tin liên quan", "Tin cùng chuyên mục", "Tin khác",
        "Viết bình luận", "Bài viết Xem", "Ý kiến bạn đọc", "Gửi bình luận",
        "Đối tác của chúng tôi", "Tổng số điểm của bài viết", "Click để đánh giá bài viết",
        "Phóng sự ảnh", "Dự báo thời tiết", "Thời tiết Hà Nội", "Tỷ giá ngoại tệ", "Giá vàng",
    )
)

# Lines dropped wherever they stand.
_DROP_LINE_RES = [
    re.compile(r"^A-\s*A\s*A\+"),                          # font-size widget
    re.compile(r"^[\s.·•…\-–—_*|=~]+$"),                    # rows of dots and rules
    re.compile(r"^Sự kiện\s*-\s*chuyên đề:?$", re.I),
    re.compile(r"^(Ảnh|Nguồn ảnh|Video|Clip)\s*:\s*\S.{0,40}$"),  # photo/video credits
    re.compile(r"^(Video|In bài này|Gửi bài này|Chia sẻ|Bản in|Quay lại|Về đầu trang)$", re.I),
    re.compile(r".*(\[…\]|\[\.\.\.\])\s*$"),               # teaser repeats ("… Ban Chấp […]")
    re.compile(r"^(Họ tên|Số điện thoại|Email|Tiêu đề|Nội dung|Mã xác nhận)\s*:", re.I),
]

_WEEKDAY_RE = re.compile(r"\b(Thứ\s+(Hai|Ba|Tư|Năm|Sáu|Bảy|2|3|4|5|6|7)|Chủ\s+nhật|CN)\b", re.I)
_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})(?!\d)")
_TIME_RE = re.compile(r"(?<![\d/])(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?![\d/])")
_DATE_NOISE_RE = re.compile(
    r"\[?GMT\s*[+-]\s*\d+\]?|Gửi bài này|In bài này|Cập nhật( lúc)?|Ngày đăng|Đăng lúc|Ngày|lúc", re.I
)
_SOURCE_LINE_RE = re.compile(r"^(?:Theo|Nguồn)\s*:?\s*(\S.{0,40}?)\s*\.?$")
_LEAD_AGENCY_RE = re.compile(r"^([A-ZĐ]{2,8})\s*[-–—]\s*\S")
_TITLE_DATE_RE = re.compile(r"\s*\(([^()]{6,40})\)\s*$")


@dataclass(frozen=True)
class _Date:
    iso: str
    has_time: bool


def parse_date_line(line: str) -> _Date | None:
    """Parse a line that is (almost) only a date, e.g. ``Thứ Bảy, 15/02/2020, 06:45 [GMT+7]``.

    Returns ``None`` for body sentences that merely contain a date, so "Ngày 10/01, UBND…"
    is not mistaken for the publication date.
    """
    date = _DATE_RE.search(line)
    if not date:
        return None
    day, month, year = (int(g) for g in date.groups())
    if not (1 <= day <= 31 and 1 <= month <= 12 and 1900 <= year <= 2100):
        return None
    rest = line[: date.start()] + " " + line[date.end():]
    time = _TIME_RE.search(rest)
    if time:
        rest = rest[: time.start()] + " " + rest[time.end():]
    rest = _DATE_NOISE_RE.sub(" ", _WEEKDAY_RE.sub(" ", rest))
    if len(re.sub(r"[\W_]+", "", rest)) > 3:
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if time:
        hh, mm, ss = time.groups()
        if int(hh) < 24 and int(mm) < 60:
            iso += f"T{int(hh):02d}:{mm}" + (f":{ss}" if ss else "")
        else:
            time = None
    return _Date(iso, bool(time))


def _looks_like_byline(line: str) -> bool:
    """A closing line of two to four capitalised words and nothing else ("Minh Châu")."""
    parts = line.split()
    return len(line) <= 40 and 2 <= len(parts) <= 4 and all(
        p[0].isupper() and p[1:].islower() and p.isalpha() for p in parts
    )


def _normalise_lines(text: str) -> list[str]:
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    return [" ".join(line.split()) for line in text.split("\n")]


# A furniture heading is a short line ("Tin liên quan", "Giá vàng"); a longer one is prose.
_MAX_MARKER_LINE = 60
# A headline that is a marker plus at most this many characters ("Tin liên quan:") is a heading.
_BARE_HEADING_EXTRA = 10


def _cut_tail(lines: list[str]) -> list[str]:
    """``lines`` up to the first furniture heading that closes the article.

    A headline is not furniture unless it is a bare heading ("Các bài mới đăng"), and neither
    is a marker the headline itself is about: a report titled "Giá vàng hôm nay …" keeps its
    "Giá vàng thế giới" section, where a page's "Giá vàng" price box would end any other article.
    """
    first = next((i for i, line in enumerate(lines) if line), len(lines))
    title = fold_diacritics(lines[first]) if first < len(lines) else ""
    if any(title.startswith(m) and len(title) <= len(m) + _BARE_HEADING_EXTRA for m in _TAIL_MARKERS):
        return lines[:first]
    for i in range(first + 1, len(lines)):
        if len(lines[i]) > _MAX_MARKER_LINE:
            continue
        folded = fold_diacritics(lines[i])
        if any(folded.startswith(marker) and marker not in title for marker in _TAIL_MARKERS):
            return lines[:i]
    return lines


def clean_article(raw: RawDocument) -> Article:
    """Clean ``raw`` into an :class:`Article`; raises :class:`UnreadableFile` if no text remains."""
    lines = [ln for ln in _cut_tail(_normalise_lines(raw.text)) if ln and not any(r.match(ln) for r in _DROP_LINE_RES)]

    dates: list[_Date] = []
    source: str | None = None
    kept: list[str] = []
    for line in lines:
        found = parse_date_line(line) if len(line) < 80 else None
        if found:
            dates.append(found)
            continue
        src = _SOURCE_LINE_RE.match(line)
        if src and source is None:
            source = src.group(1)
            continue
        kept.append(line)

    title = raw.title_hint
    if title:
        kept = [ln for ln in kept if ln != title]
    elif kept:
        title = kept.pop(0)
    if not title:
        raise UnreadableFile(f"{raw.path}: no article text left after removing site boilerplate")
    suffix = _TITLE_DATE_RE.search(title)
    if suffix and (found := parse_date_line(suffix.group(1))):
        dates.insert(0, found)
        title = title[: suffix.start()].strip()

    author = None
    if kept and _looks_like_byline(kept[-1]):
        author = kept.pop()
    if not kept:
        raise UnreadableFile(f"{raw.path}: only a headline is left after removing site boilerplate")
    if source is None and (lead := _LEAD_AGENCY_RE.match(kept[0])):
        source = lead.group(1)

    published = raw.date_hint or next((d.iso for d in dates if d.has_time), dates[0].iso if dates else None)
    text = "\n\n".join([title, *kept])
    return Article(
        doc_id=raw.doc_id,
        title=nfc(title),
        text=nfc(text),
        published=published,
        source=source,
        author=author,
        path=raw.path,
    )
