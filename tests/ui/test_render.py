import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from qa.types import Answer, Citation
from ui.i18n import LABELS
from ui.render import citations_html, escape_markdown, highlighted, unescape_markdown

# CommonMark plus the GFM tables and strikethrough that the chat's renderer also knows.
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
SYNTAX = list("\\`*_{}[]()#+-.!|<>~$&=:\"' \t\n\r") + [
    "&amp;", "&#35;", "&copy;", "    ", "1.", "1)", "***", "---", "===", "```", "~~", "<b>", "</div>", "<!--",
    "[x](http://x.vn)", "![i](x.png)", "> ", "# ", "| a | b |", "$x$", "\\\n"]
VIETNAMESE = "Hà Nội có 137 cán bộ được luân chuyển theo Quyết định 1841-QĐ/TU, Đà Nẵng ữ ỹ".split()
ANY = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")  # lone surrogates, NUL: never in chat
CHAT_TEXT = st.lists(st.one_of(st.sampled_from(SYNTAX), st.sampled_from(VIETNAMESE), st.text(ANY, max_size=4)),
                     max_size=24).map("".join)


def _shown(markdown: str) -> str:
    """The text a reader sees, or an AssertionError naming the first thing that is not plain text."""
    shown = []
    for token in MARKDOWN.parse(markdown):
        assert token.type in {"paragraph_open", "paragraph_close", "inline"}, f"rendered as {token.type}"
        for child in token.children or []:
            assert child.type in {"text", "softbreak", "hardbreak"}, f"rendered as {child.type}"
            shown.append(child.content if child.type == "text" else " ")
        shown.append(" ")
    return "".join(shown)


def test_article_html_is_escaped_never_live():
    text = '<script>alert("x")</script> 137 cán bộ'
    html = highlighted(text, text.index("137"), text.index("137") + 3)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>137</mark>" in html


def test_markdown_tricks_are_escaped():
    assert escape_markdown("**bold** [link](http://x) <img src=x>") == \
        r"\*\*bold\*\* \[link\]\(http://x\) \<img src\=x\>"


@settings(max_examples=400, deadline=None)
@given(CHAT_TEXT)
def test_escaped_text_renders_as_itself(text):
    """No emphasis, link, heading, list, code, table or HTML: the words come back as typed
    (Markdown folds white space, so that is compared folded)."""
    assert _shown(escape_markdown(text)).split() == text.split()


@settings(max_examples=200, deadline=None)
@given(CHAT_TEXT)
def test_unescape_gives_back_the_text(text):
    assert unescape_markdown(escape_markdown(text)) == re.sub(r"(^|[\r\n])[ \t]+", r"\1", text)


def test_entities_setext_underlines_and_indented_code_stay_text():
    for text in ("R&amp;D &copy;", "Tiêu đề\n===", "Đoạn một\n\n    mã 137", "\tthụt lề"):
        assert _shown(escape_markdown(text)).split() == text.split()


def test_cards_show_title_date_source_and_highlight():
    c = Citation(1, "001", "Đáp ứng <b>nhiệm vụ</b>", "có 137 cán bộ", 0.5, source="HNMO",
                 published="2020-10-12T10:12:51", span_start=3, span_end=6)
    html = citations_html(Answer("q", "137", False, [c]), labels=LABELS["vi"])
    assert "12/10/2020 10:12" in html and "HNMO" in html and "&lt;b&gt;nhiệm vụ&lt;/b&gt;" in html
    assert "<mark>137</mark>" in html


def test_abstention_shows_no_sources():
    html = citations_html(Answer("q", "không", True, []), labels=LABELS["en"])
    assert "No passage" in html


def test_article_viewer_marks_passage_and_span_and_escapes():
    from qa.types import ArticleRecord
    from ui.render import article_html, articles_table

    text = "Tiêu đề\n\nĐoạn đầu <script>x</script>.\n\nTừ đầu nhiệm kỳ, có 137 cán bộ được luân chuyển."
    passage = "Từ đầu nhiệm kỳ, có 137 cán bộ được luân chuyển."
    start = text.index(passage)
    rec = ArticleRecord("001", "Tiêu đề", "h", 2, published="2020-10-12T10:12:51", text=text)
    c = Citation(1, "001", "Tiêu đề", passage, 0.5, span_start=passage.index("137"), span_end=passage.index("137") + 3,
                 passage_start=start)
    html = article_html(rec, c, labels=LABELS["vi"])
    assert '<mark class="vnqa-passage vnqa-span">137</mark>' in html and "&lt;script&gt;" in html
    assert html.count("Tiêu đề") == 1, "the headline is shown once"
    table = articles_table([rec], labels=LABELS["en"])
    assert "12/10/2020 10:12" in table and "<td>2</td>" in table
