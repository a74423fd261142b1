"""All the benchmarks of issue 5 in one run, printed with their baselines and targets.

    python -m benchmarks [--quick] [--no-bot]      (or: python -m bot bench)
    python -m benchmarks throughput                (section 6 alone: benchmarks/throughput.py)

Numbers are medians over the dev questions unless said otherwise; every ratio compares two
things measured in this same run, on this machine, which is shared and noisy: the load average
is printed before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import rank_bm25  # noqa: F401  (its version is printed)

from benchmarks import throughput
from benchmarks.corpus import (
    BENCH_CACHE,
    DEV_QUESTIONS,
    PARTY_CORPUS,
    ROOT,
    grown_index,
    load_average,
    missing_inputs,
    questions,
)
from benchmarks.naive import NaiveSearch
from benchmarks.scoring import ScoringRow, grown, score_field
from bot.search import cache as cache_module
from bot.search.analyzer import analyze
from bot.search.bm25 import BM25Params
from bot.search.engine import SearchEngine
from bot.search.index import available_cores, build_index
from tests.dense_reference import dense_search

RELOADED_FILE = "tnt305/1ce41701dfca8bfe.md"
WARM_COPIES = 16  # warm start of the corpus grown this many times (section 4)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description="Search-layer speed and memory benchmarks.")
    p.add_argument("--corpus", type=Path, default=PARTY_CORPUS, help="knowledge folder (default: the party corpus)")
    p.add_argument("--questions", type=Path, default=DEV_QUESTIONS, help="eval file whose questions are the queries")
    p.add_argument(
        "--copies", default="8,31", help="grown corpus sizes, in copies of the corpus (default 8,31: ~50k, ~200k)"
    )
    p.add_argument(
        "--scales",
        default="1,16",
        help="end-to-end search at these sizes, in copies of the corpus (default 1,16: ~6k, ~93k)",
    )
    p.add_argument(
        "--naive-every", type=int, default=5, help="end to end: the naive path on every Nth question (default 5)"
    )
    p.add_argument(
        "--checked", type=int, default=20, help="questions compared with get_scores on grown corpora (default 20)"
    )
    p.add_argument("--quick", action="store_true", help="party corpus only; no cold builds, no 200k memory")
    p.add_argument("--no-cold", action="store_true", help="skip the cold builds (~45 s)")
    p.add_argument("--no-bot", action="store_true", help="skip the bot throughput run (section 6, ~30 s)")
    p.add_argument("--bot-only", action="store_true", help="only the bot throughput run (section 6)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    missing = missing_inputs(args.corpus, args.questions)
    if missing:
        print(missing, file=sys.stderr)
        return 2
    if args.bot_only:
        return throughput.main(["--corpus", str(args.corpus), "--questions", str(args.questions)])
    copies = [] if args.quick else [int(c) for c in args.copies.split(",") if c]
    params = BM25Params()
    print(
        f"nghiquyet-bot search benchmarks · {available_cores()} cores · load {load_average()} · python {sys.version.split()[0]}"
    )
    print(
        f"numpy {np.__version__} · rank-bm25 0.2.2 · BM25{params.variant.capitalize()} k1={params.k1} b={params.b} delta={params.delta}"
    )

    started = time.perf_counter()
    party = build_index(args.corpus, BENCH_CACHE, params, progress=sys.stderr.isatty())
    print(
        f"Corpus {args.corpus}: {len(party.documents)} files, {len(party.passages)} passages (index ready in {time.perf_counter() - started:.1f} s)"
    )
    texts = questions(args.questions)
    tokens = [analyze(q) for q in texts]
    print(f"Queries: {len(texts)} questions of {args.questions.name}, analysed as the engine does\n")

    results: dict = {}
    rows = scoring_table(party, tokens, copies, args.checked, params)
    results["rows"] = rows
    scales = [1] if args.quick else [int(c) for c in args.scales.split(",") if c]
    results["e2e"] = end_to_end(party, texts, _dev_real(args.questions, texts), scales, args.naive_every)
    results["build"] = builds(args, skip_cold=args.quick or args.no_cold)
    results["memory"] = memory(args, copies=max(copies) if copies else 0)
    print("\n6. Bot throughput: 50 chats × 200 questions through the fake Bot API server (benchmarks/throughput.py)")
    if args.no_bot:
        print("   skipped (--no-bot)")
    else:
        results["bot"] = throughput.run(args.corpus, texts, source=args.questions.name)
        throughput.print_report(results["bot"])
    targets(results)
    print(f"\nload {load_average()} · total {time.perf_counter() - started:.0f} s")
    return 0


def scoring_table(party, tokens, copies: list[int], checked: int, params: BM25Params) -> list[ScoringRow]:
    print("1. Scoring one field: rank-bm25 get_scores vs our top_k(10), ms per query")
    print("   (ratio = get_scores / ours over the same questions; 'dense' = our scores() for every passage;")
    print("   grown corpora are varied copies of the party corpus's postings: see benchmarks/corpus.py)")
    header = f"   {'passages':>9} {'field':<6} {'postings':>9} {'bm25 build':>10} {'our build':>9} {'get_scores':>10} {'ours':>6} {'ours p95':>8} {'dense':>6} {'ratio':>7}  top-10 identical"
    print(header)
    rows = []
    for n in [1, *copies]:
        for field in ("words", "folded"):
            queries = [getattr(t, field) for t in tokens]
            postings = grown(party.fields[field].to_postings(), n)
            row = score_field(field, postings, queries, len(queries) if n == 1 else checked, params)
            del postings
            rows.append(row)
            print(
                f"   {row.passages:>9,} {row.field:<6} {row.postings / 1e6:>8.1f}M {row.reference_build:>9.1f}s {row.ours_build:>8.2f}s"
                f" {row.reference_ms:>10.1f} {row.ours_all_ms:>6.2f} {row.ours_p95_ms:>8.2f} {row.dense_ms:>6.2f} {row.ratio:>6.0f}×"
                f"  {row.identical}/{row.checked}",
                flush=True,
            )
    return rows


def end_to_end(party, texts: list[str], more: list[str], scales: list[int], naive_every: int, rounds: int = 3) -> dict:
    """`SearchEngine.search` at each scale against the naive path on the same index, and whether
    its results are today's engine's (tests/dense_reference.py) and the naive path's."""
    print(
        "\n2. SearchEngine.search end to end (analysis included), warm index, ms per question; naive = the same search"
    )
    print("   scoring every passage of every field with rank-bm25 get_scores (benchmarks/naive.py), on every")
    print(
        f"   {naive_every}th question and ours on the same ones (the second 'ours'); 'identical' = the same top 10 passages,"
    )
    print(
        "   scores to 1e-6 and answered flag, against today's engine (tests/dense_reference.py: dev and dev_real) and the naive path"
    )
    print("   (ours: median and p95 wall time over dev × 3, and mean CPU time, which a busy machine inflates less)")
    print(
        f"   {'copies':>6} {'passages':>9} {'ours':>6} {'ours p95':>8} {'ours CPU':>8} {'naive':>8} {'ours':>6} {'ratio':>6}  identical: dense engine / naive"
    )
    checked = texts + more
    out = {}
    for copies in scales:
        engine = SearchEngine(grown_index(party, copies))
        naive = NaiveSearch(engine)
        for q in texts[:10]:
            engine.search(q)
        cpu = time.process_time()
        times = np.array([[_ms(engine.search, q) for q in texts] for _ in range(rounds)])
        cpu_ms = (time.process_time() - cpu) * 1e3 / times.size  # mean; less sensitive to a busy machine than wall time
        # Ours and naive each in their own loop: rank-bm25's Python loops evict the caches that ours uses.
        ours_ms = float(np.median(times[:, ::naive_every]))
        sample = texts[::naive_every]
        naive_ms = float(np.median([_ms(naive.search, q) for q in sample]))
        same_dense = sum(same_result(engine.search(q, 10), dense_search(engine, q, 10)) for q in checked)
        same_naive = sum(same_result(engine.search(q, 10), naive.search(q, 10)) for q in sample)
        row = {
            "passages": len(engine.index.passages),
            "median": float(np.median(times)),
            "p95": float(np.percentile(times, 95)),
            "cpu": cpu_ms,
            "naive": naive_ms,
            "ratio": naive_ms / ours_ms,
            "identical": same_dense + same_naive,
            "checked": len(checked) + len(sample),
        }
        out[copies] = row
        print(
            f"   {copies:>5}× {row['passages']:>9,} {row['median']:>6.2f} {row['p95']:>8.2f} {cpu_ms:>8.2f} {naive_ms:>8.1f} {ours_ms:>6.2f} {row['ratio']:>5.0f}×"
            f"  {same_dense}/{len(checked)} / {same_naive}/{len(sample)}",
            flush=True,
        )
        del engine, naive
    return out


