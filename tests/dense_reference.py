"""The engine's search as it was before it scored from postings: every passage scored in every
field separately (number terms, the prior and answer-kind factor included), de-duplication and
matched words as they were. The reference that `SearchEngine.search` must agree with
(tests/test_search.py), and, with rank-bm25's `get_scores` as the field scorer, the naive path of
the benchmarks."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from bot.search.bm25 import top_k_of
from bot.search.engine import DUPLICATE_OVERLAP, RUNNERS_UP, Hit, SearchEngine, SearchResult
from bot.search.query import Query
from bot.vietnamese import clean_question, match_form

# (field name, terms, weights) → the score of every passage
FieldScorer = Callable[[str, list[str], list[float]], np.ndarray]


def dense_search(
    engine: SearchEngine, question: str, k: int = 5, field_scores: FieldScorer | None = None
) -> SearchResult:
    """`engine.search(question, k)`, scoring every passage densely (by default with the
    engine's own postings: FieldIndex.scores)."""
    score = field_scores or (lambda name, terms, weights: engine.index.fields[name].scores(terms, weights))
    question = clean_question(question).strip()
    if not question or not engine.index.passages:
        return SearchResult(question, False, [])
    query = engine.parse(question)
    scores = _scores(engine, query, score)
    if not scores.any():
        return SearchResult(question, False, [])
    seen = max(k, 1 + RUNNERS_UP)
    top = _distinct(engine, top_k_of(scores, 3 * seen)[0], seen)
    top = top[scores[top] > 0]
    answering = engine.answering(question, query, [int(i) for i in top])
    top = top[:k]
    hits = [
        Hit(
            engine.index.passages[i],
            int(i),
            float(scores[i]),
            _matched(engine, query, i),
            engine.replacement_of_passage(i),
        )
        for i in top
    ]
    return SearchResult(question, answering is not None, hits, query, answering or 0)


def _scores(engine: SearchEngine, query: Query, score: FieldScorer) -> np.ndarray:
    heading = engine.settings.heading_weight
    words = _field(engine, "words", query, "words", score)
    folded = _field(engine, "folded", query, "folded", score)
    titled_words = words + heading * _field(engine, "headings", query, "words", score)
    titled_folded = folded + heading * _field(engine, "headings", query, "folded", score)
    return (_normalised(titled_words) + _normalised(titled_folded)) * engine.prior_of(query)


def _field(engine: SearchEngine, name: str, query: Query, kind: str, score: FieldScorer) -> np.ndarray:
    terms, weights = engine.query_terms(query, kind)
    if not query.numbers.intersection(terms):
        return score(name, terms, weights)
    named = [i for i, t in enumerate(terms) if t in query.numbers]
    other = [i for i, t in enumerate(terms) if t not in query.numbers]
    scores = score(name, [terms[i] for i in other], [weights[i] for i in other])
    named_scores = score(name, [terms[i] for i in named], [weights[i] for i in named])
    return scores + _by_document(engine, named_scores, query.numbers)


def _by_document(engine: SearchEngine, scores: np.ndarray, numbers: frozenset[str]) -> np.ndarray:
    about = [d for key in numbers for d in engine._titled.get(key, ())]
    if not about:
        return scores
    documents = len(engine.index.documents)
    document_of = np.asarray(engine.index.passage_doc, dtype=np.int64)
    best = np.full(documents, -np.inf)
    np.maximum.at(best, document_of, scores)
    spread = np.zeros(documents, dtype=bool)
    spread[about] = True
    return np.where(spread[document_of], best[document_of], scores)


def _distinct(engine: SearchEngine, ranked: np.ndarray, k: int) -> np.ndarray:
    kept: list[int] = []
    shingles: list[set[str]] = []
    for i in ranked.tolist():
        own = _shingles(engine.index.passages[i].text)
        if any(len(own & other) >= DUPLICATE_OVERLAP * min(len(own), len(other)) for other in shingles):
            continue
        kept.append(i)
        shingles.append(own)
        if len(kept) == k:
            break
    return np.array(kept, dtype=np.int64)


def _shingles(text: str) -> set[str]:
    words = match_form(text).split()
    return {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def _matched(engine: SearchEngine, query: Query, passage: int) -> tuple[str, ...]:
    text = match_form(engine.index.passages[passage].text)
    terms = [t.replace("_", " ") for t in dict.fromkeys(query.folded) if "#" not in t]
    return tuple(t for t in terms if t in text)


def _normalised(scores: np.ndarray) -> np.ndarray:
    top = scores.max()
    return scores / top if top > 0 else scores
