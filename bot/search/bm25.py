"""BM25 over one token field, scored from postings instead of by walking every passage.

rank-bm25 0.2.2 defines the score. We compute its statistics with numpy from postings (passage
lengths, their mean, document frequencies, idf by the variant's formula with BM25Okapi's epsilon
floor), precompute every (term, passage) weight its `get_scores` would add, and keep what a term
adds to passages *without* it (BM25Plus: idf·delta) as a per-term constant. A query then touches
only the postings of its terms; `top_k` also skips most postings of frequent, low-weight terms
(MaxScore) and still returns exactly the top k of the full ranking. tests/test_bm25.py checks both
against rank-bm25's own `get_scores`.

A query is weighted terms per field (`FieldQuery`), so one ranking can sum several fields with
per-term weights and multiply by a per-passage factor (`top_k`, `dense_scores`: the engine adds
a field and its titles' postings into one sum).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import rank_bm25

VARIANTS = {"okapi": rank_bm25.BM25Okapi, "plus": rank_bm25.BM25Plus, "l": rank_bm25.BM25L}

# Weights are computed this many postings at a time, so a national index does not need several
# float64 temporaries as long as all its postings at once.
WEIGHT_CHUNK = 1 << 22
# posting_weights looks the BM25 factor up in a (tf, passage length) table of at most this many cells.
SATURATION_TABLE_MAX = 1 << 22
# Pruning compares float sums built in different orders; this margin keeps it on the safe side.
PRUNE_SLACK = 1e-9
# MaxScore bounds the k-th best score by scoring in full PROBES × k passages with the best
# partial scores over the most selective terms, taken until they have PROBE_POSTINGS postings.
PROBES = 3
PROBE_POSTINGS = 65536
# A binary search costs about as much as adding this many postings densely: once candidates ×
# this reach the postings of the terms left, MaxScore adds those terms densely instead.
SCAN_RATIO = 10
# Queries with at most this many postings are scored densely: pruning costs more than it saves.
DENSE_POSTINGS = 400_000
# top_k_of bounds the k-th best score from every SAMPLE_STRIDE-th passage.
SAMPLE_STRIDE = 16
# Up to this many (term, candidate) pairs are looked up at once rather than pruned term by term.
LOOKUP_PAIRS = 2048


@dataclass(frozen=True)
class BM25Params:
    variant: str = "plus"
    k1: float = 1.2
    b: float = 0.75
    delta: float = 1.0  # BM25Plus / BM25L only
    epsilon: float = 0.25  # BM25Okapi only: negative idf becomes epsilon × mean idf (rank-bm25's default)

    def model(self, corpus: list[list[str]]) -> rank_bm25.BM25:
        """The rank-bm25 model these parameters define (the reference for our scores)."""
        cls = VARIANTS[self.variant]
        if self.variant == "okapi":
            return cls(corpus, k1=self.k1, b=self.b, epsilon=self.epsilon)
        return cls(corpus, k1=self.k1, b=self.b, delta=self.delta)


@dataclass(frozen=True)
class Postings:
    """The bag of words of a run of passages in one field, as (term, passage, tf) triples.

    This is what the cache stores and what is merged when files change: BM25 needs no token
    order, only how often each term occurs in each passage. Triples may come in any order.
    """

    terms: list[str]  # term id → term
    term: np.ndarray  # int32: the term of each triple
    doc: np.ndarray  # int32: the passage of each triple
    tf: np.ndarray  # integer ≥ 1: how often the term occurs in the passage
    n_docs: int  # passages in the run, including those with no token in this field


def bag_of_words(corpus: list[list[str]]) -> Postings:
    """Triples of tokenised passages. Terms are numbered in order of first occurrence.

    The term-to-id step is a dict lookup per token (there is no vectorised string hashing in
    numpy); counting is one sort of (passage, term) keys.
    """
    vocab: dict[str, int] = {}
    flat = np.fromiter((vocab.setdefault(t, len(vocab)) for doc in corpus for t in doc), dtype=np.int64)
    lengths = np.fromiter((len(doc) for doc in corpus), dtype=np.int64, count=len(corpus))
    n_terms = max(len(vocab), 1)
    keys, tf = np.unique(
        np.repeat(np.arange(len(corpus), dtype=np.int64), lengths) * n_terms + flat, return_counts=True
    )
    return Postings(
        list(vocab), (keys % n_terms).astype(np.int32), (keys // n_terms).astype(np.int32), _narrow(tf), len(corpus)
    )


def merge_postings(parts: list[tuple[Postings, np.ndarray]], n_docs: int) -> Postings:
    """One run of `n_docs` passages from parts whose passages are renumbered by a lookup array
    (`where[old] = new`, or -1 to drop the passage). Vocabularies are merged, first part first,
    so the first part's term ids stay the same."""
    vocab: dict[str, int] = {}
    terms, docs, tfs = [], [], []
    for part, where in parts:
        ids = np.fromiter((vocab.setdefault(t, len(vocab)) for t in part.terms), dtype=np.int32, count=len(part.terms))
        doc = where[part.doc]
        keep = doc >= 0
        if not keep.all():
            terms.append(ids[part.term[keep]])
            docs.append(doc[keep])
            tfs.append(part.tf[keep])
        else:
            terms.append(ids[part.term])
            docs.append(doc)
            tfs.append(part.tf)
    empty = np.empty(0, dtype=np.int32)
    return Postings(
        list(vocab),
        np.concatenate([empty, *terms]).astype(np.int32, copy=False),
        np.concatenate([empty, *docs]).astype(np.int32, copy=False),
        _narrow(np.concatenate([empty, *tfs])),
        n_docs,
    )


