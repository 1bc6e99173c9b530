"""Answer candidates in a sentence, from general recognisers rather than word lists.

Every span that could answer some question is offered, typed by what recognised it:

- names of people, places and organisations from underthesea's bundled CRF recogniser
  (``underthesea.ner``; never ``deep=True``, which downloads a model), its proper-noun tags
  (``Np``) for the names it leaves untagged (foreign names, brands), and each name with the
  common noun that introduces it ("sân bay Biên Hoà", "Tổng công ty Sông Đà");
- figures by their shape: money (a number, spelled or not, a magnitude word and a currency), percentages,
  dates, clock times, durations (a number and a unit of time), document codes, and bare
  counts with whatever noun follows them;
- noun phrases (underthesea's part-of-speech tags) for "what" questions, and the clause
  after a causal connective ("vì", "do", "để" …) for "why" questions;
- the whole sentence, for questions that only a sentence answers.

The recognisers do not decide which candidate answers; the fitted ranker (:mod:`qa.ranker`)
does, from the question's expected type and the candidate's evidence. Offsets always point
into the sentence as given (``sentence[start:end] == text``), even where underthesea changes
a word's diacritic placement ("Hoà" -> "Hòa").
"""

from __future__ import annotations

import re
from functools import lru_cache

from qa.bodies import ORG_HEADS_VI, headed_bodies, institutions, seated_bodies
from qa.documents import documents
from qa.language import VIETNAMESE_LETTERS
from qa.spans import (BARE_SYLLABLE, HONORIFICS_VI, PLACE_NOUNS_VI, YEAR_RANGE_RE, Span, find_codes, find_dates,
                      find_names)
from qa.tagging import Candidate, Token, is_place, tag
from vectorstore.text import fold_diacritics, nfc

# What recognised a candidate. The ranker learns how each fits each expected answer type.
CANDIDATE_TYPES: tuple[str, ...] = (
    "PER", "LOC", "ORG", "MISC", "PROPN", "HEADED", "NP", "COUNT", "NUMWORD", "MONEY", "PERCENT", "DATE", "YEAR", "TIME",
    "DURATION", "CODE", "REASON", "SENTENCE", "MEASURE",
)

# Numbers as written in news: digits with "." or "," groups, ranges ("4.000 - 5.000"), and the
# small numbers usually spelled out ("ba tháng"). Number words are grammar, not domain data.
_NUM_WORDS = r"(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|mấy|vài|hàng chục|hàng trăm|hàng nghìn|nửa)"
# "năm" is also "year" and counts nothing on its own: not a count word.
_COUNT_WORDS = r"(?:một|hai|ba|bốn|sáu|bảy|tám|chín|mười|hàng chục|hàng trăm|hàng nghìn)"
_DIGITS = r"\d+(?:[.,]\d+)*"
_RANGE = rf"{_DIGITS}(?:\s?[-–]\s?{_DIGITS})?"
# The words that scale a figure ("2,7 triệu"), not a unit of what it counts.
MAGNITUDE_WORDS_VI = "nghìn|ngàn|triệu|tỷ|tỉ|trăm|chục|vạn"
MAGNITUDE_WORDS = f"{MAGNITUDE_WORDS_VI}|k|million|billion|thousand"
_MAGNITUDE = rf"(?:\s?(?:{MAGNITUDE_WORDS}))*"
# Currencies as the news writes them: names in lower case or capitalised ("euro", "Euro", "Yên"), ISO
# codes ("SGD", "AUD") and the dollars of other countries ("đô la Singapore"); not "5 EURO" (the
# championship) nor "PHP" (the language): a name in capitals is no currency
_CURRENCY = (r"(?:đồng|VNĐ|VND|đ|USD|EUR|GBP|JPY|CNY|RMB|SGD|AUD|CAD|HKD|NZD|CHF|KRW|THB|INR|RUB|MYR|IDR|NDT|\$|"
             r"tệ|bảng Anh|bảng|bath|ringit|"  # in lower case only: "5 Bảng xếp hạng" is five tables
             r"(?:[Đđ]ô la(?: (?:Mỹ|Úc|Singapore|Hong Kong|Hồng Kông|Đài Loan|Canada|New Zealand))?|[Đđ]ôla|"
             r"[Ee]uro|[Yy]ên|[Yy]en|[Ww]on|[Nn]hân dân tệ|[Rr]úp|[Rr]uble|[Bb]aht|[Rr]inggit|[Pp]eso|[Rr]upee|"
             r"[Rr]upiah|[Ff]ranc|[Ll]ira|[Rr]iel|[Bb]itcoin))")
_MONEY_RE = re.compile(rf"(?<![\w.,])(?:\$\s?{_RANGE}{_MAGNITUDE}|{_RANGE}{_MAGNITUDE}\s?{_CURRENCY})(?![^\W\d_])")
# A sum in parts ("3 tỷ 200 triệu đồng", "1 triệu 500 nghìn đồng") or spoken with a bare tail digit
# ("2 triệu 4/cặp" is 2.4 million a pair, "3 tỷ 2 đồng"): a currency or a per-unit price follows.
_BIG = r"(?:tỷ|tỉ|triệu|nghìn|ngàn)"
_COMPOUND_MONEY_RE = re.compile(
    rf"(?<![\w.,]){_DIGITS}\s?{_BIG}(?:(?:\s\d{{1,3}}\s?{_BIG})+(?:\s\d{{1,3}})?|\s\d{{1,3}})"
    rf"(?:\s?{_CURRENCY}(?![^\W\d_])|(?=\s?/\s?[^\W\d_]))")
# Round sums are often spelled: "một tỷ USD", "nửa tỷ đồng", "hàng trăm triệu đồng".
_SPELLED_MONEY_RE = re.compile(
    rf"(?<![^\W\d_]){_NUM_WORDS}(?: {_NUM_WORDS})?(?: (?:nghìn|ngàn|triệu|tỷ|tỉ|trăm))+ {_CURRENCY}(?![^\W\d_])",
    re.IGNORECASE)
