"""The features the fitted ranker scores a candidate answer by.

One function, :func:`features_in_sentence` (:func:`candidate_features`, and for a whole sentence
:func:`sentence_holds` too), shared by the answerer and by the script that fits the weights
(``evals/fit_ranker.py``, through the answerer's ``score``), so what is fitted is exactly what runs. Features are
general: none names a word of any article.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from qa.bodies import ORG_HEADS_VI
from qa.candidates import find_candidates
from qa.diacritics import typed_bare, typed_runs
from qa.entities import mentions
from qa.evidence import span_evidence
from qa.gazetteer import find_places
from qa.qualifiers import Mention
from qa.question import Question
from qa.spans import (ANY_YEAR_RE, HONORIFICS_VI, PLACE_UNIT_NOUNS_VI, Span, find_names, fold_name,
                      sentence_start)
from qa.tagging import Candidate, is_place
from qa.types import Passage
from vectorstore.text import contains_word, fold_diacritics, one_tone_placement, words

# Candidate types pooled into groups, so that a type pair seen rarely in tuning still borrows
# strength from its group ("type:organisation:MISC" is rare, "group:organisation:name" is not).
_GROUP = {"PER": "name", "LOC": "name", "ORG": "name", "MISC": "name", "PROPN": "name", "HEADED": "name",
          "NP": "phrase", "COUNT": "figure", "NUMWORD": "figure", "MONEY": "amount", "PERCENT": "amount",
          "DATE": "time", "YEAR": "time", "TIME": "time", "DURATION": "amount", "CODE": "code",
          "REASON": "clause", "SENTENCE": "clause", "READER": "reader"}
# Features compared with the best of the same question: the ranker learns "the closest sentence
# of those retrieved", which transfers across questions better than an absolute cosine.
GAP_FEATURES = ("sim", "passage", "overlap", "context", "asked_noun_sim", "counted_noun_sim")

# The words that make a place of a place's name ("Thành phố Huế", "tỉnh Quảng Nam"): with one
# before it the question's place is still itself, not the seat of a body.
_PLACE_HEAD = re.compile(rf"(?i:{PLACE_UNIT_NOUNS_VI}|thủ đô)")
_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?![\w-])")
# an honorific and a given name opening a sentence: "Ông Quyết cho biết …"
_OPENING_HONORIFIC = re.compile(
    rf"\W*(?:{'|'.join(h.capitalize() for h in sorted(HONORIFICS_VI))}) ([^\W\d_]+)")
_FIGURES = frozenset({"COUNT", "NUMWORD", "MONEY", "PERCENT", "DURATION", "MEASURE", "DATE", "YEAR", "TIME"})
# How the old coarse span kinds see a candidate type (for the unit / share / date evidence).
_KIND = {"COUNT": "number", "MONEY": "number", "PERCENT": "number", "DURATION": "number", "DATE": "date",
         "YEAR": "date", "TIME": "date", "CODE": "document", "PER": "person"}


@dataclass(frozen=True)
class SentenceContext:
    """What is known of a retrieved sentence before its candidates are scored.

    ``rank``: its place among the sentences considered (0 first); ``passage_score``: the score
    of the retrieved passage holding it; ``overlap``: the share of the question's (weighted)
    terms it or the sentence before it contains; ``doc_rank``: its article's place among the
    eligible articles; ``weights``: the question terms' local rarity; ``holder``: the
    retrieved passage that contains the sentence, if one does; ``lacks_names``: the share of
    the question's proper names its article does not mention; ``missing`` and ``conflicts``:
    the share of the question's qualifiers the sentence (and the one before) does not name, and
    the sentence's days, numbered things and localities that are none of the question's
    (:func:`qa.qualifiers.sentence_fit`); ``people_absent``: the question names people, and neither
    the sentence nor the one before names any of them (:func:`asked_people_absent`).
    """

    sentence: Passage
    rank: int
    passage_score: float
    overlap: float
    doc_rank: int
    weights: dict[str, float]
    holder: Passage | None = None
    lacks_names: float = 0.0
    missing: float = 0.0
    conflicts: tuple[Mention, ...] = ()
    people_absent: bool = False


def candidate_features(q: Question, ctx: SentenceContext, cand: Candidate) -> dict[str, float]:
    """Named feature values of ``cand`` in ``ctx.sentence`` for question ``q``."""
    text = ctx.sentence.text
    kind = _KIND.get(cand.ctype, "free")
    context, bonus = span_evidence(q, text, Span(cand.text, cand.start, cand.end, kind), ctx.weights)
    cand_words = [fold_diacritics(w) for w in words(cand.text)]
    # a figure's unit is what the question asks in ("bao nhiêu phút": "28 phút"), not a sign that
    # the candidate repeats the question
    shared = (sum(w in q.folded_words for w in cand_words) / len(cand_words)
              if cand_words and cand.ctype not in _FIGURES else 0.0)
    whole_in_q = bool(cand_words) and contains_word(q.folded, fold_diacritics(cand.text))
    en = q.language == "en"
    named = _names_entity(q, cand.text)
    f = {
        f"type:{q.answer_type}:{cand.ctype}": 1.0,
        f"ctype:{cand.ctype}": 1.0,
        f"group:{q.answer_type}:{_GROUP.get(cand.ctype, 'other')}": 1.0,
        "sim": ctx.sentence.score,
        "sim_en": ctx.sentence.score if en else 0.0,
        "first_sentence": 1.0 if ctx.rank == 0 else 0.0,
        "sentence_rank": 1.0 / (1.0 + ctx.rank),
        "passage": ctx.passage_score,
        "overlap": ctx.overlap,
        "first_article": 1.0 if ctx.doc_rank == 0 else 0.0,
        # log, not a cap: in a list ("15 đồng chí học lớp cao cấp…, 3 đồng chí học lớp trung cấp…")
        # the figures differ only in how much of the question sits beside them.
        "context": math.log1p(max(context, 0.0)),
        "context_en": math.log1p(max(context, 0.0)) if en else 0.0,
        "bonus": max(-3.0, min(bonus, 3.0)) / 3.0,
        "in_question": 1.0 if whole_in_q else 0.0,
        "shared_with_question": shared,
        "words": math.log1p(len(cand_words)),
        "asked_noun_before": _asked_before(q, text, cand),
        "names_question_entity": 1.0 if named == "self" else 0.0,
        "seated_in_question_place": 1.0 if named == "seat" else 0.0,
        "article_lacks_names": ctx.lacks_names,
        "sentence_lacks_qualifiers": ctx.missing,
        # another district, day or line in the very sentence, outside the candidate itself
        "sentence_other_qualifier": 1.0 if any(m.end <= cand.start or cand.end <= m.start
                                               for m in ctx.conflicts) else 0.0,
        "ends_clause": 1.0 if re.match(r"\s*[,.;:!?)”\"]|\s*$", text[cand.end:]) else 0.0,
    }
    if _personal_name(cand.text):
        # a Vietnamese personal name, whatever the recogniser called it: what a question for a
        # person wants and one for a body does not ("Trịnh Đình Dũng" for "which ministry")
        f[f"personal_name:{q.answer_type}"] = 1.0
    f.update(_nearest_name(q, text, cand))
    if cand.ctype in ("DATE", "YEAR", "TIME") and q.wants_year:
        # "In what year …" is not answered by "15-10": the granularity asked is part of the type.
        f["year_asked_has_year"] = 1.0 if ANY_YEAR_RE.search(cand.text) else -1.0
    # The question's words beside a candidate count only if the candidate is of a fitting kind:
    # the same evidence per (expected type, candidate group) lets the fit learn where it counts.
    group = _GROUP.get(cand.ctype, "other")
    f[f"context:{q.answer_type}:{group}"] = f["context"]
    f[f"bonus:{q.answer_type}:{group}"] = f["bonus"]
    return f


@lru_cache(maxsize=8192)
def _personal_name(text: str) -> bool:
    """Whether ``text`` is, whole, a Vietnamese personal name (:func:`qa.spans.find_names`)."""
    names = find_names(text)  # with the places it names: "Hà Nội", "Thái Bình" are no people
    return len(names) == 1 and names[0].start == 0 and names[0].end == len(text)


def features_in_sentence(q: Question, ctx: SentenceContext, cand: Candidate,
                         siblings: list[Candidate]) -> dict[str, float]:
    """``cand``'s features; a whole sentence's also say which kinds of candidate it holds
    (``siblings``: every candidate of the sentence, ``cand`` among them)."""
    f = candidate_features(q, ctx, cand)
    if cand.ctype == "SENTENCE":
        return f | sentence_holds(q, siblings)
    if (_GROUP.get(cand.ctype) == "name" and not is_place(cand.text) and not _personal_name(cand.text)
            and any(_GROUP.get(o.ctype) == "name" and o.ctype != "HEADED" and o.start <= cand.start
                    and cand.end <= o.end and o.end - o.start > cand.end - cand.start for o in siblings)):
        # a fragment of a longer name ("Người" of "báo Người Đưa Tin", "TAND Cấp" of a court's
        # name): the recogniser's cut, which the fit may trust less than the whole. Not a whole
        # place or person inside a body's name or after a title (a seat, "ông Nguyễn Văn An").
        f["part_of_name"] = 1.0
    return f


def sentence_holds(q: Question, siblings: list[Candidate]) -> dict[str, float]:
    """Which candidate groups a sentence holds, per expected type: features of its whole-sentence candidate.

    A sentence quoted for "how many guests came?" that holds no figure cannot answer it, however
    close to the question it is; one quoted for "which company?" may, since names are missed
    more often than figures. So the sentence fallback learns per expected type which groups
    (``figure``, ``time``, ``name``, …) a sentence worth quoting holds, rather than a rule
    saying so.
    """
    groups = {_GROUP.get(c.ctype, "other") for c in siblings if c.ctype != "SENTENCE"}
    return {f"holds:{q.answer_type}:{g}": 1.0 for g in sorted(groups)}


def add_gaps(rows: list[dict[str, float]]) -> None:
    """Add ``<name>_gap`` (value minus the question's best) to every row that has ``name``, for
    :data:`GAP_FEATURES`. A row without it gets no gap: a candidate with no noun before it is
    not "far below the best" in how alike that noun is (:mod:`qa.head_nouns`)."""
    for name in GAP_FEATURES:
        having = [r for r in rows if name in r]
        best = max((r[name] for r in having), default=0.0)
        for r in having:
            r[f"{name}_gap"] = r[name] - best


def _nearest_name(q: Question, sentence: str, cand: Candidate) -> dict[str, float]:
    """Whom the candidate belongs to: whether the name nearest to it in the sentence is one the
    question names, or someone else's.

    A look-alike question often swaps the subject ("How old is Lauren Sanchez?" of a sentence
    giving "Anthony Miller, 53 tuổi"): the figure is there, but bound to another name.
    Only for questions that name someone; 0 for both otherwise.
    """
    asked = q.named
    if not asked:
        return {}
    best: tuple[int, str] | None = None
    for start, end, folded in _sentence_names(sentence) + _given_names(sentence, q.names):
        if start < cand.end and cand.start < end:
            continue  # the candidate itself, or a name overlapping it
        gap = cand.start - end if end <= cand.start else start - cand.end
        if best is None or gap < best[0]:
            best = (gap, folded)
    if best is None:
        return {}
    mine = any(a in best[1] or best[1] in a for a in asked)
    return {"nearest_name_asked": 1.0 if mine else 0.0, "nearest_name_other": 0.0 if mine else 1.0}


def asked_people_absent(q: Question, sentence: str, previous: str) -> bool:
    """Whether ``q`` names people by a full name (three words or more: the recogniser's two-word
    "persons" of a question are often places, "Hà Đông", "Cao Lanh") and neither ``sentence`` nor
    ``previous`` (the sentence before it) names any of them, in full, by the given name alone
    ("bị cáo Bình") or after an honorific that opens the sentence ("Ông Quyết cho biết …")."""
    people = [e for e in q.entities if e.kind == "person" and len(e.key.split()) >= 3]
    if not people:
        return False
    keys = [e.key for e in people]
    given = {fold_diacritics(k.split()[-1]) for k in keys}
    for text in (sentence, previous):
        if any(mentions(text, e) for e in people) or _given_names(text, keys):
            return False
        opening = _OPENING_HONORIFIC.match(text)
        if opening and fold_diacritics(opening.group(1)) in given:
            return False
    return True


def bound_elsewhere(q: Question, ctx: SentenceContext, cand: Candidate) -> bool:
    """Whether ``cand`` belongs to someone the question does not ask about: the question names a
    person, the candidate's sentence (and the one before it) does not (``ctx.people_absent``:
    :func:`asked_people_absent`), and the person named nearest the candidate is another. "How long
    was Phạm Công Định sentenced?" of "HĐXX tuyên phạt bị cáo Lưu Văn Đức 17 năm tù": the victim's
    question, the killer's sentence. A weighed feature (``nearest_name_other``) leaves such a figure likely
    enough whenever the rest of the sentence fits, which is what a look-alike is made of; the
    answerer does not offer it at all. Only a person counts as the nearest name here, not an
    acronym ("GDP", "EVN") or a photographer's credit in capitals."""
    if not ctx.people_absent:
        return False
    nearest = _nearest_person(ctx.sentence.text, cand)
    return nearest is not None and not any(a in nearest or nearest in a for a in q.named)


