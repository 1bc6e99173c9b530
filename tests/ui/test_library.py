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


def test_only_files_inside_the_upload_folder_are_read(tmp_path):
    from ui.library import save_uploads

    uploads = tmp_path / "gradio"
    uploads.mkdir()
    inside = uploads / "bài.txt"
    inside.write_text("Bài báo\n\nNội dung.", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu", encoding="utf-8")
    link = uploads / "link.txt"
    link.symlink_to(secret)
    escape = uploads / ".." / "secret.txt"
    saved = save_uploads([inside, secret, link, escape, "/etc/hostname.txt"], tmp_path / "dest",
                         allowed_roots=[uploads])
    assert [p.name for p in saved.paths] == ["bài.txt"]
    assert len(saved.refused) == 4 and all("not an uploaded file" in r for r in saved.refused)
    assert not any("mật khẩu" in p.read_text(encoding="utf-8") for p in (tmp_path / "dest").iterdir())


def test_gradio_upload_folder_is_the_default_root(monkeypatch, tmp_path):
    from ui.library import gradio_upload_roots

    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path))
    assert gradio_upload_roots() == [tmp_path]
