"""The English question's nouns matched to the Vietnamese words beside each candidate: on fakes,
then with the real embedding model."""

import pytest

from qa.candidates import find_candidates
from qa.tagging import Candidate
from qa.head_nouns import EmbeddedNouns, counted_phrase, head_phrase, noun_features

BRIDGE = "Hàng chục người bắn nhau ở khu vực gần cầu Đông Hương, phường Đông Hương."


def _candidate(sentence: str, text: str, *ctypes: str) -> Candidate:
    return next(c for c in find_candidates(sentence) if c.text == text and (not ctypes or c.ctype in ctypes))


def test_the_head_is_the_nouns_before_the_name_and_the_same_for_the_name_with_its_noun():
    heads = {(c.text, head_phrase(BRIDGE, c)) for c in find_candidates(BRIDGE) if c.ctype in ("LOC", "HEADED")}
    first, second = BRIDGE.index("Đông Hương"), BRIDGE.rindex("Đông Hương")
    assert ("phường Đông Hương", "phường") in heads
    by_start = {c.start: head_phrase(BRIDGE, c) for c in find_candidates(BRIDGE) if c.text == "Đông Hương"}
    assert by_start == {first: "cầu", second: "phường"}


def test_a_capitalised_noun_inside_the_name_is_its_head():
    sentence = "Nạn nhân được đưa vào Bệnh viện Bạch Mai cấp cứu."
    assert {head_phrase(sentence, c) for c in find_candidates(sentence)
            if c.text.endswith("Bạch Mai") and c.ctype != "NP"} == {"Bệnh viện"}


def test_a_title_is_the_head_of_the_name_it_introduces():
    sentence = "Bộ trưởng Pháp Nathalie Loiseau nói hạn chót có thể bị lùi lại."
    assert "Bộ trưởng" in head_phrase(sentence, _candidate(sentence, "Pháp Nathalie Loiseau"))


def test_no_head_for_what_is_no_name_and_no_count_for_what_is_no_figure():
    assert head_phrase(BRIDGE, Candidate("Hàng chục", 0, 9, "NP")) is None
    assert counted_phrase(BRIDGE, _candidate(BRIDGE, "phường Đông Hương", "LOC")) is None


def test_what_a_figure_counts_is_the_nouns_after_it():
    sentence = "Phiến quân đã giao nộp hai xe tăng và 16 súng máy cho quân đội."
    assert counted_phrase(sentence, _candidate(sentence, "hai", "NUMWORD")) == "xe tăng"
    assert counted_phrase(sentence, _candidate(sentence, "16", "COUNT")).startswith("súng")


def test_a_figure_fused_with_its_noun_counts_that_noun():
    sentence = "Theo ông Thanh, xã An Thuỷ có tất cả 6 thôn với 2.750 hộ, nhưng chỉ có một thôn được sử dụng nước sạch."
    assert counted_phrase(sentence, _candidate(sentence, "2.750", "COUNT")) == "hộ"
    assert counted_phrase(sentence, _candidate(sentence, "6", "COUNT")) == "thôn"


def test_a_total_that_ends_its_clause_counts_the_nouns_after_tong_so():
    sentence = "Bộ GTVT cho phép mở mới 43 cơ sở để nâng tổng số cơ sở đào tạo trong cả nước lên 386."
    assert counted_phrase(sentence, _candidate(sentence, "386", "COUNT")) == "cơ sở"
    assert counted_phrase(sentence, _candidate(sentence, "43", "COUNT")) == "cơ sở"  # after it, as before
    # a quoted name inside the clause does not end it
    towns = ("Quân đội chiếm được 3 thị trấn nữa, nâng tổng số thị trấn họ kiểm soát từ khi mở chiến dịch "
             "\"Nhành Ôliu\" đến nay lên 221.")
    assert counted_phrase(towns, _candidate(towns, "221", "COUNT")) == "thị trấn"
    deaths = "Số người chết trong vụ cháy đã tăng lên 12."
    assert counted_phrase(deaths, _candidate(deaths, "12", "COUNT")) == "người"
    # only within the clause, and not for the figure of a larger one ("15,5" of "15,5 triệu")
    house = "Số nhà bị sập là nhiều, theo ông 12."
    assert counted_phrase(house, _candidate(house, "12", "COUNT")) is None
    # a number that names a thing counts nothing: no verb says the figure is the count
    for sentence, figure in [("Ông ở số nhà 52.", "52"), ("Gọi số điện thoại 119 để báo cháy.", "119"),
                             ("Xe mang biển số 63 bị giữ lại.", "63")]:
        assert counted_phrase(sentence, _candidate(sentence, figure, "COUNT")) is None
    visitors = "Số lượng khách quốc tế đạt 15,5 triệu lượt."
    assert counted_phrase(visitors, _candidate(visitors, "15,5", "COUNT")) is None
    assert counted_phrase(visitors, _candidate(visitors, "15,5 triệu", "COUNT")) == "lượt"


