"""Copy the public QA files the reader is trained on out of local git clones, hash-checked.

``training/data/sources.json`` pins every file: repository, commit, path (and the member of a
zip), sha256 and role. Nothing is downloaded: a user clones the repositories however they can
(``git clone``, a mirror, a USB stick) and points ``--clones`` at them; a
file whose hash differs is refused, so every reader is trained on the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

MANIFEST = Path(__file__).parent / "data" / "sources.json"


@dataclass(frozen=True)
class SourceFile:
    """One pinned file: ``name`` is what it is called on disk (its stem names the source)."""

    name: str
    repo: str
    commit: str
    path: str
    sha256: str
    role: str  # "train" or "eval"
    what: str = ""
    member: str = ""  # a file inside the zip at ``path``


@dataclass(frozen=True)
class Sources:
    """The pinned files, and which pairs of them are read as English questions over Vietnamese text."""

    files: tuple[SourceFile, ...]
    cross: tuple[tuple[str, str], ...]  # (questions file, contexts file) names

    def named(self, role: str) -> list[SourceFile]:
        return [f for f in self.files if f.role == role]


def load_sources(path: Path = MANIFEST) -> Sources:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Sources(tuple(SourceFile(**f) for f in data["files"]), tuple(tuple(p) for p in data.get("cross", [])))


def clone_of(repo: str, clones: Path) -> Path | None:
    """The local clone of ``owner/name`` under ``clones``: ``owner/name``, ``name``, ``owner+name``
    or ``owner+name/repo`` (a bare mirror's layout); None when there is none."""
    owner, name = repo.split("/")
    for candidate in (clones / f"{owner}+{name}" / "repo", clones / f"{owner}+{name}", clones / owner / name,
                      clones / name):
        if candidate.is_dir():
            return candidate
    return None


def _bytes(source: SourceFile, clone: Path) -> bytes:
    shown = subprocess.run(["git", "-C", str(clone), "show", f"{source.commit}:{source.path}"],
                           capture_output=True, check=False)
    if shown.returncode != 0:
        raise SystemExit(f"error: {clone} has no {source.path} at {source.commit[:12]}: "
                         f"{shown.stderr.decode(errors='replace').strip()}")
    if not source.member:
        return shown.stdout
    try:
        with zipfile.ZipFile(io.BytesIO(shown.stdout)) as archive:
            return archive.read(source.member)
    except (zipfile.BadZipFile, KeyError) as err:
        raise SystemExit(f"error: {source.repo}:{source.path} at {source.commit[:12]} is not a zip holding "
                         f"{source.member} ({err}); is the clone complete (not a Git LFS pointer)?") from None


def gather(clones: Path, out: Path, sources: Sources | None = None) -> list[Path]:
    """Write every pinned file into ``out`` (kept when already there with the right hash)."""
    sources = sources or load_sources()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sources.files:
        target = out / source.name
        if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == source.sha256:
            written.append(target)
            continue
        clone = clone_of(source.repo, clones)
        if clone is None:
            raise SystemExit(f"error: no clone of {source.repo} under {clones}; clone "
                             f"https://github.com/{source.repo} there (commit {source.commit[:12]}) and run again")
        data = _bytes(source, clone)
        digest = hashlib.sha256(data).hexdigest()
        if digest != source.sha256:
            raise SystemExit(f"error: {source.repo}:{source.path} has sha256 {digest}, not the pinned "
                             f"{source.sha256}; the reader was trained on the pinned bytes")
        tmp = target.with_suffix(target.suffix + ".part")
        tmp.write_bytes(data)
        tmp.replace(target)
        written.append(target)
    return written
