from qa.types import Answer, Citation
from ui.i18n import LABELS
from ui.render import citations_html, escape_markdown, highlighted


def test_article_html_is_escaped_never_live():
    text = '<script>alert("x")</script> 137 cán bộ'
    html = highlighted(text, text.index("137"), text.index("137") + 3)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>137</mark>" in html


def test_markdown_tricks_are_escaped():
    assert escape_markdown("**bold** [link](http://x) <img src=x>") == \
        r"\*\*bold\*\* \[link\]\(http://x\) \<img src=x\>"


def test_cards_show_title_date_source_and_highlight():
    c = Citation(1, "001", "Đáp ứng <b>nhiệm vụ</b>", "có 137 cán bộ", 0.5, source="HNMO",
                 published="2020-10-12T10:12:51", span_start=3, span_end=6)
    html = citations_html(Answer("q", "137", False, [c]), labels=LABELS["vi"])
    assert "12/10/2020 10:12" in html and "HNMO" in html and "&lt;b&gt;nhiệm vụ&lt;/b&gt;" in html
    assert "<mark>137</mark>" in html


def test_abstention_shows_no_sources():
    html = citations_html(Answer("q", "không", True, []), labels=LABELS["en"])
    assert "No passage" in html
