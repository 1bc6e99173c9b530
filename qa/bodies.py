"""Names of bodies, as Vietnamese news writes them: a noun that says what kind of body, then a
name ("Bộ Quốc phòng", "Tập đoàn Phương Trang", "hãng hàng không Nga Aeroflot", "TAND quận Hải
Châu"). underthesea's recogniser tags only the noun or calls the whole a place, so questions for a
body were answered with a fragment or a sentence.
"""

from __future__ import annotations

import re

from qa.spans import ADMINISTRATIVE_NOUNS_VI, HONORIFICS_VI, Span, sentence_start
from qa.tagging import Candidate, Token, is_place

# a tagged word of letters, no mark or figure; an abbreviation's hyphen or dot inside a syllable
# is part of it ("GD-ĐT", "TP.HCM")
_SYLLABLE = r"[^\W\d_]+(?:[-.][A-ZĐ][^\W\d_]*)*"  # not a name's "Jong-un"
_WORDS_ONLY = re.compile(rf"{_SYLLABLE}(?: {_SYLLABLE})*")


def institutions(sentence: str, tokens: tuple[Token, ...], people: list[Span]) -> list[Candidate]:
    """Names of bodies as Vietnamese writes them, each word capitalised after a capitalised common
    noun: "Bộ Quốc phòng", "Sở Y tế", "Ngân hàng Xây dựng", "Tập đoàn Phương Trang", "Đài SBS".
    The recogniser tags only the noun ("Bộ") or calls the whole a place; the capitals, not a list
    of nouns, say where the name ends. It ends before a person ("Thứ trưởng Bộ Quốc phòng Nguyễn
    Chí Vịnh") and before a word with a mark in it; a listed place or another proper name the
    recogniser begins inside it ends it, though a listed place that ends it is kept as its seat
    too ("Sở Y tế TP HCM" is offered with and without "TP HCM"; "Tổng thống Mỹ Barack Obama" is no
    body). ``people``: the sentence's personal names (:func:`~qa.spans.find_names`). Where the
    recogniser starts a name inside a title's run, a name starts there too ("Bộ trưởng Bộ Y tế"
    offers "Bộ Y tế" as well)."""
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
        while (j < len(tokens) and _capitalised(tokens[j].text) and not _capital_head(tokens, j)
               and tokens[j].pos not in _NOT_IN_NAME
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
        tail = _capital_head(tokens, j) if inner == j < len(tokens) and not tokens[j].ner.endswith("PER") else 0
        if tail:
            out.append(Candidate(sentence[t.start:tail], t.start, tail, "ORG"))
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
# A head written as its initials, "TAND" (a people's court), "VKSND", "UBND", is a body when the
# administrative noun of its seat follows it.
_INITIALS = re.compile(r"[A-ZĐ]{2,6}")
_SEAT_NOUN = re.compile(rf"{ADMINISTRATIVE_NOUNS_VI}|tỉnh|thành phố|TP")  # lower case, as a seat is written
_LOWER_INSIDE = {"N", "Nc", "A", "V"}  # "bóng đá", "nghề cá xã", "đa khoa tỉnh", "giám định pháp y"
# A capital on a determiner, pronoun or function word opens a phrase, not a name ("Hiệp hội Các nhà
# sản xuất …"); nor does an honorific ("toà Bà Thảo", the court and Mrs Thảo).
_NOT_IN_NAME = {"L", "P", "E", "C", "CC", "R", "M", "T"}


def headed_bodies(sentence: str, tokens: tuple[Token, ...], people: list[Span]) -> list[Candidate]:
    """Names of bodies whose words are not all capitalised: a body's noun, a few lower-case words
    of what it does or where it sits, then the capitalised name, which ends it ("Liên đoàn bóng đá
    Thái Lan", "Nghiệp đoàn nghề cá xã Phổ Quang", "bệnh viện đa khoa tỉnh Quảng Nam", "trường Tuệ
    Đức", "báo Người Đưa Tin", "TAND quận Hải Châu"). :func:`institutions` reads only names
    capitalised throughout.

    The noun comes from a closed class (:data:`ORG_HEADS_VI`), or is initials followed by the
    administrative noun of the body's seat ("TAND quận", "UBND tỉnh"; "AP mô tả …", "USD hàng
    hoá" are no bodies). Between the noun and the name stand at most four lower-case nouns or
    adjectives, and a verb only inside a name whose noun is capitalised mid-sentence ("Trung tâm
    giám định pháp y …", where underthesea tags "giám định" a verb; "toà xác định bị cáo Thuỷ" is
    a clause). The name is capitalised words; it ends before a person (a Vietnamese name, or a
    foreign one the recogniser tags as two words or more after the name's first word: "đảng Cộng
    hoà John McCain"; "hãng hàng không Nga Aeroflot" keeps its one-word "person"), a determiner or
    an honorific, and an abbreviation it ends on is cut off with what followed it ("Trường THCS"
    of "Trường THCS Đào Duy Từ"). A listed place straight after the noun is where, not a name
    ("trung tâm Bắc Kinh"); one later inside the name ends it."""
    named = {n.start for n in people}
    out: list[Candidate] = []
    for i, t in enumerate(tokens):
        if t.text.lower() not in ORG_HEADS_VI:
            initials = _INITIALS.fullmatch(t.text) is not None
            if initials and i + 1 < len(tokens) and _SEAT_NOUN.fullmatch(tokens[i + 1].text):
                j = i + 2  # "TAND quận Hải Châu"
                proper = False
            else:
                out += _one_word_body(t)
                continue
        else:
            j = i + 1
            verbs = 0
            while (j < len(tokens) and j - i <= 4 and tokens[j].text.islower() and tokens[j].pos in _LOWER_INSIDE
                   and _WORDS_ONLY.fullmatch(tokens[j].text)):
                verbs += tokens[j].pos == "V"
                j += 1
            proper = t.text[:1].isupper() and not sentence_start(sentence, t.start)  # not capitalised as a sentence opens
            if verbs and (verbs > 1 or not proper or tokens[j - 1].pos == "V"):
                continue
        end = j
        while (end < len(tokens) and _capitalised(tokens[end].text) and not _capital_head(tokens, end)
               and tokens[end].start not in named
               and tokens[end].pos not in _NOT_IN_NAME and tokens[end].text.split()[0].lower() not in HONORIFICS_VI
               and not (end > j and tokens[end].ner == "B-PER" and end + 1 < len(tokens)
                        and tokens[end + 1].ner == "I-PER")):
            end += 1
        while end > j and tokens[end - 1].pos == "Ny":
            end -= 1  # "Trường THCS" of "Trường THCS Đào Duy Từ", cut before the person
        tail = _capital_head(tokens, end) if end < len(tokens) and tokens[end].start not in named else 0
        if tail:  # the name's last syllables joined to the next word ("TAND quận Hải Châu xử")
            out.append(Candidate(sentence[t.start:tail], t.start, tail, "ORG"))
        if end == j or (j == i + 1 and is_place(sentence[tokens[j].start:tokens[end - 1].end])):
            continue
        if proper and (resumed := _resumed_name(tokens, end, named)):
            out.append(Candidate(sentence[t.start:resumed], t.start, resumed, "ORG"))
        # a listed place after the name's first word ends it, and is kept as its seat only where it
        # ends the run ("Toà án Tối cao Ấn Độ Dipak Misra" is "Toà án Tối cao"; "hãng hàng không Nga
        # Aeroflot" opens its name with the country)
        inner = next((k for k in range(j + 1, end) if is_place(tokens[k].text)), end)
        if inner < end and not is_place(sentence[tokens[inner].start:tokens[end - 1].end]):
            end = inner
        out.append(Candidate(sentence[t.start:tokens[end - 1].end], t.start, tokens[end - 1].end, "ORG"))
    return out


# What no official name holds in its lower-case words: where it belongs ("thuộc") or a field of study
_NOT_IN_OFFICIAL_NAME = frozenset({"thuộc", "trực thuộc", "chuyên ngành", "ngành"})
# The bodies a department belongs to, which begin a name of their own after it
_GOVERNING_HEADS = frozenset({"bộ", "sở", "ubnd", "hđnd", "uỷ ban", "ủy ban", "chính phủ", "quốc hội"})
_BODY_HEADS = ORG_HEADS_VI | _GOVERNING_HEADS  # once, not per word read


def _resumed_name(tokens: tuple[Token, ...], end: int, named: set[int]) -> int:
    """Where a body's official name ends that goes on in lower case after its capitalised words,
    0 if it does not: at most three lower-case nouns or adjectives, then either capitalised words
    that are no person and no listed place ("Cục Hợp tác quân sự Quốc tế", "Cơ quan CSĐT Công an
    huyện Long Hồ") or a punctuation mark that closes the name ("Cục Cảnh sát hình sự (Bộ Công
    an)"; not "Sở Y tế tỉnh" of "Sở Y tế tỉnh Quảng Nam", whose province is listed)."""
    k = end
    while (k < len(tokens) and k - end < 3 and tokens[k].text.islower() and tokens[k].pos in {"N", "A"}
           and _WORDS_ONLY.fullmatch(tokens[k].text) and tokens[k].text not in _NOT_IN_OFFICIAL_NAME):
        k += 1
    if k == end:
        return 0
    m = k
    while (m < len(tokens) and _capitalised(tokens[m].text) and tokens[m].start not in named
           and tokens[m].pos not in _NOT_IN_NAME and not is_place(tokens[m].text)
           and tokens[m].text.lower() not in _BODY_HEADS):
        m += 1
    if m > k:
        return tokens[m - 1].end
    # the name closes at a mark, or where the body it belongs to begins ("Cục Quản lý chất lượng Bộ GD-ĐT")
    closed = k == len(tokens) or tokens[k].pos == "CH" or tokens[k].text.lower() in _BODY_HEADS
    return tokens[k - 1].end if closed else 0


def _one_word_body(t: Token) -> list[Candidate]:
    """A body the tagger made one word of, its noun and its name ("trường Tuệ Đức"); not a place
    or person named with such a syllable ("Đài Loan", "Trường Sa", "Trường Giang")."""
    noun, _, name = t.text.partition(" ")
    if (noun.lower() in ORG_HEADS_VI and name and _capitalised(name) and t.ner == "O"
            and not is_place(t.text) and not is_place(name)):
        return [Candidate(t.text, t.start, t.end, "ORG")]
    return []


def _capital_head(tokens: tuple[Token, ...], k: int) -> int:
    """Where a name ends inside ``tokens[k]``, a word the tagger made of a name's last syllables
    and the word after them ("GD-ĐT cấp" of "do Bộ GD-ĐT cấp", "Hải Châu xử" of "TAND quận Hải
    Châu xử"): the end of its capitalised syllables, or 0 where it is not such a word.

    A body's name capitalises each of its words once, and the tagger's words may hold several
    ("Ban Chấp hành", "Quốc phòng"), so case alone marks a name's end only after initials, or
    where every syllable of a name is capitalised: a place's, after its administrative noun."""
    t = tokens[k]
    syllables = t.text.split(" ")
    n = 0
    while n < len(syllables) and re.fullmatch(_SYLLABLE, syllables[n]) and syllables[n][:1].isupper():
        n += 1
    rest = syllables[n:]
    if not (n and rest and all(w.islower() for w in rest)):
        return 0
    initials = n == 1 and len(syllables[0]) >= 2 and syllables[0].isupper()
    placed = k > 0 and _SEAT_NOUN.fullmatch(tokens[k - 1].text) is not None
    return t.start + len(" ".join(syllables[:n])) if initials or placed else 0


def _capitalised(text: str) -> bool:
    """Whether ``text`` (a tagged word) is letters and capitalised as a name's word is: its first
    syllable ("Quốc phòng", "Y tế": Vietnamese capitalises a word of a name once)."""
    return _WORDS_ONLY.fullmatch(text) is not None and text[:1].isupper()


# Bodies that share a name with others of their kind and are told apart by where they sit, so
# that "tại" and the place belong to the name: a country's missions abroad ("Đại sứ quán Mỹ tại
# Việt Nam") and the courts and procuracies of a level ("TAND Cấp cao tại Đà Nẵng", one of three).
# Closed classes of the language, as ORG_HEADS_VI is.
_MISSION_NOUNS_VI = ("đại sứ quán", "lãnh sự quán", "tổng lãnh sự quán", "văn phòng đại diện",
                     "cơ quan đại diện", "phái đoàn")
_LEVEL_VI = r"(?i:cấp cao|tối cao)"
# a court's or procuracy's initials with its level ("TAND Tối cao", "VKSND cấp cao"; not "IS cấp cao",
# a senior IS commander)
_LEVELLED_INITIALS = re.compile(rf"(?<!\w)(?:TAND|TANDTC|VKSND|VKS|Viện KSND) {_LEVEL_VI}(?!\w)")
# the seat: a city's or country's noun may open it ("tại TP.HCM", "tại Thành phố Hồ Chí Minh", "tại
# Thủ đô Sanaa", "tại Cộng hòa Séc")
_AT_SEAT = re.compile(r" tại ((?:TP\.? ?|[Tt]hành phố |[Tt]hủ đô |[Cc]ộng h[oò]a )?[A-ZĐ][^\W\d_]*(?: [A-ZĐ][^\W\d_]*){0,3})")


def seated_bodies(sentence: str, bodies: list[Candidate], people: list[Span]) -> list[Candidate]:
    """Bodies named with their seat ("Đại sứ quán Việt Nam tại Malaysia", "TAND Cấp cao tại TP
    HCM"), and courts named by initials and level ("TAND Tối cao"), which neither reader of names
    above offers. ``bodies``: the sentence's candidates so far. A body's name that ends on a level
    (an ORG candidate), or a mission's name from any reader, goes on with its seat: where the
    recogniser begins a place inside a mission's name ("Đại sứ quán Việt Nam"), only the
    noun-phrase readers offer it whole. The seat is capitalised words after "tại", ending before
    a person (:func:`_seat_end`). The shorter name stays a candidate too: the ranker decides, as
    for a body's seat elsewhere."""
    named = sorted(n.start for n in people)
    out: list[Candidate] = []
    levelled = [Candidate(m.group(), m.start(), m.end(), "ORG") for m in _LEVELLED_INITIALS.finditer(sentence)]
    out += levelled
    for body in [*bodies, *levelled]:
        mission = body.text.lower().startswith(_MISSION_NOUNS_VI)
        if not (mission or body.ctype == "ORG" and re.search(rf"{_LEVEL_VI}$", body.text)):
            continue
        seat = _AT_SEAT.match(sentence, body.end)
        if seat is None:
            continue
        end = next((start for start in named if seat.start(1) < start < seat.end(1)), seat.end(1))
        end = _seat_end(sentence, seat.start(1), len(sentence[:end].rstrip()))
        if end:
            out.append(Candidate(sentence[body.start:end], body.start, end, "ORG"))
    return out


def _seat_end(sentence: str, start: int, end: int) -> int:
    """Where the seat ``sentence[start:end]`` ends: at the longest listed place it opens with, where
    it is not one whole ("tại Campuchia Jay Raman", the ambassador after the country); 0 for a
    seat cut at an initial ("tại Washington D" of "Washington D.C.")."""
    words = sentence[start:end].split(" ")
    if len(words[-1]) == 1:
        return 0
    if not is_place(sentence[start:end]):
        for n in range(len(words) - 1, 0, -1):
            if is_place(" ".join(words[:n])):
                return start + len(" ".join(words[:n]))
    return end
