"""Word `.docx`: the text as the document shows it, in the loader's Markdown dialect.

What python-docx alone gets wrong in real Party documents, and what this reader does instead:
- automatic numbering ("Điều 5.", "1.", "a)") lives in numbering.xml, not in the text: we keep
  Word's counters per list and level (restarts, start overrides, lists that share a definition
  continue each other) and write each number as its level's pattern shows it;
- tracked changes: insertions are the text, deletions and moved-away text are not;
- the header block (issuing body | "ĐẢNG CỘNG SẢN VIỆT NAM", number | place and date) is a
  borderless two-column table: it is read column by column so that each line stands alone, as the
  metadata reader expects; other tables become `| a | b |` rows;
- runs in a TCVN3 or VNI font (`.VnTime`, `VNI-Times`) are converted to Unicode;
- soft hyphens are dropped, text is NFC.

The zip is checked before anything is decompressed: a file that would inflate past
MAX_UNCOMPRESSED bytes, or inflates suspiciously far, is refused.
"""

from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace

from lxml import etree

from bot.knowledge.document import UnreadableFile
from bot.knowledge.readers import Converted, legacy

MAX_UNCOMPRESSED = 100 * 1024 * 1024  # all parts together, as the zip directory declares them
MAX_RATIO = 200  # a part larger than 1 MB that inflates more than this is a zip bomb
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
W = f"{{{W_NS}}}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)
_NATIONAL = re.compile(r"ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI CHỦ NGHĨA|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA")
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)


def read(data: bytes, name: str) -> Converted:
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise UnreadableFile("tệp Word được đặt mật khẩu (mã hóa); hãy gỡ mật khẩu rồi lưu lại")
        from bot.knowledge.readers import doc  # a Word 97 file saved under a .docx name

        return doc.read(data, name)
    parts = open_package(data)
    return DocxReader(parts).convert()


# --- the package -----------------------------------------------------------------------------------


@dataclass
class Package:
    document: etree._Element
    styles: etree._Element | None
    numbering: etree._Element | None


def office_zip(data: bytes, kind: str = ".docx", program: str = "Word") -> zipfile.ZipFile:
    """The zip of an Office package, its sizes checked before anything is inflated."""
    if not data.startswith(b"PK"):
        raise UnreadableFile(f"không phải tệp {program} {kind} (nội dung không phải định dạng zip của {kind})")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as e:
        raise UnreadableFile(f"tệp {kind} bị hỏng (zip lỗi: {e}); hãy mở bằng {program} và lưu lại") from e
    check_sizes(archive, kind)
    return archive


def open_package(data: bytes) -> Package:
    archive = office_zip(data)
    with archive:
        names = set(archive.namelist())
        main = _main_part(archive, names)
        if main is None:
            raise UnreadableFile("tệp zip này không phải văn bản Word .docx (không có phần word/document.xml)")
        related = _related_parts(archive, names, main)
        return Package(
            document=part_xml(archive, main),
            styles=part_xml(archive, related["styles"]) if "styles" in related else None,
            numbering=part_xml(archive, related["numbering"]) if "numbering" in related else None,
        )


