"""Vietnamese text → index terms. The same functions analyse passages and questions.

Two token fields come out of every text:
- `words`: underthesea word tokens ("đảng_viên", "dự_bị"), lower case, one tone placement,
  document numbers kept whole ("21-nq/tw") plus their parts and their key ("nq#21");
- `folded`: the same without diacritics, as syllables and syllable bigrams ("dang", "vien",
  "dang_vien"), so that "dang vien du bi" typed on a phone finds "đảng viên dự bị".
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from underthesea import word_tokenize

from bot.knowledge import headings
from bot.knowledge.document import Passage
from bot.knowledge.symbols import find_references, find_symbols
from bot.search.asks import given
from bot.vietnamese import fold, new_style, normalize, one_spelling

_WORDISH = re.compile(r"\w", re.UNICODE)
# "20%" is "20 phần trăm": documents write the sign, members ask "bao nhiêu phần trăm"
_PERCENT = re.compile(r"(\d)\s?%")
_PADDED = re.compile(r"0\d{1,2}$")
# "kinh tế-xã hội", "chính trị-xã hội", "Mác-Lênin": words joined by a hyphen without spaces are
# the same words as "kinh tế - xã hội"; type codes ("NĐ-CP") keep theirs.
_WORD_HYPHEN = re.compile(r"(?<=[a-zà-ỹđ])-(?=[^\W\d_])")
_SPLIT_ALNUM = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


# The token fields every passage is indexed under (see passage_fields).
FIELDS = ("words", "folded", "headings", "gives", "pairs")
# Headings that name the rule under them ("Điều 45. Nhiệm vụ của giáo dục thường xuyên") or the
# slide under them ("Trang chiếu 8. Câu hỏi thảo luận"), unlike the headings of web pages, which
# are often the page's own question.
_RULE_HEADING = re.compile(rf"^(?:{headings.HEADING_WORD}|{headings.SLIDE})\s")


@dataclass(frozen=True)
class Tokens:
    """The token fields of one text."""

    words: list[str]
    folded: list[str]


def analyze(text: str) -> Tokens:
    """Index terms of a passage or a question."""
    words = word_tokens(text)
    return Tokens(words, folded_tokens(words))


def passage_fields(passage: Passage) -> dict[str, list[str]]:
    """The index terms of a passage, per field.

    A passage is found by its words, its headings ("Bước 02: Lập hồ sơ" carries meaning that the
    steps under it do not repeat) and its document's number: the body of "Kết luận 07-KL/VPTW"
    never spells out "07-KL/VPTW", yet members ask for it by number. The titles of articles and
    chapters are indexed once more on their own (`headings`, words and folded terms together), and
    so is the lead-in of an article that has no title (`lead_in`).
    `gives` holds the kinds of answer the passage gives (asks.py: "duration", "time"…), which the
    search reads as a mask, not as words; `pairs` its adjacent words, which only restoring marks
    reads (diacritics.py).
    """
    number = [passage.doc.symbol] if passage.doc.symbol else []
    tokens = analyze("\n".join([*number, *passage.section, passage.text]))
    titles = [h for h in passage.section if _RULE_HEADING.match(h)]
    rule = analyze("\n".join([*titles, *lead_in(passage.text, titles)]))
    return {
        "words": tokens.words,
        "folded": tokens.folded,
        "headings": rule.words + rule.folded,
        "gives": sorted(given(passage.text)),
        "pairs": word_pairs(tokens.words),
    }


def lead_in(text: str, titles: list[str]) -> list[str]:
    """A passage's opening lead-in ("Đảng viên có nhiệm vụ :", "Thẩm quyền thi hành kỷ luật tổ
    chức đảng vi phạm :") when its article has no title of its own: the Điều lệ's articles are
    "Điều 2", "Điều 37", and their lead-in is what names their subject. Indexed with the titles,
    it lets "Nhiệm vụ của đảng viên gồm những gì?" find Điều 2 among the many passages that say
    "nhiệm vụ" and "đảng viên" in passing. A titled article ("Điều 82. Thành lập, đăng ký pháp
    nhân") keeps its title alone: its lead-in added nothing on ALQAC and moved four questions."""
    if any(_TITLED.match(t) for t in titles if t.startswith("Điều")):
        return []
    first = text.lstrip().split("\n", 1)[0].strip()
    return [first] if first.endswith(":") and len(first.split()) <= LEAD_IN_WORDS else []


LEAD_IN_WORDS = 12  # longer, the opening line is a sentence that happens to end in ":"
_TITLED = re.compile(r"^\w+\s+\S+?[.:]?\s+\w")  # "Điều 82. Thành lập…", not "Điều 2"


def word_pairs(words: list[str]) -> list[str]:
    """Adjacent word tokens of a text, as "a b": how the folder writes words beside each other,
    which restores a question's marks ("tang co" is "tặng cờ", not "tăng có"). Only pairs with a
    word of one syllable: those are the words that read several ways without marks; the pairs of
    two longer words, a third of them, changed no restored question and took 9 MB more memory."""
    plain = [w for w in words if "#" not in w]
    return [f"{a} {b}" for a, b in itertools.pairwise(plain) if "_" not in a or "_" not in b]


def word_tokens(text: str) -> list[str]:
    """Lower-cased word tokens; document numbers whole, then as parts and as their "type#number" key.

    Syllables spelled with "i" or "y" alike are read in one spelling (`one_spelling`) before underthesea,
    which joins "kỷ luật", "ký tên", "bác sĩ", "sĩ quan" into words but not always their other spellings."""
    text = _PERCENT.sub(r"\1 phần trăm", one_spelling(normalize(text)))
    tokens: list[str] = []
    position = 0
    references = {start: key for start, _, key in find_references(text)}
    for start, end, symbol in find_symbols(text):
        tokens += _tokenize_plain(text[position:start])
        written = symbol.text.lower()
        tokens += [written, *_symbol_parts(written), symbol.key]
        references.pop(start, None)
        position = end
    tokens += _tokenize_plain(text[position:])
    # "QĐ 294", "quy dinh 294": the words stay as they are, the key is added once per mention.
    tokens += list(references.values())
    tokens = [_one_number_form(t) for t in tokens]
    return tokens + _numbers(tokens) + _congress_numbers(tokens) + congress_keys(text)


_DIGITS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
           "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}  # fmt: skip
_NUMBER_SYLLABLES = set(_DIGITS) | {"mười", "mươi", "trăm", "linh", "lẻ", "phần"}
# After these, a lone number word is a quantity ("ba tháng"), not "ba" the father or "năm" the year.
_UNITS = {"tháng", "năm", "ngày", "tuần", "giờ", "phút", "lần", "người", "tuổi", "đồng", "buổi", "kỳ",
          "đảng_viên", "thành_viên", "cấp", "đợt", "nhiệm_kỳ", "bước", "loại", "mức", "nhóm"}  # fmt: skip


def number_value(syllables: list[str]) -> int | None:
    """ "mười hai" → 12, "hai mươi lăm" → 25, "một trăm linh năm" → 105; None if not a numeral."""
    value, pending = 0, None
    for s in syllables:
        if s in _DIGITS:
            if pending is not None:
                return None  # "hai ba" is two numbers, not one
            pending = _DIGITS[s]
        elif s == "trăm":
            value, pending = value + (1 if pending is None else pending) * 100, None
        elif s == "mươi" and pending is not None:
            value, pending = value + pending * 10, None
        elif s == "mười" and pending is None:
            value += 10
        elif s not in ("linh", "lẻ"):
            return None
    return value + (pending or 0)


def _numbers(tokens: list[str]) -> list[str]:
    """Digits for numbers written in words, added beside them: "mười hai tháng" is also "12 tháng",
    "hai phần ba" also "2/3", so a question typed with digits finds rules written in words."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        j = i
        syllables: list[str] = []
        while j < len(tokens) and all(s in _NUMBER_SYLLABLES for s in tokens[j].split("_")):
            syllables += tokens[j].split("_")
            j += 1
        if j == i:
            i += 1
            continue
        if "phần" in syllables:
            k = syllables.index("phần")
            a, b = number_value(syllables[:k]), number_value(syllables[k + 1 :])
            if not k or a is None or not b:  # "85 phần trăm": the digits are there already
                pass
            elif b == 100:  # "tám mươi lăm phần trăm" is 85 (%), as "85%" is
                out.append(str(a))
            else:
                out += [str(a), str(b), f"{a}/{b}"]
        else:
            value = number_value(syllables)
            lone = len(syllables) == 1
            followed_by_unit = j < len(tokens) and tokens[j] in _UNITS
            after_digits = i > 0 and tokens[i - 1].isdigit()  # "3 năm tuổi": "năm" is the unit, not five
            if value is not None and (not lone or (followed_by_unit and syllables[0] != "không" and not after_digits)):
                out.append(str(value))
        i = j
    return out


# "30/5/2025", "30-5-2025", "30.05.2025"; "6/1925", "6-1925" (a month of a year).
_DATE = re.compile(r"(?:(\d{1,2})[/.-])?(\d{1,2})[/.-]((?:1[89]|20)\d\d)")


def _date(day: str | None, month: str, year: str) -> str | None:
    """ "d/m/yyyy" or "m/yyyy" without leading zeros; None when it is not a date."""
    if not 1 <= int(month) <= 12 or (day and not 1 <= int(day) <= 31):
        return None
    return "/".join(str(int(p)) for p in (day, month, year) if p)


_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _one_number_form(token: str) -> str:
    """A date or a number in one form: quiz banks write "tháng 6-1925" and "04/5/2025" where
    documents write "6/1925" and "4/5/2025"; "1.000 bác sĩ" is "1000 bác sĩ"."""
    if _THOUSANDS.fullmatch(token):
        return token.replace(".", "")
    m = _DATE.fullmatch(token)
    return (m and _date(*m.groups())) or token


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}
# The words after which a Roman numeral counts congresses and terms: "Đại hội XIV", "khóa XIII",
# "lần thứ III"; members type "đại hội 14", "khoá 13".
_NUMBERED = {"đại_hội", "đại_hội_đảng", "khóa", "thứ", "lần_thứ"}
_NUMBERED |= {fold(w) for w in _NUMBERED}  # typed without marks


def roman_value(token: str) -> int | None:
    """ "xiv" → 14; None for what is not a small Roman numeral (lower case)."""
    if not token or any(c not in _ROMAN for c in token):
        return None
    values = [_ROMAN[c] for c in token]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if 0 < total < 60 else None


def _congress_numbers(tokens: list[str]) -> list[str]:
    """Digits beside the Roman numerals that number congresses and terms ("Đại hội XIV" is also 14)."""
    return [
        str(value)
        for before, token in itertools.pairwise(tokens)
        if before in _NUMBERED and (value := roman_value(token))
    ]


# A congress of the Party named with its number: "Đại hội XIV", "Đại hội đại biểu toàn quốc lần thứ
# II", "Đại hội Đảng Cộng sản Việt Nam lần thứ II", "đại hội 14"; not "Đại hội Đảng bộ tỉnh lần thứ
# XVII", a local one (matched on the folded text, so typed without marks too).
_CONGRESS = re.compile(
    r"\bdai hoi(?: (?:dai bieu|toan quoc|dang|cong san|viet nam|dong duong|lan thu|lan|thu))* ([ivxl]+|\d{1,2})\b"
)
_LAST_CONGRESS = 20
CONGRESS_KEY = "đại_hội#"
_WORD_RUN = re.compile(r"\w+")


def congress_keys(text: str) -> list[str]:
    """A key for each congress of the Party named with its number ("Đại hội II", "Đại hội đại biểu
    toàn quốc lần thứ II", "dai hoi 2" all give "đại_hội#2"), as a document number has its key:
    the number alone is common ("2"), the congress it names is not."""
    folded = " ".join(_WORD_RUN.findall(fold(text.lower())))
    keys = []
    for m in _CONGRESS.finditer(folded):
        value = roman_value(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else 0)
        if 0 < value <= _LAST_CONGRESS:
            keys.append(f"{CONGRESS_KEY}{value}")
    return keys


def _symbol_parts(written: str) -> list[str]:
    return [p for p in re.split(r"[-/–\s]+", written) if p]


def segment(text: str) -> list[str]:
    """underthesea's words of normalized text ("cấp ủy", "cấp", "trên"), syllables separated by a
    space, each syllable as written in `text`.

    underthesea's word model and dictionary spell "cấp uỷ", "hoà bình", "sức khoẻ", while its own
    token normaliser rewrites them "cấp ủy", "hòa", "khỏe" before the model reads them, which then
    splits them into syllables. Given its own spelling and no normaliser, it joins them."""
    return [normalize(token) for token in word_tokenize(new_style(text), use_token_normalize=False)]


def _tokenize_plain(text: str) -> list[str]:
    if not _WORDISH.search(text):
        return []
    out: list[str] = []
    for glued in segment(_WORD_HYPHEN.sub(" - ", text)):
        # underthesea glues a mark to the next word ("gì ? Cách" gives "?_Cách"): the mark and the
        # space around it go, or the word would be "_cách", which no other spelling of it matches
        for token in _GLUED_MARK.split(glued) if " " in glued else (glued,):
            token = token.strip(_MARKS)
            if _WORDISH.search(token):
                out.extend(_plain_word(token))
    return out


_MARKS = ".,;:!?\"'()[]{}“”‘’…*-–/ "
_GLUED_MARK = re.compile(r"\s+[^\w\s]+\s+")


def _plain_word(token: str) -> list[str]:
    """The index terms of one of underthesea's words, its marks stripped."""
    # "03 tháng", "05 năm": official documents pad counts with a zero, members do not
    if _PADDED.match(token):
        token = token.lstrip("0") or "0"
    # "NQ21" is a type code and a number run together; "1.500" stays a number.
    if " " not in token and _SPLIT_ALNUM.search(token) and not token.isdigit():
        return [p.lower() for p in _SPLIT_ALNUM.split(token) if p]
    # underthesea sometimes glues an acronym to the next word ("QĐ kết nạp") or a number to its
    # neighbour ("09/5/2024 cua" typed without marks, "mẫu 2C", "điểm 1.2"): split it again
    if " " in token and any(sum(c.isupper() for c in s) >= 2 or any(c.isdigit() for c in s) for s in token.split()):
        return [s.lower() for s in token.split()]
    return [token.lower().replace(" ", "_")]


def folded_tokens(words: list[str]) -> list[str]:
    """Diacritics-free syllables and adjacent-syllable bigrams of word tokens."""
    syllables: list[str] = []
    for word in words:
        if "#" in word or "/" in word:
            syllables.append(fold(word))
            continue
        syllables.extend(fold(s) for s in word.split("_") if s)
    bigrams = [f"{a}_{b}" for a, b in itertools.pairwise(syllables) if "#" not in a + b]
    return syllables + bigrams
