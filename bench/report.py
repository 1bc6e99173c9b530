"""Benchmark results as JSON, a terminal summary, and Markdown with SVG plots."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bench.runner import BenchReport
from evals.charts import bar_chart, line_chart
from evals.tables import text_table

ANSWER_TARGET = 1.5
INDEXING_TARGET = 0.85


def to_dict(report: BenchReport) -> dict:
    """Everything measured, plus the derived ratios (``--json``)."""
    data = dataclasses.asdict(report)
    data["serving"] = [{"backend": s.backend, **_load(s.load)} for s in report.serving]
    if report.indexing:
        i = report.indexing
        data["indexing"].update(pipeline_chunks_per_s=i.pipeline_chunks_per_s, raw_chunks_per_s=i.raw_chunks_per_s,
                                ratio_same_work=i.ratio_same_work, ratio_chunks=i.ratio_chunks,
                                target_ratio=INDEXING_TARGET)
    if report.speedup:
        base = report.speedup[0].articles_per_cpu_s
        data["speedup"] = [{**dataclasses.asdict(r), "articles_per_cpu_s": r.articles_per_cpu_s,
                            "ratio": r.articles_per_cpu_s / base} for r in report.speedup]
    if report.reader:
        data["reader"] = {**dataclasses.asdict(report.reader), "ratio_p50": report.reader.ratio_p50,
                          "reading_ratio_p50": report.reader.reading_ratio_p50}
    if report.latency:
        lat = report.latency
        data["latency"].update(answer_ratio_p50=lat.answer_ratio_p50, answer_ratio_p95=lat.answer_ratio_p95,
                               search_ratio_p50=lat.search_ratio_p50, target_ratio=ANSWER_TARGET)
    return data


def _load(load) -> dict:
    return {"clients": load.clients, "questions": len(load.replies), "seconds": load.seconds,
            "throughput_qps": load.throughput, "latency": dataclasses.asdict(load.latency),
            "errors": len(load.errors), "wrong": len(load.wrong), "server_peak_rss_mb": load.server_peak_rss_mb,
            "wrong_examples": [{"question": r.fixture.question, "got": r.text[:200]} for r in load.wrong[:5]],
            "error_examples": [r.error for r in load.errors[:5]]}


def _ms(s: float) -> str:
    return f"{s * 1000:.0f} ms"


def _table(title: str, headers: list[str], rows: list[tuple[str, ...]], *, left: int) -> list[str]:
    """A blank line, ``title`` and the aligned table (first ``left`` columns are labels), indented."""
    return ["", title, *("  " + line for line in text_table(headers, rows, left=left).splitlines())]


def summary_lines(report: BenchReport) -> list[str]:
    m = report.machine
    lines = [f"vnqa bench — {report.started}, {m['cpus']} CPUs, torch {m['torch']} ({m['torch_threads']} threads), "
             f"{report.seconds:.0f} s"]
    if report.indexing:
        i = report.indexing
        lines += [
            "", "Indexing (bundled articles)",
            "  raw encoding, chunks: " + ", ".join(f"batch {r.batch_size}: {r.texts_per_s:.2f}/s" for r in i.batch_rates)
            + f"  (best: {i.best_batch})",
            f"  pipeline: {i.chunks} chunks + {i.sentences} sentence vectors in {i.pipeline_seconds:.1f} s",
            f"  same work (chunks + sentences) raw {i.raw_all_seconds:.1f} s vs pipeline {i.pipeline_seconds:.1f} s"
            f"  → ratio {i.ratio_same_work:.2f} (target ≥ {INDEXING_TARGET})",
            f"  chunks/s: pipeline {i.pipeline_chunks_per_s:.2f} vs raw {i.raw_chunks_per_s:.2f}"
            f"  → ratio {i.ratio_chunks:.2f} (the sentence vectors are the difference)",
        ]
    if report.latency:
        lat = report.latency
        lines += [
            "", f"Query latency, warm, {lat.raw_query.n} questions (p50 / p95)",
            f"  raw query embedding   {_ms(lat.raw_query.p50)} / {_ms(lat.raw_query.p95)}",
            f"  search (hybrid)       {_ms(lat.search.p50)} / {_ms(lat.search.p95)}  → {lat.search_ratio_p50:.2f}×",
            f"  full extractive answer {_ms(lat.answer.p50)} / {_ms(lat.answer.p95)}  → {lat.answer_ratio_p50:.2f}× "
            f"p50 (target ≤ {ANSWER_TARGET}×), {lat.answer_ratio_p95:.2f}× p95",
        ]
    if report.reader:
        r = report.reader
        lines += [
            "", f"Answering step alone, same retrievals, {r.ranker.n} questions (p50 / p95)",
            f"  fitted ranker         {_ms(r.ranker.p50)} / {_ms(r.ranker.p95)}",
            f"  trained reader        {_ms(r.reader.p50)} / {_ms(r.reader.p95)}  → {r.ratio_p50:.2f}× the ranker "
            f"(target p50 ≤ 400 ms); same span {r.same_span}/{r.ranker.n}",
        ]
        if r.ranker_reading:
            lines.append(f"  ranker + reader       {_ms(r.ranker_reading.p50)} / {_ms(r.ranker_reading.p95)}  → "
                         f"{r.reading_ratio_p50:.2f}× the ranker (the shipped default)")
    if report.cold_start:
        c = report.cold_start
        lines += ["", f"Cold start (`qa ask` on an existing index): {c.seconds:.1f} s to the first answer "
                      f"({'answered' if c.answered else 'NOT answered'}); peak RSS {c.peak_rss_mb:,.0f} MiB"]
    if report.indexing_rss_mb:
        lines.append(f"Peak RSS of `qa index` (bundled articles, empty index): {report.indexing_rss_mb:,.0f} MiB")
    if report.threads:
        lines += ["", "Threads (raw encoding of 32 chunks; query embedding p50)"]
        lines += [f"  {t.threads} thread(s): {t.texts_per_s:.2f} chunks/s, query {_ms(t.query_p50_s)}, "
                  f"max |Δvector| {t.max_abs_diff:.1e}" for t in report.threads]
    if report.serving:
        lines += ["", "Concurrent clients against `qa serve`"]
        for s in report.serving:
            d = _load(s.load)
            lines.append(f"  {s.backend:<14} {d['clients']} clients, {d['questions']} questions: "
                         f"{d['throughput_qps']:.2f} q/s, p50 {d['latency']['p50']:.2f} s, p95 {d['latency']['p95']:.2f} s,"
                         f" {d['errors']} errors, {d['wrong']} wrong, server peak RSS {d['server_peak_rss_mb'] or 0:,.0f} MiB")
    if report.scaling:
        lines += _table("Scaling on real news (VietNews; the fixture articles inside every size)",
                        ["articles", "chunks", "build s", "texts/s", "articles/s", "disk MiB", "peak RSS MiB",
                         "search p50", "narrow-filter search p50", "answer p50", "answer p95", "hit@1",
                         "answer acc", "embedded"],
                        [(f"{p.articles:,}", f"{p.chunks:,}", f"{p.build_seconds:.0f}", f"{p.texts_per_s:.1f}",
                          f"{p.articles_per_s:.2f}", f"{p.disk_mb:,.0f}", f"{p.peak_rss_mb:,.0f}", _ms(p.search.p50),
                          _ms(p.narrow_search.p50) if p.narrow_search else "–", _ms(p.answer.p50),
                          _ms(p.answer.p95), f"{p.hit_at_1:.3f}", f"{p.answer_accuracy:.3f}", f"{p.embedded:,}")
                         for p in report.scaling],
                        left=0)
    if report.speedup:
        base = report.speedup[0]
        lines += _table(f"Indexing speed per CPU-second, side by side ({base.articles} real articles each, "
                        f"{base.n_fixtures} fixtures answered)",
                        ["variant", "texts", "CPU s", "articles/CPU-s", "× before", "hit@1", "answer", "EM"],
                        [(r.name, f"{r.texts:,}", f"{r.cpu_seconds:.0f}", f"{r.articles_per_cpu_s:.3f}",
                          f"{r.articles_per_cpu_s / base.articles_per_cpu_s:.2f}", f"{r.hit_at_1:.3f}",
                          f"{r.answer_accuracy:.3f}", f"{r.exact_match:.3f}") for r in report.speedup], left=1)
    if report.workers:
        one = report.workers[0]
        lines += _table(f"Ray workers on this machine ({one.articles} articles, {one.texts:,} texts each run)",
                        ["workers", "seconds", "articles/s", "speed-up"],
                        [(str(w.workers), f"{w.seconds:.0f}", f"{w.articles_per_s:.2f}",
                          f"{one.seconds / w.seconds:.2f}×") for w in report.workers], left=0)
    lines += [f"  {s}" for s in report.skipped]
    if report.options:
        lines += _table("Options (each: own index of the bundled articles, all fixtures answered)",
                        ["option", "index texts/s", "query p50", "answer", "citation", "abstain", "hit@1"],
                        [(o.name, f"{o.index_texts_per_s:.2f}", _ms(o.query.p50), f"{o.answer_accuracy:.3f}",
                          f"{o.citation_accuracy:.3f}", f"{o.abstention_accuracy:.3f}", f"{o.hit_at_1:.3f}")
                         for o in report.options], left=1)
    return lines


def write_markdown(report: BenchReport, path: Path) -> Path:
    """``path`` (Markdown: the summary) plus one SVG per plot beside it, named ``<stem>-*.svg``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    charts: list[tuple[str, str]] = []

    def chart(name: str, svg: str, caption: str) -> None:
        file = path.with_name(f"{path.stem}-{name}.svg")
        file.write_text(svg, encoding="utf-8")
        charts.append((caption, file.name))

    if report.indexing or report.latency:
        rows = []
        if report.indexing:
            rows += [("indexing, same work", report.indexing.ratio_same_work, f"{report.indexing.ratio_same_work:.2f}×"),
                     ("indexing, chunks/s", report.indexing.ratio_chunks, f"{report.indexing.ratio_chunks:.2f}×")]
        if report.latency:
            rows += [("search p50", report.latency.search_ratio_p50, f"{report.latency.search_ratio_p50:.2f}×"),
                     ("answer p50", report.latency.answer_ratio_p50, f"{report.latency.answer_ratio_p50:.2f}×")]
        chart("ratios", bar_chart("pipeline ÷ raw model (indexing: higher is better; latency: lower)", rows,
                                  marker=1.0, marker_label="raw model = 1"), "Ratios to the raw model")
    if report.indexing:
        chart("batch", bar_chart("raw chunk encoding, chunks/s by batch size",
                                 [(f"batch {r.batch_size}", r.texts_per_s, f"{r.texts_per_s:.2f}/s")
                                  for r in report.indexing.batch_rates]), "Batch size")
    if len(report.scaling) >= 2:
        xs = [p.articles for p in report.scaling]
        for name, title, series, unit, top in (
            ("scaling-latency", "latency as the index grows",
             {"answer p50 (s)": [p.answer.p50 for p in report.scaling],
              "search p50 (s)": [p.search.p50 for p in report.scaling]}, "seconds", None),
            ("scaling-quality", "quality as the index grows",
             {"article hit@1": [p.hit_at_1 for p in report.scaling],
              "answer accuracy": [p.answer_accuracy for p in report.scaling]}, "0 – 1", 1.0),
        ):
            chart(name, line_chart(title, xs, series, x_label="articles in the index (log)", y_label=unit, y_max=top),
                  title.capitalize())
    if report.options:
        chart("options", bar_chart("answer accuracy by embedding option (0 – 1)",
                                   [(o.name, o.answer_accuracy, f"{o.answer_accuracy:.3f}, {o.index_texts_per_s:.1f} texts/s")
                                    for o in report.options], maximum=1.0), "Options: quality and indexing speed")
    if report.serving:
        chart("serving", bar_chart("questions per second through qa serve",
                                   [(s.backend, s.load.throughput, f"{s.load.throughput:.2f} q/s")
                                    for s in report.serving]), "Throughput, embedded vs Chroma server")
    body = ["# vnqa benchmark (`qa bench`)", "", "```", *summary_lines(report), "```", ""]
    for caption, name in charts:
        body += [f"**{caption}**", "", f"![{caption}]({name})", ""]
    path.write_text("\n".join(body), encoding="utf-8")
    return path
