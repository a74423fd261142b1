"""Question → ranked, cited passages, and whether the knowledge folder answers the question at all.

The one search function that the bot, the terminal, the evaluation and the benchmarks all call.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.knowledge.document import Document, Passage
from bot.knowledge.replacement import Replacement, resolve
from bot.knowledge.symbols import find_references, find_symbols
from bot.search.bm25 import top_k_of
from bot.search.diacritics import Restorer
from bot.search.index import SearchIndex, build_index
from bot.search.query import Query, parse_query
from bot.search.synonyms import Synonyms, load_for_folder
from bot.vietnamese import clean_question, fold, normalize


@dataclass(frozen=True)
class Hit:
    """A passage that answers, how well, and which of the question's words it contains."""

    passage: Passage
    score: float
    matched: tuple[str, ...]  # question words (folded syllable runs) found in the passage
    replacement: Replacement | None = None  # set when the passage's document is no longer current


@dataclass(frozen=True)
class TermMatch:
    """One query term found in a passage: in which field, its weight in the query (summed over
    its occurrences), and what it adds to the passage's score."""

    term: str
    field: str  # words, folded, headings:words, headings:folded
    weight: float
    score: float


@dataclass(frozen=True)
class SearchResult:
    query: str
    answered: bool
    hits: list[Hit]
    terms: Query | None = None  # how the question was read: what the answer line is scored with


@dataclass(frozen=True)
class SearchSettings:
    min_answerability: float = 0.58  # see answerability(); set on dev's out-of-scope questions
    synonym_weight: float = 0.3  # a synonym counts less than the member's own word
    heading_weight: float = 0.3  # an article title's words, on top of the same words in its body
    # A replaced document's passages rank below the current one's for the same question, yet stay
    # findable: a member may ask about the old rule by name.
    replaced_weight: float = 0.8
    authority_weight: float = 0.05  # share added to the score of a passage of a rule-making document (see authority())


