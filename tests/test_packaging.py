"""The built wheel works on its own: prompts and the seed articles ship in it, and an installed
(not editable) vnqa answers a question from a fresh virtual environment.

The fresh venv gets the wheel without dependencies; the project venv's site-packages is
added to its path by a ``.pth`` line, which makes the installed libraries importable but does
not run that folder's own ``.pth`` files, so the editable install of the checkout stays out.
The source is copied to ``tmp_path`` first, so building writes nothing into the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.isolation import MODEL_CACHE, child_env
from vectorstore.errors import QAError
from vectorstore.fetch import ModelCache
from vectorstore.tokens import cache_file

pytestmark = [pytest.mark.real, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted(p.name for p in (REPO / "qa" / "corpus").glob("*.txt"))


def _require_model() -> None:
    try:
        ModelCache(MODEL_CACHE, show_progress=False).embedding_dir()
    except QAError as exc:
        pytest.skip(f"real model not available ({exc}); run `make models`")
    if not cache_file(ModelCache(MODEL_CACHE).tiktoken_dir).is_file():
        pytest.skip(f"tiktoken's rank file is not in {MODEL_CACHE}; run `make models`")


def _copy_source(dest: Path) -> Path:
    """The checkout's files that git would see (tracked or not ignored), without build outputs."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        src = REPO / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def _build_wheel(tmp: Path) -> Path:
    source = _copy_source(tmp / "src")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation",
                    "--disable-pip-version-check", "-q", "-w", str(tmp / "dist")], check=True,
                   capture_output=True, text=True, cwd=tmp)
    [wheel] = (tmp / "dist").glob("vnqa-*.whl")
    return wheel


def _fresh_venv(tmp: Path, wheel: Path, env: dict[str, str]) -> Path:
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--no-deps",
                    "--disable-pip-version-check", "-q", str(wheel)], check=True, env=env, cwd=tmp)
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               capture_output=True, text=True, check=True, env=env, cwd=tmp).stdout.strip())
    deps = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "_project_deps.pth").write_text("".join(f"{d}\n" for d in sorted(deps)), encoding="utf-8")
    return venv


def test_the_wheel_ships_prompts_and_seed_articles_and_answers_from_a_fresh_venv(tmp_path):
    _require_model()
    wheel = _build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"prompts/answers.toml", "prompts/reader.toml", "prompts/__init__.py"} <= names
    assert SEEDS and {f"qa/corpus/{name}" for name in SEEDS} <= names
    assert {"qa/data/domain.toml", "qa/data/lexicon.tsv", "qa/data/english_words.txt"} <= names
    assert not [n for n in names if n.startswith(("tests/", "vectorstore/corpus/"))]

    env = child_env(tmp_path / "env", models=True)
    env.pop("PYTHONPATH", None)
    env["VNQA_DATA_DIR"] = str(tmp_path / "data")
    venv = _fresh_venv(tmp_path, wheel, env)
    work = tmp_path / "work"
    work.mkdir()

    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import prompts, qa, qa.settings as s; print(qa.__file__); print(prompts.__file__); "
                            "print(s.BUNDLED_CORPUS)"],
                           capture_output=True, text=True, check=True, env=env, cwd=work).stdout.split("\n")
    for path in where[:3]:
        assert Path(path).is_relative_to(venv), f"{path} is not the installed copy: the checkout leaked in"

    done = subprocess.run([str(venv / "bin" / "qa"), "ask", "--json", "how many cadres did Hà Nội rotate?"],
                          capture_output=True, text=True, env=env, cwd=work, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    answer = json.loads(done.stdout)
    assert answer["span"] == "137" and not answer["abstained"], answer
    assert not any(work.iterdir()), "qa wrote into its working directory"
    assert os.listdir(tmp_path / "data"), "the index was built in VNQA_DATA_DIR"
