"""Question → ranked, cited passages, and whether the knowledge folder answers the question at all.

The one search function that the bot, the terminal, the evaluation and the benchmarks all call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.knowledge.document import Document, Passage, SkippedFile
from bot.knowledge.replacement import Replacement, resolve
from bot.knowledge.symbols import find_references, find_symbols
from bot.search.analyzer import congress_keys
from bot.search.asks import GIVES, asked
from bot.search.bm25 import FieldQuery, dense_scores, posting_sums, scores_of, top_k_of
from bot.search.diacritics import Restorer
from bot.search.focus import asking_sentence
from bot.search.index import SearchIndex, build_index
from bot.search.query import ANSWER_KIND_WORDS, CONVERSATIONAL_WORDS, Query, parse_query
from bot.search.synonyms import Synonyms, load_for_folder
from bot.vietnamese import clean_question, match_form, normalize


@dataclass(frozen=True)
class Hit:
    """A passage that answers, how well, and which of the question's words it contains."""

    passage: Passage
    index: int  # the passage's position in the index it was found in (`index.passages`)
    score: float
    matched: tuple[str, ...]  # question words (folded syllable runs) found in the passage
    replacement: Replacement | None = None  # set when the passage's document is no longer current


@dataclass(frozen=True)
class Verdict:
    """Why a question counts as answered or not, for `search --explain`."""

    answered: bool
    whole: float  # answerability of the whole message
    asking: float | None  # of its asking sentence, when the message tells a story first
    score: float  # what is compared with `needed`
    shared_words: int  # distinct content words the best passage shares with the message
    needed: float  # min_answerability, long_ or story_min_answerability; plus runner_up_margin for a runner-up


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
    answering: int = 0  # rank of the result that answers, when answered (beyond `hits` if k < 3)


@dataclass(frozen=True)
class SearchSettings:
    min_answerability: float = 0.58  # see answerability(); set on dev's out-of-scope questions
    # A passage that shares this many distinct content words with the question is about it, however
    # long the story around the question (a share of its words would say no; dev's out-of-scope
    # questions share at most 4).
    min_shared_words: int = 12
    # A message of many content words covers less of itself in any passage (its own story is in no
    # rule): from `long_question_words` distinct content words on, this score answers. Dev's
    # out-of-scope questions have at most 11 such words; fourteen long invented ones (a loan, a land
    # dispute, rice seed…) score at most 0.43, the three long dev questions it answers 0.52–0.55.
    long_question_words: int = 12
    long_min_answerability: float = 0.5
    # A long message that tells a story before it asks is judged on the mean of its answerability,
    # which the story's own people, places and figures pull down, and its asking sentence's (see
    # verdict()): this score answers it. Long stories written without the search whose best passage
    # answers scored 0.46–0.50, long out-of-scope ones (unpaid wages, a car's papers, surgery costs…)
    # at most 0.446, a thin margin (benchmarks/fresh_questions.jsonl; benchmarks/ROUNDS.md, "Ninth
    # round"). A short story keeps the short bar: at 0.45, a fine for an overloaded lorry and a
    # teacher's exam (0.50) were answered.
    story_min_answerability: float = 0.45
    # The first page shows the best passage and the next ones; when the best does not answer, one of
    # the next RUNNERS_UP does if the whole message's answerability there clears the bar by this much,
    # as the search did not rank it first (its asking sentence does not count: among passages ranked
    # lower, "Tôi bị phạt bao nhiêu tiền?" finds one about fines). Through a runner-up, out-of-scope
    # messages clear the bar by at most 0.017 on dev, dev_real, our own, the fresh and the older sets,
    # but by 0.062 in a batch written after the rule ("Mình muốn làm lại căn cước bị mất thì ra đâu
    # làm…" found a list of papers naming "căn cước"); answerable questions they did not answer cleared
    # it by 0.052–0.19. At 0.07: four fresh questions, an older invented one and an unread one (E17)
    # answered, with their twins where typed without marks; at 0.05 four more and that message.
    runner_up_margin: float = 0.07
    # An asking sentence of fewer content words vouches for nothing: "Hồ sơ cần những gì?", "Vậy tôi
    # nên hỏi cơ quan nào?" find their one word in any rule. The story is then judged on the whole
    # message alone (two out-of-scope stories rejected, no question of any set lost; at 3, an unread
    # fresh story whose asking sentence's words are "chi bộ", "làm" went unanswered).
    asking_min_words: int = 2
    synonym_weight: float = 0.3  # a synonym counts less than the member's own word
    heading_weight: float = 0.3  # an article title's words, on top of the same words in its body
    # A replaced document's passages rank below the current one's for the same question, yet stay
    # findable: a member may ask about the old rule by name.
    replaced_weight: float = 0.8
    authority_weight: float = 0.05  # share added to the score of a passage of a rule-making document (see authority())
    # share taken from a passage's score per share of its lines that ask rather than state (see
    # stating()); 0.2–0.4 moved the same dev questions up and none down, 0.5 one down
    asking_weight: float = 0.3
    # share added to the score of a passage that gives the kind of answer the question asks for (a
    # duration for "bao lâu", a date for "trước ngày nào"…; see asks.py and answer_kind()): 0.05–0.4
    # moved the same six dev and dev_real questions up and none down (0.03 four); kept small, as the
    # factor should only decide between passages that match about equally well
    answer_kind_weight: float = 0.05


