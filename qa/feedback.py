"""Readers' ratings of answers (👍/👎, optionally a correction), kept in SQLite and exported as
evaluation fixtures.

Each rating stores what was rated - the question, the answer text, its span and the cited
passages - so it stays meaningful after the index changes. ``qa feedback export`` turns the
ratings into the fixture JSON lines ``qa eval`` reads (:func:`to_fixture` holds the rules).

The store is one file (``Settings.feedback_path``, ``<data_dir>/feedback.sqlite``) in WAL mode
with one connection per call, so the UI's worker threads and a CLI in another process can use
it at the same time.

Example::

    store = FeedbackStore(settings.feedback_path)
    fb = store.add(answer, rating="down", user="lan")
    store.set_correction(fb.id, "173")
    result = store.export_fixtures(Path("feedback.jsonl"))   # result.written, result.skipped
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal, NotRequired, TextIO, TypedDict

from qa.errors import BadInput, StoreUnavailable
from qa.matching import matches
from qa.types import Answer, Citation
from vectorstore.text import nfc

__all__ = ["ExportResult", "Feedback", "FeedbackStore", "FixtureRecord", "Rating", "Skipped", "answer_core",
           "describe", "to_fixture"]

Rating = Literal["up", "down"]
RATINGS: tuple[Rating, ...] = ("up", "down")
FIXTURE_KINDS = ("number", "person", "date", "document", "free")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL, updated TEXT NOT NULL, user TEXT,
    question TEXT NOT NULL, interpreted_as TEXT, answer TEXT NOT NULL, abstained INTEGER NOT NULL,
    span TEXT, kind TEXT NOT NULL, language TEXT NOT NULL, mode TEXT NOT NULL,
    citations TEXT NOT NULL, rating TEXT NOT NULL CHECK (rating IN ('up', 'down')), correction TEXT
);
CREATE INDEX IF NOT EXISTS feedback_updated ON feedback (updated);
"""
_COLUMNS = ("id", "created", "updated", "user", "question", "interpreted_as", "answer", "abstained", "span", "kind",
            "language", "mode", "citations", "rating", "correction")
_CITE_RE = re.compile(r"\s*\[\s*\d{1,3}\s*\]")
_QUOTE_RE = re.compile(r"«(.+?)»", re.S)


@dataclass(frozen=True)
class Feedback:
    """One rating of one answer. ``created``/``updated`` are UTC ISO times; ``updated`` changes
    with the rating or the correction. ``interpreted_as`` is the self-contained question a
    follow-up was answered as; ``citations`` are the passages the answer cited."""

    id: int
    created: str
    updated: str
    user: str | None
    question: str
    interpreted_as: str | None
    answer: str
    abstained: bool
    span: str | None
    kind: str
    language: str
    mode: str
    citations: tuple[Citation, ...]
    rating: Rating
    correction: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``qa feedback list --json``)."""
        return {**asdict(self), "citations": [asdict(c) for c in self.citations]}


class FixtureRecord(TypedDict):
    """One line of a fixture file, as :func:`evals.scoring.load_fixtures` reads it."""

    id: str
    question: str
    answers: list[str]
    docs: list[str]
    kind: str
    lang: str
    split: str
    near: NotRequired[list[str]]


@dataclass(frozen=True)
class Skipped:
    """Why a rating does not become a fixture."""

    reason: str


@dataclass(frozen=True)
class ExportResult:
    """How many fixtures an export wrote and, per reason, how many ratings it left out."""

    written: int
    skipped: Mapping[str, int] = field(default_factory=dict)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _utc(moment: datetime) -> str:
    """``moment`` in the stored format (a naive one is taken as UTC), so strings compare as times."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _text(value: str | None) -> str | None:
    """NFC and stripped; empty becomes None."""
    value = nfc(value).strip() if value is not None else None
    return value or None


