"""The one settings object of vnqa, nested by concern.

Every field can be set by environment variable (``VNQA_`` prefix, ``__`` between levels,
e.g. ``VNQA_RETRIEVAL__TOP_K=8``, ``VNQA_INDEX__BACKEND=server``) or from a TOML preset
file (``Settings.from_file``). Unknown keys are errors, so a typo never silently falls back
to a default.
"""

from __future__ import annotations

import os
import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from vectorstore.errors import ConfigError


def package_folder(package: str, name: str, *, what: str) -> Path:
    """The folder ``name`` shipped inside ``package`` (data such as the seed articles).

    Read through :mod:`importlib.resources` so a wheel finds it as a checkout does. Callers walk
    the folder, so the package must be installed as files on disk (any pip install is), not
    imported from a zip archive; ``what`` names the data in that error.
    """
    folder = files(package) / name
    if not isinstance(folder, Path) or not folder.is_dir():
        raise ConfigError(f"the {what} must be a folder on disk, found {folder!r}; "
                          "install vnqa with pip (not as a zip archive)")
    return folder


# The seed articles: the product's default content.
BUNDLED_CORPUS = package_folder("qa", "corpus", what="bundled articles")


def _xdg(var: str, fallback: str) -> Path:
    return Path(os.environ.get(var) or Path.home() / fallback)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IndexSettings(_Section):
    backend: Literal["embedded", "server"] = Field("embedded", description="Embedded persistent Chroma, or a `chroma run` server.")
    path: Path | None = Field(None, description="Folder of the embedded Chroma store; default <data_dir>/chroma.")
    host: str = Field("localhost", description="Chroma server host (backend=server).")
    port: int = Field(8000, ge=1, le=65535, description="Chroma server port (backend=server).")
    ssl: bool = Field(False, description="Use HTTPS to reach the Chroma server.")
    token: SecretStr | None = Field(None, description="Bearer token for a Chroma server with token auth.")
    name: str = Field("vnqa", description="Collection name prefix; lets several corpora share one store.")
    chunk_tokens: int = Field(256, ge=16, le=2048, description="Chunk size in cl100k_base tokens.")
    overlap_tokens: int = Field(48, ge=0, le=512, description="Tokens shared by consecutive chunks.")
    ef_search: int = Field(400, ge=10, le=10000, description="HNSW candidates per query: higher finds more of the true nearest chunks in a large index, slower. At 20k chunks 100 (Chroma's default) recalled 96.5 % of the exact top 20, 400 99.8 % (docs/BENCHMARKS.md).")
    chunk_vectors: Literal["model", "sentences"] = Field("model", description="How chunk vectors are made: the model reads each chunk, or `sentences`: pooled from the chunk's sentence vectors, so the model reads each token once (1.9-2x the articles per CPU-second, hit@1 within 1 point on 513 fixtures, but the flagship Hà Nội question's first passage changes; docs/BENCHMARKS.md).")
    corpus: list[Path] = Field(default_factory=lambda: [BUNDLED_CORPUS], description="Folders/files indexed by default.")


class EmbeddingSettings(_Section):
    runtime: Literal["onnx", "torch"] = Field("onnx", description="ONNX Runtime (exported once at `qa models fetch`; same vectors as PyTorch, ~1.5x faster, no torch at question time) or PyTorch.")
    quantize: bool = Field(False, description="int8 weights. onnx: per-channel, 3.1x the articles per CPU-second of PyTorch (6.3x with pooled chunk vectors) at hit@1 and answer accuracy within 1 point on 513 fixtures, but the answer ranker was fitted on float32 vectors and some answers fall below its threshold, so off by default; torch: dynamic per-tensor, ~1.8x, article hit@1 0.962 -> 0.939 (docs/BENCHMARKS.md). Rebuild the index after changing (`qa index --upgrade`).")
    device: Literal["auto", "cpu", "cuda"] = Field("auto", description="auto uses a CUDA GPU when the runtime sees one (torch.cuda, or onnxruntime-gpu's CUDA provider), else the CPU.")
    truncate_dim: Literal[128, 256, 512, 768] | None = Field(None, description="Matryoshka truncation; None keeps 768.")
    batch_size: int = Field(8, ge=1, le=512, description="Passages per forward pass when indexing (8 measured fastest on 2 CPU cores: `qa bench`).")
    threads: int | None = Field(None, ge=1, le=256, description="CPU threads of the runtime; None lets it decide (one per core).")


TOP_K_MAX = 50


