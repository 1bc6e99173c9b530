"""The VietNews question generator (training/news_questions.py), on a few small articles written here.

The recognisers are the real ones (underthesea's tagger, :mod:`qa.candidates`), so these tests
check what the generator makes of real Vietnamese sentences: answers where the offsets say,
question phrases typed the way the product reads them, negatives that really cannot be answered.
"""

from __future__ import annotations

import io
import random
import tarfile
from pathlib import Path

import pytest

from evals.news import NewsArticle
from qa.answer_types import expected_type
from qa.tagging import Candidate
from training import news_questions
from training.examples import QAExample, read_jsonl
from training.news_questions import CONTEXT_MAX, generate, swapped, window, without
from training.sentence_questions import ASKED, Question
from vectorstore.sentences import sentence_spans

FOOD = NewsArticle("vn_val_000101", """Hà Nội xử phạt cơ sở kinh doanh thực phẩm bẩn

Một cơ sở kinh doanh thực phẩm ở quận Hoàng Mai bị phạt nặng vì sử dụng phụ gia cấm.

Ngày 12/3/2019, Thanh tra Sở Y tế Hà Nội đã kiểm tra cơ sở sản xuất giò chả của ông Nguyễn Văn Hùng tại phường Định Công. Đoàn kiểm tra phát hiện cơ sở sử dụng hàn the trong quá trình chế biến. Toàn bộ 350 kg giò chả đã bị tiêu huỷ ngay tại chỗ.

Ông Nguyễn Văn Hùng bị phạt 45 triệu đồng vì vi phạm quy định về an toàn thực phẩm. Cơ sở này cũng bị đình chỉ hoạt động trong 3 tháng để khắc phục các sai phạm. Theo Thanh tra Sở Y tế, đây là lần thứ hai cơ sở này bị xử lý.

Trong năm 2018, lực lượng chức năng của thành phố đã kiểm tra 2.450 cơ sở kinh doanh thực phẩm trên địa bàn. Tổng số tiền phạt thu được là hơn 3 tỷ đồng, tăng 15% so với năm trước.
""")
STAFF = NewsArticle("vn_val_000202", """Đà Nẵng luân chuyển cán bộ

Thành phố Đà Nẵng vừa công bố quyết định luân chuyển cán bộ lãnh đạo cấp sở.

Sáng 5/8, lãnh đạo thành phố đã trao quyết định cho các cán bộ được luân chuyển tại hội trường. Theo kế hoạch, 137 cán bộ sẽ được luân chuyển sang các đơn vị mới trong năm nay. Bà Trần Thị Mai, Giám đốc Sở Nội vụ, cho biết việc luân chuyển nhằm đào tạo cán bộ trẻ.

Đợt luân chuyển này kéo dài 2 năm và được đánh giá định kỳ sáu tháng một lần. Kinh phí hỗ trợ cho mỗi cán bộ luân chuyển là 5 triệu đồng mỗi tháng. Các cán bộ sẽ bắt đầu nhận nhiệm vụ mới từ ngày 1/9/2019.
""")
COURT = NewsArticle("vn_val_000303", """Nguyên giám đốc công ty lĩnh án vì lừa đảo

Bị cáo Lê Minh Tuấn bị tuyên phạt 12 năm tù vì chiếm đoạt tiền của hàng trăm người.

Ngày 20/11, TAND tỉnh Nghệ An mở phiên xét xử sơ thẩm bị cáo Lê Minh Tuấn, nguyên giám đốc một công ty bất động sản ở thành phố Vinh. Theo cáo trạng, từ năm 2016 đến năm 2018, bị cáo Lê Minh Tuấn đã lừa bán đất nền cho 214 người. Tổng số tiền bị cáo chiếm đoạt là 28 tỷ đồng.

Tại phiên toà, bị cáo Lê Minh Tuấn thừa nhận toàn bộ hành vi phạm tội của mình. Luật sư Phạm Thu Hà đề nghị hội đồng xét xử xem xét hoàn cảnh gia đình của bị cáo. Sau 3 ngày xét xử, toà tuyên phạt bị cáo Lê Minh Tuấn 12 năm tù giam.

Năm 2019, ông Hoàng Văn Dũng ở tỉnh Hà Tĩnh cũng từng bị lừa mất 800 triệu đồng khi mua đất của bị cáo tại huyện Nghi Lộc.
""")
ROAD = NewsArticle("vn_val_000404", """Xe khách lật trên quốc lộ 18 khiến nhiều người bị thương

Vụ tai nạn xảy ra trên đoạn đường đèo thuộc tỉnh Quảng Ninh vào rạng sáng.

Khoảng 4h30 sáng 15/6, xe khách chở 32 hành khách lưu thông từ Hà Nội đến thành phố Hạ Long thì bị lật xuống ven đường. Tài xế Đỗ Văn Long cho biết xe bị mất phanh khi xuống dốc. Lực lượng cứu hộ đã đưa 18 người bị thương đến Bệnh viện Bãi Cháy để cấp cứu.

Ông Vũ Quang Huy, Phó Chủ tịch UBND tỉnh Quảng Ninh, đã đến thăm hỏi các nạn nhân tại bệnh viện. Năm 2017, tỉnh Quảng Ninh đã đầu tư 500 tỷ đồng để cải tạo đoạn đèo này. Công an tỉnh Quảng Ninh đang điều tra làm rõ nguyên nhân vụ tai nạn.
""")
ARTICLES = [FOOD, STAFF, COURT, ROAD]
# Every person, place and year written above: what a swapped-in name must be one of.
NAMES = ["Hà Nội", "Hoàng Mai", "Nguyễn Văn Hùng", "Định Công", "2018", "2019", "Đà Nẵng", "Trần Thị Mai",
         "Lê Minh Tuấn", "Nghệ An", "Vinh", "2016", "Phạm Thu Hà", "Hoàng Văn Dũng", "Hà Tĩnh", "Nghi Lộc",
         "Quảng Ninh", "Hạ Long", "Đỗ Văn Long", "Bãi Cháy", "Vũ Quang Huy", "2017"]


