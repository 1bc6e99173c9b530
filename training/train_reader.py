"""Fit, export and evaluate vnqa's reader: ``python -m training.train_reader {prepare,train,export,evaluate}``.

Every step reads files and writes files, and nothing is downloaded:

1. ``prepare``: public QA files on disk (SQuAD layout or flat JSON lines; see
   :mod:`training.sources`) and questions generated from the VietNews archive
   (:mod:`training.news_questions`; the evaluation sample's articles are never used) are
   shuffled with a fixed seed into ``train.jsonl`` and ``dev.jsonl``.
2. ``train``: fine-tunes the reader (:mod:`training.model`) on ``train.jsonl``. It saves a
   checkpoint every ``--save-every`` steps and resumes from it when run again with the same
   folder, so hours of CPU work can be spread over several sessions; ``--device cuda`` runs the
   same steps on a GPU. The data order is a seeded permutation, so a resumed run sees exactly
   the examples an uninterrupted one would.
3. ``export``: the trained weights as a quantised ONNX graph (4-bit embeddings, int8 matrices)
   with a trimmed vocabulary, and a manifest with its sha256 (:mod:`training.export`), into
   ``qa/data/reader``.
4. ``evaluate``: EM / F1 and no-answer accuracy of the exported reader on a QA file, per
   source (``heldout.jsonl``: whole articles ``prepare --hold-out-every`` kept out of training);
   ``evaluate-news``: the real-news fixtures, and the calibrated no-answer threshold.

``gather`` comes first when training on the public sets: it copies the files pinned in
``training/data/sources.json`` out of local clones of their repositories, hash-checked.
A run can start from another's weights (``--init``) and see rare sources more often
(``--repeat``); the shipped reader was made in two such stages (``make reader``).

``make reader`` runs the whole chain with the settings the shipped reader was made with.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from training.examples import QAExample, read_jsonl, write_jsonl

DEFAULT_MODEL_DIR = Path.home() / ".cache" / "vnqa" / "models" / "embeddinggemma-300m"


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides the trained weights; saved beside the checkpoint and in the manifest."""

    layers: int = 6
    train_layers: int = 6
    max_len: int = 160
    max_question: int = 40
    batch: int = 16
    steps: int = 2000
    lr: float = 5e-5
    head_lr: float = 5e-4
    warmup: float = 0.05
    seed: int = 28
    question_dropout: float = 0.0  # share of a generated question's words dropped at random (not a copy)
    question_clause: float = 0.0  # chance a generated question keeps only its asking clause (see shorten)
    question_unaccented: float = 0.0  # chance a Vietnamese question (any source) is typed without diacritics
    init: str = ""  # a run folder whose trained weights this run starts from ("" : the pinned model)
    repeat: str = ""  # "source=K,...": examples of these sources seen K times as often (rare, needed ones)


