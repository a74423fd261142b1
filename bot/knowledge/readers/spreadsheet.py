"""Excel `.xlsx`: each visible sheet as a table, in the loader's Markdown dialect.

Offices keep lists and, above all, quiz banks for Party contests in Excel (a row per question:
"Câu hỏi | A | B | C | D | Đáp án"); bot.quiz.sheet reads such a table as a bank. A sheet becomes
`## <sheet name>` and its rows `| a | b |` (empty rows and trailing empty cells left out); a first
row of one cell ("BỘ CÂU HỎI TÌM HIỂU …") is the document's title. Cells are read as Excel shows
their value: shared strings, inline strings, numbers and formulas' cached results; dates are left
as the serial numbers Excel stores. The package is checked as Word's is; an old binary `.xls` is
refused with what to do instead.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import zipfile

from lxml import etree

from bot.knowledge.document import UnreadableFile
from bot.knowledge.readers import Converted
from bot.knowledge.readers.word import OLE_MAGIC, REL_NS, office_zip, part_xml

KIND = ".xlsx"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MAX_CELLS = 200_000  # a sheet of a million formatted empty cells is no document
_COLUMN = re.compile(r"^([A-Z]{1,3})")


def read(data: bytes, name: str) -> Converted:
    if data.startswith(OLE_MAGIC):
        raise UnreadableFile("tệp Excel cũ (.xls) chưa đọc được; hãy mở bằng Excel và lưu thành .xlsx")
    with office_zip(data, KIND, "Excel") as archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            raise UnreadableFile("tệp zip này không phải bảng tính .xlsx (không có xl/workbook.xml)")
        strings = _shared_strings(archive, names)
        lines: list[str] = []
        for title, part in _sheets(archive, names):
            rows = _rows(part_xml(archive, part, KIND), strings)
            if not rows:
                continue
            if not lines and len(rows[0]) == 1 and len(rows) > 1:
                lines += [f"# {rows.pop(0)[0]}", ""]
            lines += [f"## {title}", ""]
            lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
            lines.append("")
    text = unicodedata.normalize("NFC", "\n".join(lines).strip())
    if not text:
        raise UnreadableFile("bảng tính .xlsx không có chữ nào")
    return Converted(text + "\n")


def _sheets(archive: zipfile.ZipFile, names: set[str]) -> list[tuple[str, str]]:
    """(name, part) of the visible sheets, in the workbook's order."""
    rels = "xl/_rels/workbook.xml.rels"
    targets = {}
    if rels in names:
        for rel in part_xml(archive, rels, KIND).iter(f"{{{REL_NS}}}Relationship"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id")] = path
    found = []
    for sheet in part_xml(archive, "xl/workbook.xml", KIND).iter(S + "sheet"):
        part = targets.get(sheet.get(R + "id"))
        if sheet.get("state") in ("hidden", "veryHidden") or part not in names:
            continue
        found.append((" ".join((sheet.get("name") or "").split()), part))
    return found


def _shared_strings(archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    if "xl/sharedStrings.xml" not in names:
        return []
    return [_text(item) for item in part_xml(archive, "xl/sharedStrings.xml", KIND).iter(S + "si")]


def _text(element: etree._Element) -> str:
    """A string item's text: its runs, without the phonetic guides (rPh) some files carry."""
    parts = [t.text or "" for t in element.iter(S + "t") if not any(a.tag == S + "rPh" for a in t.iterancestors())]
    return " ".join("".join(parts).split())


def _rows(sheet: etree._Element, strings: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    cells = 0
    for row in sheet.iter(S + "row"):
        values: dict[int, str] = {}
        for cell in row.iter(S + "c"):
            cells += 1
            if cells > MAX_CELLS:
                raise UnreadableFile(f"bảng tính quá lớn (hơn {MAX_CELLS:,} ô)".replace(",", "."))
            value = _value(cell, strings)
            if value:
                values[_column(cell.get("r", ""), max(values, default=-1) + 1)] = value
        if values:
            width = max(values) + 1
            rows.append([values.get(i, "") for i in range(width)])
    return rows


def _value(cell: etree._Element, strings: list[str]) -> str:
    kind = cell.get("t")
    if kind == "inlineStr":
        found = cell.find(S + "is")
        return _text(found) if found is not None else ""
    raw = (cell.findtext(S + "v") or "").strip()
    if kind == "s":
        try:
            return strings[int(raw)]
        except (ValueError, IndexError):
            return ""
    if kind == "b":
        return "TRUE" if raw == "1" else "FALSE"
    if kind in (None, "n") and re.fullmatch(r"-?\d+\.0+", raw):
        return raw.split(".")[0]  # 3.0 → 3
    return " ".join(raw.split())


def _column(reference: str, fallback: int) -> int:
    """A cell's column from its reference ("C7" → 2); cells without one follow the last."""
    found = _COLUMN.match(reference)
    if not found:
        return fallback
    index = 0
    for letter in found.group(1):
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1