def check_sizes(archive: zipfile.ZipFile, kind: str = ".docx") -> None:
    """Refuse before inflating: zipfile never returns more than a member's declared size, so the
    directory's numbers bound what we read. `kind` names the format in the admin's message."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.flag_bits & 0x1:
            raise UnreadableFile(f"tệp {kind} được đặt mật khẩu (zip mã hóa); hãy gỡ mật khẩu rồi lưu lại")
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableFile(f"tệp {kind} bất thường: phần {info.filename} giải nén ra quá lớn (nghi là zip bomb)")
    if total > MAX_UNCOMPRESSED:
        raise UnreadableFile(
            f"tệp {kind} quá lớn khi giải nén ({total // (1024 * 1024)} MB, "
            f"tối đa {MAX_UNCOMPRESSED // (1024 * 1024)} MB)"
        )


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    if "_rels/.rels" in names:
        for rel in part_xml(archive, "_rels/.rels").iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "").lstrip("/")
                if target in names:
                    return target
    return "word/document.xml" if "word/document.xml" in names else None


def _related_parts(archive: zipfile.ZipFile, names: set[str], main: str) -> dict[str, str]:
    folder, base = posixpath.split(main)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    found: dict[str, str] = {}
    if rels in names:
        for rel in part_xml(archive, rels).iter(f"{{{REL_NS}}}Relationship"):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
            if kind in ("styles", "numbering") and target in names and rel.get("TargetMode") != "External":
                found[kind] = target
    for kind in ("styles", "numbering"):
        if kind not in found and posixpath.join(folder, f"{kind}.xml") in names:
            found[kind] = posixpath.join(folder, f"{kind}.xml")
    return found


def part_xml(archive: zipfile.ZipFile, name: str, kind: str = ".docx") -> etree._Element:
    """A part of an Office package, parsed without entities or network."""
    try:
        return etree.fromstring(archive.read(name), _PARSER)
    except etree.XMLSyntaxError as e:
        raise UnreadableFile(f"tệp {kind} bị hỏng ({name} không phải XML hợp lệ: {e.msg})") from e
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError) as e:
        raise UnreadableFile(f"tệp {kind} bị hỏng (không giải nén được {name}: {e})") from e


def _val(element: etree._Element | None, tag: str, default: str | None = None) -> str | None:
    """The w:val of a child element (`tag` without prefix), or `default`."""
    if element is None:
        return default
    child = element.find(W + tag)
    return default if child is None else child.get(W + "val", default)


def _on(element: etree._Element | None) -> bool:
    """A toggle property (<w:b/>, <w:b w:val="0"/>)."""
    return element is not None and element.get(W + "val", "true") not in ("0", "false", "off")


# --- styles ----------------------------------------------------------------------------------------


@dataclass
class Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None  # 0-based outline level
    num_id: str | None = None
    ilvl: int | None = None
    font: str | None = None
    bold: bool | None = None


class Styles:
    def __init__(self, root: etree._Element | None):
        self.styles: dict[str, Style] = {}
        self.default_font: str | None = None
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.default_font = _font(defaults)
        for element in root.iter(W + "style"):
            ppr, rpr = element.find(W + "pPr"), element.find(W + "rPr")
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            outline = _val(ppr, "outlineLvl")
            ilvl = _val(numpr, "ilvl")
            bold = rpr.find(W + "b") if rpr is not None else None
            self.styles[element.get(W + "styleId", "")] = Style(
                name=_val(element, "name", "") or "",
                based_on=_val(element, "basedOn"),
                outline=int(outline) if outline and outline.isdigit() else None,
                num_id=_val(numpr, "numId"),
                ilvl=int(ilvl) if ilvl and ilvl.isdigit() else None,
                font=_font(rpr),
                bold=None if bold is None else _on(bold),
            )

    def chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            yield style_id, self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def first(self, style_id: str | None, attr: str):
        return next((getattr(s, attr) for _, s in self.chain(style_id) if getattr(s, attr) is not None), None)

    def heading_level(self, style_id: str | None) -> int | None:
        for _, style in self.chain(style_id):
            m = _HEADING_STYLE.match(style.name)
            if m:
                return int(m.group(1)) or None
            if style.name.lower() == "title":
                return 1
            if style.outline is not None and style.outline < 9:
                return style.outline + 1
        return None


def _font(rpr: etree._Element | None) -> str | None:
    fonts = rpr.find(W + "rFonts") if rpr is not None else None
    if fonts is None:
        return None
    # Word draws characters above U+007F in the hAnsi font: that is where a legacy font's letters are.
    return fonts.get(W + "hAnsi") or fonts.get(W + "ascii")


# --- numbering -------------------------------------------------------------------------------------


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # restart after a use of a level numbered below this (1-based); 0 never
    legal: bool = False
    suffix: str = "tab"
    style: str | None = None


@dataclass
class NumberingList:
    """One w:num: its abstract definition and its own start overrides."""

    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # level → start
    level_overrides: dict[int, Level] = field(default_factory=dict)
    started: bool = False


class Numbering:
    """Word's counters. Lists (w:num) that point at the same abstract definition share counters and
    continue each other, unless a list overrides a level's start, which restarts it where that list
    is first used."""

    def __init__(self, root: etree._Element | None, styles: Styles):
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.style_links: dict[str, str] = {}  # abstract id → numbering style id
        self.lists: dict[str, NumberingList] = {}
        self.counters: dict[str, dict[int, int]] = {}  # abstract id → level → last number shown
        self.styles = styles
        if root is None:
            return
        for element in root.iter(W + "abstractNum"):
            aid = element.get(W + "abstractNumId", "")
            self.abstracts[aid] = {int(lvl.get(W + "ilvl", "0")): _level(lvl) for lvl in element.iter(W + "lvl")}
            link = _val(element, "numStyleLink")
            if link:
                self.style_links[aid] = link
        for element in root.iter(W + "num"):
            nl = NumberingList(_val(element, "abstractNumId", "") or "")
            for override in element.iter(W + "lvlOverride"):
                ilvl = int(override.get(W + "ilvl", "0"))
                start = _val(override, "startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    nl.overrides[ilvl] = int(start)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    nl.level_overrides[ilvl] = _level(lvl)
            self.lists[element.get(W + "numId", "")] = nl

    def _abstract_of(self, num_id: str) -> str | None:
        """Follow a list defined by a numbering style (numStyleLink) to the definition with levels."""
        nl = self.lists.get(num_id)
        seen = set()
        aid = nl.abstract if nl else None
        while aid in self.style_links and aid not in seen:
            seen.add(aid)
            linked = self.styles.first(self.style_links[aid], "num_id")
            target = self.lists.get(linked or "")
            if target is None:
                break
            aid = target.abstract
        return aid

    def levels(self, num_id: str) -> dict[int, Level]:
        aid = self._abstract_of(num_id)
        levels = dict(self.abstracts.get(aid or "", {}))
        levels.update(self.lists[num_id].level_overrides)
        return levels

    def level_of_style(self, num_id: str, style_id: str | None) -> int:
        """The level a numbered paragraph style stands for (a level's w:pStyle), else the first."""
        levels = self.levels(num_id) if num_id in self.lists else {}
        return next((ilvl for ilvl, level in levels.items() if style_id and level.style == style_id), 0)

    def next_label(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """The number shown for a paragraph of list `num_id` at level `ilvl`, and its suffix."""
        nl = self.lists.get(num_id)
        if nl is None:
            return None
        aid = self._abstract_of(num_id) or num_id
        counters = self.counters.setdefault(aid, {})
        if not nl.started:
            nl.started = True
            base = self.levels(num_id)
            for lvl, start in nl.overrides.items():
                counters.pop(lvl, None)
                nl.level_overrides[lvl] = replace(base.get(lvl, Level()), start=start)
        levels = self.levels(num_id)
        level = levels.get(ilvl)
        if level is None:
            return None
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or ilvl < restart:
                del counters[deeper]
        if level.fmt == "bullet":
            return "-", " "
        label = re.sub(
            r"%([1-9])", lambda m: self._shown(levels, counters, int(m.group(1)) - 1, level.legal), level.text
        )
        return label, {"space": " ", "nothing": ""}.get(level.suffix, " ")

    @staticmethod
    def _shown(levels: dict[int, Level], counters: dict[int, int], ilvl: int, legal: bool) -> str:
        level = levels.get(ilvl, Level())
        value = counters.get(ilvl, level.start)
        return format_number(value, "decimal" if legal else level.fmt)


def _level(element: etree._Element) -> Level:
    start = _val(element, "start", "1") or "1"
    restart = _val(element, "lvlRestart")
    return Level(
        start=int(start) if start.lstrip("-").isdigit() else 1,
        fmt=_val(element, "numFmt", "decimal") or "decimal",
        text=_val(element, "lvlText", "") or "",
        restart=int(restart) if restart and restart.isdigit() else None,
        legal=_on(element.find(W + "isLgl")),
        suffix=_val(element, "suff", "tab") or "tab",
        style=_val(element, "pStyle"),
    )


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


def format_number(value: int, fmt: str) -> str:
    """A counter as Word writes it in a number format (w:numFmt)."""
    if fmt == "none":
        return ""
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        # Word's letters: a…z, then aa…zz, aaa…
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        out, rest = "", value
        for amount, digits in _ROMAN:
            while rest >= amount:
                out, rest = out + digits, rest - amount
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


# --- the body ------------------------------------------------------------------------------------


@dataclass
class RunText:
    text: str
    bold: bool


class DocxReader:
    def __init__(self, package: Package):
        self.package = package
        self.styles = Styles(package.styles)
        self.numbering = Numbering(package.numbering, self.styles)
        self.legacy: set[str] = set()  # encodings converted, for the warning

    def convert(self) -> Converted:
        body = self.package.document.find(W + "body")
        if body is None:
            raise UnreadableFile("tệp .docx không có phần nội dung (w:body)")
        lines = [line.replace("\t", " ") for line in _tab_columns(self.blocks(body))]
        text = unicodedata.normalize("NFC", "\n\n".join(line for line in lines if line.strip()))
        if not text.strip():
            raise UnreadableFile("tệp .docx không có chữ nào (có thể chỉ có hình ảnh hoặc bản quét)")
        if not self.legacy:
            # TCVN3/VNI text whose font was changed to a Unicode one: only the letters tell
            found = legacy.guess(text)
            if found:
                text, encoding = found
                self.legacy.add(encoding)
        text = text.replace("\u00ad", "")  # soft hyphens (after the guess: in TCVN3 that byte is "ư")
        warnings = tuple(f"chữ mã {legacy.NAMES[e]} đã được chuyển sang Unicode" for e in sorted(self.legacy))
        return Converted(text, warnings)

    def blocks(self, container: etree._Element) -> list[str]:
        """Paragraphs and tables of a body, cell or content control, in document order."""
        lines: list[str] = []
        for child in container:
            tag = child.tag
            if tag == W + "p":
                lines.extend(self.paragraph(child))
            elif tag == W + "tbl":
                lines.extend(self.table(child))
            elif tag in (W + "sdt",):
                content = child.find(W + "sdtContent")
                if content is not None:
                    lines.extend(self.blocks(content))
            elif tag in (W + "customXml", W + "ins", W + "moveTo", W + "smartTag"):
                lines.extend(self.blocks(child))
        return lines

    # paragraphs

    def paragraph(self, p: etree._Element) -> list[str]:
        """The paragraph's line (with its number and heading mark), then any text boxes in it."""
        ppr = p.find(W + "pPr")
        style_id = _val(ppr, "pStyle")
        runs: list[RunText] = []
        boxes: list[str] = []
        self.inline(p, style_id, runs, boxes)
        text = "".join(r.text for r in runs)
        # soft hyphens and tabs are kept until the header is laid out (see _tab_columns), then become spaces
        text = "\n".join(_spaces(line) for line in text.split("\n"))
        text = text.strip("\n")
        label = self.number(ppr, style_id)
        if label is not None and text:
            number, suffix = label
            text = f"{number}{suffix}{text}" if number else text
        if not text:
            return boxes
        level = self.heading_level(ppr, style_id)
        if level:
            return [f"{'#' * min(level, 6)} {text.replace(chr(10), ' ')}", *boxes]
        if all(r.bold for r in runs if r.text.strip()) and len(text) <= 300 and "\n" not in text:
            text = f"**{text}**"
        return [text, *boxes]

    def heading_level(self, ppr: etree._Element | None, style_id: str | None) -> int | None:
        outline = _val(ppr, "outlineLvl")
        if outline is not None and outline.isdigit():
            return int(outline) + 1 if int(outline) < 9 else None
        return self.styles.heading_level(style_id)

    def number(self, ppr: etree._Element | None, style_id: str | None) -> tuple[str, str] | None:
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _val(numpr, "numId") or self.styles.first(style_id, "num_id")
        if not num_id or num_id == "0" or num_id not in self.numbering.lists:
            return None
        ilvl = _val(numpr, "ilvl")
        if ilvl is not None and ilvl.isdigit():
            level = int(ilvl)
        else:
            level = self.styles.first(style_id, "ilvl")
            if level is None:
                level = self.numbering.level_of_style(num_id, style_id)
        return self.numbering.next_label(num_id, level)

    def inline(self, element: etree._Element, style_id: str | None, runs: list[RunText], boxes: list[str]) -> None:
        for child in element:
            tag = child.tag
            if tag == W + "r":
                self.run(child, style_id, runs, boxes)
            elif tag in (W + "del", W + "moveFrom", W + "pPr", W + "rPr", f"{{{MC_NS}}}Fallback"):
                continue  # deleted text, properties, and the old-format copy of a drawing
            elif isinstance(tag, str):
                # insertions, hyperlinks, fields, content controls, smart tags: their runs are text
                self.inline(child, style_id, runs, boxes)

    def run(self, r: etree._Element, style_id: str | None, runs: list[RunText], boxes: list[str]) -> None:
        rpr = r.find(W + "rPr")
        parts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag == W + "tab" or tag == W + "ptab":
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "softHyphen":
                # dropped with the other soft hyphens, except in a TCVN3 run, where byte 0xAD is "ư"
                # (LibreOffice writes it back as a soft hyphen when it converts a .doc)
                parts.append("\u00ad")
            elif tag in (W + "drawing", W + "pict", f"{{{MC_NS}}}AlternateContent", W + "object"):
                for box in child.iter(W + "txbxContent"):
                    if not any(a.tag == f"{{{MC_NS}}}Fallback" for a in box.iterancestors()):
                        boxes.extend(self.blocks(box))
        text = "".join(parts)
        if not text:
            return
        font = (
            _font(rpr)
            or self.styles.first(_val(rpr, "rStyle"), "font")
            or self.styles.first(style_id, "font")
            or self.styles.default_font
        )
        encoding = legacy.font_encoding(font)
        if encoding:
            converted = legacy.decode_font_text(text, *encoding)
            if converted != text and not text.isascii():
                self.legacy.add(encoding[0])
            text = converted
        bold_element = rpr.find(W + "b") if rpr is not None else None
        if bold_element is not None:
            bold = _on(bold_element)
        else:
            bold = bool(self.styles.first(_val(rpr, "rStyle"), "bold") or self.styles.first(style_id, "bold"))
        runs.append(RunText(text, bold))

    # tables

    def table(self, tbl: etree._Element) -> list[str]:
        rows = [[self.cell(tc) for tc in _cells(tr)] for tr in tbl.iter(W + "tr") if _own(tr, tbl)]
        rows = [row for row in rows if any(any(line.strip() for line in cell) for cell in row)]
        if not rows:
            return []
        width = max(len(row) for row in rows)
        if self.is_layout(rows, width):
            # read column by column: the header's left column (issuer, number) then the right one
            # (national motto, place and date), each line on its own.
            return [line for col in range(width) for row in rows if col < len(row) for line in row[col]]
        if width == 1 or any(sum(1 for line in cell if line.strip()) > 5 for row in rows for cell in row):
            # a frame around the text, not a table of values
            return [line for row in rows for cell in row for line in cell]
        return [
            "| " + " | ".join(" ".join(_flat(line) for line in cell).replace("|", "/") for cell in row) + " |"
            for row in rows
        ]

    def is_layout(self, rows: list[list[list[str]]], width: int) -> bool:
        """A borderless block laid out in columns: the header of a document, or its signature."""
        if len(rows) > 4 or width > 3 or width < 2:
            return False
        text = "\n".join(line for row in rows for cell in row for line in cell)
        return bool(_NATIONAL.search(text.upper()) or re.search(r"^\**(?:T/M|TM\.|K/T|KT\.|Nơi nhận)", text, re.M))

    def cell(self, tc: etree._Element) -> list[str]:
        tcpr = tc.find(W + "tcPr")
        merge = tcpr.find(W + "vMerge") if tcpr is not None else None
        if merge is not None and merge.get(W + "val", "continue") == "continue":
            return []
        return self.blocks(tc)


def _spaces(line: str) -> str:
    line = re.sub(r"[ \u00a0]*\t[\t \u00a0]*", "\t", line)
    return re.sub(r"[ \u00a0]{2,}", " ", line).strip(" \t\u00a0")


HEADER_LINES = 15


def _tab_columns(lines: list[str]) -> list[str]:
    """A header typed as two columns separated by tabs ("BAN CHẤP HÀNH TRUNG ƯƠNG<tab>ĐẢNG CỘNG SẢN
    VIỆT NAM", "Số 45-HD/BTCTW<tab>Hà Nội, ngày …") read column by column, like a header table."""
    start = next((i for i, line in enumerate(lines[:HEADER_LINES]) if "\t" in line), None)
    if start is None:
        return lines
    # up to the last tabbed line near it: a line between without a tab belongs to the left column
    end = 1 + max(i for i in range(start, min(start + 6, len(lines))) if "\t" in lines[i])
    block = lines[start:end]
    if not _NATIONAL.search("\n".join(block).upper()):
        return lines
    left: list[str] = []
    right: list[str] = []
    for line in block:
        bold = line.startswith("**") and line.endswith("**")
        first, _, rest = line.strip("*").partition("\t")
        for side, part in ((left, first), (right, rest)):
            part = part.replace("\t", " ").strip()
            if part:
                side.append(f"**{part}**" if bold else part)
    return lines[:start] + left + right + lines[end:]


def _cells(tr: etree._Element) -> list[etree._Element]:
    cells = []
    for child in tr:
        if child.tag == W + "tc":
            cells.append(child)
        elif child.tag in (W + "sdt", W + "customXml", W + "ins"):
            cells.extend(c for c in child.iter(W + "tc") if _own(c, child))
    return cells


def _own(element: etree._Element, ancestor: etree._Element) -> bool:
    """An element of this table, not of a table nested in one of its cells."""
    parent = element.getparent()
    while parent is not None and parent is not ancestor:
        if parent.tag == W + "tbl":
            return False
        parent = parent.getparent()
    return True


def _flat(line: str) -> str:
    line = re.sub(r"^#+\s+", "", line.replace("\n", " "))
    return line[2:-2] if line.startswith("**") and line.endswith("**") and len(line) > 4 else line
