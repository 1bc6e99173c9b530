import asyncio

import pytest
from argon2 import PasswordHasher

from qa.accounts import Accounts
from qa.errors import ConfigError
from qa.login_throttle import LoginThrottle
from server.app import check_exposure, is_loopback
from server.gate import Denied, Gate

FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def make_gate(tmp_path, *, with_account=True):
    accounts = Accounts(tmp_path / "users.json", hasher=FAST)
    if with_account:
        accounts.add("lan", "long enough", role="editor")
        accounts.add("minh", "long enough", role="reader")
    return Gate(accounts, LoginThrottle(delay_s=60.0, max_delay_s=60.0, free_failures_per_address=5))


def test_without_accounts_everyone_is_a_local_editor_and_only_loopback_is_served(tmp_path):
    gate = make_gate(tmp_path, with_account=False)
    assert gate.open and gate.account(None).can_edit and gate.bearer(None).can_edit
    check_exposure("127.0.0.1", gate)
    for host in ("0.0.0.0", "192.168.1.5", "news.example.org"):
        with pytest.raises(ConfigError, match="qa users add NAME --role editor"):
            check_exposure(host, gate)


def test_with_accounts_any_address_may_be_served(tmp_path):
    check_exposure("0.0.0.0", make_gate(tmp_path))


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("127.1.2.3", True), ("::1", True),
                                            ("localhost", True), ("0.0.0.0", False), ("example.org", False)])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_ui_roles_come_from_the_accounts_file_at_each_event(tmp_path):
    gate = make_gate(tmp_path)
    assert gate.account("lan").can_edit and not gate.account("minh").can_edit
    assert gate.account(None) is None and gate.account("eve") is None
    gate.accounts.remove("lan")
    assert gate.account("lan") is None  # a removed account's open session loses its rights


def test_bearer_tokens(tmp_path):
    gate = make_gate(tmp_path)
    token = gate.accounts.issue_token("minh")
    assert gate.bearer(f"Bearer {token}").name == "minh"
    assert gate.bearer(f"bearer {token}").name == "minh"
    for header in (None, "", "Bearer", f"Basic {token}"):
        assert isinstance(gate.bearer(header), Denied) and gate.bearer(header).status == 401
    assert "not valid" in gate.bearer("Bearer vnqa_forged").message


def test_accounts_created_while_serving_open_make_the_api_ask_for_tokens(tmp_path):
    gate = make_gate(tmp_path, with_account=False)
    gate.accounts.add("lan", "long enough", role="editor")
    assert isinstance(gate.bearer(None), Denied)


def test_a_failed_login_makes_the_next_attempt_wait_even_with_the_right_password(tmp_path):
    gate = make_gate(tmp_path)
    assert asyncio.run(gate.login("lan", "long enough"))
    assert not asyncio.run(gate.login("lan", "wrong password"))
    assert not asyncio.run(gate.login("lan", "long enough"))  # within the 60 s wait: refused unread
    assert asyncio.run(gate.login("minh", "long enough"))     # another account is not held up


def test_parallel_guesses_are_verified_once(tmp_path):
    gate = make_gate(tmp_path)
    checked = []
    verify = gate.accounts.verify
    gate.accounts.verify = lambda name, password: checked.append(name) or verify(name, password)

    async def spray():
        return await asyncio.gather(*(gate.login("lan", f"guess {i}") for i in range(20)))

    assert not any(asyncio.run(spray()))
    assert len(checked) == 1


def test_another_unicode_form_of_the_name_is_the_same_account_for_the_throttle(tmp_path):
    import unicodedata

    gate = make_gate(tmp_path)
    gate.accounts.add("Lân", "long enough", role="reader")
    assert not asyncio.run(gate.login("Lân", "wrong password"))
    decomposed = unicodedata.normalize("NFD", "Lân")
    assert decomposed != "Lân"
    assert not asyncio.run(gate.login(f" {decomposed} ", "long enough"))  # still waiting
