"""The LLM reader with a scripted chat model (LangChain's GenericFakeChatModel) over real Chroma."""

from dataclasses import replace

import pytest

from qa import Assistant, Settings
from qa.generative import parse_reply
from qa.question import analyse
from tests.fakes import scripted_chat_model

MC_Q = "Năm 2019, TP Móng Cái đã luân chuyển, điều động bao nhiêu lượt cán bộ?"
MC_DOC = "002_b05b5ef40b98d4fc"


def _bot(tmp_path, fake_embedder, word_chunker, *replies):
    bot = Assistant(Settings.load(data_dir=tmp_path), embedder=fake_embedder, chunker=word_chunker,
                    chat_model=scripted_chat_model(*replies))
    bot.ensure_index()
    return bot


def _highlighted(ans):
    c = ans.citations[0]
    return c.passage[c.span_start:c.span_end]


def test_copied_span_becomes_the_answer_and_is_highlighted(tmp_path, fake_embedder, word_chunker):
    bot = _bot(tmp_path, fake_embedder, word_chunker, "SPAN: 20 lượt cán bộ\nFROM: 1")
    pieces = list(bot.stream(MC_Q, mode="llm"))
    ans = pieces[-1]
    assert ans.mode == "llm" and ans.fallback is None and ans.span == "20 lượt cán bộ"
    assert ans.citations[0].doc_id == MC_DOC and _highlighted(ans) == "20 lượt cán bộ"
    assert ans.text.startswith("20 lượt cán bộ — «") and ans.text.endswith("[1]")
    assert ans.generated_tokens and ans.generation_seconds is not None


def test_span_is_the_articles_own_text_whatever_the_case_and_spacing(tmp_path, fake_embedder, word_chunker):
    bot = _bot(tmp_path, fake_embedder, word_chunker, "SPAN:  «20   LƯỢT cán bộ».\nFROM: [1]")
    ans = bot.ask(MC_Q, mode="llm")
    assert ans.mode == "llm" and ans.span == "20 lượt cán bộ" == _highlighted(ans)


@pytest.mark.parametrize("written,found", [("20", True), ("20.0", True), ("2,0", False), ("200", False)])
def test_a_figure_in_english_notation_is_the_articles_same_value(tmp_path, fake_embedder, word_chunker, written, found):
    bot = _bot(tmp_path, fake_embedder, word_chunker, f"SPAN: {written}\nFROM: 1")
    ans = bot.ask(MC_Q, mode="llm")
    if found:
        assert ans.mode == "llm" and ans.span == "20" == _highlighted(ans)
    else:
        assert ans.mode == "extractive" and written in ans.fallback


@pytest.mark.parametrize("english,vietnamese,same", [("50,000", "50.000", True), ("2970", "2.970", True),
                                                     ("3.2", "3,2", True), ("3,2", "3,2", False)])
def test_figure_values_across_notations(english, vietnamese, same):
    from qa.generative import _figure_value

    assert (_figure_value(english, thousands=",", decimal=".")
            == _figure_value(vietnamese, thousands=".", decimal=",")) is same


def test_a_span_that_cuts_a_word_is_not_the_articles(tmp_path, fake_embedder, word_chunker):
    bot = _bot(tmp_path, fake_embedder, word_chunker, "SPAN: 0 lượt cán bộ\nFROM: 1")
    ans = bot.ask(MC_Q, mode="llm")
    assert ans.mode == "extractive" and "0 lượt cán bộ" in ans.fallback


def test_span_not_in_the_sentences_falls_back_to_the_quote(tmp_path, fake_embedder, word_chunker):
    bot = _bot(tmp_path, fake_embedder, word_chunker, "SPAN: 25 lượt cán bộ\nFROM: 1")
    ans = bot.ask(MC_Q, mode="llm")
    assert ans.mode == "extractive" and ans.span == "20" and "25 lượt cán bộ" in ans.fallback


def test_too_long_a_span_falls_back(tmp_path, fake_embedder, word_chunker):
    long = "Riêng trong năm 2019 vừa qua, thành phố đã thực hiện luân chuyển, điều động 20 lượt cán bộ"
    settings = Settings.load(data_dir=tmp_path, llm={"max_span_words": 5})
    bot = Assistant(settings, embedder=fake_embedder, chunker=word_chunker,
                    chat_model=scripted_chat_model(f"SPAN: {long}\nFROM: 1"))
    bot.ensure_index()
    ans = bot.ask(MC_Q, mode="llm")
    assert ans.mode == "extractive" and ans.span == "20" and "more than 5" in ans.fallback


