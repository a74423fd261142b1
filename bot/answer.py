"""How an answer is worded: citations, section paths, the no-answer message. Shared by every front end.

The Telegram layer renders the same pieces as HTML; `render_plain` is what `python -m bot ask` prints.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace

from bot.display import readable_heading
from bot.knowledge.document import Document, Passage
from bot.knowledge.replacement import Replacement
from bot.knowledge.symbols import SPOKEN_TYPES, TYPE_NAMES, find_references
from bot.search.analyzer import CONGRESS_KEY
from bot.search.answerline import (
    MAX_CHARS,
    AnswerLine,
    Question,
    answer_line,
    asks_for_list,
    coverage,
    question_of,
    whole_list,
)
from bot.search.articles import (
    ArticleReference,
    article_passages,
    charters,
    find_articles,
    item_span,
    last_article,
    names_charter,
    newest_first,
    reference_numbers,
)
from bot.search.engine import RULE_TYPES, Hit, SearchEngine, SearchResult
from bot.search.query import ANSWER_KIND_WORDS, Query, quiz_options
from bot.vietnamese import clean_question, fold, looks_foreign, match_form, normalize, typed_with_marks

NO_ANSWER = (
    "Chưa tìm thấy nội dung phù hợp trong các văn bản hiện có.\n"
    "Gợi ý: dùng từ ngữ như trong văn bản (ví dụ «kết nạp đảng viên», «chuyển đảng chính thức»), "
    "ghi số hiệu văn bản nếu biết (ví dụ «QĐ 294», «98-KH/TU»), hoặc xem danh sách văn bản bằng lệnh /vanban."
)
# A question naming a document the folder does not hold: rephrasing will not help, the document is missing.
NO_ANSWER_MISSING = (
    "Thư viện chưa có văn bản {names}, và các văn bản hiện có không có nội dung phù hợp.\n"
    "Xem danh sách văn bản bằng lệnh /vanban; nếu cần văn bản này, đồng chí đề nghị quản trị viên bổ sung."
)

# An article past the document's last: "Điều 99 Điều lệ Đảng" (a typo, or another document meant)
NO_ANSWER_BEYOND = (
    "«{document}» có đến Điều {last}, không có Điều {asked}. Đồng chí kiểm tra lại số điều "
    "(ví dụ «Điều {last} {document}») hoặc hỏi trực tiếp nội dung cần tìm."
)
# A message in another language (or letters that spell no Vietnamese): rephrasing in those words will not help.
NO_ANSWER_FOREIGN = (
    "Mình chỉ hiểu câu hỏi bằng tiếng Việt (gõ có dấu hay không dấu đều được), ví dụ: đảng viên dự bị "
    "bao lâu thì được xét chuyển chính thức? Xem danh sách văn bản bằng lệnh /vanban."
)

# Longest shown length of each citation part: the front matter and the header detection may hand
# us anything (a 3,900-character title), and a citation must leave room for the passage it cites.
NAME_CHARS = 150
ISSUER_CHARS = 150
DATE_CHARS = 30
SUBTITLE_CHARS = 300
SECTION_CHARS = 300


def capped(text: str, limit: int) -> str:
    """`text` on one line and at most `limit` characters, cut at a word with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


def format_date(iso: str | None) -> str | None:
    """ "2023-05-10" → "10/05/2023", as dates are written in Vietnamese documents."""
    if not iso or len(iso) < 10:
        return iso
    if len(iso) > 10 and iso[10:11] not in ("T", " "):
        return capped(iso, DATE_CHARS)
    year, month, day = iso[:4], iso[5:7], iso[8:10]
    return f"{day}/{month}/{year}"


def document_name(doc: Document) -> str:
    """ "Kế hoạch 98-KH/TU" when the document has a number, else its title."""
    if doc.symbol:
        return capped(f"{doc.type or 'Văn bản'} {doc.symbol}", NAME_CHARS)
    return capped(doc.title, NAME_CHARS)


