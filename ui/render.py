"""Turn answers and passages into safe HTML/Markdown for the chat UI.

Everything that comes from article text is escaped here, in one place: an article that
contains ``<script>`` or Markdown tricks renders as the characters it contains and never
runs. Highlights are inserted around escaped text, not into raw text.
"""

from __future__ import annotations

import html
import re

from qa.types import Answer, Citation

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown and HTML syntax so chat text shows literally."""
    return _MD_SPECIAL.sub(r"\\\1", text)


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
