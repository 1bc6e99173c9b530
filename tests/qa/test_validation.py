"""Questions are checked once, at the door."""

import pytest

from qa.errors import BadInput
from qa.validation import validate_question


def test_clean_form_is_nfc_with_single_spaces_and_no_invisible_characters():
    assert validate_question("  Mo\u0301ng  Ca\u0301i\u200b\nluân chuyển? ", max_chars=100) == "Móng Cái luân chuyển?"


@pytest.mark.parametrize("question, reason", [
    ("", "empty"), ("\u200b\x00 ", "empty"), ("🙂 ?!", "no words"), ("cán bộ " * 30, "the limit is 100"),
    ("Сколько кадров ротировал Ханой?", "Cyrillic"), (42, "must be text"),
])
def test_refusals_say_why(question, reason):
    with pytest.raises(BadInput, match=reason):
        validate_question(question, max_chars=100)
