"""A story's numbers against a rule's thresholds.

Quiz-bank scenarios and members' stories state the numbers of their case ("Chi bộ … có 7 đảng viên
chính thức", "ông P. đã 61 tuổi") and the rules that decide them state thresholds ("Chi bộ có dưới
chín đảng viên chính thức, bầu bí thư chi bộ", "Chi bộ có chín đảng viên chính thức trở lên, bầu chi
uỷ", "những người trên 60 tuổi"). Both rules share the story's words; the one whose threshold the
story's number meets is the one that applies to it. The answer line uses this (answerline.py).

A number is a fact of the story only when nothing compares it: "trên 60 tuổi có được vào Đảng không?"
states a threshold itself, not a case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.search.analyzer import number_value
from bot.vietnamese import fold, normalize

# Units a story counts in and a rule sets limits in; "năm" (years) is counted in months, so "8 tháng"
# meets "dưới một năm". Members are counted with their standing: "đảng viên chính thức" is not
# "đảng viên" (which counts probationers too).
_MONTHS = {"thang": 1, "nam": 12}
_UNIT = r"(?:dang vien chinh thuc|dang vien du bi|dang vien|tuoi|thang|nam|ngay)"
# A case's own numbers: "8 đồng chí là đảng viên chính thức", "3 đồng chí đang dự bị", "61 tuổi",
# "còn 45 tháng". A count of members without their standing is left out: "có 3 đảng viên" meets
# "dưới ba mươi đảng viên", which is about the size of a party organisation, not the case. So are
# dates ("tháng 1 năm 2019", "15/9/2025") and document numbers.
_WHO = r"(?:(?:dong chi|nguoi|anh|chi|ban) )?(?:(?:la|deu la|dang la) )?"
_FACT = re.compile(
    rf"(?<![\w/.])(?<!thang )(?<!nam )(?<!ngay )(?<!so )(?<!khoa )(?<!ky )(?P<n>\d{{1,3}}) {_WHO}"
    r"(?P<unit>dang vien chinh thuc|dang vien du bi|tuoi|thang|nam|ngay)(?![\w/])"
)
# "4 đồng chí dự bị", "7 đồng chí chính thức": members counted by their standing alone
_STANDING = re.compile(
    rf"(?<![\w/.])(?<!thang )(?<!nam )(?<!ngay )(?P<n>\d{{1,3}}) {_WHO}(?:dang |trong thoi gian )?"
    r"(?P<standing>du bi|chinh thuc)(?!\w)"
)
_ASKS_NUMBER = re.compile(r"\b(?:bao lau|bao nhieu|may (?:ngay|thang|nam|tuoi|nguoi|dang vien|lan))\b")
# Words that make the number after them a limit, not a case.
_COMPARED = re.compile(
    r"(?:tren|duoi|qua|hon|tu|du|it nhat|toi thieu|toi da|khong qua|chua du|chua den|den|it hon|nhieu hon) $"
)
# What a rule says of its number: "dưới 9", "trên 60", "quá 60", "từ 30 … đến 60", "ít nhất 3", "9 …
# trở lên", "không quá 7".
_LIMIT = re.compile(
    rf"(?:tu (?P<low>\d+) (?:{_UNIT} )?den (?P<below>duoi )?(?P<high>\d+) (?P<range_unit>{_UNIT})"
    r"|(?P<op>it nhat(?: tu)?|toi thieu(?: la)?|tu du|tu|du|tren|qua|nhieu hon|hon|duoi|chua du|chua den|it hon"
    rf"|khong qua|toi da(?: la)?|co) (?P<n>\d+) (?P<unit>{_UNIT})(?P<up> tro len| tro xuong)?)(?!\w)"
)
# "chín đảng viên", "mười hai tháng", "ba mươi đảng viên" (not "50 năm": there "năm" is the unit)
_NUMBER_WORDS = re.compile(
    r"(?<!\w)(?<!\d )(?:một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười)"
    r"(?: (?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín|mười|mươi|trăm|linh|lẻ))*"
    r"(?= (?:đảng viên|tuổi|tháng|năm|ngày)(?!\w))"
)


@dataclass(frozen=True)
class Fact:
    """A number of the member's case and what it counts (months for a span of time)."""

    value: float
    unit: str


