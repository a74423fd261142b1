"""Number, type, issuer, date and title from the header of a document, laid out as Party documents are.

A Party document opens with the issuing body top left ("BAN CHẤP HÀNH TRUNG ƯƠNG / BAN TỔ CHỨC"),
"ĐẢNG CỘNG SẢN VIỆT NAM" top right, the number ("Số 45-HD/BTCTW"), place and date ("Hà Nội, ngày
21 tháng 11 năm 2025"), then the type in capitals ("HƯỚNG DẪN") and the subject ("VỀ …"). Pages
saved from thuvienphapluat.vn put a table of the same facts first; news and Q&A pages have only a
title. `split_header` reads whichever is there and returns the body without the header lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.knowledge import headings
from bot.knowledge.symbols import TYPE_NAMES, find_symbols

HEADER_WINDOW = 30  # lines; a document's header never runs longer

DOCUMENT_TYPES = [
    "Nghị quyết", "Quy định", "Quyết định", "Kết luận", "Kế hoạch", "Hướng dẫn", "Chỉ thị",
    "Thông báo", "Thông tri", "Điều lệ", "Chương trình", "Báo cáo", "Quy chế", "Tờ trình",
    "Đề án", "Công văn", "Nghị định", "Thông tư", "Luật", "Bộ luật", "Hiến pháp", "Công điện",
    "Cương lĩnh", "Lời kêu gọi", "Di chúc",
]  # fmt: skip
_TYPE_BY_CAPS = {t.upper(): t for t in DOCUMENT_TYPES}
_NATIONAL_HEADERS = (
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
)

_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_NUMBER_LINE = re.compile(r"^Số(?:\s*:\s*|\s+)(.+)$")
_ADDRESSEES = re.compile(r"^\**\s*Kính gửi\b")  # whom a letter is sent to: never its title
_SUBJECT = re.compile(r"^(?:V/v|Về việc)\b", re.I)  # a letter's subject: "V/v triển khai …"
_ABOUT = re.compile(r"^(?:V/v|Về)\s", re.I)  # a subject in a sentence's letters under the type heading
_LETTER_NUMBER_WITHIN = 12  # lines: a letter's number sits under its issuer, at the top
_TABLE_KEY = re.compile(
    r"^\*\*(Số hiệu|Loại văn bản|Nơi ban hành|Người ký|Ngày ban hành|Ngày hiệu lực|Ngày công báo|Số công báo"
    r"|Tình trạng):?\*\*$"
)
_PUBLISHED = re.compile(
    r"^(?:Ngày đăng(?: bài viết gốc)?|Cập nhật)\s*:\s*(?:[\d:]+\s*\|\s*)?(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})"
)
_SIGNATURE = re.compile(r"^\**(?:T/M|TM\.?)\s+(.+?)\**$")
_MD_TITLE = re.compile(r"^#\s+(.+)$")
# A first line that opens with a heading word is not read as the title line here: it may start the
# body's structure ("## Điều 1. …", "Chương I"); _NUMBERED below tells which.
_STRUCTURAL = re.compile(rf"^(?:#+\s*)?\**\s*(?:{headings.HEADING_WORD_EITHER_CASE})\s+\S")
# A saved page's headline when nothing else names it, left in the body as its first section's heading:
# "## …" or "### …" (the page lost its "# …"), or "# Điều lệ …", "# Điều chỉnh …" (a heading word that
# numbers nothing).
_MD_HEADLINE = re.compile(r"^#{1,3}\s+(.+)$")
_NUMBERED = re.compile(rf"^(?:#+\s*)?\**\s*(?:{headings.HEADING_WORD_EITHER_CASE})\s+{headings.NUMBER}(?![^\W\d_])")

# Words that keep their capitals when a title in capitals is turned into a sentence.
_PROPER = [
    "Đảng Cộng sản Việt Nam", "Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư", "Trung ương",
    "Ủy ban Kiểm tra", "Uỷ ban Kiểm tra", "Mặt trận Tổ quốc Việt Nam", "Việt Nam", "Hồ Chí Minh",
    "Quốc hội", "Chính phủ", "Nhà nước", "Nhân dân", "Tổ quốc", "Đảng", "Đại hội", "Tỉnh ủy", "Thành ủy",
    "Văn phòng", "Ban Tổ chức", "Ban Tuyên giáo và Dân vận", "Hà Nội", "Đoàn Thanh niên", "Tổng Bí thư",
    "Thủ tướng", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Hội đồng nhân dân", "Huyện ủy", "Quận ủy", "Thị ủy",
    "Ban Tuyên giáo", "Ban Dân vận", "Ban Nội chính",
]  # fmt: skip


@dataclass
class Header:
    """What the header says; None where it says nothing."""

    title: str | None = None
    symbol: str | None = None
    type: str | None = None
    issuer: str | None = None
    issued: str | None = None
    published: str | None = None
    body: list[str] = field(default_factory=list)


def split_header(lines: list[str]) -> Header:
    """Detect the metadata in the first lines and return them with the remaining body lines."""
    header = Header()
    lines = _read_portal_table(lines, header)
    _read_published(lines, header)
    start = _read_document_header(lines, header)
    body = lines[start:]
    # a letter's "Kính gửi: …" is no title; one with a number is cited by it (loader), one without
    # keeps that line, which says more than its file's name
    addressees = bool(body) and header.symbol is not None and _ADDRESSEES.match(body[0]) is not None
    if header.title is None and body and not _STRUCTURAL.match(body[0]) and not addressees:
        title = _MD_TITLE.match(body[0])
        if title:
            header.title = title.group(1).strip()
            body = body[1:]
        elif not body[0].startswith("#"):
            header.title = _plain(body[0])[:200]
    if header.title is None and body and not _NUMBERED.match(body[0]):
        headline = _MD_HEADLINE.match(body[0])
        header.title = headline.group(1).strip() if headline else None
    if header.issuer is None or header.issuer.startswith("Ban Chấp hành Trung ương"):
        header.issuer = _signature_issuer(body, header.issuer)
    if header.type is None and header.symbol:
        code = find_symbols(header.symbol)
        if code and code[0][2].type in TYPE_NAMES:
            header.type = TYPE_NAMES[code[0][2].type]
    header.body = body
    return header


def _read_portal_table(lines: list[str], header: Header) -> list[str]:
    """thuvienphapluat.vn's "**Số hiệu:** / value" table; returns the lines without it."""
    facts: dict[str, str] = {}
    keep: list[str] = []
    skip_next = False
    for i, line in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        key = _TABLE_KEY.match(line) if i < 60 else None
        if key and i + 1 < len(lines):
            facts[key.group(1)] = _plain(lines[i + 1])
            skip_next = True
        else:
            keep.append(line)
    if facts:
        header.symbol = facts.get("Số hiệu") or None
        kind = facts.get("Loại văn bản", "")
        header.type = kind if kind in DOCUMENT_TYPES else None
        header.issuer = facts.get("Nơi ban hành") or None
        header.issued = _iso(_NUMERIC_DATE.search(facts.get("Ngày ban hành", "")))
    return keep