def _all(seeds=range(4), **options) -> list[QAExample]:
    options = {"per_article": 8, "negatives": 1.0, **options}
    return [ex for seed in seeds for ex in generate(ARTICLES, exclude=set(), seed=seed, **options)]


@pytest.fixture(scope="module")
def examples() -> list[QAExample]:
    return _all()


def test_positives_have_their_answer_where_the_offset_says_and_ask_for_its_type(examples):
    positives = [ex for ex in examples if ex.answerable]
    assert len(positives) >= 20
    for ex in positives:
        assert ex.context[ex.answer_start:ex.answer_start + len(ex.answer_text)] == ex.answer_text
        assert ex.question.endswith("?") and ex.question[:1].isupper()
        assert ex.answer_text not in ex.question
        assert expected_type(ex.question) == ASKED[ex.kind], ex.question
        assert ex.source == "news" and ex.language == "vi" and ex.qid.startswith("news-vn_val_")
        article = next(a for a in ARTICLES if f"news-{a.doc_id}-" in ex.qid + "-")
        assert len(ex.context) <= CONTEXT_MAX and ex.context in article.text
        assert not ex.context.startswith(article.text.split("\n", 1)[0])  # never the title


def test_the_question_phrase_fits_the_answer(examples):
    phrases = {"MONEY": ("bao nhiêu tiền", "bao nhiêu đồng"), "PER": ("ai", "người nào"), "COUNT": ("bao nhiêu",),
               "DATE": ("ngày nào", "khi nào", "tháng nào"), "YEAR": ("năm nào",), "PERCENT": ("bao nhiêu phần trăm",),
               "DURATION": ("bao nhiêu năm", "bao nhiêu tháng", "bao nhiêu ngày", "bao lâu"), "LOC": ("nào", "đâu"),
               "ORG": ("nào",), "TIME": ("mấy giờ",)}
    seen = set()
    for ex in (ex for ex in examples if ex.answerable):
        words = " ".join(ex.question.lower().rstrip("?").replace(",", " ").split()).split()
        text = " ".join(words)
        assert any(f" {p} " in f" {text} " for p in phrases.get(ex.kind, ("",))), (ex.kind, ex.question)
        seen.add(ex.kind)
    assert {"MONEY", "PER", "COUNT", "DATE"} <= seen


def test_removed_negatives_lack_the_answering_sentence(examples):
    answers = {(ex.qid.rsplit("-", 1)[0], ex.question): ex.answer_text for ex in examples if ex.answerable}
    removed = [ex for ex in examples if ex.kind == "removed"]
    assert removed
    for ex in removed:
        assert ex.answer_start is None and ex.answer_text is None
        answer = answers[(ex.qid.rsplit("-", 1)[0], ex.question)]
        assert answer.casefold() not in ex.context.casefold()


