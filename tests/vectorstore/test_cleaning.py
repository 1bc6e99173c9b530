"""Cleaning on the five real seed articles: boilerplate gone, titles and dates right."""

from pathlib import Path

import pytest

from qa.settings import BUNDLED_CORPUS
from vectorstore.cleaning import clean_article, parse_date_line
from vectorstore.errors import UnreadableFile
from vectorstore.loading import RawDocument, read_article_file

EXPECTED = {
    "000_09b12ad68df174b1": ("Tập trung xây dựng đội ngũ cán bộ đủ phẩm chất, năng lực, uy tín, ngang tầm nhiệm vụ",
                             "2019-01-13T22:05", "HNP", "Minh Châu"),
    "001_250846a6894a7a98": ("Đáp ứng nhiệm vụ trong tình hình mới", "2020-10-12T10:12:51", "HNMO", None),
    "002_b05b5ef40b98d4fc": ("TP Móng Cái: Xây dựng đội ngũ cán bộ đủ phẩm chất, năng lực", "2020-02-15T06:45", None,
                             "Mạnh Trường"),
    "003_c57f854662c56398": ("Hà Nội quyết liệt đổi mới công tác cán bộ", None, "QPTĐ", "Hữu Văn"),
    "004_22a6cced370bfae8": ("Thành phố Hồ Chí Minh triển khai quy hoạch cán bộ nguồn cho các quận huyện, sở ngành "
                             "đến năm 2025", "2016-12-26T21:46", "TTXVN", None),
}
BOILERPLATE = [
    "Các bài mới đăng", "Các bài đã đăng", "Viết bình luận", "Mã xác nhận", "Họ tên", "Tin liên quan",
    "A- A A+", "Tăng tương phản", "Đối tác của chúng tôi", "Tổng số điểm", "Click để đánh giá", "Dự báo thời tiết",
    "Tỷ giá ngoại tệ", "Phóng sự ảnh", "Sự kiện - chuyên đề", "Gửi bài này", "[…]", "Ảnh: Internet", "\n.\n",
    "Theo HNMO", "Theo: TTXVN", "[GMT+7]",
]


@pytest.fixture(scope="module")
def seeds():
    return {p.stem: clean_article(read_article_file(p)) for p in sorted(Path(BUNDLED_CORPUS).glob("*.txt"))}


def test_all_five_seeds_are_bundled(seeds):
    assert set(seeds) == set(EXPECTED)


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_metadata(seeds, doc_id):
    article = seeds[doc_id]
    title, published, source, author = EXPECTED[doc_id]
    assert (article.title, article.published, article.source, article.author) == (title, published, source, author)
    assert article.text.startswith(title + "\n\n")


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_boilerplate_removed_and_content_kept(seeds, doc_id):
    text = seeds[doc_id].text
    for junk in BOILERPLATE:
        assert junk not in text, junk
    assert "\n\n\n" not in text and not text.endswith("\n")


def test_key_facts_survive_cleaning(seeds):
    assert "có 137 cán bộ được luân chuyển" in seeds["001_250846a6894a7a98"].text
    assert "20 lượt cán bộ" in seeds["002_b05b5ef40b98d4fc"].text
    assert "1841-QĐ/TU" in seeds["003_c57f854662c56398"].text
    assert "Nguyễn Hữu Hiệp" in seeds["004_22a6cced370bfae8"].text


@pytest.mark.parametrize("line,iso", [
    ("Thứ Bảy, 15/02/2020, 06:45 [GMT+7]", "2020-02-15T06:45"),
    ("10:12:51 12-10-2020", "2020-10-12T10:12:51"),
    ("26/12/2016 21:46' Gửi bài này In bài này", "2016-12-26T21:46"),
    ("Thứ Tư, 25/4/2018", "2018-04-25"),
    ("Chủ nhật, 3/7/2019", "2019-07-03"),
])
def test_date_lines(line, iso):
    assert parse_date_line(line).iso == iso


@pytest.mark.parametrize("line", ["HNP - Ngày 10/01, UBND TP Hà Nội ban hành Kế hoạch số 15/KH-UBND",
                                  "Năm 2019 thành phố luân chuyển 20 cán bộ", "31/13/2020"])
def test_body_sentences_are_not_date_lines(line):
    assert parse_date_line(line) is None


def test_news_about_a_furniture_topic_is_kept_and_its_sections_too():
    """Gold-price and weather reports share words with a page's price and weather boxes."""
    text = ("Giá vàng hôm nay (06/12): Dò đáy 4 tháng\n\nGiá vàng thế giới lao xuống mức thấp nhất 4 tháng.\n\n"
            "Giá vàng thế giới\n\nVàng giao ngay giảm 5 USD.\n\nTin liên quan\n\nGiá vàng hôm qua tăng")
    article = clean_article(RawDocument("g", "g.txt", text))
    assert article.title == "Giá vàng hôm nay (06/12): Dò đáy 4 tháng"
    assert "Vàng giao ngay giảm 5 USD." in article.text and "hôm qua" not in article.text
    other = clean_article(RawDocument("o", "o.txt", "Hà Nội luân chuyển cán bộ\n\nCó 137 cán bộ.\n\nGiá vàng\n\n36,30"))
    assert "36,30" not in other.text


def test_a_page_of_only_boilerplate_is_refused():
    raw = RawDocument("x", "x.txt", "Các bài mới đăng\nViết bình luận\nHọ tên:(*)")
    with pytest.raises(UnreadableFile, match="no article text"):
        clean_article(raw)
