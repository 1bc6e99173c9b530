"""The real-news evaluation set: which VietNews articles the news fixtures are about.

The corpus (``../shared/corpora/vietnews-val.tgz``, 22,642 articles) is research data that
is read in place and never copied into the repository. Fixtures name articles by id (the file
name without ``.txt``: ``vn_val_000100``). The sample is drawn once, with a fixed seed, across
the whole id range (neighbouring files tend to share a section), and split *by article* into
tuning and held-out sets before anything is tuned, so a held-out question is never about an
article the tuning saw.

Run ``python -m evals.news ../shared/corpora/vietnews-val.tgz`` to print the sample; the
fixtures in ``evals/fixtures/news/`` were written from it.
"""

from __future__ import annotations

import random
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SEED = 16
SAMPLE_SIZE = 92
HELDOUT_SHARE = 0.3
# Articles shorter than this hold too few facts for several questions; longer ones are rare
# and make a question's answer hard to check by reading.
MIN_CHARS, MAX_CHARS = 1200, 7000


@dataclass(frozen=True)
class NewsArticle:
    doc_id: str
    text: str


def read_corpus(tgz: Path) -> Iterator[NewsArticle]:
    """Every article of the archive, in archive order (a gzip stream: reading out of order would
    decompress it again for every member), NFC text as stored."""
    with tarfile.open(tgz, "r:gz") as archive:
        for member in archive:
            if member.isfile() and member.name.endswith(".txt"):
                handle = archive.extractfile(member)
                if handle is not None:
                    yield NewsArticle(Path(member.name).stem, handle.read().decode("utf-8"))


@dataclass(frozen=True)
class Sample:
    tuning: tuple[str, ...]
    heldout: tuple[str, ...]


def draw_sample(articles: list[NewsArticle], *, seed: int = SEED, size: int = SAMPLE_SIZE,
                heldout_share: float = HELDOUT_SHARE) -> Sample:
    """``size`` article ids drawn across the archive, split into tuning and held-out by article."""
    eligible = sorted(a.doc_id for a in articles if MIN_CHARS <= len(a.text) <= MAX_CHARS)
    rng = random.Random(seed)
    chosen = sorted(rng.sample(eligible, size))
    heldout = set(rng.sample(chosen, round(size * heldout_share)))
    return Sample(tuning=tuple(d for d in chosen if d not in heldout), heldout=tuple(d for d in chosen if d in heldout))


def main(argv: list[str]) -> None:
    tgz = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "shared" / "corpora" / "vietnews-val.tgz"
    sample = draw_sample(list(read_corpus(tgz)))
    for split in ("tuning", "heldout"):
        for doc_id in getattr(sample, split):
            print(f"{split}\t{doc_id}")


if __name__ == "__main__":
    main(sys.argv[1:])
