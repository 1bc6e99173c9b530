"""The record of who changed the shared index: every article added, replaced or removed.

An append-only JSON-lines file under the data dir (``audit.jsonl``). Each change is one line
written with a single ``write`` under an exclusive lock, so several ``qa serve`` workers and a
``qa index`` run can append at once without tearing lines. ``qa audit`` prints it.
"""

from __future__ import annotations

import fcntl
import json
import unicodedata
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Iterable, Literal

from vectorstore.indexer import IndexReport

Action = Literal["added", "replaced", "removed"]


@dataclass(frozen=True)
class AuditEntry:
    """One change to the index: who, when (UTC, ISO 8601), what was done to which article."""

    time: str
    actor: str
    action: Action
    doc_id: str
    title: str = ""
    path: str | None = None


class AuditLog:
    """Append and read the audit file.

    Example::

        log = AuditLog(settings.data_dir / "audit.jsonl")
        log.record_report(report, actor="lan", titles={...})
        for entry in log.entries(): print(entry.time, entry.actor, entry.action, entry.doc_id)
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def append(self, entries: Iterable[AuditEntry]) -> None:
        lines = "".join(json.dumps(asdict(e), ensure_ascii=False) + "\n" for e in entries)
        if not lines:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as out:
            fcntl.flock(out, fcntl.LOCK_EX)
            out.write(unicodedata.normalize("NFC", lines))
            out.flush()

    def record_report(self, report: IndexReport, *, actor: str, titles: dict[str, str] | None = None,
                      paths: dict[str, str | None] | None = None) -> None:
        """One entry per article the indexing run added, replaced or removed."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        titles, paths = titles or {}, paths or {}
        self.append(
            AuditEntry(time=now, actor=actor, action=action, doc_id=d, title=titles.get(d, ""), path=paths.get(d))
            for action, ids in (("added", report.added), ("replaced", report.updated), ("removed", report.removed))
            for d in ids
        )

    def entries(self, *, limit: int | None = None, actor: str | None = None) -> list[AuditEntry]:
        """The entries, oldest first (the last ``limit`` when given); a torn or foreign line is skipped."""
        if not self.path.is_file():
            return []
        out = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                entry = AuditEntry(**json.loads(line))
            except (ValueError, TypeError):
                continue
            if actor is None or entry.actor == actor:
                out.append(entry)
        return out[-limit:] if limit else out
