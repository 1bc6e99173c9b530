"""Figures as an English reader reads them: "40.000" is forty thousand, not forty.

Vietnamese writes thousands with a dot and decimals with a comma ("40.000", "58,02%"), and
orders of magnitude and currencies in words ("2,7 triệu", "3,2 tỷ đồng"). An English answer
that shows the article's "40.000 people" reads as forty, so the figure shown first in an
English answer is rewritten; the span itself (``Answer.span``, the citation's highlight) stays
as the article prints it. The words are a closed class of the language, like the number words
the candidate recogniser knows (:mod:`qa.candidates`), not domain vocabulary.
"""

from __future__ import annotations

import re

from vectorstore.text import nfc

# "40.000", "1.285.000,5", "58,02", "2,7": a Vietnamese number, its dots grouping and comma decimal.
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d|[.,]\d)|(?<![\w.,])\d+,\d+(?!\d|[.,]\d)")
_WORDS = [
    (r"nghìn tỷ|ngàn tỷ|nghìn tỉ|ngàn tỉ", "trillion"),
    (r"nghìn|ngàn", "thousand"),
    (r"triệu", "million"),
    (r"tỷ|tỉ", "billion"),
    (r"trăm", "hundred"),
    (r"phần trăm", "percent"),
    (r"đồng|VNĐ|VND|đ", "dong"),
    (r"đô la Mỹ|đô la|đôla", "dollars"),
    (r"nhân dân tệ|NDT|tệ", "yuan"),
    (r"yên", "yen"),
    (r"bảng Anh", "pounds"),
    (r"hải lý", "nautical miles"),
    (r"cây số", "km"),
    (r"km/giờ", "km/h"),
    (r"tấn", "tonnes"),
    (r"mét vuông", "square metres"),
    (r"mét", "metres"),
    (r"lít", "litres"),
    (r"độ richter|độ Richter", "on the Richter scale"),
    (r"độ C", "°C"),
    (r"độ", "degrees"),
]
_WORD = re.compile("|".join(rf"(?<!\w)(?:{vi})(?![^\W\d_])" for vi, _ in _WORDS))
_ENGLISH = [(re.compile(rf"^(?:{vi})$"), en) for vi, en in _WORDS]


def english_figure(text: str) -> str:
    """``text`` (a count, sum or share as the article prints it) as an English reader reads it:
    "40.000" -> "40,000", "2,7 triệu" -> "2.7 million", "3,2 tỷ đồng" -> "3.2 billion dong"."""
    text = nfc(text)
    swapped = _NUMBER.sub(lambda m: m.group().translate(str.maketrans({".": ",", ",": "."})), text)
    return _WORD.sub(lambda m: next(en for rule, en in _ENGLISH if rule.match(m.group())), swapped)