# -- prepare ------------------------------------------------------------------------------------
def prepare(out: Path, qa_files: list[Path], *, news: int, dev_share: float, seed: int,
            drop_kinds: frozenset[str] = frozenset(), cross: tuple[tuple[Path, Path], ...] = (),
            hold_out_every: int = 0, example_files: tuple[Path, ...] = ()) -> dict[str, int]:
    """Write ``train.jsonl``, ``dev.jsonl`` and (with ``hold_out_every``) ``heldout.jsonl`` under
    ``out``; returns counts per source and split.

    ``cross``: (questions file, contexts file) pairs of a parallel set, read as cross-lingual
    examples (:func:`training.sources.read_cross`). ``hold_out_every``: every so many articles of
    each QA file go to ``heldout.jsonl`` and nowhere else, the same articles in every language of
    a parallel set, so that ``evaluate`` measures reading on paragraphs training never saw.
    ``drop_kinds``: kinds of example left out of the training split only (the shipped reader
    was trained without the "removed" look-alikes, which taught it to answer only near copies).
    ``example_files``: examples already in this script's own JSON-lines layout (``translate``'s
    English questions over generated news contexts), added to the pool as they are."""
    from training.sources import article_titles, held_out_article, read_any, read_cross

    def held(i: int) -> bool:
        return held_out_article(i, hold_out_every)

    def kept(i: int) -> bool:
        return not held(i)

    # titles of the articles trained on in any file: another file's copy of one is not held out
    read_from = [*qa_files, *(contexts for _, contexts in cross)]
    titles = {path: article_titles(path) for path in read_from}
    trained_titles = {t for path in read_from for i, t in enumerate(titles[path]) if t and kept(i)}

    def held_clean(path: Path) -> Callable[[int], bool]:
        return lambda i: held(i) and not (i < len(titles[path]) and titles[path][i] in trained_titles)

    examples: list[QAExample] = []
    heldout: list[QAExample] = []
    for path in qa_files:
        examples.extend(read_any(path, articles=kept))
        if hold_out_every:
            heldout.extend(read_any(path, articles=held_clean(path)))
    for questions, contexts in cross:
        examples.extend(read_cross(questions, contexts, articles=kept))
        if hold_out_every:
            heldout.extend(read_cross(questions, contexts, articles=held_clean(contexts)))
    for path in example_files:
        examples.extend(read_jsonl(path))
    if news:
        from evals.news import default_corpus, read_corpus
        from training.news_questions import evaluation_ids, generate

        corpus = default_corpus()
        if not corpus.is_file():
            raise SystemExit(f"error: no VietNews archive at {corpus}; pass --news 0 to prepare without it")
        articles = list(read_corpus(corpus))
        # never the articles the real-news fixtures ask about (tuning or held-out)
        examples.extend(generate(articles, exclude=evaluation_ids(articles), seed=seed, limit=news))
    rng = random.Random(seed)
    rng.shuffle(examples)
    # Split by context, so a dev question never reads a context the training saw.
    contexts = sorted({ex.context for ex in examples})
    rng.shuffle(contexts)
    dev_contexts = set(contexts[: int(len(contexts) * dev_share)])
    train = [ex for ex in examples if ex.context not in dev_contexts and ex.kind not in drop_kinds]
    dev = [ex for ex in examples if ex.context in dev_contexts]
    write_jsonl(out / "train.jsonl", train)
    write_jsonl(out / "dev.jsonl", dev)
    splits = [("train", train), ("dev", dev)]
    if hold_out_every:
        # a paragraph some file repeats under another article is read by training: not held out
        read = {ex.context for ex in examples}
        heldout = [ex for ex in heldout if ex.context not in read]
        write_jsonl(out / "heldout.jsonl", heldout)
        splits.append(("heldout", heldout))
    counts: dict[str, int] = {}
    for split, rows in splits:
        for ex in rows:
            key = f"{split}/{ex.source}/{ex.language}/{'answerable' if ex.answerable else 'no-answer'}"
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


# -- train --------------------------------------------------------------------------------------
def encode_example(tokenizer, ex: QAExample, cfg: TrainConfig, rng: random.Random):
    """One window of ``ex`` and its (start, end) labels; (0, 0) means "no answer"."""
    from qa.reader_windows import make_windows, token_span

    from training.augment import drop_words, shorten, strip_marks

    question = ex.question
    if ex.source == "news":
        if cfg.question_clause and rng.random() < cfg.question_clause:
            question = shorten(question, ex.context)
        if cfg.question_dropout:
            question = drop_words(question, cfg.question_dropout, rng)
    # drawn only when asked for, so runs without it draw the same numbers as before it existed
    if cfg.question_unaccented and ex.language == "vi" and rng.random() < cfg.question_unaccented:
        question = strip_marks(question)
    windows = make_windows(tokenizer, question, [ex.context], max_len=cfg.max_len, max_question=cfg.max_question)
    if ex.answer_start is None or ex.answer_text is None:
        return rng.choice(windows), (0, 0)
    end = ex.answer_start + len(ex.answer_text)
    holding = [(w, token_span(w, ex.answer_start, end)) for w in windows]
    holding = [(w, span) for w, span in holding if span is not None]
    if not holding:
        return windows[0], (0, 0)
    return rng.choice(holding)


