"""The LLM answer mode: a fluent sentence in the question's language, cited and checked.

The extractive answerer runs first. When it abstains (another city, an unknown document,
nothing close enough) the LLM is not asked at all, so abstention means the same in both
modes. Otherwise the retrieved passages - the one holding the extractive answer first - are
numbered ``[1]..[n]`` and packed into a token budget measured with tiktoken, the model is
asked for one or two sentences citing them, and its answer is kept only if every figure,
date, code, name and place in it occurs in a passage it cites. If not, or if it cites no
valid passage, the extractive answer is shown instead and ``Answer.fallback`` says why.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from qa.extractive import ExtractiveAnswerer
from qa.grounding import cited_numbers, ungrounded_facts
from qa.prompts import cannot_answer, template
from qa.question import Question
from qa.settings import LLMSettings
from qa.types import Answer, Citation, Passage, Retrieved
from vectorstore.chunking import TokenCounter
from vectorstore.text import fold_diacritics, nfc

log = logging.getLogger(__name__)


class LLMAnswerer:
    """Answers with a chat model, grounded in the passages.

    Example::

        answerer = LLMAnswerer(lambda: chat_model, extractive, encoding, LLMSettings())
        for piece in answerer.stream(question, retrieved):   # str tokens, then the Answer
            ...
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
        """Yield the answer's text as it is generated, then the checked :class:`Answer`."""
        base = self.extractive.answer(question, found)
        if base.abstained:
            yield replace(base, mode="llm")
            return
        numbered = self.pack(found.passages, first=base.citations[0] if base.citations else None)
        messages = self.messages(question, numbered)
        text, usage, started, first = "", None, time.perf_counter(), None
        try:
            for chunk in self._chat_model().stream(messages):
                piece = chunk.content if isinstance(chunk.content, str) else ""
                if piece:
                    first = first if first is not None else time.perf_counter() - started
                    text += piece
                    yield piece
                usage = getattr(chunk, "usage_metadata", None) or usage
        except Exception as exc:  # noqa: BLE001 - any transport/runtime failure of the model
            from qa.llm_runtime import endpoint_error

            raise endpoint_error(exc, self.settings) from exc
        seconds = time.perf_counter() - started
        tokens = (usage or {}).get("output_tokens") or len(self.encoding.encode_ordinary(text))
        yield replace(self._check(question, base, numbered, nfc(text.strip()), tokens, seconds),
                      first_token_seconds=first)

    # -- prompt --------------------------------------------------------------------------------
    def pack(self, passages: list[Passage], *, first: Citation | None) -> list[Passage]:
        """Passages to show the model, best first, within ``context_tokens`` (cl100k)."""
        ordered = list(passages)
        if first is not None:
            lead = next((p for p in ordered if p.chunk_id == first.chunk_id), None)
            if lead is None:
                lead = Passage(doc_id=first.doc_id, title=first.title, text=first.passage, score=first.score,
                               chunk_id=first.chunk_id, start=first.passage_start or 0,
                               end=(first.passage_start or 0) + len(first.passage), published=first.published,
                               source=first.source)
            ordered = [lead] + [p for p in ordered if p.chunk_id != lead.chunk_id]
        budget, chosen = self.settings.context_tokens, []
        for p in ordered:
            cost = len(self.encoding.encode_ordinary(self._passage_block(len(chosen) + 1, p)))
            if chosen and cost > budget:
                break
            chosen.append(p)
            budget -= cost
        return chosen

    @staticmethod
    def _passage_block(n: int, p: Passage) -> str:
        return f"[{n}] ({p.title}) {' '.join(p.text.split())}"

    def messages(self, question: Question, numbered: list[Passage]) -> list[tuple[str, str]]:
        lang = question.language
        system = template("system", "llm.toml").render(lang, cannot_answer=cannot_answer(lang))
        body = "\n".join(self._passage_block(i, p) for i, p in enumerate(numbered, 1))
        user = template("user", "llm.toml").render(lang, passages=body, question=question.text)
        return [("system", system), ("human", user)]

    # -- checking -----------------------------------------------------------------------------
    def _check(self, q: Question, base: Answer, numbered: list[Passage], text: str, tokens: int,
               seconds: float) -> Answer:
        stats = {"generated_tokens": tokens, "generation_seconds": seconds}
        if _says_cannot_answer(text) or not text:
            # The quoted answer passed every check the extractive mode makes; a small model's
            # "no answer" is less reliable than that, so the quote is shown, flagged.
            return replace(base, mode="extractive", fallback="the model found no answer; showing the quoted one",
                           **stats)
        cited = cited_numbers(text)
        valid = [n for n in cited if 1 <= n <= len(numbered)]
        if len(valid) < len(cited):
            log.warning("dropped out-of-range citations %s (only %d passages)", sorted(set(cited) - set(valid)),
                        len(numbered))
            text = _drop_citations(text, set(cited) - set(valid))
        if not valid:
            valid = _attribute(text, numbered)
            if not valid:
                return replace(base, mode="extractive", fallback="the generated answer cited no passage", **stats)
            text = f"{text.rstrip()} " + "".join(f"[{n}]" for n in valid)
        missing = ungrounded_facts(text, [_as_shown(numbered[n - 1]) for n in valid])
        if missing:
            return replace(base, mode="extractive",
                           fallback="not in the cited passages: " + ", ".join(missing), **stats)
        if base.span and not _contains_span(text, base.span):
            # The quoted span passed every check; an answer without it is vaguer or different.
            return replace(base, mode="extractive", fallback=f"the generated answer leaves out {base.span}", **stats)
        return Answer(question=q.text, text=text, abstained=False, language=q.language, kind=q.kind,
                      span=base.span, mode="llm", citations=[self._citation(n, numbered[n - 1], base) for n in valid],
                      **stats)

    @staticmethod
    def _citation(n: int, p: Passage, base: Answer) -> Citation:
        lead = base.citations[0] if base.citations else None
        same = lead is not None and lead.chunk_id == p.chunk_id
        return Citation(number=n, doc_id=p.doc_id, title=p.title, passage=p.text, score=round(p.score, 4),
                        source=p.source, published=p.published, chunk_id=p.chunk_id,
                        span_start=lead.span_start if same else None, span_end=lead.span_end if same else None,
                        passage_start=p.start)


