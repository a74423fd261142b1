"""Facts about written Vietnamese that every layer needs: one Unicode form, one tone placement, folding.

All functions keep the length of NFC text unchanged (one character in, one character out), so
positions found in a folded string are positions in the original: highlighting relies on this.
"""

from __future__ import annotations

import re
import unicodedata

# Tone marks on the five vowels that take them in the ambiguous clusters oa, oe, uy.
_TONED = {
    "a": "àáảãạ",
    "e": "èéẻẽẹ",
    "y": "ỳýỷỹỵ",
    "o": "òóỏõọ",
    "u": "ùúủũụ",
}


def _tone_moves() -> dict[str, str]:
    """Map new-style placements ("hoà", "thuỷ") to the traditional ones ("hòa", "thủy").

    Both styles are in everyday use and the same document may mix them; we settle on the
    traditional one because it is the more common on Party and state portals.
    """
    moves = {}
    for tone in range(5):
        moves["o" + _TONED["a"][tone]] = _TONED["o"][tone] + "a"
        moves["o" + _TONED["e"][tone]] = _TONED["o"][tone] + "e"
        moves["u" + _TONED["y"][tone]] = _TONED["u"][tone] + "y"
    moves.update({k.upper(): v.upper() for k, v in list(moves.items())})
    moves.update({k[0].upper() + k[1]: v[0].upper() + v[1] for k, v in list(moves.items()) if k.islower()})
    return moves


_MOVES = _tone_moves()
# Only at the end of a syllable: in "hoàng" or "quỳnh" the placement is not ambiguous; after "q"
# the "u" belongs to the consonant ("quý" is right in both styles).
_MOVE_RE = re.compile(r"(?<![qQ])(" + "|".join(sorted(_MOVES, key=len, reverse=True)) + r")(?!\w)")


def normalize(text: str) -> str:
    """NFC and one tone-mark placement; case and everything else unchanged."""
    text = unicodedata.normalize("NFC", text)
    return _MOVE_RE.sub(lambda m: _MOVES[m.group(1)], text)


_BACK = {v: k for k, v in _MOVES.items()}
_BACK_RE = re.compile(r"(?<![qQ])(" + "|".join(sorted(_BACK, key=len, reverse=True)) + r")(?!\w)")


def new_style(text: str) -> str:
    """The other placement ("hoà", "thuỷ", "cấp uỷ") of normalized text: the one underthesea's
    dictionary and word model were built with (see analyzer._tokenize_plain)."""
    return _BACK_RE.sub(lambda m: _BACK[m.group(1)], text)


# After these consonants a lone "i" and a lone "y" are one sound with two accepted spellings: "kỉ
# luật"/"kỷ luật", "lí lịch"/"lý lịch", "tỉ lệ"/"tỷ lệ", "hi sinh"/"hy sinh", "qui định"/"quy định",
# "bác sỹ"/"bác sĩ"; the same document may use both, and a member typing without marks writes "ki
# luat". After any other consonant only one spelling is in use ("chi", "khi", "thi", "vi", "công ty").
_I_OR_Y = re.compile(r"(?<![^\W_])([hklmstHKLMST]|[qQ][uU])([iìíỉĩịyỳýỷỹỵIÌÍỈĨỊYỲÝỶỸỴ])(?![^\W_])")
_TO_Y = str.maketrans("iìíỉĩịIÌÍỈĨỊ", "yỳýỷỹỵYỲÝỶỸỴ")
_TO_I = str.maketrans("yỳýỷỹỵYỲÝỶỸỴ", "iìíỉĩịIÌÍỈĨỊ")


def one_spelling(text: str) -> str:
    """One spelling of syllables spelled with "i" or "y" alike: what index terms and the text they
    are compared with are made of ("kỉ_luật" → "kỷ_luật", "ki luat" → "ky luat", "bác sỹ" → "bác
    sĩ"). The spelling is the one underthesea knows in compounds ("kỷ luật", "ký tên"; "bác sĩ",
    "sĩ quan"), and the party corpus's more frequent one. Also "hàng năm" → "hằng năm". Keeps length."""
    text = _I_OR_Y.sub(lambda m: m.group(1) + m.group(2).translate(_TO_I if m.group(1) in "sS" else _TO_Y), text)
    return _EVERY.sub(r"\1ằ\2", text)


