"""Issue 9, items 3, 4, 6 (size limit) and 12 (names): paths that may not be read are skipped and
named, escaped, with the reason; the rest of the folder serves."""

from __future__ import annotations

import os
from pathlib import Path

from bot.library import load_library
from bot.search.index import build_index
from bot.telegram.admin import report_lines
from bot.telegram.service import ReloadReport
from tests.fake_telegram import check_text

PATH_MAX = os.pathconf("/", "PC_PATH_MAX")
GOOD = "---\ntitle: Văn bản tốt\nsymbol: 5-KH/TU\n---\nChi bộ sinh hoạt định kỳ mỗi tháng một lần.\n"


def _good(folder: Path) -> None:
    (folder / "good.md").write_text(GOOD, encoding="utf-8")


def test_a_name_that_is_not_utf8_is_skipped_and_named(tmp_path: Path):
    _good(tmp_path)
    with open(os.path.join(os.fsencode(tmp_path), b"ngh\xe9-quy\xea't.md"), "wb") as f:
        f.write(GOOD.encode())
    cache = tmp_path.parent / (tmp_path.name + "-cache")
    index = build_index(tmp_path, cache)
    assert [d.path for d in index.documents] == ["good.md"]
    (skipped,) = index.skipped
    assert skipped.path == "ngh\\xe9-quy\\xea't.md"
    assert "UTF-8" in skipped.reason
    # a reload with the same folder works too (the cache key used to raise UnicodeEncodeError)
    assert [d.path for d in build_index(tmp_path, cache).documents] == ["good.md"]
    library = load_library(tmp_path, cache)
    lines = report_lines(ReloadReport(True, None, library, skipped=library.index.skipped))
    assert "ngh\\xe9" in "\n".join(lines)


def test_a_path_longer_than_the_system_allows_is_skipped(tmp_path: Path):
    _good(tmp_path)
    here = os.getcwd()
    try:
        os.chdir(tmp_path)
        depth = 0
        while len(os.fsencode(os.getcwd())) < PATH_MAX + 300:
            os.mkdir("d" * 200)
            os.chdir("d" * 200)
            depth += 1
        Path("deep.md").write_text(GOOD, encoding="utf-8")
    finally:
        os.chdir(here)
    index = build_index(tmp_path)
    assert [d.path for d in index.documents] == ["good.md"]
    assert index.skipped and all("quá dài" in s.reason for s in index.skipped)
    load_library(tmp_path, None)  # startup does not crash either


def test_a_symlink_out_of_the_folder_is_never_read(tmp_path: Path):
    folder = tmp_path / "knowledge"
    folder.mkdir()
    _good(folder)
    secret = tmp_path / "secret.txt"
    secret.write_text("Mật khẩu máy chủ: hunter2 chi bộ sinh hoạt", encoding="utf-8")
    (folder / "x.txt").symlink_to(secret)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "outside-dir").symlink_to(tmp_path)
    index = build_index(folder)
    assert [d.path for d in index.documents] == ["good.md"]
    assert not any("hunter2" in p.text or "root:" in p.text for p in index.passages)
    reasons = {s.path: s.reason for s in index.skipped}
    assert set(reasons) == {"x.txt", "passwd.txt", "outside-dir"}
    assert all("ngoài thư mục" in r for r in reasons.values())


def test_a_symlink_inside_the_folder_is_read(tmp_path: Path):
    _good(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "plan.md").write_text("Đảng viên đóng đảng phí hằng tháng.", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path / "sub" / "plan.md")
    paths = sorted(d.path for d in build_index(tmp_path).documents)
    assert paths == ["good.md", "link.md", "sub/plan.md"]


def test_symlink_loops_are_reported(tmp_path: Path):
    _good(tmp_path)
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    (tmp_path / "self").symlink_to(tmp_path / "self")
    (tmp_path / "up").symlink_to(tmp_path)
    reasons = {s.path: s.reason for s in build_index(tmp_path).skipped}
    assert set(reasons) == {"a.md", "b.md", "self", "up"}
    assert "vòng" in reasons["a.md"] and "vòng" in reasons["self"]
    assert "thư mục" in reasons["up"]
    assert [d.path for d in build_index(tmp_path).documents] == ["good.md"]


def test_a_file_over_the_size_limit_is_skipped_unread(tmp_path: Path):
    _good(tmp_path)
    (tmp_path / "big.txt").write_text("Chi bộ sinh hoạt. " * 100_000, encoding="utf-8")  # 1.9 MB
    index = build_index(tmp_path, max_file_bytes=1_000_000)
    assert [d.path for d in index.documents] == ["good.md"]
    (skipped,) = index.skipped
    assert skipped.path == "big.txt" and "quá lớn" in skipped.reason and "max_file_mb" in skipped.reason


def test_odd_names_are_shown_escaped_in_the_admin_report(tmp_path: Path):
    _good(tmp_path)
    before = load_library(tmp_path, None)
    odd = ["dòng\nmới.md", "rtl\u202egpj.md", "zero\u200bwidth.md", "bell\x07.md"]
    for name in odd:
        (tmp_path / name).write_text("---\nissued: abc\n---\nChi bộ sinh hoạt định kỳ.", encoding="utf-8")
    (tmp_path / "bad\nname.pdf").write_bytes(b"%PDF")
    library = load_library(tmp_path, None, 1, before)
    report = ReloadReport(True, before, library, skipped=library.index.skipped)
    text = "\n".join(report_lines(report))
    for name in odd:
        assert name not in text
    assert "dòng\\nmới.md" in text and "rtl\\u202egpj.md" in text and "bad\\nname.pdf" in text
    assert text.count("issued") == len(odd)  # the field warning, once per new file
    assert "\u202e" not in text and "\u200b" not in text and "\x07" not in text
    assert check_text(text, "HTML") is None