def citation_parts(doc: Document) -> list[str]:
    """["Kế hoạch 98-KH/TU", "ngày 10/05/2023", "Ban Thường vụ Tỉnh ủy"]: the citation, piece by piece,
    for front ends that set the document's name apart (Telegram puts it in bold)."""
    parts = [document_name(doc)]
    if doc.issued:
        parts.append(f"ngày {format_date(doc.issued)}")
    if doc.issuer:
        parts.append(capped(doc.issuer, ISSUER_CHARS))
    return parts


def citation(doc: Document) -> str:
    """ "Kế hoạch 98-KH/TU, ngày 10/05/2023, Ban Thường vụ Tỉnh ủy"."""
    return ", ".join(citation_parts(doc))


def subtitle(doc: Document) -> str | None:
    """The title, when the citation line does not already show it."""
    return capped(doc.title, SUBTITLE_CHARS) if doc.symbol and doc.title != document_name(doc) else None


def replacement_note(replacement: Replacement | None) -> str | None:
    """ "⚠️ đã được thay thế bởi 294-QĐ/TW": said under the citation of a document no longer current."""
    if replacement is None:
        return None
    if replacement.successor:
        return f"⚠️ đã được thay thế bởi {replacement.successor}"
    return "⚠️ đã hết hiệu lực"


SECTION_PREFIX = "Mục: "


def section_label(passage: Passage) -> str | None:
    """The section path shown beside the document's name, without a first heading that repeats the
    title: a web page's headline is its title and heads its text too ("[1] Nâng phụ cấp … / Mục: Nâng
    phụ cấp … › (1) Từ năm 2026 …" said the headline twice, and the answer line's citation as well)."""
    section = passage.section
    if section and _repeats(section[0], passage.doc.title):
        section = section[1:]
    return capped(" › ".join(readable_heading(h) for h in section), SECTION_CHARS) or None


def _repeats(heading: str, title: str) -> bool:
    """Same words, case and punctuation aside; a title cut at 200 characters repeats what it begins."""
    heading, title = _words(heading), _words(title)
    return bool(title) and (heading == title or (len(title) >= 100 and heading.startswith(title)))


def _words(text: str) -> str:
    """The words of a text, case and punctuation aside."""
    return " ".join(re.findall(r"\w+", text.lower()))


COMPACT_CHARS = 80  # each of the answer line's citation's two parts, the document and its section


def _deepest(passage: Passage) -> str | None:
    """The section path's last headings that fit a compact citation, "… ›" for those left out: the
    nearest heading says where the line is ("… › 1. Kết nạp đảng viên › (1) Quy trình kết nạp đảng
    viên", not "PHẦN 2. Công tác Đảng viên › A. CÔNG TÁC KẾT NẠP ĐẢNG VIÊN, CÔNG NHẬN ĐẢNG…")."""
    label = section_label(passage)
    if label is None or len(label) <= COMPACT_CHARS:
        return label
    headings = label.split(" › ")
    kept = [headings.pop()]
    while headings and len(" › ".join(["…", headings[-1], *kept])) <= COMPACT_CHARS:
        kept.insert(0, headings.pop())
    return " › ".join(["…", *kept] if headings else kept)


def quoted_text(passage: Passage) -> str:
    """The passage as quoted under its citation: without an opening line that is the document's
    name, shown whole just above it (a page named by its first line said it twice: "[2] Quy định
    294-QĐ/TW làm rõ nhiều nội dung… / Quy định 294-QĐ/TW làm rõ nhiều nội dung…")."""
    first, _, rest = passage.text.lstrip().partition("\n")
    doc = passage.doc
    if rest.strip() and not doc.symbol and len(doc.title) <= NAME_CHARS and _words(first) == _words(doc.title):
        return rest.strip("\n")
    return passage.text