def _nearest_person(sentence: str, cand: Candidate) -> str | None:
    """The folded name of the person named nearest ``cand`` in ``sentence`` (not ``cand`` itself)."""
    best: tuple[int, str] | None = None
    for c in find_candidates(sentence):
        if c.ctype != "PER" or c.text.isupper() or (c.start < cand.end and cand.start < c.end):
            continue
        gap = cand.start - c.end if c.end <= cand.start else c.start - cand.end
        if best is None or gap < best[0]:
            best = (gap, fold_name(c.text))
    return best[1] if best else None


def _given_names(sentence: str, people: Collection[str]) -> list[tuple[int, int, str]]:
    """Where ``sentence`` calls an asked person by the given name alone ("tuyên phạt bị cáo Bình 10
    năm tù" of "Nguyễn Bá Bình"), as the news does after the first mention, whatever the tagger
    made of the word (there: part of a place). ``people``: the question's personal names as
    written. The word must match with its diacritics (unless the question typed the name bare),
    stand alone (not in "Hải Dương", "Nghệ An") and not open the sentence ("Năm 1990", "Hai bị
    cáo")."""
    return list(_given_names_in(sentence, tuple(people)))


@lru_cache(maxsize=4096)
def _given_names_in(sentence: str, people: tuple[str, ...]) -> tuple[tuple[int, int, str], ...]:
    """:func:`_given_names`, cached: asked once per candidate of a sentence."""
    given = {p.split()[-1] for p in people if len(p.split()) >= 2}
    if not given:
        return ()
    # a name typed bare ("Nguyen Ba Binh") is matched without diacritics, one typed with them as typed
    bare = {fold_diacritics(g) for g in given if fold_diacritics(g) == g.lower()}
    out = []
    for m in _WORD.finditer(sentence):
        word = m.group()
        if (word not in given and fold_diacritics(word) not in bare) or sentence_start(sentence, m.start()):
            continue
        before, after = sentence[:m.start()].split()[-1:], sentence[m.end():].split()[:1]
        if any(w[:1].isupper() for w in before + after):
            continue
        out.append((m.start(), m.end(), fold_name(m.group())))
    return tuple(out)


