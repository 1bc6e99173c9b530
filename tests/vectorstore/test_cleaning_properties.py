"""Property-based tests of the cleaner: whatever the article and wherever the furniture,
content paragraphs survive intact, furniture and the page tail go, and text comes out NFC
(also from decomposed input)."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from vectorstore.cleaning import clean_article
from vectorstore.loading import RawDocument

_WORDS = ["cán", "bộ", "thành", "phố", "luân", "chuyển", "nhiệm", "kỳ", "đảng", "viên", "công", "tác", "quy", "hoạch",
          "năm", "đội", "ngũ", "người", "ủy", "ban", "nhân", "dân", "Hà", "Nội", "Móng", "Cái", "137", "20", "58,02%",
          "quyết", "định", "đánh", "giá", "được", "đã", "và", "các", "những", "trong", "đổi", "mới", "lãnh", "đạo"]
_FURNITURE = ["A- A A+", "..........", "In bài này", "Ảnh: Minh Hà", "Thứ Hai, 13/01/2019 22:05",
              "Cập nhật lúc 10:12, 12/10/2020", "Chia sẻ", "Video", "Họ tên: ", "— — —", "Tin cũ […]"]
_TAIL = ["Tin liên quan", "Các bài mới đăng", "Viết bình luận", "Ý kiến bạn đọc"]

_paragraph = st.lists(st.sampled_from(_WORDS), min_size=8, max_size=40).map(
    lambda ws: (ws[0][:1].upper() + ws[0][1:] + " " + " ".join(ws[1:]) + ".").replace(" ,", ","))
_title = st.lists(st.sampled_from(_WORDS), min_size=4, max_size=12).map(lambda ws: " ".join(ws).capitalize())


@st.composite
def _page(draw):
    title = draw(_title)
    paragraphs = draw(st.lists(_paragraph, min_size=1, max_size=8, unique=True))
    lines = [title]
    for p in paragraphs:
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(_FURNITURE)))
        lines.append(p)
    tail = [draw(st.sampled_from(_TAIL)), draw(_paragraph) + " TAIL"] if draw(st.booleans()) else []
    spacing = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]))
    return title, paragraphs, spacing.join(lines + tail)


@settings(max_examples=120, deadline=None)
@given(_page())
def test_content_survives_furniture_goes_and_text_is_nfc(page):
    title, paragraphs, raw = page
    article = clean_article(RawDocument("doc", "doc.txt", raw))
    assert article.title == title
    body = article.text.split("\n\n")
    assert body[0] == title
    assert body[1:] == paragraphs                      # every paragraph, whole and in order, nothing else
    assert "TAIL" not in article.text
    assert unicodedata.is_normalized("NFC", article.text)


@settings(max_examples=60, deadline=None)
@given(_page())
def test_decomposed_input_cleans_to_the_same_article(page):
    _, _, raw = page
    composed = clean_article(RawDocument("doc", "doc.txt", raw))
    decomposed = clean_article(RawDocument("doc", "doc.txt", unicodedata.normalize("NFD", raw)))
    assert decomposed == composed and decomposed.content_hash == composed.content_hash


@settings(max_examples=60, deadline=None)
@given(_page())
def test_cleaning_is_idempotent(page):
    _, _, raw = page
    once = clean_article(RawDocument("doc", "doc.txt", raw))
    twice = clean_article(RawDocument("doc", "doc.txt", once.text))
    assert twice.text == once.text
