"""One training or evaluation example of the reader, whatever set it came from.

Every source (SQuAD-format JSON, the VietNews question generator) is turned into
:class:`QAExample` records, written as JSON lines so that preparing data and training are
separate, resumable steps.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from vectorstore.text import nfc


@dataclass(frozen=True)
class QAExample:
    """A question over a context; ``answer_start`` is None when the context does not answer it.

    ``context[answer_start:answer_start + len(answer_text)] == answer_text`` for an answerable
    example. ``source`` names the set ("news", "zalo-squad2-vi", ...); ``kind`` the answer type
    or how a negative was made ("PER", "swap", "removed" ...), for per-type reports.
    """

    qid: str
    question: str
    context: str
    answer_start: int | None
    answer_text: str | None
    source: str
    language: str = "vi"
    kind: str = ""

    def __post_init__(self) -> None:
        if (self.answer_start is None) != (self.answer_text is None):
            raise ValueError(f"{self.qid}: answer_start and answer_text must both be set or both be None")
        if self.answer_start is not None and self.answer_text is not None:
            if self.context[self.answer_start:self.answer_start + len(self.answer_text)] != self.answer_text:
                raise ValueError(f"{self.qid}: the answer {self.answer_text!r} is not at {self.answer_start}")

    @property
    def answerable(self) -> bool:
        return self.answer_start is not None

    @classmethod
    def make(cls, qid: str, question: str, context: str, answer_start: int | None, answer_text: str | None,
             source: str, language: str = "vi", kind: str = "") -> "QAExample":
        """An example with its texts in NFC; the answer offset is found again after normalising."""
        question, context = nfc(question).strip(), nfc(context)
        if answer_text is not None and answer_start is not None:
            answer_text = nfc(answer_text)
            found = context.find(answer_text, max(0, answer_start - 8))
            if found < 0:
                found = context.find(answer_text)
            if found < 0:
                raise ValueError(f"{qid}: answer {answer_text!r} not in its context after NFC")
            answer_start = found
        return cls(qid, question, context, answer_start, answer_text, source, language, kind)


def write_jsonl(path: Path, examples: Iterable[QAExample]) -> int:
    """Write ``examples`` to ``path`` (atomically: a temporary file renamed), returns how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    n = 0
    with tmp.open("w", encoding="utf-8") as out:
        for ex in examples:
            out.write(json.dumps(asdict(ex), ensure_ascii=False) + "\n")
            n += 1
    tmp.replace(path)
    return n


def read_jsonl(path: Path) -> Iterator[QAExample]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield QAExample(**json.loads(line))
