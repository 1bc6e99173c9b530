"""The default answer mode: quote the exact span that answers, or abstain.

No language model writes anything here. Given what retrieval found (:class:`~qa.types.Retrieved`:
passages, and sentences of the articles that mention every place, person and document the
question names) the answerer

1. abstains when no passage is close enough, or no candidate article mentions what the
   question names (so a question about Đà Nẵng is never answered from an article about Hà Nội);
2. ranks the retrieved sentences by their own vectors' similarity to the question, the score
   of the passage they sit in, shared words, and whether they hold an answer of the kind asked
   for (a figure, a date, a document code, a name) in the year asked about;
3. picks the span of that kind whose surrounding words best match the question;
4. frames it in the question's language with a numbered citation whose span offsets let a
   UI highlight it - or says the articles don't hold the answer.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from qa.prompts import cannot_answer, template
from qa.question import Question, match_terms
from qa.retrieval import passage_from_hit
from qa.settings import AnswerSettings
from qa.spans import Span, find_spans, same_span_text, standalone_years
from qa.types import Answer, Citation, Passage, Retrieved
from qa.units import UNIT_RE, unit_in_english, unit_matches
from vectorstore.index import VectorIndex
from vectorstore.sentences import sentence_spans
from vectorstore.text import fold_diacritics, nfc


@dataclass
class _Candidate:
    doc_id: str
    text: str
    start: int
    end: int
    score: float
    spans: list[Span]
    passage: Passage | None
    weights: dict[str, float] | None = None
    similarity: float = 0.0


class ExtractiveAnswerer:
    """Answers by quoting the retrieved sentences.

    Example::

        answerer = ExtractiveAnswerer(index, AnswerSettings())
        answer = answerer.answer(question, retrieval.retrieve(question, k=5))
    """

    def __init__(self, index: VectorIndex, settings: AnswerSettings) -> None:
        self.index = index  # only to find the chunk that holds a sentence outside the passages
        self.settings = settings

    def answer(self, question: Question, found: Retrieved) -> Answer:
        passages = found.passages
        if not passages or passages[0].score < self.settings.min_score:
            return self._abstain(question, "no passage is similar enough to the question")
        if not found.eligible:
            named = ", ".join(found.missing)
            return self._abstain(question, f"no retrieved article mentions {named}", what=named)
        texts = {d: (found.articles[d].text or "") if d in found.articles else "" for d in found.eligible}
        candidates = self._candidates(question, found, texts)
        if not candidates:
            return self._abstain(question, f"no sentence holds a {question.kind} for this question")
        best = max(candidates, key=lambda c: c.score)
        if question.kind == "free" and best.similarity < self.settings.min_free_score:
            return self._abstain(question, "no sentence is close enough to quote as an answer")
        return self._compose(question, best)

    # -- ranking -----------------------------------------------------------------------------
    def _candidates(self, q: Question, found: Retrieved, texts: dict[str, str]) -> list[_Candidate]:
        passages = found.passages
        best_passage: dict[str, Passage] = {}
        for p in passages:
            best_passage.setdefault(p.doc_id, p)
        pool = []
        for hit in found.sentences:
            if q.years and not _year_fits(q.years, texts.get(hit.doc_id, ""), hit.start, hit.end):
                continue
            spans = [s for s in find_spans(hit.text, q.kind) if not _named_in_question(s, q)]
            if q.wants_share and q.kind == "number":
                spans = [s for s in spans if _is_share(s)]  # "what share" is answered by a % or a fraction
            if q.unit and q.kind == "number" and not q.wants_share:
                spans = [s for s in spans if unit_matches(q.unit, _following(hit.text, s)) is not False]
            if q.kind != "free" and not spans:
                continue
            previous = match_terms(_previous_sentence(texts.get(hit.doc_id, ""), hit.start))
            pool.append((hit, spans, match_terms(hit.text), previous))
        weights = term_weights(q.terms, [terms for _, _, terms, _ in pool])
        total = sum(weights.values()) or 1.0
        out = []
        for hit, spans, sent_terms, previous in pool:
            holder = next((p for p in passages if p.doc_id == hit.doc_id and p.start <= hit.start and hit.end <= p.end), None)
            p_score = holder.score if holder else 0.8 * best_passage[hit.doc_id].score if hit.doc_id in best_passage else 0.0
            # A sentence leans on the one before it for its subject ("Nhân sự tái cử là 47/81"
            # follows the sentence about nominees), so that one's terms count half.
            own = q.terms & sent_terms
            overlap = (sum(weights[t] for t in own) + 0.5 * sum(weights[t] for t in (q.terms & previous) - own)) / total
            fit = max((_fit(q, hit.text, s, weights) for s in spans), default=0.0)
            score = hit.score + 0.5 * p_score + 0.6 * overlap + fit
            out.append(_Candidate(hit.doc_id, hit.text, hit.start, hit.end, score, spans, holder, weights, hit.score))
        return out

    # -- composing ---------------------------------------------------------------------------
    def _compose(self, q: Question, c: _Candidate) -> Answer:
        passage = c.passage
        if passage is None:
            covering = self.index.chunk_covering(c.doc_id, c.start, c.end)
            passage = passage_from_hit(covering) if covering else Passage(
                doc_id=c.doc_id, title="", text=c.text, score=c.score, start=c.start, end=c.end)
        span = _best_span(q, c) if c.spans else None
        offset = c.start - passage.start
        citation = Citation(
            number=1, doc_id=passage.doc_id, title=passage.title, passage=passage.text, score=round(passage.score, 4),
            source=passage.source, published=passage.published, chunk_id=passage.chunk_id,
            span_start=offset + span.start if span else offset,
            span_end=offset + span.end if span else offset + len(c.text), passage_start=passage.start,
        )
        budget = self.settings.max_chars
        if span:
            shown = _span_label(q, c.text, span)
            frame = template("span_answer")
            room = budget - len(frame.render(q.language, span=shown, quote="", n=1))
            text = frame.render(q.language, span=shown, quote=_quote(c.text, span, room), n=1)
        else:
            frame = template("sentence_answer")
            room = budget - len(frame.render(q.language, quote="", n=1))
            text = frame.render(q.language, quote=_quote(c.text, None, room), n=1)
        return Answer(question=q.text, text=nfc(text), abstained=False, citations=[citation], language=q.language,
                      kind=q.kind, span=span.text if span else None)

    def _abstain(self, q: Question, reason: str, *, what: str | None = None) -> Answer:
        text = template("cannot_answer_named").render(q.language, what=what) if what else cannot_answer(q.language)
        return Answer(question=q.text, text=text, abstained=True, citations=[], language=q.language, kind=q.kind,
                      reason=reason)


def _following(sentence: str, span: Span) -> str:
    """The (folded) words right after a figure: what it counts ("20 lượt cán bộ" -> "luot can bo")."""
    after = [fold_diacritics(m.group()) for m in _TOKEN_RE.finditer(sentence, span.end)][:3]
    return " ".join(t for t in after if t not in ",;:()")


def _is_share(span: Span) -> bool:
    return "%" in span.text or "/" in span.text


def _previous_sentence(article: str, start: int) -> str:
    """The sentence before offset ``start`` in the same paragraph ('' at a paragraph's start)."""
    para_start = article.rfind("\n\n", 0, start) + 1
    before = article[para_start:start]
    spans = sentence_spans(before)
    return before[spans[-1][0]:spans[-1][1]] if spans else ""


def _year_fits(years: tuple[str, ...], article: str, start: int, end: int) -> bool:
    """The sentence's paragraph (or, if it names no year, the sentence's article) names an asked year."""
    para_start = article.rfind("\n\n", 0, start) + 1
    para_end = article.find("\n\n", end)
    paragraph = article[para_start: para_end if para_end >= 0 else len(article)]
    named = standalone_years(paragraph)
    if named:
        return any(y in named for y in years)
    return any(y in standalone_years(article) for y in years)


def _named_in_question(span: Span, q: Question) -> bool:
    """A span the question itself contains ("Quyết định 3814-QĐ/TU" can't answer "which replaced 3814?")."""
    return any(same_span_text(span.text, x) for x in (*q.codes, *q.names, *q.years)) or (
        span.kind == "number" and re.search(rf"(?<![\d/.,]){re.escape(span.text)}(?![\d/.,])", q.text) is not None
    )


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

# How much a span's surroundings add to its sentence's score. A date's event is often told
# far from it ("Đoàn kiểm tra … làm việc … , ngày 3/7/2019"), so nearby words matter less.
_CONTEXT_WEIGHT = {"number": 0.4, "person": 0.4, "document": 0.4, "date": 0.15}


def _fit(q: Question, sentence: str, span: Span, weights: dict[str, float] | None) -> float:
    context, bonus = span_evidence(q, sentence, span, weights)
    return _CONTEXT_WEIGHT.get(span.kind, 0.4) * min(context, 4.0) + 0.4 * bonus


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
    toks = [(m.start(), m.end(), fold_diacritics(m.group())) for m in _TOKEN_RE.finditer(sentence)]
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
        fits = unit_matches(q.unit, _following(sentence, span))
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


def _best_span(q: Question, c: _Candidate) -> Span:
    return max(c.spans, key=lambda s: (span_context(q, c.text, s, c.weights), -s.start))


def _span_label(q: Question, sentence: str, span: Span) -> str:
    """The span as shown first in the answer: "137 cán bộ" / "137 cadres"; codes and names as they are."""
    if span.kind != "number" or "%" in span.text:
        return span.text
    unit = UNIT_RE.match(sentence, span.end)
    if not unit:
        return span.text
    if q.language == "en":
        english = unit_in_english(unit.group(1))
        return f"{span.text} {english}" if english else span.text
    return f"{span.text} {unit.group(1)}"


def _quote(sentence: str, span: Span | None, room: int) -> str:
    """The sentence, or a window of it around ``span`` cut at word boundaries, in ``room`` chars."""
    sentence = sentence.strip()
    if len(sentence) <= room:
        return sentence
    room = max(room - 2, 20)
    centre = (span.start + span.end) // 2 if span else room // 2
    lo = max(0, min(centre - room // 2, len(sentence) - room))
    hi = min(len(sentence), lo + room)
    if lo > 0:
        lo = sentence.find(" ", lo) + 1 or lo
    if hi < len(sentence):
        hi = sentence.rfind(" ", lo, hi) if sentence.rfind(" ", lo, hi) > lo else hi
    return ("…" if lo > 0 else "") + sentence[lo:hi].strip() + ("…" if hi < len(sentence) else "")


