"""A question from one news sentence, asked the way the product reads questions (issue 28).

A sentence with a recognised answer (:mod:`qa.candidates`) becomes a question by putting the
question phrase for the answer's type where the answer was: "Ông Nguyễn Văn An bị phạt 20
triệu đồng." -> "Ông Nguyễn Văn An bị phạt bao nhiêu tiền?", "137 cán bộ được luân chuyển" ->
"Bao nhiêu cán bộ được luân chuyển?", "Sáng 7/12, ..." -> "... vào ngày nào?". Each question is
read back with :func:`qa.answer_types.expected_type` and dropped unless the product would type
it as intended. The recognisers' doubtful finds are left out rather than asked about: a wrong
"who" question teaches the reader more harm than a missing one.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from qa.answer_types import AnswerType, expected_type
from qa.tagging import Candidate, tag
from qa.spans import find_names

# The answer type a question about each kind of candidate asks for, as the product reads it.
ASKED: dict[str, AnswerType] = {
    "PER": "person", "LOC": "place", "ORG": "organisation", "COUNT": "count", "MONEY": "money",
    "PERCENT": "percent", "DATE": "date", "YEAR": "date", "TIME": "date", "DURATION": "duration"}
NAMED, TEMPORAL = ("PER", "LOC", "ORG"), ("DATE", "YEAR", "TIME")
SWAPPABLE = (*NAMED, "YEAR")
MIN_WORDS, MAX_WORDS = 6, 60
LOOSEN_SHARE = 0.3  # questions with a clause or adverbs dropped, so not all copy their sentence
# Words before a span that the question phrase takes over ("khoảng 20 triệu đồng" -> "bao nhiêu
# tiền", "sáng ngày 7/12" -> "ngày nào", "tại Hà Nội" -> "ở đâu"): grammar, not domain words.
_ABOUT = re.compile(r"(?<!\w)(?:khoảng|chừng|gần|hơn|trên|lên tới|lên đến) $", re.IGNORECASE)
_WHEN = re.compile(r"(?<!\w)(?:vào |trong )?(?:(?:rạng )?(?:sáng|trưa|chiều|tối|đêm|khuya) )?"
                   r"(?:(?:ngày|hôm|tháng|năm|lúc|khoảng) )*$", re.IGNORECASE)
_TOWARDS = re.compile(r"(?<!\w)(ở|tại|đến|từ) $", re.IGNORECASE)
_UNIT = re.compile(r"^.+? (thập kỷ|thập niên|thế kỷ|\w+)$")
_QUOTES = "\"“”'‘’«»"
# Adverbs that must stay: dropping a negation turns the fact around ("không phải" -> "phải").
_KEPT_ADVERBS = {"không", "chưa", "chẳng", "chả", "đừng", "chớ", "chứ", "hề"}


@dataclass(frozen=True)
class Askable:
    """A candidate a question can ask for: the question phrase replaces ``sentence[start:answer.end]``
    (from before the answer where a title or head noun goes with it: "Ông Nguyễn Văn An" -> "Ai",
    "tỉnh Quảng Nam" -> "tỉnh nào"); ``phrases`` are the phrases to try, most natural first."""

    answer: Candidate
    start: int
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """A question made from one sentence; ``others`` are the names and years it still mentions,
    which a "swap" negative may replace."""

    text: str
    answer: Candidate
    others: tuple[Candidate, ...] = ()


def usable(sentence: str) -> bool:
    """Whether a sentence can become a question: prose of a fair length ending like a sentence;
    not a quotation, a photo caption ("- Ảnh: ...") or a fragment cut at an initial ("N.T.")."""
    words = sentence.split()
    return (MIN_WORDS <= len(words) <= MAX_WORDS and sentence[-1:] in ".!…" and sentence[:1].isupper()
            and len(words[0].strip(",")) > 1 and not re.fullmatch(r"(?:\w\.)+\w?\.?", words[-1])
            and sentence[:1] not in _QUOTES and sentence.rstrip(".!…")[-1:] not in _QUOTES
            and sentence.count('"') % 2 == 0 and sentence.count("“") == sentence.count("”")
            and not re.search(r"\bẢnh\b", sentence))


def askables(sentence: str, candidates: list[Candidate]) -> list[Askable]:
    """The candidates a question can ask for, with the evidence that they are what they seem.

    The CRF recogniser's names are kept only with support: a person with a known surname or a
    title before the name, a place or organisation with a head noun the product reads as one
    ("tỉnh", "công ty"), or a place after "ở"/"tại"/"đến"/"từ". A span labelled two ways, a name
    with digits or glued to more ("Gazeta.ru", "F-35"), a place inside an organisation's name is
    left out, and so is one of a pair ("huyện Yên Thành và Đô Lương"); a count needs its noun.
    """
    surnamed = {(s.start, s.end) for s in find_names(sentence)}
    tokens = tag(sentence)
    named = [c for c in candidates if c.ctype in NAMED]
    figures = [c for c in candidates if c.ctype in ASKED and c.ctype not in NAMED]
    out = []
    for c in named:
        if not _doubtful(sentence, c, named):
            out.append(_askable(sentence, c, (c.start, c.end) in surnamed, tokens))
    for c in figures:
        if any(o.ctype != c.ctype and o.start < c.end and c.start < o.end for o in figures):
            continue  # "2 giờ" is a clock time or a duration: ask neither
        after = [t for t in tokens if t.start == c.end + 1]
        if c.ctype == "COUNT" and (not after or after[0].pos not in {"N", "Nc", "Nu"} or "/" in c.text
                                   or sentence[c.start - 1:c.start] not in ("", " ")):
            continue  # "137 cán bộ" asks "bao nhiêu cán bộ"; "S-400", "thế hệ thứ 5 TF-X" ask nothing
        if c.ctype in TEMPORAL and re.match(r" (?:này|tới|vừa qua)\b", sentence[c.end:]):
            continue  # "ngày 4-4 này" would ask "ngày nào này"
        out.append(_askable(sentence, c, False, tokens))
    return [a for a in out if a.phrases and sentence.count(a.answer.text) == 1]


def _doubtful(sentence: str, c: Candidate, named: list[Candidate]) -> bool:
    """Whether a name is likely the CRF recogniser's mistake, or only part of a longer name."""
    words = c.text.split()
    return (any(o.start == c.start and o.end == c.end and o.ctype != c.ctype for o in named)
            or any(o.ctype != c.ctype and o.start <= c.start and c.end <= o.end and o.text[:1].isupper()
                   for o in named if (o.start, o.end) != (c.start, c.end))
            or any(o.end == c.end and o.start > c.start for o in named)  # not the proper part
            or not c.text[:1].isupper() or not all(w.isalpha() for w in words)
            or (c.ctype == "PER" and not all(w[:1].isupper() and len(w) > 1 for w in words))
            or re.match(r"[./]\w| ?[\d&-]| và [A-ZĐ]", sentence[c.end:c.end + 5]) is not None
            or re.search(r"[-./] ?$", sentence[:c.start]) is not None)


