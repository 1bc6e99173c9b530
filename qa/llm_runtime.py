"""Chat models: the bundled local one, or any OpenAI-compatible endpoint.

Both are used through LangChain's standard ``ChatOpenAI`` so there is one code path. The
local model (Qwen2.5-Coder-1.5B-Instruct, Q4_K_M GGUF, verified by ``qa models fetch
--llm``) runs in-process in llama.cpp's own server via xllamacpp - a prebuilt CPU wheel -
listening on a free loopback port only. Its defaults are the model's own: RoPE base from the
GGUF (``rope_freq_base=0``), no repeat penalty, a real context window and batch - the
settings LangChain's ``ChatLlamaCpp`` gets wrong by default.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

from qa.processes import free_port
from qa.settings import LLMSettings
from vectorstore.errors import ConfigError, LLMUnavailable, ModelMissing


class LocalLlamaServer:
    """llama.cpp's server, in this process, on 127.0.0.1 and a free port; started lazily."""

    def __init__(self, gguf: Path, settings: LLMSettings) -> None:
        self.gguf = gguf
        self.settings = settings
        self._server: Any = None
        self._url: str | None = None
        self._lock = threading.Lock()
        self.load_seconds: float | None = None

    @property
    def base_url(self) -> str:
        with self._lock:
            if self._server is None:
                self._start()
            return self._url  # type: ignore[return-value]

    def _start(self) -> None:
        try:
            import xllamacpp as xlc
        except ImportError as exc:  # pragma: no cover - it is a dependency
            raise ModelMissing("the local LLM runtime (xllamacpp) is not installed; run `make install`") from exc
        started = time.perf_counter()
        params = xlc.CommonParams()
        params.model.path = str(self.gguf)
        params.n_ctx = self.settings.n_ctx
        params.n_batch = 512
        params.n_parallel = 1
        threads = self.settings.threads or os.cpu_count() or 2
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.rope_freq_base = 0.0           # use the GGUF's own RoPE base
        params.sampling.penalty_repeat = 1.0  # no repeat penalty: it garbles figures
        params.sampling.temp = self.settings.temperature
        params.hostnames = ["127.0.0.1"]      # loopback only
        params.port = free_port()
        params.verbosity = -1
        self._server = xlc.Server(params)
        self._url = f"http://127.0.0.1:{params.port}/v1"
        self.load_seconds = time.perf_counter() - started


def make_chat_model(settings: LLMSettings, *, local: LocalLlamaServer | None) -> Any:
    """A LangChain chat model for ``settings``: the configured endpoint, or the local server."""
    from langchain_openai import ChatOpenAI

    if settings.base_url:
        base_url, key = settings.base_url, os.environ.get(settings.api_key_env) or "none"
    elif local is not None:
        base_url, key = local.base_url, "local"
    else:
        raise ConfigError("no LLM endpoint configured and no local model; set VNQA_LLM__BASE_URL or fetch the model")
    return ChatOpenAI(base_url=base_url, api_key=key, model=settings.model, temperature=settings.temperature,
                      max_tokens=settings.max_tokens, timeout=settings.timeout_s, max_retries=1,
                      stream_usage=True)


def endpoint_error(exc: Exception, settings: LLMSettings) -> LLMUnavailable:
    where = settings.base_url or "the local model"
    return LLMUnavailable(f"the LLM at {where} did not answer ({type(exc).__name__}: {exc}); "
                            "check VNQA_LLM__BASE_URL, or use the extractive mode")
