"""Vietnamese text in the pre-Unicode encodings offices still hold: TCVN3 (ABC, `.VnTime` fonts),
VNI (`VNI-Times` fonts) and Windows-1258.

Those files were typed with 8-bit fonts whose glyphs sit where Latin-1 letters would be, so once
read as Unicode they look like "§¶ng" (TCVN3) or "Ñaûng" (VNI) for "Đảng". Word files name the
font of each run, which tells the encoding; plain text files do not, so there we try each
encoding and keep the one that turns the most words into Vietnamese syllables.

No library on PyPI does this with care; the tables below are the published TCVN 5712:1993 (VN3)
and VNI Windows layouts.
"""

from __future__ import annotations

import re
import unicodedata

TCVN3 = "TCVN3"
VNI = "VNI"
CP1258 = "Windows-1258"
NAMES = {TCVN3: "TCVN3 (ABC)", VNI: "VNI", CP1258: "Windows-1258"}

# TCVN3: one byte per letter; capitals with tone marks do not exist (the `…H` fonts draw the small
# letters' codes as capitals).
_TCVN3_FROM = "¸µ¶·¹¨¾»¼½Æ©ÊÇÈÉË®ÐÌÎÏÑªÕÒÓÔÖÝ×ØÜÞãßáâä«èåæçé¬íêëìîóïñòô\xadøõö÷ùýúûüþ¡¢§£¤¥¦"  # noqa: RUF001 — Latin-1 glyphs of TCVN3 bytes
_TCVN3_TO = "áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵĂÂĐÊÔƠƯ"
_TCVN3_TABLE = str.maketrans(_TCVN3_FROM, _TCVN3_TO)

# VNI: a base letter followed by a mark byte ("aù" = á); a few letters are one byte.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_TONES_UPPER = {"Ù": "\u0301", "Ø": "\u0300", "Û": "\u0309", "Õ": "\u0303", "Ï": "\u0323"}
_VNI_HATS = {"â": ("\u0302", ""), "á": ("\u0302", "\u0301"), "à": ("\u0302", "\u0300"), "å": ("\u0302", "\u0309"),
             "ã": ("\u0302", "\u0303"), "ä": ("\u0302", "\u0323")}  # fmt: skip
_VNI_BREVES = {"ê": ("\u0306", ""), "é": ("\u0306", "\u0301"), "è": ("\u0306", "\u0300"), "ú": ("\u0306", "\u0309"),
               "ü": ("\u0306", "\u0303"), "ë": ("\u0306", "\u0323")}  # fmt: skip
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
               "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ"}  # fmt: skip


def _vni_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for upper in (False, True):
        case = str.upper if upper else str.lower
        tones = _VNI_TONES_UPPER if upper else _VNI_TONES
        for base in "aeouy" + "ôö":
            for mark, combining in tones.items():
                letter = _VNI_SINGLE.get(case(base), case(base)) if base in "ôö" else case(base)
                pairs[case(base) + mark] = unicodedata.normalize("NFC", letter + combining)
        for marks, bases in ((_VNI_HATS, "aeo"), (_VNI_BREVES, "a")):
            for mark, (hat, tone) in marks.items():
                for base in bases:
                    pairs[case(base) + case(mark)] = unicodedata.normalize("NFC", case(base) + hat + tone)
    return pairs


_VNI_MAP = {**_VNI_SINGLE, **_vni_pairs()}
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, _VNI_MAP), key=len, reverse=True)))


def decode_tcvn3(text: str, upper: bool = False) -> str:
    """Text typed in a TCVN3 font, as read byte for byte into Latin-1 characters."""
    out = text.translate(_TCVN3_TABLE)
    return out.upper() if upper else out


def decode_vni(text: str, upper: bool = False) -> str:
    out = _VNI_PATTERN.sub(lambda m: _VNI_MAP[m.group(0)], text)
    return out.upper() if upper else out


def font_encoding(font: str | None) -> tuple[str, bool] | None:
    """(encoding, drawn in capitals) for a legacy Vietnamese font name, None for any other font.

    ".VnTime", ".VnArial", ".VnCentury Schoolbook"… are TCVN3 and their "…H" twins draw capitals;
    "VNI-Times", "VNI-Helve"… are VNI.
    """
    if not font:
        return None
    name = font.strip()
    if name.startswith(".Vn") or name.startswith(".VN"):
        return TCVN3, name.endswith("H")
    if name.upper().startswith("VNI-") or name.upper().startswith("VNI "):
        return VNI, False
    return None


def decode_font_text(text: str, encoding: str, upper: bool = False) -> str:
    """A run of a legacy font; text that already holds Vietnamese letters is Unicode typed in
    that font (Word allows it) and is left alone."""
    if not any("\xa0" < c <= "\xff" for c in text) or any(c > "\u024f" for c in text):
        return text.upper() if upper and encoding == TCVN3 and not text.isupper() else text
    return decode_tcvn3(text, upper) if encoding == TCVN3 else decode_vni(text, upper)


# --- detection in text that names no font --------------------------------------------------------

_VOWELS = "aăâeêioôơuưy"
_TONED = "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_ALL_VOWELS = _VOWELS + _TONED
_SYLLABLE = re.compile(
    rf"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[{_ALL_VOWELS}]{{1,3}}(?:ch|ng|nh|[cmnpt])?$"
)
_STRIP = "\"'“”‘’()[]{}.,;:!?…-–—/*«»"


def _word_score(text: str) -> int:
    """Words with a Vietnamese letter that are well-formed syllables, minus non-ASCII words that
    are not: mojibake scores low, the right decoding high."""
    score = 0
    for token in text[:200_000].split():
        word = token.strip(_STRIP).lower()
        if not word or word.isascii():
            continue
        tones = sum(1 for c in word if c in _TONED)
        score += 1 if tones <= 1 and _SYLLABLE.match(word) else -1
    return score


def guess(text: str) -> tuple[str, str] | None:
    """(converted text, encoding) when `text` reads better as TCVN3 or VNI than as it is."""
    sample = text[:200_000]
    latin = sum(1 for c in sample if "\xa0" < c <= "\xff")
    # Unicode Vietnamese is full of letters above U+00FF (ạ, ư, đ…); mojibake has none of them.
    if not latin or sum(1 for c in sample if c > "\xff") > latin // 2:
        return None
    base = _word_score(text)
    best = None
    for encoding, decoded in ((TCVN3, decode_tcvn3(text)), (VNI, decode_vni(text))):
        score = _word_score(decoded)
        if score > max(base, 0) and (best is None or score > best[0]):
            best = (score, decoded, encoding)
    if best is None or best[0] - base < 3:
        return None
    return unicodedata.normalize("NFC", best[1]), best[2]


def decode_bytes(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for a file that is not UTF-8 but is Vietnamese in a legacy encoding."""
    candidates = []
    found = guess(data.decode("latin-1"))
    if found:
        candidates.append(found)
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
        if _word_score(text) > 0:
            candidates.append((text, CP1258))
    except UnicodeDecodeError:
        pass
    if not candidates:
        return None
    return max(candidates, key=lambda c: _word_score(c[0]))
