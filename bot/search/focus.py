"""Which words of a question only name the document it is about, and which sentence asks.

Quiz and forum questions name their document at length: "Theo Quy định số 296-QĐ/TW ngày
30/5/2025 của BCH Trung ương về công tác kiểm tra, giám sát và kỷ luật của Đảng, hiện nay có
những hình thức kỷ luật nào…". Searched as one bag of words, the date, issuer and title outweigh
the question's few decisive words, and every page that cites the document wins. This module cuts
a question into spans, each with a weight for its words: the date, issuer and title after a
document number weigh REFERENCE_WEIGHT (the number itself, which finds the document, and its type
word keep full weight; see also the engine's `_by_document`); the rest weighs 1.

Tried and dropped (issue 11): weighting a story told before the question (the sentences before
the last asking one, and what precedes "cho em hỏi"/"vậy") below the question. On dev_real's
halves it moved two questions from rank 7 to 5 and lost "answered" on one; no gain to keep.
The asking sentence (`asking_sentence`) serves only the engine's decision whether the message is
answered at all, not the ranking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.symbols import find_references, find_symbols
from bot.vietnamese import fold, normalize, typed_with_marks

REFERENCE_WEIGHT = 0.3


def _words_pattern(accented: str, marked: bool, ambiguous: frozenset[str] = frozenset()) -> re.Pattern:
    """Alternatives written with marks; folded for a message typed without them, minus folded
    forms that are other words too ("thi" is "thì" and "thi đua")."""
    words = accented.split("|")
    if not marked:
        words = [w for w in (fold(w) for w in words) if w not in ambiguous]
    return re.compile(r"\b(?:" + "|".join(sorted(set(words), key=len, reverse=True)) + r")\b")


# After a document's number, how its reference goes on: date, issuer, term, title.
_REFERENCE_TAIL = "ngày|của|về|do|ban hành|khóa"
# Where a document's title ends inside a sentence: a comma before a word that starts the
# question ("…, hiện nay có những…", "…, đã xác định…"), or such a word after the title.
_TITLE_END_AFTER_COMMA = "đã|hiện nay|có|thì|hãy|những|nêu|theo|xác định|đề ra|đặt ra|quy định|đồng chí|trong đó"
# "thay thế", "có hiệu lực", "đề ra", "xác định" …: what the document does is asked, no title says it
_TITLE_END = "đã|hiện nay|thì|hãy cho biết|đồng chí|thay thế|có hiệu lực|đề ra|đặt ra|nêu rõ|khẳng định|chỉ rõ|xác định"
_AMBIGUOUS = frozenset({"da", "thi", "co", "ve", "cua", "do"})
# A title that runs to the end of the question is the question itself unless at least this many
# words come before the number ("nghị quyết 57 về khoa học … mục tiêu là gì").
_MIN_WORDS_BEFORE = 5


@dataclass(frozen=True)
class _Patterns:
    tail: re.Pattern
    title_end: re.Pattern

    @classmethod
    def build(cls, marked: bool) -> _Patterns:
        after_comma = _words_pattern(_TITLE_END_AFTER_COMMA, marked).pattern
        alone = _words_pattern(_TITLE_END, marked, _AMBIGUOUS).pattern
        return cls(
            re.compile(
                r"[\s,]*(?:"
                + _words_pattern("năm", marked).pattern
                + r" \d{4}[\s,]*)?"
                + _words_pattern(_REFERENCE_TAIL, marked).pattern
            ),
            re.compile(r",\s*(?=" + after_comma + r")|\s(?=" + alone + r")"),
        )


_MARKED, _UNMARKED = _Patterns.build(True), _Patterns.build(False)


@dataclass(frozen=True)
class Span:
    """A piece of the question and how much its words count."""

    text: str
    weight: float


def focus_spans(message: str) -> list[Span]:
    """The question cut into weighted spans, in order, covering all of it."""
    message = normalize(message)
    marked = typed_with_marks(message)
    patterns = _MARKED if marked else _UNMARKED
    # The same length as the message (one character in, one out), so positions carry over.
    spoken = message.lower() if marked else fold(message).lower()
    numbers = sorted({(a, b) for a, b, _ in find_symbols(message)} | {(a, b) for a, b, _ in find_references(message)})
    spans: list[Span] = []
    position = 0
    for number_start, number_end in numbers:
        if number_end < position or not patterns.tail.match(spoken, number_end):
            continue
        title_end = patterns.title_end.search(spoken, number_end)
        if not title_end and len(spoken[position:number_start].split()) < _MIN_WORDS_BEFORE:
            continue
        tail_end = title_end.start() if title_end else len(message)
        spans += [Span(message[position:number_end], 1.0), Span(message[number_end:tail_end], REFERENCE_WEIGHT)]
        position = tail_end
    spans.append(Span(message[position:], 1.0))
    return [s for s in spans if s.text.strip()]


# A sentence ends at . ! ? before a capital or the end; "15/3/2024." and "1.500" do not end one.
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?!\s|$))+[.!?]*")
_MIN_ASKING_WORDS = 3


def asking_sentence(message: str) -> str | None:
    """The sentence of a message of several that asks: the last one ending in "?", else the last
    one. None for a message of one sentence (the whole message asks).

    "Đảng viên C bị kỷ luật khiển trách ngày 10/4. Đến ngày 25/5 mới làm đơn khiếu nại. Hỏi đơn
    khiếu nại có được giải quyết không?": the story's dates and people are in no passage, so the
    share of the message's words that the right rule holds is low; the asking sentence's is not."""
    sentences = [m.group().strip() for m in _SENTENCE.finditer(normalize(message)) if m.group().strip()]
    sentences = [t for t in sentences if len(t.split()) >= _MIN_ASKING_WORDS or t.endswith("?")]
    if len(sentences) < 2:
        return None
    asking = [t for t in sentences if t.endswith("?")]
    return (asking or sentences)[-1]
