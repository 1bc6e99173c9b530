"""Read article files from disk into NFC text.

Supported: ``.txt``, ``.md`` and ``.html``/``.htm``. Text must be UTF-8 (with or without
BOM), UTF-16 with a BOM, or Vietnamese in Windows-1258; anything else is refused with :class:`UnreadableFile` naming
the file, so one bad file never stops a batch. HTML is reduced to its main text here,
before cleaning, so the cleaner sees the same shape of input for every format.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from vectorstore.errors import UnreadableFile
from vectorstore.text import nfc

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class RawDocument:
    """File content decoded to NFC text, before boilerplate removal."""

    doc_id: str
    path: str
    text: str
    title_hint: str | None = None
    date_hint: str | None = None


def discover(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Expand files and folders into supported article files, sorted for stable runs.

    Returns the files and a warning for each given path that is missing or unsupported.
    """
    found: list[Path] = []
    warnings: list[str] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(path)
            else:
                warnings.append(f"{path}: skipped, not one of {', '.join(SUPPORTED_SUFFIXES)}")
        else:
            warnings.append(f"{path}: no such file or folder")
    return found, warnings


def decode_bytes(data: bytes, *, name: str) -> str:
    """Decode article bytes: UTF-8 (BOM optional) or BOM-marked UTF-16; NFC on the way out."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return nfc(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise UnreadableFile(f"{name}: has a UTF-16 mark but is not valid UTF-16 ({exc.reason})") from exc
    if b"\x00" in data[:4096]:
        raise UnreadableFile(f"{name}: looks binary (NUL bytes); expected a UTF-8 text, Markdown or HTML article")
    try:
        return nfc(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        legacy = _windows_1258(data)
        if legacy is not None:
            return legacy
        raise UnreadableFile(
            f"{name}: not valid UTF-8 at byte {exc.start}; re-save it as UTF-8 "
            f"(e.g. `iconv -f WINDOWS-1258 -t UTF-8 {name}`)"
        ) from exc


_VI_ONLY = re.compile(r"[ăđơưảạẻẽẹỉĩịỏọủũụỳỷỹỵằắẳẵặầấẩẫậềếểễệồốổỗộờớởỡợừứửữự]", re.I)


def _windows_1258(data: bytes) -> str | None:
    """Vietnamese saved by older Windows software: Windows-1258 (tone marks as combining
    characters). Accepted only when the decoded text is clearly Vietnamese - letters only
    Vietnamese uses make up a fair share - because any byte string decodes as *something*."""
    try:
        text = nfc(data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    letters = sum(c.isalpha() for c in text)
    marked = len(_VI_ONLY.findall(text))
    return text if letters and marked >= 3 and marked >= 0.02 * letters else None


def read_article_file(path: Path) -> RawDocument:
    """Read one article file; raises :class:`UnreadableFile` with the file's name."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(f"{path}: {size:,} bytes is larger than the {MAX_FILE_BYTES:,}-byte limit for one article")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"{path}: cannot be read ({exc.strerror})") from exc
    if not data.strip():
        raise UnreadableFile(f"{path}: is empty")
    text = decode_bytes(data, name=str(path))
    if path.suffix.lower() in (".html", ".htm"):
        main = extract_html(text)
        return RawDocument(path.stem, str(path), main.text, main.title, main.date)
    if path.suffix.lower() == ".md":
        return RawDocument(path.stem, str(path), markdown_to_text(text))
    return RawDocument(path.stem, str(path), text)


_MD_RULES = [
    (re.compile(r"^```.*?^```\s*$", re.S | re.M), ""),            # fenced code
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),                      # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),                  # links -> their text
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M), r"\1"),   # headings
    (re.compile(r"^\s{0,3}(?:[-*+]|\d+\.)\s+", re.M), ""),            # list markers
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),                          # block quotes
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),                          # bold
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),  # italics
    (re.compile(r"`([^`]+)`"), r"\1"),                                # inline code
    (re.compile(r"<[^>\n]+>"), ""),                                   # inline HTML tags
    (re.compile(r"^\s*([-*_]\s*){3,}$", re.M), ""),                  # rules
]


def markdown_to_text(md: str) -> str:
    """Plain text of a Markdown article: headings, emphasis, links and markup removed."""
    for pattern, repl in _MD_RULES:
        md = pattern.sub(repl, md)
    return md


_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg", "iframe", "button", "select"}
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "main", "tr", "blockquote", "figcaption", "time", "td"}


@dataclass(frozen=True)
class HtmlMain:
    text: str
    title: str | None
    date: str | None


class _MainTextParser(HTMLParser):
    """Collects visible text, preferring ``<article>``/``<main>`` when the page has one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.all_parts: list[str] = []
        self.main_parts: list[str] = []
        self.main_depth = 0
        self.title: str | None = None
        self.h1: str | None = None
        self.date: str | None = None
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and a.get("property") in ("article:published_time", "og:published_time") and a.get("content"):
            self.date = self.date or a["content"]
        if tag == "time" and a.get("datetime"):
            self.date = self.date or a["datetime"]
        if tag in ("br",):
            self._emit("\n")
            return
        if tag in ("meta", "link", "img", "input", "hr"):
            return
        self._in.append(tag)
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        if tag in ("article", "main"):
            self.main_depth += 1
        if tag in _BLOCK_TAGS:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._in:
            return
        while self._in:
            open_tag = self._in.pop()
            if open_tag in _SKIP_TAGS:
                self.skip_depth -= 1
            if open_tag in ("article", "main"):
                self.main_depth -= 1
            if open_tag == tag:
                break
        if tag in _BLOCK_TAGS:
            self._emit("\n\n")

    def handle_data(self, data: str) -> None:
        current = self._in[-1] if self._in else ""
        if current == "title":
            self.title = (self.title or "") + data
            return
        if self.skip_depth:
            return
        if current == "h1" and data.strip():
            self.h1 = (self.h1 or "") + data
        self._emit(data)

    def _emit(self, data: str) -> None:
        self.all_parts.append(data)
        if self.main_depth:
            self.main_parts.append(data)


def extract_html(html: str) -> HtmlMain:
    """Main text of an HTML page: scripts, styles, navigation and forms are dropped.

    The text keeps paragraph breaks as blank lines. Its title comes from ``<h1>`` (or
    ``<title>``), its date from ``<time datetime>`` or ``article:published_time``.
    """
    parser = _MainTextParser()
    parser.feed(html)
    parser.close()
    parts = parser.main_parts if "".join(parser.main_parts).strip() else parser.all_parts
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    title = parser.h1 or parser.title
    title = " ".join(title.split()) if title else None
    text = text.strip()
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return HtmlMain(nfc(text), nfc(title) if title else None, parser.date)
