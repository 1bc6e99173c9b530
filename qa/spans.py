"""Find typed answer candidates inside a sentence: figures, dates, document codes, names.

Every candidate carries its character offsets in the sentence so the answer can quote and
highlight exactly. Numbers are classified before they are offered as counts: "ngày 10/01"
is a date, "2020-2025" a term, "1841-QĐ/TU" a document code, "22/22" and "58,02%" figures.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import takewhile

from qa.gazetteer import PlaceMention, find_places
from qa.types import AnswerKind
from vectorstore.text import DOCUMENT_CODE_RE, fold_diacritics

CODE_RE = DOCUMENT_CODE_RE
_DATE_RES = [
    re.compile(r"(?<![\w/])(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})(?![\w/])"),         # 31/5/2021, 20-9-2017
    re.compile(r"(?<=ngày )(\d{1,2})[/\-](\d{1,2})(?![\w/\d])", re.I),                # ngày 10/01
    re.compile(r"(?<=Ngày )(\d{1,2})[/\-](\d{1,2})(?![\w/\d])"),
    re.compile(r"(?<=tháng )(\d{1,2})[/\-](\d{4})(?![\w/])", re.I),                   # tháng 5/2020
]
_NUMBER_RE = re.compile(r"(?<![\w.,/-])\d+(?:[.,]\d+)*(?:/\d+)?\s?%?(?![\w/])")
YEAR_RANGE_RE = re.compile(r"(?<!\d)(19|20)\d{2}\s?[-–]\s?(19|20)\d{2}(?!\d)")
_YEAR_RE = re.compile(r"(?<![\d/.-])(19|20)\d{2}(?![\d/])")
# A year anywhere in a figure, "7/1973" and "15-10-2019" included (``_YEAR_RE`` takes only years
# that stand alone).
ANY_YEAR_RE = re.compile(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)")
# The year ending a date: after its day or month, with nothing of a code after it.
_DATED_YEAR_RE = re.compile(r"(?<![\d/.-])\d{1,2}[/-](?:\d{1,2}[/-])?((?:19|20)\d{2})(?![\d/\w-])")
SURNAMES = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đào", "Đoàn", "Vương", "Trịnh", "Trương", "Lâm", "Đinh", "Mai", "Tô", "Hà", "Tất", "Lưu",
    "Cao", "Châu", "Thái", "Tạ", "Lương", "Kiều", "Quách", "Chu", "Triệu", "Văn", "Đàm", "Khúc", "Nghiêm", "Tăng",
    "Giang", "Mạc", "La", "Thân", "Tôn", "Từ", "Phùng", "Doãn", "Âu", "Lại", "Hứa", "Diệp", "Ông", "Vi", "Lò",
    "Đồng", "Nông", "Bế", "Hầu", "Lã", "Lữ", "Mã", "Ninh", "Phí", "Tống", "Khổng", "Khương", "Bạch", "Cù", "Giáp",
    "Tiêu", "Lục", "Thạch", "Trình", "Ung", "Cấn", "Kha", "Sầm", "Quan",
    # the northern uplands' (Thái, Mông) surnames; not "Lầu", which begins "Lầu Năm Góc" (the Pentagon)
    "Lô", "Lường", "Cầm", "Điêu", "Quàng", "Tòng", "Sùng", "Giàng", "Thào", "Hờ",
}
# Surnames that are also a title before a name ("Ông Nguyễn Văn Hải": Mr, not the surname Ông).
_TITLES = {"Ông"}
# The words Vietnamese puts before anyone's given name ("ông Hoan", "bà Lan", "anh Tuấn"): unlike a
# title ("Thứ trưởng Hải") they say nothing of who the person is, so they narrow no full name.
HONORIFICS_VI = frozenset({"ông", "bà", "anh", "chị", "cô", "chú", "cụ", "em", "bé", "cháu"})
_BREAKS = ".!?;:\n"  # what ends a sentence (or a clause a name cannot cross)
_SENTENCE_BREAK = re.compile(f"[{re.escape(_BREAKS)}]")
_WORD_RE = re.compile(r"[^\W\d_]+")
# The administrative nouns that name a district, commune, village or island before its name ("huyện
# Mường Tè"), with the level each names; the entity guard holds answers to such places
# (:func:`qa.entities.locality_mentions`), and a sentence naming another of the asked level is suspect
# (:mod:`qa.qualifiers`).
ADMINISTRATIVE_LEVELS_VI = {"huyện": "district", "quận": "district", "thị xã": "district", "thị trấn": "town",
                            "xã": "commune", "phường": "ward", "thôn": "village", "bản": "village",
                            "làng": "village", "ấp": "village", "khóm": "village", "đảo": "island",
                            "xóm": "village"}
ADMINISTRATIVE_NOUNS_VI = "|".join(ADMINISTRATIVE_LEVELS_VI)
# The nouns of every level's unit, up to a province or city ("huyện", "tỉnh", "TP."), as a pattern
# to match case-insensitively.
PLACE_UNIT_NOUNS_VI = rf"{ADMINISTRATIVE_NOUNS_VI}|tỉnh|thành phố|tp\.?"
# The nouns of places that are often named after people or with a surname's syllable.
PLACE_NOUNS_VI = rf"{PLACE_UNIT_NOUNS_VI}|đường|phố|cầu|sông|núi"
PLACE_NOUN_BEFORE = re.compile(rf"(?<!\w)(?i:{PLACE_NOUNS_VI}|huyen|"
                                r"quan|xa|phuong|thi xa|thi tran|tinh|thanh pho|duong|pho) $")
# A province's or city's body ("UBND TP", "HĐND tỉnh") is followed by its place's name or by a
# person of it; a province or city is never named after a whole Vietnamese person (the one that
# is, TP Hồ Chí Minh, is a known place), so a full name there is a person: "Phó chủ tịch UBND TP Võ
# Văn Hoan". (A city of three syllables, "thành phố Thạch Gia Trang", follows no body.)
_PROVINCE_NOUN_BEFORE = re.compile(r"\b[A-ZĐ]{2,6} (?i:tỉnh|thành phố|tp\.?) $")
_BARE_SURNAMES = {fold_diacritics(s) for s in SURNAMES}
# An institution's noun: the capitalised words after it open with the institution's own name, and
# a person named after it starts at a later surname ("Bệnh viện Bạch Mai Ngô Quý Châu"). Hospitals
# and universities are often named after a person ("Bệnh viện Nguyễn Tri Phương"), so no person
# starts right after them; after a firm's noun one may ("giám đốc công ty Nguyễn Văn An"), unless the
# words are too many for one name. ("trường" alone is left out: it ends "môi trường", "thị trường";
# a school's level says it is a school: "Trường THPT chuyên Lê Hồng Phong", "trường tiểu học Kim Đồng".)
_NAMED_INSTITUTION_BEFORE = re.compile(r"(?<!\w)(?i:bệnh viện(?: đa khoa| nhi| quân y)?|đại học|học viện|"
                                       r"trường (?:tiểu học|mầm non|trung học cơ sở|trung học phổ thông)|"
                                       r"(?:trường )?(?:THPT|THCS|PTTH|PTCS|PTDTNT)(?: chuyên)?) $")
_FIRM_BEFORE = re.compile(r"(?<!\w)(?i:công ty|tập đoàn|ngân hàng|khách sạn|nhà hàng|nhà máy|siêu thị|"
                          r"câu lạc bộ|clb) $")
# One Vietnamese syllable typed without diacritics: initial consonants, vowels, a final consonant.
BARE_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")


_SPACED_HYPHEN = re.compile(r"(?<!\s)\s*-\s*")  # from the first space only: linear on long runs


def fold_name(text: str) -> str:
    """A name folded for comparison: no diacritics, lower case, hyphens unspaced. Articles space
    the hyphens of foreign names ("Moon Jae - in"); a user types "Moon Jae-in". For ``in`` tests
    only: unlike :func:`fold_diacritics` it changes the text's length, so offsets do not hold."""
    return _SPACED_HYPHEN.sub("-", fold_diacritics(text))