def _attribute(text: str, numbered: list[Passage]) -> list[int]:
    """Passages an uncited answer evidently comes from: all its facts and most of its words are there.

    Small models often drop the ``[n]``; an answer copied from passage 1 is still passage 1's.
    """
    from qa.question import match_terms

    words = {w for w in match_terms(text) if " " not in w}
    for n, p in enumerate(numbered, 1):
        if ungrounded_facts(text, [_as_shown(p)]):
            continue
        have = {w for w in match_terms(p.text) if " " not in w}
        if words and len(words & have) / len(words) >= 0.6:
            return [n]
    return []


def _contains_span(text: str, span: str) -> bool:
    from qa.matching import matches

    return matches(span, text) or matches(span.replace(",", "."), text) or fold_diacritics(span) in fold_diacritics(text)


def _as_shown(p: Passage) -> str:
    """A passage as the model saw it: its headline (which often names the place) and text."""
    return f"{p.title}\n{p.text}"


def _says_cannot_answer(text: str) -> bool:
    folded = fold_diacritics(text)
    return any(fold_diacritics(cannot_answer(lang))[:40] in folded for lang in ("vi", "en"))  # type: ignore[arg-type]


def _drop_citations(text: str, numbers: set[int]) -> str:
    import re

    return re.sub(r"\s*\[\s*(\d{1,3})\s*\]", lambda m: "" if int(m.group(1)) in numbers else m.group(0), text)