_ARTICLE = re.compile(r"^(Điều\s+\d+\w*)")
_ITEM_RANGE = re.compile(r"^khoản\s+\d+\s*[–-]\s*\d+$")
_NUMBERED = re.compile(r"^(\d+)\.\s", re.MULTILINE)


def compact_citation(passage: Passage, at: int | None = None) -> str:
    """ "Điều lệ Đảng Cộng sản Việt Nam, Điều 5, khoản 1": the document and the rule, for the answer
    line. From an article down when the section has one (its chapter adds nothing to a citation);
    `at`, a position in the passage, narrows "khoản 1–4" to the numbered item that holds it."""
    section = list(passage.section)
    article = next((i for i, h in enumerate(section) if _ARTICLE.match(h)), None)
    if article is not None:
        section = [_ARTICLE.match(section[article]).group(1), *section[article + 1 :]]  # type: ignore[union-attr]
        if at is not None and section and _ITEM_RANGE.match(section[-1]):
            items = [m for m in _NUMBERED.finditer(passage.text) if m.start() <= at]
            if items:
                section[-1] = f"khoản {items[-1].group(1)}"
    label = ", ".join(section) if article is not None else _deepest(passage)
    # web pages are named by their headline, some by their first sentence: its full stop would
    # end the citation in the middle ("…Điều lệ Đảng., Khi thật cần thiết…")
    name = capped(document_name(passage.doc).rstrip("."), COMPACT_CHARS)
    label = capped(label, COMPACT_CHARS) if label else None
    return f"{name}, {label}" if label else name


ANSWER_MARK = "📌 "
MORE_RESULTS = "Còn {n} kết quả khác."


def no_answer_text(found: Answer) -> str:
    """What an unanswered question is told: that a document it names is not in the folder, that it
    is not Vietnamese, or how to ask again."""
    if found.missing:
        return NO_ANSWER_MISSING.format(names=", ".join(f"«{name}»" for name in found.missing))
    if found.beyond:
        document, asked, last = found.beyond
        return NO_ANSWER_BEYOND.format(document=document, asked=asked, last=last)
    if looks_foreign(found.question):
        return NO_ANSWER_FOREIGN
    return NO_ANSWER


def render_plain(found: Answer) -> str:
    """The answer as plain text, exactly as the bot words it: the answer line, then the first page."""
    if not found.answered:
        return no_answer_text(found)
    blocks = []
    if found.line:
        passage = found.hits[found.line.hit].passage
        blocks.append(f"{ANSWER_MARK}{found.line.text} — {compact_citation(passage, found.line.start)}")
    for n, hit in enumerate(found.first_page, 1):
        doc = hit.passage.doc
        lines = [f"[{n}] {citation(doc)}"]
        if hit.replacement:
            lines.append(f"    {replacement_note(hit.replacement)}")
        if subtitle(doc):
            lines.append(f"    {subtitle(doc)}")
        if section_label(hit.passage):
            lines.append(f"    {SECTION_PREFIX}{section_label(hit.passage)}")
        lines.append("")
        lines.append(quoted_text(hit.passage))
        blocks.append("\n".join(lines))
    rest = len(found.hits) - found.shown
    if rest:
        blocks.append(MORE_RESULTS.format(n=rest))
    return "\n\n".join(blocks)


# --- the answer policy: what every front end shows for a question ----------------------------------

# How many passages each front end shows; the first page's size is the config's search.results.
KEEP = 15  # passages kept for "more results"
INLINE_RESULTS = 10  # choices in inline mode
SEARCH_RESULTS = 5  # python -m bot search, without -k
MIN_RELATIVE_SCORE = 0.25  # below this share of the best score a passage is not shown at all
# The first page: a passage far below the best, or sharing only common words with the question
# (little of its idf-weighted coverage), waits behind "more results". Measured on the dev sets:
# see README ("Answers: one policy, the answer line, the cut-off").
FIRST_PAGE_RELATIVE_SCORE = 0.8
FIRST_PAGE_COVERAGE = 0.5  # share of the best passage's coverage


