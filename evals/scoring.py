"""Offline evaluation against Q&A fixtures (JSON lines).

Fixture format, one object a line: ``id``, ``question``, ``answers`` (alternatives, any one
counts), ``docs`` (article ids that hold the answer), ``kind`` (``number``, ``person``,
``date``, ``document``, ``free`` or ``unanswerable``; the latter with empty ``answers``
means the right output is an abstention). Optional ``lang``; detected when absent.

Matching is strict on purpose: an answer is judged on its core span when it has one (the
quoted sentence around it may contain other figures), with the product's own rule
(:func:`qa.matching.matches`: numbers only as whole numbers, so "20" does not match "2019").
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

from evals.stats import percentile
from qa.language import detect_language
from qa.matching import matches
from qa.settings import package_folder
from qa.types import Answer, Passage
from vectorstore.errors import BadInput
from vectorstore.text import nfc


# The Q&A fixtures shipped in the ``evals`` package (``public``, ``vnqa``, ``heldout``).
BUNDLED_FIXTURES = package_folder("evals", "fixtures", what="bundled fixtures")


@dataclass(frozen=True)
class Fixture:
    id: str
    question: str
    answers: tuple[str, ...]
    docs: tuple[str, ...]
    kind: str
    lang: str
    split: str = ""
    near: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        return self.kind != "unanswerable"


def load_fixtures(paths: Iterable[Path]) -> list[Fixture]:
    """Read fixtures; :class:`BadInput` names the file and line of a malformed one."""
    out: list[Fixture] = []
    for path in paths:
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        for file in files:
            try:
                lines = file.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise BadInput(f"cannot read fixtures {file}: {exc}") from exc
            for no, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    raw = json.loads(line)
                    question = nfc(raw["question"])
                    out.append(Fixture(
                        id=str(raw["id"]), question=question, answers=tuple(nfc(a) for a in raw.get("answers", [])),
                        docs=tuple(raw.get("docs", [])), kind=raw.get("kind", "free"),
                        lang=raw.get("lang") or detect_language(question),
                        split=str(raw.get("split", "")), near=tuple(raw.get("near", [])),
                    ))
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise BadInput(f"{file}:{no}: not a fixture ({exc}); expected id, question, answers, docs, kind") from exc
    return out


_PUNCT_RE = re.compile(r"(?<!\d)[^\w\s%]|[^\w\s%](?!\d)")  # punctuation, but not "," / "." inside figures
_ARTICLES_RE = re.compile(r"\b(a|an|the)\b")


def normalise_span(text: str) -> str:
    """SQuAD-style normalisation: NFC, lower case, no punctuation or English articles, single spaces.

    Figures keep their digit separators ("3,2" and "3.2" stay different numbers): only
    punctuation *between* words is dropped.
    """
    text = nfc(text).casefold()
    return " ".join(_ARTICLES_RE.sub(" ", _PUNCT_RE.sub(" ", text)).split())


def exact_match(fixture: Fixture, span: str | None) -> bool:
    """``span`` equals an expected answer after :func:`normalise_span` (SQuAD EM)."""
    return bool(span) and any(normalise_span(span) == normalise_span(a) for a in fixture.answers)


def token_f1(fixture: Fixture, span: str | None) -> float:
    """The best token-overlap F1 of ``span`` with an expected answer (SQuAD F1); 0 without a span."""
    if not span or not fixture.answers:
        return 0.0
    got = normalise_span(span).split()
    best = 0.0
    for answer in fixture.answers:
        want = normalise_span(answer).split()
        common = sum((Counter(got) & Counter(want)).values())
        if common:
            precision, recall = common / len(got), common / len(want)
            best = max(best, 2 * precision * recall / (precision + recall))
    return best


def answer_is_correct(fixture: Fixture, answer: Answer) -> bool:
    if not fixture.answerable or answer.abstained:
        return False
    core = answer.span or answer.text
    return any(matches(a, core) for a in fixture.answers)


@dataclass
class Outcome:
    fixture: Fixture
    answer_text: str
    span: str | None
    abstained: bool
    correct: bool
    cited_doc: str | None
    citation_ok: bool
    seconds: float
    mode: str = "extractive"
    exact: bool = False
    f1: float = 0.0
    fallback: str | None = None
    generated_tokens: int | None = None
    generation_seconds: float | None = None
    first_token_seconds: float | None = None


@dataclass
class Group:
    n: int = 0
    answerable: int = 0
    correct: int = 0
    citation_ok: int = 0
    unanswerable: int = 0
    abstained_right: int = 0
    false_abstentions: int = 0
    exact: int = 0
    f1: float = 0.0

    def add(self, o: Outcome) -> None:
        self.n += 1
        if o.fixture.answerable:
            self.answerable += 1
            self.correct += o.correct
            self.citation_ok += o.citation_ok
            self.false_abstentions += o.abstained
            self.exact += o.exact
            self.f1 += o.f1
        else:
            self.unanswerable += 1
            self.abstained_right += o.abstained

    @property
    def metrics(self) -> dict[str, float | int | None]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "n": self.n,
            "answer_accuracy": ratio(self.correct, self.answerable),
            "citation_accuracy": ratio(self.citation_ok, self.answerable),
            "abstention_accuracy": ratio(self.abstained_right, self.unanswerable),
            "false_abstention_rate": ratio(self.false_abstentions, self.answerable),
            "exact_match": ratio(self.exact, self.answerable),
            "span_f1": round(self.f1 / self.answerable, 4) if self.answerable else None,
        }


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def _group(self, key: Callable[[Outcome], str]) -> dict[str, dict]:
        groups: dict[str, Group] = {}
        for o in self.outcomes:
            groups.setdefault(key(o), Group()).add(o)
        return {k: g.metrics for k, g in sorted(groups.items())}

    def summary(self) -> dict:
        overall = Group()
        for o in self.outcomes:
            overall.add(o)
        lat = sorted(o.seconds for o in self.outcomes)
        generated = [o for o in self.outcomes if o.generated_tokens]
        llm = {}
        if generated:
            # decode speed: tokens after the first over the time after the first (prompt processing excluded)
            tokens = sum((o.generated_tokens or 1) - 1 for o in generated)
            secs = sum((o.generation_seconds or 0) - (o.first_token_seconds or 0) for o in generated)
            grounding = [o for o in generated if o.fallback and o.fallback.startswith("not in the cited")]
            llm = {"llm_answers": sum(o.mode == "llm" and not o.abstained for o in self.outcomes),
                   "grounding_failures": len(grounding),
                   "grounding_failure_rate": round(len(grounding) / len(generated), 4),
                   "fallbacks": sum(bool(o.fallback) for o in generated),
                   "tokens_per_s": round(tokens / secs, 2) if secs else None,
                   "time_to_first_token_p50_s": round(statistics.median(
                       o.first_token_seconds or 0 for o in generated), 2)}
        return {
            "overall": overall.metrics,
            **({"llm": llm} if llm else {}),
            "latency_p50_s": round(statistics.median(lat), 4) if lat else None,
            "latency_p95_s": round(percentile(lat, 95), 4) if lat else None,
            "by_language": self._group(lambda o: o.fixture.lang),
            "by_kind": self._group(lambda o: o.fixture.kind),
            **({"by_split": self._group(lambda o: o.fixture.split),
                "by_split_language": self._group(lambda o: f"{o.fixture.split} {o.fixture.lang}")}
               if any(o.fixture.split for o in self.outcomes) else {}),
        }

    def failures(self) -> list[dict]:
        return [
            {"id": o.fixture.id, "question": o.fixture.question, "expected": list(o.fixture.answers),
             "answer": o.answer_text, "span": o.span, "abstained": o.abstained, "cited": o.cited_doc}
            for o in self.outcomes
            if (o.fixture.answerable and not (o.correct and o.citation_ok)) or (not o.fixture.answerable and not o.abstained)
        ]

    def to_dict(self) -> dict:
        return {"summary": self.summary(), "failures": self.failures(),
                "outcomes": [{**asdict(o), "fixture": asdict(o.fixture)} for o in self.outcomes]}


def evaluate(ask: Callable[[str], Answer], fixtures: list[Fixture], *, warmup: bool = True,
             progress: Callable[[Iterable], Iterable] | None = None) -> Report:
    """Run every fixture through ``ask`` (normally ``Assistant.ask``) and score it."""
    if warmup and fixtures:
        ask(fixtures[0].question)
    report = Report()
    for f in (progress(fixtures) if progress else fixtures):
        started = time.perf_counter()
        answer = ask(f.question)
        seconds = time.perf_counter() - started
        cited = answer.citations[0].doc_id if answer.citations else None
        report.outcomes.append(Outcome(
            fixture=f, answer_text=answer.text, span=answer.span, abstained=answer.abstained,
            correct=answer_is_correct(f, answer), cited_doc=cited,
            citation_ok=bool(f.answerable and not answer.abstained and cited in f.docs), seconds=seconds,
            exact=f.answerable and not answer.abstained and exact_match(f, answer.span),
            f1=token_f1(f, answer.span) if f.answerable and not answer.abstained else 0.0,
            mode=answer.mode, fallback=answer.fallback, generated_tokens=answer.generated_tokens,
            generation_seconds=answer.generation_seconds, first_token_seconds=answer.first_token_seconds,
        ))
    return report


class Searcher(Protocol):
    def search(self, query: str, k: int | None = None) -> list[Passage]:
        """The ``k`` best passages for ``query`` (``Assistant.search``)."""


@dataclass
class RetrievalScores:
    """Article hit@1 and passage MRR (first passage from a right article that holds an answer)."""

    n: int = 0
    hit1: int = 0
    rr: float = 0.0

    def add(self, hit: bool, rr: float) -> None:
        self.n += 1
        self.hit1 += hit
        self.rr += rr

    def as_dict(self) -> dict[str, float | int | None]:
        return {"n": self.n, "article_hit@1": round(self.hit1 / self.n, 4) if self.n else None,
                "passage_mrr": round(self.rr / self.n, 4) if self.n else None}


def evaluate_retrieval(searchers: dict[str, Searcher], fixtures: list[Fixture], *, k: int = 10) -> dict[str, dict]:
    """Per searcher (normally an ``Assistant`` per retriever) and language: article hit@1 and
    passage MRR@k on answerable fixtures."""
    out: dict[str, dict] = {}
    for name, searcher in searchers.items():
        groups: dict[str, RetrievalScores] = {}
        for f in fixtures:
            if not f.answerable:
                continue
            passages = searcher.search(f.question, k)
            hit = bool(passages) and passages[0].doc_id in f.docs
            rr = next((1.0 / i for i, p in enumerate(passages, 1)
                       if p.doc_id in f.docs and any(matches(a, p.text) for a in f.answers)), 0.0)
            for key in ("all", f.lang):
                groups.setdefault(key, RetrievalScores()).add(hit, rr)
        out[name] = {key: g.as_dict() for key, g in sorted(groups.items())}
    return out
