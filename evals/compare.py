"""Put two evaluations of the same fixtures side by side: before and after a change.

    qa eval evals/fixtures/news --json > after.json          # this checkout
    (cd ../old-checkout && python -m qa.cli eval … --json) > before.json
    python -m evals.compare before.json after.json

Both files are ``qa eval --json`` outputs. Every figure is recomputed here from the outcomes
with today's scoring (:mod:`evals.scoring`), so an evaluation written by an older version,
which had no exact-match or split figures, is scored exactly like the new one.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from evals.scoring import Fixture, Outcome, Report, exact_match, load_fixtures, token_f1
from evals.tables import text_table

_FIGURES = [("answer_accuracy", "answer"), ("exact_match", "EM"), ("span_f1", "F1"),
            ("citation_accuracy", "citation"), ("false_abstention_rate", "false-abst"),
            ("abstention_accuracy", "look-alikes abst")]


def load_report(path: Path, splits: dict[str, str] | None = None) -> Report:
    """A :class:`Report` rebuilt from a ``qa eval --json`` file, EM and F1 recomputed.

    ``splits``: fixture id -> split, for evaluations written before fixtures carried one.
    """
    raw = json.loads(path.read_text(encoding="utf-8"))
    splits = splits or {}
    report = Report()
    for o in raw["outcomes"]:
        fx = o["fixture"]
        fixture = Fixture(id=fx["id"], question=fx["question"], answers=tuple(fx["answers"]), docs=tuple(fx["docs"]),
                          kind=fx["kind"], lang=fx["lang"], split=fx.get("split") or splits.get(fx["id"], ""), near=tuple(fx.get("near", ())))
        answered = fixture.answerable and not o["abstained"]
        report.outcomes.append(Outcome(
            fixture=fixture, answer_text=o["answer_text"], span=o["span"], abstained=o["abstained"],
            correct=o["correct"], cited_doc=o["cited_doc"], citation_ok=o["citation_ok"], seconds=o["seconds"],
            mode=o.get("mode", "extractive"), exact=answered and exact_match(fixture, o["span"]),
            f1=token_f1(fixture, o["span"]) if answered else 0.0))
    return report


def side_by_side(before: Report, after: Report) -> str:
    """Rows: overall, per split, split x language, per kind; each figure as before -> after."""
    b, a = before.summary(), after.summary()
    rows = [("overall", b["overall"], a["overall"])]
    for key in ("by_split", "by_split_language", "by_language", "by_kind"):
        for name in a.get(key, {}):
            rows.append((name, b.get(key, {}).get(name, {}), a[key][name]))

    def cell(old: dict, new: dict, figure: str) -> str:
        x, y = old.get(figure), new.get(figure)
        if x is None and y is None:
            return "-"
        return f"{'-' if x is None else f'{x:.3f}'} → {'-' if y is None else f'{y:.3f}'}"

    table = text_table(["", "n", *(label for _, label in _FIGURES)],
                       [[name, str(new.get("n", "")), *(cell(old, new, f) for f, _ in _FIGURES)]
                        for name, old, new in rows])
    latency = (f"latency p50 {b['latency_p50_s']:.3f}s → {a['latency_p50_s']:.3f}s, "
               f"p95 {b['latency_p95_s']:.3f}s → {a['latency_p95_s']:.3f}s")
    return f"{table}\n{latency}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m evals.compare", description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--fixtures", type=Path, action="append", default=[],
                        help="fixture files or folders whose splits fill in an evaluation that has none")
    args = parser.parse_args(argv)
    splits = {f.id: f.split for f in load_fixtures(args.fixtures)} if args.fixtures else {}
    print(side_by_side(load_report(args.before, splits), load_report(args.after, splits)))


if __name__ == "__main__":
    main()
