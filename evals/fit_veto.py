"""Fit the reader's veto over the ranker's answers (``qa/data/veto.json``) on the tuning fixtures.

    python -m evals.fit_veto --set ~/.local/share/vnqa:evals/fixtures/vnqa.jsonl \\
                             --set /tmp/news-index:evals/fixtures/news

Each ``--set`` pairs an index (a ``VNQA_DATA_DIR``) with the fixtures about its articles; only
tuning fixtures are read (``split`` tuning, or none: the bundled tuning files), as for
``evals.fit_ranker``. For every one, the shipped ranker answers without a veto and the shipped
reader reads the sentence the answer quotes (:func:`qa.reader_evidence.veto_margin`); :func:`qa.veto.fit_margin` then picks the margin that
gets the most questions right while keeping false abstentions within 5 %, and :func:`qa.trim.fit_gap` the gap at which trimming the
leading words of the answers it keeps gains the most exact matches and right answers. What
both would change on the tuning questions is printed.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from evals.scoring import Fixture, answer_is_correct, exact_match
from qa.matching import matches
from qa.trim import fit_gap
from qa.veto import VETO_FILE, Veto, fit_margin, judged

OUT = Path(__file__).resolve().parent.parent / "qa" / "data" / VETO_FILE
LIMIT = 0.05  # the false-abstention limit the ranker's thresholds were chosen under (issue 28)


@dataclass(frozen=True)
class Row:
    """One tuning question: what the ranker did with it, and how sure the reader is of an answer."""

    answerable: bool
    abstained: bool
    right: bool
    margin: float | None
    trim_gap: float | None = None  # how much the reader prefers the answer's best shorter span (qa.trim)
    trim_exact: int = 0  # what trimming to it does to the exact match: +1 gained, -1 lost, 0 neither
    trim_right: int = 0  # the same for the right answer

    @property
    def trim_change(self) -> int:
        return self.trim_exact + self.trim_right


def collect(data_dir: Path, fixtures: Sequence[Fixture], *, tag: str) -> list[Row]:
    """Ask each fixture on the index in ``data_dir``: the ranker's answer without a veto, and the
    shipped reader's margin as the answerer's veto weighs it (:func:`qa.reader_evidence.veto_margin`)."""
    from tqdm.auto import tqdm

    from qa import components
    from qa.assistant import Assistant
    from qa.settings import Settings

    settings = Settings.load(data_dir=data_dir)
    settings = settings.model_copy(update={"answer": settings.answer.model_copy(update={"veto": False,
                                                                                         "engine": "ranker"})})
    bot = Assistant(settings)
    answerer = bot.answerer
    reader = components.make_reader(settings)
    rows = []
    for f in tqdm(fixtures, desc=f"veto {tag}", unit="q"):
        question = bot._understand(f.question)
        found = bot.retrieval.retrieve(question, settings.retrieval.resolve_top_k(None))
        reading = answerer.read(question, found)
        answer = reading.answer
        trim_gap, trim_exact, trim_right = None, 0, 0
        if answer.abstained:
            margin = None
        elif not judged(question):
            margin = math.inf  # never withdrawn nor trimmed (qa.veto.judged)
        else:  # what the answerer's veto weighs (qa.extractive.ExtractiveAnswerer.vetoed)
            evidence = answerer.veto_evidence(question, found, reading, reader)
            margin, shorter = evidence.margin, evidence.shorter
            if shorter is not None and answer.span and f.answerable:
                trim_gap = shorter.gap
                # the trim shortens the chosen span, which the answer may show in full (a person's name)
                span = reading.chosen.candidate.text if reading.chosen is not None else answer.span
                trim_exact = int(exact_match(f, shorter.text)) - int(exact_match(f, span))
                trim_right = int(_right(f, shorter.text)) - int(_right(f, span))
        rows.append(Row(f.answerable, answer.abstained, f.answerable and answer_is_correct(f, answer), margin,
                        trim_gap, trim_exact, trim_right))
    return rows


def _right(f: Fixture, span: str) -> bool:
    """Whether ``span`` as the answer is right (:func:`evals.scoring.answer_is_correct`'s test)."""
    return any(matches(a, span) for a in f.answers)


def fit_trim(rows: Sequence[Row], margin: float | None) -> float | None:
    """The trimming gap for the answers a veto at ``margin`` keeps (None: trim nothing)."""
    return fit_gap([(r.trim_gap, r.trim_change) for r in rows
                    if not r.abstained and not _withdrawn(r, margin) and r.trim_gap is not None])


def trimmed(rows: Sequence[Row], margin: float | None, gap: float | None) -> list[Row]:
    """The rows whose answer a veto at ``margin`` keeps and trimming at ``gap`` shortens."""
    return [r for r in rows if gap is not None and r.trim_gap is not None and r.trim_gap >= gap
            and not r.abstained and not _withdrawn(r, margin)]


def _withdrawn(r: Row, margin: float | None) -> bool:
    return margin is not None and not r.abstained and (r.margin is None or r.margin < margin)


def effect(rows: Sequence[Row], margin: float | None) -> dict[str, float | int]:
    """What a veto at ``margin`` (None: none) does to the rows: answers right, false abstentions,
    look-alikes abstained on."""
    answerable = [r for r in rows if r.answerable]
    lookalikes = [r for r in rows if not r.answerable]
    return {"answerable": len(answerable), "right": sum(r.right and not _withdrawn(r, margin) for r in answerable),
            "false_abstentions": sum(r.abstained or _withdrawn(r, margin) for r in answerable),
            "look_alikes": len(lookalikes),
            "look_alikes_abstained": sum(r.abstained or _withdrawn(r, margin) for r in lookalikes)}


def fit(rows: Sequence[Row], *, limit: float = LIMIT) -> float | None:
    """The veto margin for ``rows`` (None: no veto does better within ``limit``)."""
    return fit_margin([(r.answerable, r.abstained, r.right, r.margin) for r in rows], limit=limit)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m evals.fit_veto", description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", required=True, metavar="DATA_DIR:FIXTURES",
                        help="an index and the fixtures about its articles (repeatable)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write the veto (default {OUT})")
    parser.add_argument("--limit", type=float, default=LIMIT, help="most false abstentions allowed (default %(default)s)")
    args = parser.parse_args(argv)
    from qa.reader import verified

    from evals.fit_ranker import tuning_sets

    rows: list[Row] = []
    sets, sources = tuning_sets(args.set)
    for i, (data_dir, tuning) in enumerate(sets):
        rows += collect(data_dir, tuning, tag=f"set{i}")
    margin = fit(rows, limit=args.limit)
    before, after = effect(rows, None), effect(rows, margin)
    trim_gap = fit_trim(rows, margin)
    shortened = trimmed(rows, margin, trim_gap)
    after["trimmed"] = len(shortened)
    after["trim_exact_gained"] = sum(r.trim_exact for r in shortened)
    after["trim_right_gained"] = sum(r.trim_right for r in shortened)
    print(json.dumps({"margin": margin, "trim_gap": trim_gap, "without": before, "with": after}))
    if margin is None:
        args.out.unlink(missing_ok=True)
        print(f"no veto gets more tuning questions right with false abstentions within {args.limit:.0%}; "
              f"removed {args.out}")
        return
    veto = Veto(margin=round(margin, 4), reader=verified().manifest["files"]["reader.onnx"]["sha256"],
                meta={"limit": args.limit, "sources": sources, "tuning_without": before, "tuning_with": after},
                trim_gap=None if trim_gap is None else round(trim_gap, 4))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(veto.to_json(), encoding="utf-8")
    print(f"wrote {args.out}: margin {veto.margin:.3f}, trimming gap {veto.trim_gap}")


if __name__ == "__main__":
    main()
