"""Fit the answer ranker's weights and abstention threshold on the tuning fixtures.

    python -m evals.fit_ranker --set ~/.local/share/vnqa:evals/fixtures/vnqa.jsonl \\
                               --set /tmp/news-index:evals/fixtures/news

Each ``--set`` pairs an index (a ``VNQA_DATA_DIR``) with the fixtures about its articles; only
fixtures whose ``split`` is ``tuning`` (or that have no split: the bundled tuning files) are
read, so held-out questions never shape the weights. For every question the real pipeline
retrieves, and every candidate the answerer would score becomes a row labelled by whether it
holds an expected answer (and is not much longer than it). A conditional logit (each
question's candidates compete in one softmax; scipy's deterministic L-BFGS) gives the
weights; Platt scaling (scikit-learn) of the out-of-fold best scores turns them into the
probability that the best candidate is right, and the abstention threshold is the probability
that, on out-of-fold predictions (folds by article, so a question is never scored by weights
fitted on its own article), answers the most questions right: a right span for answerable
ones, an abstention for look-alikes, while abstaining on at most 5% of the answerable ones. The result is written to
``qa/data/ranker.json``; the same fixtures and indexes reproduce it.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from evals.scoring import Fixture, load_fixtures
from qa.answer_types import ANSWER_TYPES
from qa.matching import matches
from qa.ranker import Ranker

OUT = Path(__file__).resolve().parents[1] / "qa" / "data" / "ranker.json"
# Regularisation (1/L2), chosen by out-of-fold accuracy among these.
C_GRID = (0.3, 1.0, 3.0, 10.0)
# The most answerable tuning questions the chosen thresholds may abstain on (issue 16's target).
MAX_FALSE_ABSTENTIONS = 0.05
# A question's best sentence out of fold: (its probability, None where it may not be quoted;
# answerable; that sentence holds the answer).
Quotable = tuple[float | None, bool, bool]


@dataclass
class Question:
    """One tuning question: its span candidates' features and labels, and its sentences'."""

    fixture: Fixture
    group: str
    rows: list[dict[str, float]]
    labels: list[int]
    texts: list[str]
    sentences: list[dict[str, float]]
    sentence_labels: list[int]
    answer_type: str = "phrase"  # what the question asks for (qa.answer_types), as the answerer reads it


# Kinds answered by a clause or a phrase: a candidate may hold the expected words with more around them.
_LOOSE = {"reason", "free", "phrase"}


def label(candidate: str, answers: tuple[str, ...], kind: str = "") -> int:
    """1 when ``candidate`` holds an expected answer and is not padded far beyond it (more padding
    is allowed for reasons and phrases, whose expected words sit inside a clause)."""
    slack = (4.0, 40) if kind in _LOOSE else (2.5, 15)
    return int(any(matches(a, candidate) and len(candidate) <= slack[0] * len(a) + slack[1] for a in answers))


def collect(data_dir: Path, fixtures: list[Fixture], *, tag: str, cache: Path | None = None,
            reader: bool = False) -> list[Question]:
    """Retrieve each question on the index in ``data_dir`` and describe its candidates.

    ``cache``: a folder keeping each question's retrieval (pickled) between runs, so trying new
    features does not embed and search again; delete it after re-indexing or changing retrieval. ``reader``: add the
    shipped reader's scores of each candidate (and its own best span) to the features.
    """
    import hashlib
    import pickle

    from tqdm.auto import tqdm

    from qa.assistant import Assistant
    from qa.extractive import ExtractiveAnswerer
    from qa.head_nouns import EmbeddedNouns
    from qa.question import analyse
    from qa.ranker import Ranker
    from qa.settings import Settings

    from qa import components

    bot = Assistant(Settings.load(data_dir=data_dir))
    answerer = ExtractiveAnswerer(bot.index, bot.settings.answer, ranker=Ranker(weights={}, bias=0.0),
                                  reader=components.make_reader(bot.settings) if reader else None,
                                  nouns=EmbeddedNouns(bot.embedder))
    out = []
    for f in tqdm(fixtures, desc=f"candidates {tag}", unit="q"):
        key = hashlib.sha256(f"{data_dir.resolve()}\n{f.question}".encode()).hexdigest()[:24]
        stored = cache / f"{key}.pickle" if cache else None
        if stored and stored.is_file():
            question, found = pickle.loads(stored.read_bytes())
            question = analyse(f.question).with_vector(question.vector)  # analysis may have changed since
        else:
            question = bot._understand(f.question)
            found = bot.retrieval.retrieve(question, bot.settings.retrieval.resolve_top_k(None))
            if stored:
                stored.parent.mkdir(parents=True, exist_ok=True)
                stored.write_bytes(pickle.dumps((question, found)))
        scored = answerer.score(question, found) if found.eligible and found.passages else []
        # The guards before the ranker (passage score, entity guard) abstain on their own: a
        # question they stop has no candidates and teaches the ranker nothing.
        if found.passages and found.passages[0].score < bot.settings.answer.min_score:
            scored = []
        doc = (f.docs or f.near or ("?",))[0]
        spans = [s for s in scored if s.candidate.ctype != "SENTENCE"]
        whole = [s for s in scored if s.candidate.ctype == "SENTENCE"]
        out.append(Question(f, f"{tag}:{doc}", [s.features for s in spans],
                            [label(s.candidate.text, f.answers, f.kind) if f.answerable else 0 for s in spans],
                            [f"{s.candidate.text} <{s.candidate.ctype}>" for s in spans],
                            [s.features for s in whole],
                            [int(f.answerable and any(matches(a, s.candidate.text) for a in f.answers))
                             for s in whole], question.answer_type))
    return out


def best_threshold(outcomes: list[tuple[float, bool, bool]]) -> tuple[float, int]:
    """The threshold answering most questions right. ``outcomes``: (best probability, answerable,
    best candidate right) per question; a question with no candidate has probability 0."""
    best = (0.5, -1)
    for t in sorted({round(p, 4) for p, _, _ in outcomes} | {0.0, 1.0}):
        right = sum((p >= t and ok) or (p < t and not answerable) for p, answerable, ok in outcomes)
        if right > best[1]:
            best = (t, right)
    return best


def fit(questions: list[Question], c: float) -> Ranker:
    """Weights that rank each question's right candidates above its others (a conditional logit).

    Per question, the loss is the negative log of the share of softmax mass on its right
    candidates; questions without a right candidate among their candidates teach ranking
    nothing and are left out. L2 regularisation ``1/c``. The scores are not yet probabilities:
    :func:`calibrate` maps them. Deterministic (L-BFGS from zero).
    """
    import numpy as np
    from scipy.optimize import minimize
    from sklearn.feature_extraction import DictVectorizer

    usable = [q for q in questions if q.rows and any(q.labels)]
    vec = DictVectorizer(sparse=True)
    x = vec.fit_transform([r for q in usable for r in q.rows]).tocsr()
    y = np.array([v for q in usable for v in q.labels], dtype=float)
    starts = np.cumsum([0] + [len(q.rows) for q in usable])[:-1]
    sizes = np.array([len(q.rows) for q in usable])
    owner = np.repeat(np.arange(len(usable)), sizes)
    lam = 1.0 / c

    def loss(w):
        s = x @ w
        top = np.maximum.reduceat(s, starts)
        e = np.exp(s - top[owner])
        z_all = np.add.reduceat(e, starts)
        z_pos = np.add.reduceat(e * y, starts)
        value = float(np.sum(np.log(z_all) - np.log(z_pos)) + 0.5 * lam * w @ w)
        grad = x.T @ (e / z_all[owner] - e * y / z_pos[owner]) + lam * w
        return value, grad

    w = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 2000}).x
    weights = {name: float(v) for name, v in zip(vec.get_feature_names_out(), w) if abs(v) > 1e-9}
    return Ranker(weights=weights, bias=0.0)


@dataclass(frozen=True)
class Calibration:
    """``sigmoid(a * score + levels · level + b)``: the chance that a question's best candidate is
    right, from its raw ranking score and the question-level features (:data:`QUESTION_LEVEL`)."""

    a: float
    b: float
    levels: dict[str, float] = field(default_factory=dict)

    def probability(self, score: float, level: dict[str, float]) -> float:
        import math

        if score == float("-inf"):
            return 0.0
        z = self.a * score + self.b + sum(w * level.get(k, 0.0) for k, w in self.levels.items())
        return 1 / (1 + math.exp(-max(-60.0, min(60.0, z))))


def calibrate(scores: list[tuple[float, bool]], levels: list[dict[str, float]] | None = None) -> Calibration:
    """Platt scaling of out-of-fold best scores (look-alikes count as not right), with the
    question-level features beside the score where there are any."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    levels = levels or [{} for _ in scores]
    names = sorted({k for level in levels for k in level})
    xs = np.array([[s, *(level.get(k, 0.0) for k in names)] for (s, _), level in zip(scores, levels)])
    ys = np.array([int(ok) for _, ok in scores])
    if len(set(ys)) < 2:
        return Calibration(1.0, 0.0)
    model = LogisticRegression(C=1e6, max_iter=1000).fit(xs, ys)
    a, b = float(model.coef_[0][0]), float(model.intercept_[0])
    if a <= 0:
        return Calibration(1.0, 0.0)
    return Calibration(a, b, {k: float(w) for k, w in zip(names, model.coef_[0][1:])})


