"""What kind of answer a question wants, from its question words, in Vietnamese or English.

"Ai …" / "who …" wants a person, "ở đâu" / "where" a place, "cơ quan nào" / "which agency"
an organisation, "bao nhiêu tiền" / "how much" an amount of money, "bao lâu" / "how long" a
duration, "bao xa" / "how far" a figure (a count or a measure), "vì sao" / "why" a reason. The
answer engine offers candidates of every kind (:mod:`qa.candidates`) and the fitted ranker
(:mod:`qa.ranker`) learns how well each kind of candidate fits each expected type, so these
rules only read the question; they know nothing about any article.

Question words are grammar, not domain vocabulary: a short closed list per language. A rule
matching at the question's first word wins (English and "Ai …" questions open with their
question word, and a later "when" belongs to a clause); otherwise rules are tried in order and
the first that matches wins, so the more specific ones come first ("bao nhiêu tiền" is money
before "bao nhiêu" is a count).
"""

from __future__ import annotations

import re
from typing import Literal

from vectorstore.text import fold_diacritics, nfc

AnswerType = Literal["person", "place", "organisation", "count", "money", "percent", "date", "duration",
                     "document", "reason", "phrase"]
ANSWER_TYPES: tuple[AnswerType, ...] = ("person", "place", "organisation", "count", "money", "percent", "date",
                                        "duration", "document", "reason", "phrase")

# Nouns that name a unit of time, after "how many" / "bao nhiêu": the question wants a duration.
_TIME_UNITS_VI = r"(?:nam|thang|tuan|ngay|gio|phut|giay|the ky|thap ky|thap nien)"
_TIME_UNITS_EN = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries)"
_ORG_NOUNS_VI = (r"(?:co quan|to chuc|cong ty|tap doan|doanh nghiep|hang|ngan hang|don vi|benh vien|truong|"
                 r"cau lac bo|clb|doi|dang|bo|so|cuc|vien|toa( an)?|hang tin|hang thong tan|bao|tap chi|"
                 r"quy|hiep hoi|lien doan|uy ban|tong cong ty|nha mang|trang|mang xa hoi|phong trao|nhom)")
_ORG_NOUNS_EN = (r"(?:organi[sz]ation|company|companies|agency|bank|firm|group|team|club|party|newspaper|"
                 r"ministry|court|hospital|university|school|department|unit|airline|carrier|news agency|"
                 r"movement|body|authority|corporation|association|federation|committee|institute|"
                 r"network|website|brand|publisher|station|channel|union|council|fund|manufacturer|"
                 r"developer|investor|business|enterprise|outlet|magazine)")
_PLACE_NOUNS_VI = (r"(?:noi|dia diem|dia ban|tinh|thanh pho|tp|quoc gia|nuoc|xa|huyen|quan|phuong|duong|pho|"
                   r"khu vuc|vung|thi tran|thi xa|lang|ban|ap|dao|cang|san bay|cau|song|bien|chau luc|"
                   r"khach san|toa nha|du an)")
_PLACE_NOUNS_EN = (r"(?:country|countries|city|province|district|commune|ward|street|road|place|bridge|"
                   r"airport|region|town|village|island|port|location|area|state|nation|continent|river|"
                   r"sea|hotel|building|venue|stadium|site)")

