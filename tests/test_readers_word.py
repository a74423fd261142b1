"""Word files as offices send them: automatic numbering, header tables, tracked changes, legacy
fonts, Word 97, and the broken or hostile ones."""

import io
import json
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from bot.knowledge.document import UnreadableFile
from bot.knowledge.loader import parse_document, to_markdown
from bot.knowledge.readers import cache, convert
from bot.knowledge.readers.word import format_number
from bot.search.engine import SearchEngine

from .conftest import ROOT
from .word_fixtures import ARTICLES, Builder, abstract, num, party_rule, tcvn3, to_doc, vni


def lines(converted) -> list[str]:
    return [line for line in converted.text.split("\n") if line.strip()]


# --- numbering --------------------------------------------------------------------------------------


def test_automatic_numbers_are_written_as_the_document_shows_them():
    text = lines(convert(party_rule().bytes(), "qd.docx"))
    body = text[text.index("VỀ CÔNG TÁC BẢO VỆ TÀI LIỆU MẬT CỦA CHI BỘ") + 1 :]
    assert body == [
        "Điều 1. Phạm vi điều chỉnh",
        "1. Quy định này quy định việc bảo quản tài liệu mật trong chi bộ.",
        "2. Tài liệu mật gồm:",
        "a) văn bản có đóng dấu mật;",
        "b) sổ ghi chép nghị quyết của chi bộ.",
        "Điều 2. Trách nhiệm của bí thư chi bộ",
        "1. Bí thư chi bộ kiểm kê tủ đựng hồ sơ lưu trữ mỗi quý một lần.",  # khoản restarts under Điều 2
    ]


def test_lists_sharing_a_definition_continue_unless_restarted():
    b = Builder()
    b.numbering(
        ARTICLES,
        abstract(2, ("upperRoman", "%1."), ("decimal", "%1.%2.")),
        num(1, 1), num(2, 1), num(3, 1, restart_at=1), num(4, 2),
    )  # fmt: skip
    b.p("Một", num=1)
    b.p("Hai", num=2)  # another list of the same definition: Word continues it
    b.p("Lại một", num=3)  # a start override restarts it
    b.p("Mục lớn", num=4)
    b.p("Mục con", num=4, level=1)
    b.p("Mục lớn tiếp", num=4)
    b.p("Không đánh số")
    assert lines(convert(b.bytes(), "x.docx")) == [
        "Điều 1. Một", "Điều 2. Hai", "Điều 1. Lại một", "I. Mục lớn", "I.1. Mục con", "II. Mục lớn tiếp", "Không đánh số",  # noqa: E501
    ]  # fmt: skip


def test_number_formats():
    assert [format_number(n, "lowerLetter") for n in (1, 4, 26, 27)] == ["a", "d", "z", "aa"]
    assert [format_number(n, "upperRoman") for n in (4, 9, 14, 40)] == ["IV", "IX", "XIV", "XL"]
    assert format_number(3, "decimalZero") == "03" and format_number(7, "bullet") == "7"


def test_bullets_and_headings():
    b = Builder()
    bullet = '<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>'
    b.numbering(f'<w:abstractNum w:abstractNumId="3">{bullet}</w:abstractNum>', num(7, 3))
    b.p("Chương I", style="Heading 1")
    b.p("Những quy định chung", style="Heading 2")
    b.p("tuyên truyền", num=7)
    assert lines(convert(b.bytes(), "x.docx")) == ["# Chương I", "## Những quy định chung", "- tuyên truyền"]


# --- the header, tables -----------------------------------------------------------------------------


def test_the_header_table_gives_number_date_issuer_and_title():
    document = parse_document("tai-len/qd45.docx", party_rule().bytes())
    assert document.symbol == "45-QĐ/BTCTW"
    assert document.issued == "2025-11-21"
    assert document.issuer == "Ban Tổ chức Trung ương"
    assert document.type == "Quy định"
    assert document.title == "Quy định về công tác bảo vệ tài liệu mật của chi bộ"
    assert document.text.startswith("Điều 1. Phạm vi điều chỉnh")


