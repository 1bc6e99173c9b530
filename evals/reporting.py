"""Present evaluation results: a terminal table and a Markdown report with an SVG chart."""

from __future__ import annotations

import json
from pathlib import Path

from evals.charts import bar_chart
from evals.tables import text_table

_COLUMNS = [("answer_accuracy", "answer"), ("citation_accuracy", "citation"),
            ("abstention_accuracy", "abstain"), ("false_abstention_rate", "false-abst"), ("exact_match", "EM"),
            ("span_f1", "F1")]


def _cell(v: float | int | None) -> str:
    return "-" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))


def summary_table(summary: dict) -> str:
    """Rows: overall, per language, per kind (and per split when fixtures have one); columns: the
    accuracy figures, and SQuAD exact match and token F1 of ``Answer.span``."""
    rows = [("overall", summary["overall"])]
    rows += [(f"lang={k}", v) for k, v in summary["by_language"].items()]
    rows += [(f"kind={k}", v) for k, v in summary["by_kind"].items()]
    rows += [(f"split={k}", v) for k, v in summary.get("by_split", {}).items()]
    rows += [(f"split={k}", v) for k, v in summary.get("by_split_language", {}).items()]
    lines = [text_table(["", "n", *(label for _, label in _COLUMNS)],
                        [[name, str(m["n"]), *(_cell(m[key]) for key, _ in _COLUMNS)] for name, m in rows])]
    lines.append(f"latency p50 {summary['latency_p50_s']:.3f}s   p95 {summary['latency_p95_s']:.3f}s")
    if summary.get("llm"):
        m = summary["llm"]
        lines.append(f"llm: {m['llm_answers']} generated answers shown, {m['grounding_failures']} failed the grounding "
                     f"check ({m['grounding_failure_rate']:.1%}), {m['fallbacks']} fell back to the quote, "
                     f"{m['tokens_per_s']} tokens/s")
    return "\n".join(lines)


def retrieval_table(retrieval: dict[str, dict]) -> str:
    """Rows: retrievers; columns: article hit@1 and passage MRR per language."""
    langs = sorted({lang for per in retrieval.values() for lang in per})
    headers = ["retriever", *(f"{lang} {figure}" for lang in langs for figure in ("hit@1", "MRR"))]
    return text_table(headers, [
        [name, *(_cell(per.get(lang, {}).get(key)) for lang in langs for key in ("article_hit@1", "passage_mrr"))]
        for name, per in retrieval.items()])


def kind_chart_svg(summary: dict) -> str:
    """A small horizontal bar chart of accuracy per answer kind (abstention for unanswerable)."""
    rows = []
    for kind, m in summary["by_kind"].items():
        value = (m["answer_accuracy"] if m["answer_accuracy"] is not None else m["abstention_accuracy"]) or 0.0
        rows.append((kind, value, f"{value:.2f} (n={m['n']})"))
    return bar_chart("accuracy per answer kind (0 – 1)", rows, maximum=1.0)


def write_report(path: Path, summary: dict, failures: list[dict], retrieval: dict | None, *, title: str) -> Path:
    """Write ``path`` (Markdown) and ``<stem>-kinds.svg`` beside it; returns the Markdown path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    chart = path.with_name(path.stem + "-kinds.svg")
    chart.write_text(kind_chart_svg(summary), encoding="utf-8")
    lines = [f"# {title}", "", f"![accuracy per kind]({chart.name})", "", "## Answers", "", "```",
             summary_table(summary), "```", ""]
    if retrieval:
        lines += ["## Retrieval (answerable fixtures)", "", "```", retrieval_table(retrieval), "```", ""]
    lines += ["## Failures", ""]
    if not failures:
        lines.append("None.")
    for f in failures:
        got = "abstained" if f["abstained"] else (f["span"] or f["answer"])
        lines.append(f"- `{f['id']}` {f['question']} — expected {json.dumps(f['expected'], ensure_ascii=False)}, "
                     f"got {got!r} (cited {f['cited']})")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
