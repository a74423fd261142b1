"""One reader per file format, each turning a file's bytes into the same text.

Every reader returns a `Converted`: text in the cleaner's Markdown dialect (one paragraph or list
item per line, `#` headings where the format knows them, tables as `| a | b |` rows), which the
loader then treats exactly like a `.md` file: front matter, cleaning, metadata, chunking. A reader
raises `UnreadableFile` with a reason an admin understands (encrypted PDF, corrupt zip, empty scan).

Readers are imported on first use, so a bot whose folder holds only Markdown never loads
python-docx or pdfium.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.document import UnreadableFile

# Bump when any reader changes what it produces: conversions are cached under it.
READERS_VERSION = 1

# suffix → module in this package with `read(data: bytes, name: str) -> Converted`
_READERS = {
    ".md": "plain",
    ".markdown": "plain",
    ".txt": "plain",
    ".docx": "word",
    ".doc": "doc",
    ".rtf": "doc",
    ".odt": "doc",
    ".pptx": "slides",
    ".ppt": "slides",
    ".odp": "slides",
    ".xlsx": "spreadsheet",
    ".xls": "spreadsheet",
    ".pdf": "pdf",
    ".jpg": "image",
    ".jpeg": "image",
    ".png": "image",
    ".html": "web",
    ".htm": "web",
}
# Formats that are slow to read (LibreOffice, OCR) or worth keeping converted: their text is cached.
_UNCACHED = {"plain"}


@dataclass(frozen=True)
class Converted:
    """A file as text, with what an admin should know about how it was read."""

    text: str
    warnings: tuple[str, ...] = ()  # Vietnamese, e.g. "đọc bằng OCR (12 trang)"
    ocr_pages: int = 0  # pages whose text came from OCR


def reader_of(name: str) -> str:
    """The reader module for a file name; raises UnreadableFile for a format we do not read."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
    module = _READERS.get(suffix)
    if module is None:
        shown = ", ".join(sorted(_READERS))
        raise UnreadableFile(f"định dạng {suffix or '(không có đuôi)'} chưa được hỗ trợ (hỗ trợ: {shown})")
    return module


def convert(data: bytes, name: str, cache_dir: Path | None = None) -> Converted:
    """The text of a file of any supported format; `name` gives the format by its suffix.

    With `cache_dir`, conversions other than plain text are kept under it by the file's contents
    and READERS_VERSION, so a scan is OCR'd once and not again when only the search code changes.
    """
    module = reader_of(name)
    if cache_dir is None or module in _UNCACHED:
        return importlib.import_module(f"{__name__}.{module}").read(data, name)
    from bot.knowledge.readers import cache

    found = cache.load(cache_dir, data, module)
    if found is None:
        found = importlib.import_module(f"{__name__}.{module}").read(data, name)
        cache.save(cache_dir, data, module, found)
    return found
