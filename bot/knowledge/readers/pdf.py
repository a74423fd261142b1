"""PDF files: the text layer read with PDFium (pypdfium2), pages without one read by OCR.

pypdfium2 (Apache-2.0/BSD-3, Chromium's PDF engine, maintained) opens a file without reading every
page, so a 10,000-page file is refused at once, and gives each line's box, which the layout needs
to tell a running header from a heading and a wrapped line from a paragraph's end. It also renders
pages for OCR. (PyMuPDF is AGPL; pdfminer.six is MIT but pure Python and ~50× slower.)
"""

from __future__ import annotations

import ctypes
import threading
from typing import cast

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from bot.knowledge.document import UnreadableFile
from bot.knowledge.readers import Converted
from bot.knowledge.readers.layout import SOFT_HYPHEN, Page, Segment, paragraphs

MAX_PAGES = 2000
# PDFium reports a hyphen it takes for a word break at a line end as U+0002 or U+FFFE. The glyph was
# printed, and Vietnamese is never hyphenated inside a syllable, so it is the text's own hyphen
# ("24/KH-⏎UBND", "Mác-⏎Lênin"), kept; only a real soft hyphen (U+00AD) is dropped.
_BOLD_NAMES = ("bold", "black", "heavy")
_PDFIUM_HYPHENS = str.maketrans({"\x02": "-", "\ufffe": "-"})
# A page "has text" when its text layer holds this many letters and they are mostly real ones:
# a scan with a stray OCR'd page number, or a font without a Unicode map (boxes, private-use
# code points), is read by OCR instead.
MIN_LETTERS = 20
MIN_READABLE_SHARE = 0.85
# PDFium is not thread-safe, and one process may read two PDFs at once: an admin's upload (a worker
# thread) while a reload builds a small folder in another thread. One at a time, then.
_PDFIUM = threading.Lock()


def read(data: bytes, name: str) -> Converted:
    with _PDFIUM:
        pages, scanned = _pages(data, name)
    # Blank lines between paragraphs: the cleaner then leaves the reader's paragraphs as they are.
    text = "\n\n".join(paragraphs(pages))
    if not text.strip():
        if scanned:
            raise UnreadableFile(
                f"bản quét ({len(scanned)} trang) không nhận ra được chữ nào bằng OCR; "
                "hãy quét lại rõ hơn hoặc gửi bản Word/PDF có chữ"
            )
        raise UnreadableFile("tệp PDF không có chữ (các trang trống)")
    warnings = (f"đọc bằng OCR ({len(scanned)} trang), nên kiểm tra lại",) if scanned else ()
    return Converted(text, warnings, ocr_pages=len(scanned))


def _pages(data: bytes, name: str) -> tuple[list[Page], list[int]]:
    """Each page laid out from its text layer, or by OCR when it has none; the OCR'd page numbers."""
    pdf = open_pdf(data)
    try:
        count = len(pdf)
        if count == 0:
            raise UnreadableFile("tệp PDF không có trang nào")
        if count > MAX_PAGES:
            raise UnreadableFile(
                f"tệp PDF có {_thousands(count)} trang, quá giới hạn {_thousands(MAX_PAGES)} trang; "
                "hãy tách thành các tệp nhỏ hơn"
            )
        pages, scanned = _text_layer(pdf)
        if scanned:
            from bot.knowledge.readers import ocr  # Tesseract is needed only for scans

            for number, page in zip(scanned, ocr.read_pages(pdf, scanned, name), strict=False):
                pages[number] = page
    finally:
        pdf.close()
    return cast(list[Page], pages), scanned  # OCR filled every page the text layer left empty


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """The document, or the reason it cannot be opened, in words an admin understands."""
    if b"%PDF" not in data[:1024]:
        raise UnreadableFile("không phải tệp PDF (thiếu phần đầu %PDF); tệp hỏng hoặc sai đuôi")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if e.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise UnreadableFile("tệp PDF có mật khẩu; hãy gửi bản không đặt mật khẩu") from e
        if e.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise UnreadableFile("tệp PDF được mã hóa theo cách không hỗ trợ; hãy gửi bản không mã hóa") from e
        raise UnreadableFile("tệp PDF bị hỏng, không mở được (có thể tải về chưa hết)") from e


def _text_layer(pdf: pdfium.PdfDocument) -> tuple[list[Page | None], list[int]]:
    """Each page's text segments, and the numbers of the pages that need OCR."""
    pages: list[Page | None] = []
    scanned: list[int] = []
    for number in range(len(pdf)):
        page = pdf[number]
        try:
            width, height = page.get_size()
            segments = _segments(page)
            if _usable(segments):
                pages.append(Page(width, height, segments))
            else:
                pages.append(Page(width, height, []))
                if _has_marks(page):
                    scanned.append(number)
        finally:
            page.close()
    return pages, scanned


def _segments(page: pdfium.PdfPage) -> list[Segment]:
    textpage = page.get_textpage()
    try:
        out = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top)
            text = text.replace("\r", "").replace("\n", " ").translate(_PDFIUM_HYPHENS)
            text = "".join(c for c in text if c.isprintable() or c == SOFT_HYPHEN)
            if text.strip():
                out.append(Segment(text, left, bottom, right, top, _bold(textpage, left, bottom, right, top)))
        return out
    finally:
        textpage.close()


def _bold(textpage: pdfium.PdfTextPage, left: float, bottom: float, right: float, top: float) -> bool:
    """Whether a run is set in a bold font, judged on three of its characters. The font's name says
    it ("TimesNewRomanPS-BoldMT", "LiberationSerif-Bold"): exported PDFs rarely set its weight."""
    middle = (bottom + top) / 2
    for x in (left + 0.2 * (right - left), (left + right) / 2, right - 0.2 * (right - left)):
        index = pdfium_c.FPDFText_GetCharIndexAtPos(textpage.raw, x, middle, 2.0, 2.0)
        if index < 0:
            continue
        name = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, name, len(name), ctypes.byref(flags))
        font = name.value.decode("latin-1").lower()
        weight = pdfium_c.FPDFText_GetFontWeight(textpage.raw, index)
        if not (any(w in font for w in _BOLD_NAMES) or weight >= 600):
            return False
    return True


def _usable(segments: list[Segment]) -> bool:
    text = "".join(s.text for s in segments)
    letters = sum(c.isalpha() for c in text)
    odd = sum(c == "\ufffd" or "\ue000" <= c <= "\uf8ff" for c in text)
    return letters >= MIN_LETTERS and letters / max(letters + odd, 1) >= MIN_READABLE_SHARE


def _has_marks(page: pdfium.PdfPage) -> bool:
    """Whether a page without text shows anything (an image, or drawn glyphs) worth OCR."""
    paths = 0
    for obj in page.get_objects(max_depth=3):
        if obj.type in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_TEXT):
            return True
        paths += obj.type == pdfium_c.FPDF_PAGEOBJ_PATH
        if paths >= 50:  # glyphs drawn as outlines; a rule or a frame alone is not text
            return True
    return False


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # Vietnamese groups digits with dots: 10.000
