"""Document numbers ("số ký hiệu"): how Party and state documents are numbered and how members say them.

A Party document is numbered `<số>-<loại>/<cơ quan>` ("98-KH/TU", "21-NQ/TW", "45-HD/BTCTW");
a state document `<số>/<năm>/<loại>-<cơ quan>` ("13/2023/NĐ-CP") or `<số>/<loại>-<cơ quan>`
("71/NQ-CP"). Members write "QĐ 294", "quy dinh 294", "NQ21" or "nghị quyết số 21": all of these
name the pair (type code, number), which is what we match on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.vietnamese import fold

# Type code → the document type it names. QĐ is both "Quy định" and "Quyết định"; the type
# heading of the document itself decides which (see metadata.py).
TYPE_NAMES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quy định",
    "KL": "Kết luận",
    "KH": "Kế hoạch",
    "HD": "Hướng dẫn",
    "CT": "Chỉ thị",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "CV": "Công văn",
    "CTR": "Chương trình",
    "QC": "Quy chế",
    "TTR": "Tờ trình",
    "ĐA": "Đề án",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "CĐ": "Công điện",
}

# Spoken names → type code, as members type them (the folded forms are added below).
_SPOKEN = {
    "nghị quyết": "NQ",
    "quy định": "QĐ",
    "quyết định": "QĐ",
    "kết luận": "KL",
    "kế hoạch": "KH",
    "hướng dẫn": "HD",
    "chỉ thị": "CT",
    "thông báo": "TB",
    "báo cáo": "BC",
    "công văn": "CV",
    "chương trình": "CTR",
    "quy chế": "QC",
    "tờ trình": "TTR",
    "đề án": "ĐA",
    "nghị định": "NĐ",
    "thông tư": "TT",
    "công điện": "CĐ",
}
SPOKEN_TYPES = {**_SPOKEN, **{fold(k): v for k, v in _SPOKEN.items()}}
_CODES = {**{c: c for c in TYPE_NAMES}, **{fold(c): c for c in TYPE_NAMES}}

_UP = "A-ZĐ"
PARTY_SYMBOL = re.compile(
    rf"(?<![\w/-])(?P<num>\d{{1,5}}[a-z]?)\s?[-–]\s?(?P<type>[{_UP}][{_UP}a-z]{{0,4}})"
    rf"\s?/\s?(?P<issuer>[{_UP}][{_UP}0-9]{{0,11}}(?:-[{_UP}0-9]{{1,10}})?)(?![\w/])"
)
STATE_SYMBOL = re.compile(
    rf"(?<![\w/-])(?P<num>\d{{1,5}})/(?:(?P<year>(?:19|20)\d\d)/)?(?P<type>[{_UP}]{{1,5}})"
    rf"-(?P<issuer>[{_UP}][{_UP}a-z0-9]{{0,11}}(?:-[{_UP}0-9]{{1,10}})?)(?![\w/])"
)

# "QĐ 294", "quy dinh so 294", "NQ21", "nghị quyết số 21-NQ/TW" in a member's question.
_TYPE_ALTERNATIVES = "|".join(
    sorted({re.escape(k) for k in SPOKEN_TYPES} | {re.escape(k.lower()) for k in _CODES}, key=len, reverse=True)
)
SPOKEN_REFERENCE = re.compile(
    rf"(?<!\w)(?P<type>{_TYPE_ALTERNATIVES})\s?[-–]?\s?(?:số\s|so\s|s[ốo]\.?\s?)?(?P<num>\d{{1,5}})(?![\d.,]\d)",
    re.IGNORECASE,
)
# "57 NQ TW", "296 qd tw": a full number typed without its "-" and "/"; the issuer after the type
# code tells it from a count ("2 BC").
_CODE_ALTERNATIVES = "|".join(sorted({re.escape(k.lower()) for k in _CODES}, key=len, reverse=True))
NUMBER_FIRST_REFERENCE = re.compile(
    rf"(?<![\w/.,-])(?P<num>\d{{1,5}})\s(?P<type>{_CODE_ALTERNATIVES})\s(?:tw|tư|tu|bct|bbt|vptw|đu|du|hu|thu)(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Symbol:
    """A document number as written, and the (type code, number) pair it names."""

    text: str  # as written, e.g. "98-KH/TU"
    type: str  # canonical type code, e.g. "KH"
    number: str  # e.g. "98"

    @property
    def key(self) -> str:
        """The token that joins every way of writing this number: "kh#98"."""
        return reference_key(self.type, self.number)


def reference_key(type_code: str, number: str) -> str:
    return f"{type_code.lower()}#{number.lstrip('0') or '0'}"


def canonical_type(code: str) -> str | None:
    code = code.upper()
    return _CODES.get(code) or _CODES.get(fold(code))


def find_symbols(text: str) -> list[tuple[int, int, Symbol]]:
    """Document numbers written in full in `text`, with their spans, in order."""
    found = []
    for pattern in (PARTY_SYMBOL, STATE_SYMBOL):
        for m in pattern.finditer(text):
            code = canonical_type(m.group("type")) or m.group("type").upper()
            found.append((m.start(), m.end(), Symbol(re.sub(r"\s", "", m.group(0)), code, m.group("num"))))
    found.sort(key=lambda f: f[0])
    return found


def find_references(text: str) -> list[tuple[int, int, str]]:
    """(type code, number) keys that a question names in any spoken form, with their spans."""
    refs = [(s, e, sym.key) for s, e, sym in find_symbols(text)]
    taken = [(s, e) for s, e, _ in refs]
    mentions = [*SPOKEN_REFERENCE.finditer(text), *NUMBER_FIRST_REFERENCE.finditer(text)]
    for m in sorted(mentions, key=lambda m: m.start()):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        spoken = m.group("type").lower()
        code = SPOKEN_TYPES.get(spoken) or canonical_type(spoken)
        if code:
            refs.append((m.start(), m.end(), reference_key(code, m.group("num"))))
            taken.append((m.start(), m.end()))
    refs.sort()
    return refs
