"""The index's disk cache: one .npz file per knowledge file, and one snapshot of the whole index.

Both kinds are uncompressed .npz files (a zip of .npy arrays, loaded without pickle): a JSON
header (format, versions, document metadata) as bytes, strings as one UTF-8 array plus end
offsets in characters, and integer arrays. Zip CRCs catch damaged bytes; `_check_*` catch
arrays that do not fit together. Written to a temporary file and renamed into place, so a
crash never leaves half a file under the real name.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

import numpy as np

from bot.knowledge.document import Document, Passage
from bot.search.analyzer import FIELDS
from bot.search.bm25 import BM25Params, FieldIndex, Postings
from bot.search.model import FileEntry, SearchIndex, SourceFile, symbol_table

log = logging.getLogger(__name__)

CACHE_FORMAT = 2


def file_cache_path(cache_dir: Path, source: SourceFile, versions: str) -> Path:
    # The path is in the key because a document's title falls back to its file name.
    key = hashlib.sha256(f"{versions}:{source.path}:{source.digest}".encode()).hexdigest()
    return cache_dir / "files" / key[:2] / f"{key}.npz"


def snapshot_path(cache_dir: Path, root: Path) -> Path:
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
    return cache_dir / "index" / f"{key}.npz"


def save_file_cache(path: Path, entry: FileEntry, versions: str) -> None:
    """One file's document, passages and bags of words."""
    arrays = {
        "header": _json_bytes({"format": CACHE_FORMAT, "versions": versions, "documents": [_doc_meta(entry.document)]})
    }
    arrays.update(_pack_texts("doc_text", [entry.document.text]))
    arrays.update(_pack_passages(entry.passages))
    for name, postings in entry.postings.items():
        arrays.update(_pack_texts(f"{name}.terms", postings.terms))
        arrays.update({f"{name}.term": postings.term, f"{name}.doc": postings.doc, f"{name}.tf": postings.tf})
    _write_npz(path, arrays)


def load_file_cache(path: Path, rel: str, versions: str) -> FileEntry | None:
    """A cached file entry, or None when missing or not trustworthy (then the file is analysed again)."""
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as z:
            header = _read_header(z, versions)
            (meta,) = header["documents"]
            (text,) = _unpack_texts(z, "doc_text")
            document = _document(meta, text, rel)
            passages = _unpack_passages(z, [document], np.zeros(len(z["p_start"]), dtype=np.int32))
            postings = {}
            for name in FIELDS:
                terms = _unpack_texts(z, f"{name}.terms")
                p = Postings(terms, z[f"{name}.term"], z[f"{name}.doc"], z[f"{name}.tf"], len(passages))
                _check_triples(p)
                postings[name] = p
        return FileEntry(document, passages, postings)
    except Exception as e:  # whatever is wrong with a cache file, it is rebuilt
        log.warning("ignoring broken index cache %s: %s", path, e)
        return None


def save_snapshot(path: Path, index: SearchIndex) -> None:
    """The whole index as arrays: what a warm start loads."""
    arrays = {
        "header": _json_bytes(
            {"format": CACHE_FORMAT, "versions": index.versions, "documents": [_doc_meta(d) for d in index.documents]}
        )
    }
    arrays.update(_pack_texts("doc_text", [d.text for d in index.documents]))
    arrays.update(_pack_passages(index.passages))
    arrays["p_doc"] = index.passage_doc
    for name, f in index.fields.items():
        arrays.update(_pack_texts(f"{name}.terms", f.terms))
        arrays.update({f"{name}.offsets": f.offsets, f"{name}.ids": f.ids, f"{name}.tf": f.tf})
    _write_npz(path, arrays)


def load_snapshot(path: Path, versions: str, params: BM25Params) -> SearchIndex | None:
    """The saved index of the folder, or None when missing, stale or not trustworthy."""
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as z:
            header = _read_header(z, versions)
            texts = _unpack_texts(z, "doc_text")
            if len(texts) != len(header["documents"]):
                raise ValueError("document texts do not match the documents")
            documents = [
                _document(meta, text, meta["path"]) for meta, text in zip(header["documents"], texts, strict=True)
            ]
            passage_doc = z["p_doc"]
            if len(passage_doc) and (
                passage_doc.min() < 0 or passage_doc.max() >= len(documents) or (np.diff(passage_doc) < 0).any()
            ):
                raise ValueError("passages point at documents that are not there")
            passages = _unpack_passages(z, documents, passage_doc)
            fields = {}
            if passages:
                for name in FIELDS:
                    terms = _unpack_texts(z, f"{name}.terms")
                    offsets, ids, tf = z[f"{name}.offsets"], z[f"{name}.ids"], z[f"{name}.tf"]
                    _check_lists(terms, offsets, ids, tf, len(passages))
                    fields[name] = FieldIndex(terms, offsets, ids, tf, len(passages), params)
        return SearchIndex(documents, passages, fields, passage_doc, [], symbol_table(documents), versions)
    except _Outdated as e:  # every upgrade: expected, not a fault an admin should look into
        log.info("rebuilding the index: snapshot %s %s", path, e)
        return None
    except Exception as e:  # whatever is wrong with a cache file, it is rebuilt
        log.warning("ignoring broken index snapshot %s: %s", path, e)
        return None


