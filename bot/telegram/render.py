"""Telegram HTML: answers, document cards, outlines and lists, with their inline keyboards.

Rules kept everywhere: every text from documents and members is escaped; tags are opened and closed
within one piece, so pieces can be packed into messages in any grouping; no message exceeds
Telegram's 4,096 characters (counted in UTF-16 code units on the HTML source, which is never
shorter than the text Telegram counts). The words are bot.answer's, as in the terminal.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.answer import (
    ANSWER_MARK,
    ISSUER_CHARS,
    SECTION_CHARS,
    SECTION_PREFIX,
    Answer,
    capped,
    citation_parts,
    compact_citation,
    document_name,
    format_date,
    no_answer_text,
    quoted_text,
    replacement_note,
    section_label,
    subtitle,
)
from bot.display import display_text
from bot.knowledge.document import Document, shown_name
from bot.knowledge.symbols import find_symbols
from bot.library import Library, PassageRef, Section
from bot.search.analyzer import segment
from bot.search.answerline import quote
from bot.search.engine import Hit
from bot.telegram import callbacks as cb
from bot.telegram import texts
from bot.vietnamese import fold, match_form, normalize, one_spelling, typed_with_marks

MAX_LEN = MessageLimit.MAX_TEXT_LENGTH  # UTF-16 code units after entities are parsed

# Function words that match nearly every passage: bolding them would hide the words that matter.
# Folded, so "có" and "co" alike; never "dang" (đảng).
_STOP = frozenset(
    [
        "a",
        "ai",
        "bao",
        "bi",
        "cac",
        "cho",
        "chua",
        "co",
        "cua",
        "da",
        "de",
        "den",
        "do",
        "duoc",
        "gi",
        "hay",
        "hoac",
        "khi",
        "khong",
        "la",
        "ma",
        "mot",
        "nao",
        "nay",
        "neu",
        "nhu",
        "nhung",
        "o",
        "phai",
        "ra",
        "sao",
        "se",
        "tai",
        "the",
        "theo",
        "thi",
        "thu",
        "trong",
        "tu",
        "va",
        "ve",
        "voi",
    ]
)
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]+>")


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def tg_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fit(text: str, limit: int = MAX_LEN) -> str:
    """The last guard before a message goes out: HTML within Telegram's limit. Everything we build
    is capped well before this; should something still be too long, it goes out as plain text
    cut to the limit (formatting lost, message delivered) rather than refused by Telegram."""
    if tg_len(text) <= limit:
        return text
    visible = html.unescape(re.sub(r"<[^>]*>", "", text))
    messages = pack(plain_pieces(visible, limit - 10), limit - 10)
    return messages[0] if messages else "…"


# --- highlighting ------------------------------------------------------------------------------


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of `text` as underthesea splits it ("đảng viên" is one word);
    a document number ("21-NQ/TW") is one word too."""
    normalized = normalize(text)  # same length: positions in it are positions in `text`
    numbers = [(start, end) for start, end, _ in find_symbols(normalized)]
    spans: list[tuple[int, int]] = []
    position = 0
    for token in segment(normalized):
        start = end = None
        at = position
        for syllable in token.split():
            i = normalized.find(syllable, at)
            if i < 0:
                break
            start = i if start is None else start
            at = end = i + len(syllable)
        else:
            if start is not None and end is not None:
                spans.append((start, end))
                position = end
    if not numbers:
        return spans
    outside = [(s, e) for s, e in spans if not any(s < ne and ns < e for ns, ne in numbers)]
    return sorted(outside + numbers)