def parse_repeat(spec: str) -> dict[str, int]:
    """``"xquad.en>xquad.vi=3,xquad.en=2"`` as {source: times}."""
    out: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        source, sep, times = part.rpartition("=")
        if not sep or not times.isdigit() or int(times) < 1:
            raise SystemExit(f"error: --repeat wants SOURCE=K[,SOURCE=K], got {part!r}")
        out[source] = int(times)
    return out


def epoch_order(examples: list[QAExample], cfg: TrainConfig) -> list[int]:
    """The indices of one pass over the data, each example as many times as ``cfg.repeat`` says
    for its source, shuffled with the run's seed: the same order on every resume."""
    times = parse_repeat(cfg.repeat)
    unknown = set(times) - {ex.source for ex in examples}
    if unknown:
        raise SystemExit(f"error: --repeat names sources the data lacks: {', '.join(sorted(unknown))}")
    order = [i for i, ex in enumerate(examples) for _ in range(times.get(ex.source, 1))]
    random.Random(cfg.seed).shuffle(order)
    return order


def train(data: Path, run: Path, cfg: TrainConfig, *, model_dir: Path, device: str, save_every: int,
          max_minutes: float | None) -> Path:
    """Train (or resume) into ``run``; returns the checkpoint path. Stops after ``max_minutes`` too."""
    import torch
    from tokenizers import Tokenizer
    from tqdm.auto import tqdm

    from qa.reader_windows import batch as make_batch
    from training.model import build

    # settings checked before the folder is claimed: a typo must not leave a config.json that blocks it
    examples = list(read_jsonl(data / "train.jsonl"))
    order = epoch_order(examples, cfg)
    if cfg.init:
        _check_init(Path(cfg.init), cfg)
    run.mkdir(parents=True, exist_ok=True)
    ckpt = run / "checkpoint.pt"
    saved_cfg = run / "config.json"
    if saved_cfg.exists():
        before = TrainConfig(**json.loads(saved_cfg.read_text()))
        if before != cfg:
            raise SystemExit(f"error: {run} was started with other settings ({before}); use another --run folder")
    saved_cfg.write_text(json.dumps(asdict(cfg), indent=2))

    torch.manual_seed(cfg.seed)
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    model = build(model_dir, cfg.layers, train_layers=cfg.train_layers)
    if cfg.init and not ckpt.exists():
        start = torch.load(Path(cfg.init) / "checkpoint.pt", map_location="cpu", weights_only=False)
        unexpected = model.load_state_dict(start["trainable"], strict=False).unexpected_keys
        if unexpected:
            raise SystemExit(f"error: --init {cfg.init} has weights this reader lacks: {unexpected[:3]}")
        print(f"starting from the weights of {cfg.init} (step {start['step']})", file=sys.stderr)
    model = model.to(device)
    head = list(model.qa.parameters())
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("qa.")]
    optimizer = torch.optim.AdamW([{"params": body, "lr": cfg.lr}, {"params": head, "lr": cfg.head_lr}],
                                  weight_decay=0.01)
    warm = max(1, int(cfg.steps * cfg.warmup))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warm, max(0.0, (cfg.steps - s) / max(1, cfg.steps - warm))))
    step, seen_loss = 0, []
    if ckpt.exists():
        state = torch.load(ckpt, map_location=device, weights_only=False)
        model.load_state_dict(state["trainable"], strict=False)
        optimizer.load_state_dict(state["optimizer"])
        schedule.load_state_dict(state["schedule"])
        step, seen_loss = state["step"], state.get("losses", [])
        print(f"resuming {run} at step {step}/{cfg.steps}", file=sys.stderr)
    model.train()
    began = time.monotonic()
    bar = tqdm(total=cfg.steps, initial=step, desc="train reader", unit="step")
    while step < cfg.steps:
        rng = random.Random(cfg.seed * 1_000_003 + step)  # the same windows whether resumed or not
        picks = [examples[order[(step * cfg.batch + i) % len(order)]] for i in range(cfg.batch)]
        encoded = [encode_example(tokenizer, ex, cfg, rng) for ex in picks]
        ids, mask = make_batch([w for w, _ in encoded])
        starts = torch.tensor([s for _, (s, _) in encoded], device=device)
        ends = torch.tensor([e for _, (_, e) in encoded], device=device)
        start_logits, end_logits = model(torch.from_numpy(ids).to(device), torch.from_numpy(mask).to(device))
        loss = (torch.nn.functional.cross_entropy(start_logits, starts)
                + torch.nn.functional.cross_entropy(end_logits, ends)) / 2
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad(set_to_none=True)
        step += 1
        seen_loss.append(round(loss.item(), 4))
        bar.update(1)
        bar.set_postfix(loss=f"{sum(seen_loss[-50:]) / len(seen_loss[-50:]):.3f}")
        out_of_time = max_minutes is not None and time.monotonic() - began > max_minutes * 60
        if step % save_every == 0 or step == cfg.steps or out_of_time:
            _save(ckpt, model, optimizer, schedule, step, seen_loss)
        if out_of_time:
            print(f"\nstopped after {max_minutes} min at step {step}; run again to resume", file=sys.stderr)
            break
    bar.close()
    return ckpt