class SearchEngine:
    def __init__(
        self, index: SearchIndex, settings: SearchSettings = SearchSettings(), synonyms: Synonyms | None = None
    ):
        self.index = index
        self.settings = settings
        self.synonyms = synonyms
        self.synonyms_problem: SkippedFile | None = None  # a broken folder list, set by open()
        words = index.fields.get("words")
        df = dict(zip(words.vocab, np.diff(words.offsets).tolist())) if words else {}
        pairs = index.fields.get("pairs")
        self.restorer = Restorer.from_vocabulary(df, CONVERSATIONAL_WORDS, pairs.df if pairs else None)
        self.replacements: dict[int, Replacement] = resolve(index.documents)
        # Factors per passage that multiply its fused score (their product is `prior`): the text that
        # makes a rule a little above those quoting it, a quiz's questions below the statements that
        # answer them, a replaced document's below its successor's. `explain` shows them by name.
        self.factors = {
            "authority": authority(index.passages, settings.authority_weight),
            "asking": stating(index.passages, settings.asking_weight),
            "replaced": self._replaced_weights(),
        }
        self.prior = np.prod(list(self.factors.values()), axis=0)
        gives = index.fields.get("gives")
        self._gives = {kind: _mask(gives.postings(kind), len(index.passages)) for kind in GIVES} if gives else {}
        # passages of document d: _starts[d] … _starts[d + 1] - 1 (passage_doc never decreases)
        self._starts = np.searchsorted(index.passage_doc, np.arange(len(index.documents) + 1))
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
        engine.synonyms_problem = problem
        return engine

    @property
    def problems(self) -> list[SkippedFile]:
        """The files of the folder that are not used, each with its reason: unreadable documents
        and a broken synonyms file."""
        return [*self.index.skipped, *([self.synonyms_problem] if self.synonyms_problem else [])]

    def search(self, question: str, k: int = 5) -> SearchResult:
        """The k best passages for a question; `answered` is False when none of them really answers."""
        question = clean_question(question).strip()
        if not question or not self.index.passages:
            return SearchResult(question, False, [])
        query = self.parse(question)
        seen = max(k, 1 + RUNNERS_UP)  # whether it is answered does not depend on how many are asked for
        ranked, scores = self.ranked(query, 3 * seen)
        if not len(ranked):
            return SearchResult(question, False, [])
        score_of = dict(zip(ranked.tolist(), scores.tolist()))
        folded = _FoldedTexts(self.index.passages)
        top = [i for i in self._distinct(ranked, seen, folded) if score_of[i] > 0]
        hits = [
            Hit(self.index.passages[i], i, score_of[i], _matched(query, folded[i]), self.replacement_of_passage(i))
            for i in top[:k]
        ]
        answering = self.answering(question, query, top)
        return SearchResult(question, answering is not None, hits, query, answering or 0)

    def ranked(self, query: Query, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k best passages for the query and their scores, best first; none when no term of
        the question is in the index.

        A passage's score is the sum of two kinds of terms' BM25 (accented words; folded syllables
        with their bigrams), each with its article title's words added at `heading_weight` and
        divided by its best score over all passages, so that neither kind outweighs the other;
        times `prior_of` the question (authority, asking, replacement, answer kind). Each posting
        of the question's terms is added once per kind, and both the best scores and the top k
        come from those sums
        (tests/dense_reference.py scores every field of every passage separately, as the engine
        once did, and the search must equal it).
        """
        scores, _ = self._fused(query)
        if scores is None:
            return np.empty(0, dtype=np.int64), np.empty(0)
        return top_k_of(scores, k)

    def replacement_of_passage(self, passage: int) -> Replacement | None:
        return self.replacements.get(int(self.index.passage_doc[passage])) if self.replacements else None

    def _replaced_weights(self) -> np.ndarray:
        """Per passage: 1, or `replaced_weight` when its document has been replaced."""
        replaced = np.zeros(len(self.index.documents), dtype=bool)
        replaced[list(self.replacements)] = True
        return np.where(replaced[self.index.passage_doc], self.settings.replaced_weight, 1.0)

    def parse(self, question: str) -> Query:
        return parse_query(question, self.restorer, self.synonyms)

    def _fused(self, query: Query) -> tuple[np.ndarray | None, dict[str, float]]:
        """Every passage's score (None when no term of the question is in the index), and each
        kind's normaliser (its best passage's score, for explain)."""
        total: np.ndarray | None = None
        norms: dict[str, float] = {}
        for kind in KINDS:
            scores = self._kind_scores(query, kind)
            best = norms[kind] = float(scores.max()) if scores is not None else 0.0
            if scores is None or best <= 0:  # no known term of this kind: it adds nothing
                continue
            scores /= best
            total = scores if total is None else np.add(total, scores, out=total)
        return (None if total is None else total * self.prior_of(query)), norms

    def prior_of(self, query: Query) -> np.ndarray:
        """What multiplies each passage's score for this question: `prior` times `answer_kind`."""
        kind = self.answer_kind(query)
        return self.prior if kind is None else self.prior * kind

    def answer_kind(self, query: Query) -> np.ndarray | None:
        """A factor per passage: 1 + answer_kind_weight when it gives the kind of answer the
        question asks for (asks.py), else 1; None when the question asks for no such kind.

        "Trong thời hạn bao lâu phải nộp hồ sơ vào lưu trữ" shares its words with the articles
        around the one that states "tối đa là 1 năm"; a passage that states no duration cannot
        answer it. A small factor only decides between passages that match about equally well."""
        kinds = [self._gives[k] for k in asked(query.text) if k in self._gives]
        if not kinds:
            return None
        return np.where(np.logical_or.reduce(kinds), 1.0 + self.settings.answer_kind_weight, 1.0)

    def _kind_scores(self, query: Query, kind: str) -> np.ndarray | None:
        """BM25 of a kind's terms in its own field plus `heading_weight` × in the article
        titles, every posting added once; None without a known term. The terms of a document
        number the question names count document by document (see `_by_document`)."""
        other, named = self._split_terms(query, kind)
        fields = ((self.index.fields[kind], 1.0), (self.index.fields["headings"], self.settings.heading_weight))
        plain = [field.query(*other).scaled(factor) for field, factor in fields]
        numbers = [field.query(*named).scaled(factor) for field, factor in fields]
        if not any(len(q.terms) for q in plain + numbers):
            return None
        n = len(self.index.passages)
        scores = dense_scores(plain, n)
        for q in numbers:  # each field's best passage apart, as when the fields were scored one by one
            if len(q.terms):
                scores += q.constant
                scores += self._by_document(posting_sums([q], n), query.numbers)
        return scores

    def _split_terms(
        self, query: Query, kind: str
    ) -> tuple[tuple[list[str], list[float]], tuple[list[str], list[float]]]:
        """A kind's terms and weights: those that are not a document number the question names,
        and those that are."""
        terms, weights = self.query_terms(query, kind)
        named = [t in query.numbers for t in terms]
        other = ([t for t, n in zip(terms, named) if not n], [w for w, n in zip(weights, named) if not n])
        return other, ([t for t, n in zip(terms, named) if n], [w for w, n in zip(weights, named) if n])

    def _folded_score(self, query: Query, passage: int) -> float:
        """The passage's BM25 in the folded field alone, as `answerability` weighs it: its own
        postings, and for a document number the question names, those of its document's best
        passage when the document is about that number (as `_kind_scores` counts them)."""
        other, named = self._split_terms(query, "folded")
        field = self.index.fields["folded"]
        score = float(scores_of([field.query(*other)], np.array([passage]))[0])
        numbers = field.query(*named)
        if len(numbers.terms):  # number terms have short lists: adding them densely costs little
            added = self._by_document(posting_sums([numbers], len(self.index.passages)), query.numbers)
            score += numbers.constant + float(added[passage])
        return score

    def explain(self, question: str, passage: int) -> list[TermMatch]:
        """Why a passage scores what it does: each query term it contains, in which field, with
        the term's weight and what it adds to the passage's score (largest first). BM25Plus
        also gives every passage a small constant per term, left out here. A named document
        number's terms are read where they count (see `_by_document`): in the document's best
        passage for them when the document is about that number."""
        query = self.parse(question)
        _, norms = self._fused(query)
        prior = self.prior_of(query)
        heading = self.settings.heading_weight
        fields = (
            ("words", "words", 1.0),
            ("folded", "folded", 1.0),
            ("headings", "words", heading),
            ("headings", "folded", heading),
        )
        totals: dict[tuple[str, str], TermMatch] = {}
        for name, kind, factor in fields:
            index = self.index.fields[name]
            scale = factor * float(prior[passage]) / norms[kind] if norms[kind] > 0 else 0.0
            other, named = self._split_terms(query, kind)
            for (terms, weights), at in (
                (other, passage),
                (named, self._number_source(index.query(*named), query.numbers, passage)),
            ):
                for term, weight in zip(terms, weights):
                    added = weight * index.posting_weight(term, at) * scale
                    if added <= 0:
                        continue
                    key = (f"{name}:{kind}" if name == "headings" else name, term)
                    seen = totals.get(key)
                    totals[key] = TermMatch(
                        term, key[0], weight + (seen.weight if seen else 0.0), added + (seen.score if seen else 0.0)
                    )
        return sorted(totals.values(), key=lambda m: -m.score)

    def factors_of(self, passage: int, query: Query | None = None) -> dict[str, float]:
        """The factors other than 1 that multiply the passage's score (see `factors`), with the
        question's `answer_kind` when one is given."""
        kind = self.answer_kind(query) if query is not None else None
        factors = {**self.factors, **({"answer_kind": kind} if kind is not None else {})}
        return {name: float(f[passage]) for name, f in factors.items() if f[passage] != 1.0}

    def _number_source(self, numbers: FieldQuery, named: frozenset[str], passage: int) -> int:
        """The passage whose postings of the number terms count for `passage`: the best of its
        document's passages when the document is about a named number, else itself."""
        doc = int(self.index.passage_doc[passage])
        if not len(numbers.terms) or doc not in self._about(named):
            return passage
        mates = np.arange(self._starts[doc], self._starts[doc + 1])
        return int(mates[np.argmax(scores_of([numbers], mates))])

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

    def _by_document(self, scores: np.ndarray, numbers: frozenset[str]) -> np.ndarray:
        """In a document whose number or title is a number the question names, every passage
        gets the best score of the document's passages; elsewhere, its own.

        "Theo Nghị quyết 57-NQ/TW, mục tiêu đến năm 2030 là gì?": the page about the resolution
        names it in its title and first lines, not in the list of goals; passage by passage, the
        number would favour every page that merely cites the resolution over the list itself.
        A handbook that cites a hundred rules is about none of them: its passages keep their own."""
        about = self._about(numbers)
        starts, sizes = self._starts[about], self._starts[about + 1] - self._starts[about]
        starts, sizes = starts[sizes > 0], sizes[sizes > 0]
        if not len(sizes):
            return scores
        # the passages of those documents, one run per document (only they change: a question's
        # cost does not grow with the corpus)
        firsts = np.cumsum(sizes) - sizes
        passages = np.repeat(starts - firsts, sizes) + np.arange(int(sizes.sum()))
        best = np.maximum.reduceat(scores[passages], firsts)
        scores = scores.copy()
        scores[passages] = np.repeat(best, sizes)
        return scores

    def _about(self, numbers: frozenset[str]) -> np.ndarray:
        """The documents whose own number or title is one of the numbers."""
        return np.unique([d for key in numbers for d in self._titled.get(key, ())]).astype(np.int64)

    def query_terms(self, query: Query, kind: str) -> tuple[list[str], list[float]]:
        """The terms searched for and the weight of each: the question's own (weighted by
        focus), then its synonyms at `synonym_weight`."""
        own, extra = (query.words, query.extra_words) if kind == "words" else (query.folded, query.extra_folded)
        return own + extra, query.weights(kind) + [self.settings.synonym_weight] * len(extra)

    def answering(self, question: str, query: Query, passages: list[int]) -> int | None:
        """The rank of the first of `passages` (the best first) that answers: the best one, or one of
        the next RUNNERS_UP by `runner_up_margin` (see SearchSettings); None when none does."""
        for rank, passage in enumerate(passages[: 1 + RUNNERS_UP]):
            if self._answered(question, query, passage, self.settings.runner_up_margin if rank else 0.0):
                return rank
        return None

    def _answered(self, question: str, query: Query, passage: int, margin: float = 0.0) -> bool:
        """`answers`, parsing the asking sentence of a story only when the whole message falls short
        (the mean can only raise the score): most messages are one sentence and answered at once."""
        folded_score = self._folded_score(query, passage)
        if self.answers(query, passage, folded_score, margin=margin):
            return True
        if margin:  # a runner-up (see SearchSettings.runner_up_margin)
            return False
        asking = self.asking(question)
        return asking is not None and self.answers(query, passage, folded_score, asking, margin)

    def answers(
        self, query: Query, passage: int, folded_score: float, asking: Query | None = None, margin: float = 0.0
    ) -> bool:
        """Whether a passage answers the question (see `verdict`)."""
        return self.verdict(query, passage, folded_score, asking, margin).answered

    def verdict(
        self, query: Query, passage: int, folded_score: float, asking: Query | None = None, margin: float = 0.0
    ) -> Verdict:
        """How the engine decides whether the best passage answers the question: its answerability
        is high enough, or it shares many words with the message (a long story is about what its
        best passage says).

        A message that tells a story first (`asking`: its asking sentence, see
        focus.asking_sentence) is judged on the mean of the whole message's answerability and its
        asking sentence's, when that is higher (against `story_min_answerability` when long): the
        story's dates and names are in no passage, while a short asking sentence alone ("Tôi bị
        phạt bao nhiêu tiền?") would find "tiền" anywhere. An asking sentence of a single content word
        ("Hồ sơ cần những gì?") is not counted (`asking_min_words`). `margin` raises the bar, for a
        passage that is not the best (`runner_up_margin`)."""
        whole = self.answerability(query, passage, folded_score)
        asked = None
        if asking is not None and len(asking.content_words) >= self.settings.asking_min_words:
            asked = self.answerability(asking, passage, self._folded_score(asking, passage))
        score = max(whole, (whole + asked) / 2) if asked is not None else whole
        shared = self.shared_words(query, passage)
        if len(query.content_words) < self.settings.long_question_words:
            needed = self.settings.min_answerability
        else:
            needed = self.settings.long_min_answerability if asking is None else self.settings.story_min_answerability
        needed += margin
        answered = score >= needed or shared >= self.settings.min_shared_words
        return Verdict(answered, whole, asked, score, shared, needed)

    def judge(self, question: str, passage: int, rank: int = 0) -> Verdict:
        """`verdict` for a question as asked and a passage at `rank` of the results, as `search`
        decides it."""
        question = clean_question(question).strip()
        query = self.parse(question)
        if rank:  # a runner-up: on the whole message alone, at a higher bar (see `_answered`)
            return self.verdict(
                query, passage, self._folded_score(query, passage), None, self.settings.runner_up_margin
            )
        return self.verdict(query, passage, self._folded_score(query, passage), self.asking(question))

    def asking(self, question: str) -> Query | None:
        """The terms of the sentence that asks, when the message tells a story first."""
        sentence = asking_sentence(question)
        return self.parse(sentence) if sentence else None

    def shared_words(self, query: Query, passage: int) -> int:
        """How many distinct content words of the question the passage contains."""
        words = self.index.fields["words"]
        return sum(1 for w in query.content_words if words.contains(w, passage))

    def answerability(self, query: Query, passage: int, folded_score: float) -> float:
        """How well the best passage answers the question, from three signals:

        - the share of the question's content words that the passage contains, each weighted by
          its idf and its focus weight (a named document's title need not be in the answer, nor a
          word that only asks, `ANSWER_KIND_WORDS`); a word of a thesaurus phrase the member used
          counts when the passage holds every word of another phrasing of its group ("giơ tay" is
          found in "biểu quyết");
        - how close its (diacritics-free) BM25 score comes to the best the question could reach;
        - minus half the share of the question's word pairs that the whole folder never uses:
          "tiền ảo bitcoin", "giá vàng" are about something the documents do not cover.
        """
        words_field, folded_field = self.index.fields["words"], self.index.fields["folded"]
        focus: dict[str, float] = {}
        for w, weight in zip(query.words, query.weights("words")):
            if "#" not in w and w not in ANSWER_KIND_WORDS:
                focus[w] = max(focus.get(w, 0.0), weight)
        unknown = max((words_field.term_idf(w) for w in focus), default=0.0) or 1.0
        # a word the folder never uses weighs like the rarest: "bitcoin" says the question is
        # about something else; a date or a count it never uses ("25/5", "8 tháng") says nothing
        weights = {
            w: (words_field.term_idf(w) or (0.0 if _HAS_DIGIT.search(w) else unknown)) * weight
            for w, weight in focus.items()
        }
        contained = sum(weight for w, weight in weights.items() if self._says(query, w, passage))
        coverage = contained / sum(weights.values()) if weights else 0.0
        terms, boosts = self.query_terms(query, "folded")
        floor, ceiling = folded_field.baseline(terms, boosts), folded_field.ceiling(terms, boosts)
        strength = (folded_score - floor) / (ceiling - floor) if ceiling > floor else 0.0
        bigrams = query.bigrams
        unseen = sum(1 for b in bigrams if not folded_field.df(b)) / len(bigrams) if bigrams else 0.0
        return coverage + strength - unseen / 2

    def _says(self, query: Query, word: str, passage: int) -> bool:
        """Whether the passage holds the question's word, or every word of another phrasing of a
        thesaurus phrase the word belongs to."""
        words = self.index.fields["words"]
        return words.contains(word, passage) or any(
            all(words.contains(w, passage) for w in other) for other in query.bridges.get(word, ())
        )