def _askable(sentence: str, c: Candidate, surnamed: bool, tokens: tuple) -> Askable:
    """``c`` with the span its question phrase replaces and the phrases that fit; none without evidence."""
    start, before, kind = c.start, sentence[:c.start], c.ctype
    phrases: list[str] = []
    if kind in TEMPORAL:
        taken = _WHEN.search(before)
        start = taken.start() if taken else start
        words = taken.group().lower().split() if taken else []
        phrases = [{"YEAR": "năm nào", "TIME": "lúc mấy giờ"}.get(kind, "ngày nào")]
        if kind == "DATE" and "tháng" in words and "ngày" not in words:
            phrases = ["tháng nào"]
    elif kind in ASKED and kind not in NAMED:
        start = about.start() if (about := _ABOUT.search(before)) else start
        unit = _UNIT.match(c.text)
        currency = f"bao nhiêu {c.text.split()[-1]}"  # after "số tiền", "bao nhiêu tiền" says it twice
        phrases = {"MONEY": [currency] if before.endswith("tiền ") else ["bao nhiêu tiền", currency],
                   "PERCENT": ["bao nhiêu phần trăm"],
                   "COUNT": ["bao nhiêu", "có bao nhiêu"] if start == 0 else ["bao nhiêu"],
                   "DURATION": [f"bao nhiêu {unit.group(1)}"] if unit else []}[kind]
        if kind == "DURATION" and sentence[c.end:c.end + 1] in ("", ",", ".", ";"):
            phrases.append("bao lâu")  # "bao lâu" stands alone; before a noun it needs the unit
    elif kind == "PER":  # a title before the name goes with it: "Thủ tướng Nguyễn Xuân Phúc" -> "ai"
        for t in reversed([t for t in tokens if t.end <= c.start]):
            if t.pos not in {"N", "Nc"} or sentence[t.end:start] != " " or c.start - t.start > 20:
                break
            start = t.start
        head, size = sentence[start:c.start].strip(), len(c.text.split())
        street = bool(head) and expected_type(f"{head} nào?") == "place"  # "đường Lê Duẩn" is no person
        if not street and ((surnamed and size > 1) or (head and size <= 3)):
            phrases = ["ai", "người nào"]
    else:  # a place or organisation is asked by the head noun before it ("tỉnh nào", "công ty nào")
        for n in (1, 2):
            head = re.search(rf"(?<!\S)((?:[^\W\d_]+ ){{{n}}})$", before)
            words = head.group(1).split() if head else []
            if head and head.start() == 0:  # a head that opens the sentence is capitalised
                words[0] = words[0][:1].lower() + words[0][1:]
            if head and all(w.islower() or w.isupper() for w in words) and (
                    expected_type(" ".join(words) + " nào?") == ASKED[kind]):
                start, phrases = head.start(), [" ".join(words) + " nào"]
                break
        else:
            if kind == "LOC" and (towards := _TOWARDS.search(before)):
                word = towards.group(1).lower()
                start, phrases = towards.start(), ["ở đâu" if word in ("ở", "tại") else f"{word} đâu"]
            elif kind == "ORG":  # or by its own first words: "Sở Y tế" -> "sở nào"
                words = c.text.split()
                phrases = [_lower(words[0]) + " nào"] + ([f"{_lower(' '.join(words[:2]))} nào"]
                                                         if len(words) > 2 and words[1].islower() else [])
    return Askable(c, start, tuple(p for p in phrases if expected_type(p + "?") == ASKED[kind]))


