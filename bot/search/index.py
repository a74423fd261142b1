"""Building the search index of a knowledge folder: passages, their token fields, BM25 postings.

Tokenising is the slow part (underthesea, ~100k characters a second on one core), so:
- a cold build tokenises files in a process pool, one file per task, with a progress bar;
- each file's passages and bags of words are cached on disk under a key made of its bytes, its
  path and the cache, analyzer, chunker and underthesea versions: an unchanged file is never
  tokenised twice, and a changed analyzer invalidates everything at once;
- the whole index is also saved as one snapshot (the format is in `cache`), which a warm start
  loads without re-tokenising or re-sorting anything;
- a rebuild reuses every unchanged file of the previous index (given, or the snapshot): only
  changed files are analysed, and the postings are merged from arrays.
A cache file that is missing, stale, or fails any check is ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import numpy as np
import underthesea
from tqdm import tqdm

from bot.knowledge import chunker
from bot.knowledge.document import Document, Passage, SkippedFile
from bot.knowledge.loader import (
    IGNORED_SUFFIXES,
    UnreadableFile,
    digest,
    is_quiz_bank,
    parse_document,
    read_bytes,
    relative_name,
)
from bot.knowledge.paths import scan_folder
from bot.knowledge.readers import READERS_VERSION
from bot.search.analyzer import FIELDS, passage_fields
from bot.search.bm25 import BM25Params, FieldIndex, bag_of_words, merge_postings
from bot.search.cache import (
    CACHE_FORMAT,
    file_cache_path,
    load_file_cache,
    load_snapshot,
    save_file_cache,
    save_snapshot,
    snapshot_path,
)
from bot.search.codehash import code_digest
from bot.search.model import FileEntry, SearchIndex, SourceFile, symbol_table
from bot.search.workers import die_with_parent

log = logging.getLogger(__name__)
# Below this much text to tokenise, starting worker processes (~0.5 s each) costs more than it saves.
# Above it, even one file goes to a worker process: the bot's event loop shares this process's GIL,
# and cleaning one big file holds it for seconds at a time.
POOL_MIN_BYTES = 256_000
DEFAULT_MAX_FILE_BYTES = 50_000_000  # knowledge.max_file_mb
PROGRESS_LOG_SECONDS = 10.0

# Called with (files done, files to tokenise) from the building thread, as files finish.
ProgressCallback = Callable[[int, int], None]


def build_index(
    root: Path,
    cache_dir: Path | None = None,
    params: BM25Params = BM25Params(),
    progress: bool = False,
    *,
    previous: SearchIndex | None = None,
    workers: int | None = None,
    max_file_bytes: int | None = DEFAULT_MAX_FILE_BYTES,
    on_progress: ProgressCallback | None = None,
) -> SearchIndex:
    """Read, chunk and tokenise the folder and index it.

    Unchanged files are reused from `previous` (the index being replaced, on reload) or else
    from the snapshot in `cache_dir`; changed files from the per-file cache; only the rest is
    tokenised, in `workers` processes (default: every core available). Files over
    `max_file_bytes` are skipped with the reason, unread.
    """
    versions = cache_versions()
    sources, skipped = read_folder(root, max_file_bytes)
    snapshot = snapshot_path(cache_dir, root) if cache_dir else None
    if not _reusable(previous, versions) and snapshot:
        previous = load_snapshot(snapshot, versions, params)
    if not _reusable(previous, versions):
        previous = None
    reused = _unchanged(previous, sources)
    entries: dict[str, FileEntry] = {}
    todo: list[SourceFile] = []
    for source in sources:
        if source.path in reused:
            continue
        cached = None
        if cache_dir:
            cached = load_file_cache(file_cache_path(cache_dir, source, versions), source.path, versions)
        if cached:
            entries[source.path] = cached
        else:
            todo.append(source)

    def keep(source: SourceFile, result: FileEntry | SkippedFile) -> None:
        if isinstance(result, SkippedFile):
            skipped.append(result)
            return
        entries[source.path] = result
        if cache_dir:
            save_file_cache(file_cache_path(cache_dir, source, versions), result, versions)

    analyze_files(
        todo,
        keep,
        workers=workers or available_cores(),
        progress=progress,
        cache_dir=cache_dir,
        on_progress=on_progress,
    )
    for path in [p for p, e in entries.items() if not e.passages]:
        skipped.append(SkippedFile(path, "không tách được đoạn văn nào có nội dung"))
        del entries[path]
    skipped.sort(key=lambda s: s.path)
    if previous is not None and not entries and len(reused) == len(previous.documents):
        # Nothing changed: same passages, same postings (re-weighted if the parameters differ).
        fields = {name: f.with_params(params) for name, f in previous.fields.items()}
        return SearchIndex(
            previous.documents, previous.passages, fields, previous.passage_doc, skipped, previous.by_symbol, versions
        )
    index = assemble([s.path for s in sources], reused, previous, entries, skipped, params, versions)
    if snapshot:
        save_snapshot(snapshot, index)
    return index


def cache_versions() -> str:
    """Everything that decides the tokens: any change makes every cache entry stale."""
    # underthesea's version is in it: a new model may cut words differently.
    return f"{CACHE_FORMAT}:{code_digest()}:{READERS_VERSION}:{underthesea.__version__}:{','.join(FIELDS)}"


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def read_folder(root: Path, max_file_bytes: int | None = None) -> tuple[list[SourceFile], list[SkippedFile]]:
    """The folder's document files, read and hashed, in path order; unreadable ones (and paths
    that may not be read at all) as skipped."""
    scan = scan_folder(root)
    sources, skipped = [], list(scan.refused)
    for path in scan.files:
        if path.suffix.lower() in IGNORED_SUFFIXES or is_quiz_bank(path.name):
            continue
        rel = relative_name(path, root)
        try:
            data = read_bytes(path, max_file_bytes)
        except UnreadableFile as e:
            skipped.append(SkippedFile(rel, str(e)))
            continue
        sources.append(SourceFile(rel, data, digest(data)))
    sources.sort(key=lambda s: s.path)
    return sources, skipped


def _reusable(index: SearchIndex | None, versions: str) -> bool:
    return index is not None and index.versions == versions and (set(index.fields) == set(FIELDS) or not index.passages)


def _unchanged(previous: SearchIndex | None, sources: list[SourceFile]) -> dict[str, int]:
    """Files whose document is in `previous` with the same bytes: path → document index there."""
    if previous is None:
        return {}
    known = {doc.path: (i, doc.digest) for i, doc in enumerate(previous.documents)}
    return {s.path: known[s.path][0] for s in sources if known.get(s.path, (None, None))[1] == s.digest}


# --- tokenising ----------------------------------------------------------------------------------


def tokenise_document(document: Document) -> FileEntry:
    """Chunk and tokenise one document (the slow step: underthesea)."""
    passages = chunker.chunk(document)
    tokens: dict[str, list[list[str]]] = {name: [] for name in FIELDS}
    for passage in passages:
        for name, terms in passage_fields(passage).items():
            tokens[name].append(terms)
    return FileEntry(document, passages, {name: bag_of_words(tokens[name]) for name in FIELDS})


def _analyze_task(rel: str, data: bytes, cache_dir: Path | None = None) -> FileEntry | SkippedFile:
    """One pool task; an unreadable file is an answer, not an error. Reading fails fast, before
    any tokenising, so unreadable files are not cached: they are read again each time. Converted
    text (Word, PDF, OCR) is cached under `cache_dir` by the readers themselves."""
    try:
        document = parse_document(rel, data, cache_dir)
    except UnreadableFile as e:
        return SkippedFile(rel, str(e))
    return tokenise_document(document)


def analyze_files(
    todo: list[SourceFile],
    keep,
    workers: int,
    progress: bool,
    cache_dir: Path | None = None,
    on_progress: ProgressCallback | None = None,
) -> None:
    """Tokenise files, passing each result to `keep` as it comes; in a process pool when there
    is enough text to pay for starting it. One file per task, largest first, so that two cores
    do not wait on one big file at the end. Progress goes to the log every few seconds and to
    `on_progress` after every file."""
    total_bytes = sum(len(s.data) for s in todo)
    use_pool = bool(todo) and total_bytes >= POOL_MIN_BYTES
    method = _start_method()  # before the progress bar starts its monitor thread
    bar = _progress_bar(len(todo), progress)
    left = {s.path: s for s in todo}
    started = last_log = time.monotonic()
    if todo:
        log.info("tokenising %d files (%.1f MB)", len(todo), total_bytes / 1e6)
    if on_progress and todo:
        on_progress(0, len(todo))

    def done(source: SourceFile, result: FileEntry | SkippedFile) -> None:
        nonlocal last_log
        keep(source, result)
        del left[source.path]
        bar.update()
        finished = len(todo) - len(left)
        if on_progress:
            on_progress(finished, len(todo))
        now = time.monotonic()
        if now - last_log >= PROGRESS_LOG_SECONDS and left:
            last_log = now
            log.info("tokenising: %d/%d files done, %.0f s", finished, len(todo), now - started)

    try:
        if use_pool:
            try:
                _analyze_in_pool(todo, done, workers, method, cache_dir)
            except (BrokenProcessPool, OSError) as e:  # no processes here: slower, still right
                log.warning("tokenising in this process only (worker processes failed: %s)", e)
        for source in list(left.values()):
            done(source, _analyze_task(source.path, source.data, cache_dir))
    finally:
        bar.close()


def _start_method() -> str:
    """fork is fastest (workers start with underthesea loaded) and safe while this is the only
    thread; the bot reloads from a thread of a threaded process, where a forked child could
    inherit locks that other threads hold, so there it is spawn."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def _analyze_in_pool(todo: list[SourceFile], done, workers: int, method: str, cache_dir: Path | None) -> None:
    context = multiprocessing.get_context(method)
    pool = ProcessPoolExecutor(
        max(1, min(workers, len(todo))), mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)
    )
    with pool:
        futures = {
            pool.submit(_analyze_task, s.path, s.data, cache_dir): s for s in sorted(todo, key=lambda s: -len(s.data))
        }
        for future in as_completed(futures):
            done(futures[future], future.result())