_HAS_DIGIT = re.compile(r"\d")


def _mask(passages: np.ndarray, n: int) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    mask[passages] = True
    return mask


def titled_numbers(documents: list[Document]) -> dict[str, list[int]]:
    """Documents by the numbers that their own number or title names ("nq#57": the resolution,
    and a page titled "Theo Nghị quyết 57-NQ/TW, mục tiêu … là gì?")."""
    out: dict[str, list[int]] = {}
    for i, doc in enumerate(documents):
        text = normalize(f"{doc.symbol or ''}\n{doc.title or ''}")
        keys = {symbol.key for _, _, symbol in find_symbols(text)} | {key for _, _, key in find_references(text)}
        keys |= set(congress_keys(text))
        for key in keys:
            out.setdefault(key, []).append(i)
    return out


# A line that asks: a question ("…?") or a quiz's numbered question ("Câu 25: …"); and a quiz's option
# ("A. Năm 2028"), which counts only beside another option or a question: a lone "A. NỘI DUNG KIỂM
# ĐIỂM" heads a part of a document.
_ASKING_LINE = re.compile(r"\s*Câu \d+\b|.*\?\s*$")
_OPTION_LINE = re.compile(r"\s*[A-D][.)]\s")


def stating(passages: list[Passage], weight: float) -> np.ndarray:
    """A factor per passage: 1 - weight × the share of its lines that ask rather than state.

    Quiz banks and lists of questions repeat a member's question word for word ("Nghị quyết 72
    chọn ngày nào làm Ngày Sức khỏe toàn dân?" with four options under it), and so outscore the
    passage that states the answer in other words. A page that asks and then answers keeps most
    of its score."""
    shares = []
    for p in passages:
        lines = [line for line in p.text.split("\n") if line.strip()]
        asks = sum(1 for line in lines if _ASKING_LINE.match(line))
        options = sum(1 for line in lines if _OPTION_LINE.match(line) and not _ASKING_LINE.match(line))
        asking = asks + (options if asks or options > 1 else 0)
        shares.append(asking / len(lines) if lines else 0.0)
    return 1.0 - weight * np.array(shares)