_PERCENT_RE = re.compile(rf"(?<![\w.,]){_RANGE}\s?(?:%|phần trăm|percent)")
_TIME_UNIT = r"(?:năm|tháng|tuần|ngày|đêm|giờ|tiếng|phút|giây|thập kỷ|thập niên|thế kỷ)"
_DURATION_RE = re.compile(rf"(?<![\w.,/])(?:{_RANGE}|{_NUM_WORDS}(?: {_NUM_WORDS})?)\s{_TIME_UNIT}(?![^\W_])",
                          re.IGNORECASE)
# A length in two units, the larger first: "1 năm 6 tháng" (tù), "2 giờ 30 phút"; one duration.
# ("2 tháng 9" is a date, so months and days are not paired; a range is left to the single units)
_COMPOUND_DURATION_RE = re.compile(r"(?<![\w.,/–-])\d+\s(?:năm\s\d+\stháng|(?:giờ|tiếng)\s\d+\sphút|"
                                   r"phút\s\d+\sgiây)(?![^\W_])", re.IGNORECASE)
_CLOCK_RE = re.compile(r"(?<![\w.,])\d{1,2}\s?(?:h|giờ|g)\s?\d{0,2}(?:'|\s?phút)?(?![^\W\d_])|(?<![\w.,])\d{1,2}:\d{2}(?!\d)")
_DAY_MONTH_RE = re.compile(r"(?<![\w/.,-])(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2,4}))?(?![\w/-])")
_MONTH_YEAR_RE = re.compile(r"(?<=tháng )\d{1,2}(?:[/-]\d{4}| năm \d{4})?", re.IGNORECASE)
# A quarter of a year ("quý 1-2019", "quý IV/2018", "quý 2 năm 2020"): a time, not a count of 1-2019.
_QUARTER_RE = re.compile(r"(?<!\w)quý (?:[1-4]|I{1,3}|IV)(?:\s?[/-]\s?|\s(?:năm\s)?)(?:19|20)\d{2}(?!\d)",
                         re.IGNORECASE)
# An article of a law, with its clause ("Điều 356", "khoản 3 Điều 174"): what a charge is brought
# under. Lower case, "điều 200 cán bộ" is sending 200 officers, so only after "theo", "tại", "vi
# phạm" or a clause, or before the law's name ("điều 263 Bộ luật Hình sự").
_LAW_ARTICLE_RE = re.compile(r"(?<!\w)(khoản \d+,? )?([Đđ]iều \d+[a-z]?)(?![\w/])")
_LAW_BEFORE = re.compile(r"(?:theo|tại|phạm)\s*$", re.IGNORECASE)
_LAW_AFTER = re.compile(r"\s*(?:,\s*)?(?:Bộ luật|bộ luật|BLHS|Luật|luật)\b")
# A match's score: two small figures joined by a hyphen after a word of winning, losing or the
# score itself ("thắng 4-3", "với tỷ số 1 - 1", "luân lưu 5-4"); never a day and month. The words
# in lower case: "Khánh Hòa", "Thắng" (a name) are none; nor "cộng hòa", "thua lỗ".
_SCORE_RE = re.compile(r"(?:tỷ số|tỉ số|thắng|thua(?! lỗ)|(?<!cộng )(?<!Cộng )(?:hòa|hoà)|đánh bại|vượt qua|cầm chân|"
                       r"luân lưu|chung cuộc)\b[^.;:!?\d]{0,30}?(?<![\w/.,-])(\d{1,2} ?[-–] ?\d{1,2})(?![\w/-])")
# Words before a range that make it a date ("Hôm 20-11 …") or a period ("giai đoạn 2021-2025").
_DAY_WORDS = "ngày|hôm|sáng|trưa|chiều|tối|đêm|mùng|mồng"  # a day or a part of one, before its date
_TIME_WORD_BEFORE = re.compile(rf"(?<!\w)(?:{_DAY_WORDS}|rạng sáng|từ|đến|trước|sau|vào|dịp|hiệu lực)\s*$",
                               re.IGNORECASE)
_CALENDAR_AFTER = re.compile(r"\s(?:năm|tháng|tuần|ngày)\b", re.IGNORECASE)  # "1/7 năm nay" is a day
_PERIOD_BEFORE = re.compile(r"(?:giai đoạn|nhiệm kỳ|thời kỳ|trong|từ|năm)\s*$", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<![\w.,/-])(?:1[89]|20)\d{2}(?![\w/])")
# A count may be a fraction ("22/22 chỉ tiêu", "47/81 đồng chí"); dates are taken before counts.
# A measure with its unit of measurement written on ("45km", "17kg", "95m2"): the whole is the
# answer. The units are the SI symbols news uses; "10h" is a clock time, "5G" no measure.
_GLUED_RE = re.compile(r"(?<![\w.,/])\d+(?:[.,]\d+)*(?:km|cm|mm|m|kg|mg|g|ha|l|ml|kw|mw|kwh|t)(?:2|3|²|³)?"
                       r"(?:\s?/\s?(?:s|giây|h|giờ))?(?![\w²³])")  # "140m3/s", "60km/h"
