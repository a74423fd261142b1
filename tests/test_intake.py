"""Saving uploads and moving files to the trash: on disk only, no Telegram."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.knowledge import intake
from bot.knowledge.document import UnreadableFile
from bot.knowledge.loader import list_files, parse_document

HEADER_DOC = """BAN CHẤP HÀNH TRUNG ƯƠNG
Số 24-QĐ/TW
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 30 tháng 7 năm 2021
QUY ĐỊNH
THI HÀNH ĐIỀU LỆ ĐẢNG
Điều 1. Đảng viên
1. Tuổi đời của người vào Đảng tính theo tháng.
Điều 2. Quy định này thay thế Quy định số 29-QĐ/TW ngày 25/7/2016.
"""


def test_the_saved_markdown_reads_back_as_the_same_document():
    draft = intake.read_upload(HEADER_DOC.encode(), "QĐ 24.txt")
    assert draft.stem == "24-qd-tw"
    assert draft.replaces == ("29-QĐ/TW",)
    again = parse_document(draft.document.path, draft.markdown.encode())
    assert again == draft.document
    assert (again.symbol, again.type, again.issued) == ("24-QĐ/TW", "Quy định", "2021-07-30")
    assert draft.markdown.startswith("---\ntitle: ") and "Số 24-QĐ/TW" in draft.markdown  # the header is kept


def test_an_uploaded_markdown_file_keeps_its_own_front_matter():
    text = "---\ntitle: Ghi chú\nsource: sổ tay\ntags: [chi bộ]\n---\nChi bộ họp mỗi tháng một lần.\n"
    draft = intake.read_upload(text.encode(), "ghi chu.md")
    assert (draft.document.title, draft.document.source, draft.document.tags) == ("Ghi chú", "sổ tay", ("chi bộ",))
    assert draft.stem == "ghi-chu" and draft.markdown.count("---\n") == 2


# c.md: an image saved as .md (b"\xff\xfe\x00x" was the example once; UTF-16 with a byte order mark is read now).
@pytest.mark.parametrize(
    "name, data", [("a.exe", b"MZ\x00\x01"), ("b.txt", b""), ("c.md", b"\x89PNG\r\n\x1a\n\x00\x00")]
)
def test_unreadable_uploads_raise_with_a_reason(name, data):
    with pytest.raises(UnreadableFile):
        intake.read_upload(data, name)


def test_save_replace_and_trash_keep_every_file_and_hide_them_from_the_loader(tmp_path: Path):
    (tmp_path / "cu.md").write_text("Văn bản cũ.", encoding="utf-8")
    draft = intake.read_upload(HEADER_DOC.encode(), "QĐ 24.txt")
    now = dt.datetime(2026, 1, 2, 3, 4, 5)
    path, trash = intake.save(tmp_path, draft, ["cu.md"], now)
    assert path == "tai-len/24-qd-tw.md" and trash == tmp_path / ".thung-rac" / "20260102-030405"
    assert (trash / "cu.md").read_text(encoding="utf-8") == "Văn bản cũ."
    assert (tmp_path / "tai-len" / ".goc" / "24-qd-tw.txt").read_bytes() == HEADER_DOC.encode()
    assert [p.relative_to(tmp_path).as_posix() for p in list_files(tmp_path)] == ["tai-len/24-qd-tw.md"]

    second, _ = intake.save(tmp_path, draft, [])  # the same number again, not replacing: a new name
    assert second == "tai-len/24-qd-tw-2.md"
    moved = intake.move_to_trash(tmp_path, [path], now)
    assert moved.name == "20260102-030405-2"  # never on top of an earlier trash folder
    assert {p.relative_to(moved).as_posix() for p in moved.rglob("*") if p.is_file()} == {
        "tai-len/24-qd-tw.md",
        "tai-len/.goc/24-qd-tw.txt",
    }
    assert (tmp_path / "tai-len" / ".goc" / "24-qd-tw-2.txt").exists()  # the other upload's original stays
    with pytest.raises(FileNotFoundError):
        intake.move_to_trash(tmp_path, ["../outside.md"])


def test_a_failed_save_changes_nothing(tmp_path: Path, monkeypatch):
    (tmp_path / "cu.md").write_text("Văn bản cũ.", encoding="utf-8")
    draft = intake.read_upload(HEADER_DOC.encode(), "QĐ 24.txt")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(intake, "move_to_trash", refuse)
    with pytest.raises(PermissionError):
        intake.save(tmp_path, draft, ["cu.md"])
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == ["cu.md"]