class SearchEngine:
    def __init__(self, index: SearchIndex, settings: SearchSettings = SearchSettings(), synonyms: Synonyms | None = None):
        self.index = index
        self.settings = settings
        self.synonyms = synonyms
        self.problems: list[str] = [str(s) for s in index.skipped]
        words = index.fields.get("words")
        df = dict(zip(words.vocab, np.diff(words.offsets).tolist())) if words else {}
        self.restorer = Restorer.from_vocabulary(df)
        self.replacements: dict[int, Replacement] = resolve(index.documents)
        # One factor per passage multiplies its fused score: the text that makes a rule a little
        # above those quoting it, a replaced document's below its successor's.
        self.prior = authority(index.passages, settings.authority_weight) * self._replaced_weights()
        self._document_of = np.asarray(index.passage_doc, dtype=np.int64)
        self._documents = len(index.documents)
        self._titled = titled_numbers(index.documents)

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
        query = self.parse(question)
        scores, folded, _ = self._scores(query)
        if not scores.any():
            return SearchResult(question, False, [])
        top = self._distinct(top_k_of(scores, 3 * k)[0], k)
        top = top[scores[top] > 0]
        hits = [
            Hit(self.index.passages[i], float(scores[i]), self._matched(query, i), self.replacement_of_passage(i))
            for i in top
        ]
        answered = bool(hits) and bool(self.answerability(query, int(top[0]), folded) >= self.settings.min_answerability)
        return SearchResult(question, answered, hits, query)

    def replacement_of_passage(self, passage: int) -> Replacement | None:
        return self.replacements.get(int(self.index.passage_doc[passage])) if self.replacements else None

    def _replaced_weights(self) -> np.ndarray:
        """Per passage: 1, or `replaced_weight` when its document has been replaced."""
        replaced = np.zeros(len(self.index.documents), dtype=bool)
        replaced[list(self.replacements)] = True
        return np.where(replaced[self.index.passage_doc], self.settings.replaced_weight, 1.0)

    def parse(self, question: str) -> Query:
        return parse_query(question, self.restorer, self.synonyms)

    def _scores(self, query: Query) -> tuple[np.ndarray, np.ndarray, dict[str, float]]:
        """Every passage's score: weighted query terms → BM25 per field → sum of the two term
        kinds, each normalised by its best passage → times the passage's prior (authority, replacement). Also the
        folded field's raw BM25 (for answerability) and each kind's normaliser (for explain)."""
        words = self._field("words", query, "words")
        folded = self._field("folded", query, "folded")
        titled_words = words + self.settings.heading_weight * self._field("headings", query, "words")
        titled_folded = folded + self.settings.heading_weight * self._field("headings", query, "folded")
        norms = {"words": float(titled_words.max()), "folded": float(titled_folded.max())}
        scores = (_normalised(titled_words) + _normalised(titled_folded)) * self.prior
        return scores, folded, norms

    def explain(self, question: str, passage: int) -> list[TermMatch]:
        """Why a passage scores what it does: each query term it contains, in which field, with
        the term's weight and what it adds to the passage's score (largest first). BM25Plus
        also gives every passage a small constant per term, left out here."""
        query = self.parse(question)
        _, _, norms = self._scores(query)
        fields = (("words", "words", 1.0), ("folded", "folded", 1.0))
        fields += (("headings", "words", self.settings.heading_weight), ("headings", "folded", self.settings.heading_weight))
        totals: dict[tuple[str, str], TermMatch] = {}
        for name, kind, factor in fields:
            index = self.index.fields[name]
            scale = factor * float(self.prior[passage]) / norms[kind] if norms[kind] > 0 else 0.0
            for term, weight in zip(*self.query_terms(query, kind)):
                added = weight * index.posting_weight(term, passage) * scale
                if added <= 0:
                    continue
                key = (f"{name}:{kind}" if name == "headings" else name, term)
                seen = totals.get(key)
                totals[key] = TermMatch(term, key[0], weight + (seen.weight if seen else 0.0), added + (seen.score if seen else 0.0))
        return sorted(totals.values(), key=lambda m: -m.score)

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

    def _field(self, name: str, query: Query, kind: str) -> np.ndarray:
        """BM25 of one index field for the query's terms of one kind ("words" or "folded").

        The terms of a document number the question names count for every passage of a
        document that mentions the number (see `_by_document`); the others, passage by passage."""
        terms, weights = self.query_terms(query, kind)
        field = self.index.fields[name]
        if not query.numbers.intersection(terms):
            return field.scores(terms, weights)
        named = [i for i, t in enumerate(terms) if t in query.numbers]
        other = [i for i, t in enumerate(terms) if t not in query.numbers]
        scores = field.scores([terms[i] for i in other], [weights[i] for i in other])
        named_scores = field.scores([terms[i] for i in named], [weights[i] for i in named])
        return scores + self._by_document(named_scores, query.numbers)

    def _by_document(self, scores: np.ndarray, numbers: frozenset[str]) -> np.ndarray:
        """In a document whose number or title is a number the question names, every passage
        gets the best score of the document's passages; elsewhere, its own.

        "Theo Nghị quyết 57-NQ/TW, mục tiêu đến năm 2030 là gì?": the page about the resolution
        names it in its title and first lines, not in the list of goals; passage by passage, the
        number would favour every page that merely cites the resolution over the list itself.
        A handbook that cites a hundred rules is about none of them: its passages keep their own."""
        about = [d for key in numbers for d in self._titled.get(key, ())]
        if not about:
            return scores
        best = np.full(self._documents, -np.inf)
        np.maximum.at(best, self._document_of, scores)
        spread = np.zeros(self._documents, dtype=bool)
        spread[about] = True
        return np.where(spread[self._document_of], best[self._document_of], scores)

    def query_terms(self, query: Query, kind: str) -> tuple[list[str], list[float]]:
        """The terms searched for and the weight of each: the question's own (weighted by
        focus), then its synonyms at `synonym_weight`."""
        own, extra = (query.words, query.extra_words) if kind == "words" else (query.folded, query.extra_folded)
        return own + extra, query.weights(kind) + [self.settings.synonym_weight] * len(extra)

    def answerability(self, query: Query, passage: int, folded_scores: np.ndarray) -> float:
        """How well the best passage answers the question, from three signals:

        - the share of the question's content words that the passage contains, each weighted by
          its idf and its focus weight (a named document's title need not be in the answer);
        - how close its (diacritics-free) BM25 score comes to the best the question could reach;
        - minus half the share of the question's word pairs that the whole folder never uses:
          "tiền ảo bitcoin", "giá vàng" are about something the documents do not cover.
        """
        words_field, folded_field = self.index.fields["words"], self.index.fields["folded"]
        focus: dict[str, float] = {}
        for w, weight in zip(query.words, query.weights("words")):
            if "#" not in w:
                focus[w] = max(focus.get(w, 0.0), weight)
        unknown = max((words_field.term_idf(w) for w in focus), default=0.0) or 1.0
        weights = {w: (words_field.term_idf(w) or unknown) * weight for w, weight in focus.items()}
        contained = sum(weight for w, weight in weights.items() if words_field.contains(w, passage))
        coverage = contained / sum(weights.values()) if weights else 0.0
        terms, boosts = self.query_terms(query, "folded")
        floor, ceiling = folded_field.baseline(terms, boosts), folded_field.ceiling(terms, boosts)
        strength = (folded_scores[passage] - floor) / (ceiling - floor) if ceiling > floor else 0.0
        bigrams = query.bigrams
        unseen = sum(1 for b in bigrams if not folded_field.df(b)) / len(bigrams) if bigrams else 0.0
        return coverage + strength - unseen / 2

    def _matched(self, query: Query, passage: int) -> tuple[str, ...]:
        text = fold(self.index.passages[passage].text.lower())
        terms = [t.replace("_", " ") for t in dict.fromkeys(query.folded) if "#" not in t]
        return tuple(t for t in terms if t in text)


