"""The loaded knowledge folder as the bot serves it: the search index plus what the chat needs around it.

A `Library` is built in a worker thread and never changed afterwards (only lazily filled caches),
so a reload builds a new one beside it and the bot swaps one reference. Buttons refer to documents
and passages by references that survive a reload when the file is unchanged: a document by a
short hash of its path and contents, a passage by its document and its offset in the text.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.answer import document_name
from bot.display import section_heading
from bot.examples import example_questions
from bot.knowledge.document import Document, SkippedFile
from bot.knowledge.symbols import find_references, find_symbols
from bot.knowledge.watch import Fingerprint, folder_fingerprint
from bot.quiz.bank import QuizBank, load_quiz_banks
from bot.quiz.book import QuizBook
from bot.search.engine import SearchEngine, SearchResult
from bot.search.index import SearchIndex
from bot.vietnamese import fold, normalize

log = logging.getLogger(__name__)


_FOLD_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class PassageRef:
    """A passage as buttons name it, valid in every library that holds its file unchanged: its
    document's reference and its position in that document."""

    doc: str
    ordinal: int


@dataclass
class Section:
    """Consecutive passages of one document under the same heading: what "Xem toàn mục" shows."""

    doc: int
    heading: tuple[str, ...]
    passages: list[int]  # global passage indices, in reading order


@dataclass
class Library:
    engine: SearchEngine
    root: Path
    generation: int = 0
    fingerprint: Fingerprint = ()
    loaded_at: float = field(default_factory=time.time)
    examples: tuple[str, ...] = ()
    quiz_bank: QuizBank = field(default_factory=QuizBank)

    def __post_init__(self) -> None:
        self.index: SearchIndex = self.engine.index
        docs = self.index.documents
        self.refs = [document_ref(d) for d in docs]
        self._by_ref = {ref: i for i, ref in enumerate(self.refs)}
        # A passage is named by its position in its document: offsets are not unique (list items
        # that repeat their lead-in sentence start where it starts).
        self._ordinal: list[int] = []
        self._by_ordinal: dict[tuple[int, int], int] = {}
        counts: dict[int, int] = {}
        for doc in self.index.passage_doc.tolist():
            ordinal = counts.get(doc, 0)
            counts[doc] = ordinal + 1
            self._by_ordinal[(doc, ordinal)] = len(self._ordinal)
            self._ordinal.append(ordinal)
        self._sections: dict[int, list[Section]] = {}
        self.ordered = sorted(range(len(docs)), key=lambda i: _listing_key(docs[i]))
        self._quiz_book: QuizBook | None = None
        self._quiz_lock = threading.Lock()  # built once, by whichever thread asks first

    # --- searching -----------------------------------------------------------------------------

    def search(self, question: str, k: int) -> SearchResult:
        return self.engine.search(question, k=k)

    @property
    def problems(self) -> list[SkippedFile]:
        """What admins should hear about beyond unreadable documents: a broken synonyms list."""
        return [self.engine.synonyms_problem] if self.engine.synonyms_problem else []

    @property
    def skipped(self) -> list[SkippedFile]:
        """Files admins must hear about: unreadable documents and quiz banks."""
        return [*self.index.skipped, *self.quiz_bank.skipped]

    def quiz_book(self) -> QuizBook:
        """The quizzes this library can ask (slow the first time: call it in a worker thread)."""
        with self._quiz_lock:
            if self._quiz_book is None:
                bank_docs = {q.key: set(self._source_documents(q.source)) for q in self.quiz_bank.quizzes}
                self._quiz_book = QuizBook.build(
                    self.index.passages, self.index.passage_doc, self.quiz_bank.quizzes, bank_docs
                )
            return self._quiz_book

    def _source_documents(self, source: str) -> list[int]:
        """The documents a bank question's source names: "Điều lệ Đảng, Điều 24", "QĐ 294"."""
        if not source:
            return []
        return self.find_by_number(source) or self.find_documents(source.split(",")[0][:200])

    # --- documents -----------------------------------------------------------------------------

    @property
    def documents(self) -> list[Document]:
        return self.index.documents

    def doc_by_ref(self, ref: str) -> int | None:
        return self._by_ref.get(ref)

    def find_documents(self, query: str) -> list[int]:
        """Documents a member names: by number ("98-KH/TU", "QĐ 294", "nghị quyết 21") or by title words."""
        query = normalize(query).strip()
        if not query:
            return []
        found = self.find_by_number(query)
        if found:
            return found
        words = _FOLD_WORDS.findall(fold(query.lower()))
        if not words:
            return []
        return [
            i
            for i in self.ordered
            if all(
                w in _FOLD_WORDS.findall(fold(f"{self.documents[i].title} {document_name(self.documents[i])}".lower()))
                for w in words
            )
        ]

    def find_by_number(self, text: str) -> list[int]:
        """Documents whose number the text names; the exact written number wins over "QĐ 294"."""
        text = normalize(text)
        written = {s.text.lower() for _, _, s in find_symbols(text)}
        exact = [i for i, d in enumerate(self.documents) if d.symbol and d.symbol.lower().replace(" ", "") in written]
        if exact:
            return exact
        found: list[int] = []
        for _, _, key in find_references(text):
            found += [i for i in self.index.by_symbol.get(key, []) if i not in found]
        return found

    def successor(self, doc: int) -> int | None:
        """The document that replaced this one, when it is in the folder."""
        replacement = self.engine.replacements.get(doc)
        if replacement is None or not replacement.successor:
            return None
        found = [i for i in self.find_by_number(replacement.successor) if i != doc]
        return found[0] if found else None

    # --- passages and sections -----------------------------------------------------------------

    def doc_of(self, passage: int) -> int:
        """The document of a passage (a hit's `index`, a section's passages)."""
        return int(self.index.passage_doc[passage])

    def ordinal(self, passage: int) -> int:
        """Position of a passage in its document: with the document's reference, what buttons carry."""
        return self._ordinal[passage]

    def passage_ref(self, passage: int) -> PassageRef:
        """What a button carries to open the passage, in this library or a later one."""
        return PassageRef(self.refs[self.doc_of(passage)], self._ordinal[passage])

    def passage_at(self, doc: int, ordinal: int) -> int | None:
        return self._by_ordinal.get((doc, ordinal))

    def sections(self, doc: int) -> list[Section]:
        if doc not in self._sections:
            out: list[Section] = []
            for i in self.index.document_passages(doc).tolist():
                heading = section_heading(self.index.passages[i])
                if out and out[-1].heading == heading:
                    out[-1].passages.append(i)
                else:
                    out.append(Section(doc, heading, [i]))
            self._sections[doc] = out
        return self._sections[doc]

    def section_of(self, passage: int) -> tuple[int, int]:
        """(document, position of the passage's section in that document's sections)."""
        doc = self.doc_of(passage)
        for n, section in enumerate(self.sections(doc)):
            if passage in section.passages:
                return doc, n
        raise KeyError(passage)

    def span_text(self, passages: list[int]) -> str:
        """The document's text from the first to the last of consecutive passages of one document.

        Taken from the document rather than by joining passages, because a list's lead-in sentence
        is repeated in every passage that carries part of the list.
        """
        doc = self.documents[self.doc_of(passages[0])]
        chosen = [self.index.passages[i] for i in passages]
        return doc.text[min(p.start for p in chosen) : max(p.end for p in chosen)]