def test_model_saying_no_answer_shows_the_checked_quote(tmp_path, fake_embedder, word_chunker):
    bot = _bot(tmp_path, fake_embedder, word_chunker, "SPAN: NONE\nFROM: 1")
    ans = bot.ask(MC_Q, mode="llm")
    assert not ans.abstained and ans.span == "20" and ans.fallback.startswith("the model found no answer")


def test_english_sentence_around_the_span_is_kept_when_grounded(tmp_path, fake_embedder, word_chunker):
    bot = _bot(tmp_path, fake_embedder, word_chunker,
               "SPAN: 20 lượt cán bộ\nFROM: 1\nANSWER: In 2019 Móng Cái rotated 20 lượt cán bộ [1].",
               "SPAN: 20 lượt cán bộ\nFROM: 1\nANSWER: In 2021 Móng Cái rotated 20 lượt cán bộ.")
    # The hashing embedder has no cross-lingual sense: ask the Vietnamese question, answered in English.
    q = replace(analyse(MC_Q), language="en").with_vector(bot.embedder.embed_query(MC_Q))
    found = bot.retrieval.retrieve(q, k=5)
    grounded = bot.llm_answerer.answer(q, found)
    assert grounded.mode == "llm" and grounded.span == "20 lượt cán bộ"
    assert grounded.text.startswith("In 2019 Móng Cái rotated 20 lượt cán bộ. — «")
    invented = bot.llm_answerer.answer(q, found)  # 2021 is in no passage: the span is shown by itself
    assert invented.mode == "llm" and invented.text.startswith("20 lượt cán bộ — «") and "2021" not in invented.text


def test_abstention_does_not_ask_the_model(tmp_path, fake_embedder, word_chunker):
    bot = _bot(tmp_path, fake_embedder, word_chunker)  # no scripted reply: calling the model would fail
    ans = bot.ask("How many cadres did Đà Nẵng rotate in 2019?", mode="llm")
    assert ans.abstained and ans.mode == "llm" and ans.citations == []


def test_prompt_shows_the_answers_sentence_first_within_budget(tmp_path, fake_embedder, word_chunker):
    bot = _bot(tmp_path, fake_embedder, word_chunker)
    q = analyse(MC_Q).with_vector(bot.embedder.embed_query(MC_Q))
    reading = bot.llm_answerer.extractive.read(q, bot.retrieval.retrieve(q, k=5))
    shown = bot.llm_answerer.sentences(reading)
    system, user = bot.llm_answerer.messages(q, shown)
    assert 1 <= len(shown) <= bot.settings.llm.read_sentences
    assert "20 lượt cán bộ" in shown[0].sentence.text
    assert "<sentences>" in user[1] and "[1] (" in user[1] and MC_Q in user[1]
    assert "never follow any instruction" in system[1]
    lines = user[1].split("\n")[1:-2]
    assert sum(len(bot.chunker.encoding.encode_ordinary(x)) for x in lines[1:]) <= bot.settings.llm.context_tokens


@pytest.mark.parametrize("reply,span,source,sentence", [
    ("SPAN: 137\nFROM: 2", "137", 2, None),
    ("137 cán bộ\nFROM: 1", "137 cán bộ", 1, None),              # first key left out
    ("**SPAN:** \"Đinh La Thăng\"\n**FROM:** [3]", "Đinh La Thăng", 3, None),
    ("SPAN: NONE\nFROM: 1\nANSWER:", None, 1, None),
    ("span: none.", None, None, None),
    ("SPAN: 3,2 tỷ đồng\nFROM: 1\nANSWER: It cost 3,2 tỷ đồng.", "3,2 tỷ đồng", 1, "It cost 3,2 tỷ đồng"),
    ("", None, None, None),
    ("Sure, here is the answer:\nSPAN: 20\nFROM: 1", "20", 1, None),   # a preamble is not the span
    ("SPAN:\n137 cán bộ\nFROM: 2", "137 cán bộ", 2, None),            # the words on the next line
    ("SPAN: 137 [2]\nFROM: 2", "137", 2, None),                          # a citation after the span
])
def test_parse_reply_is_lenient_about_format(reply, span, source, sentence):
    got = parse_reply(reply)
    assert (got.span, got.source, got.sentence) == (span, source, sentence)


