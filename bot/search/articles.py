"""The article a question points at: "Điều 8 Điều lệ Đảng", "khoản 2 Điều 5 điều lệ", "Điều 3 QĐ 384".

Members studying a document name its articles, and the search cannot find them by those words:
"Điều 8" sits in the section heading, not in the text, and every rule-making document has one (the
bot quoted "Điều 10, khoản 8" of another regulation, which mentions "Điều 8"). The chunker already
records each passage's heading path, so the article is looked up there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.search.model import SearchIndex
from bot.vietnamese import match_form

# On the question's match form (lower case, no marks): "khoản 2 điều 5", "khoản 2, điều 5", "điều 5
# khoản 2", "điều 5, khoản 2"; several: "điều 8, 9", "điều 8 và 9", "điều 1-3", "từ điều 1 đến điều 3".
# "điều lệ" has no number after it.
_REFERENCE = re.compile(
    r"(?:\bkhoan\s+(?P<item>\d+)\s*,?\s*(?:(?:cua|tai|thuoc)\s+)?)?"
    r"\bdieu\s+(?P<first>\d+)\b(?P<more>(?:\s*(?:,|va|-|–|den)\s*(?:dieu\s+)?\d+\b)*)"
    r"(?:\s*,?\s*(?:tai\s+)?khoan\s+(?P<after>\d+)\b)?"
)
_MORE = re.compile(r"(,|va|-|–|den)\s*(?:dieu\s+)?(\d+)")
_ITEMS = re.compile(r"\bkhoan\s+\d+")
MAX_RANGE = 20  # "điều 1-100" is no reading list
_CHARTER = re.compile(r"\bdieu le\b")  # the one document members name by its kind alone
_ITEM_LINE = r"^\s*{n}\.\s"  # "2. Khi hết thời kỳ dự bị…": a khoản starts a line with its number
_NEXT_ITEM = re.compile(r"^\s*\d+\.\s", re.MULTILINE)
_ARTICLE_NUMBER = re.compile(r"^Điều\s+(\d+)")  # a section heading naming an article


@dataclass(frozen=True)
class ArticleReference:
    """ "khoản 2 Điều 5": the article's number and, when named, the item's."""

    article: str
    item: str | None = None


def find_articles(question: str) -> list[ArticleReference]:
    """The articles a question names, in its order: "Điều 1 và Điều 2", "khoản 2 Điều 5", "điều 1-3".
    An item is kept only when the question names one article and one item."""
    text = match_form(question)
    found: list[ArticleReference] = []
    for m in _REFERENCE.finditer(text):
        numbers = [int(m.group("first"))]
        for separator, number in _MORE.findall(m.group("more")):
            last, n = numbers[-1], int(number)
            if separator in ("-", "–", "den") and last < n <= last + MAX_RANGE:
                numbers += range(last + 1, n + 1)
            else:
                numbers.append(n)
        item = m.group("item") or m.group("after")
        found += [ArticleReference(str(n), item) for n in numbers]
    found = list(dict.fromkeys(found))
    if len(found) > 1 or len(_ITEMS.findall(text)) > 1:
        found = list(dict.fromkeys(ArticleReference(ref.article) for ref in found))
    return found


def reference_numbers(question: str) -> set[str]:
    """The numbers a question's article references say ("khoản 1 và khoản 2 Điều 5": 1, 2, 5)."""
    text = match_form(question)
    spans = [m.group(0) for m in _REFERENCE.finditer(text)] + _ITEMS.findall(text)
    return {n for span in spans for n in re.findall(r"\d+", span)}


def names_charter(question: str) -> bool:
    """The question says "Điều lệ" (the Party's Charter, named without a number)."""
    return bool(_CHARTER.search(match_form(question)))


def article_passages(index: SearchIndex, doc: int, ref: ArticleReference) -> list[int]:
    """The passages of `doc` under the article, in reading order; only those holding the item
    when it is named and found."""
    heading = re.compile(rf"^Điều\s+{ref.article}(?!\d)")
    passages = [
        i for i in index.document_passages(doc).tolist() if any(heading.match(h) for h in index.passages[i].section)
    ]
    if ref.item is None:
        return passages
    holding = [i for i in passages if item_span(index.passages[i].text, ref.item) is not None]
    return holding or passages


def last_article(index: SearchIndex, doc: int) -> int:
    """The highest article number among the document's headings; 0 when it has none."""
    numbers = [
        int(m.group(1))
        for i in index.document_passages(doc).tolist()
        for h in index.passages[i].section
        if (m := _ARTICLE_NUMBER.match(h))
    ]
    return max(numbers, default=0)


def item_span(text: str, item: str) -> tuple[int, int] | None:
    """Where numbered item `item` ("2. …") runs in a passage, after its number: to the next
    numbered line or the end."""
    start = re.search(_ITEM_LINE.format(n=item), text, re.MULTILINE)
    if start is None:
        return None
    begin = start.end()  # the number is the citation's ("Điều 5, khoản 2"), as in every answer line
    following = _NEXT_ITEM.search(text, start.end())
    return begin, (following.start() if following else len(text))


def charters(index: SearchIndex, question: str) -> list[int]:
    """The documents of kind "Điều lệ" that the question's words fit best: "điều lệ đảng" is the
    Party's, "điều lệ công đoàn" the union's when an admin added it."""
    docs = [d for d, doc in enumerate(index.documents) if doc.type == "Điều lệ"]
    words = set(match_form(question).split())

    def shared(d: int) -> int:
        return len(words & set(match_form(index.documents[d].title).split()))

    best = max((shared(d) for d in docs), default=0)
    return [d for d in docs if shared(d) == best]


def newest_first(index: SearchIndex, docs: list[int]) -> list[int]:
    """Documents by date of issue, newest first (an amended Charter beside the old one)."""
    return sorted(docs, key=lambda d: index.documents[d].issued or "", reverse=True)