@dataclass(frozen=True)
class Answer:
    """One question's answer as every front end shows it: the bot, inline mode, `ask` and `search`."""

    question: str
    answered: bool
    hits: list[Hit]  # worth showing, best first (listed by `search` even when not answered)
    shown: int  # how many of `hits` the first page shows
    line: AnswerLine | None  # the quoted answer line; its `hit` indexes `hits`
    words: tuple[str, ...] = ()  # the question's content words, folded ("dang vien"): what is bolded
    elapsed_ms: float = 0.0
    answering: int = 0  # which of `hits` answers (the search's best unless a runner-up does)
    spelled: str = ""  # the question with its abbreviations spelled out: their words are bolded too
    missing: tuple[str, ...] = ()  # unanswered: the documents it names ("QĐ 294") that the folder lacks
    beyond: tuple[str, ...] = ()  # unanswered: (document, article asked, its last article)

    @property
    def first_page(self) -> list[Hit]:
        return self.hits[: self.shown]


def answer(engine: SearchEngine, question: str, results: int = 3, keep: int = KEEP) -> Answer:
    """Search, drop what is not worth showing, choose the first page and the answer line."""
    started = time.perf_counter()
    return answer_found(engine, engine.search(question, k=max(keep, 1)), results, started)


def answer_found(engine: SearchEngine, found: SearchResult, results: int = 3, started: float | None = None) -> Answer:
    """`answer` for a search already made (`eval` ranks the same hits it answers from); `started`:
    when the search began, for the time the answer took."""
    started = time.perf_counter() if started is None else started
    hits = found.hits
    if hits:
        floor = hits[0].score * MIN_RELATIVE_SCORE
        hits = [h for h in hits if h.score >= floor]
    spelled = found.terms.text if found.terms else ""
    # the article the member names comes first, whatever else the search found (or did not)
    article = _named_article(engine, found, hits[0].score if hits else 1.0)
    if article is not None and article.only_named:
        return _article_answer(article, found, hits, results, started)
    pointed = article is not None and bool(article.hits)  # a question beside the reference: answered from it
    if not (pointed or (found.answered and hits)):
        # the passages stay for `search`, which lists them for developers; members see none
        elapsed_ms = (time.perf_counter() - started) * 1000
        return Answer(found.query, False, hits, 0, None, elapsed_ms=elapsed_ms, missing=_missing(engine, found.query))
    terms = found.terms.words if found.terms else []
    answering = found.answering
    pointer: set[str] = set()
    if article is not None and pointed:
        hits = _put_first(article.hits, hits, found)
        answering, pointer = 0, article.words
    # a message that only names a document asks for the document: its opening passages, no line
    own = _named_documents(engine, found.terms, results, hits[0].score) if found.terms and not article else []
    if own:
        hits = _put_first(own, hits, found)
        elapsed_ms = (time.perf_counter() - started) * 1000
        return Answer(found.query, True, hits, len(own), None, (), elapsed_ms, 0, spelled)
    # a question about the document's name ("Nghị quyết 59 có tiêu đề là gì?") is answered by the
    # sentence that names it: its number, date and issuer are what the line must match
    asks_name = found.terms is not None and bool(_ASKS_NAME.search(match_form(found.terms.text)))
    naming = (naming_words(found.terms) if found.terms and not asks_name else set()) | pointer
    asked = _question(engine, found, [w for w in terms if w not in naming and w not in ANSWER_KIND_WORDS])
    # the passage that answers is on the first page, even when the best one is not the one
    shown = max(_first_page(asked, hits, results), min(answering + 1, len(hits)))
    texts = [h.passage.text for h in hits[:shown]]
    # a question about the document itself ("Nghị quyết 68 có tiêu đề là gì?") has only its name to match
    rules = [h.passage.doc.type in RULE_TYPES for h in hits[:shown]]
    # when a runner-up answers and the best passage does not (SearchSettings.runner_up_margin), the
    # line is not quoted from the passage judged not to answer
    start = answering
    texts, rules = texts[start:], rules[start:]
    # failing the asked words, all the question's words, but never those pointing at an article
    line = answer_line(asked, texts, rules) or answer_line(
        _question(engine, found, [w for w in terms if w not in pointer]), texts, rules
    )
    line = replace(line, hit=line.hit + start) if line else None
    if line is not None and asks_for_list(found.query):
        line = whole_list(line, texts[line.hit - start])
    numbers = [fold(w) for w in terms if "/" in w]  # "21-nq/tw"
    words = tuple(fold(w) for w in asked.words) + tuple(numbers)
    elapsed_ms = (time.perf_counter() - started) * 1000
    return Answer(found.query, True, hits, shown, line, words, elapsed_ms, answering, spelled)


