"""The feedback store (real SQLite in tmp_path) and its export to ``qa eval`` fixtures."""

import io
import json
import sqlite3
import subprocess
import sys
import threading
import unicodedata
from datetime import datetime, timedelta, timezone

import pytest

from evals.scoring import evaluate, load_fixtures
from qa.errors import BadInput, StoreUnavailable
from qa.feedback import FeedbackStore, Skipped, answer_core, describe, to_fixture
from qa.types import Answer, Citation
from tests.conftest import REPO
from tests.isolation import child_env

PASSAGE = "Từ đầu nhiệm kỳ, Thành ủy Hà Nội đã luân chuyển 137 cán bộ. Sở Nội vụ chủ trì."
CITED = Citation(1, "001_hn", "Hà Nội luân chuyển cán bộ", PASSAGE, 0.81, chunk_id="001_hn#0", span_start=49,
                 span_end=52, passage_start=120)
OTHER = Citation(2, "002_mc", "Móng Cái", "Móng Cái bổ nhiệm 12 cán bộ.", 0.42, chunk_id="002_mc#3")
ANSWERED = Answer("Hà Nội đã luân chuyển bao nhiêu cán bộ?", "137 — «Thành ủy Hà Nội đã luân chuyển 137 cán bộ» [1]",
                  False, [CITED, OTHER], span="137", kind="number")
SENTENCE = Answer("Ai chủ trì?", "«…Sở Nội vụ chủ trì» [1]", False, [CITED], kind="person")
ABSTAINED = Answer("Năm 2022, Móng Cái luân chuyển bao nhiêu cán bộ?", "Các bài báo không có câu trả lời.", True,
                   kind="number")
FOLLOW_UP = Answer("còn Móng Cái thì sao?", "12 — «Móng Cái bổ nhiệm 12 cán bộ» [1]", False, [OTHER], span="12",
                   kind="number", interpreted_as="Móng Cái bổ nhiệm bao nhiêu cán bộ?", language="vi", mode="llm")


@pytest.fixture
def store(tmp_path):
    return FeedbackStore(tmp_path / "data" / "feedback.sqlite")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_a_rating_keeps_what_was_rated(store, tmp_path):
    fb = store.add(ANSWERED, rating="up", user="lan")
    assert (tmp_path / "data" / "feedback.sqlite").is_file(), "folder and file are created"
    assert store.get(fb.id) == fb
    assert (fb.question, fb.answer, fb.span, fb.kind, fb.abstained) == (ANSWERED.question, ANSWERED.text, "137",
                                                                      "number", False)
    assert fb.citations == (CITED, OTHER) and fb.rating == "up" and fb.user == "lan" and fb.correction is None
    assert datetime.fromisoformat(fb.created).tzinfo == timezone.utc and fb.updated == fb.created
    assert json.loads(json.dumps(fb.to_dict()))["citations"][0]["doc_id"] == "001_hn"


def test_text_is_nfc_in_and_out(store):
    decomposed = Answer(nfd(ANSWERED.question), nfd(ANSWERED.text), False,
                        [Citation(1, "001_hn", nfd(CITED.title), nfd(PASSAGE), 0.8)], span="137")
    fb = store.add(decomposed, rating="down", correction=nfd(" Một trăm ba mươi bảy "), user=nfd("Lân"))
    again = store.get(fb.id)
    assert again.question == ANSWERED.question and again.answer == ANSWERED.text
    assert again.citations[0].passage == PASSAGE and again.citations[0].title == CITED.title
    assert again.correction == "Một trăm ba mươi bảy" and again.user == "Lân"
    with sqlite3.connect(store.path) as conn:  # stored NFC, not only normalised on the way out
        stored = conn.execute("SELECT question, citations FROM feedback").fetchone()
    assert stored[0] == ANSWERED.question and PASSAGE in stored[1]


def test_rating_and_correction_change_and_the_rating_can_be_taken_back(store):
    fb = store.add(ANSWERED, rating="up")
    down = store.rate(fb.id, "down")
    corrected = store.set_correction(fb.id, "173")
    assert down.rating == "down" and corrected.correction == "173" and corrected.rating == "down"
    assert corrected.updated > fb.updated and corrected.created == fb.created
    assert store.set_correction(fb.id, "  ").correction is None
    store.remove(fb.id)
    assert store.list() == []
    with pytest.raises(BadInput, match="no feedback with id"):
        store.set_correction(fb.id, "x")


