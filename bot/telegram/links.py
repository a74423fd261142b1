"""Deep links to documents: https://t.me/<bot>?start=vb-<key>, for sharing in a group or a printed plan.

A document's key is its number in Latin letters ("98-KH/TU" → "98-KH-TU"), so a link printed today
still opens the document after its file is corrected; documents without a number, or sharing one,
are told apart by the short hash of the file (`bot.library.document_ref`). Telegram allows 64
characters of A-Za-z0-9_- in a start parameter.
"""

from __future__ import annotations

import re

from bot.library import Library
from bot.vietnamese import fold

PREFIX = "vb-"
MAX_PARAMETER = 64
_NOT_ALLOWED = re.compile(r"[^A-Za-z0-9_-]+")


def _symbol_key(symbol: str) -> str:
    return _NOT_ALLOWED.sub("-", fold(symbol)).strip("-")[: MAX_PARAMETER - len(PREFIX) - 11]


def document_keys(library: Library) -> list[str]:
    """The key of every document, in the library's order."""
    bases = [_symbol_key(d.symbol) if d.symbol else "" for d in library.documents]
    counts: dict[str, int] = {}
    for base in bases:
        counts[base] = counts.get(base, 0) + 1
    return [
        base if base and counts[base] == 1 else (f"{base}-{ref}" if base else ref)
        for base, ref in zip(bases, library.refs, strict=True)
    ]


def document_key(library: Library, doc: int) -> str:
    return document_keys(library)[doc]


def find_by_key(library: Library, key: str) -> int | None:
    if not key or len(key) > MAX_PARAMETER - len(PREFIX) or _NOT_ALLOWED.search(key):
        return None
    keys = document_keys(library)
    if key in keys:
        return keys.index(key)
    # a document whose file changed since the link was made: same number, new hash
    base = key.rsplit("-", 1)[0] if "-" in key else ""
    matches = [i for i, k in enumerate(keys) if base and k.rsplit("-", 1)[0] == base]
    return matches[0] if len(matches) == 1 else None


def start_parameter(library: Library, doc: int) -> str:
    return PREFIX + document_key(library, doc)


def document_link(bot_username: str | None, library: Library, doc: int) -> str | None:
    if not bot_username:
        return None
    return f"https://t.me/{bot_username}?start={start_parameter(library, doc)}"