def _nfc_deep(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {k: _nfc_deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc_deep(v) for v in value]
    return value


def _check_rating(rating: str) -> Rating:
    if rating not in RATINGS:
        raise BadInput(f"rating must be 'up' or 'down', got {rating!r}")
    return rating  # type: ignore[return-value]


class FeedbackStore:
    """Ratings of answers in one SQLite file; safe for several threads and processes.

    Args:
        path: the database file; created with its folder and schema when missing.

    Raises:
        StoreUnavailable: the file cannot be opened or written (on any call).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path).expanduser()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(f"cannot create the folder of the feedback store {self.path}: {exc}") from exc
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection for one call, committed on success; writers wait up to 30 s for a lock."""
        try:
            with closing(sqlite3.connect(self.path, timeout=30)) as conn, conn:
                conn.row_factory = sqlite3.Row
                yield conn
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"feedback store {self.path}: {exc}; check that the file is writable "
                                   f"and not damaged") from exc

    def add(self, answer: Answer, *, rating: Rating, correction: str | None = None,
            user: str | None = None) -> Feedback:
        """Store a rating of ``answer`` with the question, text, span and citations it had.

        Raises:
            BadInput: ``rating`` is neither ``"up"`` nor ``"down"``.
        """
        now = _now()
        citations = json.dumps([_nfc_deep(asdict(c)) for c in answer.citations], ensure_ascii=False)
        row = (now, now, _text(user), nfc(answer.question), _text(answer.interpreted_as), nfc(answer.text),
               int(answer.abstained), _text(answer.span), answer.kind, answer.language, answer.mode, citations,
               _check_rating(rating), _text(correction))
        with self._connect() as conn:
            cur = conn.execute(f"INSERT INTO feedback ({', '.join(_COLUMNS[1:])}) "
                               f"VALUES ({', '.join('?' * (len(_COLUMNS) - 1))})", row)
            new_id = cur.lastrowid
        return self.get(new_id)

    def _update(self, feedback_id: int, column: str, value: str | None) -> Feedback:
        with self._connect() as conn:
            cur = conn.execute(f"UPDATE feedback SET {column} = ?, updated = ? WHERE id = ?",
                               (value, _now(), feedback_id))
        if cur.rowcount == 0:
            raise BadInput(f"no feedback with id {feedback_id}; `qa feedback list` shows the ids")
        return self.get(feedback_id)

    def rate(self, feedback_id: int, rating: Rating) -> Feedback:
        """Change a stored rating (the reader changed their mind); the correction is kept."""
        return self._update(feedback_id, "rating", _check_rating(rating))

    def set_correction(self, feedback_id: int, text: str | None) -> Feedback:
        """Attach (or, with empty ``text``, drop) the reader's correct answer to a stored rating."""
        return self._update(feedback_id, "correction", _text(text))

    def remove(self, feedback_id: int) -> None:
        """Forget a rating (the reader took it back). Unknown ids are not an error."""
        with self._connect() as conn:
            conn.execute("DELETE FROM feedback WHERE id = ?", (feedback_id,))

    def get(self, feedback_id: int) -> Feedback:
        """Raises: BadInput: no rating has this id."""
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM feedback WHERE id = ?", (feedback_id,)).fetchone()
        if row is None:
            raise BadInput(f"no feedback with id {feedback_id}; `qa feedback list` shows the ids")
        return _feedback(row)

    def list(self, *, since: datetime | None = None, rating: Rating | None = None) -> list[Feedback]:
        """Ratings given or changed at or after ``since``, oldest first; only ``rating`` ones if given."""
        where, args = [], []
        if since is not None:
            where.append("updated >= ?")
            args.append(_utc(since))
        if rating is not None:
            where.append("rating = ?")
            args.append(_check_rating(rating))
        sql = "SELECT * FROM feedback" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY id"
        with self._connect() as conn:
            return [_feedback(row) for row in conn.execute(sql, args).fetchall()]

    def export_fixtures(self, dest: Path | TextIO, *, since: datetime | None = None,
                        rating: Rating | None = None) -> ExportResult:
        """Write the ratings as fixture JSON lines for ``qa eval`` (rules: :func:`to_fixture`).

        Only the latest rating of a question counts (the highest id, over all ratings, before
        ``since`` and ``rating`` choose among them); earlier ones are skipped as superseded. A
        path is written whole or not at all (a temporary file renamed into place).

        Returns:
            the number of fixtures written and, per reason, the ratings left out.
        """
        latest: dict[str, int] = {}
        for fb in self.list():
            latest[" ".join(nfc(fb.interpreted_as or fb.question).casefold().split())] = fb.id
        current = set(latest.values())
        skipped: Counter[str] = Counter()
        lines = []
        for fb in self.list(since=since, rating=rating):
            fixture = to_fixture(fb) if fb.id in current else Skipped("superseded by a later rating of the question")
            if isinstance(fixture, Skipped):
                skipped[fixture.reason] += 1
            else:
                lines.append(json.dumps(fixture, ensure_ascii=False) + "\n")
        _write(dest, "".join(lines))
        return ExportResult(written=len(lines), skipped=dict(skipped))