_RULES: list[tuple[AnswerType, re.Pattern[str]]] = [
    ("reason", re.compile(
        r"\b(tai sao|vi sao|vi ly do gi|vi le gi|ly do (gi|nao|la gi)|nguyen nhan (gi|nao|la gi)|do dau|"
        r"(ly do|nguyen nhan)( \w+){0,6} la gi|"
        r"de lam gi|nham muc dich gi|muc dich (gi|la gi))\b|^why\b|\bwhy\b|\bwhat (was|is|were|are) the reason\b|"
        r"\bfor what (reason|purpose)\b|\bwhat caused\b|\bwhat (was|is) the cause\b")),
    ("document", re.compile(
        r"\b(quyet dinh|nghi quyet|ke hoach|de an|van ban|chi thi|huong dan|quy dinh|thong bao|cong van|"
        r"nghi dinh|thong tu)( so)? (nao|gi)\b|\bso hieu\b|\b(which|what) (decision|resolution|plan|document|"
        r"directive|regulation|project|guideline|instruction|decree|circular)\b|\bdocument (number|code)\b")),
    ("percent", re.compile(
        r"\bbao nhieu phan tram\b|\bphan tram\b|\bty le\b|\bti le\b|\bwhat (percentage|percent|share|proportion|"
        r"fraction|rate)\b|\bhow many percent\b|\bby how much percent\b|%")),
    ("money", re.compile(
        r"\bbao nhieu tien\b(?! an)|\bbao nhieu (dong(?! (chi|bao|nghiep|doi|hanh|thoi|y))|usd|do la|ty|ti|trieu|nghin|ngan)\b|\b(gia|tri gia|gia tri|muc phat|"
        r"chi phi|luong|thu nhap|doanh thu|loi nhuan|von|so tien|tien) (la )?(bao nhieu|khoang bao nhieu)\b|"
        r"\b(gia|tri gia) (chi )?(tu )?bao nhieu\b|\bhow much (money|did|does|do|was|were|is|are|will|had|has|"
        r"in|of)\b|\bhow much\b(?! (time|longer|older|younger|taller|bigger|higher|larger|more time))|"
        r"\bwhat (was|is|were|are) the (total )?(price|cost|value|amount|fine|salary|fee|budget|revenue|profit|"
        r"compensation|bail|loss|damage)s?\b|\bat what price\b|\bhow expensive\b")),
    ("duration", re.compile(
        rf"\bbao lau\b|\bbao nhieu {_TIME_UNITS_VI}\b(?! (nao|bao nhieu))|\bmay (nam|thang|tuan|ngay|phut)\b|"
        rf"\bhow long\b|\bhow much time\b|"
        rf"\bhow many {_TIME_UNITS_EN}\b|\bfor how (long|many)\b|\bmuc an\b|\bmay nam tu\b|\bbao nhieu nam tu\b")),
    ("date", re.compile(
        r"\b(ngay( \w+){0,2} nao|khi nao|luc nao|bao gio|thoi gian nao|ngay bao nhieu|nam nao|thang nao|"
        r"thoi diem nao|ngay may|luc may gio|may gio|gio nao)\b|^when\b|\bwhen (was|were|did|is|does|will|had|has|do)\b|"
        r"\b(what|which) (date|day|year|month|time|week)\b|\bon what (date|day)\b|\bin what (year|month)\b|\bwhen\b")),
    ("count", re.compile(
        r"\bbao nhieu\b|\bmay\b(?= \w+ (\w+ )?(\?|$|da|duoc|bi|co|tham gia|trong|tai|o))|\bso luong\b|"
        r"\bhow many\b|\bwhat (number|total)\b|\bnumber of\b|\bhow (old|young)\b|\bbao nhieu tuoi\b|\bmay tuoi\b|"
        # a measure ("cách bao xa", "how far", "how heavy", "at what speed") is a figure with its unit, as
        # "dài bao nhiêu km" is: the same candidates ("8m", "17 kg", "120 km/h") answer both
        r"\bbao xa\b|\bhow (far|tall|high|heavy|deep|fast|wide)\b|"
        r"\b(what|which|at what) (distance|speed|height|depth|weight|length|width|altitude|size|magnitude|"
        r"temperature)\b")),
    ("person", re.compile(
        r"^ai\b(?! (cap|len)\b)|\bai (la|da|duoc|giu|lam|phu trach|ky|dung dau|chu tri|phat bieu|cho biet|se|bi|dang|con|"
        r"tung|vua|tra loi|dan|chi dao|khoi to)\b|\bla ai\b|\b(cua|voi|cho|boi|va) ai\b|\bnguoi nao\b|\bdong chi nao\b|"
        r"\bong nao\b|\bba nao\b|\bcau thu nao\b|\bhuan luyen vien nao\b|\bbi can nao\b|\bbi cao nao\b|"
        r"\bten (la )?gi\b|\bho ten\b|\bwho\b|\bwhom\b|\bwhose\b|\bwhat is the name\b|\bwhat (was|is) (his|her) name\b|"
        r"\b(which|what) (person|man|woman|player|coach|official|suspect|defendant|leader|minister|president|"
        r"actor|actress|singer|artist|author|candidate|doctor|judge|driver)\b")),
    ("organisation", re.compile(rf"\b{_ORG_NOUNS_VI}( \w+)?( \w+)? nao\b|\b(which|what) {_ORG_NOUNS_EN}\b")),
    ("place", re.compile(
        rf"\bo dau\b|\btai dau\b|\bden dau\b|\btu dau\b|\bdau\?|\b{_PLACE_NOUNS_VI} nao\b|\bwhere\b|"
        rf"\b(which|what) {_PLACE_NOUNS_EN}\b|\bin which (country|city|province)\b")),
]


