"""The fitted English -> Vietnamese lexicon (``qa/data/lexicon.tsv``, made by ``evals.fit_lexicon``)."""

import pytest

from qa.errors import ConfigError
from qa.glossary import expand_english
from qa.lexicon import PACKAGED, Lexicon, active_lexicon, load_lexicon, use_lexicon


@pytest.fixture
def lexicon_file(tmp_path):
    path = tmp_path / "lexicon.tsv"
    path.write_text("# a comment\nhail\tmưa đá:0.654|mưa:0.681\n\nweather\tthời tiết:0.8\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _packaged_lexicon_after():
    yield
    use_lexicon(None)


def test_entries_are_folded_terms_nearest_first(lexicon_file):
    lexicon = load_lexicon(lexicon_file)
    assert lexicon.terms("Hail") == ("mua da", "mua") and lexicon.terms("snow") == () and len(lexicon) == 2


def test_a_byte_order_mark_is_no_part_of_the_first_word(tmp_path):
    path = tmp_path / "bom.tsv"
    path.write_text("\ufeffhail\tmưa đá:0.7\n", encoding="utf-8")
    assert load_lexicon(path).terms("hail") == ("mua da",)


def test_a_bad_file_says_which_line_and_what_to_do(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("hail mưa đá\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 1"):
        load_lexicon(bad)
    with pytest.raises(ConfigError, match="VNQA_ANSWER__LEXICON_FILE"):
        load_lexicon(tmp_path / "missing.tsv")


def test_the_glossary_wins_and_the_lexicon_fills_in_the_rest(lexicon_file):
    use_lexicon(lexicon_file)
    assert expand_english("how many cadres were rotated in the hail") == ["luan chuyen", "can bo", "mua da", "mua"]
    empty = lexicon_file.with_name("empty.tsv")
    empty.write_text("", encoding="utf-8")
    assert use_lexicon(empty) == Lexicon() and expand_english("what is the weather") == []


def test_a_word_the_question_capitalised_is_a_name_the_lexicon_leaves_alone(lexicon_file):
    from qa.question import match_terms

    use_lexicon(lexicon_file)
    assert "mua da" in match_terms("Was there hail in the north?", english=True)
    assert "mua da" not in match_terms("Did Hail Mary win the race?", english=True)


def test_the_same_file_is_not_read_again(lexicon_file):
    first = use_lexicon(lexicon_file)
    assert use_lexicon(lexicon_file) is first and active_lexicon() is first


@pytest.mark.skipif(not PACKAGED.is_file(), reason="no fitted lexicon shipped")
def test_the_shipped_lexicon_knows_words_no_glossary_lists():
    shipped = load_lexicon(None)
    assert len(shipped) > 5000
    assert "canh sat" in shipped.terms("police") and "bi bat" in shipped.terms("arrested")
    assert "dai dien" in shipped.terms("represented") and "re hon" in shipped.terms("cheaper")


def test_the_packaged_lexicon_is_read_at_first_use(lexicon_file):
    import qa.lexicon as lexicon_module

    use_lexicon(lexicon_file)
    assert use_lexicon(None) is None and lexicon_module._active is None  # not read yet
    assert active_lexicon() is active_lexicon()  # read once, then kept
