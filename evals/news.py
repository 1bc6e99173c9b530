"""The real-news evaluation set: which VietNews articles the news fixtures are about.

The corpus (``../shared/corpora/vietnews-val.tgz``, 22,642 articles) is research data that
is read in place and never copied into the repository. Fixtures name articles by id (the file
name without ``.txt``: ``vn_val_000100``). The sample is drawn once, with a fixed seed, across
the whole id range (neighbouring files tend to share a section), and split *by article* into
tuning and held-out sets before anything is tuned, so a held-out question is never about an
article the tuning saw.

``python -m evals.news sample`` prints the sample (the fixtures in ``evals/fixtures/news/``
were written from it); ``python -m evals.news export DEST --distractors 300`` writes the sampled
articles plus that many other articles drawn from the whole archive (distractors) as ``.txt``
files for ``qa index``::

    python -m evals.news export /tmp/news --distractors 300
    VNQA_DATA_DIR=/tmp/news-index qa index /tmp/news
    VNQA_DATA_DIR=/tmp/news-index qa eval evals/fixtures/news

A development round (``evals/fixtures/rounds/``: questions about other articles than the
sample's, written to find failures) is exported the same way with ``--fixtures FILE``.
"""

from __future__ import annotations

import argparse
import random
import tarfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from evals.scoring import load_fixtures
from vectorstore.errors import BadInput

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


def distractors(articles: list[NewsArticle], sample: Sample, n: int, *, seed: int = SEED,
                also: Iterable[str] = ()) -> list[str]:
    """``n`` other article ids drawn across the archive: what a question must not be answered from
    (not the sample's, nor ``also``: a round's own articles)."""
    taken = set(sample.tuning) | set(sample.heldout) | set(also)
    rest = sorted(a.doc_id for a in articles if a.doc_id not in taken)
    return sorted(random.Random(seed + 1).sample(rest, min(n, len(rest))))


def export(articles: list[NewsArticle], doc_ids: list[str], dest: Path) -> int:
    """Write ``doc_ids`` as ``<id>.txt`` under ``dest`` (outside the repository); returns how many."""
    dest.mkdir(parents=True, exist_ok=True)
    text_of = {a.doc_id: a.text for a in articles}
    for doc_id in doc_ids:
        (dest / f"{doc_id}.txt").write_text(text_of[doc_id], encoding="utf-8")
    return len(doc_ids)


def default_corpus() -> Path:
    """``../shared/corpora/vietnews-val.tgz`` beside the checkout (the repository never holds it)."""
    return Path(__file__).resolve().parents[2] / "shared" / "corpora" / "vietnews-val.tgz"


def export_eval_set(tgz: Path, dest: Path, *, n_distractors: int) -> list[str]:
    """Write the fixture articles plus ``n_distractors`` others under ``dest``; returns their ids."""
    articles = list(read_corpus(tgz))
    sample = draw_sample(articles)
    ids = [*sample.tuning, *sample.heldout, *distractors(articles, sample, n_distractors)]
    export(articles, ids, dest)
    return ids


def fixture_articles(paths: Iterable[Path]) -> list[str]:
    """The articles fixture files are about (:func:`evals.scoring.load_fixtures`): each question's
    ``docs`` and ``near`` ids, once, in order."""
    return list(dict.fromkeys(d for f in load_fixtures(paths) for d in (*f.docs, *f.near)))


def export_round(tgz: Path, fixtures: list[Path], dest: Path, *, n_distractors: int) -> list[str]:
    """Write the articles a round of fixtures is about (``evals/fixtures/rounds/``) plus
    ``n_distractors`` others, none of the sample's, under ``dest``; returns their ids. A round
    is kept as fixtures only, so any machine rebuilds its index from the archive."""
    articles = list(read_corpus(tgz))
    own = fixture_articles(fixtures)
    known = {a.doc_id for a in articles}
    if missing := [d for d in own if d not in known]:
        raise ValueError(f"{len(missing)} article(s) the fixtures name are not in {tgz}: {', '.join(missing[:5])}")
    ids = [*own, *distractors(articles, draw_sample(articles), n_distractors, seed=SEED + 2, also=own)]
    export(articles, ids, dest)
    return ids


def main(argv: list[str] | None = None) -> None:
    default = default_corpus()
    parser = argparse.ArgumentParser(prog="python -m evals.news", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=default, help=f"the VietNews archive (default {default})")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("sample", help="print the sampled article ids with their split")
    out = commands.add_parser("export", help="write the sampled articles and distractors as .txt files")
    out.add_argument("dest", type=Path)
    out.add_argument("--distractors", type=int, default=300, help="other articles to add (default 300)")
    out.add_argument("--fixtures", type=Path, action="append", default=[],
                     help="export the articles these fixtures (a round: evals/fixtures/rounds/) are about, "
                          "not the sample (repeatable)")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        parser.exit(2, f"error: no VietNews archive at {args.corpus}; pass --corpus PATH\n")
    if args.command == "sample":
        sample = draw_sample(list(read_corpus(args.corpus)))
        for split in ("tuning", "heldout"):
            for doc_id in getattr(sample, split):
                print(f"{split}\t{doc_id}")
        return
    if args.fixtures:
        try:
            ids = export_round(args.corpus, args.fixtures, args.dest, n_distractors=args.distractors)
        except (BadInput, ValueError) as e:  # an unreadable fixtures file, an article not in the archive
            parser.exit(2, f"error: {e}\n")
    else:
        ids = export_eval_set(args.corpus, args.dest, n_distractors=args.distractors)
    print(f"wrote {len(ids)} articles to {args.dest}")


if __name__ == "__main__":
    main()