def _read_published(lines: list[str], header: Header) -> None:
    for line in lines:
        m = _PUBLISHED.match(line)
        if m:
            header.published = _iso(_NUMERIC_DATE.search(m.group(1)))
            return


def _read_document_header(lines: list[str], header: Header) -> int:
    """Read a Party/state document header; return the index of the first body line (0 if none)."""
    window = [_plain(line) for line in lines[:HEADER_WINDOW]]
    type_at = next((i for i, text in enumerate(window) if _type_heading(text)), None)
    national_at = next((i for i, text in enumerate(window) if text.upper() in _NATIONAL_HEADERS), None)
    number_at = next((i for i, text in enumerate(window) if _NUMBER_LINE.match(text) and find_symbols(text)), None)
    date_at = next((i for i, text in enumerate(window) if _DATE.search(text) and len(text) < 80), None)
    if type_at is None:
        return _read_letter_header(window, header, national_at, number_at, date_at)
    before = [i for i in (national_at, number_at, date_at) if i is not None and i < type_at]
    # A type heading counts after a header line (else "KẾT LUẬN" heading a report's last part would
    # be taken for the title), or alone on the first line: "HƯỚNG DẪN", then the subject in capitals,
    # of a document saved without its header.
    bare = type_at == 0 and window[0].rstrip(":").strip() in _TYPE_BY_CAPS
    if not (before or bare):
        return 0
    if number_at is not None and number_at < type_at:
        header.symbol = find_symbols(window[number_at])[0][2].text
    if date_at is not None and date_at < type_at:
        header.issued = _iso(_DATE.search(window[date_at]))
    if before:  # alone, the title block does not tell the issued text from a page that copies it
        header.type = _type_heading(window[type_at])
    issuer_end = national_at if national_at in before else min(before, default=0)
    issuer_lines = [t for t in window[:issuer_end] if t.isupper() and not _NUMBER_LINE.match(t)]
    if issuer_lines:
        header.issuer = _issuer(issuer_lines)
    title_lines = [window[type_at].rstrip(":")]
    end = type_at + 1
    while end < len(window) and _title_line(window[end]) and len(title_lines) < 6:
        title_lines.append(window[end])
        end += 1
    if end < len(window) and window[end].startswith("(") and window[end].endswith(")"):
        end += 1  # "(Ban hành kèm theo …)", "(Đại hội … thông qua …)"
    header.title = sentence_case(" ".join(title_lines))
    if len(title_lines) == 1 and end < len(window) and (_ABOUT.match(window[end]) or window[end][:1].islower()):
        # "QUYẾT ĐỊNH" then "Về việc thành lập …" in a sentence's letters, as state decisions set it;
        # "KẾ HOẠCH" then "học tập, quán triệt …": the Party's own layout sets the subject in lower
        # case, and no sentence of the body begins so
        subject, end = _subject_lines(window, end)
        header.title += " " + subject[:1].lower() + subject[1:]
    header.title = cased_like(header.title, "\n".join(lines[end:]))  # set in capitals: names guessed
    return end