def fit_sentences(questions: list[Question], c: float) -> Ranker:
    """The chance that a sentence holds the answer (a logistic regression over the sentences'
    features), for quoting a whole sentence when no span is likely enough."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [r for q in questions for r in q.sentences]
    labels = [y for q in questions for y in q.sentence_labels]
    vec = DictVectorizer(sparse=True)
    x = vec.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=5000).fit(x, labels)
    weights = {name: float(w) for name, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) > 1e-9}
    return Ranker(weights=weights, bias=float(model.intercept_[0]))


def sentence_out_of_fold(questions: list[Question], c: float, folds: int = 5) -> list[Quotable]:
    """(best sentence probability, answerable, that sentence holds the answer) per question, out of
    fold; the probability is None for a question with no sentence to quote."""
    groups = sorted({q.group for q in questions})
    outcomes: dict[int, Quotable] = {}
    for k in range(folds):
        held = {g for i, g in enumerate(groups) if i % folds == k}
        ranker = fit_sentences([q for q in questions if q.group not in held], c)
        for i, q in enumerate(questions):
            if q.group in held:
                if not q.sentences:
                    outcomes[i] = (None, q.fixture.answerable, False)
                    continue
                probs = [ranker.probability(r) for r in q.sentences]
                j = max(range(len(probs)), key=lambda n: probs[n])
                outcomes[i] = (probs[j], q.fixture.answerable, bool(q.sentence_labels[j]))
    return [outcomes[i] for i in range(len(questions))]


def best_thresholds(spans: list[tuple[float, bool, bool]], sentences: list[Quotable],
                    steps: int = 40, max_false_abstentions: float = MAX_FALSE_ABSTENTIONS) -> tuple[float, float, int]:
    """The span and sentence thresholds that answer most questions right: a span when its
    probability reaches the first, else the sentence when its probability reaches the second,
    else an abstention (right for look-alikes). A right quoted sentence counts half a right span
    or a right abstention: it holds the answer, but is not the short answer asked for (the
    product's targets are both answer accuracy and exact match). A sentence probability of None is
    never quoted, at any threshold (no sentence, or a type the fallback may not quote for:
    :func:`gated_thresholds`).

    Only pairs that abstain on at most ``max_false_abstentions`` of the answerable questions are
    considered (the product's target; without it the count is flat near its top and the chosen
    pair swings between abstaining often and rarely with any small change of the fit). Even so
    the score is flat near its top, and many pairs tie: the middle one of those (in the order
    span threshold, then sentence threshold) is kept, the farthest from either edge of the flat
    top, where a small change of the fit would tip it. Returns the pair and how many questions it
    gets right.
    """
    def grid(values: list[float]) -> list[float]:
        ordered = sorted(set(values))
        picks = {ordered[round(i * (len(ordered) - 1) / steps)] for i in range(steps + 1)} if ordered else set()
        return sorted(picks | {1.01})

    answerable_total = sum(answerable for _, answerable, _ in spans) or 1
    tied: list[tuple[float, float, int]] = [(1.01, 1.01, -1)]
    best_key: tuple[bool, float, int] = (False, float("-inf"), -1)
    for t1 in grid([p for p, _, _ in spans]):
        for t2 in grid([p for p, _, _ in sentences if p is not None]):
            right = abstained = quoted = 0
            for (p1, answerable, ok1), (p2, _, ok2) in zip(spans, sentences):
                if p1 >= t1:
                    right += ok1
                elif p2 is not None and p2 >= t2:
                    right += ok2
                    quoted += ok2
                else:
                    right += not answerable
                    abstained += answerable
            rate = abstained / answerable_total
            allowed = rate <= max_false_abstentions
            # Within the limit: most right, a quoted sentence counting half: it holds the answer,
            # but the user asked for the answer ("137", not a sentence), while a span and a right
            # abstention are what was asked. Over the limit (every pair is): fewest false
            # abstentions first.
            key = (allowed, 2 * right - quoted if allowed else -rate, right)
            if key > best_key:
                tied, best_key = [(t1, t2, right)], key
            elif key == best_key:
                tied.append((t1, t2, right))
    return tied[(len(tied) - 1) // 2]


def quoting_types(types: list[str], spans: list[tuple[float, bool, bool]], sentences: list[Quotable],
                  thresholds: tuple[float, float]) -> tuple[str, ...]:
    """The expected answer types the sentence fallback may answer: those where, out of fold at
    ``thresholds`` (span, sentence), quoting the likeliest sentence when no span is likely enough
    gets at least as many of the type's questions right as abstaining would (so a type the tuning
    questions never fall back on, or never ask, stays quotable). ``types[i]`` is question i's
    expected type; ``spans`` / ``sentences`` as :func:`best_thresholds` takes them."""
    t1, t2 = thresholds
    gain = dict.fromkeys(ANSWER_TYPES, 0) | dict.fromkeys(types, 0)
    for kind, (p1, answerable, _), (p2, _, ok2) in zip(types, spans, sentences):
        if p1 < t1 and p2 is not None and p2 >= t2:
            gain[kind] += int(ok2) - int(not answerable)
    return tuple(sorted(kind for kind, g in gain.items() if g >= 0))


def gated_thresholds(types: list[str], spans: list[tuple[float, bool, bool]], sentences: list[Quotable],
                     rounds: int = 5) -> tuple[float, float, int, tuple[str, ...]]:
    """Both thresholds and the types the sentence fallback may quote for, chosen together: the
    thresholds with every type quotable, the types at those thresholds, the thresholds again with
    the other types never quoted, until the types stop changing (or ``rounds``). Returns (span
    threshold, sentence threshold, questions right out of fold, quotable types)."""
    quotes = tuple(sorted(set(ANSWER_TYPES) | set(types)))
    for _ in range(rounds):
        t1, t2, right = best_thresholds(spans, _gated(types, sentences, quotes))
        again = quoting_types(types, spans, sentences, (t1, t2))
        if again == quotes:
            break
        quotes = again
    else:
        t1, t2, right = best_thresholds(spans, _gated(types, sentences, quotes))
    return t1, t2, right, quotes


def _gated(types: list[str], sentences: list[Quotable], quotes: tuple[str, ...]) -> list[Quotable]:
    """``sentences`` with those of a type not in ``quotes`` never quotable."""
    return [(p if kind in quotes else None, answerable, ok) for kind, (p, answerable, ok) in zip(types, sentences)]


def scaled(ranker: Ranker, calibration: Calibration, threshold: float = 0.5, meta: dict | None = None,
           sentence: Ranker | None = None) -> Ranker:
    """The ranker whose probability is the calibrated one: its weights scaled, the question-level
    features' weights (0 in the ranking fit) set to the calibration's."""
    a = calibration.a
    weights = {k: a * v for k, v in ranker.weights.items() if k not in calibration.levels}
    weights.update(calibration.levels)
    return Ranker(weights=weights, bias=a * ranker.bias + calibration.b, threshold=threshold, meta=meta or {},
                  sentence=sentence)


def out_of_fold(questions: list[Question], c: float, folds: int = 5,
                misses: list[str] | None = None) -> list[tuple[float, bool, bool]]:
    """(best raw score, answerable, best right) per question, in the order of ``questions``, each
    scored by weights fitted without its article's questions. ``misses`` collects a line per
    question not answered right."""
    groups = sorted({q.group for q in questions})
    outcomes: dict[int, tuple[float, bool, bool]] = {}
    for k in range(folds):
        held = {g for i, g in enumerate(groups) if i % folds == k}
        ranker = fit([q for q in questions if q.group not in held], c)
        for n, q in enumerate(questions):
            if q.group in held:
                outcome = _best(ranker, q)
                outcomes[n] = outcome
                if misses is not None and (q.fixture.answerable and not outcome[2] or not q.fixture.answerable):
                    chosen = max(range(len(q.rows)), key=lambda j: ranker.probability(q.rows[j])) if q.rows else None
                    got = q.texts[chosen] if chosen is not None else "-"
                    misses.append(f"{q.fixture.id} [{q.fixture.kind}] {outcome[0]:.2f} {q.fixture.question[:70]} "
                                  f"| want {list(q.fixture.answers)[:2]} got {got[:80]} | covered={any(q.labels)}")
    return [outcomes[n] for n in range(len(questions))]


def _best(ranker: Ranker, q: Question) -> tuple[float, bool, bool]:
    """The best candidate's raw score (-inf without candidates), answerable, and whether it is right."""
    if not q.rows:
        return float("-inf"), q.fixture.answerable, False
    scores = [ranker.score(r) for r in q.rows]
    i = max(range(len(scores)), key=lambda j: scores[j])
    return scores[i], q.fixture.answerable, bool(q.labels[i])


