"""Which search idea moves which number: each row turns one idea off (a script, not a test).

    .venv/bin/python -m benchmarks.ablation

Dev and dev_real questions (dev_real by halves) over the party corpus and ALQAC train over its laws,
with the same settings as the bot.
Ideas are turned off from outside (engine arguments, module constants) so that production code keeps
no switches for experiments.
"""

from __future__ import annotations

import contextlib

from benchmarks.corpus import BENCH_CACHE, DEV_QUESTIONS, PARTY_CORPUS, SHARED
from bot.evaluation import ALL, TWINS, evaluate, fold_reports, load_questions, outcomes
from bot.search import engine as engine_module
from bot.search import focus as focus_module
from bot.search import query as query_module
from bot.search.engine import SearchEngine, SearchSettings
from bot.search.synonyms import Synonyms

ALQAC = SHARED / "data" / "alqac2023"


@contextlib.contextmanager
def patched(module, name: str, value):
    saved = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, saved)


def variants(base: SearchEngine):
    """(name, engine, context) for each idea turned off."""
    synonyms = base.synonyms or Synonyms()
    yield "nothing", base, contextlib.nullcontext()
    yield "abbreviations + synonyms", SearchEngine(base.index, base.settings, None), contextlib.nullcontext()
    yield (
        "synonym groups",
        SearchEngine(base.index, base.settings, Synonyms(synonyms.abbreviations)),
        contextlib.nullcontext(),
    )
    yield (
        "titles field",
        SearchEngine(base.index, SearchSettings(heading_weight=0), base.synonyms),
        contextlib.nullcontext(),
    )
    yield "stop words", base, patched(query_module, "STOP_WORDS", frozenset())
    yield "dedupe", base, patched(engine_module, "DUPLICATE_OVERLAP", float("inf"))
    unrestored = SearchEngine(base.index, base.settings, base.synonyms)
    unrestored.restorer = None
    yield "restoration", unrestored, contextlib.nullcontext()
    yield "named title weight", base, patched(focus_module, "REFERENCE_WEIGHT", 1.0)
    yield "numbers per document", base, patched(SearchEngine, "_by_document", lambda self, scores, numbers: scores)
    yield (
        "authority",
        SearchEngine(base.index, SearchSettings(authority_weight=0), base.synonyms),
        contextlib.nullcontext(),
    )


def main() -> int:
    dev = load_questions(DEV_QUESTIONS)
    real = load_questions(DEV_QUESTIONS.with_name("dev_real.jsonl"))
    train = load_questions(ALQAC / "train_questions.jsonl")
    party = SearchEngine.open(PARTY_CORPUS, BENCH_CACHE)
    laws = SearchEngine.open(ALQAC / "knowledge", BENCH_CACHE)
    print(
        "| removed | dev h1 | dev h3 | dev MRR | answered | rejected | no marks h3 | real h3 (halves) "
        "| real MRR (halves) | ALQAC h1 | ALQAC h3 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for (name, on_dev, context), (_, on_laws, _) in zip(variants(party), variants(laws), strict=True):
        with context:
            d, a = evaluate(on_dev, dev, lines=False), evaluate(on_laws, train, lines=False)
            halves = [r.overall for r in fold_reports(real, outcomes(on_dev, real, lines=False), 2)]
        o = d.styles[ALL]
        print(
            f"| {name} | {o.hit(1):.2f} | {o.hit(3):.2f} | {o.mrr:.2f} | {o.answered_share:.2f} | {d.rejected:.2f} "
            f"| {d.styles[TWINS].hit(3):.2f} | {' / '.join(f'{h.hit(3):.2f}' for h in halves)} "
            f"| {' / '.join(f'{h.mrr:.2f}' for h in halves)} | {a.overall.hit(1):.2f} | {a.overall.hit(3):.2f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
