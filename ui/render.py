"""Turn answers and passages into safe HTML/Markdown for the chat UI.

Everything that comes from article text is escaped here, in one place: an article that
contains ``<script>`` or Markdown tricks renders as the characters it contains and never
runs. Highlights are inserted around escaped text, not into raw text.
"""

from __future__ import annotations

import html
import re

from qa.types import Answer, ArticleRecord, Citation

# Every ASCII character that starts Markdown or HTML syntax: emphasis, links, headings (also
# setext "===" underlines), lists, quotes, tables, strikethrough, math, and entities ("&amp;").
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&=])")
# Blanks opening a line: Markdown drops them, except that four make a code block.
_INDENT = re.compile(r"(^|[\r\n])[ \t]+")


def escape_markdown(text: str) -> str:
    """Make chat text show literally: backslash-escape Markdown and HTML syntax and drop the
    blanks that open a line. tests/ui/test_render.py renders the result with markdown-it-py
    and checks that every text comes back as itself (up to white space), as plain text."""
    return _MD_SPECIAL.sub(r"\\\1", _INDENT.sub(r"\1", text))


def unescape_markdown(text: str) -> str:
    """Inverse of :func:`escape_markdown` (the blanks that opened a line stay dropped)."""
    return re.sub(r"\\(.)", r"\1", text)


def highlighted(passage: str, start: int | None, end: int | None) -> str:
    """``passage`` as escaped HTML with ``[start, end)`` wrapped in ``<mark>``."""
    if start is None or end is None or not (0 <= start <= end <= len(passage)):
        return html.escape(passage)
    return (
        html.escape(passage[:start]) + "<mark>" + html.escape(passage[start:end]) + "</mark>" + html.escape(passage[end:])
    )


def citation_card(c: Citation, *, labels: dict[str, str]) -> str:
    meta = " · ".join(html.escape(x) for x in (_date(c.published), c.source, c.doc_id) if x)
    return (
        f'<div class="vnqa-card" data-doc="{html.escape(c.doc_id, quote=True)}">'
        f'<div class="vnqa-card-title">[{c.number}] {html.escape(c.title or labels["untitled"])}</div>'
        f'<div class="vnqa-card-meta">{meta}</div>'
        f'<div class="vnqa-card-text">{highlighted(c.passage, c.span_start, c.span_end)}</div></div>'
    )


def citations_html(answer: Answer | None, *, labels: dict[str, str]) -> str:
    if answer is None:
        return ""
    if answer.abstained or not answer.citations:
        return f'<div class="vnqa-empty">{html.escape(labels["no_sources"])}</div>'
    return "".join(citation_card(c, labels=labels) for c in answer.citations)


def _date(iso: str | None) -> str | None:
    """``2019-01-13T22:05`` -> ``13/01/2019 22:05`` (the way Vietnamese papers print dates)."""
    if not iso:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?", iso)
    if not m:
        return iso
    y, mo, d, t = m.groups()
    return f"{d}/{mo}/{y}" + (f" {t}" if t else "")


def article_html(record: ArticleRecord | None, citation: Citation | None, *, labels: dict[str, str]) -> str:
    """The whole cleaned article, escaped, with the cited passage and the answer span marked."""
    if record is None or record.text is None:
        return f'<div class="vnqa-empty">{html.escape(labels["viewer_hint"])}</div>'
    text = record.text
    marks: list[tuple[int, int, str]] = []
    if citation is not None and citation.passage_start is not None:
        p_start = citation.passage_start
        p_end = p_start + len(citation.passage)
        if text[p_start:p_end] == citation.passage:
            if citation.span_start is not None and citation.span_end is not None:
                s_start, s_end = p_start + citation.span_start, p_start + citation.span_end
                marks = [(p_start, s_start, "passage"), (s_start, s_end, "span"), (s_end, p_end, "passage")]
            else:
                marks = [(p_start, p_end, "passage")]
    body, cursor = [], 0
    headline = (record.title or "") + "\n\n"
    if record.title and text.startswith(headline) and all(start >= len(headline) for start, _, _ in marks):
        cursor = len(headline)  # the headline is shown once, as the heading
    for start, end, kind in marks:
        body.append(html.escape(text[cursor:start]))
        cls = "vnqa-passage" if kind == "passage" else "vnqa-passage vnqa-span"
        body.append(f'<mark class="{cls}">{html.escape(text[start:end])}</mark>')
        cursor = end
    body.append(html.escape(text[cursor:]))
    paragraphs = "".join(f"<p>{p}</p>" for p in "".join(body).split("\n\n"))
    meta = " · ".join(html.escape(x) for x in (_date(record.published), record.source, record.author, record.doc_id) if x)
    return (f'<div class="vnqa-article" data-doc="{html.escape(record.doc_id, quote=True)}">'
            f'<h3>{html.escape(record.title or labels["untitled"])}</h3><div class="vnqa-card-meta">{meta}</div>'
            f"{paragraphs}</div>")


def articles_table(records: list[ArticleRecord], *, labels: dict[str, str]) -> str:
    """The indexed articles as an escaped HTML table: title, date, chunk count."""
    rows = "".join(
        f'<tr><td title="{html.escape(r.doc_id, quote=True)}">{html.escape(r.title or r.doc_id)}</td>'
        f"<td>{html.escape(_date(r.published) or '–')}</td><td>{r.n_chunks}</td></tr>"
        for r in records
    )
    return (f'<table class="vnqa-articles"><thead><tr><th>{labels["col_title"]}</th><th>{labels["col_date"]}</th>'
            f"<th>{labels['col_chunks']}</th></tr></thead><tbody>{rows}</tbody></table>")
