"""The naive path: the engine's search with every field scored by rank-bm25's `get_scores`, as a
straightforward implementation would do it. The end-to-end baseline of `python -m bot bench`."""

from __future__ import annotations

import numpy as np

from bot.search.bm25 import as_token_lists
from bot.search.engine import SearchEngine, SearchResult
from tests.dense_reference import dense_search


class NaiveSearch:
    """`search(question, k)` as the engine answers it, scoring every passage with rank-bm25."""

    def __init__(self, engine: SearchEngine):
        self.engine = engine
        self.models = {name: f.params.model(as_token_lists(f.to_postings())) for name, f in engine.index.fields.items()}

    def field_scores(self, name: str, terms: list[str], boosts: list[float]) -> np.ndarray:
        """rank-bm25 adds each query term once per occurrence: a weight other than 1 multiplies
        that term's own scores."""
        model = self.models[name]
        plain = [t for t, b in zip(terms, boosts) if b == 1.0]
        out = model.get_scores(plain) if plain else np.zeros(self.engine.index.fields[name].n_docs)
        for t, b in zip(terms, boosts):
            if b != 1.0:
                out = out + b * model.get_scores([t])
        return out

    def search(self, question: str, k: int = 5) -> SearchResult:
        return dense_search(self.engine, question, k, self.field_scores)
