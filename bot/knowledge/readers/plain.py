"""Markdown and plain-text files: decoded as UTF-8 (or a legacy Vietnamese encoding), everything
else is the cleaner's job."""

from __future__ import annotations

import codecs

from bot.knowledge.document import UnreadableFile
from bot.knowledge.readers import Converted, legacy


def read(data: bytes, name: str) -> Converted:
    try:
        text = decode(data)
    except UnreadableFile:
        found = legacy.decode_bytes(data) if data.strip() and b"\x00" not in data[:8192] else None
        if found is None:
            raise
        return Converted(found[0], (_legacy_note(found[1]),))
    found = legacy.guess(text)  # UTF-8 that holds TCVN3/VNI letters read as Latin-1
    if found:
        return Converted(found[0], (_legacy_note(found[1]),))
    return Converted(text)


def _legacy_note(encoding: str) -> str:
    return f"chữ mã {legacy.NAMES[encoding]} đã được chuyển sang Unicode"


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
