"""Documents built for reader tests the way offices make them: a Writer file exported by LibreOffice.

A flat ODT (one XML file) is written from a few paragraphs, with what real Party documents have:
the two-column header table, a running header and a "Trang N/M" footer on every page. `soffice
--headless --convert-to pdf` then makes the PDF, exactly as a clerk's "Export as PDF" would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)


def require_tool(name: str) -> str:
    """The path of a system tool; skip the test without it, fail when CI says the tools must be there."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt-get install libreoffice-writer-nogui libreoffice-impress-nogui tesseract-ocr-vie poppler-utils)"
        if os.environ.get("NGHIQUYET_REQUIRE_SHARED_DATA"):
            pytest.fail(message + " (NGHIQUYET_REQUIRE_SHARED_DATA is set)")
        pytest.skip(message)
    return path


@dataclass
class OfficeDocument:
    """A Party document as a Writer file: header table, then paragraphs (`# ` = centred bold heading)."""

    left: list[str] = field(default_factory=list)  # issuer block, top left
    right: list[str] = field(default_factory=list)  # "ĐẢNG CỘNG SẢN VIỆT NAM", date, top right
    paragraphs: list[str] = field(default_factory=list)
    running_header: str = ""
    page_footer: bool = True  # "Trang N/M" centred at the foot of every page

    def fodt(self) -> str:
        body = []
        if self.left or self.right:
            body.append(_table(self.left, self.right))
        for p in self.paragraphs:
            if p.startswith("# "):
                body.append(f'<text:p text:style-name="Title">{escape(p[2:])}</text:p>')
            elif p == "<pagebreak>":
                body.append('<text:p text:style-name="Break"/>')
            else:
                body.append(f'<text:p text:style-name="Body">{_inline(p)}</text:p>')
        header = (
            f'<style:header><text:p text:style-name="Small">{escape(self.running_header)}</text:p></style:header>'
            if self.running_header
            else ""
        )
        footer = (
            '<style:footer><text:p text:style-name="Centre">Trang <text:page-number text:select-page="current"/>/'
            "<text:page-count/></text:p></style:footer>"
            if self.page_footer
            else ""
        )
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {_NS} office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.15cm"/>
  <style:text-properties style:font-name="Liberation Serif" fo:font-family="'Liberation Serif'" fo:font-size="13pt" fo:language="vi" fo:country="VN"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="3cm" fo:margin-right="2cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-bottom="0.4cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.4cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="justify" fo:text-indent="1cm"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0.4cm"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Centre" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/>
 </style:style>
 <style:style style:name="Small" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="10pt" fo:font-style="italic"/>
 </style:style>
 <style:style style:name="Break" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">{header}{footer}</style:master-page>
</office:master-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body>
</office:document>
"""

    def pdf(self, tmp: Path, stem: str = "doc") -> Path:
        source = tmp / f"{stem}.fodt"
        source.write_text(self.fodt(), encoding="utf-8")
        return soffice_convert(source, "pdf")


def soffice_convert(source: Path, target: str, outdir: Path | None = None) -> Path:
    """`soffice --headless --convert-to` with a profile of its own (parallel runs would share one)."""
    soffice = require_tool("soffice")
    outdir = outdir or source.parent
    profile = outdir / ".lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    out = outdir / f"{source.stem}.{target.split(':')[0]}"
    assert out.exists(), f"soffice made no {out.name}"
    return out


def _table(left: list[str], right: list[str]) -> str:
    def cell(lines: list[str]) -> str:
        paras = "".join(f'<text:p text:style-name="Centre">{escape(line)}</text:p>' for line in lines)
        return f"<table:table-cell>{paras}</table:table-cell>"

    return (
        '<table:table table:name="Header"><table:table-column table:number-columns-repeated="2"/>'
        f"<table:table-row>{cell(left)}{cell(right)}</table:table-row></table:table>"
    )


def _inline(text: str) -> str:
    """`\\n` inside a paragraph is a forced line break (a Word user's Shift+Enter)."""
    return "<text:line-break/>".join(escape(part) for part in text.split("\n"))
