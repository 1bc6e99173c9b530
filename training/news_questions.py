"""Synthetic Vietnamese reading-comprehension examples from the VietNews archive (issue 28).

The public QA sets are mostly translated encyclopaedia text; the reader answers Vietnamese
news. Sentences of news articles become typed questions (:mod:`training.sentence_questions`:
"Ông Nguyễn Văn An bị phạt 20 triệu đồng." -> "Ông Nguyễn Văn An bị phạt bao nhiêu tiền?"),
each over a window of its article: the sentence's paragraph and neighbours, 300-1200 characters.

Look-alike negatives teach the no-answer option: the same question with the answering sentence
cut out of the window ("removed"), or with another name or year of the question replaced by
one from another article that the window does not mention ("swap").

Articles are drawn in a seeded shuffle of the whole archive, a few questions from each. The
evaluation sample (:func:`evals.news.draw_sample`, tuning and held-out) is never used, nor any
article titled like an excluded one (VietNews repeats some articles under two ids)::

    python -m training.news_questions /tmp/news.jsonl --limit 20000
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from evals.news import NewsArticle, default_corpus, draw_sample, read_corpus
from qa.candidates import find_candidates
from training.examples import QAExample, write_jsonl
from training.sentence_questions import SWAPPABLE, Question, ask, askables, usable
from vectorstore.sentences import sentence_spans
from vectorstore.text import nfc

CONTEXT_MIN, CONTEXT_MAX = 300, 1200
POOL_CAP = 20_000  # names and years per type kept for swaps: bounded, renewed across the archive


def window(text: str, spans: list[tuple[int, int]], i: int, rng: random.Random) -> tuple[int, int]:
    """The first and last sentence of a context around sentence ``i``: its paragraph, then its
    neighbours, to a seeded length between CONTEXT_MIN and CONTEXT_MAX characters; never the title."""
    lo = hi = i
    target = rng.randint(CONTEXT_MIN, CONTEXT_MAX)
    while True:
        left = lo > 1 and spans[hi][1] - spans[lo - 1][0] <= CONTEXT_MAX
        right = hi + 1 < len(spans) and spans[hi + 1][1] - spans[lo][0] <= CONTEXT_MAX
        inside = [s for s, ok in (("l", left and "\n" not in text[spans[lo - 1][1]:spans[lo][0]]),
                                  ("r", right and "\n" not in text[spans[hi][1]:spans[hi + 1][0]])) if ok]
        sides = inside or [s for s, ok in (("l", left), ("r", right)) if ok]
        if not sides or (spans[hi][1] - spans[lo][0] >= target and not inside):
            return lo, hi
        lo, hi = (lo - 1, hi) if rng.choice(sides) == "l" else (lo, hi + 1)


def without(text: str, spans: list[tuple[int, int]], lo: int, hi: int, i: int) -> str:
    """The context of sentences ``lo..hi`` with sentence ``i`` cut out, paragraph breaks kept."""
    gaps = [text[spans[i - 1][1]:spans[i][0]] if i > lo else "", text[spans[i][1]:spans[i + 1][0]] if i < hi else ""]
    parts = [text[spans[lo][0]:spans[i][0]].rstrip(), text[spans[i][1]:spans[hi][1]].lstrip()]
    return ("\n\n" if any("\n" in g for g in gaps) else " ").join(p for p in parts if p)


def swapped(question: Question, context: str, pool: dict[str, list[tuple[str, str]]], doc_id: str,
            rng: random.Random) -> str | None:
    """``question`` with one of its other names or years replaced by one of the same type from
    another article that ``context`` does not mention; None when there is none to swap."""
    folded = context.casefold()
    for other in rng.sample(question.others, len(question.others)):
        for _ in range(8):
            source, name = rng.choice(pool[other.ctype] or [(doc_id, "")])
            near = name.casefold() in other.text.casefold() or other.text.casefold() in name.casefold()
            if source != doc_id and name and not near and name.casefold() not in folded and name not in question.text:
                return question.text.replace(other.text, name)
    return None


def _title(text: str) -> str:
    return text.strip().split("\n", 1)[0].strip()


def generate(articles: Iterable[NewsArticle], *, exclude: set[str], seed: int = 0, limit: int | None = None,
             per_article: int = 6, negatives: float = 0.5) -> Iterator[QAExample]:
    """Positive and look-alike negative examples from ``articles`` minus ``exclude``, in a seeded order.

    Args:
        articles: the archive (or any articles); read whole, since they are drawn in a seeded shuffle.
        exclude: article ids never to use (the evaluation sample: :func:`evaluation_ids`); an
            article titled like an excluded one is left out too.
        seed: the same seed and articles give the same examples.
        limit: stop after this many examples; None for all.
        per_article: at most this many examples from one article, so topics vary.
        negatives: look-alike negatives per positive (0.5: one for every two), each made from a
            positive just made; where one cannot be made, the next positive makes up for it.
    Raises:
        ValueError: ``per_article`` is not positive.
    """
    if per_article <= 0:
        raise ValueError(f"per_article must be > 0, got {per_article}")
    rng = random.Random(seed)
    ordered = sorted(articles, key=lambda a: a.doc_id)  # the archive's order must not change the draw
    banned = {_title(a.text) for a in ordered if a.doc_id in exclude} - {""}
    rng.shuffle(ordered)
    pool: dict[str, list[tuple[str, str]]] = {t: [] for t in SWAPPABLE}
    made: Counter[bool] = Counter()  # answerable or not, so far
    for article in ordered:
        if article.doc_id in exclude or _title(article.text) in banned:
            continue
        for example in _from_article(article, pool, rng, per_article, lambda: made[False] < negatives * made[True]):
            made[example.answerable] += 1
            yield example
            if limit is not None and made.total() >= limit:
                return


def _from_article(article: NewsArticle, pool: dict[str, list[tuple[str, str]]], rng: random.Random,
                  per_article: int, owed: Callable[[], bool]) -> Iterator[QAExample]:
    """Up to ``per_article`` examples from sentences of ``article`` taken in a seeded order, each
    positive followed by a negative made from it while ``owed()`` says negatives are behind."""
    text, doc = nfc(article.text), article.doc_id
    spans = sentence_spans(text)
    made = 0
    for i in rng.sample(range(1, len(spans)), max(0, len(spans) - 1)):
        sentence = text[spans[i][0]:spans[i][1]]
        if made >= per_article:
            return
        if not usable(sentence):
            continue
        found = askables(sentence, find_candidates(sentence))
        for name in (a.answer for a in found if a.answer.ctype in SWAPPABLE):
            names = pool[name.ctype]
            if len(names) < POOL_CAP:
                names.append((doc, name.text))
            else:
                names[rng.randrange(POOL_CAP)] = (doc, name.text)
        if (question := ask(sentence, found, rng)) is None:
            continue
        lo, hi = window(text, spans, i, rng)
        context = text[spans[lo][0]:spans[hi][1]]
        yield QAExample.make(f"news-{doc}-{made}", question.text, context, spans[i][0] - spans[lo][0]
                             + question.answer.start, question.answer.text, "news", "vi", question.answer.ctype)
        made += 1
        if made >= per_article or not owed():
            continue
        for kind in ("swap", "removed") if rng.random() < 0.7 else ("removed", "swap"):  # swaps fail more often
            if kind == "swap":
                asked, negative_context = swapped(question, context, pool, doc, rng), context
            else:
                negative_context = without(text, spans, lo, hi, i) if lo < hi else ""
                clean = negative_context and question.answer.text.casefold() not in negative_context.casefold()
                asked = question.text if clean else None
            if asked:
                yield QAExample.make(f"news-{doc}-{made}", asked, negative_context, None, None, "news", "vi", kind)
                made += 1
                break


def evaluation_ids(articles: list[NewsArticle]) -> set[str]:
    """The evaluation sample's article ids, tuning and held-out: never training material."""
    sample = draw_sample(articles)
    return set(sample.tuning) | set(sample.heldout)


