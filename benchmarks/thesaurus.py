"""Which thesaurus group moves which question: each candidate added alone to the built-in list.

    .venv/bin/python -m benchmarks thesaurus CANDIDATES.yaml [QUESTIONS.jsonl …] [--knowledge DIR]

A script, not a test. CANDIDATES.yaml holds new groups and additions to existing ones:

    groups:
      - group: [lao động ở nước ngoài, đi xuất khẩu lao động]   # the documents' phrase first
    extend:
      - group: [kết hôn, lấy vợ, lấy chồng]                       # an existing group, its first phrase
        add: [cưới vợ, cưới chồng]

For each candidate, only the questions whose reading it changes (typed as written or without marks)
are searched again; the line lists how many it touched and what got better or worse (rank, answered,
answer line, and the same without marks), per question. A group that moves nothing a question set
can show is at least harmless there; one that loses anywhere was, in the rounds so far, dropped.
Without QUESTIONS, the dev sets and our own and fresh questions (see README, "Answer quality").
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from benchmarks.corpus import BENCH_CACHE, DEV_QUESTIONS, PARTY_CORPUS, ROOT
from bot.evaluation import Change, Outcome, changes, load_questions, outcomes, question_key
from bot.search.engine import SearchEngine
from bot.search.synonyms import Synonyms
from bot.vietnamese import fold, normalize

DEFAULT_QUESTIONS = (
    DEV_QUESTIONS,
    DEV_QUESTIONS.with_name("dev_real.jsonl"),
    ROOT / "benchmarks" / "own_questions.jsonl",
    ROOT / "benchmarks" / "fresh_questions.jsonl",
)

Groups = tuple[tuple[str, ...], ...]


def candidates(path: Path) -> Iterator[tuple[str, Callable[[Groups], Groups]]]:
    """(name, what it does to the built-in groups) for each new group and each extension."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for item in data.get("groups") or []:
        group = tuple(normalize(str(p)) for p in item["group"])
        yield f"+ [{', '.join(group)}]", lambda groups, group=group: (*groups, group)
    for item in data.get("extend") or []:
        first, added = normalize(str(item["group"][0])), [normalize(str(p)) for p in item["add"]]
        yield f"[{first}, …] + {added}", lambda groups, first=first, added=added: _extended(groups, first, added)


def _extended(groups: Groups, first: str, added: list[str]) -> Groups:
    return tuple((*g, *(p for p in added if p not in g)) if g[0] == first else g for g in groups)


def _readings(question: str) -> list[str]:
    folded = fold(question)
    return [question] if folded == question else [question, folded]


def moved(
    engine: SearchEngine, candidate: Synonyms, questions: list[dict], before: dict[str, Outcome]
) -> tuple[int, list[Change]]:
    """How many questions the candidate list reads differently, and what changed for them."""
    built_in = engine.synonyms or Synonyms()
    touched = [q for q in questions if any(built_in.expand(t) != candidate.expand(t) for t in _readings(q["question"]))]
    if not touched:
        return 0, []
    for q in touched:
        key = question_key(q)
        if key not in before:
            before[key] = outcomes(engine, [q])[0]
    engine.synonyms = candidate
    try:
        after = outcomes(engine, touched)
    finally:
        engine.synonyms = built_in
    return len(touched), changes(before, after)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks thesaurus", description=__doc__.split("\n")[0])
    parser.add_argument("candidates", type=Path)
    parser.add_argument("questions", type=Path, nargs="*", default=list(DEFAULT_QUESTIONS))
    parser.add_argument("--knowledge", type=Path, default=PARTY_CORPUS)
    args = parser.parse_args(argv)
    engine = SearchEngine.open(args.knowledge, BENCH_CACHE)
    built_in = engine.synonyms or Synonyms()
    # one file at a time: two files may use the same ids (our own questions and the fresh ones do)
    sets = [load_questions(path) for path in args.questions]
    before: list[dict[str, Outcome]] = [{} for _ in sets]
    for name, change in candidates(args.candidates):
        candidate = dataclasses.replace(built_in, groups=change(built_in.groups))
        touched, found = 0, []
        for questions, seen in zip(sets, before):
            n, moves = moved(engine, candidate, questions, seen)
            touched, found = touched + n, found + moves
        better = [c for c in found if c.better]
        print(f"{name}: {touched} questions read differently, {len(better)} better, {len(found) - len(better)} worse")
        for c in found:
            print(f"    {'↑' if c.better else '↓'} {c.id} (half {c.half}) {c.what}: {c.before} → {c.after}")
    return 0
