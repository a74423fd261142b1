"""The example questions of /start: questions the loaded documents answer, checked by searching."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.answer import document_name
from bot.display import display_text
from bot.knowledge import headings
from bot.vietnamese import fold

if TYPE_CHECKING:  # the library builds its examples when it loads: only the type is needed here
    from bot.library import Library

# "Câu hỏi 01: Điều kiện để thành lập 1 tổ chức đảng là gì?" → the question itself.
_QUESTION_PREFIX = re.compile(r"^(?:(?:câu hỏi|câu|hỏi)\s*\d*\s*[:.)–-]\s*)", re.IGNORECASE)
_TITLED_HEADING = re.compile(
    rf"^(?:{headings.DIVISION_WORD}|{headings.ROMAN})\b[^.]{{0,20}}\.\s+(?P<title>[^\d]{{4,60}})$"
)
_PARTY_WORDS = re.compile(r"\b(?:dang|dang vien|chi bo|cap uy|nghi quyet|dieu le|ky luat)\b")
_QUESTION_WORDS = re.compile(r"\b(?:gi|nao|sao|bao nhieu|bao lau|ai|may|dau|khong|chua|the nao|ra sao|co duoc|phai)\b")


def example_questions(library: Library, count: int = 3, budget: int = 40) -> list[str]:
    """Questions that the loaded documents answer, each from a different document.

    Preferred: questions the documents themselves ask (FAQ headings, "Câu hỏi 01: …?"); then
    "<document> quy định gì về <chapter title>?"; then "<document> có những nội dung chính nào?".
    Each is checked with the search engine, which must answer it from its own document.
    """
    questions, topics, overviews = [], [], []
    for doc in library.ordered:
        document = library.documents[doc]
        name = document_name(document)
        asked = _question_lines(library, doc)
        questions += [(doc, q) for q in asked[:2]]
        topic = _first_titled_heading(library, doc)
        if topic:
            topics.append((doc, f"{name} quy định gì về {topic[:1].lower()}{topic[1:]}?"))
        overviews.append((doc, f"{name} có những nội dung chính nào?"))
    # Questions about Party work first: the corpus also holds news with unrelated Q&A.
    questions.sort(key=lambda c: not _PARTY_WORDS.search(fold(c[1].lower())))
    chosen: list[str] = []
    used: set[int] = set()
    for doc, question in [*questions, *topics, *overviews]:
        if len(chosen) == count or budget <= 0:
            break
        if doc in used:
            continue
        budget -= 1
        result = library.search(question, k=1)
        if result.answered and result.hits and library.doc_of(result.hits[0].index) == doc:
            chosen.append(question)
            used.add(doc)
    return chosen


def _question_lines(library: Library, doc: int) -> list[str]:
    found: list[str] = []
    for section in library.sections(doc):
        first_line = library.index.passages[section.passages[0]].text.split("\n", 1)[0]
        for text in (*section.heading, first_line):
            question = _as_question(text)
            if question and question not in found:
                found.append(question)
    return found


def _as_question(text: str) -> str | None:
    text = display_text(text)
    text = _QUESTION_PREFIX.sub("", text).strip()
    if not (15 <= len(text) <= 100 and text.endswith("?") and text.count("?") == 1):
        return None
    if not text[0].isupper() or "..." in text or "…" in text or "tải về" in text.lower():
        return None
    # A title that happens to end in "?" is not a question a member would ask.
    if not _QUESTION_WORDS.search(fold(text.lower())):
        return None
    return text if len(text.split()) >= 4 else None


def _first_titled_heading(library: Library, doc: int) -> str | None:
    for section in library.sections(doc):
        for element in section.heading:
            m = _TITLED_HEADING.match(element)
            if m and 1 <= len(m.group("title").split()) <= 8:
                return m.group("title").strip()
    return None