def _read_letter_header(
    window: list[str], header: Header, national_at: int | None, number_at: int | None, date_at: int | None
) -> int:
    """A letter's header (a công văn): the number line ("Số 45-CV/ĐU") beside the national header
    or the date, no type heading, and the subject on a "V/v …" line, which is its title. Return the
    index of the first body line (0 if this is no such header).

    Without it a công văn was named by its issuer's lines ("ĐẢNG BỘ TỈNH … ĐẢNG ỦY XÃ …") or by its
    "Kính gửi:" line, with no number or date to cite."""
    if number_at is None or number_at >= _LETTER_NUMBER_WITHIN or (national_at is None and date_at is None):
        return 0
    symbol = find_symbols(window[number_at])[0][2]
    header.symbol = symbol.text
    if date_at is not None:
        header.issued = _iso(_DATE.search(window[date_at]))
    first_header_line = min(i for i in (national_at, number_at) if i is not None)
    issuer_lines = [t for t in window[:first_header_line] if t.isupper()]
    if issuer_lines:
        header.issuer = _issuer(issuer_lines)
    ends = [i for i in (national_at, number_at, date_at) if i is not None]
    below = range(number_at + 1, min(number_at + 3, len(window)))
    subject_at = next((i for i in below if _SUBJECT.match(window[i])), None)
    if subject_at is not None:
        header.title, end = _subject_lines(window, subject_at)
        ends.append(end - 1)
    if subject_at is not None and symbol.type not in TYPE_NAMES:
        header.type = "Công văn"  # a state letter's number names its issuer, not its type: "1234/UBND-VX"
    return max(ends) + 1


