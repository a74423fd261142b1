"""From a file as it came off a portal to clean lines: no banners, no table pipes, no hard wraps.

The output is a small Markdown dialect the chunker reads: one logical line per line, `#` headings
as in the source, a line that was wholly bold kept as `**…**` (it is usually a heading), and no
other markup. Everything here is about what the real files in ../shared/data/party_corpus do.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from bot.knowledge import headings
from bot.vietnamese import CAPITALS

# Site furniture that is never part of a document: thuvienphapluat.vn banners and log-in notices,
# Wikipedia edit links, page footers. Each pattern removes a span of the raw text.
_BOILERPLATE_SPANS = [
    re.compile(r"Bản dịch này thuộc quyền sở hữu của.{0,400}?Intellectual Property\.", re.S),
    re.compile(r"(?:^X\s*\n)?\*\*\s*\n?CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI, HƯỚNG DẪN.{0,400}?xem chi tiết\.", re.S | re.M),
    re.compile(r"\[sửa \| sửa mã nguồn\]"),
    # thuvienphapluat.vn's footer: the page's title, this notice, the title again with its date
    re.compile(r"^[^\n]*\n+Văn bản này chưa cập nhật nội dung Tiếng Anh\n+[^\n]*$", re.M),
    re.compile(r"!\[[^\]]*\]\([^)]*\)"),  # images
]
_BOILERPLATE_LINE = re.compile(
    r"Quý [Kk]hách|Quý Thành viên|THƯ VIỆN PHÁP LUẬT|Đang tải văn bản|^Giờ tham quan$|^Địa chỉ$"
    r"|^Liên kết website$|^Nội dung chính$|^Mục lục$|^\(?Hình từ Internet\)?$"
    r"|^(?:NÓNG|Nóng|MỚI|Mới|HOT|Hot)\s*:"  # a portal's ticker of its other articles
    # a page's buttons and links to its other pages: "Click vào phần bôi vàng…", "Tải về Mẫu 2C…",
    # ">> Tổng hợp các Nghị quyết…", "Xem thêm: …"
    r"|^Click\b|^Tải (?:về|file|mẫu|trọn bộ)\b|^>>|^Xem (?:thêm|chi tiết|và tải)\b"
    # a portal's links to its other articles inside the article's box: "Tin cùng chuyên mục: …"
    r"|^(?:Tin|Bài(?: viết)?) (?:cùng chuyên mục|liên quan|khác)\s*:"
    # its disclaimer, which restates the page's title: "Thông tin về "…" chỉ mang tính chất tham khảo."
    r"|(?:chỉ )?mang tính chất tham khảo\W*$"
    r"|tại đây\s*>+\s*tải về\W*$",  # "Tải thông tin … đầy đủ tại đây >>>tải về"
)
# A download button's verb, left out of a page's headline: "Tải file Kết luận 221 …" names "Kết luận 221 …".
_DOWNLOAD = re.compile(r"^Tải\s+(?:về\s+|xuống\s+)?(?:file\s+(?:word\s+|excel\s+|pdf\s+)?)?", re.I)
# Sections that are lists of links and citations, not content: Wikipedia's, and thuvienphapluat.vn's
# "Văn bản liên quan" (other documents' dates, its comparison help, the company's address).
_DROPPED_SECTIONS = re.compile(
    r"^(Tham khảo|Chú thích|Liên kết ngoài|Xem thêm|Đọc thêm|Ghi chú|Văn bản liên quan"
    r"|Tin liên quan|Tin cùng chuyên mục|Bài viết liên quan|Tin khác)\s*:?\s*$"
)

# Reference marks a page sets after a word: Wikipedia's "…năm 1930.[19]", "[a]", "[cần dẫn nguồn]", a
# portal's footnote "quy định[1]". They are not the document's words: a member read "…Tổng Bí thư đầu
# tiên.[19]" as the answer, and the search read "19". At a line's start "[1] …" numbers an item or
# begins a footnote's own text: it stays, as "(1) …" (_BRACKET_NUMBER).
_REFERENCE_MARK = re.compile(
    r"(?<=[^\s\[])\[(?:\d{1,3}|[a-z]|(?:Ghi chú|note)\s*\d{1,3}|\s*cần dẫn nguồn|\*?\s*liên kết hỏng\*?|sửa mã nguồn)\]"
)
# …and those a page's layout pushed to the front of the next line ("[32]### Trong kháng chiến…",
# "[52]còn hiện tại…", "[7] - Năm 1982…") or onto a line of their own.
_STRAY_MARK = re.compile(r"^\[\d{1,3}\](?:\s*$|(?=[^\s:])|\s+(?=[-–•]\s))")

# Bold set against a word with no space ("Chủ tịch nước**là Nguyên thủ", "Việt Nam.**Chủ tịch"): a
# page's spacing lost in its conversion. Dropped like other bold, it glued two words into one the
# search cannot read ("nướclà"); it parts them. Bold inside a word ("*g**iải thích") is left alone.
_GLUED_BOLD = re.compile(r"(?:(?<=[^\W\d_]{2})|(?<=[.,;:!?]))\*\*(?=[^\W\d_]{2})")

# "[1] Cơ bản thống nhất …" numbers an item (or a footnote's text): "(1) …", which reads as the
# document's numbering, not as the reply's "[1]" for its first result.
_BRACKET_NUMBER = re.compile(r"^\[(\d{1,3})\]\s+")

_MD_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_ONLY_PUNCT = re.compile(r"^[\W_]*$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")

# A line that starts a new unit of structure: never glued to the line before it.
STRUCTURE_START = re.compile(
    r"^(?:#|\*\*|[-–•+*]\s|\(?\d{1,3}(?:\.\d{1,3})*[.)]|\(?[a-zđ][).]\s|[IVX]{1,5}\s*[-.–)]\s"
    rf"|(?:{headings.HEADING_WORD_EITHER_CASE}|Câu hỏi|Câu)\s+[\dIVXLCivxlc]"
    r"|Căn cứ|Nơi nhận|T/M|K/T|TM\.|KT\.|Ghi chú|Lưu ý)"
)
_ENDS_SENTENCE = re.compile(r"[.:!?…][\"”’)]?\s*$")


def clean(raw: str) -> str:
    """The text of a file as logical lines in the chunker's Markdown dialect."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    for span in _BOILERPLATE_SPANS:
        text = span.sub("\n", text)
    lines = _join_bold_spans(text.split("\n"))
    first = next((i for i, line in enumerate(lines) if line.strip()), -1)
    lines = [_clean_line(line, headline=i == first) for i, line in enumerate(lines)]
    lines = _drop_link_sections(lines)
    lines = _quiz_answers(lines)
    return "\n".join(_unwrap(lines))