def _article_answer(
    article: NamedArticle, found: SearchResult, hits: list[Hit], results: int, started: float
) -> Answer:
    """A message asking for an article ("Điều 8 Điều lệ Đảng") gets its passages, a named khoản as
    the line, or, past the document's last article, says so."""
    elapsed_ms = (time.perf_counter() - started) * 1000
    if not article.hits:
        return Answer(found.query, False, [], 0, None, elapsed_ms=elapsed_ms, beyond=article.beyond)
    hits = _put_first(article.hits, hits, found)
    shown = min(len(article.hits), max(results, 1))
    spelled = found.terms.text if found.terms else ""
    return Answer(found.query, True, hits, shown, _item_line(article, hits), (), elapsed_ms, 0, spelled)


def _put_first(first: list[Hit], hits: list[Hit], found: SearchResult) -> list[Hit]:
    """`first`, then the other hits, as many as the search kept (or all of `first`)."""
    taken = {h.index for h in first}
    return (first + [h for h in hits if h.index not in taken])[: max(len(found.hits), len(first))]


@dataclass(frozen=True)
class NamedArticle:
    """The passages of the article a question names, and how the question names it."""

    hits: list[Hit]
    references: list[ArticleReference]
    only_named: bool  # the message asks for the article itself ("Điều 8 Điều lệ Đảng")
    words: set[str]  # the question's words that point at the article ("điều", "8", "điều_lệ")
    beyond: tuple[str, ...] = ()  # no hits: (document, article asked, its last article)


# Words that, beside an article's reference, still ask for nothing but the article: "Điều 8 Điều lệ
# Đảng nói gì", "quy định gì tại Điều 24", "nội dung khoản 2 Điều 5", "đọc Điều 8" (folded: "nói"
# typed without marks is read "nơi")
_ARTICLE_WORDS = {
    "dieu", "khoan", "dieu_le", "dang", "noi", "quy_dinh", "ghi", "theo", "tai", "thuoc", "ve",
    "tu", "den", "va", "cac", "doc", "mo", "trich", "nguyen_van",
}  # fmt: skip


_NUMBERS_ONLY = re.compile(r"[\d\-–,.]+")


