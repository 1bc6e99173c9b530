"""The trained reader's veto over the ranker's answer: withdraw it when the reader finds nothing
(and trim the words it carries before the answer: :mod:`qa.trim`).

The fitted ranker (:mod:`qa.ranker`) answers most look-alike questions (same people and topic,
a fact the article does not state): a figure of the right type in the right article scores like
the answer. The reader (:mod:`qa.reader`) was trained with a "no answer" option and tells those
apart better, but as the chooser of spans it loses to the ranker (docs/EVALUATION.md). Here each
does what it is best at: the ranker chooses, and the reader may only withdraw the choice, when
its best span in the sentence the answer quotes does not beat its "no answer" score by
``margin`` (:func:`qa.reader_evidence.veto_margin`).

``margin`` is fitted by ``python -m evals.fit_veto`` on the tuning fixtures: the one that gets
the most questions right while keeping false abstentions (answerable questions not answered)
within the same 5 % the ranker's thresholds were chosen under. It belongs to one reader file: ``reader`` is that file's
sha256, and a veto fitted for another reader is not applied (logged once).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from qa.errors import ConfigError
from qa.question import Question
from vectorstore.text import fold_diacritics

VETO_FILE = "veto.json"


@dataclass(frozen=True)
class Veto:
    """Withdraw an answer when the reader's best margin over "no answer" is below ``margin``;
    trim its leading words where the reader scores the shorter span ``trim_gap`` higher
    (:mod:`qa.trim`; None: never).

    ``reader``: the sha256 of the reader file it was fitted with ("" for any: tests' fakes).
    """

    margin: float
    reader: str = ""
    meta: Mapping[str, object] = field(default_factory=dict)
    trim_gap: float | None = None

    def trims(self, gap: float | None) -> bool:
        """Whether a shorter span the reader prefers by ``gap`` (None: there is none) replaces the answer."""
        return self.trim_gap is not None and gap is not None and gap >= self.trim_gap

    def applies_to(self, reader_sha256: str | None) -> bool:
        """Whether this veto was fitted for the reader with this sha256 (None: a reader that
        does not say, such as a test's fake)."""
        return not self.reader or reader_sha256 is None or reader_sha256 == self.reader

    def withdraws(self, best_margin: float | None) -> bool:
        """Whether the reader's best margin (None: it found no span at all) withdraws the answer."""
        return best_margin is None or best_margin < self.margin

    def to_json(self) -> str:
        return json.dumps({"margin": self.margin, "trim_gap": self.trim_gap, "reader": self.reader,
                           "meta": dict(self.meta)}, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str, *, origin: str = "veto") -> "Veto":
        try:
            raw = json.loads(text)
            margin = float(raw["margin"])
            trim_gap = None if raw.get("trim_gap") is None else float(raw["trim_gap"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{origin} is not a veto file ({exc}); re-fit it with `python -m evals.fit_veto`") from exc
        for name, value in (("margin", margin), ("trim_gap", trim_gap)):
            if value is not None and not math.isfinite(value):
                raise ConfigError(f"{origin}: the {name} must be a finite number, got {value}")
        return cls(margin=margin, reader=str(raw.get("reader", "")), meta=raw.get("meta", {}), trim_gap=trim_gap)


def judged(question: Question) -> bool:
    """Whether the reader's "no answer" is evidence for ``question``: not for Vietnamese typed
    without its diacritics ("Thanh uy Ha Noi ..."), which the reader never saw in training (it
    finds no answer to most of them); the ranker's own matching of folded words answers those."""
    return not (question.language == "vi" and fold_diacritics(question.text) == question.text.lower())


def load_veto(path: Path | None = None) -> Veto | None:
    """The veto at ``path``, or the one shipped in the package (None when there is none: the
    ranker then answers alone)."""
    if path is not None:
        try:
            return Veto.from_json(path.read_text(encoding="utf-8"), origin=str(path))
        except OSError as exc:
            raise ConfigError(f"cannot read the veto {path}: {exc}") from exc
    return _shipped()


@lru_cache(maxsize=1)
def _shipped() -> Veto | None:
    shipped = resources.files("qa").joinpath("data", VETO_FILE)
    if not shipped.is_file():
        return None
    return Veto.from_json(shipped.read_text(encoding="utf-8"), origin=f"qa/data/{VETO_FILE}")


def fit_margin(rows: Sequence[tuple[bool, bool, bool, float | None]], *, limit: float = 0.05) -> float | None:
    """The veto margin that gets the most tuning questions right while keeping false abstentions
    within ``limit`` (None: no veto does better than none, or none fits).

    ``rows``: per tuning question, (answerable, the ranker abstained, the ranker's answer is right,
    the reader's best margin: ``math.inf`` for a question the veto does not judge, :func:`judged`;
    None where it found no span). A veto at margin ``t`` withdraws the answers with a margin below
    ``t`` (or none): right for a look-alike, a false abstention for an answerable question. As for
    the ranker's thresholds (``evals.fit_ranker.best_thresholds``), the count is flat near its top
    and the middle of the tied margins is kept, where a small change of the fit would not tip it.
    (The loosest margin the budget allows, chosen before, spent the budget however many right
    answers it withdrew, and moved with every re-fit of the ranker: −2.9 to −4.9.)
    """
    answerable = [r for r in rows if r[0]]
    if not answerable:
        return None
    budget = math.floor(limit * len(answerable) + 1e-9)
    judged_margins = sorted({m for _, abstained, _, m in rows if not abstained and m is not None and m != math.inf})
    # no veto; one that withdraws only the answers the reader found no span for; then each midpoint
    options: list[float | None] = [None, judged_margins[0] - 1.0 if judged_margins else -math.inf]
    options += [(a + b) / 2.0 for a, b in zip(judged_margins, judged_margins[1:])]
    if judged_margins:
        options.append(judged_margins[-1] + 1.0)

    def outcome(t: float | None) -> tuple[int, int]:
        right = missed = 0
        for is_answerable, abstained, ok, m in rows:
            withdrawn = t is not None and not abstained and (m is None or m < t)
            if is_answerable:
                missed += abstained or withdrawn
                right += ok and not abstained and not withdrawn
            else:
                right += abstained or withdrawn
        return right, missed

    allowed = [(t, right) for t in options for right, missed in [outcome(t)] if missed <= budget]
    if not allowed or allowed[0][0] is not None:
        return None  # the ranker alone is over the limit already: a veto only withdraws more
    top = max(right for _, right in allowed)
    tied = [t for t, right in allowed if right == top]
    if tied[0] is None:
        return None  # no veto gets as many right
    return tied[(len(tied) - 1) // 2]
