"""The English -> Vietnamese glossary (its entries: ``[glossary]`` of ``qa/data/domain.toml``).

A key written twice in the data file is an error of the file (TOML forbids it): see
``tests/qa/test_domain.py``.
"""

import pytest

from qa.glossary import expand_english
from qa.lexicon import use_lexicon


@pytest.fixture(autouse=True)
def _glossary_alone(tmp_path):
    """The glossary on its own: no fitted lexicon (tests/qa/test_lexicon.py has it)."""
    empty = tmp_path / "empty.tsv"
    empty.write_text("", encoding="utf-8")
    use_lexicon(empty)
    yield
    use_lexicon(None)


def test_longest_phrase_wins():
    assert expand_english("city party committee") == ["thanh uy"]


def test_words_of_the_domain_are_expanded_and_others_are_not():
    assert expand_english("how many cadres were rotated") == ["luan chuyen", "can bo"]  # longest entry first
    assert expand_english("what is the weather") == []