def test_swap_negatives_ask_about_a_name_the_context_does_not_mention(examples):
    swaps = [ex for ex in examples if ex.kind == "swap"]
    assert swaps
    for ex in swaps:
        assert not ex.answerable
        absent = [n for n in NAMES if n in ex.question and n.casefold() not in ex.context.casefold()]
        assert absent, ex.question


def test_swapped_draws_a_name_of_the_same_type_from_another_article():
    city = Candidate("Hà Nội", 0, 6, "LOC")
    question = Question("Thanh tra Sở Y tế Hà Nội phạt ai?", Candidate("Nguyễn Văn Hùng", 0, 15, "PER"), (city,))
    pool = {"LOC": [("vn_val_000101", "Hoàng Mai"), ("vn_val_000202", "Hà Nội"), ("vn_val_000303", "Nghệ An")],
            "PER": [("vn_val_000303", "Lê Minh Tuấn")], "ORG": [], "YEAR": []}
    context = "Ông Nguyễn Văn Hùng ở Hà Nội bị phạt."
    for seed in range(10):
        assert swapped(question, context, pool, "vn_val_000101", random.Random(seed)) == \
            "Thanh tra Sở Y tế Nghệ An phạt ai?"
    assert swapped(question, context + " Nghệ An.", pool, "vn_val_000101", random.Random(0)) is None


def test_excluded_articles_and_their_duplicates_give_nothing():
    assert list(generate(ARTICLES, exclude={a.doc_id for a in ARTICLES}, seed=0)) == []
    twin = NewsArticle("vn_val_000999", FOOD.text)  # VietNews repeats articles under two ids
    made = list(generate([*ARTICLES, twin], exclude={FOOD.doc_id, STAFF.doc_id}, seed=0, per_article=8))
    assert made and {ex.qid.rsplit("-", 1)[0] for ex in made} <= {"news-vn_val_000303", "news-vn_val_000404"}


def test_the_same_seed_gives_the_same_examples_and_limits_hold():
    first = list(generate(ARTICLES, exclude=set(), seed=7, per_article=3))
    assert first == list(generate(reversed(ARTICLES), exclude=set(), seed=7, per_article=3))
    assert first != list(generate(ARTICLES, exclude=set(), seed=8, per_article=3))
    per_article = {}
    for ex in first:
        per_article[ex.qid.rsplit("-", 1)[0]] = per_article.get(ex.qid.rsplit("-", 1)[0], 0) + 1
    assert max(per_article.values()) <= 3
    assert len(list(generate(ARTICLES, exclude=set(), seed=7, limit=4))) == 4
    with pytest.raises(ValueError, match="per_article must be > 0, got 0"):
        list(generate(ARTICLES, exclude=set(), seed=0, per_article=0))


def test_the_window_holds_whole_sentences_around_the_question_and_never_the_title():
    spans = sentence_spans(COURT.text)
    for seed in range(20):
        lo, hi = window(COURT.text, spans, 4, random.Random(seed))
        assert 1 <= lo <= 4 <= hi and spans[hi][1] - spans[lo][0] <= CONTEXT_MAX
    cut = without(COURT.text, spans, 2, 4, 3)
    assert COURT.text[spans[3][0]:spans[3][1]] not in cut
    assert cut.startswith(COURT.text[spans[2][0]:spans[2][1]]) and cut.endswith(COURT.text[spans[4][0]:spans[4][1]])


def _tgz(path: Path, articles: list[NewsArticle]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for article in articles:
            data = article.text.encode("utf-8")
            info = tarfile.TarInfo(f"val/{article.doc_id}.txt")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_the_command_writes_examples_without_the_evaluation_sample(tmp_path, monkeypatch, capsys):
    corpus = _tgz(tmp_path / "news.tgz", ARTICLES)
    monkeypatch.setattr(news_questions, "evaluation_ids", lambda articles: {COURT.doc_id})
    news_questions.main([str(tmp_path / "out.jsonl"), "--corpus", str(corpus), "--limit", "12", "--seed", "3"])
    written = list(read_jsonl(tmp_path / "out.jsonl"))
    assert 0 < len(written) <= 12 and not any(COURT.doc_id in ex.qid for ex in written)
    assert f"wrote {len(written)} examples" in capsys.readouterr().out


def test_the_command_says_when_the_corpus_is_missing(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        news_questions.main([str(tmp_path / "out.jsonl"), "--corpus", str(tmp_path / "missing.tgz")])
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "no VietNews archive at" in err and "\n" not in err
    assert not (tmp_path / "out.jsonl").exists()
