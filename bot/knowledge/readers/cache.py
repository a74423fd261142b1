"""Converted text on disk, keyed by the file's bytes and READERS_VERSION only.

Not by the analyzer or chunker versions: those change often and re-reading a 40-page scan with
OCR for them would cost minutes. A cache entry that is missing, from another reader version or
damaged is ignored and the file is converted again; a cache that cannot be written costs time,
never a document.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from bot.knowledge.readers import READERS_VERSION, Converted

log = logging.getLogger(__name__)


def path_of(cache_dir: Path, data: bytes) -> Path:
    key = hashlib.sha256(data).hexdigest()
    return cache_dir / "converted" / key[:2] / f"{key}.json"


def load(cache_dir: Path, data: bytes, reader: str) -> Converted | None:
    path = path_of(cache_dir, data)
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        if entry.get("version") != READERS_VERSION or entry.get("reader") != reader:
            return None
        text, warnings, ocr_pages = entry["text"], entry.get("warnings", []), entry.get("ocr_pages", 0)
        if not isinstance(text, str) or not all(isinstance(w, str) for w in warnings) or not isinstance(ocr_pages, int):
            raise ValueError("unexpected types")
        return Converted(text, tuple(warnings), ocr_pages)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        log.warning("ignoring broken conversion cache %s: %s", path, e)
        return None


def save(cache_dir: Path, data: bytes, reader: str, converted: Converted) -> None:
    path = path_of(cache_dir, data)
    entry = {
        "version": READERS_VERSION,
        "reader": reader,
        "text": converted.text,
        "warnings": list(converted.warnings),
        "ocr_pages": converted.ocr_pages,
    }
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False) as f:
            tmp = f.name
            json.dump(entry, f, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError as e:
        log.warning("cannot write conversion cache %s: %s", path, e)
        if tmp:
            Path(tmp).unlink(missing_ok=True)
