"""Names of bodies, as Vietnamese news writes them: a noun that says what kind of body, then a
name ("Bộ Quốc phòng", "Tập đoàn Phương Trang", "hãng hàng không Nga Aeroflot", "TAND quận Hải
Châu"). underthesea's recogniser tags only the noun or calls the whole a place, so questions for a
body were answered with a fragment or a sentence.
"""

from __future__ import annotations

import re

from qa.spans import Span
from qa.tagging import Candidate, Token, is_place

_WORDS_ONLY = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")  # a tagged word of letters, no mark or figure


def institutions(sentence: str, tokens: tuple[Token, ...], people: list[Span]) -> list[Candidate]:
    """Names of bodies as Vietnamese writes them, each word capitalised after a capitalised common
    noun: "Bộ Quốc phòng", "Sở Y tế", "Ngân hàng Xây dựng", "Tập đoàn Phương Trang", "Đài SBS".
    The recogniser tags only the noun ("Bộ") or calls the whole a place; the capitals, not a list
    of nouns, say where the name ends. It ends before a person ("Thứ trưởng Bộ Quốc phòng Nguyễn
    Chí Vịnh") and before a word with a mark in it; a listed place or another proper name the
    recogniser begins inside it ends it, though a listed place that ends it is kept as its seat
    too ("Sở Y tế TP HCM" is offered with and without "TP HCM"; "Tổng thống Mỹ Barack Obama" is no
    body). ``people``: the sentence's personal names (:func:`~qa.spans.find_names`). Where the recogniser starts a name inside a title's
    run, a name starts there too ("Bộ trưởng Bộ Y tế" offers "Bộ Y tế" as well)."""
    named = {n.start for n in people}
    out: list[Candidate] = []
    for i, t in enumerate(tokens):
        if t.pos not in {"N", "Nc"} or not t.text[:1].isupper() or t.ner.endswith("PER"):
            continue
        before = tokens[i - 1] if i else None
        if (before is not None and before.pos in {"N", "Nc", "Np"} and before.text[:1].isupper()
                and t.ner not in {"B-ORG", "B-LOC"}):
            continue  # inside a name begun before; where the recogniser starts a name, one starts there
        j = i + 1
        while (j < len(tokens) and tokens[j].text[:1].isupper() and _WORDS_ONLY.fullmatch(tokens[j].text)
               and not tokens[j].ner.endswith("PER") and tokens[j].start not in named):
            j += 1
        while j - i > 1 and tokens[j - 1].pos == "Ny":
            j -= 1  # an abbreviation whose name was cut off ("Sở Y tế TP" of "Sở Y tế TP HCM", HCM tagged a person)
        inner = next((k for k in range(i + 1, j) if is_place(tokens[k].text)
                      or k + 1 < j and is_place(sentence[tokens[k].start:tokens[k + 1].end])
                      or tokens[k].pos == "Np" and tokens[k].ner.startswith("B-") and tokens[k].ner != "B-ORG"), j)
        ends = [inner]
        if inner < j and is_place(sentence[tokens[inner].start:tokens[j - 1].end]):
            ends.append(j)  # the body's seat
        for end in ends:
            if end - i >= 2:
                out.append(Candidate(sentence[t.start:tokens[end - 1].end], t.start, tokens[end - 1].end, "ORG"))
    return out


# The nouns that say what kind of body a name names, in lower case as underthesea segments them
# ("liên đoàn", "hàng không" are one word each). A closed class of the language, not of any
# article: the name that follows is read from the capitals.
ORG_HEADS_VI = frozenset({
    "cơ quan", "tổ chức", "công ty", "tổng công ty", "tập đoàn", "doanh nghiệp", "hãng", "ngân hàng",
    "bệnh viện", "trường", "học viện", "đại học", "viện", "trung tâm", "câu lạc bộ", "clb", "đội", "cục",
    "chi cục", "toà", "tòa", "toà án", "tòa án", "báo", "tạp chí", "đài", "kênh", "quỹ", "hội", "hiệp hội",
    "liên đoàn", "nghiệp đoàn", "công đoàn", "uỷ ban", "ủy ban", "bảo tàng", "nhà hát", "nhà xuất bản",
    "hãng phim", "nhà mạng", "hợp tác xã", "liên minh", "đảng", "phong trào", "nhóm",
})
# A head written as its initials: "TAND" (a people's court), "VKSND", "UBND", "HĐND", "CLB".
_INITIALS = re.compile(r"[A-ZĐ]{2,6}")
_LOWER_INSIDE = {"N", "Nc", "A", "V"}  # "bóng đá", "nghề cá xã", "đa khoa tỉnh", "giám định pháp y"


def headed_bodies(sentence: str, tokens: tuple[Token, ...], people: list[Span]) -> list[Candidate]:
    """Names of bodies whose words are not all capitalised: a body's noun, a few lower-case words
    of what it does or where it sits, then the capitalised name, which ends it ("Liên đoàn bóng đá
    Thái Lan", "Nghiệp đoàn nghề cá xã Phổ Quang", "bệnh viện đa khoa tỉnh Quảng Nam", "trường Tuệ
    Đức", "báo Người Đưa Tin", "TAND quận Hải Châu"). :func:`institutions` reads only names
    capitalised throughout. The noun comes from a closed class (:data:`ORG_HEADS_VI`) or is written
    as initials (then with a lower-case word after them); at most four lower-case words stand between it and the name, one of them a verb
    at most and none the last (underthesea tags "giám định" a verb; "công ty bán Samsung" is no
    name), and the name ends before a person, as a body's name does."""
    named = {n.start for n in people}
    out: list[Candidate] = []
    for i, t in enumerate(tokens):
        initials = _INITIALS.fullmatch(t.text) is not None
        if t.text.lower() not in ORG_HEADS_VI and not initials:
            noun, _, name = t.text.partition(" ")
            if noun.lower() in ORG_HEADS_VI and name.istitle():  # segmented as one word: "trường Tuệ Đức"
                out.append(Candidate(t.text, t.start, t.end, "ORG"))
            continue
        j = i + 1
        verbs = 0
        while (j < len(tokens) and j - i <= 4 and tokens[j].text.islower() and tokens[j].pos in _LOWER_INSIDE
               and _WORDS_ONLY.fullmatch(tokens[j].text)):
            verbs += tokens[j].pos == "V"
            j += 1
        # initials straight before a capital may be a place's ("TP HCM"): a lower-case word must
        # stand between ("TAND quận Hải Châu", "UBND tỉnh Quảng Nam") unless the recogniser says body
        if verbs > 1 or (j > i + 1 and tokens[j - 1].pos == "V") or (initials and j == i + 1 and not t.ner.endswith("ORG")):
            continue
        end = j
        while (end < len(tokens) and tokens[end].text[:1].isupper() and _WORDS_ONLY.fullmatch(tokens[end].text)
               and tokens[end].start not in named):
            end += 1
        if end > j:
            out.append(Candidate(sentence[t.start:tokens[end - 1].end], t.start, tokens[end - 1].end, "ORG"))
    return out
