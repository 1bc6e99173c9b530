"""The English -> Vietnamese glossary (its entries: ``[glossary]`` of ``qa/data/domain.toml``).

A key written twice in the data file is an error of the file (TOML forbids it): see
``tests/qa/test_domain.py``.
"""

from qa.glossary import expand_english


def test_longest_phrase_wins():
    assert expand_english("city party committee") == ["thanh uy"]


def test_words_of_the_domain_are_expanded_and_others_are_not():
    assert expand_english("how many cadres were rotated") == ["luan chuyen", "can bo"]  # longest entry first
    assert expand_english("what is the weather") == []