def question_level(q: Question) -> dict[str, float]:
    """The question-level features of ``q`` (the same on each of its candidates; {} without any)."""
    from qa.reader_evidence import QUESTION_LEVEL

    return {k: q.rows[0][k] for k in QUESTION_LEVEL if q.rows and k in q.rows[0]}


def _probabilities(outcomes: list[tuple[float, bool, bool]], calibration: Calibration,
                   levels: list[dict[str, float]]) -> list[tuple[float, bool, bool]]:
    return [(calibration.probability(s, level), answerable, ok) for (s, answerable, ok), level in zip(outcomes, levels)]


def _calibrated(outcomes: list[tuple[float, bool, bool]],
                levels: list[dict[str, float]]) -> tuple[Calibration, float, int]:
    """The calibration fitted on out-of-fold outcomes (in question order, ``levels`` beside them),
    the best threshold on the calibrated scale and how many questions it gets right."""
    kept = [(o, level) for o, level in zip(outcomes, levels) if o[0] != float("-inf")]
    calibration = calibrate([(s, ok) for (s, _, ok), _ in kept], [level for _, level in kept])
    threshold, right = best_threshold(_probabilities(outcomes, calibration, levels))
    return calibration, threshold, right


def fit_all(questions: list[Question], *, misses: bool = False) -> Ranker:
    """The span ranker (C chosen out of fold), its Platt scaling, the sentence fallback and both
    thresholds, fitted on ``questions``; prints the out-of-fold counts (``misses``: and each miss)."""
    answerable = [q for q in questions if q.fixture.answerable]
    covered = sum(any(q.labels) for q in answerable)
    print(f"{len(questions)} questions, {sum(len(q.rows) for q in questions)} candidates; an expected answer is "
          f"among the candidates for {covered}/{len(answerable)} answerable questions")
    levels = [question_level(q) for q in questions]
    scores = {}
    for c in C_GRID:
        outcomes = out_of_fold(questions, c)
        calibration, threshold, right = _calibrated(outcomes, levels)
        scores[c] = (right, calibration, threshold)
        ranked = sum(ok for _, answerable, ok in outcomes if answerable)
        print(f"C={c}: out-of-fold {right}/{len(questions)} right at threshold {threshold:.3f} "
              f"(best candidate right for {ranked}/{len(answerable)} answerable)")
    c = max(C_GRID, key=lambda x: (scores[x][0], -x))
    right, calibration, threshold = scores[c]
    # Then the sentence fallback, with both thresholds chosen together on out-of-fold predictions.
    span_probs = _probabilities(out_of_fold(questions, c), calibration, levels)
    sentence_c = 1.0
    sentence_probs = sentence_out_of_fold(questions, sentence_c)
    threshold, sentence_threshold, right, quotes = gated_thresholds([q.answer_type for q in questions],
                                                                    span_probs, sentence_probs)
    print(f"with the sentence fallback, quoting for {', '.join(quotes)}: out-of-fold {right}/{len(questions)} "
          f"right at span threshold {threshold:.3f}, sentence threshold {sentence_threshold:.3f}")
    if misses:
        lines: list[str] = []
        out_of_fold(questions, c, misses=lines)
        print("\n".join(lines))
    meta = {"C": c, "questions": len(questions), "candidates": sum(len(q.rows) for q in questions),
            "out_of_fold_right": right, "platt": [round(calibration.a, 6), round(calibration.b, 6)],
            **({"calibrated_on": {k: round(w, 6) for k, w in calibration.levels.items()}} if calibration.levels else {})}
    sentence = fit_sentences(questions, sentence_c)
    sentence = Ranker(weights=sentence.weights, bias=sentence.bias, threshold=sentence_threshold, quotes=quotes)
    return scaled(fit(questions, c), calibration, threshold, meta, sentence)