# A measure written with a space ("241 km", "60 hải lý", "7,1 độ richter", "17 tấn"): the figure alone
# ("241") is offered too, since a count of what was measured ("how many km …?") is answered by it.
# Its own type: the answerer offers it only to a question that asks for a measure ("how far …?"),
# so "how old is he?" is never answered "28.968 km".
# What each unit measures, so "how far …?" is not answered in degrees ("7,1 độ") when "241 km" is
# there; "độ" alone may be a temperature or a magnitude. The one list of units: the measure
# pattern is made from it, longest unit first ("km/h" before "km", "m2" before "m").
_UNITS: list[tuple[tuple[str, ...], frozenset[str]]] = [
    (units, frozenset(dims.split())) for units, dims in [
        (("km/h", "km/giờ", "m/s"), "speed"),
        (("m3/s", "m³/s", "m3/giây", "lít/giây"), "flow"),
        (("km2", "km²", "m2", "m²", "ha", "héc-ta", "hecta", "mét vuông"), "area"),
        (("m3", "m³", "lít", "mét khối"), "volume"),
        (("kg", "mg", "tấn", "tạ", "yến"), "weight"),
        (("MW", "kW", "kWh", "GW"), "power"),
        (("kV",), "voltage"),
        (("độ richter", "độ Richter"), "magnitude"),
        (("độ C", "°C"), "temperature"),
        (("độ",), "magnitude temperature"),
        (("km", "cm", "mm", "m", "mét", "cây số", "hải lý", "dặm", "feet", "inch"), "distance"),
    ]
]

def _unit_rule(unit: str) -> str:
    """``unit`` as a pattern; news may space its slash ("140 m3 / s", "65 km / giờ")."""
    return re.escape(unit).replace("/", r"\s?/\s?")


_MEASURE_UNIT = "(?:" + "|".join(_unit_rule(u) for u in sorted((u for us, _ in _UNITS for u in us), key=len,
                                                             reverse=True)) + ")"
_MEASURE_RE = re.compile(rf"(?<![\w.,/]){_RANGE}\s?{_MEASURE_UNIT}(?![^\W_]|[²³/])")  # "466 m2", "466m2"
_UNIT_DIMENSIONS = [(re.compile("(?:" + "|".join(_unit_rule(u) for u in us) + ")$", re.IGNORECASE), dims)
                    for us, dims in _UNITS]


def measured(candidate: str) -> frozenset[str]:
    """What the unit ending a measure candidate measures ("241 km" -> distance); empty if unknown."""
    return next((dims for rule, dims in _UNIT_DIMENSIONS if rule.search(candidate)), frozenset())
# A figure with its order of magnitude ("2,7 triệu học sinh", "hơn 3 nghìn người"): "2,7" alone is
# not the answer. Sums of money are taken before (the currency follows the magnitude there).
_SCALED_RE = re.compile(rf"(?<![\w.,/]){_RANGE}(?:\s(?:{MAGNITUDE_WORDS_VI}))+(?![^\W_])")
_COUNT_RE = re.compile(rf"(?<![\w.,/]){_RANGE}(?:/\d+)?(?![\w/%]|[.,]\d)|(?<![^\W\d_]){_COUNT_WORDS}(?= [^\W\d_])",
                       re.IGNORECASE)
# Connectives that introduce a cause or a purpose; the clause after one answers "why".
# A cause is also reported without a connective: "nguyên nhân ban đầu là …", "bước đầu ghi nhận là …".
# A cause the article denies ("không phải do …") is none.
_REASON_RE = re.compile(r"(?:^|(?<=[\s,(\"“]))(?<!không phải )(?<!chẳng phải )(?<!chứ không )"
                        r"(?:bởi vì|bởi|vì|do|tại vì|để|nhằm|"
                        r"(?:nguyên nhân|lý do|lí do)(?: \w+){0,6}? (?:là|liên quan (?:tới|đến)|xuất phát từ)|"
                        r"(?:ghi nhận|nhận định)(?: \w+){0,2}? là|vì lý do|vì lí do)\s+", re.IGNORECASE)
# The means an action was done by ("bằng hình thức tiêm thuốc độc", "bằng cách giả danh công an"):
# the clause after it answers "by what method", "bằng cách nào".
_MEANS_RE = re.compile(r"(?<!\w)bằng (?:hình thức|cách|phương pháp|biện pháp|phương thức|thủ đoạn) ", re.IGNORECASE)
# An adjunct of time or place that may follow the means ("thiết quân luật trong 30 ngày tại …")
_ADJUNCT = re.compile(r" (?:trong|tại|ở|từ|kể từ|vào|suốt|đến|cho đến) ")
# A cause ends at its clause's punctuation, or at the "nên" (so) of "vì X nên Y", where its effect begins.
# not "trở nên" (become), nor "nên người" closing a clause ("để con nên người"); "nên người dân …" is an effect
_CLAUSE_END = re.compile(r"[,;.!?…:)\"”]|(?<!trở)\s(?:nên|cho nên|thế nên)\s(?!người\s*(?:[,.;!?]|$))")
# "do" names the doer, not a cause, when a doer's verb follows its noun phrase: "xe do anh Nguyễn
# Hào lái", "cuộc họp do ông Minh chủ trì", "khu đất do công ty X quản lý".
_DOER_TAGS = frozenset({"N", "Nc", "Np", "Ny", "Nb", "P", "M"})
_DOER_VERBS = frozenset({"điều khiển", "cầm lái", "lái", "chủ trì", "đứng tên", "phụ trách", "dẫn đầu", "sở hữu",
                         "quản lý", "làm chủ", "chỉ huy", "thực hiện", "tổ chức", "sản xuất", "phát hành", "cấp",
                         "cung cấp", "kiểm soát", "tài trợ", "đầu tư", "thi công", "chế tạo", "xây dựng",
                         "điều hành", "viết", "sáng tác", "đạo diễn", "chụp", "biên soạn", "soạn thảo"})
_JUDGING = frozenset({"không", "chưa", "sai", "kém"})
_NOUNISH = {"N", "Nc", "Np", "Nu", "Ny", "Nb", "FW", "M"}
# A road named by its number: "quốc lộ 4D", "QL1A", "tỉnh lộ 769", "đường tỉnh 391" (not "cao tốc
# 4 làn xe", "tàu cao tốc 300 km/h")
_NUMBERED_ROAD_RE = re.compile(r"(?<!\w)(?:[Qq]uốc lộ|[Tt]ỉnh lộ|[Hh]ương lộ|QL|TL|ĐT|[Đđ]ường (?:tỉnh|huyện)) ?"
                               r"\d{1,3}[A-Z]?(?![\w/.,-]?\d)(?!\w)")
