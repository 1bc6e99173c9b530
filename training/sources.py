"""Public extractive-QA sets, read into :class:`~training.examples.QAExample` records.

Only files on disk are read: the sets come from public repositories brought with the search
tool's ``fetch`` (or any copy a user has), never downloaded here. Two layouts are understood:

- SQuAD JSON (``{"data": [{"paragraphs": [{"context", "qas": [...]}]}]}``), v1.1 or v2.0 with
  ``is_impossible`` (SQuAD 2.0 itself, the Vietnamese Zalo-style set in SQuAD 2.0 form, XQuAD);
- JSON lines of flat records (``context``, ``question``, ``answers: {"text": [...],
  "answer_start": [...]}``, ``is_impossible``), the layout UIT-ViQuAD 2.0 copies use.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from training.examples import QAExample


def _language(text: str) -> str:
    """'vi' when the text has Vietnamese letters (or đ), else 'en': the sets we read are one of the two."""
    vietnamese = set("ăâđêôơưĂÂĐÊÔƠƯ") | {chr(c) for c in range(0x1EA0, 0x1EFA)}
    return "vi" if any(ch in vietnamese for ch in text) else "en"


def _example(qid: str, question: str, context: str, answers: list[tuple[int, str]], impossible: bool,
             source: str) -> QAExample | None:
    """The record, or None when its answer is not where the set says (a few rows of every set)."""
    language = _language(question + " " + context[:400])
    if impossible or not answers:
        return QAExample.make(qid, question, context, None, None, source, language, "impossible")
    start, text = answers[0]
    text = text.strip()
    if not text:
        return None
    # Sets disagree on whether answer_start counts leading spaces: look near the given offset.
    found = context.find(text, max(0, start - 8))
    if found < 0 or found > start + 8:
        found = context.find(text)
    if found < 0:
        return None
    try:
        return QAExample.make(qid, question, context, found, text, source, language, "span")
    except ValueError:
        return None


def read_squad(path: Path, source: str) -> Iterator[QAExample]:
    """Every question of a SQuAD-layout JSON file (answerable and, in v2.0, unanswerable ones)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for article in data["data"]:
        for paragraph in article["paragraphs"]:
            context = paragraph["context"]
            for qa in paragraph["qas"]:
                answers = [(a["answer_start"], a["text"]) for a in qa.get("answers", [])]
                ex = _example(f"{source}-{qa['id']}", qa["question"], context, answers,
                              bool(qa.get("is_impossible")), source)
                if ex is not None:
                    yield ex


def read_flat_jsonl(path: Path, source: str) -> Iterator[QAExample]:
    """Every row of a flat JSON-lines QA file (UIT-ViQuAD 2.0 layout)."""
    with path.open(encoding="utf-8") as rows:
        for n, line in enumerate(rows):
            if not line.strip():
                continue
            row = json.loads(line)
            answers = row.get("answers") or {}
            pairs = list(zip(answers.get("answer_start", []), answers.get("text", [])))
            ex = _example(f"{source}-{row.get('id', n)}", row["question"], row["context"], pairs,
                          bool(row.get("is_impossible")), source)
            if ex is not None:
                yield ex


def read_any(path: Path, source: str | None = None) -> Iterator[QAExample]:
    """A QA file of either layout, chosen by its first character; ``source`` defaults to the file's stem."""
    source = source or path.stem
    with path.open(encoding="utf-8") as f:
        head = f.read(1)
    if head == "{":
        try:
            yield from read_squad(path, source)
            return
        except (json.JSONDecodeError, KeyError, TypeError):
            pass  # one JSON object per line
    yield from read_flat_jsonl(path, source)
