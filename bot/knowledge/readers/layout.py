"""From positioned pieces of text on pages to paragraphs, one per line: the geometry shared by the PDF
text layer and OCR.

What a printed Party document does to its text, undone here:
- the header is a two-column table (issuer, "*", number on the left; "ĐẢNG CỘNG SẢN VIỆT NAM" and
  the date on the right), and so is the signature block: such a block is read left column first;
- every page repeats a running header and a page number ("Trang 3/12", "- 3 -"): dropped;
- paragraphs are justified and hard-wrapped; a line is joined to the next when the next line's
  first word would not have fitted at its end; a break after a hyphen keeps the hyphen
  ("98-\\nKH/TU" → "98-KH/TU"), a soft hyphen is removed.

Coordinates are PDF points with y growing upwards; OCR converts its pixels before calling in.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from bot.knowledge.cleaning import STRUCTURE_START

SOFT_HYPHEN = "\u00ad"

# A page number alone on its line: "3", "- 3 -", "Trang 3", "Trang 3/12", "3/12", "Page 3 of 12".
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:(?:trang|page)\s*)?\d{1,4}(?:\s*(?:/|of|trên)\s*\d{1,4})?[-–—\s]*$", re.I)
_DIGITS = re.compile(r"\d+")
_MARGIN_SHARE = 0.15  # running headers and footers sit in the top and bottom 15% of a page
_MARGIN_LINES = 3  # … among the first and last three lines
_MAX_NUMBERED_HEADER = 80  # characters
_MAX_BOLD_HEADING = 300  # characters; the cleaner's limit for a bold line being a heading


@dataclass(frozen=True)
class Segment:
    """A run of text on one line of a page, with its box."""

    text: str
    left: float
    bottom: float
    right: float
    top: float
    bold: bool = False


@dataclass
class Page:
    width: float
    height: float
    segments: list[Segment]


@dataclass
class Line:
    """A visual line, or one column's part of it inside a two-column block."""

    segments: list[Segment]
    page: int
    in_block: bool = False  # part of a two-column block: never joined to its neighbours
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.segments.sort(key=lambda s: s.left)
        text = ""
        previous: Segment | None = None
        for seg in self.segments:
            part = seg.text.strip()
            if not part:
                continue
            # Runs that touch are one word cut by a change of font ("Điề" + bold "u"); others are apart.
            touching = previous is not None and seg.left - previous.right < 0.1 * (seg.top - seg.bottom)
            text += part if not text or touching else " " + part
            previous = seg
        self.text = text

    @property
    def bold(self) -> bool:
        return all(s.bold for s in self.segments)

    @property
    def left(self) -> float:
        return min(s.left for s in self.segments)

    @property
    def right(self) -> float:
        return max(s.right for s in self.segments)

    @property
    def top(self) -> float:
        return max(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return min(s.bottom for s in self.segments)

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)

    @property
    def char_width(self) -> float:
        return max((self.right - self.left) / max(len(self.text), 1), 1.0)


@dataclass
class _PageFrame:
    """Where a page's text runs: its left and right edges and its usual line pitch."""

    left: float
    right: float
    pitch: float


def paragraphs(pages: list[Page]) -> list[str]:
    """The pages' text as paragraphs in reading order, furniture dropped, NFC."""
    per_page = [_reading_order(page, number) for number, page in enumerate(pages)]
    per_page = _drop_furniture(per_page, pages)
    frames = [_frame(lines) for lines in per_page]
    stream = [line for lines in per_page for line in lines if line.text]
    out: list[tuple[str, bool]] = []  # paragraph, wholly bold
    previous: Line | None = None
    for line in stream:
        text = unicodedata.normalize("NFC", line.text)
        if previous is not None and out and _continues(previous, line, frames[previous.page], frames[line.page]):
            out[-1] = (_join(out[-1][0], text), out[-1][1])
        else:
            out.append((text, line.bold))
        previous = line
    # A paragraph wholly in bold is the cleaner's `**…**`: usually a heading ("**I. MỤC ĐÍCH**").
    paragraphs = [(_strip_soft_hyphens(text).strip(), bold) for text, bold in out]
    return [f"**{text}**" if bold and len(text) <= _MAX_BOLD_HEADING else text for text, bold in paragraphs if text]


def _reading_order(page: Page, number: int) -> list[Line]:
    """Visual lines top to bottom; a run of lines that stay clear of the page's middle is a
    two-column block and is read left column first."""
    lines = _visual_lines(page.segments, number)
    if not lines:
        return []
    middle = (min(line.left for line in lines) + max(line.right for line in lines)) / 2
    out: list[Line] = []
    block: list[tuple[Line | None, Line | None]] = []
    for line in lines:
        halves = _halves(line, middle)
        if halves is None:
            out.extend(_read_block(block))
            block = []
            out.append(line)
        else:
            block.append(halves)
    out.extend(_read_block(block))
    return out


def _visual_lines(segments: list[Segment], page: int) -> list[Line]:
    """Segments grouped into lines by vertical overlap, top to bottom."""
    lines: list[list[Segment]] = []
    for seg in sorted((s for s in segments if s.text.strip()), key=lambda s: (-s.top, s.left)):
        for group in reversed(lines[-3:]):
            bottom = min(s.bottom for s in group)
            top = max(s.top for s in group)
            overlap = min(top, seg.top) - max(bottom, seg.bottom)
            if overlap > 0.5 * min(top - bottom, seg.top - seg.bottom):
                group.append(seg)
                break
        else:
            lines.append([seg])
    return [Line(group, page) for group in lines]