def _sentence_names(sentence: str) -> list[tuple[int, int, str]]:
    """The people and proper-noun runs of a sentence, with offsets, folded (candidates are cached)."""
    return [(c.start, c.end, fold_name(c.text)) for c in find_candidates(sentence) if c.ctype in ("PER", "PROPN")]


def _another_given_name(q: Question, text: str, key: str) -> bool:
    """Whether ``text`` names the question's foreign name ``key`` (often a surname alone) with a
    capitalised word before it that the question does not write: "Hussein Basaran" is not the
    "Mina Basaran" asked about, where "Thaksin Shinawatra", "đảo Kerkenna" and "siêu mẫu Irina
    Shayk" are the question's own."""
    words = text.split()
    first = fold_name(key.split()[0])
    at = next((i for i, w in enumerate(words) if fold_name(w) == first), None)
    if not at:
        return False
    before = words[at - 1]
    return before[:1].isupper() and fold_name(before) not in q.folded_words


def _names_entity(q: Question, text: str) -> str | None:
    """Whether the candidate is (or names) something the question already names: "self" where it
    is that thing ("Thành phố Hồ Chí Minh" for a question about "Ho Chi Minh City" is the subject,
    not the answer); "seat" where a body is named with the question's place as its seat ("Liên
    đoàn bóng đá Thái Lan" for "which organisation … against Thailand", "UBND tỉnh Quảng Nam"),
    which may well be the answer (a body: its first word capitalised, or a body's noun); None where
    neither."""
    if not q.entities:
        return None
    folded = fold_name(text)
    if any(fold_name(e.key) in folded for e in q.entities if e.kind not in ("place", "foreign")):
        return "self"
    if any(fold_name(e.key) in folded and not _another_given_name(q, text, e.key)
           for e in q.entities if e.kind == "foreign"):
        return "self"
    asked = [p for p in find_places(text, accent_insensitive=True) if p.name in q.places]
    if not asked:
        return None
    head = text[:asked[-1].start].split()
    body = len(head) >= 2 and (head[0][:1].isupper() or any(" ".join(head[:n]).lower() in ORG_HEADS_VI
                                                             for n in (1, 2, 3)))
    if body and not _PLACE_HEAD.fullmatch(" ".join(head)):
        return "seat"
    return "self"


