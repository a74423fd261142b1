"""Quiz banks as Party offices write them, in Word, Excel, PDF or plain text: numbered questions,
lettered options, and the right one marked; or a table, a row per question.

    Câu 1: Chi bộ họp thường lệ bao lâu một lần?
    A. Mỗi tháng một lần
    B. Ba tháng một lần
    Đáp án: A

The right option is read from an "Đáp án: A" line under the question, from the one option set in
bold (as contest answer pages and Word files mark it), or from an answer key after the questions
("ĐÁP ÁN" then "1-A, 2-C, 3.B…"). "Giải thích: …" and "Căn cứ: …" (or "Nguồn: …") under a question
become the explanation and the source shown after the poll. Options written on one line ("A. 12
tháng   B. 18 tháng") are split. A table whose header names the question, two options or more and
the answer ("STT | Câu hỏi | A | B | C | D | Đáp án", "Phương án A"…), as Excel banks for online
contests are kept, gives a question per row; its answer cell holds the letter, the option's number
or its text. The text is the readers' Markdown (`bot.knowledge.readers`), in
which a paragraph set wholly in bold is `**…**`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.quiz.model import Quiz
from bot.vietnamese import CAPITALS, fold

_BOLD = re.compile(r"^\*\*(.*)\*\*$")
_QUESTION = re.compile(
    r"^(?:#{1,6}\s+)?(?:(?:Câu|CÂU)(?:\s+(?:hỏi|HỎI))?\s*(\d{1,3})\s*[.:)\-–]?|(\d{1,3})\s*[.)])\s*(.*)$"
)
# "B. …", "b) …", and "B Khuyến khích …" (pages that drop the dot, before a capital or a digit)
_OPTION = re.compile(rf"^([A-Ha-h])(?:\s*[.)]\s*|(?<=[A-H])\s+(?=[{CAPITALS}\d]))(\S.*)$")
_INLINE_OPTION = re.compile(r"(?:^|\s{2,}|\t|\s(?=[B-H][.)]\s))([A-H])[.)]\s+")
_ANSWER = re.compile(
    r"^(?:Đáp án(?: đúng)?|ĐÁP ÁN(?: ĐÚNG)?|Trả lời|ĐA)\s*[:.\-–]?\s*\**\s*([A-Ha-h])\b", re.IGNORECASE
)
_KEY_HEADING = re.compile(r"^(?:#{1,6}\s+)?\**\s*(?:ĐÁP ÁN|Đáp án|BẢNG ĐÁP ÁN|Bảng đáp án)\s*\**\s*:?\s*$")
_KEY_PAIR = re.compile(r"(?<!\d)(\d{1,3})\s*[-.:)–]\s*([A-H])\b")
_EXPLANATION = re.compile(r"^(?:Giải thích|GIẢI THÍCH)\s*[:.\-–]\s*(.+)$")
_SOURCE = re.compile(r"^(?:Căn cứ|CĂN CỨ|Nguồn|NGUỒN)\s*[:.\-–]\s*(.+)$")
NO_ANSWER = "không thấy đáp án (dòng «Đáp án: B», phương án in đậm hoặc cột Đáp án)"
MIN_ITEMS = 3  # fewer numbered questions with options: a document that happens to list some
# A table's header (Excel banks, Word tables): "STT | Câu hỏi | A | B | C | D | Đáp án", folded.
_HEAD_NUMBER = re.compile(r"^(?:stt|tt|so tt|so thu tu|cau so)$")
_HEAD_QUESTION = re.compile(r"^(?:(?:noi dung )?cau hoi|noi dung|cau)$")
_HEAD_OPTION = re.compile(r"^(?:phuong an|dap an|lua chon|p\.?a\.?)?\s*([a-h])$")
_HEAD_ANSWER = re.compile(r"^(?:dap an|phuong an|dap an dung|phuong an dung|dap an chon|dap an dung la)$")


@dataclass
class _Item:
    number: int
    question: list[str]
    options: list[str] = field(default_factory=list)
    bold: list[int] = field(default_factory=list)  # options set in bold
    answer: str | None = None  # the letter an "Đáp án" line gives
    explanation: str = ""
    source: str = ""


@dataclass
class Sheet:
    """What a file yields: the questions that can be asked, and why the others cannot."""

    quizzes: list[Quiz]
    problems: list[str]

    @property
    def items(self) -> int:
        return len(self.quizzes) + len(self.problems)


def read_sheet(text: str, rel: str) -> Sheet:
    """The quiz items of a text; `rel` names the bank in each quiz's key."""
    lines = text.split("\n")
    items, key = _items([line for line in lines if not line.lstrip().startswith("|")])
    items += _table_items(lines)
    quizzes, problems = [], []
    for item in items:
        letter = item.answer or key.get(item.number)
        if letter is None and len(item.bold) == 1:
            letter = "ABCDEFGH"[item.bold[0]]
        question = " ".join(" ".join(item.question).split())
        if len(item.options) < 2:
            problems.append(f"câu {item.number} bị bỏ qua: cần ít nhất 2 phương án A, B…")
            continue
        if letter is None:
            problems.append(f"câu {item.number} bị bỏ qua: {NO_ANSWER}")
            continue
        index = "ABCDEFGH".index(letter.upper())
        if index >= len(item.options):
            problems.append(f"câu {item.number} bị bỏ qua: đáp án {letter.upper()} không có trong các phương án")
            continue
        quiz = Quiz(
            question=question,
            options=tuple(item.options),
            correct=index,
            explanation=item.explanation or item.source,
            key=f"bank:{rel}:{item.number}:{question}",
            kind="ngân hàng",
            source=item.source,
            bank_path=rel,
        )
        wrong = quiz.problems()
        if wrong:
            problems.append(f"câu {item.number} bị bỏ qua: {'; '.join(wrong)}")
        else:
            quizzes.append(quiz)
    return Sheet(quizzes, problems)


