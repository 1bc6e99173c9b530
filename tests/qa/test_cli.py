"""The ``qa`` command through click's CliRunner: exit codes, readable output, --json."""

import json

import pytest
from click.testing import CliRunner

from qa import components
from qa.cli import cli


@pytest.fixture
def runner():
    return CliRunner()


def test_help_lists_commands(runner):
    result = runner.invoke(cli, ["--help"], obj={})
    assert result.exit_code == 0
    for command in ("ask", "search", "index", "models", "serve", "articles"):
        assert command in result.output


def test_bad_setting_is_one_line_and_exit_2(runner, monkeypatch):
    monkeypatch.setenv("VNQA_RETRIEVAL__TOP_K", "zero")
    result = runner.invoke(cli, ["ask", "x"], obj={})
    assert result.exit_code == 2 and result.output.startswith("error: invalid settings")


def test_missing_model_says_what_to_run(runner, monkeypatch, tmp_path):
    monkeypatch.setenv("VNQA_CACHE_DIR", str(tmp_path / "nocache"))
    monkeypatch.setenv("VNQA_DATA_DIR", str(tmp_path / "data"))
    result = runner.invoke(cli, ["ask", "cán bộ"], obj={})
    assert result.exit_code == 2 and "qa models fetch" in result.output


@pytest.mark.parametrize("question, says", [
    ("🙂🙂🙂", "no words"), ("Сколько кадров ротировал Ханой?", "Vietnamese or English"),
    ("   ", "empty"), ("cán bộ " * 2000, "limit is 2,000"),
])
def test_bad_questions_are_one_line_and_exit_2_before_anything_loads(runner, monkeypatch, tmp_path, question, says):
    monkeypatch.setenv("VNQA_CACHE_DIR", str(tmp_path / "nocache"))  # no model: validation comes first
    monkeypatch.setenv("VNQA_DATA_DIR", str(tmp_path / "data"))
    for args in (["ask", question], ["ask", "--json", question], ["search", question]):
        result = runner.invoke(cli, args, obj={})
        assert result.exit_code == 2, result.output
        assert result.output.count("\n") == 1 and says in result.output and "Traceback" not in result.output


def test_bench_rejects_bad_sizes(runner):
    result = runner.invoke(cli, ["bench", "--sizes", "ten"], obj={})
    assert result.exit_code == 2 and "article counts" in result.output
    result = runner.invoke(cli, ["bench", "--sizes", "5"], obj={})
    assert result.exit_code == 2 and "at least 10 articles" in result.output


@pytest.fixture
def real_env(monkeypatch, real_assistant, real_embedder, model_cache):
    monkeypatch.setenv("VNQA_DATA_DIR", str(real_assistant.settings.data_dir))
    monkeypatch.setenv("VNQA_CACHE_DIR", str(model_cache))
    monkeypatch.setattr(components, "make_embedder", lambda settings, show_progress=False: real_embedder)


@pytest.mark.real
def test_ask_prints_answer_and_citation(runner, real_env):
    result = runner.invoke(cli, ["-q", "ask", "how many cadres did Hà Nội rotate?"], obj={})
    assert result.exit_code == 0, result.output
    assert "137" in result.output and "001_250846a6894a7a98" in result.output


@pytest.mark.real
def test_ask_json(runner, real_env):
    result = runner.invoke(cli, ["ask", "--json", "how many cadres did Hà Nội rotate?"], obj={})
    data = json.loads(result.output)
    assert data["abstained"] is False and "137" in data["answer"]
    assert data["citations"][0]["doc_id"] == "001_250846a6894a7a98"
    assert {"passage", "title", "source", "score"} <= set(data["citations"][0])


@pytest.mark.real
def test_empty_question_exit_2(runner, real_env):
    result = runner.invoke(cli, ["ask", "  "], obj={})
    assert result.exit_code == 2 and "empty" in result.output


@pytest.mark.real
def test_search_json_and_articles(runner, real_env):
    result = runner.invoke(cli, ["search", "--json", "-k", "2", "Bí thư Thành ủy Móng Cái"], obj={})
    assert [p["doc_id"] for p in json.loads(result.output)][0] == "002_b05b5ef40b98d4fc"
    listed = runner.invoke(cli, ["articles", "--json"], obj={})
    assert len(json.loads(listed.output)) == 5