def _join_bold_spans(lines: list[str]) -> list[str]:
    """Glue lines that sit inside one `**…**` span ("**BAN CHẤP HÀNH\nTRUNG ƯƠNG**").

    Only a line that opens with an unclosed `**` starts a span, and a span is short: stray
    asterisks elsewhere ("*Lưu ý**:") must not swallow the paragraphs after them.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("**") and line.count("**") % 2 == 1:
            end = next(
                (j for j in range(i + 1, min(i + 5, len(lines))) if "**" in lines[j] or lines[j].startswith("#")),
                None,
            )
            if end is not None and "**" in lines[end] and not lines[end].startswith("#"):
                out.append(" ".join(part.strip() for part in lines[i : end + 1]))
                i = end + 1
                continue
        out.append(line)
        i += 1
    return out


def _clean_line(line: str, headline: bool = False) -> str:
    """One raw line without table pipes, links and inline emphasis; "" when nothing is left.

    A page's headline (its first line, a "# …" heading) is its title even when it reads like one of
    its buttons: "# Tải file Kết luận 221-KL/TW …" names the page, and dropped, the page was named by
    its first sentence ("Căn cứ tại tiểu mục 19.2 … như sau:")."""
    line = line.strip()
    if not line or _TABLE_RULE.match(line):
        return ""
    if "|" in line:
        cells = [c.strip() for c in line.strip("|").split("|")]
        line = " – ".join(c for c in cells if c and not _ONLY_PUNCT.match(c))
    line = _LINK.sub(r"\1", line)
    line = _BRACKET_NUMBER.sub(r"(\1) ", _STRAY_MARK.sub("", _REFERENCE_MARK.sub("", line)))
    heading = _MD_HEADING.match(line)
    if heading:
        body = _inline(heading.group(2))
        if headline and heading.group(1) == "#" and body:  # "Tải file Kết luận 221 …": "Kết luận 221 …"
            named = _DOWNLOAD.sub("", body)
            return f"# {named[:1].upper()}{named[1:]}" if named else ""
        return f"{heading.group(1)} {body}" if body and not _BOILERPLATE_LINE.search(body) else ""
    body = _inline(line)
    if not body or _BOILERPLATE_LINE.search(body):
        return ""
    if _is_whole_bold(line) and len(body) <= 300:
        return f"**{body}**"
    if line.startswith("* ") or line.startswith("+ ") or line.startswith("• "):
        return "- " + body[2:].strip() if body[:2] in ("* ", "+ ", "• ") else "- " + body
    return body


def _inline(text: str) -> str:
    text = _EMPHASIS.sub("", _GLUED_BOLD.sub(" ", text))
    text = re.sub(r"\s+", " ", text).strip()
    return "" if _ONLY_PUNCT.match(text) else text


def _is_whole_bold(line: str) -> bool:
    stripped = line.strip().strip("*").strip()
    return line.strip().startswith("**") and line.strip().endswith("**") and "**" not in stripped


def _drop_link_sections(lines: list[str]) -> list[str]:
    """Remove Wikipedia's "Tham khảo", "Liên kết ngoài"… sections, up to the next heading as high."""
    out: list[str] = []
    dropping_level = 0
    for line in lines:
        heading = _MD_HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            if dropping_level and level <= dropping_level:
                dropping_level = 0
            if not dropping_level and _DROPPED_SECTIONS.match(heading.group(2)):
                dropping_level = level
        if not dropping_level:
            out.append(line)
    return out


