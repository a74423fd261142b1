"""PDF reader on files made as offices make them (LibreOffice export, scans), and on broken ones."""

from __future__ import annotations

import io
import subprocess
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from bot.evaluation import word_f1
from bot.knowledge.document import UnreadableFile
from bot.knowledge.loader import parse_document
from bot.knowledge.readers import convert
from bot.knowledge.readers.layout import Page, Segment, paragraphs
from bot.search.engine import SearchEngine
from tests.office_fixtures import OfficeDocument, require_tool, soffice_convert

WRAPPED = (
    "Cấp ủy các cấp lãnh đạo, chỉ đạo việc tổ chức học tập, quán triệt và triển khai thực hiện "
    "nghiêm túc các nội dung tuyên truyền; gắn việc tuyên truyền với thực hiện nhiệm vụ chính trị "
    "của địa phương, cơ quan, đơn vị, bảo đảm thiết thực, hiệu quả, tránh hình thức, lãng phí."
)
HYPHEN_LINE = "Các chi bộ tổ chức sinh hoạt chuyên đề theo đúng tinh thần Kế hoạch số 98-"
ARTICLE = [
    "# KẾ HOẠCH",
    "# TUYÊN TRUYỀN KỶ NIỆM 95 NĂM NGÀY THÀNH LẬP ĐẢNG",
    "I. MỤC ĐÍCH, YÊU CẦU",
    f"1. {WRAPPED}",
    f"2. {HYPHEN_LINE}\nKH/TU ngày 10 tháng 5 năm 2023 của Ban Thường vụ Tỉnh ủy.",
    "II. NỘI DUNG TUYÊN TRUYỀN",
    *[f"{i}. Tuyên truyền về lịch sử vẻ vang của Đảng bộ tỉnh giai đoạn {i}, những thành tựu của công cuộc đổi mới, "
      "vai trò của tổ chức cơ sở đảng trong xây dựng hệ thống chính trị vững mạnh ở cơ sở." for i in range(1, 25)],
    "Đảng viên sinh hoạt tại chi bộ nơi cư trú phải đóng đảng phí đầy đủ theo quy định, "
    "báo cáo định kỳ với chi bộ nơi công tác về việc thực hiện nhiệm vụ ở nơi cư trú.",
]  # fmt: skip
RUNNING_HEADER = "Tỉnh ủy Đồng Tháp – Kế hoạch tuyên truyền"


def party_document(paragraphs: list[str] = ARTICLE) -> OfficeDocument:
    return OfficeDocument(
        left=["TỈNH ỦY ĐỒNG THÁP", "*", "Số 98-KH/TU"],
        right=["ĐẢNG CỘNG SẢN VIỆT NAM", "Đồng Tháp, ngày 10 tháng 5 năm 2023"],
        paragraphs=paragraphs,
        running_header=RUNNING_HEADER,
    )


@pytest.fixture(scope="module")
def office_pdf(tmp_path_factory) -> Path:
    return party_document().pdf(tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="module")
def office_text(office_pdf) -> str:
    return convert(office_pdf.read_bytes(), "kh98.pdf").text


# --- the text layer, through LibreOffice's export -------------------------------------------------


def test_fixture_has_several_pages(office_pdf):
    assert len(pdfium.PdfDocument(office_pdf)) >= 3


def test_running_header_and_page_numbers_are_dropped(office_text):
    assert RUNNING_HEADER not in office_text
    assert "Trang " not in office_text


def test_header_block_comes_out_as_the_lines_the_metadata_reader_knows(office_text):
    lines = office_text.split("\n\n")
    assert lines[:5] == [
        "TỈNH ỦY ĐỒNG THÁP",
        "*",
        "Số 98-KH/TU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Đồng Tháp, ngày 10 tháng 5 năm 2023",
    ]
    # bold paragraphs are the cleaner's headings
    assert lines[5:8] == ["**KẾ HOẠCH**", "**TUYÊN TRUYỀN KỶ NIỆM 95 NĂM NGÀY THÀNH LẬP ĐẢNG**", "I. MỤC ĐÍCH, YÊU CẦU"]


def test_metadata_is_found_in_a_pdf(office_pdf):
    doc = parse_document("kh98.pdf", office_pdf.read_bytes())
    assert (doc.symbol, doc.type, doc.issued) == ("98-KH/TU", "Kế hoạch", "2023-05-10")
    assert doc.issuer and doc.issuer.lower().startswith("tỉnh ủy")


