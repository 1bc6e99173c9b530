"""The LLM answer mode: a reader that copies the answering span, checked against the article.

The extractive answerer runs first. When it abstains (another city, an unknown document,
nothing likely enough) the LLM is not asked at all, so abstention means the same in both
modes. Otherwise the sentences behind its best candidates - the one holding its answer
first - are numbered ``[1]..[n]`` within a token budget (tiktoken), and the local model
replies with the shortest words that answer, copied from one of them, and which one. For an
English question it also writes one English sentence around those words.

A small model is only trusted where it can be checked: the copied words must occur verbatim
(up to case and spacing) in a shown sentence, the English sentence must contain them and say
nothing the article does not (:func:`qa.grounding.ungrounded_facts`). A span that fails is
replaced by the extractive answer and ``Answer.fallback`` says why; an English sentence that
fails is replaced by the span itself. The model only *chooses*; the text shown as the span is
always the article's own.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from qa.tagging import Candidate
from qa.extractive import ExtractiveAnswerer, Reading, Scored
from qa.features import SentenceContext
from qa.grounding import ungrounded_facts
from qa.prompts import template
from qa.question import Question
from qa.settings import LLMSettings
from qa.types import Answer, Retrieved
from vectorstore.chunking import TokenCounter
from vectorstore.text import fold_diacritics, nfc

log = logging.getLogger(__name__)

NONE = "NONE"  # what the model writes as the span when no sentence answers


@dataclass(frozen=True)
class Reply:
    """The model's reply, parsed: the copied words (None for NONE), the sentence number, the English sentence."""

    span: str | None
    source: int | None
    sentence: str | None


