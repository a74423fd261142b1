"""Retrieval quality on question sets in the format of ../shared/eval (see its README for the metric)."""

from __future__ import annotations

import json
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.answer import KEEP, answer_found
from bot.knowledge.chunker import MAX_PASSAGE_CHARS
from bot.search.analyzer import word_tokens
from bot.search.answerline import MAX_CHARS
from bot.search.engine import SearchEngine, SearchResult
from bot.search.query import STOP_WORDS
from bot.vietnamese import fold, has_diacritics, match_key

_WORD = re.compile(r"\w+")
OUT_OF_SCOPE = "out_of_scope"
ALL = "all answerable"
# The answerable questions that were typed with tone marks, asked again without them.
TWINS = "same, typed without marks"
TWINS_ORIGINAL = "same, with marks"


@dataclass
class StyleScore:
    """Metrics of one question style (or of all answerable questions)."""

    n: int = 0
    hits: dict[int, int] = field(default_factory=lambda: {1: 0, 3: 0, 5: 0, 10: 0})
    reciprocal_ranks: float = 0.0
    answered: int = 0

    def add(self, rank: int | None, answered: bool) -> None:
        self.n += 1
        for k in self.hits:
            self.hits[k] += rank is not None and rank <= k
        self.reciprocal_ranks += 1 / rank if rank else 0.0
        self.answered += answered

    def hit(self, k: int) -> float:
        return self.hits[k] / self.n if self.n else 0.0

    @property
    def mrr(self) -> float:
        return self.reciprocal_ranks / self.n if self.n else 0.0

    @property
    def answered_share(self) -> float:
        return self.answered / self.n if self.n else 0.0


@dataclass
class LineScore:
    n: int = 0
    answered: int = 0  # the answer line is at most MAX_CHARS and contains a gold phrase

    @property
    def rate(self) -> float:
        return self.answered / self.n if self.n else 0.0


@dataclass
class Report:
    styles: dict[str, StyleScore]
    misses: list[dict]  # answerable questions without a hit in the top 10
    lines: dict[str, LineScore] = field(default_factory=dict)  # answer-line rate per style

    @property
    def overall(self) -> StyleScore:
        return self.styles[ALL]

    @property
    def rejected(self) -> float | None:
        """Share of out-of-scope questions answered with "nothing relevant"."""
        oos = self.styles.get(OUT_OF_SCOPE)
        return 1 - oos.answered_share if oos and oos.n else None


