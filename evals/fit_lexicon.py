"""Fit the English -> Vietnamese lexicon (``qa/data/lexicon.tsv``) from the embedding model.

Why: an English question reaches the words of a Vietnamese sentence only through terms in the
article's language ("sentenced" -> "phạt tù"), and the hand glossary (``qa/data/domain.toml``)
holds the words our own fixtures used. Users ask about hail, poisoning and tickets too. The
embedding model already puts both languages in one space, so each common English word takes the
Vietnamese words and word pairs of the news archive nearest to it: a lexicon for any topic,
fitted, not written.

How:
1. Vietnamese terms: the syllables and syllable pairs frequent in ``../shared/corpora`` (the
   frozen held-out articles left out), dropping pairs of two function syllables (both among the
   most frequent) and terms whose folded spelling is mostly another word's ("ve" is "về" far
   more often than "vé"), since questions are matched on folded text.
2. English words: the most frequent words of English (``wordfreq``, a registry package), less the
   most frequent of all, which are function words.
3. Both are embedded (the document prompt, as for passages); each English word keeps its ``k``
   nearest terms whose cosine is at least ``threshold``.
4. ``threshold`` and ``k`` are chosen where the lexicon best recovers the hand glossary's
   single-word entries (F1), the one labelled set of English -> Vietnamese pairs we have.

Embedding ~45,000 short texts takes 10-40 minutes on 2 cores; vectors are saved in chunks
under ``--cache``, so an interrupted run goes on where it stopped::

    python -m evals.fit_lexicon                # writes qa/data/lexicon.tsv
    python -m evals.fit_lexicon --cache /tmp/lexicon-cache --english-words 20000
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vectorstore.text import fold_diacritics, nfc, words

OUT = Path(__file__).resolve().parents[1] / "qa" / "data" / "lexicon.tsv"
_SEGMENT_RE = re.compile(r"[.,;:!?()\[\]\"“”‘’…–—\-/\n]+")
_ENGLISH_WORD_RE = re.compile(r"[a-z]{3,}")


@dataclass(frozen=True)
class Counts:
    """Syllable and syllable-pair counts of an archive (lower case, NFC)."""

    unigrams: Counter[str]
    bigrams: Counter[str]


def count_terms(texts: Iterable[str]) -> Counts:
    """Count syllables and adjacent pairs within punctuation-free stretches of ``texts``."""
    unigrams: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    for text in texts:
        for segment in _SEGMENT_RE.split(nfc(text).lower()):
            syllables = [w for w in words(segment) if w.isalpha()]
            unigrams.update(syllables)
            bigrams.update(f"{a} {b}" for a, b in zip(syllables, syllables[1:]))
    return Counts(unigrams, bigrams)


def vietnamese_terms(counts: Counts, *, min_unigram: int = 100, min_bigram: int = 50,
                     function_syllables: int = 50, min_form_share: float = 0.8) -> list[str]:
    """The terms worth a vector: frequent syllables and pairs, not two function syllables, and
    the dominant spelling of their folded form (see the module docstring)."""
    function = {w for w, _ in counts.unigrams.most_common(function_syllables)}
    chosen: list[str] = []
    for table, minimum, single in ((counts.unigrams, min_unigram, True), (counts.bigrams, min_bigram, False)):
        by_fold: Counter[str] = Counter()
        for term, n in table.items():
            by_fold[fold_diacritics(term)] += n
        for term, n in table.most_common():
            if n < minimum:
                break
            if len(term) < 2 or (single and term in function):
                continue
            if not single and all(s in function for s in term.split()):
                continue
            if n / by_fold[fold_diacritics(term)] >= min_form_share:
                chosen.append(term)
    return chosen


def english_words(ranked: Sequence[str], *, skip: int = 150, n: int = 15000) -> list[str]:
    """Content words from an English frequency list: plain lower-case words of three letters or
    more, after the ``skip`` most frequent (the, which, many, …)."""
    plain = [w for w in ranked[skip:] if _ENGLISH_WORD_RE.fullmatch(w)]
    return plain[:n]


def embed_cached(texts: Sequence[str], embed: Callable[[list[str]], np.ndarray], cache: Path | None, *,
                 model: str = "", chunk: int = 512, progress: bool = True) -> np.ndarray:
    """Unit vectors of ``texts``, embedded ``chunk`` at a time; each chunk is saved under ``cache``
    (named by the hash of ``model``, the embedder's id, and its texts), so a second run reuses what
    the first finished and another model never reads them. A chunk is written whole or not at all
    (a temporary file renamed), so an interrupted run leaves nothing half-saved."""
    from tqdm import tqdm

    parts = []
    for start in tqdm(range(0, len(texts), chunk), desc="embedding", unit="chunk", disable=not progress):
        batch = list(texts[start:start + chunk])
        path = None
        if cache is not None:
            key = hashlib.sha256("\n".join([model, *batch]).encode()).hexdigest()[:20]
            path = cache / f"{key}.npy"
            if path.is_file():
                parts.append(np.load(path))
                continue
        vectors = np.asarray(embed(batch), dtype=np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        if path is not None:
            cache.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(".partial.npy")
            np.save(partial, vectors)
            os.replace(partial, path)
        parts.append(vectors)
    return np.concatenate(parts) if parts else np.zeros((0, 0), dtype=np.float32)


def nearest(english: np.ndarray, vietnamese: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """For each English row, the indices and cosines of its ``k`` nearest Vietnamese rows, best first."""
    index = np.zeros((len(english), k), dtype=np.int64)
    sims = np.zeros((len(english), k), dtype=np.float32)
    for start in range(0, len(english), 1024):
        block = english[start:start + 1024] @ vietnamese.T
        top = np.argpartition(-block, k, axis=1)[:, :k]
        order = np.take_along_axis(block, top, axis=1).argsort(axis=1)[:, ::-1]
        index[start:start + 1024] = np.take_along_axis(top, order, axis=1)
        sims[start:start + 1024] = np.take_along_axis(block, index[start:start + 1024], axis=1)
    return index, sims


@dataclass(frozen=True)
class Fit:
    threshold: float
    k: int
    precision: float
    recall: float
    f1: float
    labelled: int


def choose(lexicon: dict[str, list[tuple[str, float]]], glossary: dict[str, set[str]],
           thresholds: Sequence[float], ks: Sequence[int]) -> Fit:
    """The (threshold, k) whose lexicon best recovers ``glossary`` (English word -> folded
    Vietnamese terms; only entries whose word is in the lexicon count). Precision is a lower bound:
    a right term the glossary lacks counts as wrong."""
    labelled = {w: terms for w, terms in glossary.items() if w in lexicon}
    best: Fit | None = None
    for k in ks:
        for t in thresholds:
            kept = tp = wanted = 0
            for word, terms in labelled.items():
                got = {fold_diacritics(v) for v, s in lexicon[word][:k] if s >= t}
                kept += len(got)
                tp += len(got & terms)
                wanted += len(terms)
            p = tp / kept if kept else 0.0
            r = tp / wanted if wanted else 0.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            if best is None or f1 > best.f1:
                best = Fit(t, k, p, r, f1, len(labelled))
    assert best is not None
    return best


def write(path: Path, lexicon: dict[str, list[tuple[str, float]]], fit: Fit, header: Sequence[str]) -> int:
    """Write the kept entries (``word<TAB>term:cosine|…``); returns how many words have one."""
    lines = [f"# {h}" for h in header]
    lines.append(f"# threshold={fit.threshold:.2f} k={fit.k}: glossary F1 {fit.f1:.3f} "
                 f"(precision {fit.precision:.3f}, recall {fit.recall:.3f}, {fit.labelled} labelled words)")
    n = 0
    for word in sorted(lexicon):
        kept = [(v, s) for v, s in lexicon[word][:fit.k] if s >= fit.threshold]
        if kept:
            lines.append(word + "\t" + "|".join(f"{v}:{s:.3f}" for v, s in kept))
            n += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


def _single_word_glossary() -> dict[str, set[str]]:
    from qa.domain import load_domain

    return {en: set(vi) for en, vi in load_domain(None).glossary.items() if " " not in en}


def main(argv: list[str] | None = None) -> None:
    from evals.news import default_corpus, draw_sample, read_corpus
    from qa import components
    from qa.settings import Settings

    parser = argparse.ArgumentParser(prog="python -m evals.fit_lexicon", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus(), help="the news archive (.tgz)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/vnqa-lexicon-cache"),
                        help="where embedded chunks are kept, so an interrupted run resumes")
    parser.add_argument("--english-words", type=int, default=20000)
    parser.add_argument("--min-bigram", type=int, default=50)
    parser.add_argument("--min-unigram", type=int, default=100)
    args = parser.parse_args(argv)

    from wordfreq import top_n_list

    articles = list(read_corpus(args.corpus))
    held_out = set(draw_sample(articles).heldout)
    counts = count_terms(a.text for a in articles if a.doc_id not in held_out)
    vi = vietnamese_terms(counts, min_unigram=args.min_unigram, min_bigram=args.min_bigram)
    en = english_words(top_n_list("en", args.english_words + 5000), n=args.english_words)
    print(f"{len(vi)} Vietnamese terms from {len(articles) - len(held_out)} articles; {len(en)} English words")

    embedder = components.make_embedder(Settings())
    embedder.batch_size = 64
    def embed(texts: list[str]) -> np.ndarray:
        return np.asarray(embedder.embed_documents(texts), dtype=np.float32)
    vi_vectors = embed_cached(vi, embed, args.cache / "vi", model=embedder.model_id)
    en_vectors = embed_cached(en, embed, args.cache / "en", model=embedder.model_id)
    index, sims = nearest(en_vectors, vi_vectors, k=5)
    lexicon = {w: [(vi[j], float(s)) for j, s in zip(index[i], sims[i])] for i, w in enumerate(en)}

    fit = choose(lexicon, _single_word_glossary(), thresholds=[x / 100 for x in range(50, 86)], ks=(1, 2, 3, 4, 5))
    header = [f"English -> Vietnamese terms nearest by {embedder.model_id}; written by python -m evals.fit_lexicon",
              f"{len(vi)} Vietnamese terms (unigrams >= {args.min_unigram}, pairs >= {args.min_bigram} in the "
              f"archive, held-out articles left out); {len(en)} English words (wordfreq)"]
    n = write(args.out, lexicon, fit, header)
    print(f"threshold {fit.threshold:.2f}, k {fit.k}: glossary F1 {fit.f1:.3f} (precision {fit.precision:.3f}, "
          f"recall {fit.recall:.3f}, {fit.labelled} words); {n} words written to {args.out}")


if __name__ == "__main__":
    main()