def expected_type(question: str) -> AnswerType:
    """The answer type ``question`` asks for; ``phrase`` when no question word says more.

    >>> expected_type("Hãng Lion Air bồi thường bao nhiêu tiền cho mỗi gia đình?")
    'money'
    >>> expected_type("How long after take-off did the plane crash?")
    'duration'
    """
    folded = " ".join(fold_diacritics(question).replace("?", " ?").split())
    found = [(kind, m) for kind, rule in _RULES if (m := rule.search(folded))]
    # A question that opens with its question word ("How many people were hurt when …",
    # "Ai là CEO …, người …") is typed by that word, not by a "when" / "who" in a later clause.
    leading = [kind for kind, m in found if m.start() == 0]
    kind = (leading or [kind for kind, _ in found] or ["phrase"])[0]
    # "sinh năm bao nhiêu" asks which year, though its "bao nhiêu" reads as a count; only with its
    # diacritics is "năm" surely the year ("Quảng Nam bao nhiêu" is not), so asks_year decides.
    return "date" if kind == "count" and asks_year(question) else kind


_YEAR_ASKED = re.compile(r"\b(năm nào|năm bao nhiêu|(what|which) year)\b")
_YEAR_ASKED_FOLDED = re.compile(r"\b(nam nao|nam bao nhieu|(what|which) year)\b")


def asks_year(question: str) -> bool:
    """Whether ``question`` wants a year ("năm nào", "in what year"): a day and month alone do not answer it.

    Read with its diacritics when it has them: folded, "Việt Nam bao nhiêu" would be "năm bao nhiêu".
    """
    text = " ".join(nfc(question).lower().split())
    folded = fold_diacritics(text)
    rule = _YEAR_ASKED_FOLDED if folded == text else _YEAR_ASKED
    return rule.search(text) is not None


_ASKED_VI = re.compile(r"((?:\w+ ){0,2}\w+) (?:nao|gi)\b")
_NOT_NOUNS = {"la", "duoc", "bi", "da", "o", "tai", "cua", "voi", "cho", "bang", "lam", "ve", "va", "khi", "luc",
              "ngay", "nam", "thang", "tu", "den", "vi", "sao", "the"}


def asked_noun(question: str) -> str:
    """The folded noun a Vietnamese question asks about: "to bao" in "Tờ báo Đức nào …", "" if none.

    In news the answer is usually introduced by that noun ("báo Bild", "nhạc sĩ Đỗ Bảo"), which
    the ranker uses as evidence. English questions give the noun in English, which never
    occurs in a Vietnamese article, so they have none.
    """
    folded = " ".join(fold_diacritics(question).replace("?", " ").split())
    m = _ASKED_VI.search(folded)
    if not m:
        return ""
    words = [w for w in m.group(1).split() if w not in _NOT_NOUNS]
    return " ".join(words)
