"""BM25 over one token field, scored from postings instead of by walking every passage.

rank-bm25 defines the score: we build its model once to get idf, document lengths and the
parameters, then precompute every (term, passage) weight it would compute. A query then only
touches the passages that contain its terms. Terms that rank-bm25 scores for passages *without*
them (BM25Plus adds idf·delta everywhere) are kept exactly, as a per-term constant.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import rank_bm25

VARIANTS = {"okapi": rank_bm25.BM25Okapi, "plus": rank_bm25.BM25Plus, "l": rank_bm25.BM25L}


@dataclass(frozen=True)
class BM25Params:
    variant: str = "plus"
    k1: float = 1.2
    b: float = 0.75
    delta: float = 1.0  # BM25Plus / BM25L only

    def model(self, corpus: list[list[str]]) -> rank_bm25.BM25:
        """The rank-bm25 model these parameters define (the reference for our scores)."""
        cls = VARIANTS[self.variant]
        if self.variant == "okapi":
            return cls(corpus, k1=self.k1, b=self.b)
        return cls(corpus, k1=self.k1, b=self.b, delta=self.delta)


class FieldIndex:
    """Postings of one field: for term t, passages `ids[offsets[t]:offsets[t+1]]` with their weights."""

    def __init__(
        self,
        vocab: dict[str, int],
        offsets: np.ndarray,
        ids: np.ndarray,
        weights: np.ndarray,
        absent: np.ndarray,
        idf: np.ndarray,
        n_docs: int,
        params: BM25Params = BM25Params(),
    ):
        self.vocab = vocab
        self.offsets = offsets
        self.ids = ids
        self.weights = weights
        self.absent = absent
        self.idf = idf
        self.n_docs = n_docs
        self.params = params

    @classmethod
    def build(cls, corpus: list[list[str]], params: BM25Params) -> FieldIndex:
        """Postings with the weights rank-bm25 would give, from its own statistics."""
        model = params.model(corpus)
        vocab = {term: i for i, term in enumerate(model.idf)}
        idf = np.array([model.idf[t] for t in vocab], dtype=np.float64)
        term_ids, doc_ids, tfs = [], [], []
        for doc, freqs in enumerate(model.doc_freqs):
            term_ids.extend(vocab[t] for t in freqs)
            doc_ids.extend([doc] * len(freqs))
            tfs.extend(freqs.values())
        term_ids = np.array(term_ids, dtype=np.int64)
        doc_ids = np.array(doc_ids, dtype=np.int32)
        tf = np.array(tfs, dtype=np.float64)
        doc_len = np.asarray(model.doc_len, dtype=np.float64)
        weights, absent = term_weights(params, idf[term_ids], tf, doc_len[doc_ids], model.avgdl, idf)
        order = np.argsort(term_ids, kind="stable")
        counts = np.bincount(term_ids, minlength=len(vocab))
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        return cls(vocab, offsets, doc_ids[order], weights[order].astype(np.float32), absent, idf, len(corpus), params)

    def scores(self, terms: list[str], boosts: list[float] | None = None) -> np.ndarray:
        """BM25 score of every passage for the query terms (equal to rank-bm25's get_scores)."""
        out = np.zeros(self.n_docs, dtype=np.float64)
        for i, term in enumerate(terms):
            t = self.vocab.get(term)
            if t is None:
                continue
            boost = boosts[i] if boosts else 1.0
            lo, hi = self.offsets[t], self.offsets[t + 1]
            if self.absent[t]:
                out += boost * self.absent[t]
            out[self.ids[lo:hi]] += boost * self.weights[lo:hi]
        return out

    def baseline(self, terms: list[str], boosts: list[float] | None = None) -> float:
        """The score of a passage that has none of the terms (not 0 for BM25Plus)."""
        boosts = boosts or [1.0] * len(terms)
        return float(sum(b * self.absent[self.vocab[t]] for t, b in zip(terms, boosts) if t in self.vocab))

    def ceiling(self, terms: list[str], boosts: list[float] | None = None) -> float:
        """About the best score the terms can give: each at its idf·(k1+1), the limit of a term
        repeated in a short passage. Relates a passage's score to what the question could reach."""
        boosts = boosts or [1.0] * len(terms)
        reach = sum(b * self.idf[self.vocab[t]] for t, b in zip(terms, boosts) if t in self.vocab)
        return self.baseline(terms, boosts) + float(reach) * (self.params.k1 + 1)

    def postings(self, term: str) -> np.ndarray:
        """Passages that contain the term."""
        t = self.vocab.get(term)
        if t is None:
            return np.empty(0, dtype=np.int32)
        return self.ids[self.offsets[t] : self.offsets[t + 1]]

    def df(self, term: str) -> int:
        t = self.vocab.get(term)
        return 0 if t is None else int(self.offsets[t + 1] - self.offsets[t])

    def term_idf(self, term: str) -> float:
        t = self.vocab.get(term)
        return 0.0 if t is None else float(self.idf[t])


def term_weights(
    params: BM25Params, idf: np.ndarray, tf: np.ndarray, dl: np.ndarray, avgdl: float, all_idf: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per-posting weight (what the term adds to a passage that has it, beyond `absent`) and the
    per-term constant that rank-bm25 adds to every passage, with or without the term.

    The formulas are rank-bm25 0.2.2's `get_scores`, term by term.
    """
    k1, b, delta = params.k1, params.b, params.delta
    norm = 1 - b + b * dl / avgdl
    if params.variant == "okapi":
        return idf * (tf * (k1 + 1) / (tf + k1 * norm)), np.zeros_like(all_idf)
    if params.variant == "plus":
        return idf * ((tf * (k1 + 1)) / (k1 * norm + tf)), all_idf * delta
    if params.variant == "l":
        ctd = tf / norm
        # rank-bm25 multiplies by tf, so a passage without the term gets nothing.
        return idf * tf * (k1 + 1) * (ctd + delta) / (k1 + ctd + delta), np.zeros_like(all_idf)
    raise ValueError(f"unknown BM25 variant {params.variant!r}")
