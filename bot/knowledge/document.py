"""The things that flow out of the knowledge folder: documents, their passages, unreadable files."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """One file of the knowledge folder: its metadata and its cleaned text."""

    path: str  # relative to the knowledge folder, with forward slashes
    title: str
    text: str
    symbol: str | None = None  # e.g. "98-KH/TU"
    type: str | None = None  # e.g. "Kế hoạch"
    issuer: str | None = None  # e.g. "Ban Thường vụ Tỉnh ủy"
    issued: str | None = None  # ISO date, e.g. "2023-05-10"
    published: str | None = None
    source: str | None = None
    status: str | None = None
    replaced_by: str | None = None  # front matter: the number of the document that replaces this one
    tags: tuple[str, ...] = ()
    digest: str = ""  # sha256 of the file's bytes: the cache key
    notes: tuple[str, ...] = ()  # what an admin should know about how it was read: "đọc bằng OCR (12 trang)"

    def metadata(self) -> dict:
        """The JSON shape of DESIGN.md's `doc` object (text left out)."""
        return {
            "path": self.path,
            "title": self.title,
            "symbol": self.symbol,
            "type": self.type,
            "issuer": self.issuer,
            "issued": self.issued,
        }


@dataclass(frozen=True)
class Passage:
    """A piece of a document short enough to quote in a chat, with where it sits in the document."""

    doc: Document
    section: tuple[str, ...]  # heading path, outermost first: ("Chương I", "Điều 5", "khoản 1")
    text: str  # what members see; at most MAX_PASSAGE_CHARS
    start: int = 0  # offsets of the passage's first and last line in doc.text
    end: int = 0

    @property
    def section_label(self) -> str:
        return " › ".join(self.section)


class UnreadableFile(Exception):
    """A file we cannot serve; the message is the reason shown to admins, in Vietnamese."""


@dataclass(frozen=True)
class SkippedFile:
    """A file that could not be read, and why, in words an admin understands."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{shown_name(self.path)}: {self.reason}"


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown_name(name: str) -> str:
    """A file name as admins can read it in one line: bytes that are not UTF-8 as \\xNN, line breaks,
    control characters and invisible marks (zero-width, right-to-left) as \\n or \\uXXXX, so a name
    can neither break a report nor pass itself off as another."""
    out = []
    for ch in name:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that os.fsdecode could not decode (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)