def _named_article(engine: SearchEngine, found: SearchResult, score: float) -> NamedArticle | None:
    """The passages of the articles a question names in a document the folder holds ("Điều 8 Điều
    lệ Đảng", "khoản 2 Điều 5 QĐ 294", "Điều 1 và Điều 2 điều lệ"), in the order named, newest
    document first; None when it names none or the folder has no such article."""
    terms = found.terms
    references = find_articles(found.query) if terms is not None else []
    if terms is None or not references:
        return None
    index = engine.index
    named = [d for key in sorted(terms.numbers) for d in index.by_symbol.get(key, ())]
    # the Charter by its kind, unless the message names another document by number ("Điều 5 Quy định
    # 294 về thi hành Điều lệ Đảng" asks for the regulation's article, held or not)
    if not terms.numbers and names_charter(found.query):
        named = charters(index, found.query)
    docs = newest_first(index, list(dict.fromkeys(named)))
    passages = list(dict.fromkeys(i for ref in references for d in docs for i in article_passages(index, d, ref)))
    numbers = reference_numbers(found.query)
    pointing = numbers | naming_words(terms) | _DOCUMENT_WORDS | _TYPE_CODES
    # "1-3" of "điều 1-3" is one word to the segmenter
    ranges = {w for w in terms.content_words if _NUMBERS_ONLY.fullmatch(w) and set(re.findall(r"\d+", w)) <= numbers}
    words = {w for w in terms.content_words if w in pointing or w in ranges or fold(w) in _ARTICLE_WORDS}
    only_named = terms.content_words <= words
    if passages:
        hits = [Hit(index.passages[i], i, score, (), engine.replacement_of_passage(i)) for i in passages[:KEEP]]
        return NamedArticle(hits, references, only_named, words)
    # none found: said so only when every article asked is past the document's last (the chunker
    # may have missed a heading inside its range)
    lasts = [(last_article(index, d), d) for d in docs]
    lasts = [(n, d) for n, d in lasts if n]
    if lasts and all(int(ref.article) > max(n for n, _ in lasts) for ref in references):
        last, doc = max(lasts)
        asked = ", ".join(ref.article for ref in references)
        return NamedArticle([], references, only_named, words, (document_name(index.documents[doc]), asked, str(last)))
    return None


def _item_line(article: NamedArticle, hits: list[Hit]) -> AnswerLine | None:
    """The named item ("khoản 2" of the one article named) quoted as the answer line: the passage
    shows it among others."""
    item = article.references[0].item if len(article.references) == 1 else None
    if item is None:
        return None
    for n, hit in enumerate(hits[: len(article.hits)]):
        span = item_span(hit.passage.text, item)
        if span is not None:
            text = hit.passage.text[span[0] : span[1]].strip()
            return AnswerLine(capped(text, MAX_CHARS), n, span[0], span[0] + len(text))
    return None


# Words that say no more than "this document" beside its number: "toàn văn KL 221", "nội dung QĐ 294",
# "Kế hoạch số 98" (the segmenter leaves "toàn văn" apart)
_DOCUMENT_WORDS = {"văn_bản", "nội_dung", "toàn_văn", "toàn", "văn", "số", "xem"}
_TYPE_CODES = {form for code in TYPE_NAMES for form in (code.lower(), fold(code.lower()))}  # "kl", "qđ", "qd"


def _named_documents(engine: SearchEngine, terms: Query, results: int, score: float) -> list[Hit]:
    """For a message that only names documents ("KL 221", "Quy định 294-QĐ/TW", "toàn văn NQ 57"),
    the first `results` passages of those the library holds under that number, in reading order;
    else none. Searched, a page quoting the document came first, and the document's own passages
    by score (its eighth before its first)."""
    index = engine.index
    if terms.numbers:
        naming = naming_words(terms) | _DOCUMENT_WORDS | _TYPE_CODES
        if any(w not in naming for w in terms.content_words):
            return []
        named = list(dict.fromkeys(d for key in sorted(terms.numbers) for d in index.by_symbol.get(key, ())))
    elif _names_only_the_charter(terms):  # "toàn văn Điều lệ Đảng": named by its kind, not a number
        named = newest_first(index, charters(index, terms.text))[:1]
    else:  # most questions: nothing more to read
        return []
    first = [i for d in named for i in index.document_passages(d).tolist()][:results]
    # each is the document asked for, as much as the best hit (the search's _by_document gives every
    # passage of a named document its best passage's score too)
    return [Hit(index.passages[i], i, score, (), engine.replacement_of_passage(i)) for i in first]