def same_result(ours, reference) -> bool:
    """The same passages in the same order, the same scores (to 1e-6) and the same answered flag."""
    return (
        ours.answered == reference.answered
        and [h.index for h in ours.hits] == [h.index for h in reference.hits]
        and np.allclose([h.score for h in ours.hits], [h.score for h in reference.hits], rtol=1e-6, atol=0)
    )


def _dev_real(questions_file: Path, texts: list[str]) -> list[str]:
    """The real-web dev questions too, when they are beside the benchmark's questions."""
    path = questions_file.with_name("dev_real.jsonl")
    return [q for q in questions(path) if q not in texts] if path.is_file() else []


def _ms(fn, *args) -> float:
    started = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - started) * 1e3


def builds(args, skip_cold: bool) -> dict:
    out: dict = {}
    print("\n3. Cold build of the corpus into an empty cache (tokenising dominates), in a fresh process:")
    if skip_cold:
        print("   skipped (--quick / --no-cold)")
    else:
        for workers in (1, available_cores()):
            with tempfile.TemporaryDirectory() as cache:
                out[f"cold_{workers}"] = _probe("cold", args.corpus, Path(cache), workers)["seconds"]
            print(f"   {workers} process{'es' if workers > 1 else ''}: {out[f'cold_{workers}']:.1f} s", flush=True)
        ratio = out[f"cold_{available_cores()}"] / out["cold_1"]
        out["cold_ratio"] = ratio
        print(f"   {available_cores()} processes / 1 process = {ratio:.2f}")
    warm = _probe("warm", args.corpus, BENCH_CACHE)
    out.update(warm)
    print(
        f"\n4. Warm start (modules loaded, as in a running bot): index load from the snapshot {warm['snapshot']:.2f} s;"
    )
    print(
        f"   without the snapshot, from the per-file caches: {warm['file_caches']:.2f} s; importing numpy, underthesea and the"
    )
    print(f"   search modules first takes {warm['imports']:.2f} s in a fresh process")
    if not args.quick:
        with tempfile.TemporaryDirectory() as tmp:
            snapshot = Path(tmp) / "snapshot.npz"
            _probe("save_scaled", args.corpus, BENCH_CACHE, WARM_COPIES, snapshot)
            scaled = _probe("load", args.corpus, BENCH_CACHE, snapshot)
        out["scaled_warm"] = scaled
        print(
            f"   at {WARM_COPIES}× ({scaled['passages']:,} passages): snapshot load and engine {scaled['seconds']:.2f} s"
            f" ({scaled['cpu']:.2f} s of CPU; the rest is waiting for a core on a shared machine)"
        )
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "corpus"
        shutil.copytree(args.corpus, copy)
        if (copy / RELOADED_FILE).exists():
            try:
                reload = _probe("reload", copy, BENCH_CACHE, RELOADED_FILE)
            finally:  # this copy's snapshot is of no further use
                cache_module.snapshot_path(BENCH_CACHE, copy).unlink(missing_ok=True)
            out["reload"] = reload
            print(
                f"   reload after one file changed ({RELOADED_FILE}), previous index in memory: {reload['seconds']:.2f} s, tokenised: {reload['tokenised']}"
            )
    return out


