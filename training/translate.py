"""English questions over Vietnamese text, made by translating the generated Vietnamese ones.

The reader's weakest part is English questions over Vietnamese articles: the public sets reachable
here hold only 967 such pairs (XQuAD), and more passes over them do not help (docs/EVALUATION.md).
The questions generated from VietNews (:mod:`training.news_questions`) come in thousands, with
their contexts and answer spans; translating only the question gives an English question whose
answer is the same span of the same Vietnamese context. The translator is the bundled chat model
(or any configured endpoint), behind :class:`Translator` so tests pass a fake.

A translation is kept only when it passes checks that need no second model (:func:`check`): one
line, a question, mostly English letters, every number of the Vietnamese question kept, and the
same expected answer type read from its question words (:func:`qa.answer_types.expected_type`,
which reads both languages): a 1.5B model often turns "ở đâu" (where) into "what", or a second
clause's "when" into the question, and the reader would learn to answer a question nobody asked. The run
is resumable: every kept or refused question is written at once (``OUT`` and ``OUT.refused``),
and a second run skips both, so an interrupted run loses at most the question in flight.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, replace
from pathlib import Path
from typing import Protocol

from qa.answer_types import expected_type
from training.examples import QAExample
from vectorstore.text import nfc

# Letters outside ASCII that an English question may still hold: in names, kept as written.
MAX_FOREIGN_SHARE = 0.35
NUMBER = re.compile(r"\d+")
TIMEOUT_TRIES = 3


class Translator(Protocol):
    """Turns one Vietnamese question into English (the raw reply; :func:`check` judges it)."""

    def translate(self, question: str) -> str: ...


class ChatTranslator:
    """The translation prompt (``prompts/translate.toml``) on a LangChain chat model.

    ``wait_s``: how long a refused connection or a timed-out request is retried: the local
    server is still loading the model when the first question arrives, and on a busy machine
    (the run yields to everything at ``nice 19``) one reply can outlast the client's timeout,
    which once ended a run of hours. A timed-out request is tried up to ``TIMEOUT_TRIES`` more times
    even past ``wait_s``."""

    def __init__(self, chat_model, *, wait_s: float = 180.0) -> None:
        self.chat_model = chat_model
        self.wait_s = wait_s

    def translate(self, question: str) -> str:
        import time

        from qa.prompts import template

        messages = [("system", template("translate_system", "translate.toml").render("vi")),
                    ("human", template("translate_user", "translate.toml").render("vi", question=question))]
        deadline = time.monotonic() + self.wait_s
        tries = 0
        while True:
            tries += 1
            try:
                return str(self.chat_model.invoke(messages).content)
            except Exception as exc:  # noqa: BLE001 - the client's connection errors have no common base here
                name = type(exc).__name__.lower()
                if not _transient(name) or (time.monotonic() > deadline and not ("timeout" in name and tries <= TIMEOUT_TRIES)):
                    raise
                time.sleep(2.0)


def _transient(error_name: str) -> bool:
    """Whether an error (by its class name: the clients share no base class) may pass if retried."""
    return "connect" in error_name or "timeout" in error_name


def check(vietnamese: str, reply: str) -> tuple[str | None, str]:
    """The English question in ``reply`` (NFC, first line), or None and why it was refused."""
    lines = [line.strip() for line in nfc(reply).strip().splitlines() if line.strip()]
    if not lines:
        return None, "empty"
    english = re.sub(r"</?question>", "", lines[0]).strip().strip('"').strip()
    if not english.endswith("?"):
        return None, "not a question"
    if len(english) > 2.5 * len(vietnamese) + 40:
        return None, "too long"
    letters = [c for c in english if c.isalpha()]
    foreign = sum(not c.isascii() for c in letters)
    if not letters or foreign / len(letters) > MAX_FOREIGN_SHARE:
        return None, "not English"
    if not _mostly_english_words(english):
        return None, "not English"
    asked = NUMBER.findall(vietnamese)
    kept = NUMBER.findall(english)
    if any(asked.count(n) > kept.count(n) for n in set(asked)):
        return None, "a number changed"
    if expected_type(english) != expected_type(vietnamese):
        return None, "asks another type"
    return english, ""


def _mostly_english_words(text: str) -> bool:
    """At least half the words are plain ASCII (names with diacritics may make up the rest)."""
    words = re.findall(r"[^\W\d_]+", text)
    plain = sum(w.isascii() for w in words)
    return bool(words) and plain / len(words) >= 0.5


def chosen(examples: Iterable[QAExample], *, source: str, limit: int, seed: int) -> list[QAExample]:
    """``limit`` Vietnamese examples of ``source`` (answerable ones and look-alikes), in a seeded
    order that does not depend on ``limit``: a larger run starts with a smaller run's questions."""
    pool = [ex for ex in examples if ex.source == source and ex.language == "vi"]
    random.Random(seed).shuffle(pool)
    return pool[:limit]


def translate_examples(examples: list[QAExample], translator: Translator, out: Path, *,
                       progress=lambda xs, **_: xs) -> dict[str, int]:
    """Translate each example's question, appending kept ones to ``out`` (QAExample JSON lines,
    ``-en`` ids, language "en", source ``<source>-en``) and refused ones to ``out.refused``.
    Questions already in either file are skipped. Returns counts (kept, refused, skipped)."""
    refused_path = out.with_name(out.name + ".refused")
    for path in (out, refused_path):
        _drop_cut_line(path)
    done = _ids(out) | _ids(refused_path)
    counts = {"kept": 0, "refused": 0, "skipped": 0}
    todo = [ex for ex in examples if f"{ex.qid}-en" not in done]
    counts["skipped"] = len(examples) - len(todo)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a", encoding="utf-8") as kept_file, refused_path.open("a", encoding="utf-8") as refused_file:
        for ex in progress(todo, desc="translating", unit="q"):
            reply = translator.translate(ex.question)
            english, why = check(ex.question, reply)
            if english is None:
                row = {"qid": f"{ex.qid}-en", "question": ex.question, "reply": reply, "why": why}
                refused_file.write(json.dumps(row, ensure_ascii=False) + "\n")
                refused_file.flush()
                counts["refused"] += 1
                continue
            record = replace(ex, qid=f"{ex.qid}-en", question=english, language="en", source=f"{ex.source}-en")
            kept_file.write(json.dumps(asdict(record), ensure_ascii=False) + "\n")
            kept_file.flush()
            counts["kept"] += 1
    return counts


def _drop_cut_line(path: Path) -> None:
    """Remove a last line an interruption cut off (no newline), so appended lines stay whole."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    data = path.read_bytes()
    if not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])


def _ids(path: Path) -> set[str]:
    """The qids already written to ``path`` (a last line cut off by an interruption is ignored)."""
    if not path.is_file():
        return set()
    out = set()
    for line in _lines(path):
        try:
            out.add(json.loads(line)["qid"])
        except (json.JSONDecodeError, KeyError):
            continue
    return out


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as rows:
        yield from (line for line in rows if line.strip())
