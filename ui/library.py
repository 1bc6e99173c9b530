"""Adding articles from the browser: only the uploaded files are read.

Uploads are copied (content only, under a sanitised name) into ``<data_dir>/uploads`` and
indexed from there, so they stay indexed after Gradio cleans its temporary files and a later
``qa index`` still finds them. Nothing but the files the browser sent is ever opened.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

from qa.settings import UploadSettings


_SAFE_RE = re.compile(r"[^\w.-]+", re.UNICODE)
MIB = 1024 * 1024


@dataclass
class SavedUploads:
    paths: list[Path] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def safe_name(name: str) -> str:
    """A file name with no directories and no characters that could mean anything to a shell."""
    base = Path(name.replace("\\", "/")).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = _SAFE_RE.sub("_", stem).strip("._") or "article"
    return f"{stem[:100]}{suffix}"


def save_uploads(files: list[str | Path] | None, upload_dir: Path, *,
                 allowed_roots: list[Path] | None = None, limits: UploadSettings | None = None) -> SavedUploads:
    """Copy the uploaded files into ``upload_dir``; each refused file gets a reason naming the limit.

    ``allowed_roots``: where uploads may come from (Gradio's upload folder). A path outside
    them - or a symlink, which could point anywhere - is refused without being opened, so a
    crafted request cannot make the server read and index an arbitrary file.
    ``limits``: types, size per file, size and number of files per upload. Files are taken in
    order until a batch limit is reached; nothing of a refused file is copied or indexed.
    """
    limits = limits or UploadSettings()
    out = SavedUploads()
    if not files:
        return out
    upload_dir.mkdir(parents=True, exist_ok=True)
    roots = [Path(r).resolve() for r in allowed_roots] if allowed_roots is not None else None
    allowed = tuple(t.lower() for t in limits.types)
    total = 0
    for n, f in enumerate(files):
        src = Path(f)
        if n >= limits.max_files:
            out.refused.append(f"{src.name}: one upload takes at most {limits.max_files} files; upload it again")
            continue
        if roots is not None and (src.is_symlink() or not any(src.resolve().is_relative_to(r) for r in roots)):
            out.refused.append(f"{src.name}: not an uploaded file; only files sent through the upload box are read")
            continue
        name = safe_name(src.name)
        if Path(name).suffix not in allowed:
            out.refused.append(f"{src.name}: only {', '.join(allowed)} files can be indexed")
            continue
        try:
            size = src.stat().st_size
        except OSError as exc:
            out.refused.append(f"{src.name}: cannot be read ({exc.strerror})")
            continue
        if size > limits.max_file_mb * MIB:
            out.refused.append(f"{src.name}: {size / MIB:.1f} MiB is over the {limits.max_file_mb:g} MiB limit per file")
            continue
        if total + size > limits.max_batch_mb * MIB:
            out.refused.append(f"{src.name}: would take this upload past the {limits.max_batch_mb:g} MiB limit "
                               "per upload; upload it again")
            continue
        total += size
        dest = _unused(upload_dir / name, out.paths)
        # copied under a private name, then renamed: an article being indexed is never half-written
        tmp = dest.with_name(f".{dest.name}.{os.getpid()}.{threading.get_ident()}.part")
        shutil.copyfile(src, tmp)
        os.replace(tmp, dest)
        out.paths.append(dest)
    return out


def _unused(dest: Path, taken: list[Path]) -> Path:
    """``dest``, or ``stem_2.ext``, ``stem_3.ext`` … when this upload already used the name
    ("a b.txt" and "a_b.txt" both sanitise to "a_b.txt")."""
    n, candidate = 1, dest
    while candidate in taken:
        n += 1
        candidate = dest.with_name(f"{dest.stem}_{n}{dest.suffix}")
    return candidate


def gradio_upload_roots() -> list[Path]:
    """Where Gradio stores files a browser uploads (``GRADIO_TEMP_DIR`` or its default)."""
    from gradio.utils import get_upload_folder

    return [Path(get_upload_folder())]
