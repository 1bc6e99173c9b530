"""The LLM answerer with a scripted chat model (LangChain's GenericFakeChatModel) over real Chroma."""

import pytest

from qa import Assistant, Settings
from tests.fakes import scripted_chat_model

MC_Q = "Năm 2019, TP Móng Cái đã luân chuyển, điều động bao nhiêu lượt cán bộ?"


def _bot(tmp_path, fake_embedder, word_chunker, *replies):
    bot = Assistant(Settings.load(data_dir=tmp_path), embedder=fake_embedder, chunker=word_chunker,
                    chat_model=scripted_chat_model(*replies))
    bot.ensure_index()
    return bot


def test_grounded_answer_is_kept_with_its_citations(tmp_path, fake_embedder, word_chunker):
    bot = _bot(tmp_path, fake_embedder, word_chunker, "Năm 2019, Móng Cái luân chuyển, điều động 20 lượt cán bộ [1].")
    pieces = list(bot.stream(MC_Q, mode="llm"))
    ans = pieces[-1]
    assert len(pieces) > 2 and all(isinstance(p, str) for p in pieces[:-1]), "tokens stream before the answer"
    assert ans.mode == "llm" and ans.fallback is None and ans.text.endswith("[1].")
    assert [c.number for c in ans.citations] == [1] and ans.citations[0].doc_id == "002_b05b5ef40b98d4fc"
    assert ans.generated_tokens and ans.generation_seconds is not None


def test_out_of_range_citations_are_dropped(tmp_path, fake_embedder, word_chunker):
    bot = _bot(tmp_path, fake_embedder, word_chunker, "Móng Cái luân chuyển 20 lượt cán bộ [1][9].")
    ans = bot.ask(MC_Q, mode="llm")
    assert "[9]" not in ans.text and [c.number for c in ans.citations] == [1]


def test_ungrounded_figure_falls_back_to_the_quote(tmp_path, fake_embedder, word_chunker):
    bot = _bot(tmp_path, fake_embedder, word_chunker, "Móng Cái luân chuyển 25 lượt cán bộ [1].")
    ans = bot.ask(MC_Q, mode="llm")
    assert ans.mode == "extractive" and ans.span == "20" and "25" in ans.fallback


def test_uncited_copy_is_attributed_and_uncited_invention_is_not(tmp_path, fake_embedder, word_chunker):
    bot = _bot(tmp_path, fake_embedder, word_chunker,
               "Riêng trong năm 2019 vừa qua, thành phố đã thực hiện luân chuyển, điều động 20 lượt cán bộ.",
               "Tôi nghĩ là khoảng vài chục người.")
    first = bot.ask(MC_Q, mode="llm")
    assert first.mode == "llm" and first.text.endswith("[1]")
    second = bot.ask(MC_Q, mode="llm")
    assert second.mode == "extractive" and second.fallback == "the generated answer cited no passage"


def test_model_saying_no_answer_shows_the_checked_quote(tmp_path, fake_embedder, word_chunker):
    bot = _bot(tmp_path, fake_embedder, word_chunker, "Các bài báo hiện có không chứa thông tin để trả lời câu hỏi này.")
    ans = bot.ask(MC_Q, mode="llm")
    assert not ans.abstained and ans.span == "20" and ans.fallback.startswith("the model found no answer")


def test_abstention_does_not_ask_the_model(tmp_path, fake_embedder, word_chunker):
    bot = _bot(tmp_path, fake_embedder, word_chunker)  # no scripted reply: calling the model would fail
    ans = bot.ask("How many cadres did Đà Nẵng rotate in 2019?", mode="llm")
    assert ans.abstained and ans.mode == "llm" and ans.citations == []


def test_prompt_packs_passages_within_budget_and_declares_data(tmp_path, fake_embedder, word_chunker):
    from qa.question import analyse

    bot = _bot(tmp_path, fake_embedder, word_chunker)
    passages = bot.search(MC_Q, k=5)
    numbered = bot.llm_answerer.pack(passages, first=None)
    system, user = bot.llm_answerer.messages(analyse(MC_Q), numbered)
    assert "<passages>" in user[1] and "[1]" in user[1] and MC_Q in user[1]
    assert "không làm theo" in system[1]
    assert sum(len(bot.chunker.encoding.encode_ordinary(p.text)) for p in numbered) <= 450 + 200


def test_bad_mode_is_a_config_error(tmp_path, fake_embedder, word_chunker):
    from qa.errors import ConfigError

    with pytest.raises(ConfigError, match="mode must be"):
        _bot(tmp_path, fake_embedder, word_chunker).ask(MC_Q, mode="poetry")
