"""``qa feedback list|export`` through click's CliRunner, on the real ``qa`` group and on its own."""

import json
import os
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from evals.scoring import load_fixtures
from qa.feedback import FeedbackStore
from qa.feedback_cli import feedback
from qa.settings import Settings
from qa.types import Answer, Citation

PASSAGE = "Thành ủy Hà Nội đã luân chuyển 137 cán bộ từ đầu nhiệm kỳ."
ANSWER = Answer("Hà Nội đã luân chuyển bao nhiêu cán bộ?", "137 — «…luân chuyển 137 cán bộ…» [1]", False,
                [Citation(1, "001_hn", "Luân chuyển cán bộ", PASSAGE, 0.8)], span="137", kind="number")
ABSTAINED = Answer("Ai là Trưởng Ban Tổ chức Thành ủy Đà Nẵng?", "Không tìm thấy.", True, kind="person")


@pytest.fixture
def qa_cli(monkeypatch):
    """The real ``qa`` group with ``feedback`` registered as ``qa/cli.py`` will (undone after the test)."""
    from qa.cli import cli

    monkeypatch.setitem(cli.commands, "feedback", feedback)
    return cli


@pytest.fixture
def store():
    """The store the settings point at (in the isolated VNQA_DATA_DIR)."""
    return FeedbackStore(Settings.load().feedback_path)


@pytest.fixture
def runner():
    return CliRunner()


def test_export_to_stdout_is_fixtures_and_the_count_goes_to_stderr(qa_cli, store, runner):
    store.add(ANSWER, rating="up", user="lan")
    store.add(ABSTAINED, rating="down")
    result = runner.invoke(qa_cli, ["feedback", "export"], obj={})
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    assert json.loads(line) == {"id": "fb0001", "question": ANSWER.question, "answers": ["137"], "docs": ["001_hn"],
                                "kind": "number", "lang": "vi", "split": "feedback"}
    assert result.stderr.strip() == "wrote 1 fixture; skipped 1 (1 disliked without a correction)"


def test_export_to_a_file_reads_back_through_the_eval_loader(qa_cli, store, runner, tmp_path):
    store.add(ANSWER, rating="up")
    store.add(ABSTAINED, rating="up")
    out = tmp_path / "fb.jsonl"
    result = runner.invoke(qa_cli, ["feedback", "export", "-o", str(out), "--rating", "up"], obj={})
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.strip() == f"wrote 2 fixtures to {out}"
    assert [(f.id, f.kind, f.answers) for f in load_fixtures([out])] == [("fb0001", "number", ("137",)),
                                                                         ("fb0002", "unanswerable", ())]


def test_since_and_rating_filter(qa_cli, store, runner):
    store.add(ANSWER, rating="up")
    result = runner.invoke(qa_cli, ["feedback", "export", "--since", "2999-01-01"], obj={})
    assert result.exit_code == 0 and result.stdout == "" and "wrote 0 fixtures" in result.stderr
    result = runner.invoke(qa_cli, ["feedback", "list", "--json", "--rating", "down"], obj={})
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    result = runner.invoke(qa_cli, ["feedback", "export", "--since", "yesterday"], obj={})
    assert result.exit_code == 2 and "yesterday" in result.output


def test_list_shows_ratings_readably_and_as_json(qa_cli, store, runner):
    fb = store.add(ANSWER, rating="down", user="lan")
    store.set_correction(fb.id, "173")
    result = runner.invoke(qa_cli, ["feedback", "list"], obj={})
    assert result.exit_code == 0
    assert "👎  lan  Hà Nội đã luân chuyển bao nhiêu cán bộ?" in result.stdout
    assert "→ 137" in result.stdout and "✎ 173" in result.stdout
    [item] = json.loads(runner.invoke(qa_cli, ["feedback", "list", "--json"], obj={}).stdout)
    assert item["id"] == fb.id and item["correction"] == "173" and item["citations"][0]["doc_id"] == "001_hn"


def test_empty_list_says_how_ratings_arrive(qa_cli, runner):
    result = runner.invoke(qa_cli, ["feedback", "list"], obj={})
    assert result.exit_code == 0 and "qa serve" in result.stdout


def test_the_data_folder_comes_from_the_groups_settings(runner, tmp_path):
    """Any group that puts settings in ``ctx.obj`` (as ``qa`` does) decides where the store is."""
    data = tmp_path / "elsewhere"

    @click.group()
    @click.pass_context
    def root(ctx):
        ctx.ensure_object(dict)
        ctx.obj["settings"] = Settings.load(data_dir=data)

    root.add_command(feedback)
    FeedbackStore(data / "feedback.sqlite").add(ANSWER, rating="up")
    result = runner.invoke(root, ["feedback", "export"], obj={})
    assert result.exit_code == 0 and json.loads(result.stdout)["id"] == "fb0001"
    assert not (Path(os.environ["VNQA_DATA_DIR"]) / "feedback.sqlite").exists()


def test_an_unwritable_output_is_one_line_and_exit_2(qa_cli, store, runner, tmp_path):
    store.add(ANSWER, rating="up")
    result = runner.invoke(qa_cli, ["feedback", "export", "-o", str(tmp_path / "no" / "such" / "f.jsonl")], obj={})
    assert result.exit_code == 2 and result.stderr.startswith("error: cannot write fixtures")
    assert "Traceback" not in result.output
