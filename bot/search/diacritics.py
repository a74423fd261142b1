"""Put the tone marks back on a question typed without them, using the index's own vocabulary.

"dang vien du bi bao lau" is read as the sequence of indexed words that spells it when folded,
choosing the segmentation and accented forms that the knowledge folder makes most likely:
"đảng_viên dự_bị bao_lâu". Words the folder does not know are left as typed.

Two passes. The first cuts the syllables into words, each word the folder's likeliest reading of
its folded form. Alone, that misreads a syllable whose likeliest reading is another word's: "tang
co" is "tăng có", "dat ten" "đạt tên", "dien ra" "diện ra". The second pass keeps those words'
boundaries and chooses again among each word's readings, now also by how often the folder writes
it after the word before it: "tặng cờ", "đặt tên", "diễn ra". Letting that pass move the
boundaries as well restored more words, but split the index's own words ("nghỉ_hưu" into "nghỉ
hưu", a pair underthesea also writes) and lost more questions than it won
(benchmarks/ROUNDS.md, "Seventh round").
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from bot.vietnamese import fold

# underthesea's longest words: "ban chấp hành trung ương", "đảng cộng sản việt nam"
MAX_WORD_SYLLABLES = 5
# Cost of leaving a syllable unexplained: worse than any indexed word, so known words are preferred.
_UNKNOWN_COST = 25.0
# How much of a word's probability its left neighbour decides, in the second pass: the share of the
# passages holding that neighbour that write the two side by side, mixed with how often the folder
# uses the word at all. 0.3–0.5 alike on the dev sets' questions typed with marks, asked again without.
PAIR_WEIGHT = 0.5
READINGS = 4  # a folded word's likeliest accented readings that the second pass chooses among


@dataclass(frozen=True)
class Restorer:
    """Folded word ("dang_vien") → its accented readings and their log-probabilities, likeliest
    first; and how many passages hold a word and a pair of words ("tặng cờ")."""

    readings: dict[str, list[tuple[str, float]]]
    frequency: dict[str, int]
    pair_frequency: Callable[[str], int] | None = None

    @classmethod
    def from_vocabulary(
        cls,
        document_frequency: dict[str, int],
        conversational: frozenset[str] = frozenset(),
        pair_frequency: Callable[[str], int] | None = None,
    ) -> Restorer:
        """`conversational`: words far more frequent in questions than in documents ("hỏi", "tôi", "nếu"):
        typed without marks, they are read as themselves, not as the documents' "hội", "tới", "nêu".
        `pair_frequency("tặng cờ")`: the passages that write the two words side by side."""
        total = sum(document_frequency.values()) or 1
        forms: dict[str, list[tuple[str, int]]] = {}
        for word, df in document_frequency.items():
            if not word or "#" in word or "/" in word or word.count("_") >= MAX_WORD_SYLLABLES:
                continue
            forms.setdefault(fold(word), []).append((word, df))
        readings = {
            key: [(w, math.log(df / total)) for w, df in sorted(found, key=lambda x: -x[1])[:READINGS]]
            for key, found in forms.items()
        }
        # single words first: a phrase is weighed against its syllables' final readings
        likeliest = {key: found[0] for key, found in readings.items()}
        for word in sorted(conversational, key=lambda w: (w.count("_"), w)):  # "ạ" after "à": both fold to "a"
            key = fold(word)
            likeliest[key] = (word, _as_likely(key, likeliest, total))
            readings[key] = [likeliest[key]]
        return cls(readings, document_frequency, pair_frequency)

    def restore(self, syllables: list[str]) -> list[str]:
        """The most likely accented words spelling these folded syllables (see the module docstring)."""
        words = self._best_path(syllables)
        if self.pair_frequency is None:
            return words
        spans, start = set(), 0
        for word in words:
            spans.add((start, start + word.count("_") + 1))
            start += word.count("_") + 1
        return self._best_path(syllables, spans)

    def _best_path(self, syllables: list[str], spans: set[tuple[int, int]] | None = None) -> list[str]:
        """Viterbi over words ending at each syllable. Without `spans`, any cut into known words and
        each word's likeliest reading; with them, those words only, read with their neighbours."""
        n = len(syllables)
        # paths[end][word]: (cost, start, word before) of the cheapest reading of syllables[:end] ending in word
        paths: list[dict[str, tuple[float, int, str]]] = [{"": (0.0, 0, "")}] + [{} for _ in range(n)]
        for end in range(1, n + 1):
            for size in range(1, min(MAX_WORD_SYLLABLES, end) + 1):
                start = end - size
                if not paths[start] or (spans is not None and (start, end) not in spans):
                    continue
                key = "_".join(syllables[start:end])
                options = self.readings.get(key)
                if not options:
                    if size > 1:
                        continue
                    options = [(key, -_UNKNOWN_COST)]
                for word, logp in options if spans is not None else options[:1]:
                    for before, (cost, _, _) in paths[start].items():
                        step = -(self._after(before, word, logp) if spans is not None else logp)
                        if word not in paths[end] or cost + step < paths[end][word][0]:
                            paths[end][word] = (cost + step, start, before)
        words = []
        end, word = n, min(paths[n], key=lambda w: paths[n][w][0]) if paths[n] else ""
        while end > 0:
            _, start, before = paths[end][word]
            words.append(word)
            end, word = start, before
        return words[::-1]

    def _after(self, before: str, word: str, logp: float) -> float:
        """log P(word | the word before): the share of the passages holding `before` that write
        the pair, mixed with P(word) (`PAIR_WEIGHT`)."""
        assert self.pair_frequency is not None
        together = self.pair_frequency(f"{before} {word}") if before else 0
        alone = self.frequency.get(before, 0) or together or 1
        return math.log(PAIR_WEIGHT * together / alone + (1 - PAIR_WEIGHT) * math.exp(logp))


def _as_likely(key: str, scored: dict[str, tuple[str, float]], total: int) -> float:
    """A conversational word's log-probability: that of the reading it replaces, so it wins where
    the documents' word would have. A phrase ("o dau", "dong bao nhieu") is as likely as the folder's
    commonest word: questions say it far more often than documents, whose "đồng_bào" + "nhiều" or
    "ở" + "đầu" otherwise took its syllables ("đảng phí đóng bao nhiêu" was searched as "đảng phí
    đồng bào nhiều")."""
    if "_" in key:
        return max(logp for _, logp in scored.values())
    if key in scored:
        return scored[key][1]
    return math.log(1 / total)
