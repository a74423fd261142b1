"""Image files (.jpg, .png) of a scanned page: read with OCR as a scanned PDF page, header included;
pictures that are no page, or that would decompress into gigabytes, are refused with the reason."""

from __future__ import annotations

import io
import struct
import zlib

import pytest

from bot.evaluation import word_f1
from bot.knowledge.document import UnreadableFile
from bot.knowledge.loader import parse_document
from bot.knowledge.readers import convert
from bot.knowledge.readers.image import pixel_size
from tests.office_fixtures import require_tool
from tests.test_readers_pdf import ARTICLE, _rasterise, party_document


@pytest.fixture(scope="module")
def page_image(tmp_path_factory):
    """Page 1 of a printed plan (header table, title, numbered paragraphs) at 150 dpi, grey."""
    require_tool("tesseract")
    document = party_document(ARTICLE[:5])
    document.running_header = ""
    return _rasterise(document.pdf(tmp_path_factory.mktemp("image")), 1)


@pytest.mark.parametrize("kind", ["JPEG", "PNG"])
def test_a_scanned_page_saved_as_an_image_is_read_with_its_header(page_image, kind):
    out = io.BytesIO()
    page_image.save(out, kind)
    name = f"kh98-ky.{'jpg' if kind == 'JPEG' else 'png'}"

    converted = convert(out.getvalue(), name)

    assert converted.warnings == ("đọc ảnh bằng OCR, nên kiểm tra lại",)
    header = ["TỈNH ỦY ĐỒNG THÁP", "Số 98-KH/TU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Đồng Tháp, ngày 10 tháng 5 năm 2023"]
    expected = "\n".join([*header, *ARTICLE[:5]]).replace("# ", "").replace("-\n", "-")
    assert word_f1(converted.text, expected) >= 0.9
    doc = parse_document(name, out.getvalue())
    assert (doc.symbol, doc.type, doc.issued) == ("98-KH/TU", "Kế hoạch", "2023-05-10")


def _png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def test_sizes_are_read_from_the_header_and_odd_pictures_are_refused(page_image):
    out = io.BytesIO()
    page_image.save(out, "JPEG")
    assert pixel_size(out.getvalue()) == page_image.size
    assert pixel_size(_png_header(1240, 1754)) == (1240, 1754)
    with pytest.raises(UnreadableFile, match="ảnh quá lớn"):
        convert(_png_header(100_000, 100_000), "bom.png")  # a few bytes that would be 10 GB of pixels
    with pytest.raises(UnreadableFile, match="ảnh nhỏ quá"):
        convert(_png_header(120, 60), "logo.png")
    with pytest.raises(UnreadableFile, match="không phải ảnh JPEG/PNG"):
        convert(b"GIF89a not a page", "trang.jpg")
    with pytest.raises(UnreadableFile, match="không phải ảnh JPEG/PNG"):
        convert(b"\xff\xd8\xff\xe0\x00\x10JFIF", "cut.jpg")  # cut before its size


def test_an_albums_pages_must_be_jpeg_pages(page_image):
    from bot.knowledge.readers.image import album_pdf

    jpeg, png = io.BytesIO(), io.BytesIO()
    page_image.save(jpeg, "JPEG")
    page_image.save(png, "PNG")
    with pytest.raises(UnreadableFile, match="ảnh trang 2 không phải JPEG"):
        album_pdf([jpeg.getvalue(), png.getvalue()])
    with pytest.raises(UnreadableFile, match="ảnh trang 1 nhỏ quá"):
        small = io.BytesIO()
        page_image.resize((300, 400)).save(small, "JPEG")
        album_pdf([small.getvalue()])
