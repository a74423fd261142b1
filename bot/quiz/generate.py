"""Quiz questions generated from the documents' own rules.

A rule worth asking has a decisive part: a duration ("thời kỳ dự bị mười hai tháng"), how often
something happens ("họp thường lệ mỗi tháng một lần"), an age ("đủ mười tám tuổi"), a share ("quá
nửa", "hai phần ba", "90%"), a count of people ("ít nhất ba đảng viên") or the body that decides
("do cấp ủy cấp trên trực tiếp quyết định"). The question is the rule's clause with that part
blanked out; the correct option is the part exactly as written in the passage; the three
distractors are parts of the same kind written elsewhere in the same document (else in the other
loaded documents), never one that means the same as the answer (twelve months is one year) and
never one the question itself mentions.

Headings, list numbers, dates and document numbers are never asked: every pattern needs a unit
word after the number, and heading lines are skipped. Rules, not facts: a number is asked only in a
sentence that says what must or may be ("ít nhất", "không quá", "phải", "đạt", "thường lệ"…), never
in questions, table rows, lists and ranges ("45 năm, 55 năm và …", "từ 3 đến …"), news about people,
history or worked examples; and only in a clause that carries its own subject (a list item keeps its
lead-in line, a sentence that goes on from the one before keeps that one).
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from bot.answer import document_name
from bot.knowledge import headings
from bot.knowledge.document import Passage
from bot.quiz.model import MAX_EXPLANATION, MAX_QUESTION, Quiz, tg_len
from bot.vietnamese import fold, normalize

DURATION, FREQUENCY, AGE, SHARE, COUNT, BODY = "thời hạn", "định kỳ", "tuổi", "tỉ lệ", "số lượng", "cơ quan"

_DIGITS = {
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
_NUM_WORD = r"(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|linh|lẻ)"
NUM = rf"(?:\d{{1,3}}|{_NUM_WORD}(?:\s+{_NUM_WORD})*)"
_PERIOD = r"(?:ngày|tuần|tháng|quý|năm)"
_MONTHS = {
    "ngày": Fraction(1, 30),
    "tuần": Fraction(7, 30),
    "tháng": Fraction(1),
    "quý": Fraction(3),
    "năm": Fraction(12),
}
_B, _E = r"(?<![\w/.,-])", r"(?![\w/-])"  # not inside a word, a date (10/5/2023) or a number (1.000)
_NOT_DATE_BEFORE = r"(?<!ngày\s)(?<!tháng\s)(?<!năm\s)(?<!Ngày\s)(?<!Tháng\s)"
_NOT_RATE_BEFORE = r"(?<!đồng\s)(?<!đồng/)"  # "540.000 đồng một tháng" is a rate, not a time limit
_PEOPLE = r"(?:đảng viên|đồng chí|ủy viên|uỷ viên|thành viên|phó bí thư|đại biểu|người)"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        FREQUENCY,
        re.compile(rf"{_B}(?:mỗi|hằng|hàng)\s+(?P<period>{_PERIOD})\s+(?:ít nhất\s+)?(?P<times>{NUM})\s+lần{_E}", re.I),
    ),
    (
        FREQUENCY,
        re.compile(rf"{_B}{_NOT_DATE_BEFORE}(?P<n>{NUM})\s+(?P<period>{_PERIOD})\s+(?P<times>{NUM})\s+lần{_E}", re.I),
    ),
    (
        DURATION,
        re.compile(
            rf"{_B}{_NOT_DATE_BEFORE}{_NOT_RATE_BEFORE}(?P<n>{NUM})\s+(?P<period>{_PERIOD})(?:\s+làm việc)?{_E}"
            rf"(?!\s+học\b)(?!\s*\d)(?!\s+(?:{NUM}\s+)?lần)(?!\s+{_NUM_WORD}\b)",
            re.I,
        ),
    ),
    (AGE, re.compile(rf"{_B}(?P<n>{NUM})\s+tuổi{_E}", re.I)),
    (
        SHARE,
        re.compile(
            rf"{_B}(?:(?:quá|hơn)\s+(?:một\s+)?nửa|(?P<a>{NUM})\s+phần\s+(?P<b>{NUM})|(?P<pct>\d{{1,3}}(?:[.,]\d{{1,2}})?)\s?%)(?!\w)",
            re.I,
        ),
    ),
    (COUNT, re.compile(rf"{_B}(?P<n>{NUM})\s+(?P<unit>{_PEOPLE}){_E}", re.I)),
]

# Bodies that decide, longest first so that "cấp ủy cấp trên trực tiếp" wins over "cấp ủy".
_BODIES = [
    "Ban Chấp hành Trung ương",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Ủy ban Kiểm tra Trung ương",
    "Đại hội đại biểu toàn quốc",
    "Ban Tổ chức Trung ương",
    "Ban Tuyên giáo Trung ương",
    "Ban Thường vụ Tỉnh ủy",
    "Ban Thường vụ Thành ủy",
    "Ban Thường vụ Huyện ủy",
    "Ban Thường vụ Đảng ủy",
    "Thường trực Tỉnh ủy",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy",
    "Ban Nội chính Tỉnh ủy",
    "ban thường vụ cấp ủy",
    "ban thường vụ",
    "cấp ủy cấp trên trực tiếp",
    "cấp ủy cấp trên",
    "cấp ủy cùng cấp",
    "cấp ủy cơ sở",
    "đảng ủy cơ sở",
    "ủy ban kiểm tra cấp trên",
    "ủy ban kiểm tra",
    "đại hội",
    "chi ủy",
    "chi bộ",
    "cấp ủy",
    "đảng ủy",
    "tỉnh ủy",
    "huyện ủy",
]
_DECIDES = (
    r"(?:quyết định|xem xét|chuẩn y|triệu tập|chỉ định|công nhận|phê duyệt|ban hành|chủ trì|chịu trách nhiệm"
    r"|hướng dẫn|tham mưu|theo dõi|giải thích)"
)


def _body_regex(name: str) -> str:
    return r"\s+".join(re.escape(w).replace("ủy", "(?:ủy|uỷ)") for w in name.split())


_GENERIC_BODY = re.compile("|".join(_body_regex(b) for b in _BODIES if b[0].islower()), re.I)
_BODY = "|".join(_body_regex(b) for b in _BODIES)
_BODY_BESIDE_BODY = re.compile(rf"(?:{_BODY})\s*(?:,|và|hoặc)\s*$", re.I)
_BODY_BEFORE_BODY = re.compile(rf"^\s*(?:,|và|hoặc)\s*(?:{_BODY})(?!\w)|^\s+trực thuộc", re.I)
_BODY_PATTERNS = [
    re.compile(rf"(?:\bdo|\bgiao)\s+(?P<body>{_BODY})(?![\w/])(?!\s+(?-i:[A-ZĐ]))(?=[^.;]{{0,40}}?\b{_DECIDES})", re.I),
    re.compile(
        rf"(?<![\w\s)/])\s*(?P<body>{_BODY})(?![\w/])(?!\s+(?-i:[A-ZĐ]))"
        rf"\s+(?:có thẩm quyền\s+|có quyền\s+)?{_DECIDES}\b",
        re.I,
    ),
]

_LIST_MARKER = re.compile(r"^\s*(?:[-+•*]|\d{1,2}[.)]|[a-zđA-ZĐ][.)])\s+")
# A quiz page's options ("B. Chi đầu tư đạt ít nhất 6% …  C. … 5% …"): only one of them is true, so
# none may be asked as a rule.
_QUIZ_OPTION = re.compile(r"^\s*[A-D][.)]\s|(?:^|\s)[A-D][.)]\s.+\s[A-D][.)]\s")
_HEADING_LINE = re.compile(
    rf"^(?:#|(?:{headings.HEADING_WORD}|Câu|Phụ lục)\s+[\dIVXLC]+\b|{headings.ROMAN}[.)]\s)", re.I
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
# Not rules: table rows of terms of office ("8/7/2009-30/1/2021 11 năm, 207 ngày"), news about people.
_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|tháng \d{1,2} năm \d{4}")
_PERSON = re.compile(r"\b(?:ông|bà|đồng chí)\s+[A-ZĐ]")
_RANGE_BEFORE = re.compile(r"(?:\d\s*[-–]|(?<![/\d])\d{1,3}\s*,|\bđến(?:\s+dưới)?|\btới|/)\s*$")
_RANGE_AFTER = re.compile(r"^\s*(?:[-–]\s*\d|(?:đến|tới)\s|/)")
_CITATION_MARK = re.compile(r"\[(?:\d+|note[^\]]*)\]")
# Reports, history and worked examples: "đến nay mới đạt", "từ 1954", "Bộ A có 6 thành viên", "dưới đây".
_NOT_RULE_WORDS = re.compile(
    r"(?i:\b(?:đến nay|hiện nay|hiện có|vừa qua|đã đạt|đạt được|dưới đây|sau đây|tải về|tham khảo|1[89]\d\d)\b)"
    r"|\b(?:Bộ|Tỉnh|tỉnh|Xã|xã|Huyện|huyện|ủy|uỷ|Ủy|cơ quan|đơn vị|đồng chí|Đồng chí)\s+[A-Z]\b(?![.\-/])"
    r"|\b(\d+)/\1\b",  # "11/11 địa phương hoàn thành": a report
)
_ANNIVERSARY = re.compile(r"\b(?:kỷ niệm|tròn|hơn|gần|sau)\s*$", re.I)
_PRONOUN_START = re.compile(r"^(?:Họ|Ông|Bà|Anh|Chị|Nó|Chúng tôi|Tôi)\b")
# A rule says what must, may or may not be: a number in a sentence without such a word is mostly a
# fact of history or news ("Đại hội có 1.129 đại biểu"), not worth a quiz.
_NORMATIVE = re.compile(
    r"\b(?:phải|ít nhất|không quá|tối đa|tối thiểu|trở lên|trở xuống|chậm nhất|trong vòng|thời hạn|thường lệ|"
    r"định kỳ|đạt|không được|dưới(?! đây)|đủ|mỗi|hằng|được giảm|được hưởng|có từ)\b"  # lower-case: "Lý Đạt" is a name
)
# A clause opening like this needs its subject in the clause too ("Trong thời gian … kể từ …" alone says nothing).
_CONNECTIVE_START = re.compile(r"^(?:Trong|Ít nhất|Trường hợp|Sau|Chậm nhất|Đối với|Riêng|Nếu|Khi|Có từ)\b", re.I)
MIN_CONNECTIVE_WORDS = 6
# …and a sentence opening like this goes on from the one before: without it, it has no subject.
_SUBJECTLESS_START = re.compile(r"^(?:Có thể|Nhưng|Song|Tuy nhiên|Đồng thời|Hoặc|Và)\b", re.I)
MAX_CLAUSE = 230
MAX_LEAD_IN = 150
MIN_CONTEXT_WORDS = 6


@dataclass(frozen=True)
class Span:
    """A decisive part found in a document: what it says, what it means, and where."""

    kind: str
    text: str  # exactly as written
    value: tuple  # (kind, meaning…): two spans with the same value must never be a right and a wrong option
    unit: str  # distractors of the same unit read best ("tháng" with "tháng")
    style: str  # "digit" or "word": "12 tháng" among "sáu tháng" gives the answer away
    doc: int


@dataclass(frozen=True)
class Candidate:
    """A clause with one decisive part to blank out."""

    passage: Passage
    passage_index: int  # its position in the library's index, for the button that opens it
    doc: int
    span: Span
    before: str  # the clause's text before and after the span
    after: str
    key: str


# --- numbers ---------------------------------------------------------------------------------------


def number_value(text: str) -> int | None:
    """ "12", "mười hai", "hai mươi bốn", "năm" → the number; None for word runs that are no number."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    total, current, last = 0, 0, None
    if text.split()[0] in ("trăm", "mươi", "lăm", "mốt", "tư", "linh", "lẻ"):  # no number starts so
        return None
    for word in text.split():
        if word == "trăm":
            total, current = total + (current or 1) * 100, 0
        elif word == "mươi":
            if last not in _DIGITS:
                return None
            current *= 10
        elif word == "mười":
            if current:
                return None
            current = 10
        elif word in ("linh", "lẻ"):
            pass
        elif word in _DIGITS:
            if last in _DIGITS:  # "một hai" is no number
                return None
            if word in ("mốt", "lăm", "tư") and last not in ("mươi", "mười"):
                return None
            current += _DIGITS[word]
        else:
            return None
        last = word
    return total + current