def test_hard_wrapped_paragraphs_are_one_line_each(office_text):
    lines = office_text.split("\n\n")
    assert f"1. {WRAPPED}" in lines
    numbered = [line for line in lines if line.startswith("5. Tuyên truyền")]
    assert numbered and numbered[0].endswith("ở cơ sở.")


def test_paragraphs_continue_across_pages(office_text):
    last = [line for line in office_text.split("\n\n") if line.startswith("Đảng viên sinh hoạt")]
    assert last == [ARTICLE[-1]]
    for i in range(1, 25):
        assert (
            sum(
                line.startswith(f"{i}. Tuyên truyền") and line.endswith("ở cơ sở.")
                for line in office_text.split("\n\n")
            )
            == 1
        )


def test_a_line_broken_after_a_hyphen_is_joined_without_a_space(office_text):
    assert "Kế hoạch số 98-KH/TU ngày 10 tháng 5 năm 2023" in office_text


def test_a_hyphen_where_the_line_wrapped_is_kept(tmp_path):
    # The break falls inside "24/KH-UBND" in one of these; PDFium then reports the hyphen as U+FFFE.
    source = [
        f"Thực hiện {'theo ' * k}Kế hoạch số 24/KH-UBND ngày 14/8/2025 của Ủy ban nhân dân tỉnh." for k in range(12, 28)
    ]
    pdf = OfficeDocument(paragraphs=source, page_footer=False).pdf(tmp_path)
    document = pdfium.PdfDocument(pdf)
    raw = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "\ufffe" in raw or "-\r\n" in raw  # the case is there
    assert convert(pdf.read_bytes(), "kh.pdf").text.split("\n\n") == source


def test_every_word_of_the_source_is_kept(office_text):
    source = "\n".join(
        ["TỈNH ỦY ĐỒNG THÁP", "Số 98-KH/TU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Đồng Tháp, ngày 10 tháng 5 năm 2023", *ARTICLE]
    )
    assert word_f1(office_text, source.replace("# ", "")) >= 0.99


# --- layout rules on pages described directly -----------------------------------------------------


def _line(text: str, top: float, left: float = 85, right: float | None = None) -> Segment:
    return Segment(text, left, top - 12, right if right is not None else left + 5.3 * len(text), top)


def test_page_number_styles_and_a_repeated_footer_are_dropped():
    pages = []
    for n, number in enumerate(["- 1 -", "Trang 2/3", "3"], 1):
        body = [
            _line(
                f"Nội dung riêng của trang số {n}, một đoạn văn dài đủ để chạy tới lề phải của",
                700,
                left=114,
                right=537,
            ),
            _line("trang.", 685),
        ]
        footer = [_line("Văn phòng Tỉnh ủy – lưu hành nội bộ", 40, left=200), _line(number, 25, left=290)]
        pages.append(Page(595, 842, body + footer))
    assert paragraphs(pages) == [
        f"Nội dung riêng của trang số {n}, một đoạn văn dài đủ để chạy tới lề phải của trang." for n in (1, 2, 3)
    ]


def test_a_soft_hyphen_at_a_line_end_is_removed_and_the_word_joined():
    first = "The congress adopted the programme on digital transformation and on the develop\u00ad"
    page = Page(595, 842, [_line(first, 700, right=537), _line("ment of the digital economy.", 685)])
    assert paragraphs([page]) == [
        "The congress adopted the programme on digital transformation and on the development of the digital economy."
    ]


def test_a_short_line_ends_its_paragraph_and_an_indent_starts_one():
    full = "Chi bộ tổ chức sinh hoạt định kỳ mỗi tháng một lần, có sự tham dự của đảng viên"
    page = Page(595, 842, [
        _line(full, 700, right=537), _line("trong chi bộ.", 685),
        _line("Tiếp theo là một đoạn mới bắt đầu bằng chữ hoa nhưng thụt đầu dòng", 670, left=114, right=537),
        _line("và tiếp tục ở dòng sau.", 655),
    ])  # fmt: skip
    assert paragraphs([page]) == [
        f"{full} trong chi bộ.",
        "Tiếp theo là một đoạn mới bắt đầu bằng chữ hoa nhưng thụt đầu dòng và tiếp tục ở dòng sau.",
    ]


