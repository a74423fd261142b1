"""The engine's search as it was before it scored from postings: every passage scored in every
field, de-duplication and matched words as they were. The reference that `SearchEngine.search` must agree with (tests/test_search.py), and,
with rank-bm25's `get_scores` as the field scorer, the naive path of the benchmarks."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from bot.search.bm25 import top_k_of
from bot.search.engine import DUPLICATE_OVERLAP, Hit, SearchEngine, SearchResult
from bot.search.query import Query, parse_query
from bot.vietnamese import fold

# (field name, terms, boosts) → the score of every passage
FieldScorer = Callable[[str, list[str], list[float]], np.ndarray]


def dense_search(engine: SearchEngine, question: str, k: int = 5, field_scores: FieldScorer | None = None) -> SearchResult:
    """`engine.search(question, k)`, scoring every passage densely (by default with the
    engine's own postings: FieldIndex.scores)."""
    score = field_scores or (lambda name, terms, boosts: engine.index.fields[name].scores(terms, boosts))

    def field(name: str, terms: list[str], extra: list[str]) -> np.ndarray:
        return score(name, terms + extra, engine._boosts(terms, extra))

    question = question.strip()
    if not question or not engine.index.passages:
        return SearchResult(question, False, [])
    query = parse_query(question, engine.restorer, engine.synonyms)
    heading = engine.settings.heading_weight
    words = field("words", query.words, query.extra_words)
    folded = field("folded", query.folded, query.extra_folded)
    titled_words = words + heading * field("headings", query.words, query.extra_words)
    titled_folded = folded + heading * field("headings", query.folded, query.extra_folded)
    scores = _normalised(titled_words) + _normalised(titled_folded)
    if not scores.any():
        return SearchResult(question, False, [])
    top = _distinct(engine, top_k_of(scores, 3 * k)[0], k)
    top = top[scores[top] > 0]
    hits = [Hit(engine.index.passages[i], float(scores[i]), _matched(engine, query, i)) for i in top]
    answered = bool(hits) and engine.answerability(query, int(top[0]), float(folded[top[0]])) >= engine.settings.min_answerability
    return SearchResult(question, answered, hits)


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
    words = fold(text.lower()).split()
    return {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def _matched(engine: SearchEngine, query: Query, passage: int) -> tuple[str, ...]:
    text = fold(engine.index.passages[passage].text.lower())
    terms = [t.replace("_", " ") for t in dict.fromkeys(query.folded) if "#" not in t]
    return tuple(t for t in terms if t in text)


def _normalised(scores: np.ndarray) -> np.ndarray:
    top = scores.max()
    return scores / top if top > 0 else scores
