"""Fit the reader's veto over the ranker's answers (``qa/data/veto.json``) on the tuning fixtures.

    python -m evals.fit_veto --set ~/.local/share/vnqa:evals/fixtures/vnqa.jsonl \\
                             --set /tmp/news-index:evals/fixtures/news

Each ``--set`` pairs an index (a ``VNQA_DATA_DIR``) with the fixtures about its articles; only
tuning fixtures are read (``split`` tuning, or none: the bundled tuning files), as for
``evals.fit_ranker``. For every one, the shipped ranker answers without a veto and the shipped
reader reads the same sentences; :func:`qa.veto.fit_margin` then picks the loosest margin that
keeps false abstentions within 5 %. What it would change on the tuning questions is printed.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from evals.scoring import Fixture, answer_is_correct
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


def collect(data_dir: Path, fixtures: Sequence[Fixture], *, tag: str) -> list[Row]:
    """Ask each fixture on the index in ``data_dir``: the ranker's answer without a veto, and the
    shipped reader's margin as the answerer's veto weighs it (:func:`qa.reader_evidence.veto_margin`)."""
    from tqdm.auto import tqdm

    from qa import components
    from qa.assistant import Assistant
    from qa.reader_evidence import position, veto_margin
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
        if answer.abstained:
            margin = None
        elif not judged(question):
            margin = math.inf  # never withdrawn (qa.veto.judged)
        else:  # what the answerer's veto weighs (qa.extractive.ExtractiveAnswerer.vetoed)
            contexts = answerer.contexts(question, found)
            margin = veto_margin(reader, question.text, found, contexts, first=position(contexts, reading.quoted))
        rows.append(Row(f.answerable, answer.abstained, f.answerable and answer_is_correct(f, answer), margin))
    return rows


def effect(rows: Sequence[Row], margin: float | None) -> dict[str, float | int]:
    """What a veto at ``margin`` (None: none) does to the rows: answers right, false abstentions,
    look-alikes abstained on."""
    def withdrawn(r: Row) -> bool:
        return margin is not None and not r.abstained and (r.margin is None or r.margin < margin)

    answerable = [r for r in rows if r.answerable]
    lookalikes = [r for r in rows if not r.answerable]
    return {"answerable": len(answerable), "right": sum(r.right and not withdrawn(r) for r in answerable),
            "false_abstentions": sum(r.abstained or withdrawn(r) for r in answerable),
            "look_alikes": len(lookalikes), "look_alikes_abstained": sum(r.abstained or withdrawn(r) for r in lookalikes)}


def fit(rows: Sequence[Row], *, limit: float = LIMIT) -> float | None:
    """The veto margin for ``rows`` (None: no veto fits within ``limit``)."""
    return fit_margin([(r.abstained, r.margin) for r in rows if r.answerable], limit=limit)


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
    print(json.dumps({"margin": margin, "without": before, "with": after}))
    if margin is None:
        args.out.unlink(missing_ok=True)
        print(f"no veto keeps false abstentions within {args.limit:.0%}; removed {args.out}")
        return
    veto = Veto(margin=round(margin, 4), reader=verified().manifest["files"]["reader.onnx"]["sha256"],
                meta={"limit": args.limit, "sources": sources, "tuning_without": before, "tuning_with": after})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(veto.to_json(), encoding="utf-8")
    print(f"wrote {args.out}: margin {veto.margin:.3f}")


if __name__ == "__main__":
    main()
