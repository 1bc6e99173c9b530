"""``qa users`` and ``qa audit`` through click's CliRunner."""

import json

import pytest
from click.testing import CliRunner

from qa.audit import AuditEntry, AuditLog
from qa.cli import cli


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.setenv("VNQA_DATA_DIR", str(tmp_path / "data"))
    return CliRunner()


def users(runner, *args, input=None):
    return runner.invoke(cli, ["users", *args], obj={}, input=input)


def test_add_list_token_remove(runner, tmp_path):
    added = users(runner, "add", "lan", "--role", "editor", "--password-stdin", input="mật khẩu dài\n")
    assert added.exit_code == 0 and "created editor 'lan'" in added.output
    assert "now asks for a login" in added.output  # the first account changes how qa serve behaves
    assert users(runner, "add", "minh", "--password-stdin", input="another one\n").exit_code == 0
    listed = json.loads(users(runner, "list", "--json").output)
    assert [(a["name"], a["role"], a["has_token"]) for a in listed] == [("lan", "editor", False),
                                                                        ("minh", "reader", False)]
    token = users(runner, "token", "lan").output.strip()
    assert token.startswith("vnqa_") and "token" in users(runner, "list").output
    assert users(runner, "remove", "minh").exit_code == 0
    assert [a["name"] for a in json.loads(users(runner, "list", "--json").output)] == ["lan"]
    assert (tmp_path / "data" / "users.json").is_file()


def test_password_is_prompted_twice_without_echo(runner):
    result = users(runner, "add", "lan", input="long enough\nlong enough\n")
    assert result.exit_code == 0 and "long enough" not in result.output


def test_user_errors_are_one_line_and_exit_2(runner):
    short = users(runner, "add", "lan", "--password-stdin", input="short\n")
    assert short.exit_code == 2 and short.output.startswith("error: a password needs at least 8")
    missing = users(runner, "token", "nobody")
    assert missing.exit_code == 2 and "qa users add nobody" in missing.output


def test_empty_list_says_what_to_do(runner):
    assert "qa users add NAME --role editor" in users(runner, "list").output


def test_audit_prints_entries(runner, tmp_path):
    assert "no changes recorded yet" in runner.invoke(cli, ["audit"], obj={}).output
    AuditLog(tmp_path / "data" / "audit.jsonl").append([
        AuditEntry("2026-01-01T00:00:00+00:00", "lan", "added", "a1", "Bài một"),
        AuditEntry("2026-01-02T00:00:00+00:00", "minh", "removed", "a1", "Bài một")])
    text = runner.invoke(cli, ["audit"], obj={}).output
    assert "lan" in text and "removed" in text and "Bài một" in text
    last = json.loads(runner.invoke(cli, ["audit", "--json", "-n", "1"], obj={}).output)
    assert [(e["actor"], e["action"]) for e in last] == [("minh", "removed")]


def test_serve_beyond_loopback_without_accounts_is_refused_before_loading(runner):
    result = runner.invoke(cli, ["serve", "--host", "0.0.0.0"], obj={})
    assert result.exit_code == 2 and "qa users add NAME --role editor" in result.output
    assert "loading the model" not in result.output
