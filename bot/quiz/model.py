"""The quiz that flows from a generator or a bank to a chat."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.document import Passage

# Telegram's limits for quiz polls (sendPoll), in characters as Telegram counts them (UTF-16 units).
MAX_QUESTION = 300
MAX_OPTION = 100
MAX_EXPLANATION = 200
MAX_EXPLANATION_LINE_FEEDS = 2
MIN_OPTIONS, MAX_OPTIONS = 2, 10


def tg_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Quiz:
    question: str
    options: tuple[str, ...]
    correct: int  # index into options
    explanation: str
    key: str  # the same rule asked again has the same key: a chat is not asked it twice
    kind: str  # "thời hạn", "định kỳ", "tuổi", "tỉ lệ", "số lượng", "cơ quan", or "ngân hàng" for banks
    passage: Passage | None = None  # the cited passage (generated quizzes)
    passage_index: int | None = None  # its position in the index of the library that built the quiz
    source: str = ""  # where the answer is written, as shown to members
    bank_path: str | None = None  # the bank file (*.quiz.yaml, *.quiz.docx…) a bank quiz comes from

    @property
    def answer(self) -> str:
        return self.options[self.correct]

    def problems(self) -> list[str]:
        """What Telegram would refuse in this quiz, in Vietnamese (empty when it can be sent)."""
        found = []
        if not self.question.strip() or tg_len(self.question) > MAX_QUESTION:
            found.append(f"câu hỏi phải có từ 1 đến {MAX_QUESTION} ký tự")
        if not MIN_OPTIONS <= len(self.options) <= MAX_OPTIONS:
            found.append(f"cần từ {MIN_OPTIONS} đến {MAX_OPTIONS} phương án")
        if any(not o.strip() or tg_len(o) > MAX_OPTION for o in self.options):
            found.append(f"mỗi phương án phải có từ 1 đến {MAX_OPTION} ký tự")
        if len({" ".join(o.lower().split()) for o in self.options}) != len(self.options):
            found.append("có hai phương án trùng nhau")
        if not 0 <= self.correct < len(self.options):
            found.append("đáp án đúng không nằm trong các phương án")
        if tg_len(self.explanation) > MAX_EXPLANATION or self.explanation.count("\n") > MAX_EXPLANATION_LINE_FEEDS:
            found.append(
                f"lời giải thích tối đa {MAX_EXPLANATION} ký tự và {MAX_EXPLANATION_LINE_FEEDS} lần xuống dòng"
            )
        return found
