"""Measurements that need a fresh process: build times and peak memory.

Run by benchmarks.run as `python -m benchmarks.probe MODE …`; prints one JSON object.
  cold ROOT CACHE WORKERS     time a build into an empty cache with that many processes
  warm ROOT CACHE             time a warm start (snapshot), then one without the snapshot
  reload ROOT CACHE FILE      time a reload after FILE (relative) changed, previous index in memory
  serve ROOT CACHE QUESTIONS  peak memory of a process serving the corpus: load, then every question
  save_scaled ROOT CACHE COPIES FILE
                              write the snapshot of the corpus grown COPIES times to FILE
  load ROOT CACHE FILE        time a warm start from that snapshot: load it, make the engine
  scaled ROOT CACHE QUESTIONS COPIES
                              peak memory at COPIES× the corpus: building, then serving only
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

_STARTED = time.perf_counter()
# Imported before any timing: a bot process has them loaded before it builds the index.
import numpy as np  # noqa: E402

from benchmarks.corpus import grown_index, questions, replicate  # noqa: E402
from bot.knowledge.document import Passage  # noqa: E402
from bot.search import cache as cache_module  # noqa: E402
from bot.search import index as index_module  # noqa: E402
from bot.search.analyzer import analyze  # noqa: E402
from bot.search.bm25 import BM25Params, FieldIndex  # noqa: E402
from bot.search.engine import SearchEngine  # noqa: E402
from bot.search.index import SearchIndex, build_index  # noqa: E402

IMPORTS = time.perf_counter() - _STARTED  # numpy, underthesea, the bot's search modules


def memory() -> dict[str, float]:
    """Current and peak resident memory of this process, MB (Linux /proc)."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields


def reset_peak() -> None:
    """Start peak-memory accounting afresh (Linux: writing 5 to clear_refs resets VmHWM)."""
    Path("/proc/self/clear_refs").write_text("5")


def cold(root: Path, cache: Path, workers: int) -> dict:
    shutil.rmtree(cache, ignore_errors=True)
    started = time.perf_counter()
    index = build_index(root, cache, workers=workers)
    return {"seconds": time.perf_counter() - started, "passages": len(index.passages), "workers": workers}


def warm(root: Path, cache: Path) -> dict:
    analyze("khởi động")  # load underthesea's model, as a running bot has
    build_index(root, cache)  # make sure the snapshot is there and current
    started = time.perf_counter()
    index = build_index(root, cache)
    snapshot = time.perf_counter() - started
    for path in (cache / "index").glob("*.npz"):
        path.unlink()
    started = time.perf_counter()
    build_index(root, cache)
    files_only = time.perf_counter() - started
    return {"imports": IMPORTS, "snapshot": snapshot, "file_caches": files_only, "passages": len(index.passages)}


def reload(root: Path, cache: Path, changed: str) -> dict:
    analyze("khởi động")
    previous = build_index(root, cache)
    path = root / changed
    # New bytes each run, so that no cache has this version of the file yet.
    path.write_bytes(
        path.read_bytes() + f"\n\nĐảng viên dự bị phải học tập nghị quyết của Đảng ({time.time_ns()}).\n".encode()
    )
    tokenised = []
    original = index_module.tokenise_document

    def counting(document):
        tokenised.append(document.path)
        return original(document)

    index_module.tokenise_document = counting
    started = time.perf_counter()
    index = build_index(root, cache, previous=previous)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "tokenised": tokenised, "passages": len(index.passages)}


def serve(root: Path, cache: Path, questions_path: Path) -> dict:
    started = time.perf_counter()
    engine = SearchEngine(build_index(root, cache))
    load = time.perf_counter() - started
    for question in questions(questions_path):
        engine.search(question)
    return {"load": load, "passages": len(engine.index.passages), **memory()}


def save_scaled(root: Path, cache: Path, copies: int, path: Path) -> dict:
    index = grown_index(build_index(root, cache), copies)
    cache_module.save_snapshot(path, index)
    return {"passages": len(index.passages), "bytes": path.stat().st_size}


def load(path: Path) -> dict:
    """Wall and CPU time of a warm start from a snapshot: what a bot does before it answers."""
    started, cpu = time.perf_counter(), time.process_time()
    index = cache_module.load_snapshot(path, index_module.cache_versions(), BM25Params())
    engine = SearchEngine(index)
    return {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "passages": len(engine.index.passages),
    }


def scaled(root: Path, cache: Path, questions_path: Path, copies: int) -> dict:
    """A SearchIndex of `copies` varied copies of the corpus (distinct passage texts, as a real
    corpus would hold), then peak memory while answering every question on both fields."""
    base = build_index(root, cache)
    fields = {name: FieldIndex.from_postings(replicate(f.to_postings(), copies)) for name, f in base.fields.items()}
    passages = [
        Passage(p.doc, p.section, f"{p.text} [{c}]" if c else p.text, p.start, p.end)
        for c in range(copies)
        for p in base.passages
    ]
    passage_doc = np.tile(base.passage_doc, copies)
    index = SearchIndex(base.documents, passages, fields, passage_doc, [], base.by_symbol, base.versions)
    del base
    built = memory()
    reset_peak()
    tokens = [analyze(q) for q in questions(questions_path)]
    for t in tokens:
        index.fields["words"].top_k(t.words, 10)
        index.fields["folded"].top_k(t.folded, 10)
    served = memory()
    return {
        "passages": len(passages),
        "build_peak": built["VmHWM"],
        "serving_peak": served["VmHWM"],
        "rss": served["VmRSS"],
        "postings_mb": sum(f.nbytes for f in fields.values()) / 2**20,
        "text_mb": sum(sys.getsizeof(p.text) for p in passages) / 2**20,
    }


def main(argv: list[str]) -> int:
    mode, root, cache, *rest = argv
    root, cache = Path(root), Path(cache)
    if mode == "cold":
        result = cold(root, cache, int(rest[0]))
    elif mode == "warm":
        result = warm(root, cache)
    elif mode == "reload":
        result = reload(root, cache, rest[0])
    elif mode == "serve":
        result = serve(root, cache, Path(rest[0]))
    elif mode == "save_scaled":
        result = save_scaled(root, cache, int(rest[0]), Path(rest[1]))
    elif mode == "load":
        result = load(Path(rest[0]))
    elif mode == "scaled":
        result = scaled(root, cache, Path(rest[0]), int(rest[1]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