def _style(text: str) -> str:
    return "digit" if any(c.isdigit() for c in text) else "word"


def _span(kind: str, m: re.Match, doc: int) -> Span | None:
    text = m.group(0).strip()
    g = m.groupdict()
    value: tuple
    if kind in (DURATION, FREQUENCY):
        period = _MONTHS[g["period"].lower()]
        n = number_value(g["n"]) if g.get("n") else 1
        times = number_value(g["times"]) if g.get("times") else 1
        if not n or not times:
            return None
        value = (kind, period * n / times)
        unit = g["period"].lower() if kind == DURATION else "lần"
    elif kind == AGE:
        n = number_value(g["n"])
        if not n or not 14 <= n <= 100:
            return None
        value, unit = (kind, n), "tuổi"
    elif kind == SHARE:
        if g.get("pct"):
            value = (kind, Fraction(g["pct"].replace(",", ".")) / 100)
            unit = "%"
        elif g.get("a"):
            a, b = number_value(g["a"]), number_value(g["b"])
            if not a or not b or a >= b:
                return None
            value, unit = (kind, Fraction(a, b)), "phần"
        else:
            value, unit = (kind, "quá nửa"), "phần"
    elif kind == COUNT:
        n = number_value(g["n"])
        if not n or (n == 1 and _style(g["n"]) == "word"):  # "một người" is mostly "a person"
            return None
        unit = fold(normalize(g["unit"].lower()))
        value = (kind, unit, n)
    else:
        text = m.group("body")
        key = fold(normalize(" ".join(text.lower().split())))
        value, unit = (kind, key), "cơ quan"
        # "Ban Bí thư" reads with other named bodies, "cấp ủy" with other generic ones
        return Span(kind, text, value, unit, "generic" if _GENERIC_BODY.fullmatch(text) else "name", doc)
    return Span(kind, text, value, unit, _style(text), doc)