def looks_like_sheet(sheet: Sheet) -> bool:
    """Whether a file is a quiz bank rather than a document: several questions, most of them usable."""
    return len(sheet.quizzes) >= MIN_ITEMS and len(sheet.quizzes) >= 0.6 * sheet.items


def _items(lines: list[str]) -> tuple[list[_Item], dict[int, str]]:
    """The numbered questions with their options and marks, and the answer key after them."""
    items: list[_Item] = []
    key: dict[int, str] = {}
    in_key = False
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        bold = _BOLD.match(line)
        plain = bold.group(1).strip() if bold else line
        if _KEY_HEADING.match(line):
            in_key = True
            continue
        if in_key:
            key.update((int(n), letter) for n, letter in _KEY_PAIR.findall(plain))
            continue
        item = items[-1] if items else None
        if item is not None and (answer := _ANSWER.match(plain)):
            item.answer = answer.group(1).upper()
            continue
        if item is not None and (explained := _EXPLANATION.match(plain)):
            item.explanation = explained.group(1).strip()
            continue
        if item is not None and (source := _SOURCE.match(plain)):
            item.source = source.group(1).strip()
            continue
        options = _options(plain, item)
        if item is not None and options:
            for letter, text in options:
                if "ABCDEFGH".index(letter.upper()) == len(item.options):
                    if bold:
                        item.bold.append(len(item.options))
                    item.options.append(" ".join(text.strip("* ").split()))
            continue
        asked = _QUESTION.match(plain)
        # "Câu 5:" always opens a question; a bare "5." only once the question before has options
        # (before that it may be a numbered line of the question itself)
        if asked and asked.group(3).strip() and (asked.group(1) or item is None or item.options):
            number = int(asked.group(1) or asked.group(2))
            items.append(_Item(number, [asked.group(3).strip("* ")]))
            continue
        if item is not None and not item.options:
            item.question.append(plain)  # a question written over several lines
    return items, key


@dataclass(frozen=True)
class _Columns:
    """Where a table keeps each part of a question (indexes of cells)."""

    question: int
    options: tuple[int, ...]
    answer: int
    number: int | None


def _table_items(lines: list[str]) -> list[_Item]:
    """The rows of a table whose header names a question, its options and the answer; the answer
    cell holds the letter ("B"), the option's number (2) or its text."""
    items: list[_Item] = []
    columns: _Columns | None = None
    for line in lines:
        line = line.strip()
        if not line.startswith("|"):
            columns = None
            continue
        cells = [" ".join(c.strip(" *").split()) for c in line.strip("|").split("|")]
        header = _header(cells)
        if header is not None:
            columns = header
            continue
        if columns is None or not _cell(cells, columns.question):
            continue
        options = [_cell(cells, i) for i in columns.options]
        options = options[: max((k + 1 for k, o in enumerate(options) if o), default=0)]
        number = _cell(cells, columns.number)
        item = _Item(int(number) if number.isdigit() else len(items) + 1, [_cell(cells, columns.question)], options)
        item.answer = _answer_letter(_cell(cells, columns.answer), options)
        items.append(item)
    return items


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _header(cells: list[str]) -> _Columns | None:
    folded = [fold(c.lower()).strip(" :.") for c in cells]
    question = next((i for i, c in enumerate(folded) if _HEAD_QUESTION.match(c)), None)
    answer = next((i for i, c in enumerate(folded) if _HEAD_ANSWER.match(c)), None)
    options = tuple(i for i, c in enumerate(folded) if _HEAD_OPTION.match(c) and i != answer)
    if question is None or answer is None or len(options) < 2:
        return None
    number = next((i for i, c in enumerate(folded) if _HEAD_NUMBER.match(c)), None)
    return _Columns(question, options, answer, number)


def _answer_letter(cell: str, options: list[str]) -> str | None:
    """The answer cell as an option's letter: "B", "b.", "2", or the option's text."""
    value = cell.strip(" .)").upper()
    if len(value) == 1 and "A" <= value <= "H":
        return value
    if value.isdigit() and 1 <= int(value) <= len(options):
        return "ABCDEFGH"[int(value) - 1]
    texts = [" ".join(o.lower().split()) for o in options]
    said = " ".join(cell.lower().split())
    return "ABCDEFGH"[texts.index(said)] if said and said in texts else None


def _options(line: str, item: _Item | None) -> list[tuple[str, str]]:
    """The lettered options a line holds, in order: one ("B. …") or several ("A. 12 tháng  B. 18 tháng")."""
    if item is None:
        return []
    expected = "ABCDEFGH"[len(item.options)] if len(item.options) < 8 else None
    single = _OPTION.match(line)
    if not single or expected is None or single.group(1).upper() != expected:
        return []
    marks = list(_INLINE_OPTION.finditer(line))
    letters = [m.group(1) for m in marks]
    if len(marks) > 1 and letters == list("ABCDEFGH"[len(item.options) : len(item.options) + len(marks)]):
        return [
            (m.group(1), line[m.end() : marks[k + 1].start() if k + 1 < len(marks) else len(line)])
            for k, m in enumerate(marks)
        ]
    return [(single.group(1), single.group(2))]
