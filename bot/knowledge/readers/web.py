"""Web pages saved from a portal (.html/.htm): the article's text, without the site around it.

trafilatura (Apache-2.0 since 1.8; maintained, the best-scoring open extractor in published
evaluations) finds the article and drops menus, tickers, "tin liên quan" boxes, share buttons and
footers. We take its XML, not its Markdown, to keep structure it escapes or flattens: headings
as `#`, lists as `- `, a paragraph wholly in bold as `**…**` (the cleaner's heading), and a
document's two-column header table as the lines the metadata reader expects.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import lxml.etree as etree
import lxml.html
from charset_normalizer import from_bytes  # comes with trafilatura

from bot.knowledge.document import UnreadableFile
from bot.knowledge.readers import Converted

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
# What a fallback reading without trafilatura leaves out: never the article's text.
_FURNITURE_TAGS = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
]
_FURNITURE_CLASS = re.compile(
    r"menu|nav|breadcrumb|related|lien-?quan|share|social|footer|header|sidebar|banner|ticker|marquee|comment|advert|quang-?cao",
    re.I,
)
_MARKS = {**{f"h{n}": "#" * n + " " for n in range(1, 7)}, "li": "- "}
_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "tr",
    "br",
    "blockquote",
    "pre",
    "section",
    "article",
}


def read(data: bytes, name: str) -> Converted:
    if not data.strip():
        raise UnreadableFile("tệp rỗng")
    html = decode(data)
    text = main_text(html)
    if not text.strip():
        raise UnreadableFile("trang web không có nội dung bài viết (chỉ có menu, quảng cáo hoặc trang trống)")
    return Converted(unicodedata.normalize("NFC", text))


def decode(data: bytes) -> str:
    """The page as text: a byte-order mark, else the declared charset, else UTF-8, else a guess
    (Vietnamese pages of the 2000s are often windows-1258, whose tone marks combine)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    declared = _META_CHARSET.search(data[:4096])
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            return unicodedata.normalize("NFC", data.decode(encoding))
        except (LookupError, UnicodeDecodeError):
            continue
    best = from_bytes(data, cp_isolation=["cp1258", "cp1252", "utf_16", "latin_1"]).best()
    if best is not None:
        return unicodedata.normalize("NFC", str(best))
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


def main_text(html: str) -> str:
    """trafilatura's article, unless it is longer than the page without its menus, header, footer
    and sidebars: on a page whose article is very short, trafilatura falls back to the whole body,
    furniture included, and the stripped page is then the better reading. Blocks are separated by
    blank lines, so the cleaner's unwrapping glues none of them together."""
    found = article(html)
    stripped = fallback(html)
    if not found or (stripped and len(found.split()) > 1.2 * len(stripped.split()) + 5):
        return stripped
    return found


def article(html: str) -> str:
    """The main text as trafilatura finds it, in the cleaner's Markdown dialect; "" if none."""
    import trafilatura

    for recall in (False, True):
        xml = trafilatura.extract(
            html,
            output_format="xml",
            include_tables=True,
            include_formatting=True,
            include_links=False,
            include_images=False,
            include_comments=False,
            favor_recall=recall,
            deduplicate=False,
        )
        if xml:
            text = "\n\n".join(_render(etree.fromstring(xml.encode("utf-8"))))
            if text.strip():
                return text
    return ""


def _render(root: etree._Element) -> list[str]:
    main = root.find("main")
    out: list[str] = []
    for element in main if main is not None else root:
        out.extend(_block(element))
    return [line for line in out if line.strip()]


def _block(element: etree._Element) -> list[str]:
    tag = element.tag
    if tag == "head":
        level = (element.get("rend") or "h2").lstrip("h")
        return [f"{'#' * (int(level) if level.isdigit() else 2)} {_text(element)}"]
    if tag == "list":
        return [line for item in element.iter("item") for line in _item(item, element.get("rend") == "ol")]
    if tag == "table":
        return _table(element)
    if tag in ("p", "quote", "code"):
        return _paragraph(element)
    return [_text(element)]


def _paragraph(element: etree._Element) -> list[str]:
    """A paragraph; where the page broke it with <br> (trafilatura's <lb/>) its lines are kept on
    lines of their own but without a blank line between, so the cleaner decides whether the break
    was a hard wrap (glued) or a new item (kept)."""
    lines = _lines(element)
    bold = (
        len(element) == 1
        and element[0].tag == "hi"
        and "#b" in (element[0].get("rend") or "")
        and not (element.text or "").strip()
        and not (element[0].tail or "").strip()
    )
    return ["\n".join(f"**{line}**" if bold else line for line in lines)] if lines else []


def _item(item: etree._Element, numbered: bool) -> list[str]:
    text = _text(item)
    if not text:
        return []
    # Party documents number their own items ("a)", "1."): a bullet would hide that.
    return [text if numbered or re.match(r"^(?:\d{1,3}[.)]|[a-zđ]\))\s", text) else f"- {text}"]


def _table(table: etree._Element) -> list[str]:
    """A header or signature table (cells holding several lines) is read cell by cell, left column
    first, one line each; a table of data keeps its rows as `| a | b |`."""
    rows = [[cell for cell in row if cell.tag == "cell"] for row in table.iter("row")]
    cells = [cell for row in rows for cell in row]
    if any(len(_lines(cell)) > 1 for cell in cells) and max((len(r) for r in rows), default=0) <= 3:
        columns = max(len(r) for r in rows)
        return [line for c in range(columns) for row in rows if c < len(row) for line in _lines(row[c])]
    return ["| " + " | ".join(_text(cell) for cell in row) + " |" for row in rows if any(_text(c) for c in row)]


def _lines(element: etree._Element) -> list[str]:
    """The element's text split where it had paragraphs or line breaks."""
    parts: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            parts.append(line)
        current.clear()

    def walk(node: etree._Element) -> None:
        if node.tag in ("p", "lb", "item", "head") and current:
            flush()
        if node.text:
            current.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if node.tag in ("p", "item", "head"):
            flush()

    walk(element)
    flush()
    return parts


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def fallback(html: str) -> str:
    """The page's text without scripts, menus, headers, footers and sidebars, one block per line:
    for pages trafilatura finds no article in (a bare document saved as HTML)."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    furniture = root.xpath("|".join(f"//{t}" for t in [*_FURNITURE_TAGS, "marquee"]))
    furniture += [
        e
        for e in root.iter()
        if isinstance(e.tag, str)
        and e.tag not in ("table", "tr", "td", "th")
        and _FURNITURE_CLASS.search(f"{e.get('class', '')} {e.get('id', '')}")
    ]
    for element in furniture:
        if element.getparent() is not None:
            element.drop_tree()
    body = root.find("body")
    lines: list[str] = []
    current: list[str] = []
    for event, element in etree.iterwalk(body if body is not None else root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if element.tag in _BLOCK_TAGS:
            lines.append(" ".join("".join(current).split()))
            current.clear()
        if event == "start" and element.tag in _MARKS:
            current.append(_MARKS[element.tag])
        if event == "start" and element.text:
            current.append(element.text)
        if event == "end" and element.tail:
            current.append(element.tail)
    lines.append(" ".join("".join(current).split()))
    return "\n\n".join(line for line in lines if line.strip("#- "))