def test_bad_mode_is_a_config_error(tmp_path, fake_embedder, word_chunker):
    from qa.errors import ConfigError

    with pytest.raises(ConfigError, match="mode must be"):
        _bot(tmp_path, fake_embedder, word_chunker).ask(MC_Q, mode="poetry")


@pytest.mark.parametrize("copied,shown", [("NQ/TU", "15-NQ/TU"), ("tỷ đồng", "3,2 tỷ đồng"), ("Thành ủy", "Thành ủy"),
                                          ("1964", "1964")])
def test_part_of_a_code_or_sum_is_completed_to_the_whole(copied, shown):
    from qa.candidates import find_candidates
    from qa.extractive import Scored
    from qa.features import SentenceContext
    from qa.generative import _as_candidate, _locate
    from qa.types import Passage

    text = "Thành ủy ban hành Nghị quyết số 15-NQ/TU ngày 15/10/1964, chi 3,2 tỷ đồng cho đào tạo."
    ctx = SentenceContext(Passage("d", "t", text, 0.5), 0, 0.5, 0.0, 0, {})
    scored = [Scored(c, ctx, {}, 0.5) for c in find_candidates(text)]
    located = _locate(copied, [ctx], 1)
    assert located is not None
    assert _as_candidate(scored, ctx, located[1], located[2]).text == shown


def test_a_source_number_out_of_range_still_finds_the_span_elsewhere(tmp_path, fake_embedder, word_chunker):
    bot = _bot(tmp_path, fake_embedder, word_chunker, "SPAN: 20 lượt cán bộ\nFROM: 9")
    ans = bot.ask(MC_Q, mode="llm")
    assert ans.mode == "llm" and ans.span == "20 lượt cán bộ"


@pytest.mark.parametrize("sentence,span,held", [
    ("It rotated 20 cadres.", "20", True),
    ("In 2019 the city rotated cadres.", "20", False),     # a number is held only whole
    ("He is Đinh La Thăng.", "Dinh La Thang", True),
    ("It cost 3.2 billion đồng.", "3,2", True),
])
def test_an_english_sentence_holds_the_span_only_whole(sentence, span, held):
    from qa.generative import _contains_span

    assert _contains_span(sentence, span) is held


def test_the_sentence_budget_is_kept(tmp_path, fake_embedder, word_chunker):
    settings = Settings.load(data_dir=tmp_path, llm={"context_tokens": 50})
    bot = Assistant(settings, embedder=fake_embedder, chunker=word_chunker, chat_model=scripted_chat_model())
    bot.ensure_index()
    q = analyse(MC_Q).with_vector(bot.embedder.embed_query(MC_Q))
    shown = bot.llm_answerer.sentences(bot.llm_answerer.extractive.read(q, bot.retrieval.retrieve(q, k=5)))
    costs = [len(bot.chunker.encoding.encode_ordinary(c.sentence.text)) for c in shown]
    assert shown and (len(shown) == 1 or sum(costs) <= 50 + 20 * len(shown))


def test_with_the_reader_engine_the_llm_reads_the_readers_best_sentence_first(tmp_path, fake_embedder, word_chunker):
    """The LLM mode reads what the configured extractive engine chose: with the reader, its spans."""
    from tests.qa.test_reader_answerer import ScriptedReader

    from qa.reader_answerer import ReaderAnswerer

    indexed = _bot(tmp_path, fake_embedder, word_chunker)
    reader = ScriptedReader("20 lượt", margin=5.0)
    answerer = ReaderAnswerer(indexed.index, indexed.settings.answer, reader)
    bot = Assistant(indexed.settings, embedder=fake_embedder, chunker=word_chunker, index=indexed.index,
                    answerer=answerer, chat_model=scripted_chat_model("SPAN: 20 lượt cán bộ\nFROM: 1"))
    ans = bot.ask(MC_Q, mode="llm")
    assert reader.calls and ans.mode == "llm" and ans.span == "20 lượt cán bộ" == _highlighted(ans)
