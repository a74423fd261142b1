"""What an index is made of: built by `index`, stored on disk by `cache`, read by the engine."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from bot.knowledge.document import Document, Passage, SkippedFile
from bot.knowledge.symbols import find_symbols
from bot.search.bm25 import FieldIndex, Postings


@dataclass
class SearchIndex:
    """Everything a query needs, read-only once built."""

    documents: list[Document]
    passages: list[Passage]
    fields: dict[str, FieldIndex]
    passage_doc: np.ndarray  # document index of each passage (non-decreasing)
    skipped: list[SkippedFile] = field(default_factory=list)
    by_symbol: dict[str, list[int]] = field(default_factory=dict)  # "kh#98" → document indices
    versions: str = ""  # what the tokens were made with; a rebuild reuses only an index with the same

    def document_passages(self, doc_index: int) -> np.ndarray:
        lo, hi = np.searchsorted(self.passage_doc, [doc_index, doc_index + 1])
        return np.arange(lo, hi)


@dataclass(frozen=True)
class SourceFile:
    """A file of the folder, read once: its bytes decide whether anything must be redone."""

    path: str  # relative, forward slashes
    data: bytes
    digest: str


@dataclass(frozen=True)
class FileEntry:
    """One file's contribution: its document, passages and their bags of words per field."""

    document: Document
    passages: list[Passage]
    postings: dict[str, Postings]  # per field; passage numbers local to the file


def symbol_table(documents: list[Document]) -> dict[str, list[int]]:
    """Document indices by symbol key ("kh#98"), for questions that name a document."""
    by_symbol: dict[str, list[int]] = {}
    for i, doc in enumerate(documents):
        for _, _, symbol in find_symbols(doc.symbol or ""):
            by_symbol.setdefault(symbol.key, []).append(i)
    return by_symbol
