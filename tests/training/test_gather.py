"""Pinned QA files copied out of local clones: by commit, out of zips, hash-checked."""

from __future__ import annotations

import hashlib
import io
import subprocess
import zipfile

import pytest

from training.gather import MANIFEST, SourceFile, Sources, gather, load_sources


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def clone(tmp_path):
    """A clone of "someone/qa-sets" holding a plain file and a zip, committed; returns (clones dir, commit)."""
    repo = tmp_path / "clones" / "someone+qa-sets" / "repo"
    repo.mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / "plain.json").write_text('{"data": []}', encoding="utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sets/inner.json", '{"data": [1]}')
    (repo / "sets.zip").write_bytes(buffer.getvalue())
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "sets")
    commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    (repo / "plain.json").write_text("changed after the pinned commit", encoding="utf-8")
    return tmp_path / "clones", commit


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_files_come_from_the_pinned_commit_and_out_of_zips(clone, tmp_path):
    clones, commit = clone
    sources = Sources((SourceFile("a.json", "someone/qa-sets", commit, "plain.json", _sha('{"data": []}'), "train"),
                       SourceFile("b.json", "someone/qa-sets", commit, "sets.zip", _sha('{"data": [1]}'), "eval",
                                  member="sets/inner.json")), ())
    out = tmp_path / "out"
    written = gather(clones, out, sources)
    assert [p.name for p in written] == ["a.json", "b.json"]
    assert (out / "a.json").read_text() == '{"data": []}'  # the committed bytes, not the work tree's
    assert (out / "b.json").read_text() == '{"data": [1]}'


def test_a_changed_file_or_a_missing_clone_is_refused_with_what_to_do(clone, tmp_path):
    clones, commit = clone
    wrong = Sources((SourceFile("a.json", "someone/qa-sets", commit, "plain.json", "0" * 64, "train"),), ())
    with pytest.raises(SystemExit, match="not the pinned"):
        gather(clones, tmp_path / "out", wrong)
    assert not (tmp_path / "out" / "a.json").exists()
    absent = Sources((SourceFile("c.json", "nobody/none", commit, "x.json", "0" * 64, "train"),), ())
    with pytest.raises(SystemExit, match="clone https://github.com/nobody/none"):
        gather(clones, tmp_path / "out", absent)


def test_the_shipped_manifest_pins_every_file_and_its_pairs():
    sources = load_sources(MANIFEST)
    names = {f.name for f in sources.files}
    assert sources.named("train") and sources.named("eval")
    assert all(len(f.sha256) == 64 and len(f.commit) == 40 for f in sources.files)
    assert all(q in names and c in names for q, c in sources.cross)
    assert not {f.name for f in sources.named("eval")} & {n for pair in sources.cross for n in pair}