def _lower(words: str) -> str:
    return " ".join(w if w.isupper() else w.lower() for w in words.split())


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def ask(sentence: str, found: list[Askable], rng: random.Random) -> Question | None:
    """A question about one of ``found`` in ``sentence``, its answer type drawn at random."""
    by_type: dict[str, list[Askable]] = {}
    for a in found:
        by_type.setdefault(a.answer.ctype, []).append(a)
    for ctype in rng.sample(sorted(by_type), len(by_type)):
        a = rng.choice(by_type[ctype])
        phrases = list(a.phrases)
        if rng.random() < 0.3:
            phrases = phrases[1:] + phrases[:1]
        before, after = sentence[:a.start], sentence[a.answer.end:len(sentence.rstrip(".!…;:, "))]
        for phrase in phrases:
            if ctype in TEMPORAL and not before and after[:1] in (",", " ") and len(after.split()) >= 4:
                # A time that opens the sentence is asked at the end, as Vietnamese asks it.
                ending = "khi nào" if ctype == "DATE" and rng.random() < 0.3 else (
                    phrase if phrase.startswith("lúc") else f"vào {phrase}")
                text = _cap(after.lstrip(", ")) + " " + ending
            elif not before and phrase == "ai" and "," not in after and rng.random() < 0.3:
                text = "Người" + after + " là ai"
            else:
                text = before + (phrase if before else _cap(phrase)) + after
            text = text.rstrip() + "?"
            if rng.random() < LOOSEN_SHARE:
                text = _loosen(text, phrase, rng)
            rest = [o.answer for o in found if o.answer != a.answer and text.count(o.answer.text) == 1]
            if (expected_type(text) == ASKED[ctype] and a.answer.text not in text and len(text.split()) >= 5
                    and not any(o.ctype == ctype for o in rest if ctype not in NAMED)):  # no "this sum, not that"
                return Question(text, a.answer, tuple(o for o in rest if o.ctype in SWAPPABLE))
    return None


def _loosen(question: str, phrase: str, rng: random.Random) -> str:
    """The question less a copy of its sentence: an opening clause ("Theo Sở GTVT, ...") or one
    or two adverbs ("đã", "cũng", "vừa") dropped, never the question phrase."""
    at, comma = question.lower().find(phrase), question.find(", ")
    if rng.random() < 0.5 and 0 < comma < at and len(question[:comma].split()) <= 8:
        return _cap(question[comma + 2:])
    adverbs = [t for t in tag(question) if t.pos == "R" and t.text.lower() not in _KEPT_ADVERBS
               and not at <= t.start < at + len(phrase)]
    for t in sorted(rng.sample(adverbs, min(len(adverbs), rng.randint(1, 2))), key=lambda t: -t.start):
        question = question[:t.start].rstrip() + " " + question[t.end:].lstrip()
    return _cap(question.strip())
