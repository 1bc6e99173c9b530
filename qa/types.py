"""The public records of the question-answering API: passages, citations, answers.

These are the names outside evaluation relies on (``ans.text``, ``ans.abstained``,
``ans.citations[i].doc_id`` ...); change them only with a deprecation path.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

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
class Citation:
    """A passage an answer rests on.

    ``number`` is the ``[n]`` used in the answer text. ``span_start``/``span_end`` mark the
    exact answer inside ``passage`` (character offsets) so a UI can highlight it; both are
    ``None`` when the answer is a whole sentence rather than a span.
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


@dataclass(frozen=True)
class Answer:
    """The result of :meth:`qa.Assistant.ask`.

    ``text`` is short (about 300 characters at most), in the question's language, and
    cites passages as ``[n]``. ``abstained`` is True when the articles do not hold the
    answer; ``text`` then says so and ``citations`` may list the closest passages seen.
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
            "seconds": round(self.seconds, 4),
            "citations": [asdict(c) for c in self.citations],
        }
