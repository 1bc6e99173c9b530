"""How well an exported reader reads, apart from retrieval, and where its no-answer threshold goes.

Two measures, both on the ONNX file the product ships (not on the PyTorch weights):

- :func:`evaluate_file`: SQuAD-style EM / F1 and no-answer accuracy on a QA file with its gold
  context (the dev split of ``prepare``, SQuAD 2.0 dev, any QA set on disk);
- :func:`evaluate_news`: the real-news fixtures (``evals/fixtures/news``) with their gold article:
  the reader reads every sentence of the article a question is about (the article a look-alike
  imitates, for those) and answers with its best span, or abstains. The no-answer threshold is
  chosen on the *tuning* fixtures only and then applied to the held-out ones, so the held-out
  figures are honest; ``--write`` stores it in the reader's manifest.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.reader import OnnxReader, load_reader
from training.examples import QAExample

# thresholds tried when calibrating: margins of start+end logits over "no answer"
GRID = tuple(float(x) for x in np.round(np.arange(-6.0, 8.01, 0.25), 2))


@dataclass(frozen=True)
class Read:
    """One question read: the best span (None when nothing was found) and its margin."""

    qid: str
    span: str | None
    margin: float


def read_best(reader: OnnxReader, question: str, contexts: list[str]) -> tuple[str | None, float]:
    spans = reader.read(question, contexts)
    if not spans:
        return None, float("-inf")
    best = max(spans, key=lambda s: s.margin)
    return contexts[best.context_index][best.char_start:best.char_end], best.margin


def _squad_scores(answer: str | None, span: str | None) -> tuple[float, float]:
    from evals.scoring import Fixture, exact_match, token_f1

    if answer is None:
        return (1.0, 1.0) if span is None else (0.0, 0.0)
    fixture = Fixture("", "", (answer,), (), "span", "vi")
    return float(exact_match(fixture, span)), token_f1(fixture, span)


def load_examples(qa_file: Path) -> list[QAExample]:
    """The questions of ``qa_file``: ``prepare``'s own JSON lines (``heldout.jsonl``,
    ``dev.jsonl``) or any public layout :func:`training.sources.read_any` reads."""
    from training.examples import read_jsonl
    from training.sources import read_any

    with qa_file.open(encoding="utf-8") as f:
        first = f.readline()
    try:
        ours = "answer_text" in json.loads(first)
    except json.JSONDecodeError:
        ours = False  # a SQuAD-layout file spread over lines
    return list(read_jsonl(qa_file) if ours else read_any(qa_file))


def _scores(reads: list[tuple[QAExample, str | None, float]], threshold: float) -> dict:
    """EM / F1 (SQuAD 2.0 rules: an abstention is right only on an unanswerable question) at
    ``threshold``, and EM / F1 of the best span on answerable questions (no abstention)."""
    em = f1 = 0.0
    for ex, span, margin in reads:
        e, f = _squad_scores(ex.answer_text, span if margin >= threshold else None)
        em, f1 = em + e, f1 + f
    spans_only = [_squad_scores(ex.answer_text, span) for ex, span, _ in reads if ex.answerable]
    n, m = max(1, len(reads)), max(1, len(spans_only))
    return {"n": len(reads), "answerable": len(spans_only), "em": round(em / n, 4), "f1": round(f1 / n, 4),
            "has_answer_em": round(sum(e for e, _ in spans_only) / m, 4),
            "has_answer_f1": round(sum(f for _, f in spans_only) / m, 4)}


def _sample_per_source(examples: list[QAExample], n: int, seed: int = 28) -> list[QAExample]:
    """At most ``n`` questions of each source, drawn with a fixed seed (a file is in article order:
    its first ``n`` would come from one or two articles), in the file's order."""
    rng = random.Random(seed)
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, ex in enumerate(examples):
        by_source[ex.source].append(i)
    picked = sorted(i for rows in by_source.values() for i in (rows if len(rows) <= n else rng.sample(rows, n)))
    return [examples[i] for i in picked]