def highlight_spans(text: str, words: tuple[str, ...], question: str, spelled: str = "") -> list[tuple[int, int]]:
    """Where the question's words are in `text` (NFC), as merged (start, end) spans.

    `words` are the question's content words, folded ("dang vien"). A passage word is bolded only
    when it is one of them as a whole word: "chính" in "chính xác" is another word and stays plain.
    When the member typed marks, only the same marks count ("đảng", not "đăng"), and the words of
    the abbreviations `spelled` out ("ĐV đạt HTXSNV": "đảng viên đạt hoàn thành xuất sắc nhiệm vụ")
    count as typed.
    """
    targets = {w for w in words if w not in _STOP and len(w) > 1 and not w.isdigit()}
    if not targets:
        return []
    strict = typed_with_marks(question)
    asked = set(_WORD.findall(one_spelling(normalize(f"{question} {spelled}").lower())))
    spans = []
    for start, end in word_spans(text):
        token = one_spelling(normalize(text[start:end]).lower())
        written = _WORD.findall(token)
        if " ".join(fold(w) for w in written) not in targets and fold(token) not in targets:
            continue
        if strict and not all(w in asked for w in written):
            continue
        spans.append((start, end))
    merged: list[list[int]] = []
    for start, end in spans:  # "đảng viên" + "dự bị" → one phrase
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def highlight(text: str, words: tuple[str, ...], question: str, spelled: str = "") -> str:
    """`text` as HTML with the question's words in bold."""
    text = unicodedata.normalize("NFC", text)
    out, position = [], 0
    for start, end in highlight_spans(text, words, question, spelled):
        out.append(esc(text[position:start]))
        out.append(f"<b>{esc(text[start:end])}</b>")
        position = end
    out.append(esc(text[position:]))
    return "".join(out)


def visible_len(html_text: str) -> int:
    """Characters a member sees of our HTML (tags dropped, entities read)."""
    return len(html.unescape(_TAG.sub("", html_text)))


# --- answers -----------------------------------------------------------------------------------

GROUP_VISIBLE = 1200  # a group reply before expansion: the answer line and one passage, no wall of text


def citation_html(doc: Document, number: int | None = None) -> str:
    """<b>[1] Kế hoạch 98-KH/TU</b>, ngày 10/05/2023, Ban Thường vụ Tỉnh ủy (and the title below)."""
    name, *rest = citation_parts(doc)
    label = f"[{number}] {name}" if number is not None else name
    line = f"<b>{esc(label)}</b>" + "".join(f", {esc(part)}" for part in rest)
    below = subtitle(doc)
    if below:
        line += f"\n<i>{esc(below)}</i>"
    return line


def hit_html(
    hit: Hit,
    question: str,
    words: tuple[str, ...],
    number: int | None = None,
    limit: int = MAX_LEN,
    quote_chars: int | None = None,
    spelled: str = "",
) -> str:
    """One cited passage: citation, section path, then the passage as an expandable quote (short
    until the member opens it) with the question's words in bold. `quote_chars` cuts the passage
    at a word ("…"; "Toàn mục" has it all)."""
    passage = hit.passage
    head = citation_html(passage.doc, number)
    note = replacement_note(hit.replacement)
    if note:
        head += f"\n{esc(note)}"
    label = section_label(passage)
    if label:
        head += f"\n{esc(SECTION_PREFIX)}<i>{esc(label)}</i>"
    text = quoted_text(passage)
    text = text if quote_chars is None else quote(text, max(quote_chars, 50))
    while True:
        block = f"{head}\n<blockquote expandable>{highlight(text, words, question, spelled)}</blockquote>"
        if tg_len(block) <= limit or len(text) < 50:
            return block
        # Only pathological passages (a page of "&" signs) get here: quote less; "Toàn mục" has it all.
        text = text[: int(len(text) * 0.8)].rstrip() + " …"


def answer_line_html(found: Answer) -> str | None:
    """📌 the quoted answer line — Điều lệ Đảng, Điều 5, khoản 1."""
    if not found.line:
        return None
    passage = found.hits[found.line.hit].passage
    line = highlight(found.line.text, found.words, found.question, found.spelled)
    return f"{esc(ANSWER_MARK)}{line} — <i>{esc(compact_citation(passage, found.line.start))}</i>"


def answer_pages(found: Answer, per_page: int, group: bool = False, limit: int = MAX_LEN) -> list[list[int]]:
    """Hit positions on each page. The first page is the answer policy's (in a group only the best
    passage), whatever its length: answer_html shortens its quotes to fit. Later pages hold up to
    `per_page` hits, as many as fit in one message."""
    first = 1 if group else max(1, found.shown)
    reserve = 200  # the question heading every page
    pages: list[list[int]] = [list(range(min(first, len(found.hits))))]
    current: list[int] = []
    used = 0
    for i in range(len(pages[0]), len(found.hits)):
        size = _hit_size(found, i, _hit_room(0))
        if current and (len(current) == per_page or used + size > limit - reserve):
            pages.append(current)
            current, used = [], 0
        current.append(i)
        used += size
    if current:
        pages.append(current)
    return pages