def main(argv: list[str] | None = None) -> None:
    from tqdm import tqdm  # only the command shows progress

    default = default_corpus()
    parser = argparse.ArgumentParser(prog="python -m training.news_questions", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the JSON-lines file to write")
    parser.add_argument("--limit", type=int, default=None, help="stop after this many examples (default: all)")
    parser.add_argument("--corpus", type=Path, default=default, help=f"the VietNews archive (default {default})")
    parser.add_argument("--seed", type=int, default=0, help="the seed of every draw (default 0)")
    parser.add_argument("--per-article", type=int, default=6, help="examples from one article at most (default 6)")
    parser.add_argument("--exclude", type=Path, help="a file of further article ids to leave out, one a line")
    args = parser.parse_args(argv)
    for flag, value in (("--limit", args.limit), ("--per-article", args.per_article)):
        if value is not None and value <= 0:
            parser.exit(2, f"error: {flag} must be > 0, got {value}\n")
    if not args.corpus.is_file():
        parser.exit(2, f"error: no VietNews archive at {args.corpus}; pass --corpus PATH\n")
    if args.exclude is not None and not args.exclude.is_file():
        parser.exit(2, f"error: no id file at {args.exclude}; pass a file of article ids, one a line\n")
    print(f"reading {args.corpus} ...", file=sys.stderr)
    articles = list(read_corpus(args.corpus))
    extra = set(args.exclude.read_text(encoding="utf-8").split()) if args.exclude else set()
    kinds: Counter[str] = Counter()

    def counted(examples: Iterable[QAExample]) -> Iterator[QAExample]:
        for example in examples:
            kinds[example.kind] += 1
            yield example

    examples = generate(articles, exclude=evaluation_ids(articles) | extra, seed=args.seed, limit=args.limit,
                        per_article=args.per_article)
    n = write_jsonl(args.out, counted(tqdm(examples, total=args.limit, unit="q", desc="questions")))
    print(f"wrote {n} examples to {args.out}: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))


if __name__ == "__main__":
    main()