def _check_init(init: Path, cfg: TrainConfig) -> None:
    """Refuse a starting run whose trained layers this run would not train (and so not save:
    a checkpoint holds only trainable weights, so they would be lost on resume and export)."""
    if not (init / "checkpoint.pt").is_file():
        raise SystemExit(f"error: --init {init} has no checkpoint.pt; train that run first")
    before = TrainConfig(**json.loads((init / "config.json").read_text()))
    if before.layers != cfg.layers or before.train_layers > cfg.train_layers:
        raise SystemExit(f"error: --init {init} has {before.layers} layers ({before.train_layers} trained); this "
                         f"run must have as many and train at least those ({cfg.layers}, {cfg.train_layers})")


def _save(path: Path, model, optimizer, schedule, step: int, losses: list[float]) -> None:
    """Only the trainable weights (the frozen ones come from the pinned model), written atomically."""
    import torch

    trainable = {n: p.detach().cpu() for n, p in model.named_parameters() if p.requires_grad}
    tmp = path.with_suffix(".tmp")
    torch.save({"trainable": trainable, "optimizer": optimizer.state_dict(), "schedule": schedule.state_dict(),
                "step": step, "losses": losses}, tmp)
    tmp.replace(path)


def load_trained(run: Path, model_dir: Path):
    """The reader model of ``run`` (its config and checkpoint), in eval mode on the CPU."""
    import torch

    from training.model import build

    cfg = TrainConfig(**json.loads((run / "config.json").read_text()))
    model = build(model_dir, cfg.layers, train_layers=cfg.train_layers)
    state = torch.load(run / "checkpoint.pt", map_location="cpu", weights_only=False)
    model.load_state_dict(state["trainable"], strict=False)
    return model.eval(), cfg, state["step"]


