"""Foreign names in an English question (``qa.foreign_names``): capitalised words that are no
English word, on a tiny word list, and the shipped list (``qa/data/english_words.txt``)."""

import pytest

from qa.entities import Entity, mentions
from qa.foreign_names import WORDS_FILE, english_words, find_foreign_names, is_english, is_pinyin

WORDS = frozenset({"what", "sank", "island", "week", "festival", "court", "supreme", "prime", "minister",
                   "interceptor", "paraglide", "police"})


def names(text, covered=()):
    return find_foreign_names(text, covered, words=WORDS)


def test_a_capitalised_word_that_is_no_english_word_is_a_name():
    assert names("What sank off Kerkenna island last Week?") == ["Kerkenna"]
    assert names("The Supreme Court and the Prime Minister") == []


def test_adjacent_names_are_one_run_but_a_name_before_an_english_word_names_something_in_english():
    assert names("What did Purushottam Timsina tell Police in Kalimpong?") == ["Purushottam Timsina", "Kalimpong"]
    # "Fajr International Film Festival": the press translates it ("Liên hoan phim Quốc tế Iran")
    assert names("Who went to the Fajr Festival and the Tsinghua Court?") == []
    # a pinyin word after a name is no English head noun
    assert names("What did Prayuth Chan-o-cha say?") == ["Prayuth"]


def test_inflected_words_are_english():
    assert is_english("Interceptors", WORDS) and is_english("Paragliding", WORDS)
    assert not is_english("Timsina", WORDS)
    assert names("How many Interceptors did the Paragliding Festival use?") == []


def test_pinyin_acronyms_short_words_and_bare_vietnamese_syllables_are_left_to_other_rules():
    assert is_pinyin("Jinping") and is_pinyin("Keqiang") and is_pinyin("Zhang")
    assert is_pinyin("Zhongnanhai") and is_pinyin("Heilongjiang")  # three syllables spelt as only pinyin is
    assert names("How many Laotians were rescued?") == []  # a nationality's plural: the place's rule
    assert not is_pinyin("Kerkenna") and not is_pinyin("Timsina")
    assert not is_pinyin("Moriya") and not is_pinyin("Tabichi")  # three syllables: no Chinese name
    assert names("What did Xi Jinping tell Li Keqiang about HCMC and Thanh in Hoan?") == []


def test_a_possessive_is_no_part_of_the_name_and_covered_stretches_are_skipped():
    assert names("What was Juncker's reply?") == ["Juncker"]
    assert names("Did 'Kerkenna' flood?") == ["Kerkenna"]  # quotes around it
    text = "Did Juncker meet Timsina?"
    assert names(text, covered=[(text.index("Timsina"), len(text) - 1)]) == ["Juncker"]


def test_without_a_word_list_no_word_is_a_name(tmp_path):
    assert english_words(tmp_path / "missing.txt") == frozenset()
    assert find_foreign_names("What sank off Kerkenna?", words=frozenset()) == []


def test_a_run_is_mentioned_when_a_word_of_the_text_begins_with_any_of_its_words_first_letters():
    article = "Ngoại trưởng Sergey Lavrov, ông Jong Un và Thủ tướng Prayut gặp gia đình Timsina ở Kerkenna."
    assert all(mentions(article, Entity("foreign", run)) for run in (
        "Sergei Lavrov", "Jong-un", "Kerkenna", "Prayuth", "Timsinas"))
    assert not mentions(article, Entity("foreign", "Medvedeva"))
    # at a word's start only: "Thaco" is not "thà có", "Odinga" not "đi ngang"
    assert not mentions("Họ thà có xe và đi ngang qua.", Entity("foreign", "Thaco Odinga"))


@pytest.mark.parametrize("word", ["court", "ministry", "festival", "committee", "province", "hospital",
                                  "interceptor", "police", "typhoon", "university"])
def test_the_shipped_list_holds_ordinary_words(word):
    assert word in english_words()


@pytest.mark.parametrize("name", ["kerkenna", "timsina", "purushottam", "kalimpong", "basaran"])
def test_the_shipped_list_leaves_rare_foreign_names_out(name):
    assert WORDS_FILE.exists() and name not in english_words()