def _hit_size(found: Answer, i: int, room: int) -> int:
    """At least the size of hit i as answer_html renders it, without tokenising it for bold: each
    bolded word adds seven characters ("<b></b>") and lies on a folded occurrence of a question word."""
    hit = found.hits[i]
    plain = tg_len(hit_html(hit, found.question, (), i + 1, room))
    folded = match_form(normalize(hit.passage.text))
    bold = 7 * sum(folded.count(w) for w in found.words if w not in _STOP and len(w) > 1)
    return min(plain + bold, room) + 2


def _hit_room(line: int) -> int:
    return MAX_LEN - 200 - line


def answer_html(found: Answer, page_hits: list[int], page: int, group: bool = False) -> str:
    """A page of an answer: the question, on the first page the answer line, then the passages."""
    question = found.question
    # The question heads the answer: forwarded, or paged to "kết quả 4-6", it still says what it answers.
    header = f"🔎 <i>{esc(truncate(question, 150))}</i>"
    if page > 0:
        header += texts.ANSWER_PAGE_RANGE.format(first=page_hits[0] + 1, last=page_hits[-1] + 1)
    blocks = [header]
    line = answer_line_html(found) if page == 0 else None
    if line:
        blocks.append(line)
    quote_chars = None
    if group and page == 0:
        used = sum(visible_len(b) + 2 for b in blocks)
        head = visible_len(hit_html(found.hits[page_hits[0]], question, (), page_hits[0] + 1, quote_chars=50)) - 50
        quote_chars = GROUP_VISIBLE - used - head - 2
    room = _hit_room(tg_len(line) + 2 if line else 0)
    quotes = {i: quote_chars for i in page_hits}
    while True:
        shown = [
            hit_html(found.hits[i], question, found.words, i + 1, room, quotes[i], found.spelled) for i in page_hits
        ]
        text = "\n\n".join(blocks + shown)
        if tg_len(text) <= MAX_LEN or len(page_hits) < 2:
            return text
        # The first page keeps the policy's passages: the longest quote is cut ("Toàn mục" has it all).
        longest = max(page_hits, key=lambda i: quotes[i] or len(found.hits[i].passage.text))
        quotes[longest] = int((quotes[longest] or len(found.hits[longest].passage.text)) * 0.8)


def answer_keyboard(
    library: Library,
    targets: list[PassageRef],
    page_hits: list[int],
    session: str | None,
    page: int,
    pages: int,
    query_id: int | None,
) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    sections, documents, seen = [], [], set()
    for i in page_hits:
        target = targets[i]
        doc = library.doc_by_ref(target.doc)
        if doc is None:
            continue  # the file changed since the answer: its passages cannot be opened any more
        sections.append(
            InlineKeyboardButton(
                texts.BUTTON_SECTION.format(n=i + 1), callback_data=cb.make(cb.SECTION, target.doc, target.ordinal)
            )
        )
        if doc not in seen:
            seen.add(doc)
            documents.append(
                InlineKeyboardButton(
                    "📄 " + truncate(document_name(library.documents[doc]), 28),
                    callback_data=cb.make(cb.DOCUMENT, target.doc),
                )
            )
    if sections:
        rows.append(sections)
    if documents:
        rows.append(documents)
    if session and pages > 1:
        nav = []
        if page > 0:
            nav.append(InlineKeyboardButton(texts.BUTTON_PREVIOUS, callback_data=cb.make(cb.PAGE, session, page - 1)))
        nav.append(
            InlineKeyboardButton(texts.BUTTON_PAGE.format(page=page + 1, pages=pages), callback_data=cb.make(cb.NOOP))
        )
        if page + 1 < pages:
            nav.append(InlineKeyboardButton(texts.BUTTON_MORE, callback_data=cb.make(cb.PAGE, session, page + 1)))
        rows.append(nav)
    if query_id is not None:
        rows.append(
            [
                InlineKeyboardButton(texts.BUTTON_HELPFUL, callback_data=cb.make(cb.FEEDBACK, query_id, 1)),
                InlineKeyboardButton(texts.BUTTON_UNHELPFUL, callback_data=cb.make(cb.FEEDBACK, query_id, 0)),
            ]
        )
    return InlineKeyboardMarkup(rows)