def test_a_letter_typed_in_word_is_cited_by_its_number_and_subject():
    b = Builder()
    b.header_table(
        ["ĐẢNG BỘ TỈNH BẮC NINH", "ĐẢNG ỦY XÃ TIÊN DU", "*", "Số 45-CV/ĐU", "V/v triển khai học tập nghị quyết"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "---------------"],
        "",
        "Tiên Du, ngày 12 tháng 3 năm 2026",
    )
    b.p("Kính gửi: Các chi bộ trực thuộc Đảng ủy")
    b.p("Đảng ủy xã đề nghị các chi bộ tổ chức học tập nghị quyết trước ngày 30/3/2026.")
    document = parse_document("tai-len/cv45.docx", b.bytes())
    assert (document.symbol, document.type, document.issuer) == ("45-CV/ĐU", "Công văn", "Đảng ủy xã Tiên Du")
    assert (document.issued, document.title) == ("2026-03-12", "V/v triển khai học tập nghị quyết")
    assert document.text.startswith("Kính gửi: Các chi bộ trực thuộc Đảng ủy")


def test_a_table_of_values_becomes_rows():
    b = Builder()
    table = b.doc.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [
            ("TT", "Nội dung", "Thời gian"),
            ("1", "Sinh hoạt chi bộ", "Hằng tháng"),
            ("2", "Kiểm điểm | đánh giá", "Cuối năm"),
        ]
    ):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    assert lines(convert(b.bytes(), "x.docx")) == [
        "| TT | Nội dung | Thời gian |", "| 1 | Sinh hoạt chi bộ | Hằng tháng |", "| 2 | Kiểm điểm / đánh giá | Cuối năm |",  # noqa: E501
    ]  # fmt: skip


# --- tracked changes, hyphens, fonts -----------------------------------------------------------------


def test_tracked_insertions_are_kept_and_deletions_dropped():
    b = Builder()
    b.raw(
        '<w:p><w:r><w:t xml:space="preserve">Chi bộ họp </w:t></w:r>'
        '<w:del w:id="1" w:author="A" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>mỗi quý</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A" w:date="2025-01-01T00:00:00Z"><w:r><w:t>mỗi tháng</w:t></w:r></w:ins>'
        '<w:moveFrom w:id="3" w:author="A"><w:r><w:t> (chuyển đi)</w:t></w:r></w:moveFrom>'
        '<w:r><w:t xml:space="preserve"> một lần.</w:t></w:r></w:p>'
    )
    assert lines(convert(b.bytes(), "x.docx")) == ["Chi bộ họp mỗi tháng một lần."]


def test_soft_hyphens_are_removed():
    b = Builder()
    b.raw("<w:p><w:r><w:t>tuyên</w:t><w:softHyphen/><w:t>truyền, sinh\u00adhoạt</w:t></w:r></w:p>")
    assert lines(convert(b.bytes(), "x.docx")) == ["tuyêntruyền, sinhhoạt"]


def test_runs_in_vntime_and_vni_fonts_are_converted():
    b = Builder()
    heading = tcvn3("đảng viên").decode("latin-1")  # drawn in capitals by the …H font
    body = tcvn3("Đảng viên phải gương mẫu trong công tác và sinh hoạt.").decode("latin-1")
    motto = vni("Độc lập - Tự do - Hạnh phúc").decode("cp1252")
    b.raw(f'<w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/></w:rPr><w:t>{heading}</w:t></w:r></w:p>')
    b.raw(f'<w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr><w:t>{body}</w:t></w:r></w:p>')
    b.raw(f'<w:p><w:r><w:rPr><w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/></w:rPr><w:t>{motto}</w:t></w:r></w:p>')
    b.p("Unicode giữ nguyên: Đảng ủy")
    converted = convert(b.bytes(), "x.docx")
    assert lines(converted) == [
        "ĐẢNG VIÊN",
        "Đảng viên phải gương mẫu trong công tác và sinh hoạt.",
        "Độc lập - Tự do - Hạnh phúc",
        "Unicode giữ nguyên: Đảng ủy",
    ]
    assert any("TCVN3" in w for w in converted.warnings) and any("VNI" in w for w in converted.warnings)


