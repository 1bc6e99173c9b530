"""Fitting the English word list (``evals.fit_english_words``) on tiny fakes; the shipped list is
checked in ``tests/qa/test_foreign_names.py``."""

import json

from evals.fit_english_words import length_for, lower_case_words, tuning_english_questions, write
from qa.foreign_names import english_words


def test_lower_case_words_are_the_writers_ordinary_words():
    assert lower_case_words(["When did the Paragliding festival in Kerkenna open?"]) == {"festival", "open"}  # "When" opens it


def test_the_list_is_the_shortest_prefix_holding_the_coverage():
    ranked = ["when", "open", "festival", "rare", "rarer"]
    assert length_for(ranked, {"when", "festival", "rarer"}, 1.0) == 5
    assert length_for(ranked, {"when", "festival", "rarer"}, 0.66) == 3
    assert length_for(ranked, {"unlisted"}, 0.99) == 0


def test_held_out_and_vietnamese_questions_are_not_read(tmp_path):
    news = tmp_path / "part1.jsonl"
    rows = [{"id": "a", "question": "Who opened the festival?", "lang": "en", "split": "tuning"},
            {"id": "b", "question": "Who closed the market?", "lang": "en", "split": "heldout"},
            {"id": "c", "question": "Ai khai mạc lễ hội?", "lang": "vi", "split": "tuning"}]
    news.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    held = tmp_path / "heldout.jsonl"
    held.write_text(json.dumps({"question": "Who won the prize?"}) + "\n", encoding="utf-8")
    assert tuning_english_questions([news, held]) == ["Who opened the festival?"]


def test_written_list_reads_back_without_its_header_and_short_words(tmp_path):
    path = tmp_path / "words.txt"
    assert write(path, ["the", "court", "don't", "police"], ["a header"]) == 2
    assert english_words(path) == frozenset({"court", "police"})
