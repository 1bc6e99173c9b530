"""The public API: ``Assistant().ask / .search``, with fakes and with the real model."""

import pytest

from qa import Assistant, Settings
from qa.errors import BadInput, ConfigError, IndexNotFound
from evals.scoring import answer_is_correct, load_fixtures
from tests.conftest import PUBLIC_FIXTURES


@pytest.fixture
def fake_bot(tmp_path, fake_embedder, word_chunker):
    return Assistant(Settings.load(data_dir=tmp_path), embedder=fake_embedder, chunker=word_chunker)


def test_builds_the_index_on_first_use(fake_bot):
    passages = fake_bot.search("Móng Cái luân chuyển điều động lượt cán bộ", k=3)
    assert len(passages) == 3 and passages[0].doc_id == "002_b05b5ef40b98d4fc"
    assert len(fake_bot.articles()) == 5


@pytest.mark.parametrize("question", ["", "   \n\t ", "\x00\x07"])
def test_empty_questions_are_bad_input(fake_bot, question):
    with pytest.raises(BadInput, match="empty"):
        fake_bot.ask(question)


def test_huge_question_is_refused_with_the_limit(fake_bot):
    with pytest.raises(BadInput, match="limit is 2,000"):
        fake_bot.ask("cán bộ " * 20_000)


@pytest.mark.parametrize("k", [0, -1, 51, 2.5, True])
def test_bad_k_is_refused_the_same_way_by_ask_and_search(fake_bot, k):
    for call in (fake_bot.search, fake_bot.ask):
        with pytest.raises(ConfigError, match=f"top_k must be a whole number from 1 to 50, got {k!r}"):
            call("cán bộ", k=k)


def test_k_defaults_to_the_configured_top_k(fake_bot):
    assert len(fake_bot.search("cán bộ luân chuyển")) == fake_bot.settings.retrieval.top_k == 5
    assert len(fake_bot.search("cán bộ luân chuyển", k=2)) == 2


def test_missing_index_without_auto_index(tmp_path, fake_embedder, word_chunker):
    bot = Assistant(Settings.load(data_dir=tmp_path), embedder=fake_embedder, chunker=word_chunker, auto_index=False)
    with pytest.raises(IndexNotFound, match="qa index"):
        bot.ask("cán bộ")


def test_answer_shape_with_fakes(fake_bot):
    ans = fake_bot.ask("Năm 2019, TP Móng Cái đã luân chuyển, điều động bao nhiêu lượt cán bộ?")
    assert isinstance(ans.text, str) and isinstance(ans.abstained, bool)
    assert not ans.abstained and ans.span == "20"
    c = ans.citations[0]
    assert c.doc_id == "002_b05b5ef40b98d4fc" and c.title.startswith("TP Móng Cái")
    assert c.passage[c.span_start:c.span_end] == "20"
    assert ans.to_dict()["answer"] == ans.text


@pytest.mark.real
def test_headline_question(real_assistant):
    ans = real_assistant.ask("how many cadres did Hà Nội rotate?")
    assert not ans.abstained and "137" in ans.text and ans.span == "137"
    assert ans.citations[0].doc_id == "001_250846a6894a7a98"
    assert ans.language == "en" and len(ans.text) <= 320


@pytest.mark.real
def test_a_question_typed_bare_is_answered_like_the_accented_one(real_assistant):
    ans = real_assistant.ask("Ha Noi luan chuyen bao nhieu can bo?")
    assert not ans.abstained and ans.span == "137" and ans.citations[0].doc_id == "001_250846a6894a7a98"


# Misses of the fitted answer engine on the bundled public fixtures, kept visible (strict: the
# test fails once they are answered, so the mark must then go). Issue 16 is open for them.
KNOWN_MISSES = {
    "p05": "English role question: picks a commune's party secretary over the city's",
    "p07": "share question: picks the sentence's other percentage (14,08%) over 58,02%",
}


def _public_fixtures() -> list:
    fixtures = load_fixtures([PUBLIC_FIXTURES]) if PUBLIC_FIXTURES.exists() else []
    return [pytest.param(f, id=f.id, marks=[pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[f.id])]
                         if f.id in KNOWN_MISSES else []) for f in fixtures]


@pytest.mark.real
@pytest.mark.parametrize("fixture", _public_fixtures())
def test_public_fixtures(real_assistant, fixture):
    ans = real_assistant.ask(fixture.question)
    if not fixture.answerable:
        assert ans.abstained, ans.text
        return
    assert answer_is_correct(fixture, ans), (ans.span, ans.text)
    assert ans.citations[0].doc_id in fixture.docs


@pytest.mark.real
def test_search_returns_fused_passages_with_cosine_scores(real_assistant):
    passages = real_assistant.search("Bí thư Thành ủy Móng Cái", k=4)
    assert len(passages) == 4 and passages[0].doc_id == "002_b05b5ef40b98d4fc"
    assert all(-1.0 <= p.score <= 1.0 for p in passages)
    assert len({p.chunk_id for p in passages}) == 4


@pytest.mark.parametrize("question", ["🙂🙂🙂", "???!!! …", "👍🏽 ❤️‍🔥"])
def test_questions_without_words_are_bad_input(fake_bot, question):
    with pytest.raises(BadInput, match="no words"):
        fake_bot.ask(question)