# A maker's name with a model's number, one name: "Boeing 777", "Airbus A350", "Sukhoi Su-35" (not
# "Games 2019": a year is no model, nor "March 18" a date)
_MODEL_RE = re.compile(r"(?<![\w-])(?!(?:January|February|March|April|May|June|July|August|September|October|"
                       r"November|December)\b)([A-Z][a-zA-Z]+) (?:[A-Z][a-z]?-?)?(?!(?:19|20)\d\d\b)\d{2,4}[A-Z]?(?![\w,.]?\d)(?![\w-])")
# A figure the tagger made one word with the noun after it ("2.750 hộ")
_FUSED_FIGURE = re.compile(r"\d[\d.,]* [^\W\d_]")


def find_candidates(sentence: str) -> list[Candidate]:
    """Every candidate answer in ``sentence`` (NFC), each (text, type) once, in text order.

    Cached per sentence: the answerer and the ranker's features both read a sentence's
    candidates, and the same sentences come back question after question.
    """
    return list(_candidates(nfc(sentence)))


@lru_cache(maxsize=4096)
def _candidates(sentence: str) -> tuple[Candidate, ...]:
    found: list[Candidate] = []
    tokens = tag(sentence)
    found += _shaped(sentence, tokens)
    people = find_names(sentence)  # read once: names are candidates, and end a body's name
    found += _named(sentence, tokens, people)
    found += institutions(sentence, tokens, people)
    found += headed_bodies(sentence, tokens, people)
    found += documents(sentence, tokens, people)
    found += _noun_phrases(sentence, tokens)
    found += seated_bodies(sentence, found, people)
    found += _reasons(sentence, tokens)
    found += _quoted(sentence, tokens)
    found += _charges(sentence)
    found += [Candidate(m.group(), m.start(), m.end(), "PROPN") for m in _MODEL_RE.finditer(sentence)
              if not is_place(m.group(1))]  # "giữa Colombia và Mexico 250 lần" names no model
    stripped = sentence.strip()
    if stripped:
        lead = len(sentence) - len(sentence.lstrip())
        found.append(Candidate(stripped, lead, lead + len(stripped), "SENTENCE"))
    seen: set[tuple[int, int, str]] = set()
    out = []
    for c in sorted(found, key=lambda c: (c.start, -c.end)):
        key = (c.start, c.end, c.ctype)
        if key not in seen and c.text.strip() and not _inside_figure(sentence, c):
            seen.add(key)
            out.append(c)
    return tuple(out)


_NAME_TYPES = frozenset({"PER", "LOC", "ORG", "MISC", "PROPN"})


def _inside_figure(sentence: str, c: Candidate) -> bool:
    """Whether a name the recogniser found begins inside a figure: "h45" of "9h45", "% GDP" of
    "18% GDP" (17 places in 2,851 archive sentences, all of them such tails). No name does."""
    return c.ctype in _NAME_TYPES and c.start > 0 and sentence[c.start - 1].isdigit()


def _shaped(sentence: str, tokens: tuple[Token, ...] = ()) -> list[Candidate]:
    """Figures recognised by their shape; a figure inside a larger one is offered as that only.

    A figure that ends inside a word of the tagger's is no figure: "15 đồng chí" is 15 comrades,
    not 15 đồng ("đồng chí" is one word), "5 năm nay" is not five years. A word that opens with
    the figure is the tagger fusing it with its noun ("6 thôn với 2.750 hộ"): the figure stands.
    """
    out: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    # (not a figure the tagger fused with what it counts: "2.750 hộ" is one word of its own)
    words = [(t.start, t.end) for t in tokens if " " in t.text and not _FUSED_FIGURE.match(t.text)]

    def add(start: int, end: int, ctype: str, *, block: bool = True) -> None:
        text = sentence[start:end].strip()
        end = start + len(sentence[start:end].rstrip())
        if not text or any(a <= start and end <= b for a, b in taken) or any(a < end < b for a, b in words):
            return
        out.append(Candidate(text, start, end, ctype))
        if block:
            taken.append((start, end))

    for s in find_codes(sentence):
        add(s.start, s.end, "CODE")
    for m in _NUMBERED_ROAD_RE.finditer(sentence):
        add(m.start(), m.end(), "LOC")  # a place, and no count of 4
    for m in _LAW_ARTICLE_RE.finditer(sentence):
        if not (m.group(2)[0] == "Đ" or m.group(1) or _LAW_BEFORE.search(sentence, 0, m.start())
                or _LAW_AFTER.match(sentence, m.end())):
            continue
        add(m.start(), m.end(), "CODE", block=False)
        if m.start(2) > m.start():
            add(m.start(2), m.end(), "CODE", block=False)  # the article alone, as a question may ask it
        taken.append((m.start(), m.end()))
    for m in _SCORE_RE.finditer(sentence):
        if not _TIME_WORD_BEFORE.search(sentence, 0, m.start(1)):  # "thắng Lào hôm 4-3": a date
            add(m.start(1), m.end(1), "COUNT")  # how many goals each: a count question asks it ("tỷ số bao nhiêu")
    for m in (*_COMPOUND_MONEY_RE.finditer(sentence), *_MONEY_RE.finditer(sentence),
              *_SPELLED_MONEY_RE.finditer(sentence)):
        add(m.start(), m.end(), "MONEY")
    for m in _PERCENT_RE.finditer(sentence):
        add(m.start(), m.end(), "PERCENT")
    for s in find_dates(sentence):
        add(s.start, s.end, "DATE")
    # a word after a figure says what it counts: "5-7 giờ", "3-4 chuyến" are ranges and "7/8 khu
    # đất" a share (a count, below), not days of a month; but "Hôm 20-11 giáo viên …" is a date (a
    # time word before it, or no rising pair)
    nouns = {t.start for t in tokens if t.pos in {"N", "Nc", "Nu"}}
    for m in _DAY_MONTH_RE.finditer(sentence):
        day, month = int(m.group(1)), int(m.group(2))
        ranged = (m.group(3) is None and m.end() + 1 in nouns and day < month
                  and not _TIME_WORD_BEFORE.search(sentence[:m.start()])
                  and not _CALENDAR_AFTER.match(sentence, m.end()))
        if 1 <= day <= 31 and 1 <= month <= 12 and not ranged:
            add(m.start(), m.end(), "DATE")
    for m in (*_MONTH_YEAR_RE.finditer(sentence), *_QUARTER_RE.finditer(sentence)):
        add(m.start(), m.end(), "DATE")
    for m in _CLOCK_RE.finditer(sentence):
        add(m.start(), m.end(), "TIME", block=False)  # "2 giờ" is a clock time or a duration
    for m in (*_COMPOUND_DURATION_RE.finditer(sentence), *_DURATION_RE.finditer(sentence)):
        add(m.start(), m.end(), "DURATION")
    for m in _YEAR_RE.finditer(sentence):
        add(m.start(), m.end(), "YEAR")
    for m in (*_GLUED_RE.finditer(sentence), *_SCALED_RE.finditer(sentence)):
        add(m.start(), m.end(), "COUNT", block=False)
    for m in _MEASURE_RE.finditer(sentence):
        add(m.start(), m.end(), "MEASURE", block=False)
    for m in _COUNT_RE.finditer(sentence):
        # "giai đoạn 2018-2027" is a period, not how many; "1800-2000 khách" counts guests
        if YEAR_RANGE_RE.fullmatch(m.group()) and (m.end() + 1 not in nouns or _PERIOD_BEFORE.search(
                sentence[:m.start()])):
            continue
        add(m.start(), m.end(), "COUNT" if m.group()[:1].isdigit() else "NUMWORD", block=False)
    return out