def _capitalised(word: str) -> bool:
    # str methods, not a regex class: the Unicode block of Vietnamese letters interleaves cases.
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


@dataclass(frozen=True)
class Span:
    """A typed candidate answer: ``sentence[start:end] == text``."""

    text: str
    start: int
    end: int
    kind: AnswerKind


def year_mentions(text: str) -> set[str]:
    """Four-digit years named in ``text``, including both ends of ranges like 2020-2025."""
    years = {m.group(0) for m in _YEAR_RE.finditer(text)}
    for m in YEAR_RANGE_RE.finditer(text):
        years |= set(re.findall(r"\d{4}", m.group(0)))
    return years


def standalone_years(text: str) -> set[str]:
    """Years that stand on their own ("năm 2019"), not the ends of a period like 2015-2020.

    A question about 2020 is not answered by a sentence about the 2015-2020 term.
    """
    return {s.text for s in _bare_years(text)}


def asked_years(text: str) -> set[str]:
    """The years a question asks of: on their own ("năm 2018") or ending a date whose month is
    one ("quý 1-2018", "tháng 6/2017"), not a document's number ("Thông tư 36/2014")."""
    return standalone_years(text) | {m.group(1) for m in _DATED_YEAR_RE.finditer(text)
                                     if 1 <= int(re.split(r"[/-]", m.group(0))[-2]) <= 12}


