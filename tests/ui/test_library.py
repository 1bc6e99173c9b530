from ui.library import safe_name, save_uploads


def test_safe_name_strips_directories_and_odd_characters():
    assert safe_name("../../etc/passwd.txt") == "passwd.txt"
    assert safe_name("C:\\\\Users\\\\x\\\\bài báo; rm -rf.MD") == "bài_báo_rm_-rf.md"
    assert safe_name("....txt") == "article.txt"


def test_only_supported_files_are_copied(tmp_path):
    good = tmp_path / "a.md"
    good.write_text("# x", encoding="utf-8")
    bad = tmp_path / "b.exe"
    bad.write_bytes(b"MZ")
    saved = save_uploads([str(good), str(bad)], tmp_path / "uploads")
    assert [p.name for p in saved.paths] == ["a.md"] and (tmp_path / "uploads" / "a.md").read_text() == "# x"
    assert len(saved.refused) == 1 and "b.exe" in saved.refused[0]
