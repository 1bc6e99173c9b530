"""Fit the English word list (``qa/data/english_words.txt``) that tells names from words.

Why: :mod:`qa.foreign_names` reads a capitalised word of an English question as a foreign name,
which the article must mention, only when it is no English word. The list's length is a trade:
too short and an ordinary word written with a capital ("Paragliding Festival") is demanded of a
Vietnamese article, which never holds it (a false abstention); too long and the names frequent in
English text ("Hormuz", "Juncker") join the words and go unguarded.

How: the words come in frequency order from ``wordfreq`` (a registry package; a fit-time
dependency only). The length is the smallest that holds ``--coverage`` (default 99 %) of the
distinct words the tuning fixtures' English questions write in lower case, which are ordinary
words by the writers' own hand. Held-out fixtures are not read. Only words of four letters or
more are written, since shorter ones are never read as names::

    python -m evals.fit_english_words            # writes qa/data/english_words.txt
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from evals.scoring import load_fixtures
from qa.foreign_names import WORDS_FILE

FIXTURES = Path(__file__).resolve().parent / "fixtures"
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}(?![\w'’])")
_CANDIDATES = 200_000


def lower_case_words(questions: Iterable[str]) -> set[str]:
    """Distinct words of four letters or more written in lower case in ``questions``."""
    return {w for q in questions for w in _LOWER_WORD.findall(q)}


def length_for(ranked: Sequence[str], words: set[str], coverage: float) -> int:
    """The smallest prefix of ``ranked`` that holds ``coverage`` of ``words`` (those it holds at all)."""
    rank = {w: i for i, w in enumerate(ranked)}
    ranks = sorted(rank[w] for w in words if w in rank)
    if not ranks:
        return 0
    return ranks[min(len(ranks), max(1, math.ceil(coverage * len(ranks)))) - 1] + 1


def tuning_english_questions(paths: Iterable[Path]) -> list[str]:
    """English questions of the fixture files (:func:`evals.scoring.load_fixtures`), held-out
    ones left out: a ``heldout.jsonl`` file is not even opened."""
    fixtures = load_fixtures(p for p in paths if p.name != "heldout.jsonl")
    return [f.question for f in fixtures if f.split != "heldout" and f.lang == "en"]


def write(path: Path, words: Sequence[str], header: Sequence[str]) -> int:
    """Write ``words`` of four letters or more under a commented ``header``; the count written.
    Shorter words are never read as names (:mod:`qa.foreign_names`), so they need no place here."""
    kept = [w for w in words if re.fullmatch(r"[a-z]{4,}", w)]
    path.write_text("".join(f"# {h}\n" for h in header) + "\n".join(kept) + "\n", encoding="utf-8")
    return len(kept)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m evals.fit_english_words", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=WORDS_FILE)
    parser.add_argument("--coverage", type=float, default=0.99)
    args = parser.parse_args(argv)

    from wordfreq import top_n_list

    paths = [*sorted((FIXTURES / "news").glob("*.jsonl")), FIXTURES / "vnqa.jsonl", FIXTURES / "public.jsonl"]
    words = lower_case_words(tuning_english_questions(paths))
    ranked = top_n_list("en", _CANDIDATES)
    n = length_for(ranked, words, args.coverage)
    header = [f"English words, most frequent first (wordfreq top {n}, four letters or more); written by "
              f"python -m evals.fit_english_words:",
              f"the shortest list holding {args.coverage:.0%} of the {len(words)} words the tuning fixtures' "
              f"English questions write in lower case"]
    kept = write(args.out, ranked[:n], header)
    print(f"{len(words)} lower-case words in tuning questions; {n} most frequent words hold {args.coverage:.0%}; "
          f"{kept} written to {args.out}")


if __name__ == "__main__":
    main()