# A calendar word before a figure starts a time ("năm 2010", "ngày 6/10"), which the recogniser
# sometimes tags as (part of) a place: "đến California năm 2010" names California, then a year.
_CALENDAR_NOUN = re.compile(rf"năm|tháng|{_DAY_WORDS}")


def _dated(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether token ``i`` is a lower-case calendar word with a figure after it and none before
    ("Quảng trường 30 tháng 4" is a square named by its date)."""
    return (_CALENDAR_NOUN.fullmatch(tokens[i].text) is not None and i + 1 < len(tokens)
            and tokens[i + 1].pos == "M" and (i == 0 or tokens[i - 1].pos != "M"))


# The noun of a place, as one word of the tagger's ("làng", "xã", "đường"; not the "cấp" of "đồng
# cấp", peer, nor "bà xã", wife)
_PLACE_NOUN = re.compile(rf"(?i:{PLACE_NOUNS_VI})")


def _named(sentence: str, tokens: tuple[Token, ...], people: list[Span]) -> list[Candidate]:
    """Names: the recogniser's entities, untagged proper-noun runs, each with its introducing noun."""
    out: list[Candidate] = []
    runs: list[tuple[int, int, str]] = []  # token index range and label
    i = 0
    while i < len(tokens):
        t = tokens[i]
        label = t.ner[2:] if t.ner != "O" else ("PROPN" if t.pos == "Np" else "")
        if not label or t.pos == "CH":
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].pos != "CH" and not _dated(tokens, j) and (
                tokens[j].ner == f"I-{label}" or (label == "PROPN" and tokens[j].pos == "Np" and tokens[j].ner == "O")):
            j += 1
        if not _dated(tokens, i):
            runs.append((i, j, label))
        i = j
    runs = [(i, j, _foreign_label(sentence, tokens, i, j, label)) for i, j, label in runs]
    # a foreign name the recogniser split in two ("bé gái Harper | Elizabeth Smith") goes on as one
    # person's: the words after a person's, each capitalised and none in capitals ("CEO Tim Cook",
    # "USS": the words before a name are its title, not more of it)
    for n in range(1, len(runs)):
        (i, j, label), (i2, j2, _) = runs[n - 1], runs[n]
        text = sentence[tokens[i2].start:tokens[j2 - 1].end]
        if (label == "PER" and _side_by_side(sentence, tokens, j, i2)
                and _foreign_name(text) and all(w[:1].isupper() and not w.isupper() for w in text.split())):
            runs[n] = (i2, j2, "PER")
    # a country before a title's holder ("giám đốc Cơ quan … Indonesia Muhammad Syaugi", "Thủ tướng
    # Canada Justin Trudeau"), tagged as two places: the unlisted foreign name after the listed place
    # is the person's, when it is two words or more, each capitalised and none in capitals; after a
    # body's noun the body's ("Báo Trung Quốc Global Times", "hãng hàng không Indonesia Lion Air")
    for n in range(1, len(runs)):
        (i, j, label), (i2, j2, label2) = runs[n - 1], runs[n]
        text = sentence[tokens[i2].start:tokens[j2 - 1].end]
        if (label == label2 == "LOC" and _side_by_side(sentence, tokens, j, i2)
                and is_place(sentence[tokens[i].start:tokens[j - 1].end]) and _foreign_name(text)
                and len(text.split()) >= 2 and all(_MIXED_CASE.fullmatch(w) for w in text.split())):
            runs[n] = (i2, j2, "ORG" if _after_body_noun(tokens, i) else "PER")
    for i, j, label in runs:
        if label == "PER" and is_place(sentence[tokens[i].start:tokens[j - 1].end]):
            label = "LOC"  # "Iran, Iraq tuyên bố …": the recogniser calls a country in a headline a person
        elif label == "PER" and _ACRONYM.fullmatch(sentence[tokens[i].start:tokens[j - 1].end]):
            label = "ORG"  # "AFP dẫn lời …", "CNN đưa tin": a name in capitals is a body's, not a person's
        # The recogniser often starts a name with the common noun before it ("Hãng Lion Air"):
        # offer the proper part alone too.
        k = i
        while k < j - 1 and tokens[k].pos in {"N", "Nc"} and not tokens[k].text[:1].isupper():
            k += 1
        proper = next((x for x in range(i, j) if tokens[x].pos == "Np"), k)
        # and a place's name with its place noun, where the run opened earlier ("làng Bào" of "lúc
        # làng Bào", where the recogniser began the place at "lúc", when)
        placed = k - 1 > i and _PLACE_NOUN.fullmatch(tokens[k - 1].text) is not None
        headed = k - 1 if placed else i
        for a in dict.fromkeys((i, headed, k, proper)):
            if a < j:
                out.append(Candidate(sentence[tokens[a].start:tokens[j - 1].end], tokens[a].start, tokens[j - 1].end,
                                     label))
        # A title names its country before the person ("Ngoại trưởng Mỹ Mike Pompeo", "Ấn Độ Dipak
        # Misra"), and the recogniser tags the two as one entity, typed by the country: each later
        # proper noun that begins a foreign (unaccented) name starts a name of its own, typed only if
        # the entity was a person ("Điếu Ngư Đài" is one place).
        for x in range(proper + 1, j):
            if tokens[x].pos == "Np" and _latin(sentence[tokens[x].start:tokens[j - 1].end]):
                out.append(Candidate(sentence[tokens[x].start:tokens[j - 1].end], tokens[x].start, tokens[j - 1].end,
                                     label if label == "PER" else "PROPN"))
        if i > 0 and tokens[i - 1].pos in {"N", "Nc"}:
            head = tokens[i - 1]
            out.append(Candidate(sentence[head.start:tokens[j - 1].end], head.start, tokens[j - 1].end, "HEADED"))
    # A foreign name the tagger splits ("Clarisa" untagged, "Figueroa" a person) is offered whole:
    # adjacent runs with nothing but a space between them.
    for (i, j, _), (i2, j2, label2) in zip(runs, runs[1:]):
        if _side_by_side(sentence, tokens, j, i2):
            out.append(Candidate(sentence[tokens[i].start:tokens[j2 - 1].end], tokens[i].start, tokens[j2 - 1].end,
                                 label2))
    for s in people:
        out.append(Candidate(s.text, s.start, s.end, "PER"))
    whole = _hyphenated(sentence, tokens)
    # what the tagger made of such a name are fragments of it ("luật sư Lee Kyung", "Jubeir"): gone
    names = [(c.start, c.end) for c in whole if c.ctype != "HEADED"]
    out = [c for c in out if not any(c.end != b and a < c.end <= b or a < c.start < b for a, b in names)]
    return out + whole