def dated_years(text: str) -> set[str]:
    """Years named in ``text`` on their own or ending a date ("tháng 3-2018", "11/9/2017"), not
    the ends of a period like 2015-2020 nor the year in a document's number ("Nghị định
    15/2020/NĐ-CP"): the years an article speaks of. Articles often write a year only inside
    its dates, and :func:`standalone_years` misses those."""
    return standalone_years(text) | {m.group(1) for m in _DATED_YEAR_RE.finditer(text)}


def find_codes(text: str) -> list[Span]:
    return [Span(m.group(0), m.start(), m.end(), "document") for m in CODE_RE.finditer(text)]


# A model, flight, class or road number: letters and digits in one word with a capital ("A350",
# "JT610", "U23", "S-400", "11A1", "2C"), or a number of two to four figures after a capitalised
# Latin word ("Boeing 787", "Circular 36"). Not a year ("Asian Cup 2019": years have their own
# rule), a day ("March 10", "Ngày 15/3"), a quarter ("Q1", which articles write "quý 1"), a unit
# ("40C"), nor an English compound ("8th-grade", "15-seat": no capital).
_MIXED_ID = re.compile(r"(?<![\w.,-])(?=[\w-]*\d)(?=[\w-]*[A-ZĐ])[^\W_]+(?:-[^\W_]+)*(?![\w-])")
# a figure of two or more with a unit or magnitude ("40C", "30M"), any with a longer one ("6AM",
# "500MW"), a half, a quarter, a fiscal year ("H1", "Q3", "FY2019"): articles write these otherwise
# ("40 độ C", "quý 3"); one figure and a letter is a road or a class ("QL 2C", "lớp 5A", "5G")
_NOT_IDENTIFIER = re.compile(r"\d{2,}(?:[.,]\d+)?[CFGKMBT]|\d+(?:[.,]\d+)?(?:AM|PM|[KMG]WH?|[KMGT]B)|[HQ]\d|FY\d+",
                             re.IGNORECASE)
_NUMBER_AFTER_NAME = re.compile(r"(?<=\w )([A-Z][a-zA-Z]+) (\d{2,4}[A-Z]?)(?![\w/.,-]\d|[\w/-])")
_NOT_MODEL_WORDS = frozenset(m.lower() for m in calendar.month_name if m) | {
    m[:3].lower() for m in calendar.month_name if m}