@pytest.mark.real
def test_search_shows_the_sentence_stage_and_what_is_missing(runner, real_env):
    found = json.loads(runner.invoke(cli, ["search", "--json", "--sentences", "Móng Cái luân chuyển bao nhiêu cán bộ?"],
                                     obj={}).output)
    assert found["eligible"][0] == "002_b05b5ef40b98d4fc" and found["sentences"]
    assert {s["doc_id"] for s in found["sentences"]} <= set(found["eligible"])
    text = runner.invoke(cli, ["-q", "search", "--sentences", "Đà Nẵng luân chuyển bao nhiêu cán bộ?"], obj={}).output
    assert "sentences an answer may quote (0)" in text and "Đà Nẵng" in text.splitlines()[-1]


def test_k_out_of_range_is_one_line_and_exit_2(runner, monkeypatch, tmp_path):
    monkeypatch.setenv("VNQA_CACHE_DIR", str(tmp_path / "nocache"))  # checked before anything loads
    for args in (["ask", "-k", "0", "cán bộ"], ["search", "-k", "51", "cán bộ"]):
        result = runner.invoke(cli, args, obj={})
        assert result.exit_code == 2 and "top_k must be a whole number from 1 to 50" in result.output, result.output


@pytest.mark.real
def test_index_is_idempotent_and_adds_files(runner, real_env, tmp_path):
    again = runner.invoke(cli, ["-q", "index", "--json"], obj={})
    report = json.loads(again.output)
    assert report["added"] == [] and len(report["unchanged"]) == 5 and report["chunks_embedded"] == 0
    extra = tmp_path / "danang.md"
    extra.write_text("# Đà Nẵng luân chuyển cán bộ\n\nNăm 2021, Đà Nẵng luân chuyển 12 cán bộ.", encoding="utf-8")
    added = json.loads(runner.invoke(cli, ["-q", "index", "--json", str(extra)], obj={}).output)
    assert added["added"] == ["danang"]
    answer = json.loads(runner.invoke(cli, ["ask", "--json", "Đà Nẵng luân chuyển bao nhiêu cán bộ?"], obj={}).output)
    assert "12" in answer["answer"] and answer["citations"][0]["doc_id"] == "danang"
    removed = runner.invoke(cli, ["index", "--remove", "danang"], obj={})
    assert "removed 1" in removed.output


@pytest.mark.real
def test_eval_prints_table_and_writes_report(runner, real_env, tmp_path):
    from tests.conftest import PUBLIC_FIXTURES

    report = tmp_path / "out" / "eval.md"
    result = runner.invoke(cli, ["-q", "eval", str(PUBLIC_FIXTURES), "--report", str(report)], obj={})
    assert result.exit_code == 0, result.output
    assert "overall" in result.output and "lang=en" in result.output and "kind=number" in result.output
    assert "hybrid" in result.output and "hit@1" in result.output
    assert report.is_file() and (tmp_path / "out" / "eval-kinds.svg").read_text().startswith("<svg")
    data = json.loads(runner.invoke(cli, ["eval", "--json", "--no-retrieval", str(PUBLIC_FIXTURES)], obj={}).output)
    # The public fixtures' accuracy as the API gives it (docs/EVALUATION.md: 10 of 12 today).
    assert data["summary"]["overall"]["answer_accuracy"] >= 0.8