def _progress_bar(total: int, enabled: bool) -> tqdm:
    """A bar on the terminal for a build worth watching (tqdm's own no-op otherwise)."""
    quiet = not enabled or total < 5
    return tqdm(total=total, desc="Phân tích tệp", unit="tệp", file=sys.stderr, mininterval=0.5, disable=quiet)


# --- assembling ------------------------------------------------------------------------------


def assemble(
    paths: list[str],
    reused: dict[str, int],
    previous: SearchIndex | None,
    entries: dict[str, FileEntry],
    skipped: list[SkippedFile],
    params: BM25Params,
    versions: str,
) -> SearchIndex:
    """The index of the files in `paths` order, each from `previous` (reused: its document
    index there) or from `entries` (which all have passages); other paths were skipped.
    Postings are merged as arrays: no token is looked at."""
    documents: list[Document] = []
    passages: list[Passage] = []
    passage_doc: list[np.ndarray] = []
    old_starts = np.searchsorted(previous.passage_doc, np.arange(len(previous.documents) + 1)) if previous else None
    # where[old passage] = its number in the new index, or -1 when its file changed or went away.
    where = np.full(len(previous.passages) if previous else 0, -1, dtype=np.int32)
    new_parts: list[tuple[FileEntry, int]] = []
    for path in paths:
        start = len(passages)
        if path in reused:
            assert previous is not None and old_starts is not None  # only files of `previous` are reused
            i = reused[path]
            lo, hi = int(old_starts[i]), int(old_starts[i + 1])
            documents.append(previous.documents[i])
            passages.extend(previous.passages[lo:hi])
            where[lo:hi] = np.arange(start, start + hi - lo)
        elif path in entries:
            entry = entries[path]
            documents.append(entry.document)
            passages.extend(entry.passages)
            new_parts.append((entry, start))
        else:
            continue
        passage_doc.append(np.full(len(passages) - start, len(documents) - 1, dtype=np.int32))
    fields: dict[str, FieldIndex] = {}
    if passages:
        for name in FIELDS:
            parts = [(previous.fields[name].to_postings(), where)] if previous and (where >= 0).any() else []
            parts += [(e.postings[name], np.arange(s, s + len(e.passages), dtype=np.int32)) for e, s in new_parts]
            fields[name] = FieldIndex.from_postings(merge_postings(parts, len(passages)), params)
    doc_of = np.concatenate(passage_doc) if passage_doc else np.empty(0, dtype=np.int32)
    return SearchIndex(documents, passages, fields, doc_of, skipped, symbol_table(documents), versions)
