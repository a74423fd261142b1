"""The quizzes one loaded library can ask, and the choice of the next one for a chat."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from bot.knowledge.document import Passage
from bot.quiz.generate import Candidate, Pool, build_quiz, candidates_in, find_spans
from bot.quiz.model import Quiz

BANK_SHARE = 0.5  # with bank questions left to ask, about every other quiz comes from a bank
MAX_TRIES = 40
OFFICIAL_WEIGHT = 3  # candidates tried before giving up (one without three distractors is skipped)


@dataclass
class QuizBook:
    candidates: list[Candidate]
    pool: Pool
    bank: list[Quiz] = field(default_factory=list)
    bank_docs: dict[str, set[int]] = field(default_factory=dict)  # bank quiz key → documents its source names

    @classmethod
    def build(cls, passages: list[Passage], passage_doc, bank: list[Quiz] | None = None, bank_docs=None) -> QuizBook:
        candidates: list[Candidate] = []
        spans = []
        for i, passage in enumerate(passages):
            doc = int(passage_doc[i])
            found = candidates_in(passage, i, doc)
            candidates += found
            for line in passage.text.split("\n"):
                spans += [s for _, _, s in find_spans(line, doc)]
        seen, unique = set(), []
        for c in candidates:  # a list's lead-in repeated in several passages is one rule
            if c.key not in seen:
                seen.add(c.key)
                unique.append(c)
        return cls(unique, Pool(spans), list(bank or []), dict(bank_docs or {}))

    def next(self, asked: set[str], docs: set[int] | None = None, rng: random.Random | None = None) -> Quiz | None:
        """A quiz not in `asked` (keys), from `docs` only when given; None when none is left."""
        rng = rng or random.Random()
        bank = [
            q for q in self.bank if q.key not in asked and (docs is None or self.bank_docs.get(q.key, set()) & docs)
        ]
        generated = [c for c in self.candidates if c.key not in asked and (docs is None or c.doc in docs)]
        if bank and (not generated or rng.random() < BANK_SHARE):
            return rng.choice(bank)
        # Official documents (with a number: Điều lệ aside, what members study) come up three times as
        # often as news pages: a weighted shuffle (key u^(1/w)).
        generated.sort(
            key=lambda c: (
                -(rng.random() ** (1 / (OFFICIAL_WEIGHT if c.passage.doc.symbol or c.passage.doc.type else 1)))
            )
        )
        for candidate in generated[:MAX_TRIES]:
            quiz = build_quiz(candidate, self.pool, rng)
            if quiz:
                return quiz
        return None

    def sample(self, count: int, rng: random.Random, docs: set[int] | None = None) -> list[Quiz]:
        asked: set[str] = set()
        out: list[Quiz] = []
        while len(out) < count:
            quiz = self.next(asked, docs, rng)
            if quiz is None:
                break
            asked.add(quiz.key)
            out.append(quiz)
        return out