@pytest.mark.real
def test_upgrade_rebuilds_only_an_index_of_other_settings_and_keeps_added_articles(runner, monkeypatch, tmp_path,
                                                                                  model_cache):
    monkeypatch.setenv("VNQA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("VNQA_CACHE_DIR", str(model_cache))
    extra = tmp_path / "danang.md"
    extra.write_text("# Đà Nẵng luân chuyển cán bộ\n\nNăm 2021, Đà Nẵng luân chuyển 12 cán bộ.", encoding="utf-8")
    monkeypatch.setenv("VNQA_EMBEDDING__QUANTIZE", "true")                 # an index of other settings
    assert runner.invoke(cli, ["-q", "index", "--json"], obj={}).exit_code == 0
    assert runner.invoke(cli, ["-q", "index", "--json", str(extra)], obj={}).exit_code == 0
    monkeypatch.setenv("VNQA_EMBEDDING__QUANTIZE", "false")
    stale = runner.invoke(cli, ["-q", "ask", "how many cadres did Hà Nội rotate?"], obj={})
    assert stale.exit_code == 2 and "qa index --rebuild" in stale.output
    upgraded = runner.invoke(cli, ["-q", "index", "--upgrade", "--json"], obj={})
    assert upgraded.exit_code == 0, upgraded.output
    report = json.loads(upgraded.output[upgraded.output.index("{"):])
    assert sorted(report["added"])[-1] == "danang" and len(report["added"]) == 6   # nothing indexed is forgotten
    again = json.loads(runner.invoke(cli, ["-q", "index", "--upgrade", "--json"], obj={}).output)
    assert again["added"] == [] and len(again["unchanged"]) == 6                   # current: a plain sync
    # an index cut into sentences by an older splitter is re-cut
    from vectorstore.client import embedded_client

    chunks = embedded_client(tmp_path / "data" / "chroma").get_collection("vnqa")
    chunks.modify(metadata={**chunks.metadata, "splitter": 1})
    recut = runner.invoke(cli, ["index", "--upgrade", "--json"], obj={})
    assert recut.exit_code == 0 and "splitter version 1" in recut.output, recut.output
    assert len(json.loads(recut.output[recut.output.index("{"):])["added"]) == 6


# -- news filters -----------------------------------------------------------------------------------
def test_ask_and_search_offer_the_news_filters(runner):
    for command in ("ask", "search"):
        result = runner.invoke(cli, [command, "--help"], obj={})
        assert all(flag in result.output for flag in ("--since DATE", "--until DATE", "--source NAME")), command


@pytest.mark.parametrize("flags, says", [
    (["--since", "2020-13-01"], "since must be a date written YYYY-MM-DD (e.g. 2019-01-31), got '2020-13-01'"),
    (["--until", "15/02/2020"], "until must be a date written YYYY-MM-DD"),
    (["--since", "2020-02-01", "--until", "2020-01-01"], "since (2020-02-01) is after until (2020-01-01)"),
    (["--source", " "], "a source must be a non-empty name"),
])
def test_bad_filters_are_one_line_and_exit_2_before_anything_loads(runner, monkeypatch, tmp_path, flags, says):
    monkeypatch.setenv("VNQA_CACHE_DIR", str(tmp_path / "nocache"))  # no model: the filter is checked first
    monkeypatch.setenv("VNQA_DATA_DIR", str(tmp_path / "data"))
    for command in (["ask"], ["ask", "--json"], ["search"]):
        result = runner.invoke(cli, [*command, *flags, "cán bộ"], obj={})
        assert result.exit_code == 2, result.output
        assert result.output.startswith("error: ") and says in result.output
        assert result.output.count("\n") == 1 and "Traceback" not in result.output


class _RecordingAssistant:
    """Stands in for the Assistant the CLI builds: records the filters it is handed."""

    calls: list = []

    def __init__(self, settings, show_progress=False):
        pass

    def prefetch(self):
        return []

    def stream(self, question, **kwargs):
        from qa.types import Answer

        self.calls.append(kwargs)
        yield Answer(question=question, text="20", abstained=False)

    def retrieve(self, query, **kwargs):
        from qa.types import Retrieved

        self.calls.append(kwargs)
        return Retrieved(passages=[])


def test_the_filter_flags_are_passed_through(runner, monkeypatch):
    monkeypatch.setattr("qa.assistant.Assistant", _RecordingAssistant)
    monkeypatch.setattr(_RecordingAssistant, "calls", [])
    args = ["--since", "2019-01-01", "--until", "2019-12-31", "--source", "HNMO", "--source", "vnexpress.net"]
    assert runner.invoke(cli, ["ask", "--json", *args, "cán bộ"], obj={}).exit_code == 0
    assert runner.invoke(cli, ["search", "--json", *args, "cán bộ"], obj={}).exit_code == 0
    assert runner.invoke(cli, ["search", "cán bộ"], obj={}).exit_code == 0
    wanted = {"since": "2019-01-01", "until": "2019-12-31", "sources": ("HNMO", "vnexpress.net")}
    assert [{k: c[k] for k in wanted} for c in _RecordingAssistant.calls] == [
        wanted, wanted, {"since": None, "until": None, "sources": ()}]


@pytest.mark.real
def test_search_and_ask_with_filters(runner, real_env):
    found = json.loads(runner.invoke(cli, ["search", "--json", "-k", "4", "--since", "2020-01-01", "--source", "hnmo",
                                           "Bí thư Thành ủy Móng Cái"], obj={}).output)
    assert len(found) == 4 and {p["doc_id"] for p in found} == {"001_250846a6894a7a98"}
    answer = json.loads(runner.invoke(cli, ["ask", "--json", "--until", "2019-12-31",
                                            "Năm 2019, TP Móng Cái đã luân chuyển, điều động bao nhiêu lượt cán bộ?"],
                                      obj={}).output)
    assert "002_b05b5ef40b98d4fc" not in {c["doc_id"] for c in answer["citations"]}
