"""Markdown and plain-text files: decoded as UTF-8, everything else is the cleaner's job."""

from __future__ import annotations

import codecs

from bot.knowledge.document import UnreadableFile
from bot.knowledge.readers import Converted


def read(data: bytes, name: str) -> Converted:
    return Converted(decode(data))


def decode(data: bytes) -> str:
    if not data.strip():
        raise UnreadableFile("tệp rỗng")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Windows Notepad's "Unicode": UTF-16 with a byte-order mark (full of NUL bytes, yet text).
        # Bytes that only start like it (and do not decode to NUL-free text) are binary, below.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = "\x00"
        if "\x00" not in text:
            if not text.strip():
                raise UnreadableFile("tệp rỗng")
            return text
    if b"\x00" in data[:8192]:
        raise UnreadableFile("tệp nhị phân, không phải văn bản (.md/.txt)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UnreadableFile(
            f"không phải mã hóa UTF-8 (byte lỗi ở vị trí {e.start}); hãy lưu lại tệp với mã hóa UTF-8"
        ) from e