def as_token_lists(postings: Postings) -> list[list[str]]:
    """Token lists with the same bags of words (order lost): rank-bm25's input, for checking
    our scores against it in tests and benchmarks."""
    order = np.lexsort((postings.term, postings.doc))
    doc, term, tf = postings.doc[order], postings.term[order], postings.tf[order].astype(np.int64)
    tokens = np.asarray(postings.terms, dtype=object)[np.repeat(term, tf)]
    ends = np.cumsum(np.bincount(doc, weights=tf, minlength=postings.n_docs).astype(np.int64))
    return [part.tolist() for part in np.split(tokens, ends[:-1])]


class FieldIndex:
    """Postings of one field: for term t, the passages `ids[offsets[t]:offsets[t+1]]` (ascending)
    that contain it, how often (`tf`), and what the term adds to their score (`weights`).

    Read-only once built, so one index can serve many threads.
    """

    def __init__(
        self,
        terms: list[str],
        offsets: np.ndarray,
        ids: np.ndarray,
        tf: np.ndarray,
        n_docs: int,
        params: BM25Params = BM25Params(),
        vocab: dict[str, int] | None = None,
    ):
        self.terms = terms
        self.vocab = vocab if vocab is not None else dict(zip(terms, range(len(terms))))
        self.offsets = offsets
        self.ids = ids
        self.tf = tf
        self.n_docs = n_docs
        self.params = params
        self.doc_len = document_lengths(ids, tf, n_docs)
        # rank-bm25 divides two Python ints: do the same, bit for bit.
        self.avgdl = int(self.doc_len.sum()) / n_docs if n_docs else 0.0
        self.idf = idf(params, np.diff(offsets), n_docs)
        self.absent = params.delta * self.idf if params.variant == "plus" else np.zeros_like(self.idf)
        self.weights = posting_weights(params, self.idf, offsets, ids, tf, self.doc_len, self.avgdl)
        self.upper = term_upper_bounds(self.weights, offsets)
        self.nonnegative = bool(len(self.weights) == 0 or self.weights.min() >= 0)

    # --- construction ----------------------------------------------------------------------

    @classmethod
    def build(cls, corpus: list[list[str]], params: BM25Params = BM25Params()) -> FieldIndex:
        """The index of tokenised passages, scoring as `params.model(corpus).get_scores` does."""
        return cls.from_postings(bag_of_words(corpus), params)

    @classmethod
    def from_postings(cls, postings: Postings, params: BM25Params = BM25Params()) -> FieldIndex:
        """Sort triples into per-term lists (ascending passages) and drop terms that no passage has."""
        df = np.bincount(postings.term, minlength=len(postings.terms))
        used = df > 0
        terms = postings.terms
        term = postings.term
        if not used.all():  # terms of removed files
            new_id = np.cumsum(used, dtype=np.int64) - 1
            term = new_id[term]
            terms = np.asarray(terms, dtype=object)[used].tolist()
            df = df[used]
        order = np.argsort(term.astype(np.int64) * max(postings.n_docs, 1) + postings.doc)
        offsets = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(df, out=offsets[1:])
        return cls(terms, offsets, postings.doc[order], postings.tf[order], postings.n_docs, params)

    def with_params(self, params: BM25Params) -> FieldIndex:
        """The same postings weighted for other parameters (no re-sorting, no re-tokenising)."""
        if params == self.params:
            return self
        return FieldIndex(self.terms, self.offsets, self.ids, self.tf, self.n_docs, params, self.vocab)

    def to_postings(self) -> Postings:
        """Back to triples, e.g. to merge with a changed file's passages."""
        term = np.repeat(np.arange(len(self.terms), dtype=np.int32), np.diff(self.offsets))
        return Postings(self.terms, term, self.ids, self.tf, self.n_docs)

    # --- queries -----------------------------------------------------------------------------

    def query(self, terms: list[str], weights: list[float] | None = None) -> FieldQuery:
        """The query's distinct known terms and their total weights (default 1 each): rank-bm25
        adds a repeated query term once per occurrence, which is the same as weighing it more."""
        total: dict[int, float] = {}
        for i, term in enumerate(terms):
            t = self.vocab.get(term)
            if t is not None:
                total[t] = total.get(t, 0.0) + (float(weights[i]) if weights else 1.0)
        return FieldQuery(
            self,
            np.fromiter(total.keys(), dtype=np.int64, count=len(total)),
            np.fromiter(total.values(), dtype=np.float64, count=len(total)),
        )

    def scores(self, terms: list[str], boosts: list[float] | None = None) -> np.ndarray:
        """BM25 score of every passage for the query terms (equal to rank-bm25's get_scores)."""
        return dense_scores([self.query(terms, boosts)], self.n_docs)

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

    def top_k(self, terms: list[str], k: int = 10, boosts: list[float] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The k best passages and their scores, best first, ties by passage order: the same as
        taking the first k of a stable sort of `scores()` by decreasing score, without scoring
        every passage."""
        return top_k([self.query(terms, boosts)], k, self.n_docs)

    # --- term statistics ---------------------------------------------------------------------

    def postings(self, term: str) -> np.ndarray:
        """Passages that contain the term, ascending."""
        t = self.vocab.get(term)
        if t is None:
            return np.empty(0, dtype=np.int32)
        return self.ids[self.offsets[t] : self.offsets[t + 1]]

    def contains(self, term: str, passage: int) -> bool:
        """Whether the passage has the term: a binary search, no set built."""
        ids = self.postings(term)
        i = int(np.searchsorted(ids, passage))
        return i < len(ids) and int(ids[i]) == passage

    def posting_weight(self, term: str, passage: int) -> float:
        """What the term adds to the passage's score beyond the per-term constant (0 if absent)."""
        t = self.vocab.get(term)
        if t is None:
            return 0.0
        lo, hi = int(self.offsets[t]), int(self.offsets[t + 1])
        i = lo + int(np.searchsorted(self.ids[lo:hi], passage))
        return float(self.weights[i]) if i < hi and int(self.ids[i]) == passage else 0.0

    def df(self, term: str) -> int:
        t = self.vocab.get(term)
        return 0 if t is None else int(self.offsets[t + 1] - self.offsets[t])

    def term_idf(self, term: str) -> float:
        t = self.vocab.get(term)
        return 0.0 if t is None else float(self.idf[t])

    @property
    def nbytes(self) -> int:
        """Bytes held in arrays (the vocabulary dict and strings come on top)."""
        arrays = (self.offsets, self.ids, self.tf, self.weights, self.doc_len, self.idf, self.absent, self.upper)
        return sum(a.nbytes for a in arrays)


# --- statistics: rank-bm25's, computed over arrays ---------------------------------------------


def document_lengths(ids: np.ndarray, tf: np.ndarray, n_docs: int) -> np.ndarray:
    """Tokens per passage (rank-bm25's doc_len): the sum of its term frequencies."""
    return np.bincount(ids, weights=tf, minlength=n_docs).astype(np.int64)


def exact_log(x: np.ndarray) -> np.ndarray:
    """`math.log` of each value, computed once per distinct value. rank-bm25 uses math.log, and
    numpy's vectorised log may differ from it in the last bit; there are few distinct
    document frequencies, so this costs nothing."""
    values, inverse = np.unique(x, return_inverse=True)
    logs = np.array([math.log(v) for v in values.tolist()], dtype=np.float64)
    return logs[inverse].reshape(np.shape(x))


def idf(params: BM25Params, df: np.ndarray, n_docs: int) -> np.ndarray:
    """Per-term idf exactly as rank-bm25's `_calc_idf` of the variant computes it."""
    df = df.astype(np.float64)
    if len(df) == 0:
        return df
    if params.variant == "okapi":
        values = exact_log(n_docs - df + 0.5) - exact_log(df + 0.5)
        # rank-bm25 floors negative idf (terms in more than half of the passages) at eps.
        eps = params.epsilon * (float(values.sum()) / len(values))
        return np.where(values < 0, eps, values)
    if params.variant == "plus":
        return exact_log((n_docs + 1) / df)
    if params.variant == "l":
        return math.log(n_docs + 1) - exact_log(df + 0.5)
    raise ValueError(f"unknown BM25 variant {params.variant!r}")


def posting_weights(
    params: BM25Params,
    idf: np.ndarray,
    offsets: np.ndarray,
    ids: np.ndarray,
    tf: np.ndarray,
    doc_len: np.ndarray,
    avgdl: float,
) -> np.ndarray:
    """What each posting's term adds to its passage's score beyond the per-term constant.

    float64, like rank-bm25: with float32 (half the memory) two passages whose scores differ
    by less than ~1e-7 can swap places in the top k, and the top k must be rank-bm25's.
    Computed in chunks to bound the temporaries."""
    out = np.empty(len(ids), dtype=np.float64)
    table = saturation_table(params, tf, doc_len, avgdl)
    for lo in range(0, len(ids), WEIGHT_CHUNK):
        hi = min(lo + WEIGHT_CHUNK, len(ids))
        term_idf = idf[posting_terms(offsets, lo, hi)]
        if table is None:
            out[lo:hi] = term_weights(params, term_idf, tf[lo:hi].astype(np.float64), doc_len[ids[lo:hi]], avgdl)
        else:  # one flat index into the table: cheaper than indexing it by two arrays
            cell = tf[lo:hi].astype(np.int64)
            cell *= table.shape[1]
            cell += doc_len[ids[lo:hi]]
            np.multiply(term_idf, table.ravel().take(cell), out=out[lo:hi])
    return out


def saturation_table(params: BM25Params, tf: np.ndarray, doc_len: np.ndarray, avgdl: float) -> np.ndarray | None:
    """For Okapi and Plus, whose weight is idf × a factor of (tf, passage length) only: the
    factor for every pair that can occur, so that a warm start does not evaluate the formula
    once per posting. `term_weights` with idf 1 makes it, and idf × factor is then the same
    float as the formula's, bit for bit. None when the table would be large (or for BM25L)."""
    if params.variant not in ("okapi", "plus") or not len(tf):
        return None
    tfs, lengths = int(tf.max()) + 1, int(doc_len.max()) + 1
    if tfs * lengths > SATURATION_TABLE_MAX:
        return None
    return term_weights(
        params, 1.0, np.arange(tfs, dtype=np.float64)[:, None], np.arange(lengths, dtype=np.int64)[None, :], avgdl
    )


def posting_terms(offsets: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """The term of each posting in positions lo…hi-1 of the per-term lists."""
    first = int(np.searchsorted(offsets, lo, side="right")) - 1
    last = int(np.searchsorted(offsets, hi - 1, side="right")) - 1
    counts = np.minimum(offsets[first + 1 : last + 2], hi) - np.maximum(offsets[first : last + 1], lo)
    return np.repeat(np.arange(first, last + 1), counts)


def term_weights(
    params: BM25Params, idf: np.ndarray | float, tf: np.ndarray, dl: np.ndarray, avgdl: float
) -> np.ndarray:
    """The term's share of rank-bm25 0.2.2's `get_scores` for passages that contain it, with
    its operations in the same order (so in float64 they agree bit for bit, except BM25Plus,
    whose idf·delta is split off into the per-term constant)."""
    k1, b, delta = params.k1, params.b, params.delta
    norm = 1 - b + b * dl / avgdl
    if params.variant == "okapi":
        return idf * (tf * (k1 + 1) / (tf + k1 * norm))
    if params.variant == "plus":
        return idf * ((tf * (k1 + 1)) / (k1 * norm + tf))
    if params.variant == "l":
        ctd = tf / norm
        # rank-bm25 multiplies by tf, so a passage without the term gets nothing.
        return idf * tf * (k1 + 1) * (ctd + delta) / (k1 + ctd + delta)
    raise ValueError(f"unknown BM25 variant {params.variant!r}")


def term_upper_bounds(weights: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Largest weight of each term's postings: the most it can add to any passage (MaxScore)."""
    if len(weights) == 0:
        return np.zeros(len(offsets) - 1)
    # Every term has at least one posting, so reduceat sees no empty segment.
    return np.maximum.reduceat(weights, offsets[:-1])


# --- query evaluation ------------------------------------------------------------------------
#
# A query is a list of FieldQuery: weighted terms, each in one field. A passage's score is
#     (Σ over field queries of: constant + Σ over their terms of weight · posting weight) · prior
# where a term's posting weight is 0 for a passage without it and `prior` (optional) is a
# per-passage factor ≥ 0. One field with weights 1 is rank-bm25's get_scores; the engine adds
# a field and its article titles at a lower weight.


@dataclass(frozen=True)
class FieldQuery:
    """A query's distinct terms in one field (ids of `field.terms`) and what each weighs."""

    field: FieldIndex
    terms: np.ndarray  # int64, distinct
    weights: np.ndarray  # float64, one per term

    @property
    def constant(self) -> float:
        """What every passage gets whether or not it has the terms (BM25Plus's idf·delta)."""
        return float(self.weights @ self.field.absent[self.terms]) if len(self.terms) else 0.0

    def scaled(self, factor: float) -> FieldQuery:
        return FieldQuery(self.field, self.terms, self.weights * factor)


def dense_scores(queries: list[FieldQuery], n_docs: int, prior: np.ndarray | None = None) -> np.ndarray:
    """Every passage's score: the reference that `top_k` must agree with."""
    out = _add_postings(np.full(n_docs, sum(q.constant for q in queries)), queries)
    return out if prior is None else out * prior


def posting_sums(queries: list[FieldQuery], n_docs: int) -> np.ndarray:
    """What the queries' terms add to every passage beyond the constant all passages get."""
    return _add_postings(np.zeros(n_docs), queries)


def _add_postings(out: np.ndarray, queries: list[FieldQuery]) -> np.ndarray:
    for q in queries:
        for t, w in zip(q.terms.tolist(), q.weights.tolist()):
            _add(out, q.field, t, w)
    return out


def scores_of(queries: list[FieldQuery], passages: np.ndarray) -> np.ndarray:
    """The scores of a few passages (ascending ids), by binary search in the terms' lists (all
    lists of a field at once: one passage costs a few dozen numpy calls, not a few per term)."""
    out = np.full(len(passages), sum(q.constant for q in queries))
    for q in queries:
        f = q.field
        out += lookup_scores(f.offsets, f.ids, f.weights, q.terms.tolist(), q.weights.tolist(), passages)
    return out


def top_k(
    queries: list[FieldQuery], k: int, n_docs: int, prior: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The k best passages and their scores, best first, ties by passage order: the first k of a
    stable sort of `dense_scores` by decreasing score, mostly without adding the postings of
    frequent terms.

    MaxScore (Turtle & Flood, 1995) over arrays, for weights ≥ 0, across fields. Posting lists
    are ordered from the one that can add the most to a passage to the one that can add the
    least (rare to frequent); a list's bound is its weight times its largest posting weight,
    times the largest prior.
    - Essential lists: while the constant plus all that the later lists could add together
      reaches `theta`, a lower bound of the k-th best score, the next list is added densely.
      Every few postings, `theta` is raised by scoring in full (binary search in the later
      lists) the few passages with the best partial scores.
    - Once the later lists together cannot reach theta, a passage with none of the essential
      terms cannot be in the top k: the later (frequent, low-idf) lists are only looked up for
      the candidates, and a candidate is dropped as soon as its score with all that is left
      cannot reach theta. When candidates are too many for that to pay, the rest is added
      densely.
    """
    k = min(k, n_docs)
    if k <= 0:
        return np.empty(0, dtype=np.int64), np.empty(0)
    lists = _lists(queries)
    constant = sum(q.constant for q in queries)
    if (
        (lists.weight < 0).any()
        or not all(q.field.nonnegative for q in queries)
        or (prior is not None and (prior < 0).any())
    ):
        return top_k_of(dense_scores(queries, n_docs, prior), k)  # pruning needs every addition to be ≥ 0
    top_prior = 1.0 if prior is None else float(prior.max(initial=0.0))

    def final(cand: np.ndarray, partial: np.ndarray) -> np.ndarray:
        return constant + partial if prior is None else (constant + partial) * prior[cand]

    def reaches(bound) -> bool | np.ndarray:
        return bound >= theta - PRUNE_SLACK * (1 + abs(theta))

    order = np.argsort(-lists.bound, kind="stable")
    lists = lists.take(order)
    n = len(lists.term)
    rest = np.append(np.cumsum(lists.bound[::-1])[::-1], 0.0)  # rest[i]: most that lists i… can add
    left = np.append(np.cumsum(lists.size[::-1])[::-1], 0)  # left[i]: postings of lists i…
    acc = np.zeros(n_docs)
    every = np.arange(n_docs)
    if left[0] <= DENSE_POSTINGS:  # too little work for pruning to pay for itself
        _add_lists(acc, queries, lists, 0, n)
        return top_k_of(final(every, acc), k)
    theta, added, budget = -np.inf, 0, PROBE_POSTINGS

    def essential() -> bool:
        return added < n and bool(reaches((constant + rest[added]) * top_prior))

    while essential():
        postings = 0
        while essential() and (postings == 0 or postings < budget):
            postings += _add_lists(acc, queries, lists, added, added + 1)
            added += 1
        if not essential():
            break
        # A passage whose terms so far all weigh 0 has no better chance than one without them.
        cand = np.flatnonzero(acc > 0)
        if len(cand) >= k:
            partial = acc[cand]
            probe = np.sort(np.argpartition(partial, len(partial) - min(len(partial), PROBES * k))[-PROBES * k :])
            full = final(cand[probe], partial[probe] + _lookup(queries, lists.sliced(added, n), cand[probe]))
            theta = max(theta, kth_largest(full, k))
        budget *= 4
    if added == n:
        return top_k_of(final(every, acc), k)
    cand = np.flatnonzero(acc > 0)
    partial = acc[cand]
    for j in range(added, n):
        keep = reaches(final(cand, partial + rest[j]))
        cand, partial = cand[keep], partial[keep]
        if len(cand) * (n - j) <= LOOKUP_PAIRS:
            return select_top_k(cand, final(cand, partial + _lookup(queries, lists.sliced(j, n), cand)), k)
        if len(cand) * SCAN_RATIO >= left[j]:  # binary searches would cost more than adding the rest
            _add_lists(acc, queries, lists, added, n)  # acc has the essential lists only
            return top_k_of(final(every, acc), k)
        partial = partial + _lookup(queries, lists.sliced(j, j + 1), cand)
        theta = max(theta, kth_largest(final(cand, partial), k))
    return select_top_k(cand, final(cand, partial), k)


@dataclass(frozen=True)
class _Lists:
    """The posting lists of a query across fields: for each, which field query, which term,
    its weight, the most it can add to a passage (bound) and its length."""

    query: np.ndarray
    term: np.ndarray
    weight: np.ndarray
    bound: np.ndarray
    size: np.ndarray

    def take(self, order: np.ndarray) -> _Lists:
        return _Lists(self.query[order], self.term[order], self.weight[order], self.bound[order], self.size[order])

    def sliced(self, lo: int, hi: int) -> _Lists:
        return _Lists(self.query[lo:hi], self.term[lo:hi], self.weight[lo:hi], self.bound[lo:hi], self.size[lo:hi])


def _lists(queries: list[FieldQuery]) -> _Lists:
    def joined(parts: list[np.ndarray], dtype) -> np.ndarray:
        return np.concatenate(parts).astype(dtype, copy=False) if parts else np.empty(0, dtype=dtype)

    return _Lists(
        joined([np.full(len(q.terms), i) for i, q in enumerate(queries)], np.int64),
        joined([q.terms for q in queries], np.int64),
        joined([q.weights for q in queries], np.float64),
        joined([q.weights * q.field.upper[q.terms] for q in queries], np.float64),
        joined([q.field.offsets[q.terms + 1] - q.field.offsets[q.terms] for q in queries], np.int64),
    )


def _add_lists(acc: np.ndarray, queries: list[FieldQuery], lists: _Lists, lo: int, hi: int) -> int:
    """Add lists lo…hi-1 densely; how many postings they had."""
    for q, t, w in zip(lists.query[lo:hi].tolist(), lists.term[lo:hi].tolist(), lists.weight[lo:hi].tolist()):
        _add(acc, queries[q].field, t, w)
    return int(lists.size[lo:hi].sum())


def _add(acc: np.ndarray, field: FieldIndex, t: int, w: float) -> None:
    """Add a term's weighted postings to the dense accumulator.

    `np.add.at` with float64 values takes numpy's fast path (~3× faster than `acc[ids] += w`,
    which gathers, adds and scatters); a term's passages are distinct, so either is right."""
    lo, hi = field.offsets[t], field.offsets[t + 1]
    np.add.at(acc, field.ids[lo:hi], _boosted(field.weights[lo:hi], w))


def _lookup(queries: list[FieldQuery], lists: _Lists, cand: np.ndarray) -> np.ndarray:
    """What the lists add together to each candidate (ascending ids): one list by numpy's
    searchsorted, more by one vectorised binary search per field query (in query order, so
    every candidate's sum is made the same way)."""
    if len(lists.term) == 1:
        return _looked_up(queries[int(lists.query[0])].field, int(lists.term[0]), float(lists.weight[0]), cand)
    out = np.zeros(len(cand))
    for i in np.unique(lists.query).tolist():
        mine = lists.query == i
        f = queries[i].field
        out += lookup_scores(f.offsets, f.ids, f.weights, lists.term[mine].tolist(), lists.weight[mine].tolist(), cand)
    return out


def _looked_up(field: FieldIndex, t: int, w: float, cand: np.ndarray) -> np.ndarray:
    """What one term adds to each candidate (ascending ids), by binary search in its list."""
    lo = field.offsets[t]
    postings = field.ids[lo : field.offsets[t + 1]]
    pos = np.searchsorted(postings, cand)
    pos[pos == len(postings)] = 0
    found = postings[pos] == cand
    out = np.zeros(len(cand))
    out[found] = _boosted(field.weights[lo + pos[found]], w)
    return out


def _boosted(weights: np.ndarray, b: float) -> np.ndarray:
    """Weights times the query term's boost (no copy when it is 1)."""
    return weights if b == 1.0 else weights * b


def lookup_scores(
    offsets: np.ndarray, ids: np.ndarray, weights: np.ndarray, terms: list[int], boosts: list[float], cand: np.ndarray
) -> np.ndarray:
    """What the terms add together to each candidate: a binary search per (term, candidate)
    pair, all pairs at once (a vectorised lower bound over the terms' lists), so the number of
    numpy calls does not grow with the number of terms."""
    if not terms or not len(cand):
        return np.zeros(len(cand))
    t = np.asarray(terms, dtype=np.int64)
    base = np.repeat(offsets[t], len(cand))
    size = np.repeat(offsets[t + 1] - offsets[t], len(cand))  # ≥ 1: every term has postings
    doc = np.tile(cand, len(t))
    # Invariant: the first posting ≥ doc is in base … base + size (past the list if none).
    while True:
        half = size >> 1
        if not half.any():
            break
        probe = base + half
        base = np.where(ids[probe] < doc, probe, base)
        size -= half
    at = base + (ids[base] < doc)
    at = np.minimum(at, len(ids) - 1)
    found = ids[at] == doc
    found &= at < np.repeat(offsets[t + 1], len(cand))
    added = np.zeros(len(doc))
    added[found] = weights[at[found]] * np.repeat(np.asarray(boosts, dtype=np.float64), len(cand))[found]
    return added.reshape(len(t), len(cand)).sum(axis=0)


def kth_largest(values: np.ndarray, k: int) -> float:
    """The k-th largest value (len(values) ≥ k), in linear time."""
    return float(np.partition(values, len(values) - k)[len(values) - k])


def top_k_of(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best of dense scores, as `select_top_k` orders them. The k-th best of a strided
    sample is at most the k-th best of all, so only the few passages at or above it are sorted:
    a compare and a nonzero over all passages instead of a partition."""
    if len(scores) >= SAMPLE_STRIDE * k * 4:
        floor = kth_largest(scores[::SAMPLE_STRIDE], k)
        cand = np.flatnonzero(scores >= floor)
        return select_top_k(cand, scores[cand], k)
    return select_top_k(np.arange(len(scores)), scores, k)


def select_top_k(ids: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best (id, score) pairs, best first, ties by smaller id: what a stable sort by
    decreasing score gives, with a partial sort (argpartition-like) first."""
    if len(scores) > k:
        keep = scores >= kth_largest(scores, k)  # the k best and every tie of the k-th
        ids, scores = ids[keep], scores[keep]
    order = np.lexsort((ids, -scores))[:k]
    return ids[order].astype(np.int64), scores[order]


def _narrow(tf: np.ndarray) -> np.ndarray:
    """Term frequencies in the narrowest unsigned type that holds them (memory at scale)."""
    if len(tf) == 0 or int(tf.max()) < 1 << 16:
        return tf.astype(np.uint16)
    return tf.astype(np.uint32)
