"""Public QA files in both layouts, read into QAExample records."""

from __future__ import annotations

import json

from training.sources import read_any


def test_squad_v2_answers_and_unanswerables_with_offsets_checked(tmp_path):
    context = "Narendra Modi là Thủ tướng Ấn Độ thứ 15."
    data = {"data": [{"paragraphs": [{"context": context, "qas": [
        {"id": "1", "question": "Ai là thủ tướng Ấn Độ?", "answers": [{"text": "Narendra Modi", "answer_start": 0}]},
        {"id": "2", "question": "Ai là tổng thống?", "answers": [], "is_impossible": True},
        {"id": "3", "question": "Sai vị trí?", "answers": [{"text": "Thủ tướng", "answer_start": 30}]},
        {"id": "4", "question": "Không có trong đoạn?", "answers": [{"text": "Paris", "answer_start": 3}]},
    ]}]}]}
    path = tmp_path / "zalo.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    rows = {r.qid: r for r in read_any(path)}
    assert rows["zalo-1"].answer_text == "Narendra Modi" and rows["zalo-1"].language == "vi"
    assert not rows["zalo-2"].answerable
    assert context[rows["zalo-3"].answer_start:].startswith("Thủ tướng")  # a wrong offset is found again
    assert "zalo-4" not in rows  # an answer its context lacks is dropped


def test_flat_json_lines_and_english_detection(tmp_path):
    rows = [{"id": "a", "question": "Who wrote it?", "context": "It was written by Ada in 1843.",
             "answers": {"text": ["Ada"], "answer_start": [18]}, "is_impossible": False},
            {"id": "b", "question": "When?", "context": "No date here.", "answers": {"text": [], "answer_start": []},
             "is_impossible": True}]
    path = tmp_path / "viquad.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    a, b = list(read_any(path, "v"))
    assert (a.qid, a.answer_text, a.language) == ("v-a", "Ada", "en") and not b.answerable


def test_flat_rows_are_held_out_by_paragraph_so_its_questions_stay_together(tmp_path):
    from training.sources import held_out_article

    rows = [{"id": f"{p}-{q}", "question": "Ai?", "context": f"Đoạn số {p}: ông An.",
             "answers": {"text": ["An"], "answer_start": [len(f"Đoạn số {p}: ông ")]}}
            for p in range(12) for q in range(3)]
    path = tmp_path / "flat.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    held = list(read_any(path, articles=lambda i: held_out_article(i, 3)))
    kept = list(read_any(path, articles=lambda i: not held_out_article(i, 3)))
    assert len(held) + len(kept) == 36 and held and kept
    assert not {e.context for e in held} & {e.context for e in kept}
    assert not held_out_article(5, 0) and held_out_article(2, 3) and not held_out_article(3, 3)


def test_a_bare_list_of_articles_and_an_empty_file(tmp_path):
    from training.sources import article_titles, read_cross

    bare = [{"title": "Pharmacy", "paragraphs": [{"context": "Thuốc được bán ở hiệu thuốc.", "qas": [
        {"id": "p1", "question": "Dược phẩm không bán được gì?", "answers": [], "is_impossible": True}]}]}]
    path = tmp_path / "noanswer.json"
    path.write_text(json.dumps(bare, ensure_ascii=False), encoding="utf-8")
    rows = list(read_any(path))
    assert len(rows) == 1 and not rows[0].answerable and article_titles(path) == ["Pharmacy"]
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")
    assert list(read_any(empty)) == [] and article_titles(empty) == []
    assert list(read_cross(empty, path)) == []
