"""Where the question is in a member's message, and which words only set the scene.

Real questions come with a story ("Chồng em là bộ đội, đi công tác xa nên không về họp được. Cho em
hỏi như vậy có bị xử lý gì không ạ?") or name the document they are about at length ("Theo Quy định
số 296-QĐ/TW ngày 30/5/2025 của BCH Trung ương về công tác kiểm tra, giám sát và kỷ luật của Đảng,
hiện nay có những hình thức kỷ luật nào…"). Searched as one bag of words, the story's and the
title's many words outweigh the question's few decisive ones. This module cuts a message into
spans, each with a weight for its words:

- the question: the last sentence that asks (a "?" or a question word), from its last pivot on
  ("cho em hỏi", "vậy", "xin hỏi") — full weight;
- other sentences that ask, and what follows the last one ("Tuổi đảng là gì? Cách tính tuổi
  đảng") — full weight too;
- the story: the other sentences before it, and what comes before the pivot — STORY_WEIGHT;
- a named document's date, issuer and title ("…, ngày 22/12/2024 của Bộ Chính trị về …") —
  REFERENCE_WEIGHT: the number itself already finds the document, the title words find every
  page that cites it. The number and its type word keep full weight.

A short question, one sentence without a pivot or a document title, is one span of weight 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.symbols import find_references, find_symbols
from bot.vietnamese import fold, has_diacritics, normalize

STORY_WEIGHT = 0.5
REFERENCE_WEIGHT = 0.3

# Sentence ends: ".", "!", "?" and ";" followed by a space, and line breaks. A full stop inside
# "1.2.2" or "TP.HCM" is not followed by a space.
_SENTENCE_END = re.compile(r"(?<=[.!?;…])\s+|\n+")


def _words_pattern(accented: str, marked: bool, ambiguous: frozenset[str] = frozenset()) -> re.Pattern:
    """Alternatives written with marks; folded for a message typed without them, minus folded
    forms that are other words too ("thi" is "thì" and "thi đua")."""
    words = accented.split("|")
    if not marked:
        words = [w for w in (fold(w) for w in words) if w not in ambiguous]
    return re.compile(r"\b(?:" + "|".join(sorted(set(words), key=len, reverse=True)) + r")\b")


# Words that make a sentence a question.
_ASKING = "không|chưa|gì|nào|sao|ai|đâu|bao nhiêu|bao lâu|bao giờ|thế nào|ra sao|như nào|là gì|hay không"
# Where a member turns from the story to the question.
_PIVOT = (
    "cho hỏi|cho em hỏi|cho tôi hỏi|cho mình hỏi|cho cháu hỏi|cho con hỏi|xin hỏi|muốn hỏi|cần hỏi|"
    "em muốn hỏi|tôi muốn hỏi|vậy thì|vậy|như vậy thì|như vậy"
)
# After a document's number, how its reference goes on: date, issuer, term, title.
_REFERENCE_TAIL = "ngày|của|về|do|ban hành|khóa"
# Where a document's title ends inside a sentence: a comma before a word that starts the
# question ("…, hiện nay có những…", "…, đã xác định…"), or such a word after the title.
_TITLE_END_AFTER_COMMA = (
    "đã|hiện nay|có|thì|hãy|những|nêu|theo|xác định|đề ra|đặt ra|quy định|đồng chí|trong đó"
)
_TITLE_END = "đã|hiện nay|thì|hãy cho biết|đồng chí"
_AMBIGUOUS = frozenset({"da", "thi", "co", "ve", "cua", "do"})


@dataclass(frozen=True)
class _Patterns:
    asking: re.Pattern
    pivot: re.Pattern
    tail: re.Pattern
    title_end: re.Pattern

    @classmethod
    def build(cls, marked: bool) -> _Patterns:
        after_comma = _words_pattern(_TITLE_END_AFTER_COMMA, marked).pattern
        alone = _words_pattern(_TITLE_END, marked, _AMBIGUOUS).pattern
        return cls(
            re.compile(r"\?|" + _words_pattern(_ASKING, marked).pattern),
            _words_pattern(_PIVOT, marked),
            re.compile(r"[\s,]*" + _words_pattern(_REFERENCE_TAIL, marked).pattern),
            re.compile(r",\s*(?=" + after_comma + r")|\s(?=" + alone + r")"),
        )


_MARKED, _UNMARKED = _Patterns.build(True), _Patterns.build(False)
# A pivot only counts when a real question follows it ("… là gì vậy?" ends on one).
_MIN_QUESTION_WORDS = 3


@dataclass(frozen=True)
class Span:
    """A piece of the message and how much its words count."""

    text: str
    weight: float


def focus_spans(message: str) -> list[Span]:
    """The message cut into weighted spans, in message order, covering all of it."""
    message = normalize(message)
    marked = has_diacritics(message)
    patterns = _MARKED if marked else _UNMARKED
    # The same length as the message (one character in, one out), so positions carry over.
    spoken = message.lower() if marked else fold(message).lower()
    sentences = _sentences(message)
    if not sentences:
        return [Span(message, 1.0)]
    asking = [i for i, (start, end) in enumerate(sentences) if patterns.asking.search(spoken, start, end)]
    last = asking[-1] if asking else len(sentences) - 1  # no question word: a keyword query
    spans: list[tuple[int, int, float]] = []
    for i, (start, end) in enumerate(sentences):
        if i == last:
            spans += _split_at_pivot(spoken, start, end, patterns)
        elif i in asking or i > last:  # another question, or one asked after it without a question word
            spans.append((start, end, 1.0))
        else:
            spans.append((start, end, STORY_WEIGHT))
    pieces = [piece for span in spans for piece in _split_references(message, spoken, span, patterns)]
    return [Span(message[start:end], weight) for start, end, weight in pieces if message[start:end].strip()]


def _sentences(message: str) -> list[tuple[int, int]]:
    """Start and end of each non-empty sentence."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(message):
        if message[start : m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if message[start:].strip():
        out.append((start, len(message)))
    return out


def _split_at_pivot(spoken: str, start: int, end: int, patterns: _Patterns) -> list[tuple[int, int, float]]:
    """The asking sentence from its last pivot on at full weight, what precedes it as story."""
    pivots = [m for m in patterns.pivot.finditer(spoken, start, end) if len(spoken[m.end() : end].split()) >= _MIN_QUESTION_WORDS]
    if not pivots:
        return [(start, end, 1.0)]
    cut = pivots[-1].start()
    return [(start, cut, STORY_WEIGHT), (cut, end, 1.0)]


def _split_references(message: str, spoken: str, span: tuple[int, int, float], patterns: _Patterns) -> list[tuple[int, int, float]]:
    """Cut out the date, issuer and title after each document number of the span."""
    start, end, weight = span
    written, text = message[start:end], spoken[start:end]
    numbers = sorted({(a, b) for a, b, _ in find_symbols(written)} | {(a, b) for a, b, _ in find_references(written)})
    out: list[tuple[int, int, float]] = []
    position = 0
    for number_start, number_end in numbers:
        if number_end < position or not patterns.tail.match(text, number_end):
            continue
        title_end = patterns.title_end.search(text, number_end)
        if not title_end and len(text[position:number_start].split()) < _MIN_QUESTION_WORDS + 2:
            continue  # "nghị quyết 57 về khoa học … mục tiêu là gì": the title runs into the question
        tail_end = title_end.start() if title_end else len(text)
        out += [(start + position, start + number_end, weight), (start + number_end, start + tail_end, weight * REFERENCE_WEIGHT)]
        position = tail_end
    out.append((start + position, end, weight))
    return out