def no_answer_html(found: Answer) -> str:
    return esc(no_answer_text(found))


def no_answer_keyboard(library: Library, named: list[int]) -> InlineKeyboardMarkup:
    """The document list, and the documents the question named by number, if any."""
    rows = [
        [
            InlineKeyboardButton(
                "📄 " + truncate(document_name(library.documents[d]), 40),
                callback_data=cb.make(cb.DOCUMENT, library.refs[d]),
            )
        ]
        for d in named[:3]
    ]
    rows.append([InlineKeyboardButton(texts.BUTTON_DOCUMENTS, callback_data=cb.make(cb.LIST, 0))])
    return InlineKeyboardMarkup(rows)


# --- splitting long texts ------------------------------------------------------------------------


def plain_pieces(text: str, limit: int) -> list[str]:
    """Plain text → escaped HTML pieces of at most `limit`, cut between lines, else between words."""
    pieces: list[str] = []
    for line in text.split("\n"):
        escaped = esc(line)
        if tg_len(escaped) <= limit:
            pieces.append(escaped)
            continue
        current = ""
        for word in re.split(r"(?<=\s)", line):
            candidate = current + word
            if current and tg_len(esc(candidate)) > limit:
                pieces.append(esc(current.rstrip()))
                current = word
            else:
                current = candidate
            while tg_len(esc(current)) > limit:  # one "word" longer than a message
                cut = limit // 6  # esc() can make a character six long ("&quot;" is not used; "&amp;" is five)
                pieces.append(esc(current[:cut]))
                current = current[cut:]
        if current.strip():
            pieces.append(esc(current.rstrip()))
    return pieces


def pack(pieces: list[str], limit: int = MAX_LEN, separator: str = "\n") -> list[str]:
    """Balanced HTML pieces → as few messages as possible, each at most `limit`."""
    messages: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{separator}{piece}" if current else piece
        if current and tg_len(candidate) > limit:
            messages.append(current)
            current = piece
        else:
            current = candidate
    if current:
        messages.append(current)
    return messages


# --- documents -----------------------------------------------------------------------------------


