"""PowerPoint `.pptx`: the slides of a study session's lecture, in the loader's Markdown dialect.

Party committees teach a resolution from a slide deck ("bài giảng học tập nghị quyết"); the
deck, not the resolution, is often the file an admin has. Each slide becomes a section headed by
its number and title, so an answer is cited to a slide a member can find ("…, Trang chiếu 5. Ba
đột phá chiến lược"); the chunker keeps each slide a passage of its own, small as it is:
- the first slide's title is also the document's title (`# …`);
- text boxes and placeholders in the slide's order, bulleted paragraphs as `- ` items, tables as
  `| a | b |` rows, the speaker's notes after the slide's own text (they are often the lecture);
- slide numbers, dates and footers are left out, and so are hidden slides;
- runs in a TCVN3 or VNI font (`.VnTime`, `VNI-Times`) are converted to Unicode, as in Word files.

The package is checked as Word's is (sizes declared before inflating, no entities). An old
binary `.ppt` (PowerPoint 97–2003) and an OpenDocument `.odp` are converted to .pptx by LibreOffice
Impress first, as `doc.py` converts a .doc to .docx.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import zipfile

from lxml import etree

from bot.knowledge.document import UnreadableFile
from bot.knowledge.headings import SLIDE
from bot.knowledge.readers import Converted, doc, legacy
from bot.knowledge.readers.word import OLE_MAGIC, REL_NS, office_zip, part_xml

KIND = ".pptx"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TITLES = {"title", "ctrTitle"}
_FURNITURE = {"sldNum", "dt", "ftr", "hdr", "sldImg"}
# A paragraph that already starts with a list mark keeps it: "1. …", "a) …", "- …", "+ …".
_LIST_MARK = re.compile(r"^(?:[-+–*]\s|\d{1,2}[.)]\s|[a-zđ][)]\s|[IVX]{1,5}\.\s)")
_BULLET_SIGNS = "•▪■◦●○♦❖➢➤►▶✓✔-–"


def read(data: bytes, name: str) -> Converted:
    if data.startswith(OLE_MAGIC):
        data = to_pptx(data, _ole_filter(data))
    elif doc.opendocument(data, "presentation"):
        data = to_pptx(data, "impress8")
    with office_zip(data, KIND, "PowerPoint") as archive:
        deck = _Deck(archive)
        lines: list[str] = []
        for number, slide in enumerate(deck.slides(), start=1):
            lines.extend(deck.slide_lines(slide, number, first=not lines))
    text = unicodedata.normalize("NFC", "\n".join(lines).strip())
    if not text:
        raise UnreadableFile("tệp .pptx không có chữ nào (có thể chỉ có hình ảnh)")
    warnings = tuple(f"chữ mã {legacy.NAMES[e]} đã được chuyển sang Unicode" for e in sorted(deck.legacy))
    return Converted(text + "\n", warnings)


def _ole_filter(data: bytes) -> str:
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise UnreadableFile("tệp PowerPoint được đặt mật khẩu (mã hóa); hãy gỡ mật khẩu rồi lưu lại")
    if "PowerPoint Document".encode("utf-16-le") not in data:
        raise UnreadableFile("tệp .ppt này không phải bài trình chiếu PowerPoint (có thể là Word, Excel hoặc tệp hỏng)")
    return "MS PowerPoint 97"


def to_pptx(data: bytes, infilter: str) -> bytes:
    """An old .ppt or an OpenDocument .odp as .pptx bytes, by LibreOffice Impress."""
    return doc.libreoffice(
        data,
        infilter,
        "pptx:Impress MS PowerPoint 2007 XML",
        missing="không đọc được tệp .ppt, .odp vì máy chủ chưa cài LibreOffice (gói libreoffice-impress-nogui); "
        "hãy cài, hoặc mở tệp bằng PowerPoint và lưu thành .pptx",
        failed="LibreOffice không chuyển được bài trình chiếu này (tệp hỏng, có mật khẩu, hoặc máy chủ thiếu "
        "gói libreoffice-impress-nogui); hãy mở bằng PowerPoint và lưu thành .pptx",
    )


class _Deck:
    """The parts of one package, read on demand; `legacy` collects the encodings converted."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.names = set(archive.namelist())
        self.legacy: set[str] = set()

    def slides(self) -> list[str]:
        """The slide parts in the presentation's order."""
        main = self._related("_rels/.rels", "", "officeDocument") or ["ppt/presentation.xml"]
        if main[0] not in self.names:
            raise UnreadableFile("tệp zip này không phải bài trình chiếu .pptx (không có ppt/presentation.xml)")
        presentation = part_xml(self.archive, main[0], KIND)
        targets = self._targets(main[0])
        order = [sid.get(R + "id") for sid in presentation.iter(P + "sldId")]
        return [targets[rid] for rid in order if rid in targets and targets[rid] in self.names]

    def slide_lines(self, part: str, number: int, first: bool) -> list[str]:
        slide = part_xml(self.archive, part, KIND)
        if slide.get("show") == "0":  # hidden: not shown to the audience
            return []
        title: list[str] = []
        body: list[str] = []
        for shape in _shapes(slide.find(f"{P}cSld/{P}spTree")):
            kind = _placeholder(shape)
            if kind in _FURNITURE:
                continue
            if kind in _TITLES and not title:
                title = [" ".join(self.paragraph(p) for p in shape.iter(A + "p")).strip()]
                continue
            body.extend(self.shape_lines(shape, bulleted=kind is not None and kind not in _TITLES | {"subTitle"}))
        body.extend(self.notes(part))
        heading = " ".join(" ".join(title).split())
        if not heading and not body:
            return []
        label = f"{SLIDE} {number}. {heading}" if heading else f"{SLIDE} {number}"
        # The cover's title is the document's title as well (its other lines, who presents and
        # when, stay under the slide's own heading).
        cover = [f"# {heading}", ""] if first and heading else []
        return [*cover, f"## {label}", "", *body, ""]

    def notes(self, slide_part: str) -> list[str]:
        """The speaker's notes of a slide: the notes page's body placeholder."""
        folder, base = posixpath.split(slide_part)
        for part in self._related(posixpath.join(folder, "_rels", base + ".rels"), folder, "notesSlide"):
            if part in self.names:
                notes = part_xml(self.archive, part, KIND)
                lines: list[str] = []
                for shape in _shapes(notes.find(f"{P}cSld/{P}spTree")):
                    if _placeholder(shape) == "body":
                        lines.extend(self.shape_lines(shape, bulleted=False))
                return lines
        return []

    def shape_lines(self, shape: etree._Element, bulleted: bool) -> list[str]:
        if shape.tag == P + "graphicFrame":
            return [line for table in shape.iter(A + "tbl") for line in self.table(table)]
        lines = []
        for paragraph in shape.iter(A + "p"):
            text = self.paragraph(paragraph).strip()
            if not text:
                continue
            if text[0] in _BULLET_SIGNS and len(text) > 1:  # a bullet typed by hand
                text, item = text[1:].strip(), True
            else:
                item = _bullet(paragraph, bulleted)
            lines.append(f"- {text}" if item and not _LIST_MARK.match(text) else text)
        return lines

    def table(self, table: etree._Element) -> list[str]:
        rows = []
        for row in table.iter(A + "tr"):
            cells = [
                " ".join(self.paragraph(p).strip() for p in cell.iter(A + "p")).strip() for cell in row.iter(A + "tc")
            ]
            if any(cells):
                rows.append("| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |")
        return rows

    def paragraph(self, paragraph: etree._Element) -> str:
        parts = []
        for child in paragraph:
            if child.tag == A + "br":
                parts.append(" ")
            elif child.tag in (A + "r", A + "fld"):
                parts.append(self.run(child))
        return " ".join("".join(parts).replace("\u00ad", "").split())

    def run(self, run: etree._Element) -> str:
        text = "".join(t.text or "" for t in run.iter(A + "t"))
        latin = run.find(f"{A}rPr/{A}latin")
        encoding = legacy.font_encoding(latin.get("typeface") if latin is not None else None)
        if encoding and text:
            converted = legacy.decode_font_text(text, *encoding)
            if converted != text and not text.isascii():
                self.legacy.add(encoding[0])
            text = converted
        return text

    def _targets(self, part: str) -> dict[str, str]:
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if rels not in self.names:
            return {}
        return {
            rel.get("Id", ""): posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
            for rel in part_xml(self.archive, rels, KIND).iter(f"{{{REL_NS}}}Relationship")
            if rel.get("TargetMode") != "External"
        }

    def _related(self, rels: str, folder: str, kind: str) -> list[str]:
        """Targets of the relationships of one type ("officeDocument", "notesSlide") in a .rels part."""
        if rels not in self.names:
            return []
        return [
            posixpath.normpath(posixpath.join(folder, rel.get("Target", "").lstrip("/")))
            for rel in part_xml(self.archive, rels, KIND).iter(f"{{{REL_NS}}}Relationship")
            if rel.get("Type", "").rsplit("/", 1)[-1] == kind and rel.get("TargetMode") != "External"
        ]