def test_bad_rating_is_refused(store):
    with pytest.raises(BadInput, match="'up' or 'down', got 'meh'"):
        store.add(ANSWERED, rating="meh")


def test_list_filters_by_time_and_rating(store):
    first = store.add(ANSWERED, rating="up")
    later = store.add(ABSTAINED, rating="down")
    assert [f.id for f in store.list()] == [first.id, later.id]
    assert [f.id for f in store.list(rating="down")] == [later.id]
    since = datetime.fromisoformat(later.created)
    assert [f.id for f in store.list(since=since)] == [later.id]
    assert [f.id for f in store.list(since=since.replace(tzinfo=None))] == [later.id], "naive times are UTC"
    assert store.list(since=datetime.now(timezone.utc) + timedelta(minutes=1)) == []
    changed = store.set_correction(first.id, "137")  # a change counts as recent
    assert changed.id in [f.id for f in store.list(since=since)]


def test_the_store_uses_wal_and_survives_reopening(store):
    store.add(ANSWERED, rating="up")
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert len(FeedbackStore(store.path).list()) == 1


def test_many_threads_write_at_once(store):
    errors = []

    def rate(n: int) -> None:
        try:
            for _ in range(15):
                store.add(ANSWERED, rating="up" if n % 2 else "down", user=f"u{n}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=rate, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    ids = [f.id for f in store.list()]
    assert len(ids) == 120 == len(set(ids))


def test_two_processes_write_at_once(store, tmp_path):
    script = ("import sys\nfrom pathlib import Path\nfrom qa.feedback import FeedbackStore\n"
              "from qa.types import Answer\n"
              "s = FeedbackStore(Path(sys.argv[1]))\n"
              "for i in range(25):\n    s.add(Answer(f'q{i}', 'a', False), rating='up', user=sys.argv[2])\n")
    env = child_env(tmp_path / "child")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(store.path), name], cwd=REPO, env=env,
                              stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    for p in procs:
        assert p.wait(timeout=120) == 0, p.stderr.read()
    users = [f.user for f in store.list()]
    assert users.count("a") == 25 and users.count("b") == 25


def test_an_unreadable_file_is_store_unavailable(tmp_path):
    bad = tmp_path / "feedback.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreUnavailable, match="feedback store"):
        FeedbackStore(bad)


# --- export rules -------------------------------------------------------------------------------

def fixture_of(store, answer, rating, correction=None):
    return to_fixture(store.add(answer, rating=rating, correction=correction))


def test_liked_answer_is_its_span_with_the_article_that_holds_it(store):
    fx = fixture_of(store, ANSWERED, "up")
    assert fx == {"id": "fb0001", "question": ANSWERED.question, "answers": ["137"], "docs": ["001_hn"],
                  "kind": "number", "lang": "vi", "split": "feedback"}


def test_liked_sentence_answer_expects_the_quoted_sentence(store):
    fb = store.add(SENTENCE, rating="up")
    assert answer_core(fb) == "Sở Nội vụ chủ trì"
    assert to_fixture(fb)["answers"] == ["Sở Nội vụ chủ trì"] and to_fixture(fb)["docs"] == ["001_hn"]


def test_liked_follow_up_is_asked_as_understood(store):
    fx = fixture_of(store, FOLLOW_UP, "up")
    assert fx["question"] == "Móng Cái bổ nhiệm bao nhiêu cán bộ?" and fx["docs"] == ["002_mc"]


def test_liked_abstention_is_an_unanswerable_fixture(store):
    fx = fixture_of(store, ABSTAINED, "up")
    assert fx["kind"] == "unanswerable" and fx["answers"] == [] and fx["docs"] == [] and "near" not in fx