# --- broken and hostile files -------------------------------------------------------------------------


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_inflated():
    bomb = _zip({"word/document.xml": b"\0" * (20 * 1024 * 1024)})  # inflates ~1000×
    started = time.perf_counter()
    with pytest.raises(UnreadableFile, match="zip bomb"):
        convert(bomb, "bom.docx")
    # sizes declared in the directory are enough: a 4 GB member is refused without reading it
    small = bytearray(_zip({"word/document.xml": b"<x/>"}, zipfile.ZIP_STORED))
    at = small.index(b"PK\x01\x02")
    small[at + 24 : at + 28] = struct.pack("<I", 4_000_000_000)
    with pytest.raises(UnreadableFile, match="quá lớn"):
        convert(bytes(small), "lon.docx")
    assert time.perf_counter() - started < 30  # generous: the point is that nothing was inflated


def test_corrupt_wrong_and_encrypted_files_have_reasons():
    good = party_rule().bytes()
    with pytest.raises(UnreadableFile, match="hỏng"):
        convert(good[: len(good) // 2], "cut.docx")
    with pytest.raises(UnreadableFile, match="không phải tệp Word"):
        convert(b"%PDF-1.4 not a docx", "x.docx")
    with pytest.raises(UnreadableFile, match=r"word/document\.xml"):
        convert(_zip({"hello.txt": b"hi"}), "x.docx")
    with pytest.raises(UnreadableFile, match="XML"):
        convert(_zip({"word/document.xml": b"<w:document"}), "x.docx")
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    laughs = f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e0 "ha">{entities}]><d>&e9;</d>'
    with pytest.raises(UnreadableFile, match="XML"):  # a billion laughs is not expanded
        convert(_zip({"word/document.xml": laughs.encode()}), "x.docx")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100
    with pytest.raises(UnreadableFile, match="mật khẩu"):
        convert(ole, "secret.docx")
    with pytest.raises(UnreadableFile, match="không có chữ"):
        convert(Builder().bytes(), "empty.docx")


# --- Word 97 -------------------------------------------------------------------------------------------


def test_a_doc_file_is_read_through_libreoffice_also_two_at_once():
    from concurrent.futures import ThreadPoolExecutor

    doc = to_doc(party_rule().bytes())
    assert doc.startswith(b"\xd0\xcf\x11\xe0")
    # each conversion has its own LibreOffice profile: a second one at the same time is not lost
    with ThreadPoolExecutor(2) as pool:
        document, twin = pool.map(lambda name: parse_document(name, doc), ["qd45.doc", "ban-sao.doc"])
    assert twin.text == document.text
    assert (document.symbol, document.issued, document.type) == ("45-QĐ/BTCTW", "2025-11-21", "Quy định")
    assert "Điều 2. Trách nhiệm của bí thư chi bộ" in document.text
    assert "b) sổ ghi chép nghị quyết của chi bộ." in document.text


def test_odt_and_rtf_files_are_read_like_the_doc():
    # LibreOffice's own format (the state's ODF standard) reads as the .docx it was saved from
    docx = party_rule().bytes()
    word = parse_document("qd45.docx", docx)
    odt = to_doc(docx, "odt")
    assert odt[30:38] == b"mimetype"
    document = parse_document("qd45.odt", odt)
    assert (document.symbol, document.issued, document.type, document.title, document.text) == (
        word.symbol, word.issued, word.type, word.title, word.text
    )  # fmt: skip
    assert convert(docx, "doi-ten.odt").text == convert(docx, "qd45.docx").text  # a .docx under an .odt name
    rtf = rb"{\rtf1\ansi Chi b\u7897? h\u7885?p m\u7895?i th\u225?ng.\par}"
    assert convert(rtf, "cu.rtf").text == "Chi bộ họp mỗi tháng."


def test_a_doc_in_vntime_is_converted():
    b = Builder()
    body = tcvn3("Chi bộ họp thường kỳ mỗi tháng một lần.").decode("latin-1")
    b.raw(f'<w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr><w:t>{body}</w:t></w:r></w:p>')
    converted = convert(to_doc(b.bytes()), "cu.doc")
    assert lines(converted) == ["Chi bộ họp thường kỳ mỗi tháng một lần."] and "TCVN3" in converted.warnings[0]


def test_broken_and_foreign_doc_files_have_reasons_and_rtf_is_read():
    from .word_fixtures import need_soffice

    need_soffice()
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    with pytest.raises(UnreadableFile, match="không phải văn bản Word"):
        convert(ole + b"\xff" * 3000, "bang-tinh.doc")  # an OLE file without a Word stream (Excel…)
    # a damaged Word 97 file: LibreOffice gives up, and is not allowed to read it as plain text
    with pytest.raises(UnreadableFile, match="LibreOffice không chuyển được"):
        convert(ole + "WordDocument".encode("utf-16-le") + b"\xff" * 3000, "hong.doc")
    with pytest.raises(UnreadableFile, match="không nhận ra"):
        convert(b"MZ\x90\x00 a program", "virus.doc")
    assert (
        convert(rb"{\rtf1\ansi Chi b\u244? h\u7885?p m\u7895?i th\u225?ng.\par}", "cu.doc").text
        == "Chi bô họp mỗi tháng."
    )


# --- cache, index, command line ------------------------------------------------------------------------


def test_conversions_are_cached_by_contents(tmp_path, monkeypatch):
    data = party_rule().bytes()
    first = convert(data, "a.docx", tmp_path)
    entry = cache.path_of(tmp_path, data)
    assert json.loads(entry.read_text(encoding="utf-8"))["text"] == first.text

    from bot.knowledge.readers import word

    def fail(*_):
        raise AssertionError("converted again")

    monkeypatch.setattr(word, "read", fail)
    assert convert(data, "b.docx", tmp_path) == first  # same bytes, any name: from the cache
    entry.write_text("{not json", encoding="utf-8")  # a damaged entry is converted again
    with pytest.raises(AssertionError, match="converted again"):
        convert(data, "a.docx", tmp_path)


def test_a_folder_with_a_docx_answers_from_its_articles(tmp_path):
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "qd45.docx").write_bytes(party_rule().bytes())
    (folder / "cu.txt").write_bytes(tcvn3("Đảng viên đóng đảng phí hằng tháng theo quy định."))
    engine = SearchEngine.open(folder, tmp_path / "cache")
    assert not engine.problems
    result = engine.search("bí thư chi bộ kiểm kê tủ hồ sơ lưu trữ mấy lần")
    best = result.hits[0].passage
    assert best.doc.path == "qd45.docx" and best.doc.symbol == "45-QĐ/BTCTW"
    assert "Điều 2" in best.section_label
    assert list((tmp_path / "cache" / "converted").rglob("*.json"))  # the .docx's text is cached
    notes = {d.path: d.notes for d in engine.index.documents}
    assert notes["qd45.docx"] == () and "TCVN3" in notes["cu.txt"][0]


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_convert_prints_front_matter_and_text_and_fails_with_a_reason(tmp_path):
    source = tmp_path / "qd45.docx"
    source.write_bytes(party_rule().bytes())
    config = tmp_path / "config.yaml"
    config.write_text(f"cache_dir: {tmp_path / 'cache'}\n", encoding="utf-8")
    out = _cli("convert", str(source), "--config", str(config))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(
        "---\ntitle: Quy định về công tác bảo vệ tài liệu mật của chi bộ\nsymbol: 45-QĐ/BTCTW\n"
    )
    assert "issuer: Ban Tổ chức Trung ương" in out.stdout and "Điều 1. Phạm vi điều chỉnh" in out.stdout
    written = tmp_path / "qd45.md"
    assert _cli("convert", str(source), "-o", str(written), "--config", str(config)).returncode == 0
    # The Markdown, loaded as a file of the folder, is the same document.
    again = parse_document("qd45.md", written.read_bytes())
    original = parse_document("qd45.docx", source.read_bytes())
    assert again.text == original.text and again.metadata() | {"path": ""} == original.metadata() | {"path": ""}

    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    failed = _cli("convert", str(broken), "--config", str(config))
    assert failed.returncode == 1 and failed.stdout == ""
    assert "hong.docx" in failed.stderr and "hỏng" in failed.stderr