def _subject_lines(window: list[str], start: int) -> tuple[str, int]:
    """The subject that starts at `start` ("V/v …", "Về việc …"), with the lines its wrapping made,
    and the index after it."""
    subject = [window[start]]
    end = start + 1
    while end < len(window) and len(subject) < 3 and _continues_subject(window[end]):
        subject.append(window[end])
        end += 1
    return " ".join(subject), end


def _continues_subject(line: str) -> bool:
    """A wrapped "V/v …" line goes on in lower case or with words that are no header line, nor the
    body's first sentence ("Thực hiện Hướng dẫn số 12-HD/BTG …, Ban Thường vụ xây dựng kế hoạch như sau:")."""
    return bool(line) and not (
        line.isupper()
        or line.endswith((":", "."))
        or line.startswith(("Kính gửi", "Độc lập", "-"))
        or _DATE.search(line)
        or _NUMBER_LINE.match(line)
    )


def _title_line(text: str) -> bool:
    """A line of the title in capitals, or its years alone ("2026 - 2030")."""
    return text.isupper() or bool(_YEARS.fullmatch(text))


_YEARS = re.compile(r"\d{4}(?:\s*[–-]\s*\d{4})?")


def cased_like(title: str, body: str) -> str:
    """`title`, turned from capitals into a sentence, with the capitals its words have in the body.

    A sentence cannot know the names in it: "… của phó Thủ tướng Chính phủ hồ quốc dũng", "Đảng uỷ
    bộ y tế". The body says them ("Phó Thủ tướng Chính phủ Hồ Quốc Dũng"): a run of 2–4 of the
    title's words takes the capitals the body gives it inside its sentences (not at their start,
    where every word has one), when the body never writes it as the title does. Capitals are only
    added, never taken away, and never from a line in capitals."""
    words = title.split(" ")
    for n in (4, 3, 2):
        for i in range(len(words) - n + 1):
            run = words[i : i + n]
            if all(_WORDISH.fullmatch(w) for w in run):
                words[i : i + n] = _body_casing(run, body) or run
    return " ".join(words)


def _body_casing(run: list[str], body: str) -> list[str] | None:
    """How the body writes `run` inside its sentences, when it always does so with more capitals."""
    pattern = r"(?<![\w])" + r"\s+".join(re.escape(w) for w in run) + r"(?!\w)"
    seen: list[list[str]] = []
    for m in re.finditer(pattern, body, re.I):
        before = body[max(0, m.start() - 8) : m.start()].rstrip(' *"“(')
        if not before or before[-1] in ".!?:;\n-–•+)":
            continue  # a sentence's or a line's first word has its capital anyway
        found = m.group(0).split()
        if found == run or sum(w.isupper() and len(w) > 1 for w in found) > 1:
            return None  # the body writes it as the title does, or shouts it
        seen.append(found)
    if not seen or any(f != seen[0] for f in seen):
        return None
    raised = [f if w.islower() and not f.islower() else w for w, f in zip(run, seen[0], strict=True)]
    return raised if raised != run else None


_WORDISH = re.compile(r"[^\W\d_]+")


def _type_heading(text: str) -> str | None:
    """ "THÔNG BÁO KẾT LUẬN" → "Thông báo": a line in capitals that starts with a document type."""
    if not text.isupper():
        return None
    words = text.rstrip(":").split()
    for n in (3, 2, 1):
        kind = _TYPE_BY_CAPS.get(" ".join(words[:n]))
        if kind:
            return kind
    return None