def _halves(line: Line, middle: float) -> tuple[Line | None, Line | None] | None:
    """(left part, right part) of a line that leaves the page's middle empty; None if it crosses it."""
    left = [s for s in line.segments if s.right < middle]
    right = [s for s in line.segments if s.left > middle]
    if len(left) + len(right) != len(line.segments):
        return None
    return (Line(left, line.page, True) if left else None, Line(right, line.page, True) if right else None)


def _read_block(block: list[tuple[Line | None, Line | None]]) -> list[Line]:
    """A header or signature block is read left column, then right column. A long run where every
    line has both halves is a table of rows, read row by row; a run of left-only lines is body text
    (the short last lines of paragraphs), left as it is."""
    first_right = next((i for i, (_, right) in enumerate(block) if right is not None), len(block))
    # Left-only lines before the block proper are the short last lines of paragraphs.
    tails = [_unblocked(left) for left, _ in block[:first_right] if left is not None]
    block = block[first_right:]
    if not block:
        return tails
    if len(block) > 6 and all(left is not None and right is not None for left, right in block):
        return tails + [part for pair in block for part in pair if part is not None]
    return tails + [left for left, _ in block if left is not None] + [right for _, right in block if right is not None]


def _unblocked(line: Line) -> Line:
    return Line(line.segments, line.page)


def _drop_furniture(per_page: list[list[Line]], pages: list[Page]) -> list[list[Line]]:
    """Remove running headers/footers (the same line, digits aside, in the margin of most pages)
    and page numbers."""

    def margin(lines: list[Line], page: Page) -> list[Line]:
        """The few lines at the top and at the foot of a page that a wider gap than a line's
        spacing sets apart from the body."""
        by_height = sorted(lines, key=lambda line: -line.top)
        top = _band(by_height, lambda line: line.top > page.height * (1 - _MARGIN_SHARE))
        foot = _band(by_height[::-1], lambda line: line.bottom < page.height * _MARGIN_SHARE)
        return top + foot

    candidates = [margin(lines, page) for lines, page in zip(per_page, pages, strict=True)]
    counts = Counter(key for lines in candidates for key in {_furniture_key(line.text) for line in lines})
    with_text = sum(1 for lines in per_page if lines)
    repeated = {key for key, n in counts.items() if with_text >= 2 and n >= max(2, with_text / 2)}
    out = []
    for lines, edge in zip(per_page, candidates, strict=True):
        dropped = {id(line) for line in edge if _PAGE_NUMBER.match(line.text) or _furniture_key(line.text) in repeated}
        out.append([line for line in lines if id(line) not in dropped])
    return out


def _band(lines: list[Line], in_margin) -> list[Line]:
    """The first lines (from the page's edge inwards) up to the first wide gap, if they are few
    and all in the margin; [] when the body starts right at the edge."""
    for i, line in enumerate(lines[: _MARGIN_LINES + 1]):
        if not in_margin(line):
            return []
        if i + 1 < len(lines):
            following = lines[i + 1]
            gap = max(line.bottom - following.top, following.bottom - line.top)
            if gap > 0.8 * min(line.height, following.height):
                return lines[: i + 1] if i < _MARGIN_LINES else []
        else:
            return lines[: i + 1]
    return []


def _furniture_key(text: str) -> str:
    """Lines equal but for their digits are the same running header ("Trang 3" / "Trang 4") when
    short; a long line is body text and must repeat exactly (numbered items can differ by digits)."""
    text = " ".join(text.lower().split())
    return _DIGITS.sub("#", text) if len(text) <= _MAX_NUMBERED_HEADER else text


def _frame(lines: list[Line]) -> _PageFrame:
    flow = [line for line in lines if not line.in_block]
    wide = [line for line in flow if len(line.text) >= 30] or flow or lines
    if not wide:
        return _PageFrame(0, 0, 0)
    pitches = [a.top - b.top for a, b in itertools.pairwise(flow) if 0 < a.top - b.top < 3 * a.height]
    return _PageFrame(
        left=min(line.left for line in wide),
        right=max(line.right for line in wide),
        pitch=statistics.median(pitches) if pitches else 0.0,
    )


def _continues(line: Line, following: Line, frame: _PageFrame, next_frame: _PageFrame) -> bool:
    """Whether `following` carries on the paragraph that `line` ends."""
    if line.in_block or following.in_block or not following.text or line.bold != following.bold:
        return False
    if STRUCTURE_START.match(following.text) or not (following.text[0].isalnum() or following.text[0] in "(“\"'"):
        return False
    if following.page == line.page:
        gap = line.top - following.top
        if gap <= 0 or (frame.pitch and gap > 1.4 * frame.pitch):
            return False  # a column jump, or the space between paragraphs
        if following.left > line.left + 2 * line.char_width and following.left > frame.left + 2 * line.char_width:
            return False  # an indented first line starts a paragraph
    elif following.left > next_frame.left + 2 * following.char_width:
        return False  # a new page that opens with an indented first line
    if _ends_with_hyphen(line.text) and line.right > frame.left + 0.6 * (frame.right - frame.left):
        return True
    first_word = following.text.split()[0]
    room = frame.right - line.right
    return room < (len(first_word) + 1) * following.char_width


def _ends_with_hyphen(text: str) -> bool:
    return len(text) > 1 and text[-1] in "-" + SOFT_HYPHEN and text[-2].isalnum()


def _join(text: str, following: str) -> str:
    if text and text[-1] == SOFT_HYPHEN and len(text) > 1 and text[-2].isalnum():
        return text[:-1] + following  # a word broken by hyphenation: the hyphen was never part of it
    if _ends_with_hyphen(text):
        return text + following  # "98-" + "KH/TU", "Mác-" + "Lênin": Vietnamese hyphens join parts
    return text + " " + following


def _strip_soft_hyphens(text: str) -> str:
    return text.replace(SOFT_HYPHEN, "")
