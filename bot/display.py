"""Document text as a member reads it in a chat: without Markdown marks, under the heading of the
section it belongs to."""

from __future__ import annotations

import re

from bot.knowledge import headings
from bot.knowledge.document import Passage

# A passage's last heading element is sometimes the khoản/điểm range the chunker packed into it;
# the section a member wants to read is the heading above that.
_ITEM_LABEL = re.compile(rf"^(?:{headings.CLAUSE}|{headings.POINT})\s")


def section_heading(passage: Passage) -> tuple[str, ...]:
    """The heading of the section a passage is read in ("Xem toàn mục")."""
    section = passage.section
    if section and _ITEM_LABEL.match(section[-1]):
        return section[:-1]
    return section


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