# "Điều lệ Đảng", "toàn văn điều lệ đảng cộng sản việt nam"; "Điều lệ Đảng là gì" asks what it is
_CHARTER_NAME = {"điều_lệ", "đảng", "đảng_cộng_sản_việt_nam", "cộng_sản", "việt_nam"}


def _names_only_the_charter(terms: Query) -> bool:
    words = {normalize(w) for w in terms.content_words}
    asks = re.search(r"\?|\b(?:gi|nao|sao|la)\b", match_form(terms.text))
    return "điều_lệ" in words and words <= _CHARTER_NAME | _DOCUMENT_WORDS and not asks


def _missing(engine: SearchEngine, question: str) -> tuple[str, ...]:
    """The document references of a question ("QĐ 294", "nghị quyết 21") that no document of the
    folder has as its number, as the member wrote them."""
    text = normalize(clean_question(question))
    refs = [(start, end) for start, end, key in find_references(text) if not engine.index.by_symbol.get(key)]
    return tuple(dict.fromkeys(" ".join(text[start:end].split()) for start, end in refs))


def _question(engine: SearchEngine, found: SearchResult, words: list[str]) -> Question:
    """What the answer line scorer looks for: `words` of the question, and its pairs among them."""
    syllables = {fold(s) for w in words for s in w.split("_")}
    pairs = sorted(p for p in (found.terms.bigrams if found.terms else ()) if set(p.split("_")) <= syllables)
    text = found.terms.text if found.terms else found.query  # "bn tháng" asks for a duration too
    # the marks the member typed decide, not those of spelled-out abbreviations ("ĐV": "đảng viên")
    marked = typed_with_marks(found.query)
    idf = engine.index.fields["words"].term_idf
    return question_of(text, words, pairs, idf, marked, quiz_options(found.query))


# "Nghị quyết 66 nói về vấn đề gì?" asks for the title as "có tiêu đề là gì" does
_ASKS_NAME = re.compile(
    r"\b(?:tieu de|trich yeu|ten goi|ten day du|neu ten|ten la|ve (?:van de|viec|linh vuc) gi|noi ve gi)\b"
)


def naming_words(terms: Query) -> set[str]:
    """The words of a question that only say which document it is about: a number it names, that
    document's type word, date, issuer and title ("Kế hoạch 98-KH/TU ngày … về …"; focus.py weighs
    the latter down in the search too). The sentence announcing the document has them all, so
    counted they would win it the answer line over the sentence that answers."""
    documents = [t for t in terms.numbers if not t.startswith((CONGRESS_KEY, fold(CONGRESS_KEY)))]
    # "Hướng dẫn 45 về …" names "hd#45"; its bare "45" is the name too, as "45" of "45-HD/BTCTW" is.
    # A congress's number stays a word of the line: pages tell of several congresses.
    bare = {t.split("#", 1)[1] for t in documents if "#" in t}
    # a word the question also says at full weight is its own, wherever else it recurs (a pasted
    # quiz's options, searched at 0.3, repeat the stem's "tuổi")
    weight: dict[str, float] = {}
    for w, share in zip(terms.words, terms.weights("words")):
        weight[w] = max(weight.get(w, 0.0), share)
    return {
        w
        for w in weight
        if weight[w] < 1 or w in terms.numbers or w in bare or (documents and w.replace("_", " ") in SPOKEN_TYPES)
    }


def _first_page(asked: Question, hits: list[Hit], results: int) -> int:
    """How many of the best hits make the first page: the best always; the next ones while they
    score near it and share more than common words with the question."""
    best_score = hits[0].score
    best_cover = coverage(asked, hits[0].passage.text)
    shown = 1
    for hit in hits[1:results]:
        if hit.score < FIRST_PAGE_RELATIVE_SCORE * best_score:
            break
        if coverage(asked, hit.passage.text) < FIRST_PAGE_COVERAGE * best_cover:
            break
        shown += 1
    return shown