# Words without which a pattern cannot match: checking them first skips most lines cheaply.
_TRIGGERS = {
    0: ("lần",),
    1: ("lần",),
    2: ("ngày", "tuần", "tháng", "quý", "năm"),
    3: ("tuổi",),
    4: ("%", "phần", "nửa"),
    5: ("đảng viên", "đồng chí", "ủy viên", "uỷ viên", "thành viên", "phó bí thư", "đại biểu", "người"),
}
_NUM_START = re.compile(rf"{_B}(?:\d|{_NUM_WORD})", re.I)
_NUMBER_FIRST = {1, 2, 3, 5}  # patterns that start with a number: tried only where a number starts
_DECIDE_WORDS = tuple(_DECIDES[3:-1].split("|"))


def _matches(index: int, pattern: re.Pattern, text: str, starts: list[int]):
    if index in _NUMBER_FIRST:
        for position in starts:
            m = pattern.match(text, position)
            if m:
                yield m
    else:
        yield from pattern.finditer(text)


def find_spans(text: str, doc: int) -> list[tuple[int, int, Span]]:
    """Decisive parts in one line of text, without overlaps (the first pattern listed wins)."""
    found: list[tuple[int, int, Span]] = []
    taken: list[tuple[int, int]] = []
    lowered = text.lower()
    starts = [m.start() for m in _NUM_START.finditer(text)]
    for index, (kind, pattern) in enumerate(_PATTERNS):
        if not any(word in lowered for word in _TRIGGERS[index]):
            continue
        for m in _matches(index, pattern, text, starts):
            start, end = m.start(), m.end()
            if any(start < e and s < end for s, e in taken):
                continue
            span = _span(kind, m, doc)
            if span:
                offset = m.group(0).index(span.text)
                found.append((start + offset, start + offset + len(span.text), span))
                taken.append((start, end))
    if not any(word in lowered for word in _DECIDE_WORDS):
        return sorted(found, key=lambda f: f[0])
    for pattern in _BODY_PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.start("body"), m.end("body")
            if any(start < e and s < end for s, e in taken):
                continue
            span = _span(BODY, m, doc)
            assert span is not None  # a named body is never refused
            found.append((start, end, span))
            taken.append((start, end))
    return sorted(found, key=lambda f: f[0])


