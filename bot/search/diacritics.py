"""Put the tone marks back on a question typed without them, using the index's own vocabulary.

"dang vien du bi bao lau" is read as the sequence of indexed words that spells it when folded,
choosing the segmentation and accented forms that the knowledge folder makes most likely:
"đảng_viên dự_bị bao_lâu". Words the folder does not know are left as typed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.vietnamese import fold

# underthesea's longest words: "ban chấp hành trung ương", "đảng cộng sản việt nam"
MAX_WORD_SYLLABLES = 5
# Cost of leaving a syllable unexplained: worse than any indexed word, so known words are preferred.
_UNKNOWN_COST = 25.0


@dataclass(frozen=True)
class Restorer:
    """Folded word ("dang_vien") → its most frequent accented form and that form's log-probability."""

    best: dict[str, tuple[str, float]]

    @classmethod
    def from_vocabulary(
        cls, document_frequency: dict[str, int], conversational: frozenset[str] = frozenset()
    ) -> Restorer:
        """`conversational`: words far more frequent in questions than in documents ("hỏi", "tôi", "nếu"):
        typed without marks, they are read as themselves, not as the documents' "hội", "tới", "nêu"."""
        total = sum(document_frequency.values()) or 1
        best: dict[str, tuple[str, int]] = {}
        for word, df in document_frequency.items():
            if not word or "#" in word or "/" in word or word.count("_") >= MAX_WORD_SYLLABLES:
                continue
            key = fold(word)
            if key not in best or df > best[key][1]:
                best[key] = (word, df)
        scored = {k: (w, math.log(df / total)) for k, (w, df) in best.items()}
        # single words first: a phrase is weighed against its syllables' final readings
        for word in sorted(conversational, key=lambda w: w.count("_")):
            key = fold(word)
            scored[key] = (word, _as_likely(key, scored, total))
        return cls(scored)

    def restore(self, syllables: list[str]) -> list[str]:
        """The most likely accented words spelling these folded syllables (max-probability segmentation)."""
        n = len(syllables)
        cost = [0.0] + [math.inf] * n
        choice: list[tuple[int, str]] = [(0, "")] * (n + 1)
        for end in range(1, n + 1):
            for size in range(1, min(MAX_WORD_SYLLABLES, end) + 1):
                start = end - size
                key = "_".join(syllables[start:end])
                known = self.best.get(key)
                if known:
                    step = -known[1]
                elif size == 1:
                    step = _UNKNOWN_COST
                else:
                    continue
                if cost[start] + step < cost[end]:
                    cost[end] = cost[start] + step
                    choice[end] = (start, known[0] if known else key)
        words = []
        end = n
        while end > 0:
            start, word = choice[end]
            words.append(word)
            end = start
        return words[::-1]


def _as_likely(key: str, scored: dict[str, tuple[str, float]], total: int) -> float:
    """A conversational word's log-probability: that of the reading it replaces, so it wins where
    the documents' word would have. A phrase the documents spell otherwise syllable by syllable
    ("o dau": "ở đầu") gets the sum of those syllables' readings, a hair better, so "ở_đâu" wins
    over "ở" + "đầu" and nothing else changes."""
    if key in scored:
        return scored[key][1]
    syllables = key.split("_")
    if len(syllables) > 1 and all(s in scored for s in syllables):
        return sum(scored[s][1] for s in syllables) + 1e-6
    return math.log(1 / total)