# An acronym: two to five capitals, as the news writes bodies ("AFP", "UBND", "EVN"), never a person
_ACRONYM = re.compile(r"[A-ZĐ]{2,5}")
_MIXED_CASE = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)?")  # "Trudeau", "Geun-hye"
# "bé gái", "con trai": a child's noun with its sex, before the child's name
_SEXES = {"gái", "trai"}


def _side_by_side(sentence: str, tokens: tuple[Token, ...], end: int, start: int) -> bool:
    """Whether a run ending before ``tokens[end]`` and one starting at ``tokens[start]`` touch, with
    one space between them: the recogniser's split of one name, or a country and a title's holder."""
    return start == end and sentence[tokens[end - 1].end:tokens[start].start] == " "


def _after_body_noun(tokens: tuple[Token, ...], at: int) -> bool:
    """Whether a body's noun (:data:`~qa.bodies.ORG_HEADS_VI`) stands among the words before
    ``tokens[at]``: up to four back, over lower-case words, and the capitalised one they follow
    ("hãng hàng không …", "Công ty nhà nước …", "tờ báo hàng đầu …"; not "Cơ quan … Quốc gia …"
    before a title holder's country, where the nearest capitalised word is no body's noun)."""
    for t in reversed(tokens[max(0, at - 4):at]):
        if t.text.lower() in ORG_HEADS_VI:
            return True
        if not t.text.islower():
            return False
    return False


def _foreign_label(sentence: str, tokens: tuple[Token, ...], i: int, j: int, label: str) -> str:
    """The label of the run ``tokens[i:j]`` as the words before a foreign name say it: the recogniser
    guesses foreign (unaccented) names' kinds from their letters alone, and calls "bé gái Harper
    Elizabeth Smith" a place and "Ngân hàng Sacombank" a person. After an honorific ("ông", "bà",
    "bé gái": :data:`~qa.spans.HONORIFICS_VI`) a foreign name is a person's; after a body's noun
    ("ngân hàng", "hãng", "câu lạc bộ": :data:`~qa.bodies.ORG_HEADS_VI`) an organisation's. Vietnamese
    names and listed places keep the recogniser's label, which their syllables inform."""
    proper = next((x for x in range(i, j) if tokens[x].pos == "Np"), None)
    if proper is None or label == "MISC":
        return label
    if not _foreign_name(sentence[tokens[proper].start:tokens[j - 1].end]):
        return label
    # written in lower case (or opening the sentence): "hoá học Anh Porton Down" is England's
    before = [t.text.lower() if t.text.islower() or t.start == 0 else ""
              for t in tokens[max(0, proper - 2):proper]]
    child = len(before) == 2 and before[1] in _SEXES and before[0] in HONORIFICS_VI | {"con"}  # "bé gái"
    if before and (before[-1] in HONORIFICS_VI or child):
        return "PER"
    if before and before[-1] in ORG_HEADS_VI and label == "PER":
        return "ORG"
    return label


def _foreign_name(text: str) -> bool:
    """Whether ``text`` may be a foreign person's or body's name: unaccented, and no listed place."""
    return _latin(text) and not is_place(text)


