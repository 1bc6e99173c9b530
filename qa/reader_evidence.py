"""The trained reader as evidence for the fitted ranker: what it thinks of each candidate.

The ranker (:mod:`qa.features`) and the reader (:mod:`qa.reader`) fail on different questions:
the ranker knows the question's expected type and the article's names, the reader reads the
words between them. Instead of choosing one, the reader scores every candidate the ranker is
offered (one model run per question, the same windows the reader answer mode reads), and its
scores become features whose weights ``python -m evals.fit_ranker --reader`` fits on the tuning
fixtures like every other. The reader's own best span joins the candidates too, so an answer no
recogniser proposed can still be chosen.

Features of a candidate (all absent when the reader cannot see the span, ``reader_unseen`` 1
instead). They are relative to the question's best span, so they only rank: a conditional logit
cannot tell a per-question constant from the question's difficulty, and an absolute reader score
would shift every candidate's probability, and so the abstentions, by however much the ranking
fit happened to weigh it.

- ``reader_gap``: the span's score minus the reader's best span's (≤ 0; scaled by 1/10, clipped at −2);
- ``reader_top``: the share of characters the span has in common with the reader's best span;
- ``reader_gap_en``: ``reader_gap`` again for English questions, whose reader scores are less
  reliable (it was trained on few English questions over Vietnamese text).

And of the question, the same on every candidate (:data:`QUESTION_LEVEL`): they cannot rank, so
the fit leaves them to the calibration, which weighs them into the probability that the best
candidate is right (a look-alike question: the reader finds no span beating "no answer"):

- ``reader_best``: how far the reader's best span beats its "no answer" (scaled, clipped at ±2);
- ``reader_best_en``: the same for English questions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from qa.tagging import Candidate
from qa.features import SentenceContext
from qa.question import Question
from qa.reader import SpanReader, SpanScorer
from qa.reader_windows import SpanScore
from qa.types import Passage, Retrieved
from vectorstore.sentences import sentence_spans

# Characters of context around a read sentence: about what the training windows held before and
# after their answering sentence (training/news_questions.py), within the reader's 160 tokens.
BEFORE, AFTER = 400, 160
READER_CTYPE = "READER"
SCALE, CLIP = 10.0, 2.0
QUESTION_LEVEL = ("reader_best", "reader_best_en")


@dataclass(frozen=True)
class Window:
    """A sentence with the sentences around it; ``text[offset:offset + len(sentence)]`` is it."""

    text: str
    offset: int


def around(found: Retrieved, sentence: Passage, *, before: int = BEFORE, after: int = AFTER) -> Window:
    """The sentence with whole sentences of its article around it, about ``before`` characters
    before and ``after`` after. The reader was trained on such windows: the subject of a sentence
    ("Thành ủy Hà Nội ...") is often in the one before it, and a question naming it must see it."""
    record = found.articles.get(sentence.doc_id)
    article = (record.text or "") if record else ""
    if article[sentence.start:sentence.end] != sentence.text:
        return Window(sentence.text, 0)
    lo, hi = sentence.start, sentence.end
    for a, b in _sentences(article):
        if b <= sentence.start and a >= sentence.start - before:
            lo = min(lo, a)
        elif a >= sentence.end and b <= sentence.end + after:
            hi = max(hi, b)
    return Window(article[lo:hi], sentence.start - lo)


@lru_cache(maxsize=64)
def _sentences(article: str) -> tuple[tuple[int, int], ...]:
    return tuple(sentence_spans(article))


def reader_evidence(scorer: SpanScorer, q: Question, found: Retrieved, contexts: Sequence[SentenceContext],
                    candidates: Sequence[Sequence[Candidate]]) -> list[list[tuple[Candidate, dict[str, float]]]]:
    """Per context, its candidates (and the reader's best span when it is in this sentence and
    is not already one of them), each with the reader's features.

    ``candidates[i]`` are the candidates of ``contexts[i]``, offsets in its sentence; whole-sentence
    candidates get features too (the sentence fallback may weigh them).
    """
    windows = [around(found, ctx.sentence) for ctx in contexts]
    shifted = [[(c.start + w.offset, c.end + w.offset) for c in cands] for w, cands in zip(windows, candidates)]
    reading = scorer.score(q.text, [w.text for w in windows], shifted)
    top = next((s for s in reading.best if inside(s, windows, contexts)), None)
    best_score = top.score if top else 0.0
    level = _level(q, top)
    out: list[list[tuple[Candidate, dict[str, float]]]] = []
    for i, (ctx, w, cands) in enumerate(zip(contexts, windows, candidates)):
        rows = [(c, _features(q, s, best_score, top, i) | level) for c, s in zip(cands, reading.spans[i])]
        if top is not None and top.context_index == i:
            start, end = top.char_start - w.offset, top.char_end - w.offset
            text = ctx.sentence.text[start:end]
            if text.strip() and not any(c.start == start and c.end == end for c in cands):
                rows.append((Candidate(text, start, end, READER_CTYPE), _features(q, top, best_score, top, i) | level))
        out.append(rows)
    return out


def inside(s: SpanScore, windows: Sequence[Window], contexts: Sequence[SentenceContext]) -> bool:
    """Whether a reader span lies in the sentence its window was read for (not its surroundings)."""
    w, sentence = windows[s.context_index], contexts[s.context_index].sentence
    return w.offset <= s.char_start and s.char_end <= w.offset + len(sentence.text)


def _features(q: Question, s: SpanScore | None, best_score: float, top: SpanScore | None,
              index: int) -> dict[str, float]:
    if s is None:
        return {"reader_unseen": 1.0}
    f = {"reader_gap": max(-CLIP, min(0.0, (s.score - best_score) / SCALE))}
    if top is not None and top.context_index == index:
        common = min(s.char_end, top.char_end) - max(s.char_start, top.char_start)
        union = max(s.char_end, top.char_end) - min(s.char_start, top.char_start)
        f["reader_top"] = max(0.0, common) / union if union > 0 else 0.0
    if q.language == "en":
        f["reader_gap_en"] = f["reader_gap"]
    return f


def _level(q: Question, top: SpanScore | None) -> dict[str, float]:
    """The question-level features: how sure the reader is that the question has an answer here."""
    best = max(-CLIP, min(CLIP, top.margin / SCALE)) if top is not None else -CLIP
    return {"reader_best": best, **({"reader_best_en": best} if q.language == "en" else {})}


def lazy(reader: SpanScorer | Callable[[], SpanScorer]) -> Callable[[], SpanScorer]:
    """A function giving ``reader``, or making it on the first call (the model loads only when a
    question needs it; one load even when the chat serves questions in threads)."""
    import threading

    if not callable(reader) or hasattr(reader, "read"):
        return lambda: reader  # type: ignore[return-value]
    made: list[SpanScorer] = []
    lock = threading.Lock()

    def get() -> SpanScorer:
        with lock:
            if not made:
                made.append(reader())
            return made[0]

    return get


def read_in_sentences(reader: SpanReader, question: str, found: Retrieved,
                      contexts: Sequence[SentenceContext]) -> list[tuple[SentenceContext, SpanScore, str]]:
    """The reader's spans inside ``contexts``, each sentence read with the sentences around it
    (:func:`around`): (sentence, span with offsets in the sentence, its text), in the reader's
    order. A span of the surroundings is left out: the sentence read for it is read anyway.
    Shared by the reader mode (:mod:`qa.reader_answerer`) and the reader's veto (:mod:`qa.veto`)."""
    if not contexts:
        return []
    windows = [around(found, ctx.sentence) for ctx in contexts]
    return _in_sentences(reader.read(question, [w.text for w in windows]), windows, contexts)