# "hàng năm" and "hằng năm" (every year) are both in use, official texts preferring "hằng"; "hàng"
# before another word is a row, goods or a rank ("hàng hóa", "hàng đầu").
_EVERY = re.compile(r"(?<![^\W_])([Hh])à(ng[ _](?:ngày|tuần|tháng|quý|năm)(?![^\W_]))")


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    base = unicodedata.normalize("NFD", ch)[0]
    return base if len(base) == 1 else ch


_FOLD_TABLE = {
    cp: _fold_char(chr(cp))
    for cp in range(0xC0, 0x1EFA)
    if unicodedata.category(chr(cp)).startswith("L") and _fold_char(chr(cp)) != chr(cp)
}


def fold(text: str) -> str:
    """Remove tone and vowel marks ("đảng viên" → "dang vien"); expects NFC, keeps length."""
    return text.translate(_FOLD_TABLE)


def match_form(text: str) -> str:
    """Lower case, without marks, in one spelling: the form in which a question's words are looked
    for in a passage (matched words, answer line, highlight). Expects NFC; keeps length."""
    return one_spelling(fold(text.lower()))


def has_diacritics(text: str) -> bool:
    """True when any letter carries a Vietnamese mark, i.e. the writer did not type without them."""
    return fold(text) != text


_LETTERS = re.compile(r"[^\W\d_]+")

# The capital letters, for a regex class: a sentence starts with one. ("À-Ỹ" would not do: that
# range holds the small letters too.)
CAPITALS = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x1EF9)) if c.isupper() and "LATIN" in unicodedata.name(c))


def typed_with_marks(text: str) -> bool:
    """Whether the writer typed with tone marks: at least a third of the words carry one (over half
    do in text typed with marks). A phone's autocorrect or a pasted name marks a few words of a
    message typed without them ("dang vien du bi bao nhiêu thang thi được chuyen chinh thuc"); read
    as marked, its other words would match nothing."""
    words = [w for w in _LETTERS.findall(text) if not (len(w) > 1 and w.isupper())]  # "BCH", "UBKT"
    return bool(words) and 3 * sum(1 for w in words if has_diacritics(w)) >= len(words)


_NON_ALNUM = re.compile(r"[\W_]+")


def match_key(text: str) -> str:
    """Fold diacritics and case and drop everything that is not a letter or digit.

    This is the evaluation's definition of "contains the same words" (see ../shared/eval/README.md).
    """
    return _NON_ALNUM.sub("", fold(normalize(text)).lower())


# Terminal colour codes (ESC [ … m and the like) pasted from a console, and marks that are invisible
# but split a word in two ("đảng\u200bviên", soft hyphens, direction marks, BOM).
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_question(text: str) -> str:
    """A member's message without what they cannot see: ANSI escapes and zero-width or direction
    marks are removed (they sit inside words), other control characters become spaces."""
    return _CONTROL.sub(" ", _INVISIBLE.sub("", _ANSI.sub("", text)))


# A folded Vietnamese syllable: consonants, vowels, and one of the few finals Vietnamese allows.
# "k" comes only before i, e, y in a syllable ("kê", "kỳ"; "cô", not "kô"): "ko" is chat for "không"
_SYLLABLE = re.compile(r"^(?!k[aou])[bcdghklmnpqrstvx]*[aeiouy]+(?:c|ch|m|n|ng|nh|p|t)?$")


def is_syllable(word: str) -> bool:
    """Whether a word, marks or not, could be one Vietnamese syllable ("dang", "đảng"; not "dv", "party")."""
    return bool(_SYLLABLE.match(fold(normalize(word)).lower()))


def looks_foreign(text: str) -> bool:
    """Most of the message's words (abbreviations in capitals aside) cannot be Vietnamese syllables:
    "what is the party charter?"."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if sum(c.isupper() for c in w) < 2]
    foreign = sum(not is_syllable(w) for w in words)
    return len(words) >= 2 and foreign * 2 > len(words)