# A foreign name that the news text writes with a spaced hyphen ("Adel al - Jubeir", "Kim In - chul",
# "Al - Qaeda"): the tagger breaks it at the hyphen, so neither part alone is the name. Both sides are
# unaccented Latin words, and one word beside the hyphen is lowercase or a name particle: two names
# either side ("Nga - Ukraine", "Israel - Hamas", "Real Madrid - Barcelona") are a pair, and Vietnamese
# ones ("Hoà Lạc - Hoà Bình", a route) are not Latin. (So "Sary - Shagan" stays two.)
_LATIN_NAME = r"[A-Z][a-z'][a-zA-Z']*"  # not an acronym: "VTV - VTC" is two channels
_HYPHENATED_RE = re.compile(rf"(?<![\w-])(?:{_LATIN_NAME} ){{1,3}}(?:[a-z]{{1,3}} )?- (?:[a-z]+|{_LATIN_NAME})"
                            rf"(?: {_LATIN_NAME}){{0,3}}(?![\w-])")
def _latin(text: str) -> bool:
    """Whether ``text`` is a foreign name as Vietnamese news writes it, with no letter only Vietnamese
    uses ("Donald Trump", "François Hollande", "Erdoğan"; not "Điếu Ngư Đài", "Vương Nghị")."""
    return any(c.isalpha() for c in text) and not VIETNAMESE_LETTERS.search(text)


_NAME_PARTICLES = {"al", "el", "bin", "ibn", "abu", "ben", "de", "van", "von", "le"}


def _one_name(joined: str, vietnamese_word: bool = False) -> bool:
    """Whether a hyphenated match is one name: a word beside its hyphen is a name particle ("al -
    Jubeir"), or lowercase ("Kim Jong - un", "Ri Yong - ho"), unless the name is all Vietnamese
    syllables and the tagger reads the word after the hyphen as the start of a Vietnamese word
    (``vietnamese_word``): "Thanh Phong - sinh viên" is a name, a dash and a student."""
    left, right = joined.split(" - ", 1)
    before, after = left.split()[-1], right.split()[0]
    if before.lower() in _NAME_PARTICLES:
        return True
    if not (before.islower() or after.islower()):
        return False
    foreign = any(not BARE_SYLLABLE.fullmatch(w.lower()) for w in joined.replace(" - ", " ").split())
    return foreign or not vietnamese_word


_NAME_LABELS = ("PER", "LOC", "ORG", "MISC")
# A family name and a given name of two syllables, the second after the hyphen in lower case: the way
# the news writes Korean and Chinese people ("Moon Jae - in", "Chung Eui - yong"); not places, whose
# suffix is an administrative unit ("Jeolla Nam - do", "Gangnam - gu").
_EAST_ASIAN_NAME = re.compile(r"[A-Z][a-z]{1,5} [A-Z][a-z]{1,5} - (?!(?:do|si|gun|gu|dong|ri|eup|myeon)$)[a-z]{1,6}")


def _hyphenated(sentence: str, tokens: tuple[Token, ...]) -> list[Candidate]:
    """Foreign names written across a spaced hyphen, typed by what the tagger saw in them (a
    person, place or organisation; else a proper noun), and with the common noun that introduces
    them ("quận Jabata al - Khashab")."""
    out: list[Candidate] = []
    starts = {t.start for t in tokens}
    for m in _HYPHENATED_RE.finditer(sentence):
        # the tagger reads the word after the hyphen as the start of a Vietnamese word ("sinh viên")
        right_at = m.start() + m.group().index(" - ") + 3
        vietnamese_word = any(t.start == right_at and " " in t.text for t in tokens)
        if not _one_name(m.group(), vietnamese_word):
            continue
        before = [t for t in tokens if t.end <= m.start()]
        label = _hyphenated_label(before, tokens[len(before):])
        if _EAST_ASIAN_NAME.fullmatch(m.group()):
            label = "PER"  # "Lee Woo - seok", "Kim Dae - yong": the tagger often calls them places
        out.append(Candidate(m.group(), m.start(), m.end(), label))
        # a country written before the name ("Syria Bashar al - Assad"): the name from each later
        # word the tagger starts a word at is offered too, if two words stay before the hyphen
        left = m.group().split(" - ", 1)[0]
        for w in re.finditer(r"(?<= )[A-Z]", left):
            if m.start() + w.start() in starts and len(left[w.start():].split()) >= 2:
                out.append(Candidate(m.group()[w.start():], m.start() + w.start(), m.end(), label))
        if before and before[-1].pos in {"N", "Nc"} and not before[-1].text[:1].isupper():
            head = before[-1]
            out.append(Candidate(sentence[head.start:m.end()], head.start, m.end(), "HEADED"))
    return out


def _hyphenated_label(before: list[Token], rest: list[Token]) -> str:
    """The tagger's label for a hyphenated name: that of the first entity in it, unless that entity
    began before the name with a capitalised word ("Bộ Ngoại giao Hàn Quốc Kim In", tagged one place,
    says nothing of "Kim In - chul"); an entity begun by the lowercase noun that introduces the name
    ("quận Jabata al") keeps its label. Otherwise a proper noun."""
    first = next((t for t in rest if t.ner[2:] in _NAME_LABELS), None)
    if first is None:
        return "PROPN"
    if first.ner.startswith("I-"):
        opened = [t for t in before if t.ner != "O"]
        k = len(before)
        while k > 0 and before[k - 1].ner == f"I-{first.ner[2:]}":
            k -= 1
        lead = before[k - 1:] if k > 0 and before[k - 1].ner == f"B-{first.ner[2:]}" else before[k:]
        if not opened or any(t.text[:1].isupper() for t in lead):
            return "PROPN"
    return first.ner[2:]