class LLMAnswerer:
    """Answers by letting a chat model read the best sentences and copy the span.

    Example::

        answerer = LLMAnswerer(lambda: chat_model, extractive, encoding, LLMSettings())
        answer = answerer.answer(question, retrieved)
    """

    def __init__(self, chat_model: Callable[[], Any], extractive: ExtractiveAnswerer, encoding: TokenCounter,
                 settings: LLMSettings) -> None:
        self._chat_model = chat_model
        self.extractive = extractive
        self.encoding = encoding
        self.settings = settings

    def answer(self, question: Question, found: Retrieved) -> Answer:
        final = None
        for piece in self.stream(question, found):
            if isinstance(piece, Answer):
                final = piece
        assert final is not None
        return final

    def stream(self, question: Question, found: Retrieved) -> Iterator[str | Answer]:
        """Yield the checked :class:`Answer` (the reply is a format, not prose: nothing streams before it)."""
        reading = self.extractive.read(question, found)
        if reading.answer.abstained:
            yield replace(reading.answer, mode="llm")
            return
        shown = self.sentences(reading)
        text, usage, started, first = "", None, time.perf_counter(), None
        try:
            for chunk in self._chat_model().stream(self.messages(question, shown)):
                piece = chunk.content if isinstance(chunk.content, str) else ""
                if piece:
                    first = first if first is not None else time.perf_counter() - started
                    text += piece
                usage = getattr(chunk, "usage_metadata", None) or usage
        except Exception as exc:  # noqa: BLE001 - any transport/runtime failure of the model
            from qa.llm_runtime import endpoint_error

            raise endpoint_error(exc, self.settings) from exc
        seconds = time.perf_counter() - started
        tokens = (usage or {}).get("output_tokens") or len(self.encoding.encode_ordinary(text))
        answer = self._check(question, reading, shown, parse_reply(nfc(text)))
        yield replace(answer, generated_tokens=tokens, generation_seconds=seconds, first_token_seconds=first)

    # -- prompt --------------------------------------------------------------------------------
    def sentences(self, reading: Reading) -> list[SentenceContext]:
        """The sentences to show: those of the most probable candidates, the answer's first, within budget."""
        best: dict[tuple[str, int], tuple[float, SentenceContext]] = {}
        for s in reading.scored:
            key = (s.context.sentence.doc_id, s.context.sentence.start)
            p = s.probability if s.candidate.ctype != "SENTENCE" else s.probability / 2
            if key not in best or p > best[key][0]:
                best[key] = (p, s.context)
        lead = _answer_sentence(reading)
        ordered = sorted(best.items(), key=lambda kv: (kv[0] != lead, -kv[1][0], kv[1][1].rank))
        budget, chosen = self.settings.context_tokens, []
        for _, (_, ctx) in ordered[: self.settings.read_sentences]:
            cost = len(self.encoding.encode_ordinary(_line(len(chosen) + 1, ctx)))
            if chosen and cost > budget:
                break
            chosen.append(ctx)
            budget -= cost
        return chosen

    def messages(self, question: Question, shown: list[SentenceContext]) -> list[tuple[str, str]]:
        lang = question.language
        system = template("system", "reader.toml").render(lang, none=NONE)
        body = "\n".join(_line(i, ctx) for i, ctx in enumerate(shown, 1))
        user = template("user", "reader.toml").render(lang, sentences=body, question=question.text)
        return [("system", system), ("human", user)]

    # -- checking -----------------------------------------------------------------------------
    def _check(self, q: Question, reading: Reading, shown: list[SentenceContext], reply: Reply) -> Answer:
        base = reading.answer
        if reply.span is None:
            # The quoted answer passed every check the extractive mode makes; a small model's
            # "no answer" is less reliable than that, so the quote is shown, flagged.
            return replace(base, mode="extractive", fallback="the model found no answer; showing the quoted one")
        words = len(reply.span.split())
        if words > self.settings.max_span_words:
            return replace(base, mode="extractive",
                           fallback=f"the model's span has {words} words (more than {self.settings.max_span_words})")
        found = _locate(reply.span, shown, reply.source)
        if found is None:
            return replace(base, mode="extractive", fallback=f"the model's span «{reply.span}» is not in the sentences")
        ctx, start, end = found
        candidate = _as_candidate(reading.scored, ctx, start, end)
        chosen = Scored(candidate, ctx, {}, math.nan)
        lead = None
        if q.language == "en" and reply.sentence:
            lead = self._english(reply.sentence, candidate.text, ctx)
        record = self.extractive.index.get_article(ctx.sentence.doc_id) if q.answer_type == "person" else None
        full = self.extractive.full_name(q, chosen, record.text if record else None)
        answer = self.extractive.compose(q, chosen, lead=lead, full=full)
        return replace(answer, mode="llm")

    def _english(self, sentence: str, span: str, ctx: SentenceContext) -> str | None:
        """The model's English sentence, when it holds the span and nothing the article does not."""
        sentence = re.sub(r"\s*\[\s*\d{1,3}\s*\]", "", sentence).strip()
        if not _contains_span(sentence, span):
            return None
        article = "\n".join(t for t in (ctx.sentence.title, ctx.holder.text if ctx.holder else "",
                                        ctx.sentence.text) if t)
        if ungrounded_facts(sentence, [article]):
            return None
        return sentence.rstrip(".") + "."


_KEY_RE = re.compile(r"\**\s*(SPAN|FROM|ANSWER)\s*\**\s*[:：]\s*\**\s*(.*)$", re.IGNORECASE)


def parse_reply(text: str) -> Reply:
    """``SPAN: …`` / ``FROM: n`` / ``ANSWER: …`` lines, read leniently (case, quotes, brackets)."""
    fields: dict[str, str] = {}
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    keyed = [_KEY_RE.match(line) for line in lines]
    for i, m in enumerate(keyed):
        if m and m.group(1).upper() not in fields:
            value = m.group(2).strip()
            if not value and i + 1 < len(lines) and not keyed[i + 1]:
                value = lines[i + 1]  # "SPAN:" with the words on the next line
            fields[m.group(1).upper()] = value
    if "SPAN" not in fields and lines and not keyed[0]:
        fields["SPAN"] = lines[0]  # the model often leaves out the first key
    span = _unquote(fields.get("SPAN", ""))
    if not span or span.upper().strip(".") == NONE:
        span = None
    digits = re.search(r"\d+", fields.get("FROM", ""))
    return Reply(span=span, source=int(digits.group()) if digits else None,
                 sentence=_unquote(fields.get("ANSWER", "")) or None)


