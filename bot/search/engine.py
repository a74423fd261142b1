"""Question → ranked, cited passages, and whether the knowledge folder answers the question at all.

The one search function that the bot, the terminal, the evaluation and the benchmarks all call.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.knowledge.document import Passage
from bot.search.diacritics import Restorer
from bot.search.index import SearchIndex, build_index
from bot.search.query import Query, parse_query
from bot.search.synonyms import Synonyms, load_for_folder
from bot.vietnamese import fold


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
    words_weight: float = 1.0
    folded_weight: float = 1.0
    synonym_weight: float = 0.3  # a synonym counts less than the member's own word


class SearchEngine:
    def __init__(self, index: SearchIndex, settings: SearchSettings = SearchSettings(), synonyms: Synonyms | None = None):
        self.index = index
        self.settings = settings
        self.synonyms = synonyms
        self.problems: list[str] = [str(s) for s in index.skipped]
        words = index.fields.get("words")
        df = dict(zip(words.vocab, np.diff(words.offsets).tolist())) if words else {}
        self.restorer = Restorer.from_vocabulary(df)

    @classmethod
    def open(cls, folder: Path, cache_dir: Path | None = None, progress: bool = False) -> SearchEngine:
        """Index a knowledge folder (from cache where it can) with its synonyms list.

        Everything an admin should hear about (unreadable files, a broken synonyms file) ends up
        in `problems`.
        """
        index = build_index(folder, cache_dir, progress=progress)
        synonyms, problem = load_for_folder(folder)
        engine = cls(index, synonyms=synonyms)
        engine.problems = [str(s) for s in index.skipped] + ([problem] if problem else [])
        return engine

    def search(self, question: str, k: int = 5) -> SearchResult:
        """The k best passages for a question; `answered` is False when none of them really answers."""
        question = question.strip()
        if not question or not self.index.passages:
            return SearchResult(question, False, [])
        query = parse_query(question, self.restorer, self.synonyms)
        scores = self._scores(query)
        if not scores.any():
            return SearchResult(question, False, [])
        top = _top_k(scores, k)
        top = top[scores[top] > 0]
        hits = [Hit(self.index.passages[i], float(scores[i]), self._matched(query, i)) for i in top]
        answered = bool(hits) and self._coverage(query, int(top[0])) >= self.settings.min_coverage
        return SearchResult(question, answered, hits)

    def _scores(self, query: Query) -> np.ndarray:
        folded = self._field("folded", query.folded, query.extra_folded)
        words = self._field("words", query.words, query.extra_words)
        return self.settings.words_weight * _normalised(words) + self.settings.folded_weight * _normalised(folded)

    def _field(self, name: str, terms: list[str], extra: list[str]) -> np.ndarray:
        boosts = [1.0] * len(terms) + [self.settings.synonym_weight] * len(extra)
        return self.index.fields[name].scores(terms + extra, boosts)

    def _coverage(self, query: Query, passage: int) -> float:
        """idf-weighted share of the question's syllables that the passage has in the same company.

        A syllable counts only when the passage also has it next to one of its neighbours in the
        question: "hà nội" is not matched by "hà" in one place and "nội dung" in another. Numbers,
        document keys and words standing alone in the question count alone.
        """
        field = self.index.fields["folded"]
        bigrams = query.bigrams
        total = present = 0.0
        unknown = max((field.term_idf(t) for t in query.syllables), default=0.0)
        for i, syllable in enumerate(query.syllables):
            weight = field.term_idf(syllable) or unknown  # a word the folder never uses is a real miss
            total += weight
            context = [b for b in _neighbours(query.syllables, i) if b in bigrams]
            if not context:
                context = [syllable]
            if any(passage in _as_set(field.postings(t)) for t in context):
                present += weight
        return present / total if total else 0.0

    def _matched(self, query: Query, passage: int) -> tuple[str, ...]:
        text = fold(self.index.passages[passage].text.lower())
        terms = [t.replace("_", " ") for t in dict.fromkeys(query.folded) if "#" not in t]
        return tuple(t for t in terms if t in text)


def _neighbours(syllables: list[str], i: int) -> list[str]:
    before = [f"{syllables[i - 1]}_{syllables[i]}"] if i else []
    after = [f"{syllables[i]}_{syllables[i + 1]}"] if i + 1 < len(syllables) else []
    return before + after


def _as_set(ids: np.ndarray) -> set[int]:
    return set(ids.tolist())


def _normalised(scores: np.ndarray) -> np.ndarray:
    top = scores.max()
    return scores / top if top > 0 else scores


def _top_k(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(scores))
    part = np.argpartition(-scores, k - 1)[:k]
    return part[np.argsort(-scores[part], kind="stable")]