def _write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as f:
            tmp = f.name
            np.savez(f, **arrays)  # type: ignore[arg-type]  # numpy's stub takes **arrays for allow_pickle
        os.replace(tmp, path)
    except (OSError, UnicodeError) as e:  # a read-only or full disk costs speed, never answers
        log.warning("cannot write index cache %s: %s", path, e)
        if tmp:
            Path(tmp).unlink(missing_ok=True)


def _json_bytes(value) -> np.ndarray:
    return np.frombuffer(json.dumps(value, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)


class _Outdated(ValueError):
    """A snapshot written by another version of the indexing code or of the cache format."""


def _read_header(z, versions: str) -> dict:
    header = json.loads(z["header"].tobytes().decode("utf-8"))
    if header.get("format") != CACHE_FORMAT or header.get("versions") != versions:
        raise _Outdated(f"was made by another version ({header.get('versions')!r}, now {versions!r})")
    return header


def _doc_meta(doc: Document) -> dict:
    meta = {k: v for k, v in doc.__dict__.items() if k != "text"}
    meta["tags"] = list(doc.tags)
    meta["notes"] = list(doc.notes)
    return meta


def _document(meta: dict, text: str, rel: str) -> Document:
    return Document(
        **{
            **meta,
            "path": rel,
            "text": text,
            "tags": tuple(meta.get("tags", ())),
            "notes": tuple(meta.get("notes", ())),
        }
    )


def _pack_texts(name: str, strings: list[str]) -> dict[str, np.ndarray]:
    """Strings as one UTF-8 byte array and their end offsets in characters: compact, and read
    back with a single decode and slicing."""
    blob = "".join(strings).encode("utf-8", "surrogatepass")
    ends = np.cumsum(np.fromiter((len(s) for s in strings), dtype=np.int64, count=len(strings)))
    return {name: np.frombuffer(blob, dtype=np.uint8), f"{name}.ends": ends}


def _unpack_texts(z, name: str) -> list[str]:
    text = z[name].tobytes().decode("utf-8", "surrogatepass")
    ends = z[f"{name}.ends"]
    if (len(ends) and (ends[-1] != len(text) or ends[0] < 0 or (np.diff(ends) < 0).any())) or (not len(ends) and text):
        raise ValueError(f"{name}: offsets do not match the text")
    ends = ends.tolist()
    return [text[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=False)]  # [0] alone when there is no text


def _pack_passages(passages: list[Passage]) -> dict[str, np.ndarray]:
    arrays = _pack_texts("p_text", [p.text for p in passages])
    arrays.update(_pack_texts("p_sections", [s for p in passages for s in p.section]))
    arrays["p_section_count"] = np.array([len(p.section) for p in passages], dtype=np.int32)
    arrays["p_start"] = np.array([p.start for p in passages], dtype=np.int64)
    arrays["p_end"] = np.array([p.end for p in passages], dtype=np.int64)
    return arrays


def _unpack_passages(z, documents: list[Document], passage_doc: np.ndarray) -> list[Passage]:
    texts = _unpack_texts(z, "p_text")
    sections = _unpack_texts(z, "p_sections")
    counts = z["p_section_count"].tolist()
    starts, ends = z["p_start"].tolist(), z["p_end"].tolist()
    if not len(texts) == len(counts) == len(starts) == len(ends) == len(passage_doc) or sum(counts) != len(sections):
        raise ValueError("passage arrays do not fit together")
    passages, at = [], 0
    for doc, text, count, start, end in zip(passage_doc.tolist(), texts, counts, starts, ends, strict=True):
        passages.append(Passage(documents[doc], tuple(sections[at : at + count]), text, start, end))
        at += count
    return passages


def _check_triples(p: Postings) -> None:
    """Triples that point at terms and passages that exist, with counts ≥ 1."""
    if not len(p.term) == len(p.doc) == len(p.tf):
        raise ValueError("postings arrays differ in length")
    if len(p.term) and (
        p.term.min() < 0 or p.term.max() >= len(p.terms) or p.doc.min() < 0 or p.doc.max() >= p.n_docs or p.tf.min() < 1
    ):
        raise ValueError("postings out of range")


def _check_lists(terms: list[str], offsets: np.ndarray, ids: np.ndarray, tf: np.ndarray, n_docs: int) -> None:
    """Per-term lists that FieldIndex can trust: every term has postings, passages ascending."""
    if len(offsets) != len(terms) + 1 or offsets[0] != 0 or offsets[-1] != len(ids) or len(tf) != len(ids):
        raise ValueError("postings offsets do not fit the arrays")
    if (np.diff(offsets) < 1).any():
        raise ValueError("a term without postings")
    if len(ids) and (ids.min() < 0 or ids.max() >= n_docs or tf.min() < 1):
        raise ValueError("postings out of range")
    rising = ids[1:] > ids[:-1]  # compared in place: no int64 copy of a national index's postings
    rising[offsets[1:-1] - 1] = True  # where one term's list ends and the next begins
    if not rising.all():
        raise ValueError("postings not ascending")
