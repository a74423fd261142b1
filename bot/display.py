"""Document text as a member reads it in a chat: without Markdown marks, under the heading of the
section it belongs to."""

from __future__ import annotations

import re

from bot.knowledge import headings
from bot.knowledge.document import Passage
from bot.knowledge.metadata import sentence_case

# A passage's last heading element is sometimes the khoản/điểm range the chunker packed into it;
# the section a member wants to read is the heading above that.
_ITEM_LABEL = re.compile(rf"^(?:{headings.CLAUSE}|{headings.POINT})\s")


def section_heading(passage: Passage) -> tuple[str, ...]:
    """The heading of the section a passage is read in ("Xem toàn mục"), as shown."""
    section = passage.section
    if section and _ITEM_LABEL.match(section[-1]):
        section = section[:-1]
    return tuple(readable_heading(h) for h in section)


# "A. CÔNG TÁC QUẢN LÝ ĐẢNG VIÊN", "LỄ CHUYỂN GIAO - TIẾP NHẬN": a label, then a title in capitals
_CAPITALS_TITLE = re.compile(r"^((?:[A-ZĐ]|[IVXLC]+|\d+(?:\.\d+)*)[.)]\s+)?(.+)$")


def readable_heading(heading: str) -> str:
    """A heading set in capitals as a sentence, names kept ("A. Công tác kết nạp đảng viên, công nhận
    đảng viên chính thức"): a path of them on a phone reads as shouting. Display only: the index and
    the quotes keep the document's letters."""
    m = _CAPITALS_TITLE.match(heading)
    title = m.group(2) if m else heading
    if not title.isupper() or len(re.findall(r"[^\W\d_]{2,}", title)) < 2:
        return heading  # "Chương I", "A. 58 B. 68 C. 88": no title in capitals
    return (m.group(1) or "" if m else "") + _PARTY_WORD.sub("đảng", sentence_case(title))


# Words made with "đảng" that name no organisation of its own: a member, dues, membership, Party
# affairs, "tổ chức (cơ sở) đảng". sentence_case writes "Đảng" for the Party everywhere; it is left
# so for titles and headings the index reads (changing it there moved near ties, dev_real 0 / 1).
_PARTY_WORD = re.compile(r"(?<=\w )Đảng(?= (?:viên|phí|tịch|vụ)(?!\w))|(?<=tổ chức )Đảng|(?<=cơ sở )Đảng")


def display_text(text: str) -> str:
    """Document text for reading in a chat: Markdown emphasis and heading marks removed."""
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        line = re.sub(r"^#{1,6}\s+", "", line)
        line = line.replace("**", "").replace("__", "")
        if line.startswith("*") and line.endswith("*") and len(line) > 2:
            line = line[1:-1].strip()
        lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