# --- candidates ----------------------------------------------------------------------------------


def _clean_line(line: str) -> str:
    line = line.replace("**", "").replace("__", "").strip()
    return _LIST_MARKER.sub("", line).strip()


def _is_heading(line: str, passage: Passage) -> bool:
    plain = _clean_line(line)
    if _HEADING_LINE.match(line.strip()) or _HEADING_LINE.match(plain) or "|" in line:
        return True
    if any(plain and plain in element for element in passage.section):
        return True
    letters = [c for c in plain if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _clause(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The part of a sentence to ask about: the whole sentence when short, else its clause (between
    semicolons); None when even that is too long to ask."""
    if len(sentence) <= MAX_CLAUSE:
        return 0, len(sentence)
    lo = sentence.rfind(";", 0, start) + 1
    hi = sentence.find(";", end)
    hi = len(sentence) if hi < 0 else hi + 1
    if hi - lo <= MAX_CLAUSE:
        return lo, hi
    return None  # cut between commas, a clause loses its subject: "Kiện toàn tổ chức bộ máy, còn từ …"


def _not_rule_sentence(sentence: str) -> bool:
    """Questions and titles, table rows, encyclopaedia text, news about people."""
    return (
        "?" in sentence
        or len(_DATE.findall(sentence)) >= 2
        or sentence.count("–") >= 2
        or bool(_PERSON.search(sentence) or _CITATION_MARK.search(sentence) or _PRONOUN_START.match(sentence))
        or bool(_NOT_RULE_WORDS.search(sentence))
    )


def _in_a_list(spans, start: int, end: int, span: Span) -> bool:
    """One of several of the same kind side by side ("45 năm, 55 năm, 65 năm và 75 năm", "từ 3
    tháng đến dưới 12 tháng"): the blank would have more than one reading."""
    for s, e, other in spans:
        if other is span or other.kind != span.kind:
            continue
        gap = (start - e) if e <= start else (s - end)
        if 0 <= gap <= 14:
            return True
    return False


def _not_a_rule(sentence: str, start: int, end: int) -> bool:
    """A part of a range ("84 - 85%"), of a compound length ("2 năm, 137 ngày") or in brackets
    ("Nguyễn Văn A (57 tuổi)"): trivia, not the decisive part of a rule."""
    before, after = sentence[:start], sentence[end:]
    if _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after) or _ANNIVERSARY.search(before):
        return True
    if before.count("“") > before.count("”") or before.count('"') % 2:  # inside a quoted name or form field
        return True
    if re.match(r"^,\s*\d+\s+ngày", after) or re.search(r"\d+\s+năm,\s*$", before):
        return True
    if _BODY_BESIDE_BODY.search(before) or _BODY_BEFORE_BODY.match(after):
        return True  # "Bộ Chính trị, … quyết định": one of several bodies named together
    return before.rstrip().endswith("(") and after.lstrip().startswith(")")


def candidates_in(passage: Passage, passage_index: int, doc: int) -> list[Candidate]:
    out: list[Candidate] = []
    lead_in = ""
    for line in passage.text.split("\n"):
        if not line.strip() or _is_heading(line, passage) or _QUIZ_OPTION.search(line):
            continue
        text = _clean_line(line)
        is_item = bool(_LIST_MARKER.match(line))
        if not is_item:
            lead_in = text if text.endswith(":") and len(text) <= MAX_LEAD_IN else ""
        sentences = _SENTENCE_END.split(text)
        for n, sentence in enumerate(sentences):
            # A sentence that goes on from the one before ("Có thể triệu tập sớm hơn…") keeps it as
            # context; a list item keeps the lead-in it completes ("Điều kiện …: Có từ 3 đảng viên…").
            if n:  # noqa: SIM108 — two cases read better than a nested conditional
                context = sentences[n - 1]
            else:
                context = lead_in if is_item else ""
            fits = context and len(context) + len(sentence) < MAX_CLAUSE and "?" not in context
            previous = context + " " if fits else ""
            sentence = previous + sentence
            if _not_rule_sentence(sentence):
                continue
            spans = find_spans(sentence, doc)
            for start, end, span in spans:
                if start < len(previous) or _not_a_rule(sentence, start, end) or _in_a_list(spans, start, end, span):
                    continue
                if span.kind != BODY and not _NORMATIVE.search(sentence):
                    continue  # (checked again on the clause asked, below)
                where = _clause(sentence, start, end)
                if where is None:
                    continue
                lo, hi = where
                if previous and len(sentence) <= MAX_CLAUSE:
                    lo = 0
                before = sentence[lo:start].strip()
                if before[:1].isdigit() and not _LIST_MARKER.match(before):
                    continue  # "2030 phấn đấu có ít nhất …": a clause that starts mid-phrase
                after = sentence[end:hi].strip()
                if len(before.split()) + len(after.split()) < MIN_CONTEXT_WORDS or len(before.split()) < 2:
                    continue
                if _CONNECTIVE_START.match(before) and len(before.split()) < MIN_CONNECTIVE_WORDS:
                    continue
                if _SUBJECTLESS_START.match(before):
                    continue
                if span.kind == BODY and not any(w in after.lower() for w in _DECIDE_WORDS):
                    continue  # "Truyền hình tỉnh do …?": the clause was cut before what the body does
                clause = f"{before} {after}"
                if span.kind != BODY and not _NORMATIVE.search(clause):
                    continue  # the rule word is in another clause of the sentence
                if clause.count("(") != clause.count(")"):
                    continue
                if span.kind == SHARE and isinstance(span.value[1], Fraction) and span.value[1] > 1:
                    continue  # "đạt 979,04% so với tiêu chuẩn" is a statistic, not a rule
                if span.text not in passage.text:  # a span broken by emphasis marks: not quotable
                    continue
                # the same rule quoted in two files is one question
                key = " ".join(re.findall(r"\w+", fold(normalize(sentence[lo:hi].lower()))))[:120] + "|" + span.text
                out.append(Candidate(passage, passage_index, doc, span, before, after, key))
    return out


# --- building a quiz ---------------------------------------------------------------------------------


class Pool:
    """Every decisive part of the loaded documents, by kind: where distractors come from."""

    def __init__(self, spans: list[Span]):
        self.by_kind: dict[str, list[Span]] = defaultdict(list)
        seen = set()
        for span in spans:
            key = (span.doc, span.text.lower())
            if key not in seen:
                seen.add(key)
                self.by_kind[span.kind].append(span)

    def distractors(self, candidate: Candidate, question: str, rng: random.Random, count: int = 3) -> list[str] | None:
        correct = candidate.span
        asked = fold(normalize(question.lower()))
        question_values = {s.value for _, _, s in find_spans(question, -1)}
        tiers: dict[int, list[Span]] = defaultdict(list)
        for span in self.by_kind.get(correct.kind, []):
            if span.value == correct.value or span.value in question_values:
                continue
            if correct.kind == COUNT and span.unit != correct.unit:
                continue
            if correct.kind == BODY and (
                span.value[1] in correct.value[1] or correct.value[1] in span.value[1] or span.value[1] in asked
            ):
                continue
            # an option far off the answer's size gives itself away ("853 đảng viên" beside "10 đảng
            # viên", "5 năm" beside "03 ngày"): read last, whatever document it comes from
            far = _far(span, correct)
            tier = (
                far * 8
                + (span.doc != correct.doc) * 4
                + (span.unit != correct.unit) * 2
                + (span.style != correct.style)
            )
            tiers[tier].append(span)
        chosen: list[Span] = []
        for tier in sorted(tiers):
            group = tiers[tier][:]
            rng.shuffle(group)
            for span in group:
                if len(chosen) == count:
                    break
                if any(span.value == c.value or _same_text(span.text, c.text) for c in chosen):
                    continue
                if correct.kind == BODY and any(
                    span.value[1] in c.value[1] or c.value[1] in span.value[1] for c in chosen
                ):
                    continue
                chosen.append(span)
        if len(chosen) < count:
            return None
        return [_option_case(s.text, correct.text) for s in chosen]


FAR_RATIO = 4  # two sizes this many times apart read as different kinds of answer


def _size(span: Span) -> float | None:
    """The number a span states, in its kind's own measure (months, years of age, a share, a count)."""
    size = span.value[-1]
    return float(size) if isinstance(size, (int, float, Fraction)) and size > 0 else None


def _far(span: Span, correct: Span) -> bool:
    a, b = _size(span), _size(correct)
    return a is not None and b is not None and max(a, b) / min(a, b) > FAR_RATIO


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _option_case(text: str, like: str) -> str:
    """A distractor that began a sentence where it was found starts lower-case like the answer."""
    if _GENERIC_BODY.fullmatch(text):  # "Cấp uỷ cấp trên trực tiếp" began a sentence: so do the others
        capital = like[:1].isupper() and bool(_GENERIC_BODY.fullmatch(like))
        return (text[:1].upper() if capital else text[:1].lower()) + text[1:]
    if like[:1].islower() and text[:1].isupper() and not text.split()[0].isupper() and len(text.split()[0]) > 1:
        first = text.split()[0]
        if (
            first.lower() in ("mỗi", "hằng", "hàng", "quá", "hơn")
            or first.lower() in _DIGITS
            or first.lower() == "mười"
        ):
            return text[:1].lower() + text[1:]
    return text


def question_text(candidate: Candidate) -> str:
    """ "Theo Điều lệ Đảng: Chi bộ, chi ủy họp thường lệ …?" within Telegram's 300 characters."""
    name = re.sub(r"^Theo\s+", "", document_name(candidate.passage.doc))
    # a news title ("Thị trấn Cát Bà thuộc huyện nào?") makes no "Theo …"; the explanation cites it
    named = len(name) <= 70 and "?" not in name and ":" not in name and " " in name and name[:1].isupper()
    prefix = f"Theo {name}: " if named else ""
    before, after = candidate.before, candidate.after.rstrip(" .;:,")
    body = f"{before} …{(' ' + after) if after and after[0] not in ',.;:)' else after}".strip()
    budget = MAX_QUESTION - tg_len(prefix) - 1
    if tg_len(body) > budget:
        body = _short(body, budget)
    body = body.rstrip(" .;:,") + "?" if not body.endswith("…") else body + "?"
    return prefix + body[0].upper() + body[1:]


def explanation_text(candidate: Candidate) -> str:
    """ "Đáp án: mười hai tháng.\nĐiều lệ Đảng — Điều 5, khoản 1" (≤ 200 characters, ≤ 2 line feeds)."""
    answer = f"Đáp án: {_short(candidate.span.text, 90)}."
    where = _short(
        f"{document_name(candidate.passage.doc)} — {section_citation(candidate)}", MAX_EXPLANATION - tg_len(answer) - 1
    )
    return f"{answer}\n{where}"


def section_citation(candidate: Candidate) -> str:
    """ "Chương III › Điều 24, khoản 1": the article and, for a numbered item, its khoản."""
    section = list(candidate.passage.section)
    line = next((row for row in candidate.passage.text.split("\n") if candidate.span.text in row), "")
    item = re.match(r"^\s*(\d{1,2})[.)]\s", line)
    if section and re.match(rf"^{headings.CLAUSE}\s", section[-1]):
        section = section[:-1]
    if item and section and section[-1].startswith("Điều"):
        section[-1] = f"{section[-1]}, khoản {item.group(1)}"
    if section and section[-1].startswith("Điều"):
        return section[-1]
    return " › ".join(section[-2:]) if section else "toàn văn"


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if tg_len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)]
    while tg_len(cut) > limit - 1:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def build_quiz(candidate: Candidate, pool: Pool, rng: random.Random) -> Quiz | None:
    question = question_text(candidate)
    if candidate.span.value in {s.value for _, _, s in find_spans(question, -1)}:
        return None  # "ít nhất là … (12 tháng)": the question gives the answer away
    wrong = pool.distractors(candidate, question, rng)
    if wrong is None:
        return None
    options = [candidate.span.text, *wrong]
    rng.shuffle(options)
    quiz = Quiz(
        question=question,
        options=tuple(options),
        correct=options.index(candidate.span.text),
        explanation=explanation_text(candidate),
        key=candidate.key,
        kind=candidate.span.kind,
        passage=candidate.passage,
        passage_index=candidate.passage_index,
        source=f"{document_name(candidate.passage.doc)} — {section_citation(candidate)}",
    )
    return None if quiz.problems() else quiz