def _feedback(row: sqlite3.Row) -> Feedback:
    citations = tuple(Citation(**_nfc_deep(c)) for c in json.loads(row["citations"]))
    return Feedback(
        id=row["id"], created=row["created"], updated=row["updated"], user=_text(row["user"]),
        question=nfc(row["question"]), interpreted_as=_text(row["interpreted_as"]), answer=nfc(row["answer"]),
        abstained=bool(row["abstained"]), span=_text(row["span"]), kind=row["kind"], language=row["language"],
        mode=row["mode"], citations=citations, rating=row["rating"], correction=_text(row["correction"]),
    )


def _write(dest: Path | TextIO, text: str) -> None:
    if not isinstance(dest, (str, Path)):
        dest.write(text)
        return
    path = Path(dest)
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        tmp = Path(name)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        tmp.chmod(0o644)  # mkstemp makes it private; a fixture file is for sharing
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise BadInput(f"cannot write fixtures to {path}: {exc}") from exc


def answer_core(fb: Feedback) -> str:
    """What the rated answer said, as an expected answer: its span, else the quoted sentence
    (without the "…" of a shortened quote), else the text without ``[n]`` markers."""
    if fb.span:
        return fb.span
    quoted = _QUOTE_RE.search(fb.answer)
    core = quoted.group(1) if quoted else _CITE_RE.sub("", fb.answer)
    return core.strip().strip("…").strip()


def _docs_holding(fb: Feedback, answers: list[str]) -> list[str]:
    """Cited articles whose passage contains one of ``answers`` (the rule ``qa eval`` scores with)."""
    return list(dict.fromkeys(c.doc_id for c in fb.citations if any(matches(a, c.passage) for a in answers)))


def to_fixture(fb: Feedback) -> FixtureRecord | Skipped:
    """The fixture a rating stands for, or why there is none.

    Rules (``id`` is ``fb`` + the rating's id, so re-exports keep ids; ``question`` is the
    self-contained form of a follow-up, as ``qa eval`` asks without history):

    - 👎 (or an abstention) with a correction: ``answers = [correction]``, ``docs`` = the cited
      articles whose passage contains the correction. When none does, the article holding it is
      unknown and a fixture without ``docs`` would count as a citation failure forever: skipped
      (``qa feedback list`` shows it, for writing the fixture by hand).
    - 👍 on an answer: ``answers = [span, or the quoted sentence]`` (and the correction, if one
      was added), ``docs`` = the cited articles holding an answer, else all cited ones (the
      reader vouched for them).
    - 👍 on an abstention: ``kind: "unanswerable"``, empty ``answers`` and ``docs`` (the
      format's look-alike question); cited articles, if any, go to ``near``.
    - 👎 without a correction: skipped; it says the answer is wrong, not what is right.
    """
    base = {"id": f"fb{fb.id:04d}", "question": fb.interpreted_as or fb.question,
            "kind": fb.kind if fb.kind in FIXTURE_KINDS else "free", "lang": fb.language, "split": "feedback"}
    if fb.correction and (fb.rating == "down" or fb.abstained):
        docs = _docs_holding(fb, [fb.correction])
        if not docs:
            return Skipped("correction not in a cited passage")
        return FixtureRecord(**base, answers=[fb.correction], docs=docs)
    if fb.rating == "down":
        return Skipped("disliked without a correction")
    if fb.abstained:
        near = list(dict.fromkeys(c.doc_id for c in fb.citations))
        unanswerable = FixtureRecord(**{**base, "kind": "unanswerable"}, answers=[], docs=[])
        return FixtureRecord(**unanswerable, near=near) if near else unanswerable
    answers = list(dict.fromkeys(a for a in (fb.correction, answer_core(fb)) if a))
    docs = _docs_holding(fb, answers) or list(dict.fromkeys(c.doc_id for c in fb.citations))
    if not docs:
        return Skipped("liked answer without a cited article")
    return FixtureRecord(**base, answers=answers, docs=docs)


def describe(result: ExportResult) -> str:
    """One line for the reader: how many fixtures were written and why others were not."""
    line = f"wrote {result.written} fixture{'s' * (result.written != 1)}"
    if result.skipped:
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(result.skipped.items()))
        line += f"; skipped {result.skipped_total} ({reasons})"
    return line