def titled_numbers(documents: list[Document]) -> dict[str, list[int]]:
    """Documents by the numbers that their own number or title names ("nq#57": the resolution,
    and a page titled "Theo Nghị quyết 57-NQ/TW, mục tiêu … là gì?")."""
    out: dict[str, list[int]] = {}
    for i, doc in enumerate(documents):
        text = normalize(f"{doc.symbol or ''}\n{doc.title or ''}")
        keys = {symbol.key for _, _, symbol in find_symbols(text)} | {key for _, _, key in find_references(text)}
        for key in keys:
            out.setdefault(key, []).append(i)
    return out


# Types of document that make rules (not plans, notices or letters that carry them out).
RULE_TYPES = frozenset({"Điều lệ", "Quy định", "Hướng dẫn", "Quyết định", "Nghị quyết", "Kết luận", "Chỉ thị", "Quy chế"})


def authority(passages: list[Passage], weight: float) -> np.ndarray:
    """A factor per passage: 1 + weight for the text of a document that makes rules (Điều lệ,
    Quy định, Hướng dẫn, Nghị quyết…), 1 for plans, notices, web pages and handbooks.

    The same rule is quoted by the Điều lệ, a handbook and news pages; members want it cited
    to the text that makes it. A small factor only decides between passages that match the
    question about equally well."""
    return np.array([1.0 + weight * (p.doc.type in RULE_TYPES) for p in passages])


DUPLICATE_OVERLAP = 0.8  # share of the shorter passage's word triples found in the other


def _shingles(text: str) -> set[str]:
    words = fold(text.lower()).split()
    return {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def _normalised(scores: np.ndarray) -> np.ndarray:
    top = scores.max()
    return scores / top if top > 0 else scores
