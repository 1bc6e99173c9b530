"""Tell Vietnamese questions from English ones.

Diacritics alone mislead ("how many cadres did Hà Nội rotate?" is English with a
Vietnamese name), and so does their absence ("Ha Noi luan chuyen bao nhieu can bo" is
Vietnamese typed without accents). So the decision counts function words of each
language first, and looks at diacritics only to break a tie.
"""

from __future__ import annotations

import re
import unicodedata

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


# Function words of languages people may try that vnqa does not answer in (Latin script).
_OTHER = {
    "French": {"combien", "quel", "quelle", "quels", "qui", "est", "les", "des", "dans", "une", "pour", "avec", "sont",
               "ont", "du", "au", "aux", "pourquoi", "comment", "quand", "où", "le", "la"},
    "Spanish": {"cuántos", "cuantos", "cuántas", "qué", "quién", "dónde", "cuándo", "los", "las", "el", "es", "una",
                "por", "para", "con", "son", "del", "fue", "cómo"},
    "German": {"wie", "viele", "wer", "was", "wann", "wo", "warum", "der", "die", "das", "und", "ist", "sind", "wurden",
               "hat", "haben", "ein", "eine", "nicht", "mit", "für"},
    "Indonesian": {"berapa", "siapa", "apa", "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "adalah", "kapan",
                   "bagaimana", "mengapa", "ini", "itu"},
}


def unsupported_language(text: str) -> str | None:
    """The language of ``text`` when it is clearly neither Vietnamese nor English, else None.

    Questions are matched against Vietnamese articles with Vietnamese and English rules, so a
    question in another language would get a confident-looking wrong answer. Two signals:
    letters mostly outside the Latin script (Chinese, Cyrillic, Thai, ...) - Vietnamese is
    Latin - or at least two function words of another Latin-script language outnumbering the
    English and Vietnamese ones. Names and a stray foreign word do not trigger it.
    """
    letters = [c for c in text if c.isalpha()]
    if letters:
        scripts: dict[str, int] = {}
        for c in letters:
            name = unicodedata.name(c, "UNKNOWN")
            script = name.split()[0]
            scripts[script] = scripts.get(script, 0) + 1
        if scripts.get("LATIN", 0) < 0.5 * len(letters):
            top = max((s for s in scripts if s != "LATIN"), key=scripts.get)
            return _SCRIPT_NAMES.get(top, top.title()) + " script"
    tokens = re.findall(r"[^\W\d_]+", text.lower())  # the first word counts even though capitalised
    foreign = set().union(*_OTHER.values())
    ours = sum(t in _EN and t not in foreign for t in tokens)
    ours += sum(fold_diacritics(t) in _VI and t not in foreign for t in tokens)
    ours += len(_VI_ONLY_LETTERS.findall(_strip_names(text)))
    for language, words in _OTHER.items():
        theirs = sum(t in words for t in tokens)
        if theirs >= 2 and theirs > ours:
            return language
    return None


# Letters only Vietnamese uses (French and Spanish share à, é, ê, ô, ...).
_VI_ONLY_LETTERS = re.compile(r"[ăđơưảạẻẽẹỉĩịỏọủũụỳỷỹỵằắẳẵặầấẩẫậềếểễệồốổỗộờớởỡợừứửữự]", re.I)
# The same with â ê ô, which other languages write too but no foreign name in Vietnamese news
# does: a name with none of these is foreign ("François Hollande"), one with any Vietnamese.
VIETNAMESE_LETTERS = re.compile(r"[ăđơưảạẻẽẹỉĩịỏọủũụỳỷỹỵằắẳẵặầấẩẫậềếểễệồốổỗộờớởỡợừứửữựâêô]", re.I)

_SCRIPT_NAMES = {"CJK": "Chinese/Japanese (CJK)", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean",
                 "CYRILLIC": "Cyrillic", "ARABIC": "Arabic", "HEBREW": "Hebrew", "THAI": "Thai", "LAO": "Lao",
                 "KHMER": "Khmer", "DEVANAGARI": "Devanagari", "GREEK": "Greek"}
