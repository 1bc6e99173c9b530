"""A large corpus made from the real articles, with the real articles hidden inside it.

Scaling has to be measured on many more chunks than five articles give, and fetching news
is not possible offline. Each synthetic article takes a real headline and a random mix of
real sentences, and then moves them elsewhere: every place becomes one other province,
every person another name, every figure another figure. The text stays Vietnamese news
prose (what the embedder and BM25 see in real use), but no synthetic article holds a fixture's
answer, so the fixtures still have exactly one right article each - retrieval at scale has to
find it among ever more look-alikes.

Deterministic for a seed, so a second run re-embeds nothing (see :mod:`bench.embed_cache`).
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator, Sequence

from qa.domain import load_domain
from vectorstore.sentences import sentence_spans
from vectorstore.text import nfc
from vectorstore.types import Article

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")
_MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Quang", "Thanh", "Hữu", "Ngọc", "Xuân", "Hoài")
_GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hạnh", "Khoa", "Lan", "Long", "Mai", "Nam", "Phúc",
          "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Vinh", "Yến")
_UPPER = "A-ZÀ-ỸĐ"
_PERSON_RE = re.compile(rf"\b(?:{'|'.join(_SURNAMES)})(?:\s+[{_UPPER}][^\s,.;:()]*){{1,3}}")
_NUMBER_RE = re.compile(r"\d+")
# the places of the real articles, with the ways they are written there
_REAL_PLACES = re.compile("|".join(sorted(map(re.escape, (
    "Thành phố Hồ Chí Minh", "TP Hồ Chí Minh", "TP.HCM", "TP HCM", "Hồ Chí Minh", "Hà Nội", "Móng Cái",
    "Quảng Ninh", "Thủ đô")), key=len, reverse=True)))
# the packaged gazetteer, whatever vocabulary is in use, so the stream stays the same
_PROVINCES = tuple(p for p in load_domain().places if p not in ("Hà Nội", "TP HCM", "Móng Cái", "Quảng Ninh"))


def _sentences(article: Article) -> list[str]:
    return [article.text[a:b].strip() for a, b in sentence_spans(article.text) if len(article.text[a:b].split()) >= 5]


def _shift_number(match: re.Match[str], rng: random.Random) -> str:
    digits = match.group()
    if len(digits) == 4 and digits.startswith(("19", "20")):
        return str(rng.randint(2005, 2025))  # a year stays a year
    low = 10 ** (len(digits) - 1) if len(digits) > 1 else 1
    return str(rng.randint(low, 10 ** len(digits) - 1))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def relocate(text: str, place: str, rng: random.Random) -> str:
    """``text`` about another place, with other people and other figures."""
    text = _REAL_PLACES.sub(place, text)
    text = _PERSON_RE.sub(lambda m: _person(rng), text)
    return _NUMBER_RE.sub(lambda m: _shift_number(m, rng), text)


def synthetic_articles(real: Sequence[Article], *, seed: int = 7) -> Iterator[Article]:
    """An endless, reproducible stream of synthetic articles built from ``real``."""
    rng = random.Random(seed)
    pool = [s for a in real for s in _sentences(a)]
    if not pool:
        raise ValueError("the real articles have no sentences to recombine")
    i = 0
    while True:
        base = rng.choice(real)
        place = rng.choice(_PROVINCES)
        paragraphs = []
        for _ in range(rng.randint(2, 5)):
            paragraphs.append(" ".join(relocate(rng.choice(pool), place, rng) for _ in range(rng.randint(2, 4))))
        title = relocate(base.title, place, rng)
        text = nfc("\n\n".join(paragraphs))
        digest = hashlib.sha1(f"{seed}:{i}:{text}".encode()).hexdigest()[:12]
        yield Article(doc_id=f"syn{i:06d}_{digest}", title=nfc(title), text=text, published=base.published,
                      source="synthetic")
        i += 1
