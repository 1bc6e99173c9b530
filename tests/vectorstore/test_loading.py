import codecs

import pytest

from vectorstore.errors import UnreadableFile
from vectorstore.loading import decode_bytes, discover, extract_html, read_article_file


def test_utf8_with_and_without_bom(tmp_path):
    for name, data in {"a.txt": "Hà Nội".encode(), "b.txt": codecs.BOM_UTF8 + "Hà Nội".encode()}.items():
        (tmp_path / name).write_bytes(data)
        assert read_article_file(tmp_path / name).text == "Hà Nội"


def test_utf16_with_bom_is_read():
    assert decode_bytes("Móng Cái".encode("utf-16"), name="x") == "Móng Cái"


def test_latin1_is_refused_with_the_file_name(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Hà Nội".encode("cp1258", errors="replace") + b"\xff\xfe\xfa")
    with pytest.raises(UnreadableFile, match="old.txt.*UTF-8"):
        read_article_file(path)


def test_binary_and_empty_files_are_refused(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "empty.md").write_bytes(b"  \n")
    with pytest.raises(UnreadableFile, match="binary"):
        read_article_file(tmp_path / "bin.txt")
    with pytest.raises(UnreadableFile, match="empty"):
        read_article_file(tmp_path / "empty.md")


def test_decomposed_input_comes_out_nfc(tmp_path):
    import unicodedata

    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", "Thành ủy Hà Nội"), encoding="utf-8")
    assert read_article_file(path).text == "Thành ủy Hà Nội"


def test_discover_finds_supported_files_and_warns_about_others(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>x</p>")
    (tmp_path / "c.pdf").write_text("x")
    files, warnings = discover([tmp_path, tmp_path / "c.pdf", tmp_path / "missing.txt"])
    assert [f.name for f in files] == ["a.txt", "b.html"]
    assert any("c.pdf" in w for w in warnings) and any("missing.txt" in w for w in warnings)


def test_html_main_text_drops_scripts_navigation_and_forms():
    page = """<html><head><title>Site | Tin</title><script>alert(1)</script>
    <meta property="article:published_time" content="2020-02-15T06:45"></head>
    <body><nav>Trang chủ</nav><article><h1>TP Móng Cái: Xây dựng đội ngũ</h1>
    <p>Năm 2019, thành phố luân chuyển 20 lượt cán bộ.</p><style>.x{}</style>
    <form>Họ tên: <input></form></article><footer>Bản quyền</footer></body></html>"""
    main = extract_html(page)
    assert main.title == "TP Móng Cái: Xây dựng đội ngũ"
    assert main.date == "2020-02-15T06:45"
    assert "20 lượt cán bộ" in main.text
    for junk in ("alert", "Trang chủ", "Họ tên", "Bản quyền", ".x{}"):
        assert junk not in main.text


def test_markdown_is_reduced_to_text(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Tin **Đà Nẵng**\n\n- Đà Nẵng luân chuyển *12* cán bộ, xem [bài gốc](http://x).\n"
                    "![ảnh](a.png)\n\n```\ncode\n```\n", encoding="utf-8")
    text = read_article_file(path).text
    assert text.startswith("Tin Đà Nẵng\n") and "Đà Nẵng luân chuyển 12 cán bộ, xem bài gốc." in text
    for junk in ("#", "**", "](", "![", "```", "code"):
        assert junk not in text


def _cp1258(text: str) -> bytes:
    """Encode like Windows software did: letter + (circumflex/breve/horn) precomposed, tone combining."""
    import unicodedata

    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in parts if c not in "\u0300\u0301\u0303\u0309\u0323")
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        out.append(unicodedata.normalize("NFC", base) + tones)
    return "".join(out).encode("cp1258")


def test_vietnamese_windows_1258_is_read_as_nfc(tmp_path):
    text = "Từ đầu nhiệm kỳ đến nay, có 137 cán bộ được luân chuyển ở Hà Nội."
    path = tmp_path / "old-windows.txt"
    path.write_bytes(_cp1258(text))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert read_article_file(path).text == text


def test_latin1_french_is_still_refused(tmp_path):
    path = tmp_path / "french.txt"
    path.write_bytes("Le conseil a nommé 137 cadres à Hanoï, déjà évalués.".encode("latin-1"))
    with pytest.raises(UnreadableFile, match="french.txt.*UTF-8"):
        read_article_file(path)
