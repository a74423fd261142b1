"""Structure-aware passages: each piece of a document that a member can read in a chat, with its place.

Party and state documents are built from Phần / Chương / Mục / Điều, numbered khoản ("1."),
lettered điểm ("a)"), Roman sections ("II."), steps ("Bước 02:") and Markdown headings. We follow
that structure so a passage is one rule with its heading path ("Chương I › Điều 5 › khoản 1"),
and a list item keeps the sentence that introduces the list, because "3. Liên hệ chặt chẽ với
nhân dân" means nothing without "Đảng viên có nhiệm vụ:".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.knowledge import headings
from bot.knowledge.document import Document, Passage
from bot.knowledge.metadata import sentence_case

MAX_PASSAGE_CHARS = 1500  # hard limit: longer cannot be quoted in a chat (and never counts as a hit)
TARGET_CHARS = 900  # a passage grows up to this while units fit
MIN_CHARS = 300  # below this a passage may grow past the target to take the next unit
MAX_INTRO_CHARS = TARGET_CHARS  # of a list's intro repeated before its items (see _carried)

# Heading kinds, and their ranks (smaller is outer). Markdown headings rank by their level (1–6).
ANNEX, PART, CHAPTER, SECTION, ROMAN, ARTICLE, STEP, SLIDE, BOLD, NUMBERED, LETTERED = (
    "annex",
    "part",
    "chapter",
    "section",
    "roman",
    "article",
    "step",
    "slide",
    "bold",
    "numbered",
    "lettered",
)
RANK = {
    ANNEX: 2, PART: 2, CHAPTER: 3, SECTION: 4, ROMAN: 5, ARTICLE: 6, STEP: 6, SLIDE: 6, BOLD: 6, NUMBERED: 7,
    LETTERED: 10,
}  # fmt: skip

_MD = re.compile(r"^(#{1,6})\s+(.*)$")
_STRUCTURE = [
    (
        PART,
        re.compile(
            rf"^(?P<label>{headings.PART}\s+(?:thứ\s+\w+|THỨ\s+\w+|{headings.ROMAN}|\d+))\b[.:\-–]?\s*(?P<rest>.*)$"
        ),
    ),
    (CHAPTER, re.compile(rf"^(?P<label>{headings.CHAPTER}\s+{headings.NUMBER})\b[.:\-–]?\s*(?P<rest>.*)$")),
    (SECTION, re.compile(rf"^(?P<label>{headings.SECTION}\s+{headings.NUMBER})\b[.:\-–]?\s*(?P<rest>.*)$")),
    (ARTICLE, re.compile(rf"^(?P<label>{headings.ARTICLE}\s+\d+[a-z]?)\s*[.:\-–]?\s*(?P<rest>.*)$")),
    (STEP, re.compile(rf"^(?P<label>{headings.STEP}\s+\d+)\s*[.:\-–]\s*(?P<rest>.*)$")),
    (SLIDE, re.compile(rf"^(?P<label>{headings.SLIDE}\s+\d+)\s*[.:\-–]?\s*(?P<rest>.*)$")),
    # Stricter than headings.ROMAN: a bare "I." or "C." opens a section only as a well-formed numeral ≤ XXXIX.
    (ROMAN, re.compile(r"^(?P<label>(?:X{0,3}(?:IX|IV|V?I{0,3}))(?<=[IVX]))\s*[.\-–)]\s*(?P<rest>\S.*)$")),
]
# An annex after the signature ("**PHỤ LỤC 01**", "PHỤ LỤC I") opens a part of its own, whatever
# article came before: it holds a regulation's criteria, a plan's list of tasks. A whole line only:
# "Phụ lục 4 ban hành kèm theo Quy định 366 …" is a sentence.
_ANNEX = re.compile(r"(?:PHỤ LỤC|Phụ lục)(?:\s+(?:SỐ|số))?(?:\s+[\dIVXLC]+[a-zA-Z]?)?")
_KHOAN = re.compile(r"^(\d{1,3})\.\s+\S")
_DIEM = re.compile(r"^([a-zđ])\)\s+\S")
_NUMBERED = re.compile(r"^\(?(\d{1,3}(?:\.\d{1,3})*)[.)]\s*\S")
_LETTERED = re.compile(r"^\(?([a-zđ])[).]\s+\S")
_ITEM = re.compile(r"^(?:[-–•+]\s|\(?\d{1,3}(?:\.\d{1,3})*[.)]\s*\S|\(?[a-zđ][).]\s)")
_NOISE_START = re.compile(r"^(?:Nơi nhận|Nơi gửi)\s*:?")
# Signature block titles: headings in form, but part of the foot that "Nơi nhận" starts.
_SIGNATURE = re.compile(
    r"^(?:T/M|TM\.?|K/T|KT\.?|Q\.|PHÓ |CHỦ TỊCH|BÍ THƯ|TRƯỞNG BAN|GIÁM ĐỐC|THỦ TƯỚNG|BỘ TRƯỞNG|CHÁNH VĂN PHÒNG)"
)
# "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH" (on behalf of, signing for): the signature starts, in capitals.
# A web page drops "Nơi nhận", so the signer's title became a section and his name its passage.
_SIGNS_FOR = re.compile(r"^(?:T/M|TM\.|K/T|KT\.)\s+\S")
_SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+(?=[\"“(\-–]?[^\W\d_a-zđ])")


@dataclass
class _Heading:
    rank: int
    text: str
    kind: str


@dataclass
class _Unit:
    """A paragraph, list item, khoản or điểm: the smallest thing a passage is built from."""

    text: str
    start: int
    end: int
    label: str | None = None  # "khoản 2", "khoản 2, điểm a"
    intro: str | None = None  # the sentence ending in ":" that introduces this list item


@dataclass
class _Section:
    path: tuple[str, ...]
    units: list[_Unit] = field(default_factory=list)
    article: bool = False  # inside an Điều: cited by khoản, never merged with a neighbour
    start: int = 0  # offsets of the heading line
    end: int = 0
    slide: str | None = None  # the deck's slide it is on: small sections merge only within a slide

    @property
    def size(self) -> int:
        return sum(len(u.text) + 1 for u in self.units)


def chunk(doc: Document) -> list[Passage]:
    """Passages of a document, in reading order."""
    passages: list[Passage] = []
    for section in _merge_small(_sections(doc.text)):
        for text, labels, start, end in _pack(section.units):
            path = section.path + ((_label_range(labels),) if labels else ())
            passages.append(Passage(doc=doc, section=path, text=text, start=start, end=end))
    return passages


def _sections(text: str) -> list[_Section]:
    """Split the document at headings; each section's lines become units with khoản/điểm labels."""
    stack: list[_Heading] = []
    sections: list[_Section] = [_Section(())]
    in_noise = False
    offset = 0
    khoan: str | None = None
    intros = _Intros()
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        line = line.strip()
        if not line:
            continue
        bare = line.strip("*").strip()
        if _SIGNS_FOR.match(bare) and bare == bare.upper():
            in_noise = True  # until a heading after the signature: an annex, the rules a decision issues
            continue
        heading = _heading(line, inside_article=any(h.kind == ARTICLE for h in stack))
        if heading and in_noise and heading.heading.kind == BOLD and _SIGNATURE.match(heading.heading.text):
            continue
        if heading:
            in_noise = False
            heading_obj, content = heading.heading, heading.content
            if _title_only(heading_obj, stack, sections):
                stack[-1].text += ". " + sentence_case(heading_obj.text)
                sections[-1].path = tuple(h.text for h in stack)
                continue
            while stack and stack[-1].rank >= heading_obj.rank:
                stack.pop()
            stack.append(heading_obj)
            in_article = any(h.kind == ARTICLE for h in stack)
            slide = next((h.text for h in stack if h.kind == SLIDE), None)
            sections.append(
                _Section(tuple(h.text for h in stack), article=in_article, start=start, end=end, slide=slide)
            )
            khoan, intros = None, _Intros()
            if not content:
                continue
            line = content
        if _NOISE_START.match(line):
            in_noise = True
        if in_noise:
            continue
        body = line[2:-2].strip() if line.startswith("**") and line.endswith("**") else line
        in_article = any(h.kind == ARTICLE for h in stack)
        if in_article and (clause := _KHOAN.match(body)):
            khoan = f"{headings.CLAUSE} {clause.group(1)}"
        label = khoan
        if in_article and (item := _DIEM.match(body)):
            point = f"{headings.POINT} {item.group(1)}"
            label = f"{khoan}, {point}" if khoan else point
        intro = _carried(intros.next(body, in_article))
        sections[-1].units.append(_Unit(body, start, end, label if in_article else None, intro))
    return sections


