"""Vietnamese text → index terms. The same functions analyse passages and questions.

Two token fields come out of every text:
- `words`: underthesea word tokens ("đảng_viên", "dự_bị"), lower case, one tone placement,
  document numbers kept whole ("21-nq/tw") plus their parts and their key ("nq#21");
- `folded`: the same without diacritics, as syllables and syllable bigrams ("dang", "vien",
  "dang_vien"), so that "dang vien du bi" typed on a phone finds "đảng viên dự bị".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from underthesea import word_tokenize

from bot.knowledge.document import Passage
from bot.knowledge.symbols import find_references, find_symbols
from bot.vietnamese import fold, normalize

# Bump when tokens change: the on-disk cache is keyed by it.
ANALYZER_VERSION = 2

_WORDISH = re.compile(r"\w", re.UNICODE)
_SPLIT_ALNUM = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


# The token fields every passage is indexed under (see passage_fields).
FIELDS = ("words", "folded")


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
    never spells out "07-KL/VPTW", yet members ask for it by number.
    """
    number = [passage.doc.symbol] if passage.doc.symbol else []
    tokens = analyze("\n".join([*number, *passage.section, passage.text]))
    return {"words": tokens.words, "folded": tokens.folded}


def word_tokens(text: str) -> list[str]:
    """Lower-cased word tokens; document numbers whole, then as parts and as their "type#number" key."""
    text = normalize(text)
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
    return tokens


def _symbol_parts(written: str) -> list[str]:
    return [p for p in re.split(r"[-/–\s]+", written) if p]


def _tokenize_plain(text: str) -> list[str]:
    if not _WORDISH.search(text):
        return []
    out = []
    for token in word_tokenize(text):
        if not _WORDISH.search(token):
            continue
        token = token.strip(".,;:!?\"'()[]{}“”‘’…*-–/")
        if not token:
            continue
        # "NQ21" is a type code and a number run together; "1.500" stays a number.
        if " " not in token and _SPLIT_ALNUM.search(token) and not token.isdigit():
            out.extend(p.lower() for p in _SPLIT_ALNUM.split(token) if p)
            continue
        # underthesea sometimes glues an acronym to the next word ("QĐ kết nạp"): split it again
        if " " in token and any(sum(c.isupper() for c in s) >= 2 for s in token.split()):
            out.extend(s.lower() for s in token.split())
            continue
        out.append(token.lower().replace(" ", "_"))
    return out


def folded_tokens(words: list[str]) -> list[str]:
    """Diacritics-free syllables and adjacent-syllable bigrams of word tokens."""
    syllables: list[str] = []
    for word in words:
        if "#" in word or "/" in word:
            syllables.append(fold(word))
            continue
        syllables.extend(fold(s) for s in word.split("_") if s)
    bigrams = [f"{a}_{b}" for a, b in zip(syllables, syllables[1:]) if "#" not in a + b]
    return syllables + bigrams