# Types of document that make rules (not plans, notices or letters that carry them out).
RULE_TYPES = frozenset(
    {"Điều lệ", "Quy định", "Hướng dẫn", "Quyết định", "Nghị quyết", "Kết luận", "Chỉ thị", "Quy chế"}
)


def authority(passages: list[Passage], weight: float) -> np.ndarray:
    """A factor per passage: 1 + weight for the text of a document that makes rules (Điều lệ,
    Quy định, Hướng dẫn, Nghị quyết…), 1 for plans, notices, web pages and handbooks.

    The same rule is quoted by the Điều lệ, a handbook and news pages; members want it cited
    to the text that makes it. A small factor only decides between passages that match the
    question about equally well."""
    return np.array([1.0 + weight * (p.doc.type in RULE_TYPES) for p in passages])


KINDS = ("words", "folded")  # the two kinds of query terms, each scored in its own field and the titles
RUNNERS_UP = 2  # passages after the best that may answer (see SearchSettings.runner_up_margin)
DUPLICATE_OVERLAP = 0.8  # share of the shorter passage's word triples found in the other


class _FoldedTexts(dict):
    """Passage → its lower-case text without tone marks, made once per search: de-duplication
    and the matched words both read it, and folding is the costly part of both."""

    def __init__(self, passages: list[Passage]):
        super().__init__()
        self.passages = passages

    def __missing__(self, passage: int) -> str:
        text = self[passage] = match_form(self.passages[passage].text)
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
