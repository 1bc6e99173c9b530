import json

import pytest

from evals.scoring import Fixture, answer_is_correct, evaluate, exact_match, load_fixtures, normalise_span, token_f1
from qa.errors import BadInput
from qa.types import Answer, Citation


def _answer(text, span=None, abstained=False, doc="d1"):
    cites = [] if abstained else [Citation(1, doc, "t", "p", 0.5)]
    return Answer(question="q", text=text, abstained=abstained, citations=cites, span=span)


def test_core_span_is_judged_not_the_quote():
    f = Fixture("x", "q", ("15",), ("d1",), "number", "vi")
    assert not answer_is_correct(f, _answer("3 đồng chí — «cử 15 đồng chí, 3 đồng chí…»", span="3"))
    assert answer_is_correct(f, _answer("15 đồng chí — «…»", span="15"))


def test_exact_match_and_f1_follow_squad_on_the_span():
    f = Fixture("x", "q", ("3,2 tỷ đồng", "Đinh La Thăng"), ("d1",), "money", "vi")
    assert normalise_span("  Đinh  La Thăng. ") == "đinh la thăng" and normalise_span("(3,2 tỷ)") == "3,2 tỷ"
    assert exact_match(f, "3,2 tỷ đồng") and exact_match(f, "đinh la thăng")
    assert not exact_match(f, "3,2 tỷ") and not exact_match(f, None) and not exact_match(f, "32 tỷ đồng")
    assert token_f1(f, "3,2 tỷ") == pytest.approx(0.8) and token_f1(f, "ông Đinh La Thăng") == pytest.approx(6 / 7)
    assert token_f1(f, None) == 0.0 and token_f1(f, "137") == 0.0


def test_report_metrics(tmp_path):
    path = tmp_path / "f.jsonl"
    rows = [
        {"id": "a", "question": "how many?", "answers": ["7"], "docs": ["d1"], "kind": "number"},
        {"id": "b", "question": "bao nhiêu?", "answers": ["8"], "docs": ["d1"], "kind": "number"},
        {"id": "c", "question": "Đà Nẵng bao nhiêu?", "answers": [], "docs": [], "kind": "unanswerable"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    canned = {"how many?": _answer("7 x", "7"), "bao nhiêu?": _answer("", abstained=True),
              "Đà Nẵng bao nhiêu?": _answer("", abstained=True)}
    report = evaluate(lambda q: canned[q], load_fixtures([path]), warmup=False)
    s = report.summary()["overall"]
    assert s["answer_accuracy"] == 0.5 and s["citation_accuracy"] == 0.5
    assert s["abstention_accuracy"] == 1.0 and s["false_abstention_rate"] == 0.5
    assert s["exact_match"] == 0.5 and s["span_f1"] == 0.5
    assert [f["id"] for f in report.failures()] == ["b"]
    assert set(report.summary()["by_language"]) == {"en", "vi"}


def test_malformed_fixture_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "question": "x"}\n{oops\n', encoding="utf-8")
    with pytest.raises(BadInput, match="bad.jsonl:2"):
        load_fixtures([path])
