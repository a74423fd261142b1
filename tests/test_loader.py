"""The knowledge folder as admins fill it: broken files are skipped with a reason, the rest is served."""

from pathlib import Path

import pytest

from bot.knowledge.loader import parse_document
from bot.search.index import build_index

GOOD = "---\ntitle: Văn bản tốt\nsymbol: 5-KH/TU\n---\nChi bộ sinh hoạt định kỳ mỗi tháng một lần.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "plain.txt").write_text("Đảng viên đóng đảng phí hằng tháng.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Đảng viên".encode("utf-16-le"))  # no BOM: cannot tell it is text
    (tmp_path / "cp1258.md").write_bytes(b"\xd0a\xf2ng vi\xean")
    (tmp_path / "unclosed.md").write_text("---\ntitle: x\nNội dung", encoding="utf-8")
    (tmp_path / "badyaml.md").write_text("---\ntitle: [x\n---\nNội dung", encoding="utf-8")
    (tmp_path / "list.md").write_text("---\n- a\n- b\n---\nNội dung", encoding="utf-8")
    (tmp_path / "empty.md").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "banner_only.md").write_text("|\n|\nĐang tải văn bản...\n|", encoding="utf-8")
    (tmp_path / ".hidden.md").write_text("không đọc", encoding="utf-8")
    (tmp_path / "synonyms.yaml").write_text("a: b", encoding="utf-8")
    return tmp_path


def test_good_files_are_read_at_any_depth(folder):
    report = build_index(folder)
    assert sorted(d.path for d in report.documents) == ["cp1258.md", "good.md", "sub/deeper/plain.txt"]
    good = next(d for d in report.documents if d.path == "good.md")
    assert (good.title, good.symbol) == ("Văn bản tốt", "5-KH/TU")
    plain = next(d for d in report.documents if d.path.endswith("plain.txt"))
    assert plain.tags == ()
    legacy = next(d for d in report.documents if d.path == "cp1258.md")  # Windows-1258, the old Vietnamese code page
    assert legacy.text == "Đạng viên" and "Windows-1258" in legacy.notes[0]


def test_each_unreadable_file_is_named_with_its_reason(folder):
    reasons = {s.path: s.reason for s in build_index(folder).skipped}
    assert set(reasons) == {
        "latin1.txt", "unclosed.md", "badyaml.md", "list.md",
        "empty.md", "binary.md", "scan.pdf", "banner_only.md",
    }  # fmt: skip
    assert "nhị phân" in reasons["latin1.txt"]  # UTF-16 has NUL bytes
    assert "---" in reasons["unclosed.md"]
    assert reasons["badyaml.md"].startswith("phần thông tin đầu tệp (front matter) sai, dòng ")
    assert "khóa" in reasons["list.md"]
    assert "rỗng" in reasons["empty.md"]
    assert "nhị phân" in reasons["binary.md"]
    assert "PDF" in reasons["scan.pdf"] and "hỏng" in reasons["scan.pdf"]
    assert "nội dung" in reasons["banner_only.md"]


def test_the_index_serves_the_readable_files_and_reports_the_rest(folder, tmp_path_factory):
    index = build_index(folder, tmp_path_factory.mktemp("cache"))
    assert len(index.documents) == 3
    assert len(index.skipped) == 8
    assert any("đảng phí" in p.text for p in index.passages)


def test_a_document_named_by_its_file_tells_the_admin():
    # "[1] so_tay_ha_noi_phan_2" is what members read of a handbook part headed "PHẦN 2: …"
    untitled = parse_document("so-tay/phan_2.md", "# PHẦN 2: CÔNG TÁC ĐẢNG VIÊN\n\nNội dung phần hai.\n".encode())
    assert untitled.title == "phan_2"
    assert untitled.notes == (
        "không thấy tên văn bản trong tệp, đang dùng tên tệp «phan_2» (đặt tên: dòng title: …"
        " ở phần thông tin đầu tệp, hoặc chú thích khi gửi tệp qua Telegram)",
    )
    named = parse_document(
        "so-tay/phan_2.md", "---\ntitle: Sổ tay, phần 2\n---\n# PHẦN 2: CÔNG TÁC ĐẢNG VIÊN\n\nNội dung.\n".encode()
    )
    assert named.title == "Sổ tay, phần 2" and named.notes == ()
    # a title the text gives is the text's, even when the file is named after it
    same = parse_document("Lịch sinh hoạt.md", "# Lịch sinh hoạt\n\nChi bộ sinh hoạt ngày mồng 3.\n".encode())
    assert same.title == "Lịch sinh hoạt" and same.notes == ()