def test_a_header_whose_left_column_starts_higher_is_read_column_by_column():
    page = Page(595, 842, [
        _line("BAN CHẤP HÀNH TRUNG ƯƠNG", 790, left=110), _line("BAN TỔ CHỨC", 776, left=150), _line("ĐẢNG CỘNG SẢN VIỆT NAM", 783, left=340),  # noqa: E501
        _line("*", 762, left=195), _line("Hà Nội, ngày 21 tháng 11 năm 2025", 760, left=330), _line("Số 45-HD/BTCTW", 745, left=160),  # noqa: E501
        _line("HƯỚNG DẪN", 700, left=270),
    ])  # fmt: skip
    assert paragraphs([page]) == [
        "BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN TỔ CHỨC", "*", "Số 45-HD/BTCTW",
        "ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Nội, ngày 21 tháng 11 năm 2025", "HƯỚNG DẪN",
    ]  # fmt: skip


def test_a_signature_block_is_read_left_column_then_right():
    page = Page(595, 842, [
        _line("Nội dung cuối cùng của văn bản kết thúc ở đây, đầy đủ một dòng dài của trang giấy", 500, right=537),
        _line("in khổ A4.", 485),
        _line("Nơi nhận:", 450), _line("T/M BAN THƯỜNG VỤ", 450, left=360),
        _line("- Như trên,", 436), _line("BÍ THƯ", 436, left=390),
        _line("- Lưu VPTU.", 422), _line("Nguyễn Văn A", 380, left=380),
    ])  # fmt: skip
    assert paragraphs([page]) == [
        "Nội dung cuối cùng của văn bản kết thúc ở đây, đầy đủ một dòng dài của trang giấy in khổ A4.",
        "Nơi nhận:", "- Như trên,", "- Lưu VPTU.", "T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn A",
    ]  # fmt: skip


# --- scans: pages without a text layer ------------------------------------------------------------


def _image_pdf(images: list) -> bytes:
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=150, save_all=True, append_images=images[1:])
    return out.getvalue()


def _rasterise(pdf: Path, page: int) -> object:
    from PIL import Image

    require_tool("pdftoppm")
    png = subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", "-png", "-f", str(page), "-l", str(page), str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    return Image.open(io.BytesIO(png))


def test_a_signed_first_page_without_text_is_read_by_ocr_header_included(tmp_path):
    """The usual case: page 1, with the header, is a scan of the stamped copy; the rest has text."""
    require_tool("tesseract")
    page_one = ARTICLE[:5]
    page_two = [ARTICLE[6], ARTICLE[-1]]
    document = party_document([*page_one, "<pagebreak>", *page_two])
    document.running_header = ""
    text_pdf = document.pdf(tmp_path)
    mixed = pdfium.PdfDocument(_image_pdf([_rasterise(text_pdf, 1)]))  # page 1 as a scan
    mixed.import_pages(pdfium.PdfDocument(text_pdf), pages=[1])
    data = io.BytesIO()
    mixed.save(data)

    converted = convert(data.getvalue(), "kh98-ky.pdf")

    assert converted.ocr_pages == 1
    assert converted.warnings == ("đọc bằng OCR (1 trang), nên kiểm tra lại",)
    paragraphs_out = converted.text.split("\n\n")
    ocr = "\n".join(paragraphs_out[: paragraphs_out.index(page_two[0])])
    header = ["TỈNH ỦY ĐỒNG THÁP", "Số 98-KH/TU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Đồng Tháp, ngày 10 tháng 5 năm 2023"]
    assert word_f1(ocr, "\n".join([*header, *page_one]).replace("# ", "").replace("-\n", "-")) >= 0.9
    assert "Trang" not in ocr
    assert paragraphs_out[-2:] == page_two  # the text page after it, as it was
    doc = parse_document("kh98-ky.pdf", data.getvalue())
    assert (doc.symbol, doc.type, doc.issued) == ("98-KH/TU", "Kế hoạch", "2023-05-10")


def test_an_empty_scan_is_refused_with_the_reason():
    require_tool("tesseract")
    from PIL import Image

    blank = Image.new("L", (600, 800), 255)
    with pytest.raises(UnreadableFile, match="OCR"):
        convert(_image_pdf([blank]), "trang-trang.pdf")


def test_without_tesseract_a_scan_gets_a_clear_reason(monkeypatch, tmp_path):
    from PIL import Image

    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UnreadableFile, match="Tesseract"):
        convert(_image_pdf([Image.new("L", (300, 400), 200)]), "scan.pdf")