def _noun_phrases(sentence: str, tokens: tuple[Token, ...]) -> list[Candidate]:
    """Runs of nouns (and the adjectives and numbers inside them), at most six words."""
    out: list[Candidate] = []
    run: list[Token] = []
    for t in (*tokens, Token("", len(sentence), len(sentence), "CH", "O")):
        if t.pos in _NOUNISH or (run and t.pos == "A"):
            run.append(t)
            continue
        if run and not (len(run) == 1 and run[0].pos in {"M", "Nc", "Nu"}):
            run = run[:6]
            out.append(Candidate(sentence[run[0].start:run[-1].end], run[0].start, run[-1].end, "NP"))
            if len(run) > 1 and run[0].pos in {"Nc", "Nu"}:
                out.append(Candidate(sentence[run[1].start:run[-1].end], run[1].start, run[-1].end, "NP"))
        run = []
    return out


# A short quoted name after the noun it names: a charge ('tội "Trộm cắp tài sản"'), a film, a book,
# a campaign. Longer quotes are what someone said.
_QUOTED_RE = re.compile(r"[\"“]([^\"”]{2,120})[\"”]")


# A charge written without quotes: what follows "tội" (or "tội danh") up to the clause's end or the
# next charge ("… về tội giết người và 7 năm tù về tội cướp tài sản"); not "tội phạm" (a criminal).
_CHARGE_RE = re.compile(r"(?<!\w)tội(?: danh)? (?!phạm\b)([^\W\d_][^,.;:()\"“”\d]{2,80}?)"
                        r"(?=\s*(?:[,.;:()\"“”]|\d|\b(?:theo|và \d|và bị|xảy ra|tại|vào)\b|$))")


def _charges(sentence: str) -> list[Candidate]:
    """Charges named after "tội" without quotes (quoted ones: :func:`_quoted`), at most ten words."""
    return [Candidate(m.group(1).rstrip(), m.start(1), m.start(1) + len(m.group(1).rstrip()), "NP")
            for m in _CHARGE_RE.finditer(sentence) if len(m.group(1).split()) <= 10]


def _quoted(sentence: str, tokens: tuple[Token, ...]) -> list[Candidate]:
    """Quoted names of at most twelve words whose quote opens right after a common noun."""
    ends = {t.end: t for t in tokens}
    out = []
    for m in _QUOTED_RE.finditer(sentence):
        noun = ends.get(len(sentence[:m.start()].rstrip()))
        inside = [t for t in tokens if m.start(1) <= t.start and t.end <= m.end(1)]
        # a pronoun inside is speech ("phóng viên “Tôi không nhận tiền”"), not a name
        if noun is not None and noun.pos in {"N", "Nc"} and len(m.group(1).split()) <= 12 and not any(
                t.pos == "P" for t in inside):
            out.append(Candidate(m.group(1), m.start(1), m.end(1), "NP"))
    return out


def _reasons(sentence: str, tokens: tuple[Token, ...]) -> list[Candidate]:
    """The clause after each causal or purpose connective, up to the clause's end, unless the
    connective is the "do" of a doer (:func:`_agent_follows`); and the one after a means
    ("bằng hình thức …"), offered as a phrase, also without its adjuncts of time and place."""
    doers = [t.end for i, t in enumerate(tokens) if t.text.lower() == "do" and _agent_follows(tokens, i)]
    reasons = [c for c in _clauses_after(sentence, _REASON_RE, "REASON")
               if not any(sentence[end:c.start].isspace() for end in doers)]
    means = _clauses_after(sentence, _MEANS_RE, "NP")
    # the means without its adjuncts of time and place ("thiết quân luật" of "bằng biện pháp thiết
    # quân luật trong 30 ngày tại các khu vực miền Đông")
    bare = [Candidate(c.text[:m.start()], c.start, c.start + m.start(), "NP") for c in means
            if (m := _ADJUNCT.search(c.text)) and len(c.text[:m.start()].split()) >= 2]
    return [*reasons, *means, *bare]


def _agent_follows(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether "do" at token ``i`` names a doer: a noun phrase (nouns, names, pronouns, a note in
    brackets), then the doer's verb ("xe do anh Nguyễn Hào (trú xã Hồng Thu) lái", "cuộc họp do
    ông Minh chủ trì"), not a cause ("do không thực hiện lệnh", "do cảnh sát tin rằng …", "do dữ
    liệu nhà xác cung cấp không chính xác": the clause judges what was done, so it is why). The
    tagger may glue the verb to the name ("Nguyễn Hào lái") or call it a noun ("chủ trì")."""
    depth, nouns = 0, 0
    for j, t in enumerate(tokens[i + 1:], start=i + 1):
        word = t.text.lower()
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif nouns and (word in _DOER_VERBS or word.rsplit(" ", 1)[-1] in _DOER_VERBS and t.text[:1].isupper()):
            # denied or faulted right after ("cung cấp không chính xác"): why, not who
            judged = j + 1 < len(tokens) and tokens[j + 1].text.lower() in _JUDGING
            return not judged
        elif t.pos in _DOER_TAGS:
            nouns += 1
        elif not (nouns and t.pos == "R"):  # "do Trung Quốc tự sản xuất"
            return False
    return False


def _clauses_after(sentence: str, opener: re.Pattern[str], ctype: str) -> list[Candidate]:
    """The clause after each match of ``opener``, up to the clause's end (a quoted one, "vì \"gạt tay
    một phụ nữ\"", up to its closing quote), if two words or more."""
    out = []
    for m in opener.finditer(sentence):
        start = m.end()
        if sentence[start:start + 1] in ('"', "“"):  # a cause quoted as said: up to the closing quote
            close = sentence.find("”" if sentence[start] == "“" else '"', start + 1)
            if close > start + 1 and len(sentence[start + 1:close].split()) >= 2:
                out.append(Candidate(sentence[start + 1:close], start + 1, close, ctype))
            continue
        end_match = _CLAUSE_END.search(sentence, start)
        end = end_match.start() if end_match else len(sentence)
        text = sentence[start:end].rstrip()
        if len(text.split()) >= 2:
            out.append(Candidate(text, m.end(), m.end() + len(text), ctype))
    return out