# A quiz's answer option: "A. 85%", "B) …", "C Khuyến khích …" (some pages drop the dot).
_OPTION = re.compile(rf"^(?:\*\*)?([A-E])(?:[.:)]\s*|\s+(?=[{CAPITALS}\d]))\S")


def _quiz_answers(lines: list[str]) -> list[str]:
    """A quiz item's options ("A. …", "B. …", "C. …", "D. …") reduced to the one the page marks as
    its answer, set in bold, as a plain line.

    Contest answer pages ("Đáp án Cuộc thi tìm hiểu Nghị quyết …") bold the right option. Kept as
    is, the bold option was read as a heading (it took the question's place and never reached a
    passage's text), and the wrong options were the only text left to quote: "Chi đầu tư đạt ít
    nhất 6%" answered a question whose answer is 10%. The answer joins its question's line (bold
    too, it was a heading, lost when its one-line section merged into the next), so that a passage
    never holds one without the other. Options none or several of which are bold stay as they are:
    which one is right, the page does not say.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        run = _option_run(lines, i)
        bold = [k for k in run if lines[k].startswith("**")]
        if len(run) >= 3 and len(bold) == 1:
            answer = _unbold(lines[bold[0]])
            asked = next((k for k in range(len(out) - 1, -1, -1) if out[k]), None)
            # a Markdown heading stays one: the answer goes under it
            if asked is not None and not out[asked].startswith("#") and _unbold(out[asked]).endswith(("?", ":")):
                out[asked] = f"{_unbold(out[asked])} {answer}"  # one line: no passage splits them
            else:
                out.append(answer)
            i = run[-1] + 1
            continue
        out.append(lines[i])
        i += 1
    return out


def _unbold(line: str) -> str:
    return line[2:-2].strip() if line.startswith("**") and line.endswith("**") else line


def _option_run(lines: list[str], start: int) -> list[int]:
    """Indexes of the lines from `start` labelled A, B, C… in order (blank lines between), or []."""
    run: list[int] = []
    k = start
    while k < len(lines):
        if not lines[k]:
            k += 1
            continue
        label = _OPTION.match(lines[k])
        if not label or label.group(1) != "ABCDE"[len(run)]:
            break
        run.append(k)
        k += 1
    return run


def _unwrap(lines: list[str]) -> list[str]:
    """Undo hard line wrapping, which portals apply at ~80 columns, sometimes with blank lines between.

    A line is continued by the next when it does not end a sentence and the next does not start a
    unit of structure, and either the next starts in lower case or the document is hard-wrapped
    throughout (then "…của Ban\\nBí thư" is one line too).
    """
    content = [i for i, line in enumerate(lines) if line]
    wrapped = sum(1 for a, b in itertools.pairwise(content) if _continues(lines[a], lines[b]) and lines[b][0].islower())
    hard_wrapped = wrapped >= 3 and wrapped >= 0.1 * len(content)
    out: list[str] = []
    previous_blank = True
    wrapping = False  # the last output line was itself glued from wrapped lines
    last_physical = ""
    for line in lines:
        if not line:
            previous_blank = True
            continue
        glue = (
            out
            and not (len(out) == 1 and previous_blank)  # a document's first line, set apart, is its title
            and _continues(out[-1], line)
            and (
                line[0].islower()
                or (_is_upper(out[-1]) and not previous_blank)  # a title in capitals wrapped over lines
                or (hard_wrapped and not previous_blank)
                or ((hard_wrapped or wrapping) and _looks_wrapped(last_physical))
            )
        )
        if glue:
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
        wrapping = bool(glue)
        last_physical = line
        previous_blank = False
    return out


def _continues(line: str, following: str) -> bool:
    if line.startswith("#") or (line.startswith("**") and line.endswith("**")):
        return False
    if _ENDS_SENTENCE.search(line) or STRUCTURE_START.match(following):
        return False
    if line.endswith(";") and not following[0].islower():
        return False
    if _is_upper(line) != _is_upper(following):  # a capitalised title does not run into the body
        return False
    return following[0].isalnum() or following[0] in "(“\"'"


def _looks_wrapped(line: str) -> bool:
    """A line cut by a wrapping editor is long and ends mid-phrase."""
    return len(line) >= 40 and line[-1].isalnum()


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)