def _handmade_pdf(media_box: str, image_size: tuple[int, int]) -> bytes:
    """A one-page PDF showing one grey image; the image's data is never read before its size is."""
    w, h = image_size
    objects = [
        "<</Type/Catalog/Pages 2 0 R>>",
        "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        f"<</Type/Page/Parent 2 0 R/MediaBox[{media_box}]/Resources<</XObject<</Im0 4 0 R>>>>/Contents 5 0 R>>",
        f"<</Type/XObject/Subtype/Image/Width {w}/Height {h}/ColorSpace/DeviceGray/BitsPerComponent 8/Length 4>>"
        "\nstream\n\xff\xff\xff\xff\nendstream",
        "<</Length 30>>\nstream\nq 500 0 0 700 0 0 cm /Im0 Do Q\nendstream",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out.encode("latin-1")))
        out += f"{i} 0 obj\n{body}\nendobj\n"
    xref = len(out.encode("latin-1"))
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


def test_a_decompression_bomb_image_is_refused_before_rendering():
    with pytest.raises(UnreadableFile, match="ảnh quá lớn"):
        convert(_handmade_pdf("0 0 595 842", (40000, 40000)), "bom.pdf")


def test_an_absurd_page_size_is_refused():
    with pytest.raises(UnreadableFile, match="khổ giấy bất thường"):
        convert(_handmade_pdf("0 0 14400 14400", (100, 100)), "to.pdf")


# --- files that cannot be read ---------------------------------------------------------------------


def test_an_encrypted_pdf_is_refused_with_the_reason(tmp_path):
    source = tmp_path / "mat.fodt"
    source.write_text(party_document(ARTICLE[:3]).fodt(), encoding="utf-8")
    options = (
        '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"matkhau"}}'
    )
    pdf = soffice_convert(source, f"pdf:writer_pdf_Export:{options}")
    with pytest.raises(UnreadableFile, match="tệp PDF có mật khẩu"):
        convert(pdf.read_bytes(), "mat.pdf")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"PK\x03\x04 this is a zip", "không phải tệp PDF"),
        (b"%PDF-1.7\n1 0 obj\n<</Type/Catalog", "hỏng"),
        (b"", "không phải tệp PDF"),
    ],
)
def test_a_corrupt_pdf_is_refused_with_the_reason(data, reason):
    with pytest.raises(UnreadableFile, match=reason):
        convert(data, "hong.pdf")


def test_a_truncated_download_is_refused(office_pdf):
    data = office_pdf.read_bytes()
    with pytest.raises(UnreadableFile, match="hỏng"):
        convert(data[: len(data) // 3], "dang-tai.pdf")


def test_a_10000_page_pdf_is_refused_quickly_without_reading_its_pages():
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842).close()
    while len(pdf) < 10_000:
        pdf.import_pages(pdf, pages=list(range(min(len(pdf), 10_000 - len(pdf)))))
    data = io.BytesIO()
    pdf.save(data)
    started = time.process_time()
    with pytest.raises(UnreadableFile, match=r"10\.000 trang, quá giới hạn 2\.000 trang"):
        convert(data.getvalue(), "khong-lo.pdf")
    # Reading 10,000 pages would take seconds of CPU; opening the file takes milliseconds. The bound
    # is generous (CPU time, not wall time, so a busy machine does not fail it).
    assert time.process_time() - started < 1.0


# --- the index path: a folder with a PDF and a web page ------------------------------------------


def test_a_folder_with_a_pdf_and_a_web_page_is_indexed_and_answers(tmp_path, office_pdf):
    from tests.test_readers_web import PORTAL_PAGE

    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "kh98.pdf").write_bytes(office_pdf.read_bytes())
    (knowledge / "tin-chi-thi.html").write_text(PORTAL_PAGE, encoding="utf-8")
    engine = SearchEngine.open(knowledge, tmp_path / "cache")
    assert not engine.index.skipped, engine.index.skipped

    hit = engine.search("Đảng viên sinh hoạt nơi cư trú có phải đóng đảng phí không?").hits[0]
    assert hit.passage.doc.path == "kh98.pdf" and hit.passage.doc.symbol == "98-KH/TU"
    assert "đóng đảng phí đầy đủ" in hit.passage.text

    hit = engine.search("Chỉ thị 35 về đại hội đảng bộ các cấp yêu cầu gì về nhân sự?").hits[0]
    assert hit.passage.doc.path == "tin-chi-thi.html" and hit.passage.doc.symbol == "35-CT/TW"
    assert "nhân sự" in hit.passage.text.lower()