def find_identifiers(text: str) -> list[Span]:
    """Model, flight, class and road numbers ``text`` names ("Boeing 787", "chuyến bay JT610", "lớp
    11A1"): like a document code, a question that names one is about that thing, and an article
    that never writes it cannot answer it (the entity guard, :mod:`qa.entities`). Document codes,
    dates and years are left to their own rules."""
    codes = [(s.start, s.end) for s in find_codes(text)]
    out = [_singular(Span(m.group(), m.start(), m.end(), "identifier")) for m in _MIXED_ID.finditer(text)
           if not _NOT_IDENTIFIER.fullmatch(m.group())]
    out += [Span(m.group(2), m.start(2), m.end(2), "identifier") for m in _NUMBER_AFTER_NAME.finditer(text)
            if m.group(1).lower() not in _NOT_MODEL_WORDS and not _YEAR_RE.fullmatch(m.group(2))]
    return [s for s in _dedupe(out) if not any(a < s.end and s.start < b for a, b in codes)]


def _singular(span: Span) -> Span:
    """``span`` without an English plural's "s" after its figure ("F-16s", "MiG-21s"): the article
    writes the model ("F -16"), never the plural."""
    if len(span.text) > 2 and span.text[-1] == "s" and span.text[-2].isdigit():
        return Span(span.text[:-1], span.start, span.end - 1, span.kind)
    return span


def find_dates(text: str) -> list[Span]:
    spans = [Span(m.group(0), m.start(), m.end(), "date") for r in _DATE_RES for m in r.finditer(text)]
    return _dedupe(spans)


def find_numbers(text: str) -> list[Span]:
    """Figures that can answer "how many / what share": not dates, years, terms or codes."""
    blocked = [(s.start, s.end) for s in find_dates(text) + find_codes(text)]
    blocked += [(m.start(), m.end()) for m in YEAR_RANGE_RE.finditer(text)]
    spans = []
    for m in _NUMBER_RE.finditer(text):
        value = m.group(0).strip()
        start, end = m.start(), m.start() + len(value)
        if any(start < b_end and b_start < end for b_start, b_end in blocked):
            continue
        if re.fullmatch(r"(19|20)\d{2}", value):
            continue  # a bare year is a date, not a count
        spans.append(Span(value, start, end, "number"))
    return spans


def sentence_start(text: str, at: int) -> bool:
    """Whether ``at`` opens a sentence (or the text), spaces and an opening quote aside: where a
    capital says nothing of a name."""
    before = text[:at].rstrip(" \t\"“'(")
    return not before or before[-1] in _BREAKS


def find_names(text: str, places: Sequence[PlaceMention] | None = None, *, bare: bool = False) -> list[Span]:
    """Vietnamese personal names: a known surname followed by one to three capitalised syllables.

    ``places``: the places already found in ``text`` (found here when not given); words
    inside a place name ("Hồ" in "Hồ Chí Minh") do not start a name. ``bare``: a name typed
    without its diacritics ("Nguyen Van Duong", as English text and bare questions write it)
    counts too, its surname matched folded; only for questions, since in an article "La Liga"
    or "Van Gaal" written so are no Vietnamese names.
    """
    if places is None:
        places = find_places(text, accent_insensitive=False)
    places = [p for p in places if not _place_in_name(text, p)]
    covered = {i for p in places for i in range(p.start, p.end)}  # a set: a long text names many places
    runs: list[list[re.Match[str]]] = []
    in_place = False
    for m in _WORD_RE.finditer(text):
        inside = m.start() in covered
        if not _capitalised(m.group()) or inside:
            in_place = inside
            continue
        if runs and not in_place and text[runs[-1][-1].end():m.start()] == " ":
            runs[-1].append(m)
        else:
            runs.append([m])
        in_place = False
    spans = []
    for run in runs:
        # "huyện Thạch Thất", "đường Trần Phú": a place named like a person, though a person may follow it
        # ("xã Vĩnh Tiến Nguyễn Văn Hùng")
        placed = 1 if _just_before(PLACE_NOUN_BEFORE, text, run[0].start()) else 0
        if (placed and 3 <= len(run) <= 4 and run[0].group() in SURNAMES
                and _just_before(_PROVINCE_NOUN_BEFORE, text, run[0].start())
                and all(BARE_SYLLABLE.fullmatch(fold_diacritics(w.group())) for w in run)):
            placed = 0
        first = next((i for i, m in enumerate(run) if m.group() in SURNAMES and i >= placed), None)
        if not placed and (_just_before(_NAMED_INSTITUTION_BEFORE, text, run[0].start())
                           or len(run) > 4 and _just_before(_FIRM_BEFORE, text, run[0].start())):
            first = _after_institution(run)
        if (first is not None and run[first].group() in _TITLES and first + 1 < len(run)
                and run[first + 1].group() in SURNAMES and sentence_start(text, run[first].start())):
            first += 1  # "Ông Nguyễn Văn Hải" opening a sentence is Mr Nguyễn Văn Hải; "nhà thơ Ông Văn Tùng" is Ông
        if first is None and bare:
            # typed bare, a name is three or four Vietnamese syllables from a surname ("Nguyen Van
            # Duong"), so "Le Pen", "Do Vietnam Airlines" and "Ton Duc Thang University" (up to
            # "Thang") are not; the first such run counts ("Lam Dong Governor Tran Van Hiep")
            for i, m in enumerate(run):
                if fold_diacritics(m.group()) in _BARE_SURNAMES:
                    syllables = list(takewhile(lambda w: BARE_SYLLABLE.fullmatch(w.group().lower()), run[i:i + 4]))
                    if len(syllables) >= 3:
                        run, first = syllables, 0
                        break
        if first is None:
            continue
        # a name is Vietnamese syllables: "Chu Văn An Secondary School" names "Chu Văn An"
        name = list(takewhile(lambda w: BARE_SYLLABLE.fullmatch(fold_diacritics(w.group())), run[first:first + 4]))
        # after a place named like a person, a name is whole: "đường Lê Văn Sỹ" names no "Văn Sỹ"
        if len(name) < 2 + (placed and first == placed):
            continue
        start, end = name[0].start(), name[-1].end()
        spans.append(Span(text[start:end], start, end, "person"))
    return spans


