"""The public records of the question-answering API: passages, citations, answers.

These are the names outside evaluation relies on (``ans.text``, ``ans.abstained``,
``ans.citations[i].doc_id`` ...); change them only with a deprecation path.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

from vectorstore.filters import NewsFilter
from vectorstore.types import ArticleRecord  # re-exported: the UI lists articles through qa

__all__ = ["Answer", "AnswerKind", "ArticleRecord", "Citation", "Language", "Passage", "Retrieved"]

Language = Literal["vi", "en"]
AnswerKind = Literal["number", "person", "date", "document", "free"]


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk of an article. ``text == article_text[start:end]``."""

    doc_id: str
    title: str
    text: str
    score: float
    chunk_id: str = ""
    start: int = 0
    end: int = 0
    published: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Retrieved:
    """Everything retrieval found for one question; the answerer quotes only from it.

    ``passages``: the top ``k`` chunks, those from articles that mention every place, person
    and document code the question names first. ``sentences``: single sentences of the
    ``eligible`` articles nearest to the question, best first (the sentence stage; each a
    :class:`Passage` whose offsets are the sentence's). ``eligible``: the candidate articles
    that mention every such entity, in rank order; ``missing``: the entities some candidate
    article lacks (named when nothing is eligible). ``articles``: the candidates' catalog
    records with text, read once.
    """

    passages: list[Passage]
    sentences: list[Passage] = field(default_factory=list)
    eligible: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    articles: dict[str, ArticleRecord] = field(default_factory=dict)


@dataclass(frozen=True)
class Citation:
    """A passage an answer rests on.

    ``number`` is the ``[n]`` used in the answer text. ``span_start``/``span_end`` mark the
    exact answer inside ``passage`` (character offsets) so a UI can highlight it.
    ``passage_start`` is where the passage begins in the article's cleaned text.
    """

    number: int
    doc_id: str
    title: str
    passage: str
    score: float
    source: str | None = None
    published: str | None = None
    chunk_id: str = ""
    span_start: int | None = None
    span_end: int | None = None
    passage_start: int | None = None


@dataclass(frozen=True)
class Answer:
    """The result of :meth:`qa.Assistant.ask`.

    ``text`` is short (about 300 characters at most), in the question's language, and
    cites passages as ``[n]``. ``abstained`` is True when the articles do not hold the
    answer; ``text`` then says so. ``interpreted_as`` is the self-contained question that
    was answered when ``question`` was a follow-up ("còn Móng Cái thì sao?"); ``filtered_by``
    the news filter the articles were narrowed to (given, or the period the question names),
    described in English for scripts; ``news_filter`` the same filter, for a UI to describe in
    its own language. ``mode`` says
    which answerer wrote ``text``; ``fallback`` why the LLM's answer was replaced by the
    extractive one (e.g. a figure not found in the cited passages).
    """

    question: str
    text: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    language: Language = "vi"
    kind: AnswerKind = "free"
    span: str | None = None
    reason: str | None = None
    seconds: float = 0.0
    interpreted_as: str | None = None
    filtered_by: str | None = None
    news_filter: NewsFilter | None = None
    mode: str = "extractive"
    fallback: str | None = None
    generated_tokens: int | None = None
    generation_seconds: float | None = None
    first_token_seconds: float | None = None

    def __hash__(self) -> int:
        # Frozen, but ``citations`` is a list (the public API promises one); UIs keep answers
        # in hashed state, so hash its contents as a tuple.
        return hash((self.question, self.text, self.abstained, tuple(self.citations), self.span, self.interpreted_as))

    def to_dict(self) -> dict:
        """JSON-ready form used by ``qa ask --json``: ``answer``, ``abstained``, ``citations``..."""
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "span": self.span,
            "kind": self.kind,
            "language": self.language,
            "reason": self.reason,
            "interpreted_as": self.interpreted_as,
            "filtered_by": self.filtered_by,
            "mode": self.mode,
            "fallback": self.fallback,
            "generated_tokens": self.generated_tokens,
            "generation_seconds": None if self.generation_seconds is None else round(self.generation_seconds, 3),
            "seconds": round(self.seconds, 4),
            "citations": [asdict(c) for c in self.citations],
        }