# -- command line -------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m training.train_reader", description=__doc__.split("\n\n")[0])
    parser.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL_DIR,
                        help="EmbeddingGemma, as `qa models fetch` placed it (default %(default)s)")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("prepare", help="write train.jsonl, dev.jsonl (and heldout.jsonl) from QA files "
                            "and the news archive")
    p.add_argument("out", type=Path)
    p.add_argument("--qa", type=Path, nargs="*", default=[], help="SQuAD-layout JSON or flat JSON-lines QA files")
    p.add_argument("--news", type=int, default=20000, help="questions to generate from VietNews (0: none)")
    p.add_argument("--dev-share", type=float, default=0.03)
    p.add_argument("--seed", type=int, default=TrainConfig.seed)
    p.add_argument("--drop-kind", action="append", default=[], help="leave examples of this kind out of training "
                   "(repeatable; e.g. removed)")
    p.add_argument("--sources", type=Path, default=None, metavar="DIR",
                   help="the files `gather` wrote: every 'train' file of training/data/sources.json as --qa, "
                        "its pairs as --cross")
    p.add_argument("--cross", nargs="*", default=[], metavar="QUESTIONS=CONTEXTS",
                   help="parallel SQuAD-layout files: the first's questions over the second's paragraphs "
                        "(e.g. xquad.en.json=xquad.vi.json: English questions, Vietnamese text)")
    p.add_argument("--hold-out-every", type=int, default=0, metavar="K",
                   help="every K-th article of each QA file goes to heldout.jsonl only (0: none)")
    p.add_argument("--examples", type=Path, nargs="*", default=[], metavar="FILE",
                   help="examples in this script's own JSON-lines layout, added as they are (translate's output)")

    tr = commands.add_parser("translate", help="English questions over Vietnamese text: translate generated news "
                             "questions of a prepared file with the bundled chat model (resumable)")
    tr.add_argument("examples", type=Path, help="a prepared train.jsonl")
    tr.add_argument("out", type=Path, help="JSON-lines file of the kept English examples (appended to; "
                    "refused replies go to OUT.refused)")
    tr.add_argument("--source", default="news", help="translate examples of this source (default %(default)s)")
    tr.add_argument("--limit", type=int, default=12000, help="how many to translate in all (default %(default)s)")
    tr.add_argument("--seed", type=int, default=TrainConfig.seed)

    g = commands.add_parser("gather", help="copy the pinned public QA files out of local git clones, hash-checked")
    g.add_argument("out", type=Path, help="folder for the files")
    g.add_argument("--clones", type=Path, required=True,
                   help="folder holding clones of the repositories training/data/sources.json names")

    t = commands.add_parser("train", help="train or resume (checkpoint in RUN)")
    t.add_argument("data", type=Path, help="folder with train.jsonl")
    t.add_argument("run", type=Path, help="folder for the checkpoint; an existing one is resumed")
    for field, default in asdict(TrainConfig()).items():
        t.add_argument(f"--{field.replace('_', '-')}", type=type(default), default=default)
    t.add_argument("--device", default="cpu", help="cpu or cuda")
    t.add_argument("--save-every", type=int, default=25, help="steps between checkpoints")
    t.add_argument("--max-minutes", type=float, default=None, help="stop (and save) after this long; resume later")

    e = commands.add_parser("export", help="quantised ONNX (4-bit embeddings, int8 matrices) with a trimmed "
                            "vocabulary, and its manifest")
    e.add_argument("run", type=Path)
    e.add_argument("--out", type=Path, default=Path("qa/data/reader"))
    e.add_argument("--vocab-from", type=Path, nargs="*", default=[],
                   help="JSON-lines QA files whose questions' tokens the vocabulary keeps (besides the news archive)")

    v = commands.add_parser("evaluate", help="EM / F1 / no-answer accuracy of an exported reader on a QA file")
    v.add_argument("qa_file", type=Path)
    v.add_argument("--reader", type=Path, default=Path("qa/data/reader"))
    v.add_argument("--limit", type=int, default=None)
    v.add_argument("--per-source", type=int, default=None, metavar="N",
                   help="read only N questions of each source (a seeded sample)")
    v.add_argument("--json", action="store_true", help="the scores as JSON")

    n = commands.add_parser("evaluate-news", help="the real-news fixtures read from their gold article; the "
                            "no-answer threshold fitted on the tuning split")
    n.add_argument("--fixtures", type=Path, default=Path("evals/fixtures/news"))
    n.add_argument("--reader", type=Path, default=Path("qa/data/reader"))
    n.add_argument("--write", action="store_true", help="store the fitted threshold in the reader's manifest")
    n.add_argument("--failures", type=Path, default=None, help="write the failures as JSON lines here")

    args = parser.parse_args(argv)
    if args.command == "prepare":
        qa_files, cross = list(args.qa), []
        if args.sources:
            from training.gather import load_sources

            pinned = load_sources()
            qa_files += [args.sources / f.name for f in pinned.named("train")]
            cross += [(args.sources / q, args.sources / c) for q, c in pinned.cross]
            missing = [str(f) for f in qa_files if not f.is_file()]
            if missing:
                raise SystemExit(f"error: {', '.join(missing)} missing; run `python -m training.train_reader gather "
                                 f"{args.sources} --clones DIR` first")
        for pair in args.cross:
            questions, sep, contexts = pair.partition("=")
            if not sep:
                parser.error(f"--cross wants QUESTIONS=CONTEXTS, got {pair!r}")
            cross.append((Path(questions), Path(contexts)))
        counts = prepare(args.out, qa_files, news=args.news, dev_share=args.dev_share, seed=args.seed,
                         drop_kinds=frozenset(args.drop_kind), cross=tuple(cross), hold_out_every=args.hold_out_every,
                         example_files=tuple(args.examples))
        for key, n in counts.items():
            print(f"{key:48s} {n:7d}")
    elif args.command == "translate":
        from tqdm.auto import tqdm

        from qa import components
        from qa.llm_runtime import make_chat_model
        from qa.settings import Settings
        from training.translate import ChatTranslator, chosen, translate_examples

        settings = Settings.load()
        todo = chosen(read_jsonl(args.examples), source=args.source, limit=args.limit, seed=args.seed)
        local = components.make_local_llm(settings)  # held here: the server stops when it is collected
        chat = make_chat_model(settings.llm, local=local)
        counts = translate_examples(todo, ChatTranslator(chat), args.out,
                                    progress=lambda xs, **kw: tqdm(xs, **kw))
        print(json.dumps(counts))
    elif args.command == "gather":
        from training.gather import gather

        for path in gather(args.clones, args.out):
            print(path)
    elif args.command == "train":
        cfg = TrainConfig(**{f: getattr(args, f) for f in asdict(TrainConfig())})
        train(args.data, args.run, cfg, model_dir=args.model_dir, device=args.device, save_every=args.save_every,
              max_minutes=args.max_minutes)
    elif args.command == "export":
        from training.export import export

        manifest = export(args.run, args.out, model_dir=args.model_dir, vocab_from=args.vocab_from)
        print(json.dumps(manifest, indent=2))
    elif args.command == "evaluate-news":
        from tqdm.auto import tqdm

        from evals.news import default_corpus
        from training.evaluate import evaluate_news, write_threshold

        result = evaluate_news(args.fixtures, args.reader, model_dir=args.model_dir, corpus=default_corpus(),
                               progress=lambda xs: tqdm(xs, desc="read", unit="q"))
        print(f"no-answer threshold (fitted on the tuning split): {result['threshold']}")
        columns = ("answer", "em", "false_abstentions", "lookalikes_abstained", "forced")
        print(f"{'group':24s} {'n':>4s} {'answer':>7s} {'EM':>6s} {'false abst':>10s} {'look-alikes abst':>16s}"
              f" {'forced':>7s}")
        for key, row in result["table"].items():
            cells = [row[k] if row[k] is not None else "-" for k in columns]
            print(f"{key:24s} {row['n']:4d} {cells[0]!s:>7s} {cells[1]!s:>6s} {cells[2]!s:>10s} {cells[3]!s:>16s}"
                  f" {cells[4]!s:>7s}")
        if args.failures:
            args.failures.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in result["failures"]),
                                     encoding="utf-8")
        if args.write:
            write_threshold(args.reader, result["threshold"])
    else:
        from tqdm.auto import tqdm

        from training.evaluate import evaluate_file

        result = evaluate_file(args.qa_file, args.reader, model_dir=args.model_dir, limit=args.limit,
                               per_source=args.per_source, progress=lambda xs: tqdm(xs, desc="read", unit="q"))
        if args.json:
            print(json.dumps(result, indent=2, ensure_ascii=False))
            return
        print(f"{args.qa_file}: threshold {result['threshold']} (best on this file: {result['best']['threshold']}, "
              f"EM {result['best']['em']} / F1 {result['best']['f1']})")
        print(f"{'source':36s} {'n':>5s} {'EM':>6s} {'F1':>6s} {'has-answer EM':>13s} {'has-answer F1':>13s}")
        for key, row in [("all", result), *result["by_source"].items()]:
            print(f"{key:36s} {row['n']:5d} {row['em']:6.3f} {row['f1']:6.3f} {row['has_answer_em']:13.3f}"
                  f" {row['has_answer_f1']:13.3f}")


if __name__ == "__main__":
    main()