@pytest.mark.parametrize("question, language", [
    ("Hà Nội 轮换了多少干部?", "CJK"), ("Сколько кадров ротировал Ханой?", "Cyrillic"),
    ("Combien de cadres Hà Nội a-t-il mutés dans la ville?", "French"),
    ("Wie viele Kader hat Hà Nội rotiert und wer ist der Sekretär?", "German"),
])
def test_unsupported_languages_are_refused_with_a_reason(fake_bot, question, language):
    with pytest.raises(BadInput, match=f"Vietnamese or English; this one looks like .*{language}"):
        fake_bot.ask(question)


@pytest.mark.parametrize("question", [
    "Năm 2019, TP Móng Cái đã luân chuyển, điều động bao nhiêu lượt cán bộ? 谢谢 🙂",   # a stray foreign word
    "Năm 2019, TP Móng\u200b Cái đã luân\u202e chuyển, điều động bao nhiêu lượt cán bộ?",  # zero-width, bidi
    "Năm 2019, TP Móng Cái đã luân chuyển,\ud800 điều động bao nhiêu lượt cán bộ?\x00",  # lone surrogate, NUL
    "Năm 2019, TP Mo\u0301ng Ca\u0301i đã luân chuyển, điều động bao nhiêu lượt cán bộ?",  # decomposed (NFD)
])
def test_mixed_scripts_and_invisible_characters_are_answered(fake_bot, question):
    ans = fake_bot.ask(question)
    assert not ans.abstained and ans.span == "20"
    assert "\ud800" not in ans.question and "\u200b" not in ans.question


def test_reindexing_after_the_corpus_moved_keeps_its_articles_quietly(tmp_path, corpus_copy, fake_embedder, word_chunker):
    """An index built before an upgrade moved the bundled articles (vectorstore/corpus -> qa/corpus)."""
    def bot(corpus):
        settings = Settings.load(data_dir=tmp_path / "data", index={"corpus": [corpus]})
        return Assistant(settings, embedder=fake_embedder, chunker=word_chunker)

    assert len(bot(corpus_copy).index_paths().added) == 5
    moved = corpus_copy.rename(tmp_path / "moved")
    report = bot(moved).index_paths()
    assert report.warnings == [] and report.added == [] and report.removed == [] and len(report.unchanged) == 5
    gone = next(moved.glob("001_*.txt"))
    gone.unlink()
    assert bot(moved).index_paths().removed == [gone.stem]


def test_prefetch_loads_the_model_in_the_background_and_swallows_nothing_it_should_not(tmp_path, word_chunker):
    from tests.fakes import HashingEmbedder

    class Loadable(HashingEmbedder):
        loaded = 0

        def load(self):
            Loadable.loaded += 1

    bot = Assistant(Settings.load(data_dir=tmp_path), embedder=Loadable(), chunker=word_chunker)
    threads = bot.prefetch()
    for thread in threads:
        thread.join(timeout=120)
    assert Loadable.loaded == 1 and not any(t.is_alive() for t in threads)


def test_prefetch_loads_the_reader_once_where_the_answerer_reads_with_it(tmp_path, word_chunker, monkeypatch):
    from qa import components
    from tests.fakes import HashingEmbedder

    made = []
    monkeypatch.setattr(components, "make_reader", lambda settings: made.append(settings) or object())
    bot = Assistant(Settings.load(data_dir=tmp_path), embedder=HashingEmbedder(), chunker=word_chunker)
    assert bot.settings.answer.veto  # the shipped veto makes the default answerer read
    for thread in bot.prefetch():
        thread.join(timeout=120)
    assert len(made) == 1 and bot._reader() is bot._reader() and len(made) == 1
    off = Assistant(Settings.load(data_dir=tmp_path, answer={"veto": False}), embedder=HashingEmbedder(),
                    chunker=word_chunker)
    assert [t.name for t in off.prefetch()] == ["vnqa-prefetch-model", "vnqa-prefetch-taggers"]


def test_a_failing_prefetch_leaves_the_error_to_the_question(tmp_path, word_chunker):
    from tests.fakes import HashingEmbedder

    class Broken(HashingEmbedder):
        def load(self):
            raise RuntimeError("model file unreadable")

    bot = Assistant(Settings.load(data_dir=tmp_path), embedder=Broken(), chunker=word_chunker)
    for thread in bot.prefetch():
        thread.join(timeout=120)   # no exception escapes the thread


class _Recording:
    """Wraps an embedder and keeps the texts it embeds as queries."""

    def __init__(self, inner):
        self.inner, self.queries = inner, []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def embed_query(self, text):
        self.queries.append(text)
        return self.inner.embed_query(text)


def test_a_question_typed_bare_is_embedded_with_its_diacritics(tmp_path, fake_embedder, word_chunker):
    embedder = _Recording(fake_embedder)
    bot = Assistant(Settings.load(data_dir=tmp_path), embedder=embedder, chunker=word_chunker)
    bot.ask("Ha Noi luan chuyen bao nhieu can bo?")
    bot.ask("Hà Nội luân chuyển bao nhiêu cán bộ?")
    assert embedder.queries == ["Hà Nội luân chuyển bao nhiêu cán bộ?"] * 2
    off = Assistant(Settings.load(data_dir=tmp_path, retrieval={"restore_diacritics": False}),
                    embedder=embedder, chunker=word_chunker)
    off.ask("Ha Noi luan chuyen bao nhieu can bo?")
    assert embedder.queries[-1] == "Ha Noi luan chuyen bao nhieu can bo?"
