"""Question → ranked, cited passages, and whether the knowledge folder answers the question at all.

The one search function that the bot, the terminal, the evaluation and the benchmarks all call.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.knowledge.document import Passage
from bot.search.analyzer import analyze
from bot.search.index import SearchIndex
from bot.vietnamese import fold, has_diacritics


@dataclass(frozen=True)
class Hit:
    """A passage that answers, how well, and which of the question's words it contains."""

    passage: Passage
    score: float
    matched: tuple[str, ...]  # question words (folded syllable runs) found in the passage


@dataclass(frozen=True)
class SearchResult:
    query: str
    answered: bool
    hits: list[Hit]


@dataclass(frozen=True)
class SearchSettings:
    min_coverage: float = 0.5  # share of the question's weighted content that the best passage must hold


class SearchEngine:
    def __init__(self, index: SearchIndex, settings: SearchSettings = SearchSettings()):
        self.index = index
        self.settings = settings

    def search(self, question: str, k: int = 5) -> SearchResult:
        """The k best passages for a question; `answered` is False when none of them really answers."""
        question = question.strip()
        if not question or not self.index.passages:
            return SearchResult(question, False, [])
        tokens = analyze(question)
        scores = self._scores(tokens, diacritics=has_diacritics(question))
        if not scores.any():
            return SearchResult(question, False, [])
        top = _top_k(scores, k)
        top = top[scores[top] > 0]
        hits = [Hit(self.index.passages[i], float(scores[i]), self._matched(tokens.folded, i)) for i in top]
        answered = bool(hits) and self._coverage(tokens.folded, int(top[0])) >= self.settings.min_coverage
        return SearchResult(question, answered, hits)

    def _scores(self, tokens, diacritics: bool) -> np.ndarray:
        folded = self.index.fields["folded"].scores(tokens.folded)
        if not diacritics:
            return folded
        words = self.index.fields["words"].scores(tokens.words)
        return _normalised(words) + _normalised(folded)

    def _coverage(self, folded_terms: list[str], passage: int) -> float:
        """idf-weighted share of the question's syllables that the passage has in the same company.

        A syllable counts only when the passage also has it next to one of its neighbours in the
        question: "hà nội" is not matched by "hà" in one place and "nội dung" in another. Numbers and
        document keys count alone.
        """
        field = self.index.fields["folded"]
        syllables = [t for t in folded_terms if "_" not in t]
        bigrams = {t for t in folded_terms if "_" in t}
        total = present = 0.0
        for i, syllable in enumerate(syllables):
            weight = field.term_idf(syllable)
            if not weight:
                weight = max((field.term_idf(t) for t in syllables), default=0.0)  # unknown word: a real miss
            total += weight
            if syllable.isdigit() or "#" in syllable:
                context = [syllable]
            else:
                context = [f"{a}_{b}" for a, b in ((syllables[i - 1], syllable) if i else (None, None), (syllable, syllables[i + 1]) if i + 1 < len(syllables) else (None, None)) if a and f"{a}_{b}" in bigrams]
            if any(passage in _as_set(field.postings(t)) for t in context):
                present += weight
        return present / total if total else 0.0

    def _matched(self, folded_terms: list[str], passage: int) -> tuple[str, ...]:
        text = fold(self.index.passages[passage].text.lower())
        return tuple(t.replace("_", " ") for t in dict.fromkeys(folded_terms) if "#" not in t and t.replace("_", " ") in text)


def _as_set(ids: np.ndarray) -> set[int]:
    return set(ids.tolist())


def _normalised(scores: np.ndarray) -> np.ndarray:
    top = scores.max()
    return scores / top if top > 0 else scores


def _top_k(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(scores))
    part = np.argpartition(-scores, k - 1)[:k]
    return part[np.argsort(-scores[part], kind="stable")]