@lru_cache(maxsize=256)
def _asked_forms(question: str, asked: str) -> tuple[bool, frozenset[str]]:
    """Whether ``question`` was typed bare, and the first two words of its asked noun as the user
    typed them: the words of the question that fold to ``asked``, the last such run (the one
    before the question word: "Cơ quan nào của quận …": "cơ quan"), compared as
    :func:`_word_form` says. Once per question, not per candidate."""
    bare = typed_bare(question)
    return bare, frozenset(_word_form(w, bare) for w in _typed_asked(question, asked)[:2] if len(w) > 1)


def _typed_asked(question: str, asked: str) -> list[str]:
    """The words of ``question`` that fold to ``asked`` (the last such run: the one before the
    question word), as typed; ``asked``'s own words when none do."""
    runs = typed_runs(question, asked.split())
    return runs[-1][1] if runs else asked.split()


def _word_form(word: str, bare: bool) -> str:
    """A word as the asked noun is compared: folded when the question was typed bare, else with
    its diacritics (one tone placement)."""
    return fold_diacritics(word) if bare else one_tone_placement(word.lower())


_CLAUSE_MARK = re.compile(r"[(),;:]")


def _asked_before(q: Question, sentence: str, cand: Candidate) -> float:
    """1 when the noun the question asks about ("tờ báo" in "tờ báo nào") introduces the candidate
    ("báo Bild") or begins it ("Tổng công ty Sông Đà" for "tổng công ty nào")."""
    if not q.asked or q.language != "vi":  # an English noun is matched by meaning (qa.head_nouns)
        return 0.0
    # Vietnamese noun phrases are head-first ("tờ báo Đức nào": the head is "tờ báo", "Đức" only
    # qualifies it), so the first words of the asked phrase are the ones an answer follows.
    # With the diacritics the user typed: "cơ quan nào" is not answered by "quận Kiến An"; typed
    # bare ("to bao nao …"), any accents match.
    bare, asked = _asked_forms(q.text, q.asked)
    # the noun right before, in the same clause: "làng" introduces "làng Bào", not the commune
    # in brackets after it ("làng Bào (xã Phúc Thịnh, …)")
    before = _CLAUSE_MARK.split(sentence[max(0, cand.start - 40):cand.start])[-1]
    nearby = words(before)[-2:] + words(cand.text)[:2]
    return 1.0 if {_word_form(w, bare) for w in nearby} & asked else 0.0
