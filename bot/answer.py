"""How an answer is worded: citations, section paths, the no-answer message. Shared by every front end.

The Telegram layer renders the same pieces as HTML; `render_plain` is what `python -m bot ask` prints.
"""

from __future__ import annotations

from bot.knowledge.document import Document, Passage
from bot.search.engine import SearchResult

NO_ANSWER = (
    "Chưa tìm thấy nội dung phù hợp trong các văn bản hiện có.\n"
    "Gợi ý: dùng từ ngữ như trong văn bản (ví dụ «kết nạp đảng viên», «chuyển đảng chính thức»), "
    "ghi số hiệu văn bản nếu biết (ví dụ «QĐ 294», «98-KH/TU»), hoặc xem danh sách văn bản bằng lệnh /vanban."
)


# Longest shown length of each citation part: the front matter and the header detection may hand
# us anything (a 3,900-character title), and a citation must leave room for the passage it cites.
NAME_CHARS = 150
ISSUER_CHARS = 150
DATE_CHARS = 30
SUBTITLE_CHARS = 300
SECTION_CHARS = 300


def capped(text: str, limit: int) -> str:
    """`text` on one line and at most `limit` characters, cut at a word with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


def format_date(iso: str | None) -> str | None:
    """"2023-05-10" → "10/05/2023", as dates are written in Vietnamese documents."""
    if not iso or len(iso) < 10:
        return iso
    if len(iso) > 10 and not iso[10:11] in ("T", " "):
        return capped(iso, DATE_CHARS)
    year, month, day = iso[:4], iso[5:7], iso[8:10]
    return f"{day}/{month}/{year}"


def document_name(doc: Document) -> str:
    """"Kế hoạch 98-KH/TU" when the document has a number, else its title."""
    if doc.symbol:
        return capped(f"{doc.type or 'Văn bản'} {doc.symbol}", NAME_CHARS)
    return capped(doc.title, NAME_CHARS)


def citation_parts(doc: Document) -> list[str]:
    """["Kế hoạch 98-KH/TU", "ngày 10/05/2023", "Ban Thường vụ Tỉnh ủy"]: the citation, piece by piece,
    for front ends that set the document's name apart (Telegram puts it in bold)."""
    parts = [document_name(doc)]
    if doc.issued:
        parts.append(f"ngày {format_date(doc.issued)}")
    if doc.issuer:
        parts.append(capped(doc.issuer, ISSUER_CHARS))
    return parts


def citation(doc: Document) -> str:
    """"Kế hoạch 98-KH/TU, ngày 10/05/2023, Ban Thường vụ Tỉnh ủy"."""
    return ", ".join(citation_parts(doc))


def subtitle(doc: Document) -> str | None:
    """The title, when the citation line does not already show it."""
    return capped(doc.title, SUBTITLE_CHARS) if doc.symbol and doc.title != document_name(doc) else None


SECTION_PREFIX = "Mục: "


def section_label(passage: Passage) -> str | None:
    return capped(passage.section_label, SECTION_CHARS) or None


def render_plain(result: SearchResult, count: int = 3) -> str:
    """The answer as plain text, exactly as the bot words it."""
    if not result.answered or not result.hits:
        return NO_ANSWER
    blocks = []
    for n, hit in enumerate(result.hits[:count], 1):
        doc = hit.passage.doc
        lines = [f"[{n}] {citation(doc)}"]
        if subtitle(doc):
            lines.append(f"    {subtitle(doc)}")
        if section_label(hit.passage):
            lines.append(f"    {SECTION_PREFIX}{section_label(hit.passage)}")
        lines.append("")
        lines.append(hit.passage.text)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
