"""Where the question is in a member's message, and which words only set the scene.

Real questions come with a story ("Chồng em là bộ đội, đi công tác xa nên không về họp được. Cho em
hỏi như vậy có bị xử lý gì không ạ?") or name the document they are about at length ("Theo Quy định
số 296-QĐ/TW ngày 30/5/2025 của BCH Trung ương về công tác kiểm tra, giám sát và kỷ luật của Đảng,
hiện nay có những hình thức kỷ luật nào…"). Searched as one bag of words, the story's and the
title's many words outweigh the question's few decisive ones. This module cuts a message into
spans, each with a weight for its words:

- the question: the last sentence that asks (a "?" or a question word), from its last pivot on
  ("cho em hỏi", "vậy", "xin hỏi") — full weight;
- the story: every other sentence, and what comes before the pivot — STORY_WEIGHT;
- a named document's date, issuer and title ("…, ngày 22/12/2024 của Bộ Chính trị về …") —
  REFERENCE_WEIGHT: the number itself already finds the document, the title words find every
  page that cites it. The number and its type word keep full weight.

A short question, one sentence without a pivot or a document title, is one span of weight 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.symbols import find_references, find_symbols
from bot.vietnamese import fold, normalize

STORY_WEIGHT = 0.5
REFERENCE_WEIGHT = 0.3

# Sentence ends: ".", "!", "?" and ";" followed by a space, and line breaks. A full stop inside
# "1.2.2" or "TP.HCM" is not followed by a space.
_SENTENCE_END = re.compile(r"(?<=[.!?;…])\s+|\n+")
# Words that make a sentence a question (folded, as whole words).
_ASKING = re.compile(
    r"\?|\b(?:khong|chua|gi|nao|sao|ai|dau|bao nhieu|bao lau|bao gio|the nao|ra sao|nhu nao|la gi|hay khong)\b"
)
# Where a member turns from the story to the question (folded, as whole words).
_PIVOT = re.compile(
    r"\b(?:(?:cho|xin|muon|can)(?: (?:em|toi|minh|chau|con|anh|chi|hoi))? hoi|vay thi|vay|nhu vay thi|nhu vay)\b"
)
# After a document's number, how its reference goes on: date, issuer, term, title (folded).
_REFERENCE_TAIL = re.compile(r"^[\s,]*(?:ngay|cua|ve|do|ban hanh|khoa)\b")
# Where a document's title ends inside a sentence: a comma before a word that starts the
# question ("…, hiện nay có những…", "…, đã xác định…"), or such a word after the title.
_TITLE_END = re.compile(
    r",\s*(?=(?:da|hien nay|co|thi|hay|nhung|neu|theo|xac dinh|de ra|dat ra|quy dinh|dong chi|trong do)\b)"
    r"|\s(?=(?:da|hien nay|thi|hay cho biet|dong chi)\b)"
)
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
    sentences = _sentences(message)
    if not sentences:
        return [Span(message, 1.0)]
    asking = _question_sentence(message, sentences)
    spans: list[Span] = []
    for i, (start, end) in enumerate(sentences):
        if i == asking:
            spans += _split_at_pivot(message, start, end)
        else:
            spans.append(Span(message[start:end], STORY_WEIGHT))
    return [piece for span in spans for piece in _split_references(span)]


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


def _question_sentence(message: str, sentences: list[tuple[int, int]]) -> int:
    """The last sentence that asks; the last sentence when none does (a keyword query)."""
    asking = [i for i, (start, end) in enumerate(sentences) if _ASKING.search(fold(message[start:end]).lower())]
    return asking[-1] if asking else len(sentences) - 1


def _split_at_pivot(message: str, start: int, end: int) -> list[Span]:
    folded = fold(message[start:end]).lower()
    pivots = [m for m in _PIVOT.finditer(folded) if len(folded[m.end() :].split()) >= _MIN_QUESTION_WORDS]
    if not pivots:
        return [Span(message[start:end], 1.0)]
    cut = start + pivots[-1].start()
    return [Span(message[start:cut], STORY_WEIGHT), Span(message[cut:end], 1.0)]


def _split_references(span: Span) -> list[Span]:
    """Cut out the date, issuer and title after each document number of the span."""
    text = span.text
    numbers = sorted({(start, end) for start, end, _ in find_symbols(text)} | {(start, end) for start, end, _ in find_references(text)})
    folded = fold(text).lower()
    out: list[Span] = []
    position = 0
    for number_start, number_end in numbers:
        if number_end < position or not _REFERENCE_TAIL.match(folded[number_end:]):
            continue
        title_end = _TITLE_END.search(folded, number_end)
        if not title_end and len(folded[position:number_start].split()) < _MIN_QUESTION_WORDS + 2:
            continue  # "nghị quyết 57 về khoa học … mục tiêu là gì": the title runs into the question
        tail_end = title_end.start() if title_end else len(text)
        out += [Span(text[position:number_end], span.weight), Span(text[number_end:tail_end], span.weight * REFERENCE_WEIGHT)]
        position = tail_end
    out.append(Span(text[position:], span.weight))
    return [s for s in out if s.text.strip()]
