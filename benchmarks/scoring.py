"""Scoring: rank-bm25's `get_scores` against our postings, on the party corpus and grown copies of it."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from benchmarks.corpus import replicate
from bot.search.bm25 import BM25Params, FieldIndex, Postings, as_token_lists


@dataclass(frozen=True)
class ScoringRow:
    """One field at one corpus size: build times, per-query times (ms), and agreement."""

    field: str
    passages: int
    postings: int
    reference_build: float  # s, rank-bm25's model from token lists
    ours_build: float  # s, FieldIndex from (term, passage, tf) triples
    reference_ms: float  # median get_scores over the checked queries
    ours_ms: float  # median top_k(10) over the same queries
    ours_all_ms: float  # median top_k(10) over every query
    ours_p95_ms: float
    dense_ms: float  # median scores() (every passage, as get_scores) over every query
    checked: int  # queries compared with get_scores
    identical: int  # of those, top 10 identical (ids, and scores to 1e-6)

    @property
    def ratio(self) -> float:
        return self.reference_ms / self.ours_ms


def grown(postings: Postings, copies: int) -> Postings:
    return postings if copies == 1 else replicate(postings, copies)


def score_field(
    field: str, postings: Postings, queries: list[list[str]], checked: int, params: BM25Params
) -> ScoringRow:
    """Time rank-bm25 and our index on the same passages and questions."""
    started = time.perf_counter()
    ours = FieldIndex.from_postings(postings, params)
    ours_build = time.perf_counter() - started
    corpus = as_token_lists(postings)
    started = time.perf_counter()
    reference = params.model(corpus)
    reference_build = time.perf_counter() - started
    del corpus

    for terms in queries[:5]:  # warm caches and code paths
        ours.top_k(terms, 10)
    top_ms = [_ms(ours.top_k, terms, 10) for terms in queries]
    dense_ms = [_ms(ours.scores, terms) for terms in queries]
    step = max(1, len(queries) // checked)
    sample = list(range(0, len(queries), step))[:checked]
    reference_ms, identical = [], 0
    for i in sample:
        started = time.perf_counter()
        expected = reference.get_scores(queries[i])
        reference_ms.append((time.perf_counter() - started) * 1e3)
        identical += same_top(ours.top_k(queries[i], 10), expected)
    return ScoringRow(
        field=field,
        passages=ours.n_docs,
        postings=len(ours.ids),
        reference_build=reference_build,
        ours_build=ours_build,
        reference_ms=float(np.median(reference_ms)),
        ours_ms=float(np.median([top_ms[i] for i in sample])),
        ours_all_ms=float(np.median(top_ms)),
        ours_p95_ms=float(np.percentile(top_ms, 95)),
        dense_ms=float(np.median(dense_ms)),
        checked=len(sample),
        identical=identical,
    )


def same_top(ours: tuple[np.ndarray, np.ndarray], expected: np.ndarray, k: int = 10) -> bool:
    """Our top k is rank-bm25's: a stable sort by decreasing score, ties by passage order."""
    order = np.argsort(-expected, kind="stable")[:k]
    return ours[0].tolist() == order.tolist() and np.allclose(ours[1], expected[order], rtol=1e-6, atol=1e-12)


def _ms(fn, *args) -> float:
    started = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - started) * 1e3
