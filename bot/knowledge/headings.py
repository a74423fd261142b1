"""The heading grammar of Party and state documents, as pieces of regular expressions.

Documents are divided into Phần / Chương / Mục, then Điều (or Bước in a procedure), numbered in
Arabic or Roman numerals; inside an Điều the chunker labels khoản ("khoản 2") and điểm ("điểm a").
The chunker, the cleaner, the metadata reader, the analyzer, the library and the quiz each test for
headings a little differently; they build their patterns from these pieces so that the words and
numerals are written once.
"""

from __future__ import annotations

DIVISIONS = ("Phần", "Chương", "Mục")  # the divisions above an article
WORDS = (*DIVISIONS, "Điều", "Bước")  # every word that opens a heading


def either_case(word: str) -> str:
    """ "Phần" → "(?:Phần|PHẦN)": headings are written in title case or all capitals."""
    return f"(?:{word}|{word.upper()})"


PART, CHAPTER, SECTION, ARTICLE, STEP = (either_case(word) for word in WORDS)
# Alternatives without a group, to be put in one with others: "Phần|Chương|Mục|Điều|Bước".
HEADING_WORD = "|".join(WORDS)
HEADING_WORD_EITHER_CASE = "|".join(f"{word}|{word.upper()}" for word in WORDS)
DIVISION_WORD = "|".join(DIVISIONS)

ROMAN = "[IVXLC]+"
NUMBER = rf"(?:{ROMAN}|\d+)"  # "Chương II", "Chương 2"

# A slide of a lecture deck, as the slides reader heads it ("Trang chiếu 3. Ba đột phá chiến lược").
SLIDE = "Trang chiếu"

# The labels the chunker gives the items of an Điều, as the last element of a passage's section.
CLAUSE = "khoản"
POINT = "điểm"
