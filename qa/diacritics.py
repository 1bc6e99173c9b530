"""Diacritics put back on a Vietnamese question typed without them, from the articles it finds.

Users often type Vietnamese bare ("luong mua o huyen Sin Ho la bao nhieu"). Keyword search
matches it (BM25 folds diacritics), but the embedding model reads bare syllables as other words:
measured on the tuning questions folded bare, 81 of 113 were right against 91 accented, and 7
of the 10 lost came back when the bare question was embedded as accented text (docs/EVALUATION.md).

No model ships for restoring diacritics, and a fixed table would not know the names in a user's
own archive. The articles keyword search finds for the question know them: each bare word takes
the accented form those passages write it in, and where a word has several ("ban": bản, bán,
ban …), the form its neighbour takes beside it there decides ("huyen Sin Ho" -> "huyện Sìn Hồ").
A word the passages do not hold stays as typed.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from vectorstore.text import fold_diacritics, nfc

_WORD_RE = re.compile(r"[^\W\d_]+")
_TYPED_WORD_RE = re.compile(r"[^\W_]+(?:[.,/\-][^\W_]+)*")  # a word as vectorstore.text.words splits
# How Vietnamese asks: the question words and the commonest function words, in the pairs they
# form. News passages rarely ask ("bao nhiêu" may be in none of them), and without these a bare
# "bao nhieu" would take the forms of "bảo" and "nhiều" that the passages do hold.
QUESTION_WORDS = (
    "bao nhiêu. bao lâu. bao xa. bao giờ. mấy. là ai. ai là. của ai. ở đâu. tại đâu. đến đâu. từ đâu. khi nào. "
    "lúc nào. ngày nào. năm nào. tháng nào. vào ngày. vì sao. tại sao. do đâu. như thế nào. thế nào. là gì. "
    "cái gì. điều gì. nào. có phải. được. bị. đã. sẽ. đang. còn lại. của. cho. với. trong. ngoài. những. các. "
    "người. ngày. năm. tháng. là. và. có. không. này. đó. theo. tại. từ. đến. sau. trước. khi. về. phần trăm. tỷ lệ"
)
# The pairs of those a question always writes so (:meth:`Restorer.from_texts`); not "từ đâu" ("từ
# đầu năm"), "do đâu" ("do dầu"), "đến đâu" ("đến đầu tháng"), "ở đâu" ("ở đầu bảng"), "thế nào"
# ("thẻ nào"), which news questions write either way.
QUESTION_PHRASES = ("bao nhiêu. bao lâu. bao xa. bao giờ. là ai. của ai. khi nào. lúc nào. ngày nào. "
                    "năm nào. tháng nào. vì sao. tại sao. là gì. cái gì. điều gì. phần trăm. tỷ lệ")


def typed_bare(text: str) -> bool:
    """Whether ``text`` was typed without diacritics: more than three in four of its lower-case
    words have none. A copied name ("Nguyễn Văn Hưng", "ông Phạm Bình Minh") or a code
    ("3814-QĐ/TU") does not make it typed with them, while accented Vietnamese writes about one
    word in three without ("quan", "ra", "cho")."""
    lower = [w for w in _WORD_RE.findall(nfc(text)) if w.islower()]
    return sum(fold_diacritics(w) == w for w in lower) > 0.75 * len(lower) if lower else True


def typed_runs(text: str, folded: Sequence[str]) -> list[tuple[int, list[str]]]:
    """Where the words of ``text`` run as ``folded`` once folded ("bao nhieu can bo" in "Hà Nội …
    bao nhiêu cán bộ?"): each run's offset in ``text`` and its words as the user typed them. The
    rules read a question folded; what they found is then taken back to the typed words."""
    found = list(_TYPED_WORD_RE.finditer(text))
    plain = [fold_diacritics(m.group()) for m in found]
    n = len(folded)
    return [(found[i].start(), [m.group() for m in found[i:i + n]])
            for i in range(len(plain) - n + 1) if n and plain[i:i + n] == list(folded)]


@dataclass(frozen=True)
class Restorer:
    """Accented forms of folded words, and of folded word pairs, counted in some passages."""

    words: dict[str, Counter[str]] = field(default_factory=dict)
    pairs: dict[tuple[str, str], Counter[tuple[str, str]]] = field(default_factory=dict)
    fixed: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def from_texts(cls, texts: Iterable[str], *, phrases: str = "") -> "Restorer":
        """Count the forms in ``texts``. The word pairs of ``phrases`` (:data:`QUESTION_PHRASES`) are
        written so in every question, whatever the passages write: news text says "báo" and
        "nhiều" far more often than "bao nhiêu", and a question holds that phrase, not those words."""
        words: dict[str, Counter[str]] = defaultdict(Counter)
        pairs: dict[tuple[str, str], Counter[tuple[str, str]]] = defaultdict(Counter)
        for text in (phrases, *texts):
            for (folded, word), neighbour in _neighbours(text):
                words[folded][word] += 1
                if neighbour is not None:
                    pairs[(neighbour[0], folded)][(neighbour[1], word)] += 1
        fixed = {(a[0], b[0]): (a[1], b[1]) for b, a in _neighbours(phrases) if a is not None}
        return cls(dict(words), dict(pairs), fixed)

    def restore(self, text: str) -> str:
        """``text`` with each bare word in its likeliest accented form, chosen jointly over the
        sentence (Viterbi over forms, scored by how often the passages write each form and each
        pair of neighbouring forms). Case, spacing and unknown words are kept."""
        text = nfc(text)
        found = list(_WORD_RE.finditer(text))
        if not found:
            return text
        options = [self._forms(m.group()) for m in found]
        # best[i][form] = (score, previous form) for the path ending in ``form`` at word i
        best: list[dict[str, tuple[float, str | None]]] = [{f: (self._weight(found[0], f), None) for f in options[0]}]
        for i in range(1, len(found)):
            step: dict[str, tuple[float, str | None]] = {}
            adjacent = found[i - 1].end() == found[i].start() - 1
            for form in options[i]:
                step[form] = max(((score + self._weight(found[i], form)
                                   + (self._pair(found[i - 1], prev, found[i], form) if adjacent else 0.0), prev)
                                  for prev, (score, _) in best[-1].items()), key=lambda t: t[0])
            best.append(step)
        form = max(best[-1], key=lambda f: best[-1][f][0])
        chosen = [form]
        for i in range(len(found) - 1, 0, -1):
            form = best[i][form][1]
            chosen.append(form)
        chosen.reverse()
        out, at = [], 0
        for m, form in zip(found, chosen):
            out.append(text[at:m.start()])
            out.append(_cased(m.group(), form))
            at = m.end()
        out.append(text[at:])
        return "".join(out)

    def _forms(self, word: str) -> list[str]:
        """The accented forms to choose from: those seen, at most five; else the word as typed.
        A word typed with its diacritics ("ông" pasted with a name) keeps them."""
        folded = fold_diacritics(word)
        seen = self.words.get(folded) if folded == word.lower() else None
        if not seen:
            return [word.lower()]
        asked = {form for pair, forms in self.fixed.items() for part, form in zip(pair, forms) if part == folded}
        return list(dict.fromkeys([f for f, _ in seen.most_common(5)] + sorted(asked)))

    def _weight(self, m: re.Match[str], form: str) -> float:
        """log P(form | the folded word), add-one smoothed over the forms seen."""
        seen = self.words.get(fold_diacritics(m.group()), Counter())
        return math.log((seen[form] + 1) / (sum(seen.values()) + len(seen) + 1))

    def _pair(self, left: re.Match[str], left_form: str, right: re.Match[str], right_form: str) -> float:
        """log P(the two forms | the folded pair), weighted twice a word's own: where the passages
        write the pair, they say which forms go together ("bao nhiêu", not "bảo nhiều"). 0 for a
        pair never seen, so it decides nothing."""
        folded = (fold_diacritics(left.group()), fold_diacritics(right.group()))
        if folded in self.fixed:
            return 0.0 if self.fixed[folded] == (left_form, right_form) else _NOT_THE_PHRASE
        seen = self.pairs.get(folded)
        if not seen:
            return 0.0
        return 2.0 * math.log((seen[(left_form, right_form)] + 0.1) / (sum(seen.values()) + 0.1 * (len(seen) + 1)))


# a question phrase's pair written any other way: as unlikely as a form never seen
_NOT_THE_PHRASE = -50.0


def _neighbours(text: str) -> Iterator[tuple[tuple[str, str], tuple[str, str] | None]]:
    """Each word of ``text`` as (folded, written), lower case, with the word before it when only
    one space parts them (None otherwise)."""
    previous = None
    for m in _WORD_RE.finditer(nfc(text).lower()):
        word = (fold_diacritics(m.group()), m.group())
        yield word, previous[0] if previous is not None and previous[1] == m.start() - 1 else None
        previous = (word, m.end())


def _cased(typed: str, form: str) -> str:
    """``form`` in the case the user typed (``Sin`` -> ``Sìn``, ``UBND`` stays upper)."""
    if typed.isupper() and len(typed) > 1:
        return form.upper()
    if typed[:1].isupper():
        return form[:1].upper() + form[1:]
    return form
