"""Benchmark inputs: the party corpus, its dev questions, and the corpus grown to national scale."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import numpy as np

from bot.knowledge.document import Passage
from bot.search.bm25 import FieldIndex, Postings, merge_postings
from bot.search.index import SearchIndex, symbol_table

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NGHIQUYET_SHARED_DIR", ROOT.parent / "shared"))
PARTY_CORPUS = SHARED / "data" / "party_corpus"
DEV_QUESTIONS = SHARED / "eval" / "dev.jsonl"
BENCH_CACHE = ROOT / ".cache" / "bench"  # the benchmarks' index cache, apart from the bot's and the tests'


def questions(path: Path = DEV_QUESTIONS) -> list[str]:
    """The `question` of every line of an eval file."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["question"] for line in f if line.strip()]


def replicate(postings: Postings, copies: int, seed: int = 0) -> Postings:
    """`copies` copies of a field's passages, each but the first slightly varied so that postings
    lists and statistics do not just repeat: a copy drops ~8% of its (term, passage) pairs, adds
    one to ~5% of its counts, and renames ~3% of its pairs' terms to one of four variants
    ("đảng~2"), which makes new, rarer terms. Works on arrays: no token is materialised."""
    rng = np.random.default_rng(seed)
    n_terms = len(postings.terms)
    variants = [f"{t}~{v}" for v in range(1, 5) for t in postings.terms]
    terms = list(postings.terms) + variants
    parts = []
    for c in range(copies):
        term = postings.term.astype(np.int64)
        tf = postings.tf.astype(np.int64)
        doc = postings.doc
        if c:
            keep = rng.random(len(term)) >= 0.08
            term, tf, doc = term[keep], tf[keep], doc[keep]
            tf = tf + (rng.random(len(tf)) < 0.05)
            renamed = rng.random(len(term)) < 0.03
            term = np.where(renamed, term + n_terms * rng.integers(1, 5, len(term)), term)
        copy = Postings(terms, term.astype(np.int32), doc, tf, postings.n_docs)
        start = c * postings.n_docs
        parts.append((copy, np.arange(start, start + postings.n_docs, dtype=np.int32)))
    return merge_postings(parts, copies * postings.n_docs)


def load_average() -> str:
    """The machine's load, printed around each run: the machines are shared, so compare ratios."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def missing_inputs(corpus: Path, questions_file: Path) -> str | None:
    """Why a benchmark cannot run here (the shared data is not beside this checkout), or None."""
    if corpus.is_dir() and questions_file.is_file():
        return None
    return f"Need {corpus} and {questions_file} (the shared data beside this checkout)."


def grown_index(base: SearchIndex, copies: int) -> SearchIndex:
    """A SearchIndex of `copies` copies of a corpus, as a folder `copies` times larger would give:
    every field's postings varied by `replicate`, each copy's documents under their own folder
    ("copy3/…") and passage texts made distinct ("… [3]"), as a real corpus's would be."""
    if copies == 1:
        return base
    fields = {
        name: FieldIndex.from_postings(replicate(f.to_postings(), copies), f.params) for name, f in base.fields.items()
    }
    documents, passages = [], []
    for c in range(copies):
        docs = [replace(d, path=f"copy{c}/{d.path}") if c else d for d in base.documents]
        documents += docs
        passages += [
            Passage(docs[i], p.section, f"{p.text} [{c}]" if c else p.text, p.start, p.end)
            for i, p in zip(base.passage_doc.tolist(), base.passages)
        ]
    passage_doc = np.concatenate([base.passage_doc + c * len(base.documents) for c in range(copies)]).astype(np.int32)
    return SearchIndex(documents, passages, fields, passage_doc, [], symbol_table(documents), base.versions)