def memory(args, copies: int) -> dict:
    out = {"serve": _probe("serve", args.corpus, BENCH_CACHE, args.questions)}
    print(
        f"\n5. Peak memory (VmHWM) of a process serving the party corpus (load, then every question): {out['serve']['VmHWM']:.0f} MB"
    )
    if copies:
        scaled = _probe("scaled", args.corpus, BENCH_CACHE, args.questions, copies)
        out["scaled"] = scaled
        print(
            f"   at {scaled['passages']:,} passages: {scaled['serving_peak']:.0f} MB serving (peak reset after the build; "
            f"postings arrays {scaled['postings_mb']:.0f} MB, passage texts {scaled['text_mb']:.0f} MB), {scaled['build_peak']:.0f} MB peak while building"
        )
    return out


def targets(results: dict) -> None:
    print("\nTargets (issue 5)")
    rows = results["rows"]
    big = [r for r in rows if r.passages == max(x.passages for x in rows)]
    for r in big:
        ok = r.ours_all_ms <= 2 and r.ratio >= 100 and r.identical == r.checked
        print(
            f"   scoring at {r.passages:,} passages, {r.field}: median {r.ours_all_ms:.2f} ms ≤ 2, {r.ratio:.0f}× ≥ 100×, identical {r.identical}/{r.checked}: {_met(ok)}"
        )
    for copies, e2e in results["e2e"].items():
        ok = e2e["median"] <= 10 and (copies == 1 or e2e["ratio"] >= 100) and e2e["identical"] == e2e["checked"]
        print(
            f"   search end to end at {copies}× ({e2e['passages']:,} passages): median {e2e['median']:.2f} ms ≤ 10 (CPU {e2e['cpu']:.2f} ms), {e2e['ratio']:.0f}× the naive path"
            f"{' ≥ 100×' if copies > 1 else ''}, identical {e2e['identical']}/{e2e['checked']}: {_met(ok)}"
        )
    load = results["build"]["snapshot"]
    print(f"   index load: {load:.2f} s ≤ 0.5: {_met(load <= 0.5)}")
    if "cold_ratio" in results["build"]:
        ratio = results["build"]["cold_ratio"]
        print(f"   cold build on all cores / 1 process: {ratio:.2f} ≤ 0.6: {_met(ratio <= 0.6)}")
    peak = results["memory"]["serve"]["VmHWM"]
    print(f"   peak memory serving the party corpus: {peak:.0f} MB ≤ 400: {_met(peak <= 400)}")
    if "bot" in results:
        print(f"   {throughput.target_line(results['bot'])}")
    else:
        print("   bot throughput ≥ 20 answers/s: not measured (--no-bot)")


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _probe(mode: str, *args) -> dict:
    """Run benchmarks.probe in a fresh interpreter; its last line of output is JSON."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.probe", mode, *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"benchmarks.probe {mode} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    sys.exit(main())
