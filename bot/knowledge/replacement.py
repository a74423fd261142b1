"""Which documents of the folder have been replaced or repealed, and by what.

A Party document says so in its closing article: "Quy định này thay thế Quy định số 24-QĐ/TW
ngày …", "Hướng dẫn này có hiệu lực kể từ ngày ký và thay thế các Hướng dẫn số 16-HD/BTCTW …,
21-HD/BTCTW …", "Bãi bỏ Quyết định số …", "Quy định số … hết hiệu lực". Only a document with a
number of its own counts as saying it (news pages and Q&A articles quote such sentences about
other documents), and it must not be older than what it replaces. An admin can say it in the
front matter instead: `replaced_by: 294-QĐ/TW`, `status: hết hiệu lực`; `replaced_by: không`
keeps a document current whatever other files say about it. (`status: hiệu lực` does not: it is
what a file said when it was written, and the template admins copy says it.)

`resolve` is a pure function of the list of documents; the engine calls it once per index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.document import Document
from bot.knowledge.symbols import find_symbols
from bot.vietnamese import fold

# "<type> này" before "thay thế": the sentence is about the document that contains it.
_THIS_DOCUMENT = re.compile(
    r"(?:quy định|quyết định|hướng dẫn|chỉ thị|nghị quyết|kết luận|kế hoạch|thông báo|thông tri|điều lệ|"
    r"quy chế|chương trình|thông tư|nghị định|văn bản)\s*này",
    re.IGNORECASE,
)
_VERB = re.compile(r"thay\s+thế|bãi\s+bỏ|hết\s+hiệu\s+lực", re.IGNORECASE)
_SENTENCE_END = re.compile(r"\n|;|\.(?=\s)")
WINDOW = 300  # characters looked at on either side of the verb, within its sentence

_EXPIRED = ("het hieu luc", "bi thay the", "da thay the", "bai bo", "khong con hieu luc")
_NOT_REPLACED = {"khong", "khong co", "none", "no", "-", "false"}


@dataclass(frozen=True)
class Replacement:
    """Why a document is no longer current: its successor's number when known."""

    successor: str | None  # e.g. "294-QĐ/TW"; None: repealed or expired, no successor named
    by_front_matter: bool = False


def normal_symbol(text: str | None) -> str | None:
    """A document number in one spelling ("294 - QĐ/TW" → "294-QĐ/TW"), or None if it is not one."""
    found = find_symbols(text or "")
    return found[0][2].text.upper() if found else None


def replaced_symbols(text: str) -> list[str]:
    """Numbers of the documents that `text` says it replaces or repeals, in order of mention."""
    out: list[str] = []
    for verb in _VERB.finditer(text):
        start, end = _sentence_around(text, verb.start(), verb.end())
        kind = fold(verb.group(0).lower()).split()[0]
        if kind == "thay":
            # "Quy định này (có hiệu lực … và) thay thế <numbers>"
            if not _THIS_DOCUMENT.search(text, start, verb.start()):
                continue
            found = find_symbols(text[verb.end() : end])
        elif kind == "bai":  # "Bãi bỏ <numbers>"
            found = find_symbols(text[verb.end() : end])
        else:  # "<numbers> … hết hiệu lực"
            found = find_symbols(text[start : verb.start()])
        for _, _, symbol in found:
            number = symbol.text.upper()
            if number not in out:
                out.append(number)
    return out


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - WINDOW)
    ends_before = list(_SENTENCE_END.finditer(text, lo, start))
    begin = ends_before[-1].end() if ends_before else lo
    after = _SENTENCE_END.search(text, end, min(len(text), end + WINDOW))
    return begin, after.start() if after else min(len(text), end + WINDOW)


def resolve(documents: list[Document]) -> dict[int, Replacement]:
    """Document index → how it was replaced, for every document that no longer applies."""
    by_symbol: dict[str, list[int]] = {}
    for i, doc in enumerate(documents):
        number = normal_symbol(doc.symbol)
        if number:
            by_symbol.setdefault(number, []).append(i)
    out: dict[int, Replacement] = {}
    for doc in documents:
        own = normal_symbol(doc.symbol)
        if not own:
            continue  # a page without a number of its own is quoting, not deciding
        for number in replaced_symbols(doc.text):
            for target in by_symbol.get(number, []):
                old = documents[target]
                if number == own or (old.issued and doc.issued and old.issued > doc.issued):
                    continue
                out.setdefault(target, Replacement(doc.symbol))
    for i, doc in enumerate(documents):
        status = fold((doc.status or "").lower())
        if doc.replaced_by and fold(doc.replaced_by.lower()).strip() in _NOT_REPLACED:
            out.pop(i, None)
        elif doc.replaced_by:
            out[i] = Replacement(doc.replaced_by, by_front_matter=True)
        elif any(word in status for word in _EXPIRED):
            out[i] = Replacement(out[i].successor if i in out else None, by_front_matter=True)
    return out