def document_ref(doc: Document) -> str:
    """10 hex digits naming a file's path and contents: short enough for callback data (≤ 64 bytes)."""
    return hashlib.sha256(f"{doc.path}\0{doc.digest}".encode()).hexdigest()[:10]


def _listing_key(doc: Document):
    # Newest first, undated last; then by title, as people look for documents.
    return (doc.issued is None, "" if doc.issued is None else _invert(doc.issued), fold(doc.title.lower()))


def _invert(iso: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in iso)


# --- loading ---------------------------------------------------------------------------------------


class LibraryError(Exception):
    """A knowledge folder that cannot replace the library being served; the message is for admins."""

    def __init__(self, message: str, skipped: list[SkippedFile] | None = None):
        super().__init__(message)
        self.skipped = skipped or []


def load_library(
    root: Path, cache_dir: Path | None, generation: int = 0, previous: Library | None = None, **build
) -> Library:
    """Build the library of a knowledge folder (slow: run it in a worker thread). `build` goes to
    build_index (max_file_bytes, on_progress)."""
    root = Path(root)
    if not root.is_dir():
        raise LibraryError(f"không thấy thư mục văn bản {root}")
    fingerprint = folder_fingerprint(root)  # before reading, so a change made meanwhile is seen next time
    started = time.perf_counter()
    # unchanged files are taken from the library being replaced: a reload tokenises only what changed
    engine = SearchEngine.open(root, cache_dir, previous=previous.index if previous else None, **build)
    index = engine.index
    if not index.documents:
        raise LibraryError(f"thư mục {root} không có văn bản nào đọc được", index.skipped)
    library = Library(engine, root, generation, fingerprint)
    library.examples = tuple(example_questions(library))
    library.quiz_bank = load_quiz_banks(root, cache_dir)
    log.info(
        "knowledge folder loaded: %d documents, %d passages, %d skipped, %.1f s",
        len(index.documents),
        len(index.passages),
        len(index.skipped),
        time.perf_counter() - started,
    )
    return library
