"""A page scanned or photographed into an image file (.jpg, .png): read with OCR as a scanned PDF's
page is (`ocr.py`, `layout.py`), header and all.

Offices keep one-page documents (a notice, a conclusion) as the picture a phone scanner app or a
copier saved. The image's size is read from its header before Tesseract decodes it: a small file
can declare a gigantic picture (a decompression bomb), and icons and logos are no page.
"""

from __future__ import annotations

import io
import struct

import pypdfium2 as pdfium

from bot.knowledge.document import UnreadableFile
from bot.knowledge.readers import Converted
from bot.knowledge.readers.layout import paragraphs

MIN_SIDE = 400  # pixels: a smaller picture is an icon or a logo, not a page one could read
MAX_PIXELS = 40_000_000  # an A2 page at 300 dpi, as for PDF pages
A4_WIDTH = 595.0  # points
_PNG = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers (baseline, progressive, …): they carry the picture's size
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def read(data: bytes, name: str) -> Converted:
    width, height = pixel_size(data)
    if min(width, height) < MIN_SIDE:
        raise UnreadableFile(f"ảnh nhỏ quá ({width} × {height} điểm ảnh) để đọc chữ; hãy quét hoặc chụp văn bản rõ hơn")
    if width * height > MAX_PIXELS:
        raise UnreadableFile(f"ảnh quá lớn ({width} × {height} điểm ảnh), không đọc được")
    from bot.knowledge.readers import ocr  # Tesseract is needed only here and for scans

    text = "\n\n".join(paragraphs([ocr.read_image(data, width, height, A4_WIDTH)]))
    if not text.strip():
        raise UnreadableFile(
            "ảnh không nhận ra được chữ nào bằng OCR; hãy quét lại rõ hơn hoặc gửi bản Word/PDF có chữ"
        )
    return Converted(text, ("đọc ảnh bằng OCR, nên kiểm tra lại",), ocr_pages=1)


def album_pdf(pages: list[bytes]) -> bytes:
    """The pages of a document photographed or scanned a JPEG per page (an album sent at once), as
    one PDF of scanned pages, each as wide as A4: the PDF reader then OCRs them in order and drops
    what repeats on every page, as for a scanner's PDF. PDF embeds JPEG as it is (no decoding)."""
    pdf = pdfium.PdfDocument.new()
    try:
        for number, data in enumerate(pages, 1):
            if not data.startswith(b"\xff\xd8"):
                raise UnreadableFile(f"ảnh trang {number} không phải JPEG")
            width, height = page_size(data, number)
            page_height = height * A4_WIDTH / width
            page = pdf.new_page(A4_WIDTH, page_height)
            image = pdfium.PdfImage.new(pdf)
            image.load_jpeg(io.BytesIO(data), pages=[page])
            image.set_matrix(pdfium.PdfMatrix().scale(A4_WIDTH, page_height))
            page.insert_obj(image)
            page.gen_content()
            page.close()
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
    finally:
        pdf.close()


def page_size(data: bytes, number: int | None = None) -> tuple[int, int]:
    """(width, height) of an image that can be a page: refused when it is a logo or a bomb."""
    width, height = pixel_size(data)
    which = f"ảnh trang {number}" if number else "ảnh"
    if min(width, height) < MIN_SIDE:
        raise UnreadableFile(
            f"{which} nhỏ quá ({width} × {height} điểm ảnh) để đọc chữ; hãy quét hoặc chụp văn bản rõ hơn"
        )
    if width * height > MAX_PIXELS:
        raise UnreadableFile(f"{which} quá lớn ({width} × {height} điểm ảnh), không đọc được")
    return width, height


def pixel_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's or a JPEG's header."""
    if data.startswith(_PNG) and data[12:16] == b"IHDR":
        return struct.unpack(">II", data[16:24])
    if data.startswith(b"\xff\xd8"):
        position = 2
        while position + 9 <= len(data):
            if data[position] != 0xFF:
                break
            marker = data[position + 1]
            if marker == 0xFF:  # fill byte
                position += 1
                continue
            if marker in _SOF:
                height, width = struct.unpack(">HH", data[position + 5 : position + 9])
                return width, height
            position += 2 + struct.unpack(">H", data[position + 2 : position + 4])[0]
    raise UnreadableFile("tệp ảnh hỏng hoặc không phải ảnh JPEG/PNG")
