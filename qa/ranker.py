"""Score answer candidates with weights fitted on the tuning fixtures, not set by hand.

Each candidate (:class:`~qa.candidates.Candidate` in a retrieved sentence) is described by a
few general features: how well its recogniser's type fits the question's expected type, how
close the sentence is to the question (its stored vector's cosine, its passage's score, the
question words it shares), how near the question's words sit to the candidate, whether the
question itself already contains it, and whether the noun the question asks about ("tờ báo
nào", "which bank") introduces it. A logistic regression over these features, fitted by
``python -m evals.fit_ranker`` on the tuning split only and shipped as ``qa/data/ranker.json``,
turns them into the probability that the candidate answers; the same script calibrates the
probability below which the answerer abstains. Re-running the script reproduces the file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from qa.errors import ConfigError

Features = dict[str, float]
RANKER_FILE = "ranker.json"


@dataclass(frozen=True)
class Ranker:
    """A fitted linear model over named features, and the abstention threshold.

    ``weights`` maps feature names to coefficients (features it does not name weigh 0);
    ``threshold``: the least probability that answers rather than abstains; ``sentence``: the
    model of whether a whole sentence holds the answer, quoted when no span is likely enough;
    ``fallback``: for a ranker that :attr:`reads`, the one fitted on the same questions without
    the reader, used where the reader cannot load (its tokenizer not fetched yet); ``quotes``:
    for a sentence model, the expected answer types it may quote a sentence for (None: every
    type), chosen by the fit (:meth:`may_quote`).
    """

    weights: Mapping[str, float]
    bias: float
    threshold: float = 0.5
    meta: Mapping[str, object] = field(default_factory=dict)
    sentence: "Ranker | None" = None
    fallback: "Ranker | None" = None
    quotes: tuple[str, ...] | None = None

    @property
    def reads(self) -> bool:
        """Whether it was fitted with the trained reader's scores as features (:mod:`qa.reader_evidence`),
        so the answerer must run the reader to score candidates as it was fitted."""
        return bool(self.meta.get("reader"))

    def may_quote(self, answer_type: str) -> bool:
        """Whether this sentence model may answer a question of ``answer_type`` by quoting a sentence.

        For some types a quoted sentence is mostly a look-alike's answer: a question that asks for
        a figure and got no likely figure is rarely answered by the sentence around it. Which
        types those are is fitted, not listed: the fit keeps the types where quoting gets at least
        as many tuning questions right out of fold as abstaining (``evals.fit_ranker.quoting_types``;
        figures in docs/EVALUATION.md).
        """
        return self.quotes is None or answer_type in self.quotes

    def score(self, features: Features) -> float:
        """The linear score ``bias + weights · features``."""
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def probability(self, features: Features) -> float:
        """The chance that a candidate with these features, the best of its question, is right."""
        z = self.score(features)
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def to_dict(self) -> dict:
        out: dict = {"bias": self.bias, "threshold": self.threshold, "meta": dict(self.meta),
                     "weights": dict(sorted(self.weights.items()))}
        if self.sentence is not None:
            out["sentence"] = self.sentence.to_dict()
        if self.fallback is not None:
            out["fallback"] = self.fallback.to_dict()
        if self.quotes is not None:
            out["quotes"] = list(self.quotes)
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_dict(cls, raw: dict) -> "Ranker":
        sentence, fallback = raw.get("sentence"), raw.get("fallback")
        return cls(weights={str(k): float(v) for k, v in raw["weights"].items()}, bias=float(raw["bias"]),
                   threshold=float(raw["threshold"]), meta=raw.get("meta", {}),
                   sentence=cls.from_dict(sentence) if sentence is not None else None,
                   fallback=cls.from_dict(fallback) if fallback is not None else None,
                   quotes=_types(raw.get("quotes")))

    @classmethod
    def from_json(cls, text: str, *, origin: str = "ranker") -> "Ranker":
        try:
            return cls.from_dict(json.loads(text))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"{origin} is not a fitted ranker ({exc}); re-create it with "
                              "`python -m evals.fit_ranker`") from exc


def _types(raw: object) -> tuple[str, ...] | None:
    """A sentence model's ``quotes``: absent (every type) or a list of type names."""
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
        raise TypeError(f"quotes must be a list of answer types, got {raw!r}")
    return tuple(raw)


def load_ranker(path: Path | None = None) -> Ranker:
    """The ranker at ``path``, or the one shipped in the package (``qa/data/ranker.json``)."""
    if path is not None:
        try:
            return Ranker.from_json(path.read_text(encoding="utf-8"), origin=str(path))
        except OSError as exc:
            raise ConfigError(f"cannot read the ranker {path}: {exc}") from exc
    return _shipped()


@lru_cache(maxsize=1)
def _shipped() -> Ranker:
    try:
        text = resources.files("qa").joinpath("data", RANKER_FILE).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"the package has no qa/data/{RANKER_FILE}; fit it with `python -m evals.fit_ranker`") from exc
    return Ranker.from_json(text, origin=f"qa/data/{RANKER_FILE}")
