"""Tell Vietnamese questions from English ones.

Diacritics alone mislead ("how many cadres did Hà Nội rotate?" is English with a
Vietnamese name), and so does their absence ("Ha Noi luan chuyen bao nhieu can bo" is
Vietnamese typed without accents). So the decision counts function words of each
language first, and looks at diacritics only to break a tie.
"""

from __future__ import annotations

import re

from qa.types import Language
from vectorstore.text import fold_diacritics

_EN = {
    "how", "many", "much", "what", "who", "whom", "whose", "when", "which", "where", "why", "did", "does", "do",
    "is", "are", "was", "were", "the", "of", "in", "to", "for", "a", "an", "by", "has", "have", "its", "their",
    "and", "on", "that", "this", "with", "from", "at", "there", "been", "be", "it", "as", "any", "or", "about",
}
_VI = {
    "bao", "nhieu", "ai", "nao", "gi", "la", "cua", "duoc", "co", "khong", "nhung", "cac", "nam", "ngay", "khi",
    "thi", "sao", "va", "cho", "voi", "trong", "da", "nguoi", "bo", "can", "thanh", "pho", "so", "ve", "mot",
    "nay", "do", "tai", "den", "tu", "con", "hay", "the", "luc", "dau", "nhu", "thuc", "hien", "ban", "hanh",
}
_VI_LETTERS = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.I)


def detect_language(text: str) -> Language:
    """``"en"`` or ``"vi"`` for a question; Vietnamese when in doubt (the corpus language)."""
    tokens = re.findall(r"[^\W\d_]+", text.lower())
    plain = _strip_names(text)
    en = sum(t in _EN for t in tokens)
    vi = sum(fold_diacritics(t) in _VI and t not in _EN for t in re.findall(r"[^\W\d_]+", plain.lower()))
    vi += 2 * len(_VI_LETTERS.findall(plain))
    if en > vi:
        return "en"
    return "vi"


def _strip_names(text: str) -> str:
    """Drop capitalised words and codes (Hà Nội, 1841-QĐ/TU) so their letters don't count."""
    return " ".join(w for w in text.split() if not w[:1].isupper() and not any(c.isdigit() for c in w))