def test_correction_found_in_a_cited_passage_becomes_the_answer(store):
    fx = fixture_of(store, ANSWERED, "down", correction="Sở Nội vụ")
    assert fx["answers"] == ["Sở Nội vụ"] and fx["docs"] == ["001_hn"]
    fx = fixture_of(store, ANSWERED, "down", correction="12")
    assert fx["answers"] == ["12"] and fx["docs"] == ["002_mc"], "only the article that holds the correction"


@pytest.mark.parametrize("answer, rating, correction, reason", [
    (ANSWERED, "down", None, "disliked without a correction"),
    (ABSTAINED, "down", None, "disliked without a correction"),
    (ANSWERED, "down", "173", "correction not in a cited passage"),  # "137" and "12" are there, not "173"
    (ABSTAINED, "down", "25", "correction not in a cited passage"),
    (ABSTAINED, "up", "25", "correction not in a cited passage"),
    (Answer("q", "x [1]", False), "up", None, "liked answer without a cited article"),
])
def test_ratings_that_say_nothing_checkable_are_skipped(store, answer, rating, correction, reason):
    assert fixture_of(store, answer, rating, correction) == Skipped(reason)


def test_liked_answer_with_a_correction_accepts_both(store):
    fx = fixture_of(store, ANSWERED, "up", correction="137 cán bộ")
    assert fx["answers"] == ["137 cán bộ", "137"] and fx["docs"] == ["001_hn"]


def test_export_reads_back_through_the_eval_loader_and_scores(store, tmp_path):
    liked = store.add(ANSWERED, rating="up")
    store.add(ABSTAINED, rating="up")
    store.add(FOLLOW_UP, rating="down", correction="12")
    store.add(SENTENCE, rating="down")
    path = tmp_path / "feedback.jsonl"
    result = store.export_fixtures(path)
    assert result.written == 3 and result.skipped == {"disliked without a correction": 1}
    assert describe(result) == "wrote 3 fixtures; skipped 1 (1 disliked without a correction)"
    fixtures = load_fixtures([path])
    assert [f.id for f in fixtures] == [f"fb{liked.id:04d}", "fb0002", "fb0003"]
    assert [f.kind for f in fixtures] == ["number", "unanswerable", "number"]
    assert fixtures[0].answers == ("137",) and fixtures[0].docs == ("001_hn",) and fixtures[0].lang == "vi"
    assert not fixtures[1].answerable and fixtures[2].question == FOLLOW_UP.interpreted_as
    # the same answers again score as right: the fixtures say what the readers said
    again = {ANSWERED.question: ANSWERED, ABSTAINED.question: ABSTAINED, FOLLOW_UP.interpreted_as: FOLLOW_UP}
    summary = evaluate(again.__getitem__, fixtures, warmup=False).summary()["overall"]
    assert summary["answer_accuracy"] == 1.0 and summary["citation_accuracy"] == 1.0
    assert summary["abstention_accuracy"] == 1.0


def test_export_keeps_the_latest_rating_of_a_question_and_stable_ids(store, tmp_path):
    store.add(ANSWERED, rating="up")
    store.add(Answer(nfd(ANSWERED.question) + "  ", ANSWERED.text, False, [CITED], span="137"), rating="down",
              correction="Sở Nội vụ")
    out = io.StringIO()
    result = store.export_fixtures(out)
    [line] = out.getvalue().splitlines()
    assert json.loads(line)["id"] == "fb0002" and json.loads(line)["answers"] == ["Sở Nội vụ"]
    assert result.skipped == {"superseded by a later rating of the question": 1}
    store.add(ABSTAINED, rating="up")
    out = io.StringIO()
    result = store.export_fixtures(out, rating="up")  # the 👍 of fb0001 was overruled by fb0002's 👎
    assert [json.loads(x)["id"] for x in out.getvalue().splitlines()] == ["fb0003"]
    assert result.skipped == {"superseded by a later rating of the question": 1}


def test_export_of_nothing_writes_an_empty_file_and_a_bad_path_is_bad_input(store, tmp_path):
    path = tmp_path / "empty.jsonl"
    assert store.export_fixtures(path).written == 0 and path.read_text() == "" and load_fixtures([path]) == []
    with pytest.raises(BadInput, match="cannot write fixtures"):
        store.export_fixtures(tmp_path / "missing" / "dir" / "x.jsonl")