def _issuer(lines: list[str]) -> str:
    """The issuer from the header's lines in capitals, where a first part may name the body above it
    (the lines often arrive glued into one): "BAN CHẤP HÀNH TRUNG ƯƠNG" + "BAN TỔ CHỨC" → "Ban Tổ chức
    Trung ương"; "ĐẢNG BỘ TỈNH BẮC NINH" + "ĐẢNG ỦY XÃ TIÊN DU" → "Đảng ủy xã Tiên Du"; "TỈNH ỦY BẮC
    NINH" + "BAN TUYÊN GIÁO" → "Ban Tuyên giáo Tỉnh ủy Bắc Ninh" (a committee's department is named
    after it)."""
    joined = " ".join(lines)
    if m := _UNDER_CENTRAL.match(joined):
        return sentence_case(m.group(1)) + " Trung ương"
    if m := _UNDER_PARTY_BODY.match(joined):
        return sentence_case(m.group(1))
    if m := _DEPARTMENT.match(joined):
        return f"{sentence_case(m.group(2))} {_committee(m.group(1))}"
    return _committee(joined) if _COMMITTEE.match(joined) else sentence_case(joined)


_UNDER_CENTRAL = re.compile(r"^BAN CHẤP HÀNH TRUNG ƯƠNG (.+)$")
_UNDER_PARTY_BODY = re.compile(r"^ĐẢNG BỘ .+? ((?:ĐẢNG [UỦ][YỶ]|CHI BỘ) .+)$")
_DEPARTMENT = re.compile(r"^((?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ) [UỦ][YỶ] .+?) (BAN .+)$")


def _committee(line: str) -> str:
    """ "TỈNH ỦY BẮC NINH" → "Tỉnh ủy Bắc Ninh": after the committee's name comes only its place."""
    m = _COMMITTEE.match(line)
    assert m is not None
    return f"{m.group(1).capitalize()} {m.group(2).lower()} {m.group(3).title()}"


def _signature_issuer(body: list[str], issuer: str | None) -> str | None:
    """ "T/M BỘ CHÍNH TRỊ" at the foot names the body that decided, which the header may not."""
    for line in reversed(body[-60:]):
        m = _SIGNATURE.match(line)
        if m:
            signer = sentence_case(_plain(m.group(1)))
            if signer.startswith("Ban Thường vụ") and issuer and not issuer.startswith("Ban Chấp hành Trung ương"):
                return f"Ban Thường vụ {issuer}"
            return signer
    return issuer


def sentence_case(text: str) -> str:
    """ "KẾT LUẬN CỦA BỘ CHÍNH TRỊ" → "Kết luận của Bộ Chính trị": capitals only where names need them."""
    if not text.isupper():
        return text
    words = text.split()
    out = [w if any(c.isdigit() for c in w) or _is_roman(w) else w.lower() for w in words]
    sentence = " ".join(out)
    for name in _PROPER:
        sentence = re.sub(rf"(?<!\w){re.escape(name.lower())}(?!\w)", name, sentence, flags=re.I)
    sentence = _PLACE.sub(lambda m: m.group(1) + m.group(2).title(), sentence)
    return sentence[:1].upper() + sentence[1:]


# "tỉnh đồng tháp" → "tỉnh Đồng Tháp": place names are two syllables after the unit's name.
_PLACE = re.compile(
    r"(?<!\w)((?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường) )"
    r"(?!(?:giai|đến|năm|về|trên|và|theo|có|của|mới|trong|các|này|đó|thuộc|lần|hội)\b)(\w+ \w+)"
)
# A Party committee named by its place, alone on a header line: "TỈNH ỦY BẮC NINH", "HUYỆN ỦY GIA LÂM".
_COMMITTEE = re.compile(r"^(TỈNH|THÀNH|HUYỆN|QUẬN|THỊ) ([UỦ][YỶ]) (\w+(?: \w+){0,3})$")


def _is_roman(word: str) -> bool:
    return bool(re.fullmatch(r"[IVXLC]+[,.;:]?", word)) and len(word.strip(",.;:")) <= 6


def _plain(line: str) -> str:
    return line.strip().strip("*").strip().lstrip("#").strip()


def _iso(match: re.Match | None) -> str | None:
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
