"""Word files built for the tests: python-docx for the document, raw XML where Word's own features
(numbering definitions, tracked changes, fonts) are what is being tested."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def need_soffice() -> str:
    """LibreOffice, or a skip with the reason (a failure in CI, which installs it)."""
    program = shutil.which("soffice")
    if program is None:
        message = "LibreOffice (soffice) is not installed"
        if os.environ.get("NGHIQUYET_REQUIRE_SHARED_DATA"):
            pytest.fail(message + " (NGHIQUYET_REQUIRE_SHARED_DATA is set: CI installs it)")
        pytest.skip(message)
    return program


class Builder:
    def __init__(self):
        self.doc = docx.Document()

    def numbering(self, *xml: str) -> None:
        """Replace the template's numbering definitions with these abstractNum/num elements."""
        part = self.doc.part.numbering_part.element
        for child in list(part):
            part.remove(child)
        for element in xml:
            part.append(
                parse_xml(element.replace("<w:abstractNum ", f"<w:abstractNum {W} ").replace("<w:num ", f"<w:num {W} "))
            )

    def p(self, text: str = "", num: int | None = None, level: int = 0, style: str | None = None):
        paragraph = self.doc.add_paragraph(text, style=style)
        if num is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>')
            )
        return paragraph

    def raw(self, body_xml: str) -> None:
        """A paragraph written as WordprocessingML."""
        self.doc.element.body.insert(
            len(self.doc.element.body) - 1, parse_xml(body_xml.replace("<w:p>", f"<w:p {W}>", 1))
        )

    def header_table(self, left: list[str], right: list[str], left2: str, right2: str) -> None:
        table = self.doc.add_table(rows=2, cols=2)
        for cell, lines in ((table.cell(0, 0), left), (table.cell(0, 1), right)):
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
        table.cell(1, 0).text = left2
        table.cell(1, 1).text = right2

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def abstract(aid: int, *levels: tuple[str, str], start: int = 1) -> str:
    """An abstractNum whose level i has (numFmt, lvlText) levels[i]."""
    body = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    return f'<w:abstractNum w:abstractNumId="{aid}">{body}</w:abstractNum>'


def num(num_id: int, aid: int, restart_at: int | None = None) -> str:
    override = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{restart_at}"/></w:lvlOverride>' if restart_at else ""
    )
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>'


ARTICLES = abstract(1, ("decimal", "Điều %1."), ("decimal", "%2."), ("lowerLetter", "%3)"))


def party_rule() -> Builder:
    """A Party regulation as offices type it: header table, capitals title, auto-numbered articles."""
    b = Builder()
    b.numbering(ARTICLES, num(1, 1))
    b.header_table(
        ["BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN TỔ CHỨC", "*"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "---------------"],
        "Số 45-QĐ/BTCTW",
        "Hà Nội, ngày 21 tháng 11 năm 2025",
    )
    # centred, as the type heading and title always are (a PDF's layout depends on it)
    b.p("QUY ĐỊNH").alignment = WD_ALIGN_PARAGRAPH.CENTER
    b.p("VỀ CÔNG TÁC BẢO VỆ TÀI LIỆU MẬT CỦA CHI BỘ").alignment = WD_ALIGN_PARAGRAPH.CENTER
    b.p("Phạm vi điều chỉnh", num=1)
    b.p("Quy định này quy định việc bảo quản tài liệu mật trong chi bộ.", num=1, level=1)
    b.p("Tài liệu mật gồm:", num=1, level=1)
    b.p("văn bản có đóng dấu mật;", num=1, level=2)
    b.p("sổ ghi chép nghị quyết của chi bộ.", num=1, level=2)
    b.p("Trách nhiệm của bí thư chi bộ", num=1)
    b.p("Bí thư chi bộ kiểm kê tủ đựng hồ sơ lưu trữ mỗi quý một lần.", num=1, level=1)
    return b


def to_doc(docx_bytes: bytes, suffix: str = "doc") -> bytes:
    """The same document saved as Word 97 (or `suffix`: "odt", "rtf") by LibreOffice."""
    program = need_soffice()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in.docx").write_bytes(docx_bytes)
        subprocess.run(
            [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to", suffix,
             "--outdir", str(folder), str(folder / "in.docx")],
            check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": tmp},
        )  # fmt: skip
        return (folder / f"in.{suffix}").read_bytes()


# --- legacy encodings, written independently of the reader's tables (inverse of TCVN 5712 VN3 and VNI) ---

_TCVN3 = dict(zip(
    "áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵĂÂĐÊÔƠƯ",
    [bytes([b]) for b in (
        0xB8, 0xB5, 0xB6, 0xB7, 0xB9, 0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6, 0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB, 0xAE,
        0xD0, 0xCC, 0xCE, 0xCF, 0xD1, 0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6, 0xDD, 0xD7, 0xD8, 0xDC, 0xDE,
        0xE3, 0xDF, 0xE1, 0xE2, 0xE4, 0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9, 0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE,
        0xF3, 0xEF, 0xF1, 0xF2, 0xF4, 0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9, 0xFD, 0xFA, 0xFB, 0xFC, 0xFE,
        0xA1, 0xA2, 0xA7, 0xA3, 0xA4, 0xA5, 0xA6,
    )],
    strict=True,
))  # fmt: skip


def tcvn3(text: str) -> bytes:
    """Unicode → TCVN3 bytes (lower-case toned letters only: TCVN3 has no toned capitals)."""
    return b"".join(_TCVN3.get(c) or c.encode("ascii") for c in text)


_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_HAT = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_ONE = {"ơ": "ô", "ư": "ö", "đ": "ñ", "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î"}


def vni(text: str) -> bytes:
    """Unicode → VNI Windows bytes."""
    import unicodedata

    out = []
    for c in text:
        upper = c.isupper()
        low = c.lower()
        if low in _VNI_ONE:
            code = _VNI_ONE[low]
        else:
            parts = unicodedata.normalize("NFD", low)
            base, marks = parts[0], parts[1:]
            tone = next((m for m in marks if m in _VNI_TONE or m == "\u0323"), "")
            if "\u031b" in marks:  # horn: ơ ư with a tone
                code = ("ô" if base == "o" else "ö") + _VNI_TONE.get(tone, "")
            elif "\u0302" in marks:
                code = base + _VNI_HAT[tone]
            elif "\u0306" in marks:
                code = base + _VNI_BREVE[tone]
            elif base == "i" and tone:
                code = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}[tone]
            elif base == "y" and tone == "\u0323":
                code = "î"
            else:
                code = base + _VNI_TONE.get(tone, "")
        out.append(code.upper() if upper else code)
    return "".join(out).encode("cp1252")
