"""The search index of a knowledge folder: passages, their token fields, BM25 postings, and a disk cache.

Tokenising is the slow part (underthesea, ~100k characters a second), so the tokens of each file are
cached on disk under a key made of the file's bytes and the analyzer and chunker versions: an
unchanged file is never tokenised twice, and a changed analyzer invalidates everything at once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import underthesea

from bot.knowledge import KNOWLEDGE_VERSION, chunker
from bot.knowledge.document import Document, Passage, SkippedFile
from bot.knowledge.loader import IGNORED_SUFFIXES, UnreadableFile, digest, list_files, parse_document, read_bytes, relative_name
from bot.knowledge.symbols import find_symbols
from bot.search.analyzer import ANALYZER_VERSION, FIELDS, passage_fields
from bot.search.bm25 import BM25Params, FieldIndex

log = logging.getLogger(__name__)

CACHE_FORMAT = 1


@dataclass
class SearchIndex:
    """Everything a query needs, read-only once built."""

    documents: list[Document]
    passages: list[Passage]
    fields: dict[str, FieldIndex]
    passage_doc: np.ndarray  # document index of each passage
    skipped: list[SkippedFile] = field(default_factory=list)
    by_symbol: dict[str, list[int]] = field(default_factory=dict)  # "kh#98" → document indices

    def document_passages(self, doc_index: int) -> np.ndarray:
        return np.flatnonzero(self.passage_doc == doc_index)


@dataclass
class _FileEntry:
    """One file's contribution: its document, passages and their tokens."""

    document: Document
    passages: list[Passage]
    tokens: dict[str, list[list[str]]]


def build_index(
    root: Path,
    cache_dir: Path | None = None,
    params: BM25Params = BM25Params(),
    progress: bool = False,
) -> SearchIndex:
    """Read, chunk and tokenise the folder (cached files are not tokenised again) and index it."""
    entries: list[_FileEntry] = []
    skipped: list[SkippedFile] = []
    files = [p for p in list_files(root) if p.suffix.lower() not in IGNORED_SUFFIXES]
    todo: list[tuple[str, bytes, Path | None]] = []
    for path in files:
        rel = relative_name(path, root)
        try:
            data = read_bytes(path)
        except UnreadableFile as e:
            skipped.append(SkippedFile(rel, str(e)))
            continue
        cache_file = _cache_path(cache_dir, data) if cache_dir else None
        cached = _read_cache(cache_file, rel) if cache_file else None
        if cached:
            entries.append(cached)
        else:
            todo.append((rel, data, cache_file))
    for rel, data, cache_file in _progress(todo, progress):
        try:
            entry = _analyze_file(rel, data)
        except UnreadableFile as e:
            skipped.append(SkippedFile(rel, str(e)))
            continue
        entries.append(entry)
        if cache_file:
            _write_cache(cache_file, entry)
    entries.sort(key=lambda e: e.document.path)
    skipped.sort(key=lambda s: s.path)
    return _assemble(entries, skipped, params)


def _analyze_file(rel: str, data: bytes) -> _FileEntry:
    document = parse_document(rel, data)
    passages = chunker.chunk(document)
    tokens: dict[str, list[list[str]]] = {name: [] for name in FIELDS}
    for passage in passages:
        for name, terms in passage_fields(passage).items():
            tokens[name].append(terms)
    return _FileEntry(document, passages, tokens)


def _assemble(entries: list[_FileEntry], skipped: list[SkippedFile], params: BM25Params) -> SearchIndex:
    documents: list[Document] = []
    passages: list[Passage] = []
    passage_doc: list[int] = []
    corpus: dict[str, list[list[str]]] = {name: [] for name in FIELDS}
    for entry in entries:
        if not entry.passages:
            skipped.append(SkippedFile(entry.document.path, "không tách được đoạn văn nào có nội dung"))
            continue
        doc_index = len(documents)
        documents.append(entry.document)
        passages.extend(entry.passages)
        passage_doc.extend([doc_index] * len(entry.passages))
        for name in FIELDS:
            corpus[name].extend(entry.tokens[name])
    by_symbol: dict[str, list[int]] = {}
    for i, doc in enumerate(documents):
        for _, _, symbol in find_symbols(doc.symbol or ""):
            by_symbol.setdefault(symbol.key, []).append(i)
    fields = {name: FieldIndex.build(corpus[name], params) for name in FIELDS} if passages else {}
    return SearchIndex(documents, passages, fields, np.array(passage_doc, dtype=np.int32), skipped, by_symbol)


def _progress(items: list, enabled: bool):
    if not enabled or len(items) < 5:
        return items
    from tqdm import tqdm

    return tqdm(items, desc="Phân tích tệp", unit="tệp", file=sys.stderr)


# --- cache -------------------------------------------------------------------------------------


def _cache_path(cache_dir: Path, data: bytes) -> Path:
    # underthesea's version is part of the key: a new model may cut words differently.
    versions = f"{CACHE_FORMAT}:{ANALYZER_VERSION}:{KNOWLEDGE_VERSION}:{underthesea.__version__}"
    key = hashlib.sha256(f"{versions}:{digest(data)}".encode()).hexdigest()
    return cache_dir / "files" / key[:2] / f"{key}.json"


def _write_cache(path: Path, entry: _FileEntry) -> None:
    doc = entry.document
    record = {
        "document": {**doc.__dict__, "tags": list(doc.tags)},
        "passages": [
            {
                "section": list(p.section),
                "text": p.text,
                "start": p.start,
                "end": p.end,
                **{name: " ".join(entry.tokens[name][i]) for name in FIELDS},
            }
            for i, p in enumerate(entry.passages)
        ],
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(f.name, path)
    except OSError as e:  # a read-only or full disk costs speed, never answers
        log.warning("cannot write index cache %s: %s", path, e)


def _read_cache(path: Path, rel: str) -> _FileEntry | None:
    """A cached entry, or None when it is missing or unreadable (then the file is analysed again)."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        meta = record["document"]
        document = Document(**{**meta, "path": rel, "tags": tuple(meta.get("tags", ()))})
        passages, tokens = [], {name: [] for name in FIELDS}
        for p in record["passages"]:
            passages.append(Passage(document, tuple(p["section"]), p["text"], p["start"], p["end"]))
            for name in FIELDS:
                tokens[name].append(p[name].split(" ") if p[name] else [])
        return _FileEntry(document, passages, tokens)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as e:
        log.warning("ignoring broken index cache %s: %s", path, e)
        return None
