"""Which candidate the English question's noun names: "which bridge …?" is answered by the
name after "cầu", not the one after "phường"; "how many tanks …?" by the figure before "xe tăng".

In news the answer is introduced by a common noun ("cầu Đông Hương", "Bộ trưởng Pháp Nathalie
Loiseau", "sân vận động Luzhniki"). A Vietnamese question names that noun in the article's words
and the ranker also matches it as written (:func:`qa.features` ``asked_noun_before``). An English
question names it in English ("which bridge", "which French minister"), which never occurs in a
Vietnamese article, so the nouns are compared by the embedding model instead, which puts both
languages in one space: no dictionary, any noun. What a Vietnamese question counts is compared
the same way (as typed: :func:`qa.units.counted_noun_vi`): "bao nhiêu người" is nearer "người" than
"hộ" after a figure, with no table of counting nouns. The similarity of the asked noun to the nouns
before each name, and whether it is the most similar (with how far it is below the question's
best), become ranker features (``asked_noun_*``); the same for the noun a "how many" question
counts and the nouns after each figure (``counted_noun_*``). The fit decides what they are worth.

The matcher is passed in (:class:`NounMatcher`), so tests use a fake and the answerer works without
one (the features are then absent, as for every Vietnamese question).
"""

from __future__ import annotations

import re

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from itertools import islice, takewhile
from threading import Lock
from typing import Protocol

import numpy as np

from qa.candidates import MAGNITUDE_WORDS
from qa.tagging import Candidate, tag
from vectorstore.text import nfc

# Candidates that a noun introduces: names, and names with their noun.
NAMED_TYPES = frozenset({"PER", "LOC", "ORG", "MISC", "PROPN", "HEADED"})
_NOUN_TAGS = frozenset({"N", "Nc", "Np", "Ny", "Nb"})
# Figures that count something, and the words that say what.
COUNTED_TYPES = frozenset({"COUNT", "NUMWORD"})
_COUNTED_TAGS = frozenset({"N", "Nc", "Nu", "Ny", "Nb"})
# A unit written on a figure, glued or spaced, inside the candidate ("60km", "466m2", "20 m"); a
# size word is no unit ("2,7 triệu học sinh" counts pupils).
_UNIT_INSIDE = re.compile(rf"\d\s?(?!(?:{MAGNITUDE_WORDS})$)([^\W\d_]+\d?)$")
MAX_HEAD_WORDS = 3  # a title is seldom longer: "Bộ trưởng Ngoại giao Pháp"
# The words that name a count before its figure: "nâng tổng số cơ sở đào tạo … lên 386", "số
# người chết tăng lên 12", "số lượng khách … đạt 15 triệu"; and the marks that end the clause
# in which the figure is that count.
_TOTAL_WORDS = frozenset({"số", "tổng số", "số lượng", "tổng số lượng"})
# the verbs and particles that make the figure after them the count: "nâng tổng số … lên 386"
_COUNT_LINKS = frozenset({"là", "lên", "đạt", "tăng", "giảm", "có", "tới", "còn", "khoảng", "gần", "hơn",
                          "đến", "chỉ", "xuống", "thành", "lên tới", "lên đến", "vượt"})
# "biển số", "xổ số", "chữ số", "trong số" (among): no count follows
_NAMING_SO = frozenset({"biển", "xổ", "chữ", "trong", "con", "quay"})
_CLAUSE_MARKS = frozenset({",", ";", ":", "(", ")", "-", "–", "—"})  # not quotes: a name inside ("Nhành Ôliu")


class NounMatcher(Protocol):
    """How alike an English noun is to each Vietnamese phrase (cosine similarities)."""

    def similarities(self, noun: str, phrases: Sequence[str]) -> list[float]: ...


class Embedder(Protocol):
    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...


class EmbeddedNouns:
    """:class:`NounMatcher` on the embedding model, with the vectors of the last ``cache``
    phrases kept: the same nouns ("ông", "tỉnh", "công ty") come back question after question."""

    def __init__(self, embedder: Embedder, cache: int = 4096) -> None:
        self.embedder = embedder
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache = cache
        self._lock = Lock()

    def similarities(self, noun: str, phrases: Sequence[str]) -> list[float]:
        wanted = list(dict.fromkeys([noun, *phrases]))
        with self._lock:
            known = {t: self._vectors[t] for t in wanted if t in self._vectors}
        missing = [t for t in wanted if t not in known]
        if missing:
            vectors = np.asarray(self.embedder.embed_documents(missing), dtype=np.float32)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            known.update(zip(missing, vectors / np.where(norms == 0, 1.0, norms)))
        with self._lock:
            for t in wanted:  # the most recently used last
                self._vectors[t] = known[t]
                self._vectors.move_to_end(t)
            while len(self._vectors) > self._cache:
                self._vectors.popitem(last=False)
        asked = known[noun]
        return [float(known[p] @ asked) for p in phrases]