@dataclass(frozen=True)
class Limit:
    """A rule's threshold on one side of a number: 9 is the `bound` of both "dưới chín" (`above`
    False) and "chín … trở lên" (`above` True); `inclusive`: the bound itself is admitted."""

    unit: str
    bound: float
    above: bool
    inclusive: bool

    def admits(self, fact: Fact) -> bool:
        if fact.unit != self.unit:
            return False
        if fact.value == self.bound:
            return self.inclusive
        return (fact.value > self.bound) == self.above


def _read(text: str) -> str:
    """Folded words, numbers written in words as digits ("chín đảng viên" → "9 dang vien")."""
    text = " ".join(normalize(text).lower().split())
    text = _NUMBER_WORDS.sub(lambda m: str(number_value(m.group().split()) or m.group()), text)
    return " ".join(re.findall(r"\w+(?:[/.]\w+)*", fold(text)))


def _unit(unit: str, value: float) -> tuple[float, str]:
    return (value * _MONTHS[unit], "thang") if unit in _MONTHS else (value, unit)


def facts(question: str) -> tuple[Fact, ...]:
    """The numbers of the member's case that a rule may set limits on; none when the question asks
    for a number itself ("… trong thời hạn bao lâu?"): the rule that states it answers, whichever
    case its threshold admits."""
    text = _read(question)
    if _ASKS_NUMBER.search(text):
        return ()
    found: list[Fact] = []
    for pattern in (_FACT, _STANDING):
        for m in pattern.finditer(text):
            if _COMPARED.search(text[: m.start()]):
                continue
            unit = m.group("unit") if pattern is _FACT else "dang vien " + m.group("standing")
            if unit == "nam" and text[m.end() :].startswith(" tuoi dang"):
                continue  # "50 năm tuổi Đảng": party years, not a span of the case
            found.append(Fact(*_unit(unit, float(m.group("n")))))
    return tuple(dict.fromkeys(found))


def limits(text: str) -> list[Limit]:
    """The one-sided thresholds a passage's text sets. A range ("từ 3 tháng đến dưới 12 tháng") is
    read whole, so that its end is not taken for a threshold of its own."""
    out: list[Limit] = []
    for m in _LIMIT.finditer(_read(text)):
        if m.group("low"):
            continue
        op, up = m.group("op"), m.group("up")
        n, unit = _unit(m.group("unit"), float(m.group("n")))
        if op in ("tren", "qua", "hon", "nhieu hon"):
            out.append(Limit(unit, n, above=True, inclusive=False))
        elif op in ("duoi", "chua du", "chua den", "it hon"):
            out.append(Limit(unit, n, above=False, inclusive=False))
        elif op == "khong qua" or op.startswith("toi da") or up == " tro xuong":
            out.append(Limit(unit, n, above=False, inclusive=True))
        elif up == " tro len" or op.startswith(("it nhat", "toi thieu")) or op in ("du", "tu du"):
            out.append(Limit(unit, n, above=True, inclusive=True))
    return out


def deciding(texts: list[str]) -> frozenset[tuple[str, float]]:
    """The numbers at which `texts` split cases in two: a rule's threshold on one side of the number
    and another's on the other side ("dưới chín đảng viên chính thức" and "chín đảng viên chính thức
    trở lên"), as (unit, number). A threshold no rule mirrors says nothing of which rule applies:
    "còn từ 30 đến 60 tháng" admits the 45 months of a member whose answer is "ít nhất từ 48 tháng
    trở lên", and "không quá 30 tháng" the 20 of one whose answer is "còn dưới 24 tháng"."""
    sides = {(limit.unit, limit.bound, limit.above) for text in texts for limit in limits(text)}
    return frozenset((unit, bound) for unit, bound, above in sides if (unit, bound, not above) in sides)


def meets(case: tuple[Fact, ...], text: str, split: frozenset[tuple[str, float]]) -> bool:
    """Whether `text` sets a threshold at one of the numbers that `split` cases (see `deciding`)
    that admits one of the case's numbers."""
    return any((limit.unit, limit.bound) in split and limit.admits(f) for limit in limits(text) for f in case)