def _after_institution(run: list[re.Match[str]]) -> int | None:
    """Where a person starts in the capitalised words after an institution's noun: at a surname
    after the first word, leaving a name of two to four syllables, three if it can ("Ngô Quý Châu"
    of "Bạch Mai Ngô Quý Châu", not "Mai …"); None when the words are the institution's name alone
    ("Bệnh viện Nguyễn Tri Phương"), among them a name of four words at most that opens with a
    surname, whatever surnames it holds ("Trường THPT Châu Văn Liêm", "Nguyễn Tất Thành"). A specialist
    school's "Chuyên", capitalised, opens the name without being one of its words ("THPT Chuyên Lê
    Hồng Phong")."""
    lead = 1 if run and run[0].group() == "Chuyên" else 0
    name = run[lead:]
    if not name or len(name) <= 4 and name[0].group() in SURNAMES:
        return None
    starts = [i for i, m in enumerate(name) if i >= 1 and m.group() in SURNAMES and 2 <= len(name) - i <= 4]
    return lead + min(starts, key=lambda i: (abs(len(name) - i - 3), i)) if starts else None


def _just_before(pattern: re.Pattern[str], text: str, at: int) -> re.Match[str] | None:
    """``pattern`` (anchored with " $") ending at ``at``, searched over the few words before it:
    from the text's start, each search of a long article re-read it all."""
    return pattern.search(text, max(0, at - 40), at)


def _place_in_name(text: str, place: PlaceMention) -> bool:
    """Whether ``place`` ends a personal name: given names are often places' syllables
    ("Nguyễn Hải Dương", "Nguyễn Quang Vinh"), which made the man the province of Hải Dương or
    the city of Vinh. A place of two syllables at most straight after a surname (not one opening
    the sentence: "Đoàn Việt Nam" is the Vietnamese team), or of one syllable after a surname and
    a middle name; the surname opens the name (after an honorific at most), no place's noun
    stands before it ("đường Nguyễn Trãi Hà Nội" is a street, then the city), and the name does
    not go on after the place."""
    lo = max(0, place.start - 60)  # the few words before the place, not the whole text before it
    before = text[lo:place.start]
    words = before[:-1].split(" ") if before.endswith(" ") else []
    syllables = len(text[place.start:place.end].split())
    if len(words) >= 1 and words[-1] in SURNAMES and syllables <= 2:
        opens = len(words) - 1  # the surname's place among the words
        if sentence_start(text, lo + len(before) - len(words[-1]) - 1):
            return False
    elif len(words) >= 2 and words[-2] in SURNAMES and _capitalised(words[-1]) and syllables == 1:
        opens = len(words) - 2
    else:
        return False
    if opens and (words[opens - 1] in ("-", "–") or _capitalised(
            words[opens - 1].lstrip("“\"'(")) and words[opens - 1].lower() not in HONORIFICS_VI):
        # inside a longer name ("Bệnh viện Bạch Mai Hà Nội" is a hospital and the city, "Đại học
        # Nông – Lâm Thái Nguyên" a university), or a quoted one ("“Tuần Châu Hà Nội”")
        return False
    surname_at = lo + len(" ".join(words[:opens])) + (1 if opens else 0)
    return not (_just_before(PLACE_NOUN_BEFORE, text, surname_at) or re.match(r" [A-ZĐ]", text[place.end:]))


