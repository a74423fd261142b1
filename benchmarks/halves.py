"""Every read question set by half, before and after a change: the numbers a round's note reports.

    .venv/bin/python -m benchmarks halves --save DIR      # before the change
    .venv/bin/python -m benchmarks halves --against DIR   # after it: what moved, per set and half

A script, not a test. Each set is evaluated as `python -m bot eval --folds 2` would (rank, answered,
answer line, and the same typed without marks) with one engine, one file at a time (our own and the
fresh questions share ids), and printed as one line per half. With `--against`, each half also says
how many results got better and worse, and which (ids only: an unread batch must stay unread).

The sets: dev, dev_real, our own, the fresh questions and the unread batches already used to select
changes (`SELECTION`; see benchmarks/unread/README.md) on the party corpus, and ALQAC train on its
legal corpus. A batch still unread is measured only at a round's start and end: name it with
`--unread UM,UN`. Rounds kept a change only when no half of any of these lost anything.

`--no-groups` searches without the synonym groups (abbreviations kept): against a run saved with
them, it shows what the whole thesaurus is worth on each set, the unread batches included.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from benchmarks.corpus import BENCH_CACHE, DEV_QUESTIONS, PARTY_CORPUS, ROOT, SHARED
from bot.evaluation import (
    ALL,
    HALVES,
    OUT_OF_SCOPE,
    Outcome,
    Report,
    changes,
    fold_reports,
    load_outcomes,
    load_questions,
    moved_lines,
    outcomes,
    save_outcomes,
)
from bot.search.engine import SearchEngine
from bot.search.synonyms import Synonyms

UNREAD = ROOT / "benchmarks" / "unread"
SELECTION = ("EA", "EB", "UA", "UB", "UG", "UH")
RESULTS = 3  # the first page, as the bot's default config shows it
ALQAC_TRAIN = (SHARED / "data" / "alqac2023" / "train_questions.jsonl", SHARED / "data" / "alqac2023" / "knowledge")


def question_sets(unread: tuple[str, ...] = SELECTION) -> dict[str, tuple[Path, Path]]:
    """Name → (questions file, knowledge folder), in the order they are printed: the party corpus's
    sets, then ALQAC train on its legal corpus (a check that nothing breaks on legal text)."""
    party = {
        "dev": DEV_QUESTIONS,
        "dev_real": DEV_QUESTIONS.with_name("dev_real.jsonl"),
        "own": ROOT / "benchmarks" / "own_questions.jsonl",
        "fresh": ROOT / "benchmarks" / "fresh_questions.jsonl",
    } | {batch: UNREAD / f"batch_{batch}.jsonl" for batch in unread}
    return {name: (path, PARTY_CORPUS) for name, path in party.items()} | {"alqac_train": ALQAC_TRAIN}


def without_groups(engine: SearchEngine) -> SearchEngine:
    """The same engine with no synonym groups: a question's abbreviations are still spelled out, but
    none of its phrases brings the others of its group."""
    engine.synonyms = dataclasses.replace(engine.synonyms or Synonyms(), groups=())
    return engine


def half_line(report: Report) -> str:
    """One half's headline numbers: hit@1 / hit@3 / MRR@10 / answered, the answer line, rejected."""
    s, line = report.styles.get(ALL), report.lines.get(ALL)
    text = (
        f"{s.n} answerable, {s.hit(1):.2f} / {s.hit(3):.2f} / {s.mrr:.2f} / {s.answered_share:.2f}, "
        f"line {f'{line.rate:.2f}' if line else '–'}"
        if s
        else "no answerable question"
    )
    if report.rejected is not None:
        text += f", rejected {report.rejected:.2f} of {report.styles[OUT_OF_SCOPE].n}"
    return text


def compare(name: str, questions: list[dict], runs: list[Outcome], before: dict[str, Outcome] | None) -> str:
    """A set's halves, each with what moved since `before` when given."""
    moved = changes(before, runs) if before is not None else []
    lines = []
    for half, report in enumerate(fold_reports(questions, runs, HALVES)):
        here = [c for c in moved if c.half == half]
        up = sum(c.better for c in here)
        tail = f" | {up} better, {len(here) - up} worse" if before is not None else ""
        lines.append(f"{name} half {half}: {half_line(report)}{tail}")
    return "\n".join(lines + moved_lines(moved))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks halves", description=__doc__.split("\n")[0])
    side = parser.add_mutually_exclusive_group(required=True)
    side.add_argument("--save", type=Path, metavar="DIR", help="record every question's outcome here")
    side.add_argument("--against", type=Path, metavar="DIR", help="compare with the outcomes recorded here")
    parser.add_argument("--unread", default="", help="more unread batches, e.g. UM,UN (their ids only are printed)")
    parser.add_argument("--no-groups", action="store_true", help="search without the synonym groups")
    args = parser.parse_args(argv)
    extra = tuple(b for b in args.unread.split(",") if b)
    engines: dict[Path, SearchEngine] = {}
    for name, (path, knowledge) in question_sets(SELECTION + extra).items():
        if not path.exists() or not knowledge.is_dir():
            print(f"{name}: {path} or {knowledge} not found, skipped")
            continue
        if knowledge not in engines:
            engine = SearchEngine.open(knowledge, BENCH_CACHE)
            engines[knowledge] = without_groups(engine) if args.no_groups else engine
        questions = load_questions(path)
        runs = outcomes(engines[knowledge], questions, RESULTS)
        before = None
        if args.against:
            saved = args.against / f"{name}.jsonl"
            if saved.exists():
                before = load_outcomes(saved)
            else:
                print(f"{name}: not saved in {args.against}, nothing to compare with")
        else:
            args.save.mkdir(parents=True, exist_ok=True)
            save_outcomes(args.save / f"{name}.jsonl", runs)
        print(compare(name, questions, runs, before), flush=True)
    return 0