def _in_sentences(best: Sequence[SpanScore], windows: Sequence[Window],
                  contexts: Sequence[SentenceContext]) -> list[tuple[SentenceContext, SpanScore, str]]:
    """:func:`read_in_sentences`' filter: the spans inside their read sentence, offsets in it."""
    out = []
    for s in best:
        if not inside(s, windows, contexts):
            continue
        ctx, w = contexts[s.context_index], windows[s.context_index]
        s = SpanScore(s.context_index, s.char_start - w.offset, s.char_end - w.offset, s.score, s.null_score)
        text = ctx.sentence.text[s.char_start:s.char_end]
        if text.strip():
            out.append((ctx, s, text))
    return out


def best_margin(reader: SpanReader, question: str, found: Retrieved,
                contexts: Sequence[SentenceContext]) -> float | None:
    """How far the reader's best span in ``contexts`` beats its "no answer" (None: no span)."""
    return max((s.margin for _, s, _ in read_in_sentences(reader, question, found, contexts)), default=None)


def position(contexts: Sequence[SentenceContext], sentence: Passage | None) -> int:
    """The index of ``sentence`` (a sentence hit) among ``contexts``' sentences; -1 when absent."""
    if sentence is None:
        return -1
    key = (sentence.doc_id, sentence.start, sentence.end)
    return next((i for i, ctx in enumerate(contexts)
                 if (ctx.sentence.doc_id, ctx.sentence.start, ctx.sentence.end) == key), -1)