def full_name(article: str, at: int, short: str) -> str | None:
    """The article's full name for a person it later calls by a short one: "Thứ trưởng Hải cho
    biết …" answers "Đỗ Thắng Hải" where the article has named him in full. ``at`` is where the
    short mention stands.

    A short mention with words before it in its sentence carries a title ("Thứ trưởng", "Chủ
    tịch"): only a full name with the same two words before it in its own sentence is that person
    (a "Bộ trưởng Hà" is not the "Thứ trưởng Nguyễn Văn Hà", nor a "Chủ tịch Kim" any "Nguyễn Thị
    Kim"). An honorific ("ông Hoan", "bà Lan") is no title: any full name ending so fits, but for
    a man's honorific ("ông", "anh") not a woman's name with "Thị", nor "Văn" for hers. Of those
    that fit, the nearest before it wins (else the first after), so two people sharing a given name
    each keep their own. None: ``short`` is already three syllables or more, or no full name fits.
    """
    words = short.split()
    if not words or len(words) > 2:
        return None
    found = [n for n in find_names(article) if len(n.text.split()) > len(words)
             and n.text.split()[-len(words):] == words and not set(n.text.split()[:-len(words)]) & _TITLES]
    before_words = _SENTENCE_BREAK.split(article[max(0, at - 60):at])[-1].split()
    title = " ".join(before_words[-2:]).casefold()
    honorific = before_words[-1].casefold() if before_words else ""
    if honorific in HONORIFICS_VI:
        # a man's honorific is no "Thị" (a woman's middle name), a woman's none of "Văn"
        middle = {"ông": "Thị", "anh": "Thị", "chú": "Thị", "bà": "Văn", "chị": "Văn", "cô": "Văn"}.get(honorific)
        found = [n for n in found if middle not in n.text.split()[1:-1]]
    elif title:
        found = [n for n in found if title in _SENTENCE_BREAK.split(article[max(0, n.start - 60):n.start])[-1].casefold()]
    before = [n for n in found if n.end <= at]
    best = before[-1] if before else next(iter(found), None)
    return best.text if best is not None else None


def find_spans(text: str, kind: AnswerKind) -> list[Span]:
    """Candidates of ``kind`` in ``text`` (empty for ``free``)."""
    if kind == "number":
        return find_numbers(text)
    if kind == "date":
        return find_dates(text) or _bare_years(text)
    if kind == "document":
        return find_codes(text)
    if kind == "person":
        return find_names(text)
    return []


def _bare_years(text: str) -> list[Span]:
    """Years that stand alone ("năm 2019"), not ends of a term such as "2021-2025"."""
    ranges = [(m.start(), m.end()) for m in YEAR_RANGE_RE.finditer(text)]
    return [Span(m.group(0), m.start(), m.end(), "date") for m in _YEAR_RE.finditer(text)
            if not any(a <= m.start() < b for a, b in ranges)]


def same_span_text(a: str, b: str) -> bool:
    return fold_diacritics(a).replace(" ", "") == fold_diacritics(b).replace(" ", "")


def _dedupe(spans: list[Span]) -> list[Span]:
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    out: list[Span] = []
    for s in spans:
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out