def _merge_small(sections: list[_Section]) -> list[_Section]:
    """Let a section too small to stand alone run on into the next, its heading becoming a line.

    Web pages cut text into many tiny sections ("Căn cứ … quy định như sau:" then a heading, then
    the rule; forms listed one heading each); alone, each is a fragment no one can read as an answer.
    Articles (Điều) are rules in their own right and are never merged; a lecture deck's slide is a
    unit of its own too ("Trang chiếu 3. Ba đột phá chiến lược"), whatever its size: slides run on
    into each other lost the first one's title from both the path and the text.
    """
    out: list[_Section] = []
    # per section of `out`, the path of the last section merged into it: the headings its lines
    # already show, so "19. Khen thưởng" is not repeated above "19.2" and again above "a)"
    shown: list[tuple[str, ...]] = []
    for section in sections:
        if out and not out[-1].units:
            out.pop()  # a heading with nothing under it lives on in its subsections' paths
            shown.pop()
        previous = out[-1] if out else None
        if (
            previous
            and previous.units
            and not previous.article
            and not section.article
            and previous.slide == section.slide
            and previous.size < MIN_CHARS
        ):
            heading = section.path[len(_common_prefix(shown[-1], section.path)) :]
            units = [_Unit(" › ".join(heading), section.start, section.end)] if heading else []
            common = _common_prefix(previous.path, section.path)
            out[-1] = _Section(
                common, previous.units + units + section.units, False, previous.start, previous.end, previous.slide
            )
            shown[-1] = section.path
        else:
            out.append(section)
            shown.append(section.path)
    return [s for s in out if s.units]


