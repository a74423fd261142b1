"""Pages without a text layer (scans of signed copies) read with Tesseract's Vietnamese model.

Each page is rendered by PDFium at 300 dpi in grey and handed to the `tesseract` program on its
standard input; its TSV output gives every word's box, so OCR'd pages go through the same layout
as text pages (two-column header, page numbers, wrapped lines). We call the program directly
rather than through pytesseract (which does the same with temporary files): one subprocess call
with a time limit, and a clear reason when the program or its `vie` model is missing.
"""

from __future__ import annotations

import csv
import io
import os
import statistics
import subprocess
import sys

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from tqdm import tqdm

from bot.knowledge.document import UnreadableFile
from bot.knowledge.readers.layout import Page, Segment

DPI = 300
MIN_DPI = 150
MAX_RENDER_PIXELS = 40_000_000  # an A2 page at 300 dpi; larger pages are rendered at a lower dpi
MAX_IMAGE_PIXELS = 150_000_000  # an embedded image larger than this is a decompression bomb, not a scan
PAGE_TIMEOUT = 180  # seconds of OCR for one page
PHOTO_TIMEOUT = 30  # seconds of OCR for a photo sent in a chat: a member is waiting
LANGUAGE = "vie"


def read_pages(pdf: pdfium.PdfDocument, numbers: list[int], name: str) -> list[Page]:
    """OCR of the given pages (0-based), in order, with a progress bar on a terminal."""
    bar = tqdm(
        numbers, desc=f"OCR {name.rsplit('/', 1)[-1]}", unit="trang", disable=not sys.stderr.isatty(), leave=False
    )
    out = []
    for number in bar:
        page = pdf[number]
        try:
            out.append(read_page(page, number))
        finally:
            page.close()
    return out


def read_page(page: pdfium.PdfPage, number: int) -> Page:
    width, height = page.get_size()
    _check_images(page, number)
    scale = _scale(width, height, number)
    image = _grey(page, scale)
    words = _tesseract(image, number)
    return Page(width, height, _segments(words, scale, height))


def read_image(image: bytes, width: int, height: int, page_width: float) -> Page:
    """A page scanned or photographed into an image file (.jpg, .png) of `width` × `height` pixels,
    laid out as if printed `page_width` points wide: the layout's thresholds are in points."""
    scale = width / page_width
    page_height = height / scale
    return Page(page_width, page_height, _segments(_tesseract(image, 0), scale, page_height))


def read_photo(image: bytes) -> list[str]:
    """The paragraphs of text in a photo (a screenshot of a contest question or of a message, a
    phone photo of a page), top to bottom, each on one line. Telegram sends photos as JPEG, which
    Tesseract decodes itself."""
    paragraphs: dict[tuple, list[str]] = {}
    for word in _tesseract(image, 0, PHOTO_TIMEOUT):
        paragraphs.setdefault((word["block_num"], word["par_num"]), []).append(word["text"])
    return [" ".join(words) for words in paragraphs.values()]


def _check_images(page: pdfium.PdfPage, number: int) -> None:
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        w, h = obj.get_px_size()
        if w * h > MAX_IMAGE_PIXELS:
            raise UnreadableFile(f"trang {number + 1} chứa ảnh quá lớn ({w} × {h} điểm ảnh), không đọc được")


def _scale(width: float, height: float, number: int) -> float:
    """Pixels per point: 300 dpi, less for very large pages; a page too large even at 150 dpi is refused."""
    for dpi in (DPI, 200, MIN_DPI):
        scale = dpi / 72
        if width * scale * height * scale <= MAX_RENDER_PIXELS:
            return scale
    cm = lambda points: f"{points / 72 * 2.54:.0f}"  # noqa: E731
    raise UnreadableFile(f"trang {number + 1} có khổ giấy bất thường ({cm(width)} × {cm(height)} cm), không đọc được")


def _grey(page: pdfium.PdfPage, scale: float) -> bytes:
    """The page as a binary PGM image, which Tesseract (leptonica) reads from standard input."""
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        pixels = bitmap.to_numpy()
    finally:
        bitmap.close()
    if pixels.ndim == 3:
        pixels = pixels[:, :, :3].mean(axis=2).astype(np.uint8) if pixels.shape[2] > 1 else pixels[:, :, 0]
    h, w = pixels.shape
    return f"P5\n{w} {h}\n255\n".encode() + np.ascontiguousarray(pixels, dtype=np.uint8).tobytes()


def _tesseract(image: bytes, number: int, timeout: int = PAGE_TIMEOUT) -> list[dict]:
    """The words Tesseract finds, as rows of its TSV output."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one thread per page: the machine is shared
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--psm", "3", "tsv"],
            input=image,
            capture_output=True,
            timeout=timeout,
            env=env,
        )
    except FileNotFoundError as e:
        raise UnreadableFile(
            "tệp PDF là bản quét (không có lớp chữ) nhưng máy chủ chưa cài Tesseract OCR "
            "(gói tesseract-ocr, tesseract-ocr-vie)"
        ) from e
    except subprocess.TimeoutExpired as e:
        raise UnreadableFile(f"OCR trang {number + 1} quá {timeout} giây, đã dừng") from e
    if done.returncode:
        error = done.stderr.decode("utf-8", "replace")
        if "Failed loading language" in error or "Error opening data file" in error:
            raise UnreadableFile("máy chủ chưa có dữ liệu tiếng Việt cho Tesseract OCR (gói tesseract-ocr-vie)")
        raise UnreadableFile(
            f"OCR trang {number + 1} lỗi: {error.strip().splitlines()[-1] if error.strip() else done.returncode}"
        )
    rows = csv.DictReader(io.StringIO(done.stdout.decode("utf-8", "replace")), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [
        r for r in rows if r.get("level") == "5" and (r.get("text") or "").strip() and float(r.get("conf") or -1) >= 0
    ]


def _segments(words: list[dict], scale: float, page_height: float) -> list[Segment]:
    """Tesseract's lines as segments in PDF points, split where a line has a wide gap (two columns)."""
    lines: dict[tuple, list[dict]] = {}
    for w in words:
        lines.setdefault((w["block_num"], w["par_num"], w["line_num"]), []).append(w)
    out = []
    for line in lines.values():
        boxes = sorted((int(w["left"]), int(w["top"]), int(w["width"]), int(w["height"]), w["text"]) for w in line)
        height = statistics.median(b[3] for b in boxes)
        run: list[tuple] = [boxes[0]]
        for box in boxes[1:]:
            previous = run[-1]
            if box[0] - (previous[0] + previous[2]) > 3 * height:
                out.append(_segment(run, scale, page_height))
                run = []
            run.append(box)
        out.append(_segment(run, scale, page_height))
    return out


def _segment(boxes: list[tuple], scale: float, page_height: float) -> Segment:
    left = min(b[0] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    top = min(b[1] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    return Segment(
        text=" ".join(b[4] for b in boxes),
        left=left / scale,
        right=right / scale,
        top=page_height - top / scale,
        bottom=page_height - bottom / scale,
    )
