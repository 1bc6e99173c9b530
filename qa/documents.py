"""Names of documents that have no code: "quyết định số 02", "Luật Tiết kiệm năng lượng".

A code ("1841-QĐ/TU", "Điều 356") is found by its shape (:func:`qa.spans.find_codes`); a document
numbered plainly or named by its subject was no candidate at all, so "which decision / which law"
questions were answered with a clause or a sentence.
"""

from __future__ import annotations

import re

from qa.spans import Span, find_codes
from qa.tagging import Candidate, Token, is_place

# The kinds of document the news cites, as they open a document's name. A closed class of the
# language of administration, not of any article.
_DOCUMENT_HEADS = (r"quyết định|nghị quyết|nghị định|thông tư|chỉ thị|công văn|kế hoạch|văn bản|thông báo|"
                   r"lệnh|hiệp định|hiệp ước|luật|bộ luật|đạo luật|dự luật|pháp lệnh")
# "quyết định số 02", "Công văn số 1234": a number that is no code of its own shape
_NUMBERED_RE = re.compile(rf"(?<!\w)(?:{_DOCUMENT_HEADS}) số \d[\w./-]*(?<![./-])", re.IGNORECASE)
# A law named by its subject is written as a name: "Luật Đất đai", "Bộ luật Hình sự", "Đạo luật
# CAATSA". Not the "luật" of "pháp luật", "kỷ luật", nor a law firm ("Công ty Luật FDVN").
_LAW_HEAD_RE = re.compile(r"(?<![\w])(?<!pháp )(?<!kỷ )(?<!kỉ )(?<!hãng )(?<!Hãng )(?<!ty )(?<!phòng )"
                          r"(?:Luật|Bộ luật|Đạo luật|Dự luật|Pháp lệnh) (?=[A-ZĐ])")
# A subject is nouns and adjectives, and verbs written capitalised ("Luật Tiết kiệm năng lượng")
_SUBJECT_POS = {"N", "Nc", "Np", "A", "V"}
# "Luật Đất đai năm 2013", "Luật Đất đai sửa đổi", "Luật Cảnh sát biển chiều 5/6"
_NOT_SUBJECT = {"năm", "số", "này", "đó", "mới", "sửa đổi", "sáng", "trưa", "chiều", "tối", "đêm", "ngày", "hôm",
                "tháng", "tuần"}


def documents(sentence: str, tokens: tuple[Token, ...], people: list[Span]) -> list[Candidate]:
    """Documents ``sentence`` names without a code: numbered plainly after their kind, or a law
    by its subject (the words after "Luật", the first capitalised, up to a mark, a figure, a
    function word, a time word, a lower-case verb or a person: at most six words). A law named
    by a place alone ("luật Việt Nam") or a person is no law's name. ``people``: the sentence's
    personal names (:func:`~qa.spans.find_names`)."""
    named = {n.start for n in people}
    codes = [(c.start, c.end) for c in find_codes(sentence)]
    out = [Candidate(m.group(), m.start(), m.end(), "CODE") for m in _NUMBERED_RE.finditer(sentence)
           if not any(m.start() < b and a < m.end() for a, b in codes)]
    for m in _LAW_HEAD_RE.finditer(sentence):
        # the tagger may join the noun and the subject's first word ("Bộ luật Hình sự")
        words = [t for t in tokens if t.end > m.end()]
        end = None
        for k, t in enumerate(words[:6]):
            gap = sentence[(words[k - 1].end if k else m.end()):max(t.start, m.end())]
            if (gap.strip() or t.pos not in _SUBJECT_POS or t.text.lower() in _NOT_SUBJECT
                    or t.pos == "V" and not t.text[:1].isupper() or t.start in named):
                break
            end = t.end
        if end is not None and not is_place(sentence[m.end():end]):
            out.append(Candidate(sentence[m.start():end], m.start(), end, "CODE"))
    return out
