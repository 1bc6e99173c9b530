"""Understand a question: its language, what kind of answer it wants, and what it names.

The answerer needs to know that "Móng Cái cử bao nhiêu đồng chí đi học … năm 2019?" wants a
*count*, about *Móng Cái*, in *2019*, so it can pick a figure from a sentence about that
city and that year, and abstain rather than answer with another city's figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from qa.answer_types import (AnswerType, asked_noun, asks_clock_time, asks_kind, asks_measure, asks_year,
                             expected_type, measure_asked, says_percent)
from qa.entities import Entity, find_entities, outside_names
from qa.filters import NewsFilter, named_period
from qa.gazetteer import PlaceMention, find_places
from qa.glossary import expand_english
from qa.language import detect_language
from qa.units import asked_unit, counted_noun, counted_noun_vi
from qa.spans import asked_years, fold_name
from qa.types import AnswerKind, Language
from vectorstore.text import fold_diacritics, nfc, words

_KIND_RULES: list[tuple[AnswerKind, re.Pattern[str]]] = [
    ("document", re.compile(
        r"\b(quyet dinh|nghi quyet|ke hoach|de an|van ban|chi thi|huong dan|quy dinh|thong bao|cong van)"
        r"( so)? (nao|gi)\b|\bso hieu\b|\b(which|what) (decision|resolution|plan|document|directive|regulation|"
        r"project|guideline|instruction)\b|\bdocument (number|code)\b")),
    ("date", re.compile(
        r"\b(ngay( \w+){0,2} nao|khi nao|luc nao|bao gio|thoi gian nao|ngay bao nhieu|nam nao|thang nao|"
        r"thoi diem nao|ngay may)\b|^when\b|\bwhen (was|were|did|is|does|will)\b|\b(what|which) (date|day|year|month)\b|"
        r"\bon what date\b")),
    ("number", re.compile(
        r"\bbao nhieu\b|\bmay (nguoi|can bo|dong chi|luot|chi tieu|truong hop)\b|\bty le\b|\bphan tram\b|"
        r"\bso luong\b|\bhow (many|much)\b|\bwhat (percentage|percent|share|proportion|number|fraction|ratio)\b|"
        r"\bnumber of\b")),
    ("person", re.compile(
        r"^ai\b|\bai (la|da|duoc|giu|lam|phu trach|ky|dung dau|chu tri|phat bieu|cho biet)\b|\bla ai\b|"
        r"\bnguoi nao\b|\bdong chi nao\b|\bten (la )?gi\b|\bwho\b|\bwhom\b|\bwhose\b|\bwhat is the name\b")),
]
_SHARE_RE = re.compile(r"\bty le\b|\bphan tram\b|\bpercent|\bshare\b|\bproportion\b|%")
_STOP = {
    "bao", "nhieu", "ai", "nao", "gi", "la", "cua", "duoc", "co", "khong", "cac", "nhung", "khi", "thi", "sao",
    "va", "cho", "voi", "trong", "da", "the", "nay", "do", "tai", "ve", "mot", "hay", "vao", "o", "con", "den",
    "how", "many", "much", "what", "who", "when", "which", "did", "does", "do", "is", "are", "was", "were",
    "of", "in", "to", "for", "a", "an", "by", "its", "their", "and", "on", "that", "this", "with", "from", "at",
}


@dataclass(frozen=True)
class Question:
    """A question after analysis, made once per question and handed down the pipeline.

    ``entities``: the places, people and document codes it names (the entity guard's input);
    ``years``: the years it names, on their own or ending a date ("quý 1-2018" asks of 2018, and a
    paragraph that names only 2019 does not answer it: :func:`qa.spans.asked_years`);
    ``terms``: folded words and word pairs to match sentences on; ``answer_type``: the type of
    answer asked for (:mod:`qa.answer_types`); ``asked``: the noun the question asks
    about, folded for Vietnamese ("to bao" in "tờ báo nào"), lower-case for English ("bridge" in
    "which bridge"), empty when it names none; ``counted``: what an English "how many" question
    counts ("tanks", "age" for "how old"), empty otherwise; ``proper_names``: other proper
    names a recogniser found (foreign names, brands, events), which weigh on the ranker rather
    than guard retrieval: the tagger's runs are too rough ("Thổ Nhĩ Kỳ Mina Basaran") to demand
    verbatim; ``wants_year``: it asks "năm nào" / "in what year" (a day and month do not
    answer it); ``wants_time``: it asks a time of day ("lúc mấy giờ", "at what time": a date does
    not answer it); ``wants_measure``: it asks for a measure ("bao xa", "how far"), the only
    questions offered figures with their unit ("241 km"); ``measure``: what it measures
    ("distance", "weight", …: :func:`qa.answer_types.measure_asked`), when it says; ``says_percent``:
    it says "percent" (a sum of money does not answer it); ``asks_kind``: it asks a kind or form
    ("hình thức gì", "what kind of": a person does not answer it); ``period``: the one period it names ("năm 2019", "in March 2020"), as a filter
    on publication dates (:func:`qa.filters.named_period`); ``news_filter``: the filter retrieval
    applies (given by the caller, or ``period`` when the assistant adopts it), set by
    :meth:`with_filter`; ``vector``: its query
    embedding, set by :meth:`with_vector` so retrieval and answering never embed it again.
    """

    text: str
    language: Language
    kind: AnswerKind
    entities: tuple[Entity, ...] = ()
    years: tuple[str, ...] = ()
    terms: frozenset[str] = frozenset()
    wants_share: bool = False
    unit: str | None = None
    answer_type: AnswerType = "phrase"
    asked: str = ""
    counted: str = ""
    wants_year: bool = False
    wants_time: bool = False
    wants_measure: bool = False
    measure: str | None = None
    says_percent: bool = False
    asks_kind: bool = False
    proper_names: tuple[str, ...] = ()
    period: NewsFilter | None = None
    news_filter: NewsFilter | None = None
    vector: Sequence[float] | None = field(default=None, compare=False, repr=False)

    @cached_property
    def places(self) -> tuple[str, ...]:
        return tuple(e.key for e in self.entities if e.kind == "place")

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(e.key for e in self.entities if e.kind == "person")

    @cached_property
    def codes(self) -> tuple[str, ...]:
        return tuple(e.key for e in self.entities if e.kind == "code")

    @cached_property
    def folded(self) -> str:
        """The text folded (lower case, no diacritics, spacing as typed), kept here because
        every answer candidate compares itself with it (hundreds per question)."""
        return fold_diacritics(self.text)

    @cached_property
    def folded_words(self) -> frozenset[str]:
        """The question's words without diacritics, for the same reason as :attr:`folded`."""
        return frozenset(fold_diacritics(w) for w in words(self.text))

    @cached_property
    def named(self) -> tuple[str, ...]:
        """Folded names of the people and things it names: the recogniser's, and in English any
        run of two or more capitalised words after the first word. The ranker asks whether the
        name nearest each candidate is one of these."""
        found = [*self.proper_names, *self.names]
        if self.language == "en":
            found += re.findall(r"(?<!^)(?<![.?!] )\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)+", self.text)
        return tuple(dict.fromkeys(fold_name(n) for n in found if len(n) > 2))

    def with_vector(self, vector: Sequence[float]) -> "Question":
        return replace(self, vector=vector)

    def with_filter(self, news_filter: NewsFilter | None) -> "Question":
        return replace(self, news_filter=news_filter)


def analyse(text: str) -> Question:
    """Analyse ``text`` (already validated as a non-empty question); no embedding here."""
    text = nfc(text).strip()
    folded = " ".join(fold_diacritics(text).split())
    kind: AnswerKind = next((k for k, rule in _KIND_RULES if rule.search(folded)), "free")
    language = detect_language(text)
    places = outside_names(text, find_places(text), bare=language == "en")
    found = find_entities(text, places=places, language=language, question=True)
    return Question(
        text=text,
        language=language,
        kind=kind,
        entities=tuple(e for e in found if e.kind != "name"),
        proper_names=tuple(e.key for e in found if e.kind == "name"),
        years=tuple(sorted(asked_years(text))),
        terms=frozenset(match_terms(text, english=language == "en") - _place_parts(text, places)),
        wants_share=bool(_SHARE_RE.search(folded)),
        unit=asked_unit(text) if kind == "number" else None,
        answer_type=expected_type(text),
        asked=asked_noun(text, language),
        counted=counted_noun(text) if language == "en" else counted_noun_vi(text),
        wants_year=asks_year(text),
        wants_time=asks_clock_time(text),
        wants_measure=asks_measure(text),
        measure=measure_asked(text),
        says_percent=says_percent(text),
        asks_kind=asks_kind(text),
        period=named_period(text),
    )


def _place_parts(text: str, places: Sequence[PlaceMention]) -> set[str]:
    """Words and word pairs of the places a question names.

    Places are enforced per article (the entity guard); as words they would make any
    sentence naming the city look relevant.
    """
    parts: set[str] = set()
    for place in places:
        folded = fold_diacritics(text[place.start:place.end]).split()
        parts |= set(folded) | {f"{a} {b}" for a, b in zip(folded, folded[1:])}
    return parts


def match_terms(text: str, *, english: bool = False) -> set[str]:
    """Folded content words and adjacent word pairs of ``text`` (plus glossary terms for English).

    Vietnamese words are mostly two syllables, so pairs ("can bo", "luan chuyen") carry the
    meaning that single syllables ("can", "bo") do not.
    """
    raw = words(text)
    toks = [fold_diacritics(w) for w in raw]
    if english:
        # English words never occur in Vietnamese text: keep names, codes and figures (tokens
        # with Vietnamese letters or digits, or places however typed) plus glossary terms.
        keep = [fold_diacritics(w) if (fold_diacritics(w) != w.lower() or any(c.isdigit() for c in w)) else "" for w in raw]
        terms = {t for t in keep if t and len(t) > 1}
        terms |= {f"{a} {b}" for a, b in zip(keep, keep[1:]) if a and b}
        names = {t for i, (w, t) in enumerate(zip(raw, toks)) if i > 0 and w[:1].isupper()}
        for phrase in expand_english(" ".join(toks), names):
            parts = phrase.split()
            terms |= set(parts) if len(parts) == 1 else {f"{a} {b}" for a, b in zip(parts, parts[1:])}
        return terms
    terms = {t for t in toks if t not in _STOP and len(t) > 1}
    terms |= {f"{a} {b}" for a, b in zip(toks, toks[1:]) if not (a in _STOP and b in _STOP)}
    return terms