def _common_prefix(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


class _Intros:
    """The sentences ending in ":" that introduce the list items now being read.

    Two levels: a paragraph introduces numbered items ("Đảng viên có nhiệm vụ:" → "1. …"), and a
    numbered item ending in ":" introduces its own bullets and lettered points.
    """

    def __init__(self) -> None:
        self.outer: str | None = None
        self.inner: str | None = None

    def next(self, body: str, in_article: bool) -> str | None:
        """Record `body` and return the intro that applies to it (None for a plain paragraph).

        Inside an Điều, a plain paragraph after "1." continues that khoản, so the Điều's lead-in
        still introduces "2."; elsewhere a plain paragraph ends the list.
        """
        if _NUMBERED.match(body):
            self.inner = body if body.endswith(":") else None
            return self.outer
        if _ITEM.match(body):
            return self.inner or self.outer
        if body.endswith(":"):
            self.outer, self.inner = body, None
        elif not (in_article and self.outer):
            self.outer = self.inner = None
        return None


@dataclass
class _Found:
    heading: _Heading
    content: str | None = None  # text on the heading's line that is body, not title


def _heading(line: str, inside_article: bool) -> _Found | None:
    md = _MD.match(line)
    bold = line.startswith("**") and line.endswith("**") and len(line) > 4
    text = md.group(2).strip() if md else (line[2:-2].strip() if bold else line.strip())
    if not text:
        return None
    if _ANNEX.fullmatch(text):
        return _Found(_Heading(RANK[ANNEX], text, ANNEX))
    for kind, pattern in _STRUCTURE:
        m = pattern.match(text)
        if not m:
            continue
        rest = m.group("rest").strip().strip("*").strip()
        if kind == ROMAN and not (md or bold or text.isupper() or len(text) <= 120):
            break
        rank = len(md.group(1)) if md else RANK[kind]
        if _is_title(rest):
            return _Found(_Heading(rank, _join_label(m.group("label"), sentence_case(rest)), kind))
        if kind == ROMAN:
            break
        return _Found(_Heading(rank, m.group("label"), kind), content=rest or None)
    if md:
        return _Found(_Heading(len(md.group(1)), text, BOLD))
    if inside_article:
        return None
    numbered = _NUMBERED.match(text)
    if numbered and _is_title(text) and (bold or len(text) <= 100):
        depth = numbered.group(1).count(".")
        return _Found(_Heading(RANK[NUMBERED] + depth, text, NUMBERED))
    lettered = _LETTERED.match(text)
    if lettered and _is_title(text) and len(text) <= 100:
        return _Found(_Heading(RANK[LETTERED], text, LETTERED))
    if (bold or (text.isupper() and len(text) >= 4)) and _is_title(text) and not _ITEM.match(text):
        return _Found(_Heading(RANK[BOLD], text, BOLD))
    return None


def _is_title(text: str) -> bool:
    """A heading's title is short and is not a sentence."""
    return len(text) <= 160 and not re.search(r"[.;,]\s*$", text)


def _join_label(label: str, title: str) -> str:
    return f"{label}. {title}" if title else label


def _title_only(heading: _Heading, stack: list[_Heading], sections: list[_Section]) -> bool:
    """ "Chương I" then "ĐẢNG VIÊN" on its own line: the second is the first's title, not a new section."""
    if not stack or sections[-1].units or heading.kind != BOLD:
        return False
    top = stack[-1]
    if top.kind == ANNEX:  # "PHỤ LỤC 01" then "DANH MỤC CÁC NHIỆM VỤ …", once
        return _ANNEX.fullmatch(top.text) is not None
    return top.kind in (PART, CHAPTER, SECTION, ARTICLE) and re.fullmatch(r"\S+\s+\S+", top.text) is not None


def _pack(units: list[_Unit]) -> list[tuple[str, list[str], int, int]]:
    """Group units into passages of TARGET_CHARS; a list item that opens a passage brings its intro."""
    pieces = [piece for unit in units for piece in _split_long(unit)]
    out: list[tuple[str, list[str], int, int]] = []
    lines: list[str] = []
    labels: list[str] = []
    start = end = 0
    size = 0
    whole_article = False  # text outside any khoản: the passage is cited as the whole Điều
    for unit in pieces:
        grown = size + len(unit.text) + 1
        fits = grown <= TARGET_CHARS or (size < MIN_CHARS and grown <= 1200)
        if lines and not fits:
            out.append(("\n".join(lines), [] if whole_article else labels, start, end))
            lines, labels, size, whole_article = [], [], 0, False
        if not lines:
            start = unit.start
            if unit.intro and unit.intro != unit.text:
                lines.append(unit.intro)
                size += len(unit.intro) + 1
        lines.append(unit.text)
        size += len(unit.text) + 1
        end = unit.end
        if unit.label is None:
            whole_article = True
        elif unit.label not in labels:
            labels.append(unit.label)
    if lines:
        out.append(("\n".join(lines), [] if whole_article else labels, start, end))
    return [(text[:MAX_PASSAGE_CHARS], labels, s, e) for text, labels, s, e in out]


def _carried(intro: str | None) -> str | None:
    """What of a list's intro each item's passage repeats: all of it, unless longer than a
    passage should be; then its last sentences within MAX_INTRO_CHARS, the one ending in ":" that
    says what the items are. A paragraph longer than a passage ending in "… như sau:" left its items
    no room, and they were lost from the index (with _split_long's floor, see there)."""
    if intro is None or len(intro) <= MAX_INTRO_CHARS:
        return intro
    sentences = [s for s in _SENTENCE_END.split(intro) if s]
    kept = sentences[-1]
    for sentence in reversed(sentences[:-1]):
        if len(sentence) + 1 + len(kept) > MAX_INTRO_CHARS:
            break
        kept = f"{sentence} {kept}"
    if len(kept) > MAX_INTRO_CHARS:  # one long sentence: its end, from a word
        kept = "…" + kept[-MAX_INTRO_CHARS:].split(" ", 1)[-1]
    return kept


def _split_long(unit: _Unit) -> list[_Unit]:
    """Cut a unit that is too long to quote at sentence boundaries (then at clauses, then words)."""
    # never below MIN_CHARS: a budget of nothing cut an item behind a long intro into no pieces at all
    budget = max(TARGET_CHARS - (len(unit.intro) + 1 if unit.intro else 0), MIN_CHARS)
    if len(unit.text) <= budget:
        return [unit]
    parts = _cut(
        unit.text, budget, [_SENTENCE_END, re.compile(r"(?<=[;:])\s+"), re.compile(r"(?<=,)\s+"), re.compile(r"\s+")]
    )
    return [_Unit(p, unit.start, unit.end, unit.label, unit.intro) for p in parts]


def _cut(text: str, budget: int, separators: list[re.Pattern]) -> list[str]:
    if len(text) <= budget or not separators:
        return [text] if len(text) <= budget else [text[i : i + budget] for i in range(0, len(text), budget)]
    pieces = [p for p in separators[0].split(text) if p]
    out: list[str] = []
    for piece in pieces:
        if len(piece) > budget:
            out.extend(_cut(piece, budget, separators[1:]))
        elif out and len(out[-1]) + 1 + len(piece) <= budget:
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


def _label_range(labels: list[str]) -> str:
    """["khoản 2", "khoản 3"] → "khoản 2–3"; ["khoản 1, điểm a", "khoản 1, điểm b"] → "khoản 1, điểm a–b"."""
    if len(labels) == 1:
        return labels[0]
    khoans = list(dict.fromkeys(label.split(", ")[0] for label in labels))
    if len(khoans) > 1:
        first, last = khoans[0].split()[-1], khoans[-1].split()[-1]
        return f"khoản {first}–{last}" if khoans[0].startswith("khoản") else khoans[0]
    points = [label.split("điểm ")[-1] for label in labels if "điểm" in label]
    if len(points) < len(labels) or not points:
        return khoans[0]
    return f"{khoans[0]}, điểm {points[0]}–{points[-1]}"
