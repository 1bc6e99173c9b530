"""run_load's bookkeeping with fake clients; tests/ui/test_load.py drives a real qa serve."""

from bench import load
from evals.scoring import Fixture
from tests.fakes import CountingClient


def _fixture(i: int, answer: str = "31") -> Fixture:
    return Fixture(f"f{i}", f"question {i}?", (answer,), ("doc",), "number", "en")


def test_clients_connect_once_and_warmup_is_not_counted(monkeypatch):
    CountingClient.made = 0
    asked: list[str] = []

    def ask(client, question):
        assert not client.busy, "a client was shared by two workers at once"
        client.busy = True
        asked.append(question)
        if question == "question 3?":
            client.busy = False
            raise ConnectionError("server went away")
        client.busy = False
        return "31 — «…» [1]" if question != "question 4?" else "⚠️ not in the articles"

    monkeypatch.setattr(load, "_client", lambda url: CountingClient())
    monkeypatch.setattr(load, "ask_once", ask)
    result = load.run_load("http://x/", [_fixture(i) for i in range(1, 7)], clients=3,
                           warmup=[_fixture(90), _fixture(91), _fixture(92)])
    assert CountingClient.made == 3
    assert len(asked) == 9 and len(result.replies) == 6          # warm-up answered, not counted
    assert [r.fixture.id for r in result.errors] == ["f3"]
    assert [r.fixture.id for r in result.wrong] == ["f4"]
    assert result.throughput > 0 and result.latency.n == 5
