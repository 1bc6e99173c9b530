"""How well a span's surroundings in its sentence match the question: the ranker's evidence.

These measures were the hand-weighted score of the first answerer; now they are features
(:mod:`qa.features`) whose weights are fitted. *context*: the question's words near the span,
closer ones counting more; *bonus*: fit of the span to what is asked (the counted unit of a
"how many", a share for "what share", the document a date belongs to).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from qa.question import Question
from qa.spans import Span, same_span_text
from qa.units import unit_matches
from vectorstore.text import fold_diacritics


def following_words(sentence: str, span: Span) -> str:
    """The (folded) words right after a figure: what it counts ("20 lượt cán bộ" -> "luot can bo")."""
    after = [fold_diacritics(m.group()) for m in _TOKEN_RE.finditer(sentence, span.end)][:3]
    return " ".join(t for t in after if t not in ",;:()")


_TOKEN_RE = re.compile(r"[^\W_]+(?:[-/][^\W_]+)*|[,;:()]")


def term_weights(terms: frozenset[str], pool: list[set[str]]) -> dict[str, float]:
    """Weight each question term by its rarity among the candidate sentences (a local IDF).

    Word pairs count more than single syllables. A term every candidate shares ("giới
    thiệu ứng cử" in a paragraph about nominations) says little; the one only a single
    sentence has ("tái cử") decides.
    """
    n = len(pool)
    out = {}
    for t in terms:
        df = sum(t in s for s in pool)
        idf = math.log(1.0 + (n + 1) / (df + 0.5))
        out[t] = idf * (1.0 if " " in t else 0.3)
    return out


_COPULAS = {"la", "gom", "dat", "bang"}


def span_context(q: Question, sentence: str, span: Span, weights: dict[str, float] | None = None) -> float:
    """Total evidence that ``span`` answers ``q``: nearby question words plus type bonuses."""
    return sum(span_evidence(q, sentence, span, weights))


def span_evidence(q: Question, sentence: str, span: Span,
                  weights: dict[str, float] | None = None) -> tuple[float, float]:
    """``(context, bonus)`` for ``span``.

    *context*: question words near the span. Words count less the farther they are, a
    clause break (comma, bracket) counts as three more words of distance, a semicolon ends
    the clause, and for figures the words *after* the number (the noun it counts: "137 cán
    bộ được luân chuyển") weigh more than the words before.
    *bonus*: fit of the span's type - a share for "what share", the counted unit for "how
    many", the document a date belongs to.
    """
    toks = _tokens(sentence)
    before = [t for t in toks if t[1] <= span.start][::-1]
    after = [t for t in toks if t[0] >= span.end]
    decay_after, decay_before = (0.85, 0.7) if span.kind == "number" else (0.8, 0.8)
    if span.kind == "number" and before and before[0][2] in _COPULAS:
        decay_before = 0.92  # "Tổng số nhân sự được giới thiệu … là 81": the subject describes the figure
    # Names take their role in apposition ("Lê Văn Ánh, Bí thư Thành ủy"): commas don't separate.
    # A figure's description stays inside its comma-delimited item ("15 đồng chí đi học lớp cao
    # cấp…, 3 đồng chí đi học lớp trung cấp…"): for numbers a comma ends the context.
    comma_gap = 0 if span.kind == "person" else 3
    comma_stops = span.kind == "number"
    score = 0.0
    for side, decay in ((after, decay_after), (before, decay_before)):
        dist, prev = 0, None
        for _, _, tok in side:
            if tok == ";" or (tok == "," and comma_stops):
                break  # a semicolon closes the clause: "…2 đồng chí; đưa ra khỏi … 10 đồng chí"
            if tok in ",:()":
                dist += comma_gap if tok == "," else 3
                prev = None
                continue
            dist += 1
            weight = decay ** (dist - 1)
            if tok in q.terms:
                score += weight * (weights[tok] if weights else 0.3)
            if prev is not None:
                pair = f"{tok} {prev}" if side is before else f"{prev} {tok}"
                if pair in q.terms:
                    score += weight * (weights[pair] if weights else 1.0)
            prev = tok
    context, score = score, 0.0
    if span.kind == "number" and q.unit and after:
        fits = unit_matches(q.unit, following_words(sentence, span))
        if fits:
            score += 1.0
        elif fits is False:
            score -= 0.7  # counts something else ("81 hồ sơ" when people were asked for)
    if span.kind == "number":
        is_share = "%" in span.text or "/" in span.text
        if q.wants_share:
            score += 1.5 if is_share else 0.0
        elif "%" in span.text:
            score -= 0.5  # a percentage rarely answers "how many"
    if span.kind == "date":
        score += 0.5 if not re.fullmatch(r"\d{4}", span.text) else 0.0
        owner = date_owner(sentence, span)
        if owner and any(same_span_text(owner, c) for c in q.codes):
            score += 4.0  # "Nghị quyết 04-NQ/TU ngày 31/5/2021": the date of the document asked about
        elif owner:
            score -= 3.0 if q.codes else 1.0  # the date of another document
        elif q.codes:
            near = min((abs(span.start - sentence.find(code)) for code in q.codes if code in sentence), default=None)
            score += 0 if near is None else 3.0 / (1.0 + near / 15.0)
    return context, score


_OWNED_DATE_RE = re.compile(r"(\d{1,5}[-/](?:[A-ZĐ]{1,8}[-/])*[A-ZĐ]{1,8})\s*,?\s*(?:ngày\s*)?$")


def date_owner(sentence: str, span: Span) -> str | None:
    """The document code a date belongs to, when it directly follows one ("số 132/NQ-CP ngày …")."""
    m = _OWNED_DATE_RE.search(sentence[max(0, span.start - 40):span.start])
    return m.group(1) if m else None


@lru_cache(maxsize=2048)
def _tokens(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """Folded tokens of ``sentence`` with offsets; cached, since every candidate of a sentence asks."""
    return tuple((m.start(), m.end(), fold_diacritics(m.group())) for m in _TOKEN_RE.finditer(sentence))