def head_phrase(sentence: str, cand: Candidate) -> str | None:
    """The nouns right before the name in ``cand`` (at most :data:`MAX_HEAD_WORDS` words), in the
    candidate or before it: "cầu" for "Đông Hương" and for "cầu Đông Hương" alike, "Bệnh viện"
    for "Bệnh viện Bạch Mai"; None for a candidate that is no name, or a name that no noun
    introduces."""
    if cand.ctype not in NAMED_TYPES:
        return None
    tokens = tag(nfc(sentence))
    # where the name proper begins: at its first proper noun, after the candidate's own leading
    # common nouns ("cầu" in "cầu Đông Hương", "Bệnh viện" in "Bệnh viện Bạch Mai")
    inside = [t for t in tokens if cand.start <= t.start < cand.end]
    start = next((t.start for t in inside if t.pos in ("Np", "Ny")),
                 next((t.start for t in inside if t.text[:1].isupper()), cand.start))
    head = _nouns(reversed([t for t in tokens if t.end <= start]), _NOUN_TAGS)
    return " ".join(reversed(head)) or None


def counted_phrase(sentence: str, cand: Candidate) -> str | None:
    """The nouns right after a figure (at most :data:`MAX_HEAD_WORDS` words): what it counts ("xe
    tăng" in "hai xe tăng", "tuổi" in "47 tuổi"); for a figure that no noun follows, the nouns
    after "(tổng) số" earlier in its clause ("cơ sở" of "nâng tổng số cơ sở đào tạo … lên 386":
    Vietnamese states a total that way, and without it the total loses to a part that names its
    noun); None for a candidate that is no bare figure, or a figure that says not what it counts."""
    if cand.ctype not in COUNTED_TYPES:
        return None
    if (unit := _UNIT_INSIDE.search(cand.text)) is not None:
        return unit.group(1)  # a measure offered as a count holds its unit: "60km", "20 m"
    tokens = tag(nfc(sentence))
    after = [t for t in tokens if t.start >= cand.end]
    counted = _nouns(after, _COUNTED_TAGS)
    fused = next((t for t in tokens if t.start == cand.start and t.end > cand.end and t.pos in _COUNTED_TAGS), None)
    if fused is not None:  # the tagger's one word "2.750 hộ": the figure, then what it counts
        counted = [fused.text[cand.end - fused.start:].strip(), *counted][:MAX_HEAD_WORDS]
    if not counted and not (after and after[0].pos == "M"):  # "15,5" of "15,5 triệu lượt" is no total
        counted = _count_named_before(tokens, cand)
    return " ".join(counted) or None


def _count_named_before(tokens: Sequence[_Word], cand: Candidate) -> list[str]:
    """The nouns after the last "số" / "tổng số" / "số lượng" of the clause that ends at ``cand``,
    where a verb says the figure is that count ("… lên 386", "… là 12"): "số nhà 52", "số điện
    thoại 119" and "biển số 63" name a number, they count nothing."""
    before = [t for t in tokens if t.end <= cand.start]
    for i in range(len(before) - 1, -1, -1):
        word = before[i].text.lower()
        if word in _CLAUSE_MARKS:
            break
        if word in _TOTAL_WORDS:
            nouns = _nouns(before[i + 1:], _COUNTED_TAGS)
            linked = any(t.text.lower() in _COUNT_LINKS for t in before[i + 1 + len(nouns):])
            named = word == "số" and i > 0 and before[i - 1].text.lower() in _NAMING_SO
            return nouns if linked and not named else []
    return []


class _Word(Protocol):
    """A tagged word (:func:`qa.candidates.tag`)."""

    text: str
    pos: str
    start: int
    end: int


def _nouns(tokens: Iterable[_Word], tags: frozenset[str]) -> list[str]:
    """The words of ``tokens``, in the order given, while they are nouns (``tags``), at most
    :data:`MAX_HEAD_WORDS`."""
    return [t.text for t in islice(takewhile(lambda t: t.pos in tags, tokens), MAX_HEAD_WORDS)]


def noun_features(name: str, noun: str, phrases: Sequence[str | None],
                  matcher: NounMatcher) -> list[dict[str, float]]:
    """Per candidate (``phrases``: each one's :func:`head_phrase` or :func:`counted_phrase`), the
    similarity of its phrase to the question's ``noun`` (``<name>_sim``) and whether it is the
    most similar of the question's phrases (``<name>_best``); {} for one without a phrase. The
    gap to the question's best is added with the other gaps (:func:`qa.features.add_gaps`)."""
    distinct = list(dict.fromkeys(p for p in phrases if p))
    if not noun or not distinct:
        return [{} for _ in phrases]
    sims = dict(zip(distinct, matcher.similarities(noun, distinct)))
    best = max(sims.values())
    # which phrase is nearest is what the question says: one noun's similarities to the others
    # differ by hundredths ("bridge": "cầu" 0.55, "đường" 0.53), too little for a weight to tell apart
    return [{f"{name}_sim": sims[p], f"{name}_best": float(sims[p] == best and len(sims) > 1)} if p else {}
            for p in phrases]