def test_to_markdown_notes_how_the_file_was_read():
    markdown = to_markdown(vni("Đảng viên phải gương mẫu chấp hành nghị quyết của chi bộ."), "cu.txt")
    assert "# chữ mã VNI đã được chuyển sang Unicode\n---" in markdown
    assert markdown.endswith("Đảng viên phải gương mẫu chấp hành nghị quyết của chi bộ.\n")


def test_index_command_lists_notes(tmp_path):
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "cu.txt").write_bytes(tcvn3("Đảng viên đóng đảng phí hằng tháng theo quy định của chi bộ."))
    out = _cli("index", "--knowledge", str(folder), "--config", str(_config(tmp_path)))
    assert out.returncode == 0, out.stderr
    assert "cu.txt: chữ mã TCVN3 (ABC) đã được chuyển sang Unicode" in out.stdout


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(f"cache_dir: {tmp_path / 'cache'}\n", encoding="utf-8")
    return config


def test_a_header_typed_with_tabs_is_read_column_by_column():
    b = Builder()
    b.p("BAN CHẤP HÀNH TRUNG ƯƠNG\t\tĐẢNG CỘNG SẢN VIỆT NAM")
    b.p("BAN TỔ CHỨC\t\t")
    b.p("Số 12-HD/BTCTW\t\tHà Nội, ngày 3 tháng 2 năm 2024")
    b.p("HƯỚNG DẪN")
    b.p("VỀ SINH HOẠT CHI BỘ")
    b.p("Chi bộ sinh hoạt thường kỳ mỗi tháng một lần.")
    document = parse_document("hd12.docx", b.bytes())
    assert (document.symbol, document.issued, document.issuer, document.type) == (
        "12-HD/BTCTW", "2024-02-03", "Ban Tổ chức Trung ương", "Hướng dẫn",
    )  # fmt: skip
    assert document.text == "Chi bộ sinh hoạt thường kỳ mỗi tháng một lần."


