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


def _files(folder, sizes):
    out = []
    for i, size in enumerate(sizes):
        path = folder / f"bai{i}.txt"
        path.write_bytes(b"x" * size)
        out.append(path)
    return out


def test_limits_name_the_limit_and_copy_nothing_of_a_refused_file(tmp_path):
    from qa.settings import UploadSettings
    from ui.library import MIB

    src = tmp_path / "src"
    src.mkdir()
    limits = UploadSettings(max_file_mb=1, max_batch_mb=2, max_files=4, types=[".txt"])
    files = _files(src, [MIB // 2, 2 * MIB, MIB, MIB // 2 + 1, 10])
    saved = save_uploads(files, tmp_path / "dest", limits=limits)
    assert [p.name for p in saved.paths] == ["bai0.txt", "bai2.txt"]
    assert len(saved.refused) == 3
    assert "bai1.txt" in saved.refused[0] and "1 MiB limit per file" in saved.refused[0]
    assert "bai3.txt" in saved.refused[1] and "2 MiB limit per upload" in saved.refused[1]
    assert "bai4.txt" in saved.refused[2] and "at most 4 files" in saved.refused[2]
    assert sorted(p.name for p in (tmp_path / "dest").iterdir()) == ["bai0.txt", "bai2.txt"]


def test_types_come_from_the_settings(tmp_path):
    from qa.settings import UploadSettings

    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    saved = save_uploads([tmp_path / "a.html"], tmp_path / "dest", limits=UploadSettings(types=[".txt"]))
    assert saved.paths == [] and "only .txt files" in saved.refused[0]


def test_two_files_with_the_same_sanitised_name_are_both_kept(tmp_path):
    a, b = tmp_path / "a b.txt", tmp_path / "a_b.txt"
    a.write_text("một", encoding="utf-8")
    b.write_text("hai", encoding="utf-8")
    saved = save_uploads([a, b], tmp_path / "dest")
    assert [p.name for p in saved.paths] == ["a_b.txt", "a_b_2.txt"]
    assert [p.read_text(encoding="utf-8") for p in saved.paths] == ["một", "hai"]
    assert sorted(p.name for p in (tmp_path / "dest").iterdir()) == ["a_b.txt", "a_b_2.txt"]  # no .part left