@dataclass(frozen=True)
class QuotedReading:
    """The quoted sentence read alone: the reader's best margin inside it (None: no span), and
    its scores of the spans asked about (offsets in the sentence; None where it cannot see one)."""

    margin: float | None
    spans: list[SpanScore | None]


def read_quoted(reader: SpanScorer, question: str, found: Retrieved, context: SentenceContext,
                spans: Sequence[tuple[int, int]] = ()) -> QuotedReading:
    """One reader pass over ``context``'s sentence alone (in its window, :func:`around`), giving
    the veto its margin and :mod:`qa.trim` the scores of ``spans``. The margin is
    :func:`best_margin` of ``[context]``: the same window, read alone, filtered the same way."""
    w = around(found, context.sentence)
    reading = reader.score(question, [w.text], [[(a + w.offset, b + w.offset) for a, b in spans]])
    margins = [s.margin for _, s, _ in _in_sentences(reading.best, [w], [context])]
    scores = [None if s is None else SpanScore(0, s.char_start - w.offset, s.char_end - w.offset, s.score, s.null_score)
              for s in (reading.spans[0] if reading.spans else [])]
    return QuotedReading(max(margins, default=None), scores)


def veto_margin(reader: SpanScorer, question: str, found: Retrieved, contexts: Sequence[SentenceContext], *,
                first: int, head: QuotedReading | None = None) -> float | None:
    """The margin the reader's veto weighs: how far the reader's best span in the sentence the
    answer quotes (``contexts[first]``, read alone) beats its "no answer"; the best over every
    context read together when the answer quotes none of them, or when none of the reader's
    spans in the quoted sentence's window lies in the sentence itself (None: no span at all).

    The quoted sentence, not the best of all the sentences read: the veto asks whether the reader
    finds an answer *where the ranker found one*. Over all sentences, a look-alike kept its answer
    whenever the reader was sure of some other sentence (tuning, at the same 5 % false
    abstentions: 241 answers right and 56 of 80 look-alikes abstained, against 237 and 54). Where
    the reader's spans all lie beside the quoted sentence (9 of the 377 tuning questions, 8 of
    them answerable) it has not judged that sentence, so the wider reading decides; counted as
    "no answer" instead, those alone would spend the whole false-abstention budget.
    Alone, because a window's scores shift with the windows batched beside it (the int8 graph
    quantises a batch's activations with one scale, up to ~2 logits between a batch of one and of
    twenty), and a window read alone scores the same every time. ``head``: that reading when the
    answerer has already made it (:func:`read_quoted`, which also scores :mod:`qa.trim`'s spans).
    The veto's fit (``evals.fit_veto``) and the answerer both call this, so what was fitted is
    what runs.
    """
    if 0 <= first < len(contexts):
        alone = (head if head is not None else read_quoted(reader, question, found, contexts[first])).margin
        if alone is not None or len(contexts) == 1:
            return alone
    return best_margin(reader, question, found, contexts)