class RetrievalSettings(_Section):
    top_k: int = Field(5, ge=1, le=TOP_K_MAX, description="Passages retrieved per question.")
    mode: Literal["hybrid", "dense", "bm25"] = Field("hybrid", description="Dense vectors, BM25 keywords, or both fused.")
    rrf_k: int = Field(60, ge=1, le=1000, description="Reciprocal-rank-fusion constant.")
    # Measured on the bundled fixtures (docs/EVALUATION.md): for English questions BM25 only
    # adds noise (passage MRR 0.834 at weight 0, 0.749 at 0.3, 0.711 at 0.6); for Vietnamese
    # ones it helps (MRR 0.855 dense alone, 0.915 at 1.0, 0.928 at 1.5).
    bm25_weight_vi: float = Field(1.5, ge=0.0, le=10.0, description="BM25's weight in fusion for Vietnamese questions.")
    bm25_weight_en: float = Field(0.0, ge=0.0, le=10.0, description="BM25's weight in fusion for English questions.")
    pool: int = Field(20, ge=1, le=500, description="Candidates each retriever contributes before fusion.")
    # The sentence stage: the answerer quotes single sentences, searched by their own vectors.
    sentence_scout: int = Field(10, ge=0, le=500, description="Sentences nearest to the question in the whole index "
                                "whose articles join the candidates (recovers an article the passage ranking missed).")
    sentence_pool: int = Field(40, ge=1, le=1000, description="Sentences of the candidate articles the answerer ranks.")
    # News reports a year's figures after it ends: the bundled Móng Cái review of 2019 is dated
    # 2020-02-15. Filtering "năm 2019" to articles published in 2019 turned 11 of the 124 bundled
    # fixtures wrong (answer accuracy 0.938 -> 0.823); with the report window below (articles up to
    # a year after the period) accuracy is 0.938 with or without it. (The 347 VietNews fixtures cannot
    # test it: those articles carry no dates.)
    restore_diacritics: bool = Field(True, description="Embed a Vietnamese question typed without diacritics as the "
                                     "passages its keywords find write its words ('huyen Sin Ho' -> 'huyện Sìn Hồ'); "
                                     "keyword search already ignores diacritics. Needs BM25 (hybrid or bm25 mode).")
    period_from_question: bool = Field(True, description="Narrow a question that names one year or month ('năm 2019', "
                                       "'tháng 3/2020', 'in March 2020') to articles published in it or within "
                                       "period_report_days after it, when no filter is given and some indexed "
                                       "article is dated in it (a corpus without dates answers as before).")
    period_report_days: int = Field(366, ge=0, le=3660, description="With period_from_question: articles published "
                                    "up to this many days after the named period still count (a year's figures are "
                                    "reported after it ends).")

    def resolve_top_k(self, k: int | None) -> int:
        """The number of passages to retrieve: ``k``, or the configured default when None.

        The one place ``top_k`` is defaulted and checked (API, CLI and UI all pass through here).
        """
        if k is None:
            return self.top_k
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= TOP_K_MAX:
            raise ConfigError(f"top_k must be a whole number from 1 to {TOP_K_MAX}, got {k!r}")
        return k


class AnswerSettings(_Section):
    mode: Literal["extractive", "llm"] = Field("extractive", description="Quote the articles, or let a local LLM read the best sentences and pick the span.")
    engine: Literal["ranker", "reader"] = Field("ranker", description="What picks the quoted span: `ranker`, candidates "
                                                "from recognisers scored by the fitted ranker; `reader`, the trained "
                                                "extractive reader shipped in qa/data/reader (docs/EVALUATION.md compares them).")
    veto: bool = Field(True, description="Let the trained reader withdraw the ranker's answer when it finds no answer "
                       "in the sentences read (qa/data/veto.json, fitted on the tuning fixtures): more look-alike "
                       "questions recognised, about 0.35 s more per answered question on 2 cores.")
    reader_dir: Path | None = Field(None, description="Folder of a trained reader (reader.onnx, vocab.npy, manifest.json); "
                                    "None uses the one shipped in qa/data/reader.")
    max_chars: int = Field(300, ge=80, le=2000, description="Longest answer text, in characters.")
    # Calibrated on the fixtures: off-topic questions score <= 0.21, answerable ones >= 0.30.
    # On-topic look-alikes (another city or year) score like answerable ones; the answerer's
    # place/person/code/year checks catch those, not this threshold.
    min_score: float = Field(0.26, ge=-1.0, le=1.0, description="Abstain when the best passage scores below this.")
    # Each sentence read costs the entity tagger ~5 ms; the answer is in the first 12 by vector or
    # by shared words for all but a few fixtures.
    read_sentences: int = Field(12, ge=1, le=100, description="Retrieved sentences whose candidates are scored.")
    max_question_chars: int = Field(2000, ge=10, le=100_000, description="Longer questions are refused.")
    domain_file: Path | None = Field(None, description="TOML file of domain vocabulary (places and their exonyms, "
                                     "counting nouns, the English -> Vietnamese glossary); None uses the packaged "
                                     "qa/data/domain.toml, and a path to an empty file turns domain vocabulary off.")
    lexicon_file: Path | None = Field(None, description="English -> Vietnamese lexicon fitted by `python -m "
                                      "evals.fit_lexicon` (the words the glossary lacks); None uses the packaged "
                                      "qa/data/lexicon.tsv, and a path to an empty file turns it off.")


