"""Question → ranked, cited passages, and whether the knowledge folder answers the question at all.

The one search function that the bot, the terminal, the evaluation and the benchmarks all call.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.knowledge.document import Passage
from bot.search.bm25 import FieldQuery, normalised_sum_top_k, scores_of
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
        cls, folder: Path, cache_dir: Path | None = None, progress: bool = False, previous: SearchIndex | None = None
    ) -> SearchEngine:
        """Index a knowledge folder (from cache where it can; unchanged files from `previous`, the
        index being replaced) with its synonyms list.

        Everything an admin should hear about (unreadable files, a broken synonyms file) ends up
        in `problems`.
        """
        index = build_index(folder, cache_dir, progress=progress, previous=previous)
        synonyms, problem = load_for_folder(folder)
        engine = cls(index, synonyms=synonyms)
        if problem:
            engine.problems.append(problem)
        return engine

    def search(self, question: str, k: int = 5) -> SearchResult:
        """The k best passages for a question; `answered` is False when none of them really answers."""
        question = question.strip()
        if not question or not self.index.passages:
            return SearchResult(question, False, [])
        query = parse_query(question, self.restorer, self.synonyms)
        ranked, scores = self.ranked(query, 3 * k)
        if not len(ranked):
            return SearchResult(question, False, [])
        score_of = dict(zip(ranked.tolist(), scores.tolist()))
        folded = _FoldedTexts(self.index.passages)
        top = [i for i in self._distinct(ranked, k, folded) if score_of[i] > 0]
        hits = [Hit(self.index.passages[i], score_of[i], _matched(query, folded[i])) for i in top]
        answered = bool(hits) and self.answerability(query, top[0], self._folded_score(query, top[0])) >= self.settings.min_answerability
        return SearchResult(question, answered, hits)

    def ranked(self, query: Query, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k best passages for the query and their scores, best first; none when no term of
        the question is in the index.

        A passage's score is the sum of two fields' BM25 (accented words, and folded syllables
        with their bigrams), each with its article title's words added at `heading_weight`, and
        each divided by its best score over all passages, so that neither field outweighs the
        other. Each posting of the question's terms is added once, and both the best scores and
        the top k come from those sums (bm25.normalised_sum_top_k; tests/dense_reference.py is
        the same search scoring every passage of every field, which it must equal).
        """
        groups = [
            [self._field(field, terms, extra), self._field("headings", terms, extra).scaled(self.settings.heading_weight)]
            for field, terms, extra in (("words", query.words, query.extra_words), ("folded", query.folded, query.extra_folded))
        ]
        return normalised_sum_top_k(groups, k, len(self.index.passages))

    @staticmethod
    def _distinct(ranked: np.ndarray, k: int, folded: _FoldedTexts) -> list[int]:
        """The first k passages that do not repeat a better-ranked one.

        Web pages quote the same rule over and over; three copies of one answer are one answer.
        """
        kept: list[int] = []
        shingles: list[set[tuple[str, ...]]] = []
        for i in ranked.tolist():
            own = _shingles(folded[i])
            if any(len(own & other) >= DUPLICATE_OVERLAP * min(len(own), len(other)) for other in shingles):
                continue
            kept.append(i)
            shingles.append(own)
            if len(kept) == k:
                break
        return kept

    def _field(self, name: str, terms: list[str], extra: list[str]) -> FieldQuery:
        return self.index.fields[name].query(terms + extra, self._boosts(terms, extra))

    def _boosts(self, terms: list[str], extra: list[str]) -> list[float]:
        return [1.0] * len(terms) + [self.settings.synonym_weight] * len(extra)

    def _folded_score(self, query: Query, passage: int) -> float:
        """The passage's BM25 in the folded field alone, as `answerability` weighs it."""
        return float(scores_of([self._field("folded", query.folded, query.extra_folded)], np.array([passage]))[0])

    def answerability(self, query: Query, passage: int, folded_score: float) -> float:
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
        strength = (folded_score - floor) / (ceiling - floor) if ceiling > floor else 0.0
        bigrams = query.bigrams
        unseen = sum(1 for b in bigrams if not folded_field.df(b)) / len(bigrams) if bigrams else 0.0
        return coverage + strength - unseen / 2


DUPLICATE_OVERLAP = 0.8  # share of the shorter passage's word triples found in the other


class _FoldedTexts(dict):
    """Passage → its lower-case text without tone marks, made once per search: de-duplication
    and the matched words both read it, and folding is the costly part of both."""

    def __init__(self, passages: list[Passage]):
        super().__init__()
        self.passages = passages

    def __missing__(self, passage: int) -> str:
        text = self[passage] = fold(self.passages[passage].text.lower())
        return text


def _shingles(folded: str) -> set[tuple[str, ...]]:
    """The passage's word triples (its words, if fewer than three)."""
    words = folded.split()
    if len(words) < 3:
        return {tuple(words)}
    return set(zip(words, words[1:], words[2:]))


def _matched(query: Query, folded: str) -> tuple[str, ...]:
    """The question's words (folded syllable runs) found in the passage's folded text."""
    terms = [t.replace("_", " ") for t in dict.fromkeys(query.folded) if "#" not in t]
    return tuple(t for t in terms if t in folded)