def _shapes(tree: etree._Element | None) -> list[etree._Element]:
    """Text shapes and tables of a shape tree, groups opened, in the slide's order."""
    found: list[etree._Element] = []
    for child in tree if tree is not None else []:
        if child.tag in (P + "sp", P + "graphicFrame"):
            found.append(child)
        elif child.tag == P + "grpSp":
            found.extend(_shapes(child))
        elif child.tag == MC + "AlternateContent":  # newer shapes, with an older fallback
            content = child.find(MC + "Fallback")
            found.extend(_shapes(content if content is not None else child.find(MC + "Choice")))
    return found


def _placeholder(shape: etree._Element) -> str | None:
    """The placeholder type of a shape ("title", "body", "sldNum"…), None for a free text box.
    A placeholder without a type is a body placeholder."""
    for holder in shape.iter(P + "ph"):
        return holder.get("type", "body")
    return None


def _bullet(paragraph: etree._Element, bulleted: bool) -> bool:
    """Whether the paragraph shows a bullet: its own setting, else the placeholder's default
    (body placeholders are bulleted by the slide master, free text boxes are not)."""
    properties = paragraph.find(A + "pPr")
    if properties is not None:
        if properties.find(A + "buNone") is not None:
            return False
        if properties.find(A + "buChar") is not None or properties.find(A + "buAutoNum") is not None:
            return True
    return bulleted