class LLMSettings(_Section):
    base_url: str | None = Field(None, description="OpenAI-compatible endpoint (llama.cpp server, vLLM, Ollama …); "
                                 "None runs the bundled Qwen2.5-Coder-1.5B GGUF in-process.")
    model: str = Field("qwen2.5-coder-1.5b-instruct", description="Model name sent to the endpoint.")
    api_key_env: str = Field("VNQA_LLM_API_KEY", description="Environment variable holding the endpoint's API key.")
    # Prompt processing runs at about 60 tokens/s on 2 cores: the system prompt (~330 tokens,
    # cached by llama.cpp after the first question) plus ~250 tokens of sentences keeps a reply
    # within a few seconds; the sentence holding the extractive answer always comes first.
    read_sentences: int = Field(5, ge=1, le=40, description="Sentences shown to the model, best candidates' first.")
    context_tokens: int = Field(300, ge=50, le=32000, description="Token budget (cl100k) for those sentences.")
    max_span_words: int = Field(16, ge=1, le=200, description="Longest span the model may copy; longer falls back.")
    max_tokens: int = Field(80, ge=8, le=4096, description="Longest generated reply, in tokens.")
    temperature: float = Field(0.0, ge=0.0, le=2.0, description="Sampling temperature (0 = greedy).")
    timeout_s: float = Field(120.0, gt=0, le=3600, description="Give up on one generation after this long.")
    n_ctx: int = Field(4096, ge=512, le=32768, description="Context window of the local model.")
    threads: int | None = Field(None, ge=1, le=256, description="CPU threads of the local model; None = all cores.")


class UISettings(_Section):
    host: str = Field("127.0.0.1", description="Address `qa serve` listens on.")
    port: int = Field(7860, ge=0, le=65535, description="Port of the chat UI (0 picks a free one).")
    language: Literal["vi", "en"] = Field("vi", description="Language of the interface.")


class AuthSettings(_Section):
    users_file: Path | None = Field(None, description="The accounts file (`qa users add` creates it); default "
                                    "<data_dir>/users.json. While it exists `qa serve` requires a login and the "
                                    "HTTP API an account's token.")
    login_delay_s: float = Field(1.0, ge=0.0, le=3600, description="Wait imposed on an account after a failed "
                                 "login; doubles with each further failure.")
    login_max_delay_s: float = Field(60.0, ge=0.0, le=86400, description="Longest wait between login attempts.")
    free_failures_per_address: int = Field(10, ge=0, le=10000, description="Failed logins an address may make "
                                           "(over all accounts) before it is slowed down too.")
    forget_failures_after_s: float = Field(900.0, ge=0, le=86400 * 30, description="Failed logins are forgotten "
                                           "this long after the last one (a slowed office address recovers).")


class UploadSettings(_Section):
    max_file_mb: float = Field(20.0, gt=0, le=1024, description="Largest single uploaded file, in MiB.")
    max_batch_mb: float = Field(50.0, gt=0, le=10240, description="Largest total of one upload, in MiB.")
    max_files: int = Field(50, ge=1, le=10000, description="Most files in one upload.")
    types: list[str] = Field(default_factory=lambda: [".txt", ".md", ".html", ".htm"],
                             description="File extensions that may be uploaded (the loader reads these).")


class Settings(BaseSettings):
    """All of vnqa's configuration.

    Example::

        settings = Settings()                                   # defaults + VNQA_* env vars
        settings = Settings(retrieval=RetrievalSettings(top_k=8))
        settings = Settings.from_file(Path("preset.toml"))
    """

    model_config = SettingsConfigDict(env_prefix="VNQA_", env_nested_delimiter="__", extra="forbid")

    cache_dir: Path = Field(default_factory=lambda: _xdg("XDG_CACHE_HOME", ".cache") / "vnqa",
                            description="Models live here (VNQA_CACHE_DIR).")
    data_dir: Path = Field(default_factory=lambda: _xdg("XDG_DATA_HOME", ".local/share") / "vnqa",
                           description="The embedded index lives here (VNQA_DATA_DIR).")
    index: IndexSettings = Field(default_factory=IndexSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    ui: UISettings = Field(default_factory=UISettings)
    auth: AuthSettings = Field(default_factory=AuthSettings)
    uploads: UploadSettings = Field(default_factory=UploadSettings)

    @property
    def index_path(self) -> Path:
        return (self.index.path or self.data_dir / "chroma").expanduser()

    @property
    def users_path(self) -> Path:
        return (self.auth.users_file or self.data_dir / "users.json").expanduser()

    @property
    def audit_path(self) -> Path:
        return self.data_dir / "audit.jsonl"

    @property
    def feedback_path(self) -> Path:
        return self.data_dir / "feedback.sqlite"

    @classmethod
    def load(cls, **overrides: object) -> "Settings":
        """Build settings, turning validation errors into one readable :class:`ConfigError`."""
        try:
            return cls(**overrides)
        except ValidationError as exc:
            raise ConfigError(_describe(exc)) from exc

    @classmethod
    def from_file(cls, path: Path) -> "Settings":
        """Settings from a TOML preset (same nesting as the env vars); the file wins over env vars."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
        return cls.load(**data)


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"])
        parts.append(f"{where}: {err['msg']} (got {err.get('input')!r})")
    return "invalid settings: " + "; ".join(parts)