def list_page(library: Library, page: int, per_page: int = 10) -> tuple[str, InlineKeyboardMarkup, int]:
    """A page of /vanban: (html, keyboard, page actually shown)."""
    ordered = library.ordered
    pages = max(1, -(-len(ordered) // per_page))
    page = clamp_page(page, pages)
    shown = ordered[page * per_page : (page + 1) * per_page]
    lines = [texts.LIST_HEADER_HTML.format(count=len(ordered), page=page + 1, pages=pages), ""]
    buttons = []
    for n, doc_index in enumerate(shown, page * per_page + 1):
        doc = library.documents[doc_index]
        date = f" ({format_date(doc.issued)})" if doc.issued else ""
        lines.append(f"{n}. <b>{esc(truncate(document_name(doc), 120))}</b>{esc(date)}")
        below = subtitle(doc)
        if below:
            lines.append(f"    <i>{esc(truncate(below, 150))}</i>")
        buttons.append(InlineKeyboardButton(str(n), callback_data=cb.make(cb.DOCUMENT, library.refs[doc_index])))
    example = example_number(library)
    lines.append(texts.LIST_FOOTER_HTML.format(example=esc(capped(example, 40))))
    rows = [buttons[i : i + 5] for i in range(0, len(buttons), 5)]
    nav = _pager(cb.LIST, (), page, pages)
    if nav:
        rows.append(nav)
    return "\n".join(lines), InlineKeyboardMarkup(rows), page


def clamp_page(page: int, pages: int) -> int:
    """A page a button or a session asks for, within the pages there are now (a reload may have
    shortened the list since the button was drawn)."""
    return min(max(page, 0), pages - 1)


def example_number(library: Library) -> str:
    """A document number for usage hints: the first one in the library, else a typical one."""
    symbols = (library.documents[i].symbol for i in library.ordered)
    return next((symbol for symbol in symbols if symbol), "98-KH/TU")


def _pager(kind: str, prefix: tuple, page: int, pages: int) -> list[InlineKeyboardButton]:
    if pages <= 1:
        return []
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton(texts.BUTTON_PREVIOUS, callback_data=cb.make(kind, *prefix, page - 1)))
    nav.append(
        InlineKeyboardButton(texts.BUTTON_PAGE.format(page=page + 1, pages=pages), callback_data=cb.make(cb.NOOP))
    )
    if page + 1 < pages:
        nav.append(InlineKeyboardButton(texts.BUTTON_NEXT, callback_data=cb.make(kind, *prefix, page + 1)))
    return nav


def card_html(library: Library, doc_index: int, link: str | None = None) -> str:
    doc = library.documents[doc_index]
    lines = [f"📄 <b>{esc(document_name(doc))}</b>"]
    if doc.symbol or doc.title != document_name(doc):
        lines.append(f"<i>{esc(truncate(doc.title, 300))}</i>")
    labels = texts.CARD_LABELS
    if doc.issued:
        lines.append(f"{labels['issued']}: {esc(format_date(doc.issued) or '')}")
    if doc.issuer:
        lines.append(f"{labels['issuer']}: {esc(capped(doc.issuer, ISSUER_CHARS))}")
    status = replacement_note(library.engine.replacements.get(doc_index)) or doc.status
    if status:
        lines.append(f"{labels['status']}: {esc(capped(status, 60))}")
    if doc.source:
        lines.append(f"{labels['source']}: {esc(truncate(doc.source, 300))}")
    if doc.tags:
        lines.append(f"{labels['tags']}: {esc(capped(', '.join(doc.tags), 300))}")
    lines.append(f"{labels['path']}: <code>{esc(capped(shown_name(doc.path), 300))}</code>")
    if link:  # a plain URL: shareable in a group, printable on a plan
        lines.append(f"🔗 {esc(link)}")
    return "\n".join(lines)


def outline_page(
    library: Library, doc_index: int, page: int, per_page: int = 15, link: str | None = None
) -> tuple[str, InlineKeyboardMarkup, int]:
    """Card and a page of the document's outline; every section is a button."""
    sections = library.sections(doc_index)
    pages = max(1, -(-len(sections) // per_page))
    page = clamp_page(page, pages)
    first = page * per_page
    shown = sections[first : first + per_page]
    ref = library.refs[doc_index]
    lines = [card_html(library, doc_index, link), ""]
    if len(sections) == 1 and not sections[0].heading:
        lines.append(esc(texts.OUTLINE_EMPTY))
    else:
        lines.append(texts.OUTLINE_HEADER_HTML.format(page=page + 1, pages=pages))
        previous = sections[first - 1].heading if first else ()
        for n, section in enumerate(shown, first + 1):
            heading = section.heading or (texts.SECTION_OPENING,)
            common = _shared_depth(previous, heading)
            for depth in range(common, len(heading) - 1):  # parent headings not yet shown
                lines.append(f"{'  ' * depth}{esc(truncate(heading[depth], 120))}")
            depth = len(heading) - 1
            # "[5] 1. Kết nạp đảng viên": the button's number set apart from the heading's own
            lines.append(f"{'  ' * depth}<b>[{n}]</b> {esc(truncate(heading[-1], 120))}")
            previous = heading
    buttons = [
        InlineKeyboardButton(str(n), callback_data=cb.make(cb.SECTION, ref, library.ordinal(s.passages[0])))
        for n, s in enumerate(shown, first + 1)
    ]
    rows = [buttons[i : i + 5] for i in range(0, len(buttons), 5)]
    nav = _pager(cb.OUTLINE, (ref,), page, pages)
    if nav:
        rows.append(nav)
    successor = library.successor(doc_index)
    if successor is not None:
        name = truncate(document_name(library.documents[successor]), 40)
        rows.append(
            [
                InlineKeyboardButton(
                    texts.BUTTON_SUCCESSOR.format(name=name),
                    callback_data=cb.make(cb.DOCUMENT, library.refs[successor]),
                )
            ]
        )
    text = "\n".join(lines)
    if tg_len(text) > MAX_LEN:  # a card with a very long source or title: keep the outline whole
        text = pack(text.split("\n"), MAX_LEN)[0]
    return text, InlineKeyboardMarkup(rows), page


def _shared_depth(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """How many leading headings two section paths share."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def document_choice(library: Library, docs: list[int], query: str) -> tuple[str, InlineKeyboardMarkup]:
    """/vb naming several documents: a numbered list, a button to open each."""
    header = texts.VB_MANY_HTML.format(count=len(docs), query=esc(truncate(query, 60)))
    lines, rows = numbered_choice(library, docs, header, cb.DOCUMENT)
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def numbered_choice(
    library: Library, docs: list[int], header: str, kind: str, with_path: bool = False
) -> tuple[list[str], list[list[InlineKeyboardButton]]]:
    """The first ten documents as numbered lines under `header`, and rows of numbered buttons of `kind`."""
    lines = [header]
    buttons = []
    for n, d in enumerate(docs[:10], 1):
        doc = library.documents[d]
        date = f" ({format_date(doc.issued)})" if doc.issued else ""
        path = f" — <code>{esc(doc.path)}</code>" if with_path else ""
        lines.append(f"{n}. <b>{esc(truncate(document_name(doc), 120))}</b>{esc(date)}{path}")
        buttons.append(InlineKeyboardButton(str(n), callback_data=cb.make(kind, library.refs[d])))
    return lines, [buttons[i : i + 5] for i in range(0, len(buttons), 5)]


# --- sections (context around a passage) ---------------------------------------------------------


@dataclass
class SectionView:
    messages: list[str]
    keyboard: InlineKeyboardMarkup


def section_window(library: Library, passage: int, anchor: str = "around", budget: int = 7000) -> list[int]:
    """The passages to show for one: its whole section when that is short enough to read in a chat,
    else as many neighbours within the section as fit in about two messages — around the passage,
    or from it onwards (`anchor="start"`, reading on) or up to it (`anchor="end"`, reading back)."""
    doc, n = library.section_of(passage)
    section: Section = library.sections(doc)[n]
    members = section.passages
    size = {i: len(library.index.passages[i].text) for i in members}
    if sum(size.values()) <= budget:
        return members
    at = members.index(passage)
    lo, hi = at, at + 1
    total = size[passage]
    while True:
        grew = False
        if anchor != "end" and hi < len(members) and total + size[members[hi]] <= budget:
            total += size[members[hi]]
            hi += 1
            grew = True
        if anchor != "start" and lo > 0 and total + size[members[lo - 1]] <= budget:
            lo -= 1
            total += size[members[lo]]
            grew = True
        if not grew:
            return members[lo:hi]


def section_view(library: Library, passage: int, anchor: str = "around") -> SectionView:
    window = section_window(library, passage, anchor)
    doc_index = library.doc_of(passage)
    doc = library.documents[doc_index]
    heading = library.sections(doc_index)[library.section_of(window[0])[1]].heading
    header = f"📖 <b>{esc(document_name(doc))}</b>"
    if heading:
        header += f"\n<i>{esc(capped(texts.HEADING_SEPARATOR.join(heading), SECTION_CHARS))}</i>"
    body = display_text(library.span_text(window))
    messages = pack([header, "", *plain_pieces(body, MAX_LEN - 100)], MAX_LEN - 50)
    if len(messages) > 1:
        messages = [messages[0]] + [f"<i>{esc(texts.CONTINUED)}</i>\n{m}" for m in messages[1:]]
    passages = library.index.document_passages(doc_index).tolist()
    position_first, position_last = passages.index(window[0]), passages.index(window[-1])
    ref = library.refs[doc_index]
    nav = []
    if position_first > 0:
        nav.append(
            InlineKeyboardButton(
                texts.BUTTON_SECTION_PREVIOUS, callback_data=cb.make(cb.SECTION_TO, ref, position_first - 1)
            )
        )
    if position_last + 1 < len(passages):
        nav.append(
            InlineKeyboardButton(
                texts.BUTTON_SECTION_NEXT, callback_data=cb.make(cb.SECTION_FROM, ref, position_last + 1)
            )
        )
    rows = [nav] if nav else []
    rows.append(
        [
            InlineKeyboardButton(
                texts.BUTTON_OUTLINE + " · " + truncate(document_name(doc), 28), callback_data=cb.make(cb.DOCUMENT, ref)
            )
        ]
    )
    return SectionView(messages, InlineKeyboardMarkup(rows))
