import os
import stat

import pytest
from argon2 import PasswordHasher

from qa.accounts import TOKEN_PREFIX, Accounts
from qa.errors import BadInput, ConfigError

# the cheapest argon2id parameters: these tests check the bookkeeping, not the hash's cost
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture
def accounts(tmp_path):
    return Accounts(tmp_path / "users.json", hasher=FAST)


def test_no_file_means_no_accounts(accounts):
    assert not accounts.exists() and accounts.list() == [] and accounts.verify("lan", "whatever1") is None


def test_add_verify_and_roles(accounts):
    accounts.add("lan", "mật khẩu dài", role="editor")
    accounts.add("minh", "another one", role="reader")
    assert accounts.exists()
    lan = accounts.verify("lan", "mật khẩu dài")
    assert lan is not None and lan.role == "editor" and lan.can_edit
    assert not accounts.verify("minh", "another one").can_edit
    assert accounts.verify("lan", "wrong password") is None
    assert accounts.verify("nobody", "mật khẩu dài") is None
    assert [a.name for a in accounts.list()] == ["lan", "minh"]


def test_the_file_holds_no_password_and_only_its_owner_reads_it(accounts):
    accounts.add("lan", "mật khẩu dài", role="editor")
    text = accounts.path.read_text(encoding="utf-8")
    assert "mật khẩu dài" not in text and "$argon2id$" in text
    assert stat.S_IMODE(os.stat(accounts.path).st_mode) == 0o600


@pytest.mark.parametrize("name, password, role, expected", [
    ("", "long enough", "reader", "account name"),
    ("a b", "long enough", "reader", "account name"),
    ("lan", "short", "reader", "at least 8"),
    ("lan", "long enough", "admin", "role must be"),
])
def test_bad_accounts_are_refused(accounts, name, password, role, expected):
    with pytest.raises(BadInput, match=expected):
        accounts.add(name, password, role=role)
    assert not accounts.exists()


def test_a_taken_name_is_refused_and_the_account_kept(accounts):
    accounts.add("lan", "first password", role="reader")
    with pytest.raises(BadInput, match="already exists"):
        accounts.add("lan", "second password", role="editor")
    assert accounts.verify("lan", "first password").role == "reader"


def test_names_are_nfc(accounts):
    accounts.add("Nguye\u0302\u0303n", "long enough", role="reader")  # decomposed ễ
    assert accounts.verify("Nguyễn", "long enough") is not None


def test_tokens_are_shown_once_and_replaced(accounts):
    accounts.add("lan", "long enough", role="editor")
    first = accounts.issue_token("lan")
    assert first.startswith(TOKEN_PREFIX) and first not in accounts.path.read_text()
    assert accounts.for_token(first).name == "lan"
    second = accounts.issue_token("lan")
    assert accounts.for_token(first) is None and accounts.for_token(second).name == "lan"
    assert accounts.for_token("") is None and accounts.for_token("vnqa_guess") is None
    with pytest.raises(BadInput, match="no account"):
        accounts.issue_token("nobody")


def test_removing_an_account_ends_its_token(accounts):
    accounts.add("lan", "long enough", role="editor")
    token = accounts.issue_token("lan")
    accounts.remove("lan")
    assert accounts.for_token(token) is None and accounts.get("lan") is None
    with pytest.raises(BadInput, match="no account"):
        accounts.remove("lan")


def test_a_running_server_sees_accounts_added_by_another_process(tmp_path):
    server_side = Accounts(tmp_path / "users.json", hasher=FAST)
    assert server_side.verify("lan", "long enough") is None
    Accounts(tmp_path / "users.json", hasher=FAST).add("lan", "long enough", role="reader")
    assert server_side.verify("lan", "long enough") is not None


def test_a_damaged_file_is_a_clear_error(tmp_path):
    (tmp_path / "users.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read the users file"):
        Accounts(tmp_path / "users.json", hasher=FAST).list()


def test_a_token_revoked_by_another_process_stops_working_even_at_the_same_file_size(tmp_path):
    server_side = Accounts(tmp_path / "users.json", hasher=FAST)
    admin = Accounts(tmp_path / "users.json", hasher=FAST)
    admin.add("lan", "long enough", role="editor")
    first = admin.issue_token("lan")
    assert server_side.for_token(first) is not None
    size, mtime = accounts_stat(tmp_path)
    second = admin.issue_token("lan")  # same length: the file keeps its size
    os.utime(tmp_path / "users.json", ns=(mtime, mtime))  # and, on a coarse clock, its time
    assert accounts_stat(tmp_path)[0] == size
    assert server_side.for_token(first) is None and server_side.for_token(second).name == "lan"


def accounts_stat(folder):
    st = os.stat(folder / "users.json")
    return st.st_size, st.st_mtime_ns
