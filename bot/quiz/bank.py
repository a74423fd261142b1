"""Quiz banks written by admins, anywhere in the knowledge folder: a Word, Excel, PDF or text file
named `*.quiz.docx`, `*.quiz.xlsx`… written as offices write them (see bot.quiz.sheet: "Câu 1: …",
"A. …", "Đáp án: A", or a table "Câu hỏi | A | B | Đáp án"), or a `*.quiz.yaml` file:

    - question: Chi bộ họp thường lệ bao lâu một lần?
      options: [Mỗi tháng một lần, Ba tháng một lần, Sáu tháng một lần, Mỗi năm một lần]
      correct: Mỗi tháng một lần          # the option's text, or its number counted from 1
      explanation: Điều lệ Đảng, Điều 24   # optional, ≤ 200 characters
      source: Điều lệ Đảng, Điều 24        # optional: where the answer is written

(a top-level `questions:` key holding the list works too). A file that cannot be read is reported to
admins like an unreadable document; a question that breaks Telegram's limits is reported with its
number, and the file's other questions are used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot import safe_yaml
from bot.knowledge.document import SkippedFile, UnreadableFile
from bot.knowledge.loader import is_quiz_bank, list_files, read_bytes
from bot.knowledge.readers import convert
from bot.quiz.model import MAX_OPTIONS, Quiz
from bot.quiz.sheet import read_sheet
from bot.vietnamese import fold

YAML_SUFFIXES = (".quiz.yaml", ".quiz.yml")
MAX_BANK_BYTES = 1_000_000  # of YAML
MAX_SHEET_BYTES = 50 * 1024 * 1024  # of a Word, Excel or PDF file


class BankError(Exception):
    """A bank file that cannot be used; the message is for admins, in Vietnamese."""


@dataclass
class QuizBank:
    quizzes: list[Quiz] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)

    @property
    def paths(self) -> list[str]:
        """The bank files that have questions to ask."""
        return sorted({q.bank_path for q in self.quizzes if q.bank_path})

    def count(self, path: str) -> int:
        """How many questions the bank file `path` gives."""
        return sum(1 for q in self.quizzes if q.bank_path == path)

    def named(self, query: str) -> list[str]:
        """The bank files whose name holds every word of `query` ("bộ câu hỏi tuần 1" names
        tai-len/bo-cau-hoi-tuan-1.quiz.docx), typed with marks or without."""
        words = set(_name_words(query))
        return [p for p in self.paths if words and words <= set(_name_words(p.rsplit("/", 1)[-1]))]


def _name_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text.lower()))


def read_yaml(data: bytes, limit: int = MAX_BANK_BYTES):
    """YAML from an admin's file through the bot's one YAML reader (no anchors or aliases, capped
    size); raises BankError with the reason."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BankError("không phải văn bản UTF-8") from e
    try:
        return safe_yaml.load(text, limit, "ngân hàng câu hỏi")
    except safe_yaml.YamlRefused as e:
        raise BankError(str(e)) from e
    except yaml.YAMLError as e:
        raise BankError(f"YAML sai, {safe_yaml.describe(e)}") from e


def load_quiz_banks(root: Path, cache_dir: Path | None = None) -> QuizBank:
    """Every bank of the folder; `cache_dir` keeps the text of Word and PDF banks as it keeps documents'."""
    bank = QuizBank()
    root = Path(root)
    for path in list_files(root):
        rel = path.relative_to(root).as_posix()
        if not is_quiz_bank(rel):
            continue
        try:
            if rel.lower().endswith(YAML_SUFFIXES):
                quizzes, problems = parse_bank(rel, path.read_bytes())
            else:
                quizzes, problems = parse_sheet(rel, read_bytes(path, MAX_SHEET_BYTES), cache_dir)
        except OSError as e:
            bank.skipped.append(SkippedFile(rel, f"không mở được tệp ({e.strerror or e})"))
            continue
        except (BankError, UnreadableFile) as e:
            bank.skipped.append(SkippedFile(rel, f"ngân hàng câu hỏi không đọc được: {e}"))
            continue
        bank.quizzes += quizzes
        bank.skipped += [SkippedFile(rel, problem) for problem in problems]
    return bank


def parse_sheet(rel: str, data: bytes, cache_dir: Path | None = None) -> tuple[list[Quiz], list[str]]:
    """(the usable questions, what is wrong with the others) of a bank written as a document."""
    sheet = read_sheet(convert(data, rel, cache_dir).text, rel)
    if not sheet.quizzes:
        raise BankError(
            "không thấy câu hỏi trắc nghiệm nào dùng được (cần: «Câu 1: …», các phương án «A. …», «B. …» "
            "và đáp án: dòng «Đáp án: A» hoặc phương án đúng in đậm; hoặc bảng có cột Câu hỏi, A, B…, Đáp án)"
            + (f"; {sheet.problems[0]}" if sheet.problems else "")
        )
    return sheet.quizzes, sheet.problems


def parse_bank(rel: str, data: bytes) -> tuple[list[Quiz], list[str]]:
    """(the usable questions, what is wrong with the others)."""
    content = read_yaml(data)
    if isinstance(content, dict) and "questions" in content:
        content = content["questions"]
    if not isinstance(content, list) or not content:
        raise BankError("cần một danh sách câu hỏi (mỗi câu: question, options, correct)")
    quizzes, problems = [], []
    for number, item in enumerate(content, 1):
        try:
            quizzes.append(_quiz(rel, number, item))
        except BankError as e:
            problems.append(f"câu {number} bị bỏ qua: {e}")
    return quizzes, problems


def _quiz(rel: str, number: int, item) -> Quiz:
    if not isinstance(item, dict):
        raise BankError("phải là các cặp khóa: giá trị (question, options, correct…)")
    question = _text(item.get("question"), "question")
    options = item.get("options")
    if not isinstance(options, list) or not 2 <= len(options) <= MAX_OPTIONS:
        raise BankError(f"options phải là danh sách từ 2 đến {MAX_OPTIONS} phương án")
    options = [_text(o, "options") for o in options]
    correct = item.get("correct")
    if isinstance(correct, int) and not isinstance(correct, bool) and 1 <= correct <= len(options):
        index = correct - 1
    elif isinstance(correct, str) and correct.strip() in options:
        index = options.index(correct.strip())
    else:
        raise BankError("correct phải là một phương án (chép đúng chữ) hoặc số thứ tự của nó, từ 1")
    source = str(item.get("source") or "").strip()
    explanation = str(item.get("explanation") or source).strip()
    quiz = Quiz(
        question=question,
        options=tuple(options),
        correct=index,
        explanation=explanation,
        key=f"bank:{rel}:{number}:{question}",
        kind="ngân hàng",
        source=source,
        bank_path=rel,
    )
    problems = quiz.problems()
    if problems:
        raise BankError("; ".join(problems))
    return quiz


def _text(value, name: str) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise BankError(f"thiếu {name} hoặc {name} không phải chữ")
    text = " ".join(str(value).split())
    if not text:
        raise BankError(f"{name} trống")
    return text