def without_reader(questions: list[Question]) -> list[Question]:
    """The same questions as the answerer sees them without the reader: no reader features, and
    none of the spans only the reader proposed (the gaps to the question's best are recomputed
    without them, as the answerer computes them)."""
    from qa.features import add_gaps
    from qa.reader_evidence import READER_CTYPE

    def plain(rows: list[dict[str, float]]) -> list[dict[str, float]]:
        return [{k: v for k, v in r.items() if not k.startswith("reader_") and not k.endswith("_gap")} for r in rows]

    out = []
    for q in questions:
        keep = [i for i, t in enumerate(q.texts) if not t.endswith(f"<{READER_CTYPE}>")]
        rows, sentences = plain([q.rows[i] for i in keep]), plain(q.sentences)
        add_gaps(rows + sentences)
        out.append(replace(q, rows=rows, labels=[q.labels[i] for i in keep], texts=[q.texts[i] for i in keep],
                           sentences=sentences))
    return out


def tuning_sets(pairs: list[str]) -> tuple[list[tuple[Path, list[Fixture]]], list[dict[str, object]]]:
    """Each ``DATA_DIR:FIXTURES`` pair of ``--set`` as (index folder, its tuning fixtures): split
    ``tuning``, or none (the bundled tuning files); and what the fitted file records of them."""
    sets, sources = [], []
    for pair in pairs:
        data_dir, _, fixtures = pair.partition(":")
        tuning = [f for f in load_fixtures([Path(fixtures)]) if f.split in ("tuning", "")]
        sources.append({"fixtures": fixtures, "questions": len(tuning)})
        sets.append((Path(data_dir).expanduser(), tuning))
    return sets, sources


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m evals.fit_ranker", description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", required=True, metavar="DATA_DIR:FIXTURES",
                        help="an index and the fixtures about its articles (repeatable)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write the ranker (default {OUT})")
    parser.add_argument("--misses", action="store_true", help="print the out-of-fold misses of the chosen C")
    parser.add_argument("--cache", type=Path, default=None,
                        help="keep each question's retrieval here between runs (delete it after re-indexing "
                             "or changing retrieval)")
    parser.add_argument("--reader", action="store_true",
                        help="fit on the shipped reader's scores too (qa/data/reader; the answerer then runs it)")
    args = parser.parse_args(argv)
    questions: list[Question] = []
    sets, sources = tuning_sets(args.set)
    for i, (data_dir, tuning) in enumerate(sets):
        questions += collect(data_dir, tuning, tag=f"set{i}", cache=args.cache, reader=args.reader)
    if args.reader:
        print("fitted with the reader's scores:")
    fitted = fit_all(questions, misses=args.misses)
    fitted = replace(fitted, meta={**fitted.meta, "sources": sources})
    if args.reader:
        from qa.reader import verified

        print("fitted without them (the fallback where the reader cannot load):")
        fallback = fit_all(without_reader(questions), misses=args.misses)
        fitted = replace(fitted, meta={**fitted.meta, "reader": {
            "sha256": verified().manifest["files"]["reader.onnx"]["sha256"]}}, fallback=fallback)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(fitted.to_json(), encoding="utf-8")
    print(json.dumps(fitted.meta, ensure_ascii=False))
    print(f"wrote {args.out}: C={fitted.meta['C']}, threshold {fitted.threshold:.3f}, {len(fitted.weights)} weights")


if __name__ == "__main__":
    main()
