"""Vietnamese word segmentation for BM25.

Vietnamese writes words as space-separated syllables ("cán bộ", "luân chuyển"), so a
syllable index confuses "cán bộ" (cadre) with any "bộ" (ministry, set ...). The segmenter
joins syllables into words with underthesea's CRF model (bundled in its wheel, no download).

Terms are folded (no diacritics, lower case) and every multi-syllable word also yields its
syllables, so a question typed without accents ("Mong Cai luan chuyen") - which no
segmenter can join - still matches on syllables, while an accented one gains the more
precise word terms. Document codes stay whole ("1841-qd/tu").

Why underthesea over pyvi (both on PyPI, both bundle their models): on the seed articles
underthesea joins names and compounds pyvi misses ("Móng_Cái", "Bên_cạnh", "Trưởng_Ban"),
is maintained (2026 vs 2019, pyvi's models are pickled scikit-learn objects), and at about
80k characters/s on one core it is fast enough (pyvi: 358k chars/s).
"""

from __future__ import annotations

import re
from typing import Protocol

from vectorstore.text import DOCUMENT_CODE_RE, fold_diacritics, nfc


class Segmenter(Protocol):
    name: str

    def terms(self, text: str) -> list[str]:
        """BM25 terms of ``text``."""


def _with_codes(text: str, terms: list[str]) -> list[str]:
    return terms + [fold_diacritics(m.group()) for m in DOCUMENT_CODE_RE.finditer(text)]


class SyllableSegmenter:
    """Folded syllables only: the baseline, and the fallback for unsegmentable input."""

    name = "syllables/folded"

    def terms(self, text: str) -> list[str]:
        return _with_codes(text, re.findall(r"[^\W_]+", fold_diacritics(nfc(text))))


class UndertheseaSegmenter:
    """underthesea words (joined with ``_``) plus their syllables, folded."""

    name = "underthesea-9.5/words+syllables/folded"

    def terms(self, text: str) -> list[str]:
        from vectorstore.underthesea_lite import CALL_LOCK, underthesea

        with CALL_LOCK:  # underthesea's model loads lazily into a module global
            tokens = underthesea().word_tokenize(nfc(text))
        out: list[str] = []
        for token in tokens:
            syllables = re.findall(r"[^\W_]+", fold_diacritics(token))
            if len(syllables) > 1:
                out.append("_".join(syllables))
            out.extend(syllables)
        return _with_codes(text, out)
