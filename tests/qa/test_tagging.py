"""underthesea's tokens with offsets into the sentence as given."""

from qa.tagging import is_place, tag


def test_tokens_point_into_the_sentence_as_given():
    sentence = "Ông Nguyễn Văn An đến Thanh Hoá hôm qua."  # underthesea writes "Hóa"
    tokens = tag(sentence)
    assert tokens and all(sentence[t.start:t.end] == t.text for t in tokens)
    assert any(t.text == "Thanh Hoá" and t.ner.endswith("LOC") for t in tokens)


def test_a_place_is_a_listed_place_whole():
    assert is_place("Hà Nội")
    assert not is_place("Hà Nội mới") and not is_place("Bảo tàng")