def evaluate_file(qa_file: Path, reader_dir: Path, *, model_dir: Path, limit: int | None = None,
                  per_source: int | None = None, progress: Callable[[Iterable], Iterable] = lambda xs: xs) -> dict:
    """Scores on ``qa_file`` with its gold context, overall and per source (a held-out file mixes
    sets and directions: Vietnamese, English, English questions over Vietnamese text), at the
    manifest's threshold; overall also at the best threshold of :data:`GRID`. ``per_source``:
    read only so many questions of each source, a seeded sample (a quick, still balanced check)."""
    reader = load_reader(model_dir / "tokenizer.json", reader_dir)
    examples = load_examples(qa_file)
    if per_source is not None:
        examples = _sample_per_source(examples, per_source)
    examples = examples[:limit]
    reads = [(ex, *read_best(reader, ex.question, [ex.context])) for ex in progress(examples)]
    best = max((_scores(reads, t) | {"threshold": t} for t in GRID), key=lambda r: (r["f1"], -abs(r["threshold"])))
    by_source: dict[str, list] = defaultdict(list)
    for r in reads:
        by_source[f"{r[0].source} ({r[0].language})"].append(r)
    return {"file": str(qa_file), "threshold": reader.threshold, **_scores(reads, reader.threshold),
            "best": best, "by_source": {k: _scores(v, reader.threshold) for k, v in sorted(by_source.items())}}


# -- the real-news fixtures with their gold article ------------------------------------------------
def article_sentences(text: str) -> list[str]:
    from vectorstore.sentences import sentence_spans

    return [text[a:b] for a, b in sentence_spans(text) if b - a > 3]


def evaluate_news(fixture_dir: Path, reader_dir: Path, *, model_dir: Path, corpus: Path,
                  progress: Callable[[Iterable], Iterable] = lambda xs: xs) -> dict:
    """The news fixtures read from their gold article: per split, language and kind, with the
    threshold fitted on the tuning split."""
    from evals.news import read_corpus
    from evals.scoring import exact_match, load_fixtures, matches

    fixtures = load_fixtures([fixture_dir])
    wanted = {d for f in fixtures for d in (f.docs or f.near)}
    texts = {a.doc_id: a.text for a in read_corpus(corpus) if a.doc_id in wanted}
    reader = load_reader(model_dir / "tokenizer.json", reader_dir)
    reads = []
    for f in progress(fixtures):
        doc = (f.docs or f.near or ("",))[0]
        span, margin = read_best(reader, f.question, article_sentences(texts.get(doc, "")))
        reads.append((f, span, margin))

    def outcome(f, span, margin, threshold):
        shown = span if span is not None and margin >= threshold else None
        if not f.answerable:
            return {"right": shown is None, "em": shown is None, "abstained": shown is None}
        right = shown is not None and any(matches(a, shown) for a in f.answers)
        return {"right": right, "em": exact_match(f, shown), "abstained": shown is None}

    def accuracy(rows, threshold):
        return sum(outcome(f, s, m, threshold)["right"] for f, s, m in rows) / max(1, len(rows))

    tuning = [r for r in reads if r[0].split == "tuning"]
    threshold = max(GRID, key=lambda t: (accuracy(tuning, t), -abs(t)))
    table: dict[str, dict[str, float]] = {}
    groups: dict[str, list] = defaultdict(list)
    for f, s, m in reads:
        for key in (f.split, f"{f.split}/{f.lang}", f"{f.split}/{f.kind}"):
            groups[key].append((f, s, m))
    for key, rows in sorted(groups.items()):
        outs = [(f, outcome(f, s, m, threshold)) for f, s, m in rows]
        answerable = [o for f, o in outs if f.answerable]
        lookalikes = [o for f, o in outs if not f.answerable]
        table[key] = {
            "n": len(rows),
            "answer": round(sum(o["right"] for _, o in outs) / len(outs), 3),
            "em": round(sum(o["em"] for o in answerable) / max(1, len(answerable)), 3) if answerable else None,
            "false_abstentions": round(sum(o["abstained"] for o in answerable) / max(1, len(answerable)), 3)
            if answerable else None,
            "lookalikes_abstained": round(sum(o["abstained"] for o in lookalikes) / len(lookalikes), 3)
            if lookalikes else None,
            # the best span of the answerable ones had the reader been made to answer: span choice alone
            "forced": round(sum(outcome(f, s, m, float("-inf"))["right"] for f, s, m in rows if f.answerable)
                            / max(1, len(answerable)), 3) if answerable else None,
        }
    failures = [{"id": f.id, "split": f.split, "lang": f.lang, "kind": f.kind, "question": f.question,
                 "expected": list(f.answers), "got": s if m >= threshold else None, "margin": round(m, 2)}
                for f, s, m in reads if not outcome(f, s, m, threshold)["right"]]
    return {"threshold": threshold, "table": table, "failures": failures}


def write_threshold(reader_dir: Path, threshold: float) -> None:
    """Store the calibrated threshold in the manifest (the hashes cover the model files, not it)."""
    path = reader_dir / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["no_answer_threshold"] = threshold
    manifest["calibrated_on"] = "tuning split of evals/fixtures/news, gold article"
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
