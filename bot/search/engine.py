"""Question → ranked, cited passages, and whether the knowledge folder answers the question at all.

The one search function that the bot, the terminal, the evaluation and the benchmarks all call.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.knowledge.document import Passage
from bot.search.bm25 import top_k_of
from bot.search.diacritics import Restorer
from bot.search.index import SearchIndex, build_index
from bot.search.query import Query, parse_query
from bot.search.synonyms import Synonyms, load_for_folder
from bot.vietnamese import clean_question, fold


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
    min_answerability: float = 0.58  # see answerability(); set on dev's out-of-scope questions
    synonym_weight: float = 0.3  # a synonym counts less than the member's own word
    heading_weight: float = 0.3  # an article title's words, on top of the same words in its body


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
    def open(
        cls,
        folder: Path,
        cache_dir: Path | None = None,
        progress: bool = False,
        previous: SearchIndex | None = None,
        **build,
    ) -> SearchEngine:
        """Index a knowledge folder (from cache where it can; unchanged files from `previous`, the
        index being replaced) with its synonyms list.

        Everything an admin should hear about (unreadable files, a broken synonyms file) ends up
        in `problems`. `build` goes to build_index (max_file_bytes, on_progress, workers).
        """
        index = build_index(folder, cache_dir, progress=progress, previous=previous, **build)
        synonyms, problem = load_for_folder(folder)
        engine = cls(index, synonyms=synonyms)
        if problem:
            engine.problems.append(problem)
        return engine

    def search(self, question: str, k: int = 5) -> SearchResult:
        """The k best passages for a question; `answered` is False when none of them really answers."""
        question = clean_question(question).strip()
        if not question or not self.index.passages:
            return SearchResult(question, False, [])
        query = parse_query(question, self.restorer, self.synonyms)
        words = self._field("words", query.words, query.extra_words)
        folded = self._field("folded", query.folded, query.extra_folded)
        titled_words = words + self.settings.heading_weight * self._field("headings", query.words, query.extra_words)
        titled_folded = folded + self.settings.heading_weight * self._field("headings", query.folded, query.extra_folded)
        scores = _normalised(titled_words) + _normalised(titled_folded)
        if not scores.any():
            return SearchResult(question, False, [])
        top = self._distinct(top_k_of(scores, 3 * k)[0], k)
        top = top[scores[top] > 0]
        hits = [Hit(self.index.passages[i], float(scores[i]), self._matched(query, i)) for i in top]
        answered = bool(hits) and bool(self.answerability(query, int(top[0]), folded) >= self.settings.min_answerability)
        return SearchResult(question, answered, hits)

    def _distinct(self, ranked: np.ndarray, k: int) -> np.ndarray:
        """The first k passages that do not repeat a better-ranked one.

        Web pages quote the same rule over and over; three copies of one answer are one answer.
        """
        kept: list[int] = []
        shingles: list[set[str]] = []
        for i in ranked.tolist():
            own = _shingles(self.index.passages[i].text)
            if any(len(own & other) >= DUPLICATE_OVERLAP * min(len(own), len(other)) for other in shingles):
                continue
            kept.append(i)
            shingles.append(own)
            if len(kept) == k:
                break
        return np.array(kept, dtype=np.int64)

    def _field(self, name: str, terms: list[str], extra: list[str]) -> np.ndarray:
        return self.index.fields[name].scores(terms + extra, self._boosts(terms, extra))

    def _boosts(self, terms: list[str], extra: list[str]) -> list[float]:
        return [1.0] * len(terms) + [self.settings.synonym_weight] * len(extra)

    def answerability(self, query: Query, passage: int, folded_scores: np.ndarray) -> float:
        """How well the best passage answers the question, from three signals:

        - the idf-weighted share of the question's content words that the passage contains;
        - how close its (diacritics-free) BM25 score comes to the best the question could reach;
        - minus half the share of the question's word pairs that the whole folder never uses:
          "tiền ảo bitcoin", "giá vàng" are about something the documents do not cover.
        """
        words_field, folded_field = self.index.fields["words"], self.index.fields["folded"]
        words = [w for w in dict.fromkeys(query.words) if "#" not in w]
        unknown = max((words_field.term_idf(w) for w in words), default=0.0) or 1.0
        weights = {w: words_field.term_idf(w) or unknown for w in words}
        contained = sum(weight for w, weight in weights.items() if words_field.contains(w, passage))
        coverage = contained / sum(weights.values()) if weights else 0.0
        terms, boosts = query.folded + query.extra_folded, self._boosts(query.folded, query.extra_folded)
        floor, ceiling = folded_field.baseline(terms, boosts), folded_field.ceiling(terms, boosts)
        strength = (folded_scores[passage] - floor) / (ceiling - floor) if ceiling > floor else 0.0
        bigrams = query.bigrams
        unseen = sum(1 for b in bigrams if not folded_field.df(b)) / len(bigrams) if bigrams else 0.0
        return coverage + strength - unseen / 2

    def _matched(self, query: Query, passage: int) -> tuple[str, ...]:
        text = fold(self.index.passages[passage].text.lower())
        terms = [t.replace("_", " ") for t in dict.fromkeys(query.folded) if "#" not in t]
        return tuple(t for t in terms if t in text)


DUPLICATE_OVERLAP = 0.8  # share of the shorter passage's word triples found in the other


def _shingles(text: str) -> set[str]:
    words = fold(text.lower()).split()
    return {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def _normalised(scores: np.ndarray) -> np.ndarray:
    top = scores.max()
    return scores / top if top > 0 else scores