def load_questions(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def question_key(question: dict) -> str:
    """How runs name a question (see Outcome.id): its id, or its text when it has none."""
    return str(question.get("id") or question["question"])


def repeated_ids(sets: list[list[dict]]) -> list[str]:
    """The question keys, sorted, that more than one of `sets` uses: two runs compared question by
    question could not tell those apart."""
    seen: dict[str, int] = {}
    repeated: dict[str, None] = {}
    for i, questions in enumerate(sets):
        for key in {question_key(q) for q in questions}:
            if seen.setdefault(key, i) != i:
                repeated[key] = None
    return sorted(repeated)


def first_hit_rank(results: list[str], gold_phrases: list[str]) -> int | None:
    """1-based rank of the first result that contains a gold phrase (folded), if any in the list."""
    keys = [match_key(p) for p in gold_phrases if match_key(p)]
    for rank, text in enumerate(results, 1):
        if len(text) > MAX_PASSAGE_CHARS:
            continue
        folded = match_key(text)
        if any(k in folded for k in keys):
            return rank
    return None


def evaluate(engine: SearchEngine, questions: list[dict], results: int = 3, lines: bool = True) -> Report:
    """Metrics per style, the answer-line rate per style (through the bot's answer policy, its
    first page of `results`; `lines=False` skips it, for a third of the time); also asks every
    answerable question typed with marks again without them."""
    return summarise(questions, outcomes(engine, questions, results, lines))


def summarise(questions: list[dict], runs: list[Outcome]) -> Report:
    """The report of `questions` from their outcomes (`runs[i]` is that of `questions[i]`)."""
    styles: dict[str, StyleScore] = defaultdict(StyleScore)
    lines: dict[str, LineScore] = defaultdict(LineScore)
    misses = []
    for q, run in zip(questions, runs, strict=True):
        if run.style == OUT_OF_SCOPE:
            styles[OUT_OF_SCOPE].add(None, run.answered)
            continue
        for name in (run.style, ALL):
            styles[name].add(run.rank, run.answered)
            if run.line is not None:
                lines[name].n += 1
                lines[name].answered += run.line
        if run.rank is None:
            misses.append({"id": q.get("id"), "style": run.style, "question": q["question"]})
        if run.unmarked_answered is not None:
            styles[TWINS_ORIGINAL].add(run.rank, run.answered)
            styles[TWINS].add(run.unmarked_rank, run.unmarked_answered)
    return Report(dict(styles), misses, dict(lines))


def format_report(report: Report, title: str = "") -> str:
    """The per-style table, in Markdown so it pastes into an issue note."""
    lines = [f"### {title}"] if title else []
    lines.append("| style | n | hit@1 | hit@3 | hit@5 | hit@10 | MRR@10 | answered |")
    lines.append("|---|---|---|---|---|---|---|---|")
    special = (ALL, OUT_OF_SCOPE, TWINS, TWINS_ORIGINAL)
    order = sorted((s for s in report.styles if s not in special), key=str)
    for name in [*order, ALL, TWINS_ORIGINAL, TWINS]:
        s = report.styles.get(name)
        if not s:
            continue
        label = f"**{name}**" if name == ALL else name
        lines.append(
            f"| {label} | {s.n} | {s.hit(1):.2f} | {s.hit(3):.2f} | {s.hit(5):.2f} | {s.hit(10):.2f} "
            f"| {s.mrr:.2f} | {s.answered_share:.2f} |"
        )
    if report.rejected is not None:
        lines.append(f"| out_of_scope rejected | {report.styles[OUT_OF_SCOPE].n} | | | | | | {report.rejected:.2f} |")
    return "\n".join(lines)


# --- the answer line ---------------------------------------------------------------------------


def line_answers(line: str | None, gold_phrases: list[str]) -> bool:
    """Whether an answer line answers: short enough and containing a gold phrase, folded as hits are."""
    if not line or len(line) > MAX_CHARS:
        return False
    folded = match_key(line)
    return any(match_key(p) and match_key(p) in folded for p in gold_phrases)


def _line_found(engine: SearchEngine, found: SearchResult, q: dict, results: int) -> bool:
    given = answer_found(engine, found, results)
    return given.answered and line_answers(given.line.text if given.line else None, [g["phrase"] for g in q["gold"]])


def format_answer_lines(styles: dict[str, LineScore]) -> str:
    lines = ["| style | n | answer line |", "|---|---|---|"]
    for name in [*sorted(s for s in styles if s != ALL), ALL]:
        if name in styles:
            label = f"**{name}**" if name == ALL else name
            lines.append(f"| {label} | {styles[name].n} | {styles[name].rate:.2f} |")
    return "\n".join(lines)


def fold_of(question: dict, folds: int) -> int:
    """A question's fold: a hash of its id (of its text when it has none), so adding questions to a
    file does not move the others between folds, and every run splits alike."""
    key = question_key(question)
    return zlib.crc32(key.encode("utf-8")) % folds


def fold_reports(questions: list[dict], runs: list[Outcome], folds: int) -> list[Report]:
    """One report per fold: an idea tuned on one half that does not help the other is learned by heart."""
    parts = [[(q, r) for q, r in zip(questions, runs, strict=True) if fold_of(q, folds) == i] for i in range(folds)]
    return [summarise([q for q, _ in part], [r for _, r in part]) for part in parts]


def format_folds(reports: list[Report], title: str = "") -> str:
    """Each fold's headline numbers on one row, then hit@3 per style per fold."""
    lines = [f"### {title}"] if title else []
    lines.append("| fold | n | hit@1 | hit@3 | MRR@10 | answered | out_of_scope rejected |")
    lines.append("|---|---|---|---|---|---|---|")
    for i, report in enumerate(reports):
        s = report.overall if ALL in report.styles else StyleScore()
        rejected = f"{report.rejected:.2f} ({report.styles[OUT_OF_SCOPE].n})" if report.rejected is not None else "–"
        lines.append(
            f"| {i} | {s.n} | {s.hit(1):.2f} | {s.hit(3):.2f} | {s.mrr:.2f} | {s.answered_share:.2f} | {rejected} |"
        )
    styles = sorted({s for r in reports for s in r.styles if s not in (ALL, OUT_OF_SCOPE)}, key=str)
    if styles:
        lines.append("")
        lines.append("| style hit@3 | " + " | ".join(f"fold {i}" for i in range(len(reports))) + " |")
        lines.append("|---|" + "---|" * len(reports))
        for style in styles:
            cells = [r.styles.get(style) for r in reports]
            lines.append(f"| {style} | " + " | ".join(f"{c.hit(3):.2f} ({c.n})" if c else "–" for c in cells) + " |")
    return "\n".join(lines)


# --- restoring marks -------------------------------------------------------------------------


@dataclass
class Restoration:
    """How well marks come back on the questions typed with them, once folded: the syllables read
    with other marks than the member's, and the member's content words (underthesea's, as the
    marked question is searched) that the restored question lacks."""

    syllables: int = 0
    misread: int = 0
    words: int = 0
    missed: int = 0

    def __str__(self) -> str:
        return (
            f"syllables misread {self.misread}/{self.syllables} ({self.misread / max(self.syllables, 1):.1%}), "
            f"marked content words missed {self.missed}/{self.words} ({self.missed / max(self.words, 1):.1%})"
        )


def held_text(engine: SearchEngine) -> str:
    """Every passage's text folded as hits are (`match_key`), one per line: what any search can find."""
    return "\n".join(match_key(p.text) for p in engine.index.passages)


def unheld_gold(held: str, questions: list[dict]) -> list[str]:
    """Ids of the answerable questions none of whose gold phrases any passage holds (`held`, from
    `held_text`). No ranking can find them: the text was lost on the way in (a reader, the cleaner,
    the chunker: a list's items behind a long intro and the annexes after a signature once were), or
    the gold phrase is not the document's text."""
    return [
        question_key(q)
        for q in questions
        if q.get("gold") and not any((key := match_key(g["phrase"])) and key in held for g in q["gold"])
    ]


def restoration(engine: SearchEngine, questions: list[dict]) -> Restoration:
    """Judges the restorer alone, without a gold passage: a restored question that reads as the
    member wrote it searches as that question does."""
    out = Restoration()
    for q in questions:
        if not has_diacritics(q["question"]):
            continue
        marked = [t for t in word_tokens(q["question"]) if "#" not in t and any(c.isalpha() for c in t)]
        syllables = [s for w in marked for s in w.split("_")]
        restored = engine.restorer.restore([fold(s) for s in syllables])
        out.syllables += len(syllables)
        out.misread += sum(a != b for a, b in zip(syllables, (s for w in restored for s in w.split("_"))))
        content = {w for w in marked if w not in STOP_WORDS}
        out.words += len(content)
        out.missed += len(content - set(restored))
    return out


# --- question by question: did a change move any question, and on which half? -------------------

HALVES = 2  # `--save` records each question's half, as `--folds 2` splits them
TOP_K = 10  # hit@k and MRR are counted in this many results


@dataclass(frozen=True)
class Outcome:
    """What one question got. `eval --save` writes these and `eval --against` compares a later run
    with them, so that a change is judged per question on each half of the dev sets rather than by
    a total in which one half's gain hides the other's loss."""

    id: str
    half: int
    style: str
    rank: int | None  # of the first passage with a gold phrase, in the top TOP_K
    answered: bool
    line: bool | None = None  # the answer line holds a gold phrase; None out of scope or not asked for
    unmarked_rank: int | None = None  # asked again without marks (questions typed with them)
    unmarked_answered: bool | None = None
    unmarked_line: bool | None = None


def outcomes(engine: SearchEngine, questions: list[dict], results: int = 3, lines: bool = True) -> list[Outcome]:
    """Each question's outcome: the rank of its first gold passage in the top `TOP_K`, whether it
    is answered, and (unless not `lines`) whether the bot's answer line, its first page of
    `results`, holds a gold phrase; for a question typed with marks, the same asked again without them."""

    def ask(q: dict) -> tuple[int | None, bool, bool | None]:
        # one search for both: the answer keeps KEEP passages, the rank counts the first TOP_K
        found = engine.search(q["question"], k=max(KEEP, TOP_K) if lines else TOP_K)
        rank = first_hit_rank([h.passage.text for h in found.hits[:TOP_K]], [g["phrase"] for g in q["gold"]])
        return rank, found.answered, _line_found(engine, found, q, results) if lines else None

    out = []
    for q in questions:
        key, half, style = question_key(q), fold_of(q, HALVES), q.get("style") or "unknown"
        if style == OUT_OF_SCOPE or not q.get("gold"):
            out.append(Outcome(key, half, OUT_OF_SCOPE, None, engine.search(q["question"], k=TOP_K).answered))
            continue
        unmarked = ask({**q, "question": fold(q["question"])}) if has_diacritics(q["question"]) else (None, None, None)
        out.append(Outcome(key, half, style, *ask(q), *unmarked))
    return out


def save_outcomes(path: Path, runs: list[Outcome]) -> None:
    path.write_text("".join(json.dumps(vars(o), ensure_ascii=False) + "\n" for o in runs), encoding="utf-8")


def load_outcomes(path: Path) -> dict[str, Outcome]:
    with path.open(encoding="utf-8") as f:
        return {o.id: o for o in (Outcome(**json.loads(line)) for line in f if line.strip())}


@dataclass(frozen=True)
class Change:
    id: str
    half: int
    what: str  # "rank", "answered", "line", and the same of the question typed without marks
    before: object
    after: object
    better: bool


def _rose(old: int | None, new: int | None) -> bool:
    """A rank moved up (any move counts: 5 → 4 is a step towards the first page; not found is last)."""
    return (new if new is not None else 1_000) < (old if old is not None else 1_000)


def changes(before: dict[str, Outcome], after: list[Outcome]) -> list[Change]:
    """What moved between two runs, question by question. Being answered is better, except for an
    out-of-scope question, which should not be. Questions only one run asked are left out."""
    found = []
    for new in after:
        old = before.get(new.id)
        if old is None:
            continue
        in_scope = new.style != OUT_OF_SCOPE
        pairs = [
            ("rank", old.rank, new.rank, _rose(old.rank, new.rank)),
            ("answered", old.answered, new.answered, new.answered == in_scope),
            ("line", old.line, new.line, bool(new.line)),
            ("unmarked rank", old.unmarked_rank, new.unmarked_rank, _rose(old.unmarked_rank, new.unmarked_rank)),
            ("unmarked answered", old.unmarked_answered, new.unmarked_answered, bool(new.unmarked_answered)),
            ("unmarked line", old.unmarked_line, new.unmarked_line, bool(new.unmarked_line)),
        ]  # fmt: skip
        found += [Change(new.id, new.half, what, a, b, better) for what, a, b, better in pairs if a != b]
    return found


def format_changes(moved: list[Change]) -> str:
    """Per half, how many results got better and worse, then each one: what a note should report."""
    if not moved:
        return "Không câu hỏi nào thay đổi so với lần chạy trước."
    lines = []
    for half in range(HALVES):
        here = [c for c in moved if c.half == half]
        up = sum(c.better for c in here)
        lines.append(f"half {half}: {up} better, {len(here) - up} worse")
    return "\n".join(lines + moved_lines(moved))


def moved_lines(moved: list[Change]) -> list[str]:
    """One line per moved result, by half, losses first: ids and values only, never a question's text."""
    return [
        f"  {'↑' if c.better else '↓'} {c.id} (half {c.half}) {c.what}: {_shown(c.before)} → {_shown(c.after)}"
        for c in sorted(moved, key=lambda c: (c.half, c.better, c.id))
    ]


def _shown(value: object) -> str:
    return "–" if value is None else str(value)


def word_f1(kept: str, source: str) -> float:
    """How much of a source's wording a conversion kept: F1 of the two multisets of folded,
    lower-cased words (so "Điều 5" read as "Dieu 5" by OCR loses nothing, "Điều 6" does)."""

    def words(text: str) -> Counter:
        return Counter(_WORD.findall(fold(unicodedata.normalize("NFC", text)).lower()))

    a, b = words(kept), words(source)
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)