def _unquote(value: str) -> str:
    value = re.sub(r"\s*\[\s*\d{1,3}\s*\]\s*$", "", value.strip()).rstrip(" .;")  # a citation after it
    while len(value) >= 2 and value[0] + value[-1] in ('""', "''", "``", "«»", "“”", "<>", "**", "[]"):
        value = value[1:-1].strip()
    return value.rstrip(" .;")


def _line(n: int, ctx: SentenceContext) -> str:
    return f"[{n}] ({ctx.sentence.title}) {' '.join(ctx.sentence.text.split())}"


def _answer_sentence(reading: Reading) -> tuple[str, int] | None:
    """The sentence the extractive answer quotes (its key), found by the citation's offsets."""
    if not reading.answer.citations:
        return None
    c = reading.answer.citations[0]
    at = (c.passage_start or 0) + (c.span_start or 0)
    for s in reading.scored:
        hit = s.context.sentence
        if hit.doc_id == c.doc_id and hit.start <= at < max(hit.end, hit.start + 1):
            return hit.doc_id, hit.start
    return None


def _locate(span: str, shown: list[SentenceContext], source: int | None) -> tuple[SentenceContext, int, int] | None:
    """Where ``span`` occurs in the named sentence, else in any shown one: exact up to case and
    spacing, or for a bare figure, the same digits."""
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in span.split()) + r"(?!\w)", re.IGNORECASE)
    order = list(range(len(shown)))
    if source is not None and 1 <= source <= len(shown):
        order.remove(source - 1)
        order.insert(0, source - 1)
    for i in order:
        m = pattern.search(shown[i].sentence.text)
        if m:
            return shown[i], m.start(), m.end()
    value = _figure_value(span.strip(), thousands=",", decimal=".")
    if value is not None:
        # A figure written the English way ("50,000", "2970") is the article's "50.000", "2.970".
        for i in order:
            for m in _FIGURE_RE.finditer(shown[i].sentence.text):
                if _figure_value(m.group(), thousands=".", decimal=",") == value:
                    return shown[i], m.start(), m.end()
    return None


def _figure_value(text: str, *, thousands: str, decimal: str) -> float | None:
    """The value of a figure in one convention (thousands in groups of three), or None if it is not one."""
    t, d = re.escape(thousands), re.escape(decimal)
    if not re.fullmatch(rf"\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d+)?|\d+(?:{d}\d+)?", text):
        return None
    return float(text.replace(thousands, "").replace(decimal, "."))


_FIGURE_RE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")


def _as_candidate(scored: list[Scored], ctx: SentenceContext, start: int, end: int) -> Candidate:
    """The extractive candidate at exactly these offsets (its type frames the answer), else a new one."""
    text = ctx.sentence.text[start:end]
    mine = [s.candidate for s in scored if s.context is ctx and s.candidate.ctype != "SENTENCE"]
    for c in mine:
        if c.start == start and c.end == end:
            return c
    # Part of a figure or code ("NQ/TU" of "15-NQ/TU", "tỷ đồng" of "3,2 tỷ đồng") is completed;
    # a bare year stays a year ("1964" of "15/10/1964" answers "năm nào").
    bare_year = re.fullmatch(r"(1[89]|20)\d{2}", text) is not None
    whole = [c for c in mine if c.ctype in _WHOLE and c.start <= start and end <= c.end
             and not (bare_year and c.ctype == "DATE")]
    if whole:
        return max(whole, key=lambda c: c.end - c.start)
    return Candidate(text, start, end, "READ")


# Candidate types the reader's span is completed to when it copies only part of one.
_WHOLE = {"CODE", "MONEY", "PERCENT", "DATE"}


def _contains_span(text: str, span: str) -> bool:
    from qa.matching import matches

    if matches(span, text) or matches(span.replace(",", "."), text):
        return True
    folded = re.escape(fold_diacritics(span))
    return re.search(rf"(?<![\w.,]){folded}(?![\w]|[.,]\d)", fold_diacritics(text)) is not None