def test_tcvn3_text_in_a_unicode_font_is_recognised_by_its_letters():
    b = Builder()
    b.p(tcvn3("Đảng viên phải gương mẫu chấp hành nghị quyết, sinh hoạt chi bộ đều đặn.").decode("latin-1"))
    converted = convert(b.bytes(), "x.docx")
    assert converted.text == "Đảng viên phải gương mẫu chấp hành nghị quyết, sinh hoạt chi bộ đều đặn."
    assert "TCVN3" in converted.warnings[0]


def test_a_start_override_sets_the_first_number_and_deeper_levels_restart_as_defined():
    b = Builder()
    never = (
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="(%2)"/></w:lvl>'
    )
    b.numbering(
        '<w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="Điều %1."/></w:lvl>{never}</w:abstractNum>',
        num(9, 4, restart_at=5),
    )  # fmt: skip
    for text, level in (("năm", 0), ("ghi chú", 1), ("sáu", 0), ("ghi chú", 1)):
        b.p(text, num=9, level=level)
    assert lines(convert(b.bytes(), "x.docx")) == ["Điều 5. năm", "(1) ghi chú", "Điều 6. sáu", "(2) ghi chú"]


def test_a_text_box_is_read_once_after_its_paragraph():
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    box = "<w:txbxContent><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:txbxContent>"
    b = Builder()
    b.raw(
        f"<w:p><w:r><w:t>Trước hộp.</w:t></w:r><w:r><mc:AlternateContent {mc}>"
        f'<mc:Choice Requires="wps"><w:drawing><w:anchor><w:txbx>{box.format("Trong hộp chữ.")}</w:txbx>'
        "</w:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><w:txbx>{box.format('Trong hộp chữ.')}</w:txbx></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    assert lines(convert(b.bytes(), "x.docx")) == ["Trước hộp.", "Trong hộp chữ."]