class FakeMatcher:
    def __init__(self, table: dict[str, float]) -> None:
        self.table = table
        self.asked: list[tuple[str, tuple[str, ...]]] = []

    def similarities(self, noun, phrases):
        self.asked.append((noun, tuple(phrases)))
        return [self.table[p] for p in phrases]


def test_features_say_how_alike_and_which_is_nearest_and_ask_each_phrase_once():
    matcher = FakeMatcher({"cầu": 0.55, "phường": 0.45})
    rows = noun_features("asked_noun", "bridge", ["phường", None, "cầu", "cầu"], matcher)
    assert rows[1] == {}
    assert rows[2] == rows[3] == {"asked_noun_sim": 0.55, "asked_noun_best": 1.0}
    assert rows[0] == {"asked_noun_sim": 0.45, "asked_noun_best": 0.0}
    assert matcher.asked == [("bridge", ("phường", "cầu"))]


def test_one_phrase_is_not_the_nearest_of_anything():
    assert noun_features("asked_noun", "bridge", ["cầu"], FakeMatcher({"cầu": 0.5}))[0]["asked_noun_best"] == 0.0
    assert noun_features("asked_noun", "", ["cầu"], FakeMatcher({})) == [{}]


class FakeEmbedder:
    def __init__(self, vectors: dict[str, list[float]]) -> None:
        self.vectors = vectors
        self.calls: list[list[str]] = []

    def embed_documents(self, texts):
        self.calls.append(list(texts))
        return [self.vectors[t] for t in texts]


def test_embedded_nouns_are_cosines_and_each_text_is_embedded_once():
    embedder = FakeEmbedder({"bridge": [1.0, 0.0], "cầu": [2.0, 0.0], "phường": [0.0, 3.0]})
    nouns = EmbeddedNouns(embedder)
    assert nouns.similarities("bridge", ["cầu", "phường"]) == pytest.approx([1.0, 0.0])
    assert nouns.similarities("bridge", ["phường"]) == pytest.approx([0.0])
    assert embedder.calls == [["bridge", "cầu", "phường"]]


def test_the_cache_forgets_the_oldest_beyond_its_size():
    embedder = FakeEmbedder({"a": [1.0, 0.0], "b": [0.0, 1.0], "c": [1.0, 1.0]})
    nouns = EmbeddedNouns(embedder, cache=2)
    nouns.similarities("a", ["b"])
    nouns.similarities("c", ["b"])
    nouns.similarities("a", ["b"])
    assert embedder.calls == [["a", "b"], ["c"], ["a"]]


@pytest.mark.real
def test_the_real_model_finds_the_vietnamese_noun_an_english_one_means(real_embedder):
    nouns = EmbeddedNouns(real_embedder)
    heads = ["cầu", "phường", "sân vận động", "bệnh viện", "công ty", "tỉnh"]
    for english, vietnamese in (("stadium", "sân vận động"), ("hospital", "bệnh viện"), ("company", "công ty"),
                                ("province", "tỉnh")):
        sims = nouns.similarities(english, heads)
        assert heads[sims.index(max(sims))] == vietnamese, (english, sims)
    counted = ["xe tăng", "người", "tuổi"]
    assert max(zip(nouns.similarities("tanks", counted), counted))[1] == "xe tăng"
    assert max(zip(nouns.similarities("age", counted), counted))[1] == "tuổi"


def test_a_measure_offered_as_a_count_counts_its_own_unit():
    sentence = "Bán kính gió mạnh 60km, bão di chuyển 40-50 km / giờ, cây cao 20 m."

    def count(text: str) -> Candidate:  # as qa.extractive.offered relabels a measure
        at = sentence.index(text)
        return Candidate(text, at, at + len(text), "COUNT")

    assert counted_phrase(sentence, count("60km")) == "km"  # glued to the figure
    assert counted_phrase(sentence, count("20 m")) == "m"
    assert counted_phrase(sentence, count("40-50")) == "km"  # after it, as before
    pupils = "Năm nay có 2,7 triệu học sinh dự thi."
    at = pupils.index("2,7")
    assert counted_phrase(pupils, Candidate("2,7 triệu", at, at + 9, "COUNT")) == "học sinh"  # a size, no unit
