"""Section 6 of the benchmarks: bot throughput through the fake Bot API server (issue 5).

    python -m benchmarks throughput [--chats 50] [--total 200] [--no-group] [--rate 20] [--profile FILE]
    python -m benchmarks.throughput …        (the same)

The bot is `python -m bot run` in a process of its own — the command an admin runs, so
`build_application` and `serve` (long polling) exactly as in production — with TELEGRAM_API_BASE_URL
pointing at the fake Bot API server (tests/fake_telegram.py), which runs in this process. Two
processes, as in production, where Telegram is not inside the bot: the fake server's own work
(parsing every HTML answer the way Telegram would) does not compete with the bot for its GIL, only
for the machine's cores.

Once the bot polls, three variants, each `total` questions of the eval file (cycled) from `chats`
chats: private chats with every question queued at once (`FakeTelegram.push_updates`; the
headline: answers per second), the same in groups as @mentions, and private chats offered at
`rate` a second (latency at a load the bot should sustain). Measured: the time from the first
update offered to the last answer received by the fake server, answers per second, and per
question the time from its update being offered to the sendMessage that answers it. Every chat
must receive exactly as many messages as it sent questions (an answer or the polite "not found"
both count); anything else is reported as lost or extra, and so is any call the fake server
refused as Telegram would.

The baseline, in the same run: the same questions through `SearchEngine.search` directly, one
thread, no Telegram at all.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

from benchmarks.corpus import BENCH_CACHE, DEV_QUESTIONS, PARTY_CORPUS, ROOT, load_average, missing_inputs
from benchmarks.corpus import questions as read_questions
from bot.answer import KEEP as SESSION_HITS
from bot.answer import NO_ANSWER, NO_ANSWER_FOREIGN, NO_ANSWER_MISSING
from bot.search.engine import SearchEngine
from bot.telegram.render import esc
from tests.fake_telegram import FakeTelegram, entities_for

TOKEN = "123456789:BENCH-token_ABCdefGHIjklMNOpqrSTUvwxYZ"
FIRST_USER = 5_000_001
FIRST_GROUP = -1_005_000_000_001
TELEGRAM_LIMIT = 30  # messages per second for one bot; AIORateLimiter's overall cap in bot/telegram/app.py
TARGET = 20  # answered questions per second (issue 5)


@dataclass
class Burst:
    """One burst of questions through the bot, and what came back."""

    variant: str
    chats: int
    questions: int
    rate: float = 0.0  # questions offered per second; 0: all at once
    answered: int = 0  # chats' messages back, up to the number each chat asked
    not_found: int = 0  # of those, the polite no-answer
    lost: int = 0  # questions without a message back
    extra: int = 0  # messages beyond one per question
    refused: list[str] = field(default_factory=list)  # calls the fake server refused as Telegram would
    wall: float = 0.0  # first update offered → last answer received, seconds
    latencies: list[float] = field(default_factory=list)  # offered → answer received, seconds, sorted
    handed_over: float = 0.0  # when getUpdates had handed the last update to the bot, seconds after the first offer
    get_updates: int = 0
    api_calls: Counter = field(default_factory=Counter)  # method → calls during the burst, polling excluded
    bot_cpu: float = 0.0  # CPU seconds the bot process used during the burst
    server_cpu: float = 0.0  # CPU seconds this process (the fake server) used during the burst

    @property
    def per_second(self) -> float:
        return self.answered / self.wall if self.wall else 0.0

    def latency(self, percent: float) -> float:
        return float(np.percentile(self.latencies, percent)) if self.latencies else float("nan")


@dataclass
class Report:
    corpus: Path
    source: str
    bursts: list[Burst]
    engine_per_second: float
    engine_not_found: int
    startup: float  # bot process started → first getUpdates (imports, index loaded from the warm cache)
    bot_peak_mb: float
    load_before: str
    load_after: str = ""
    profiled: Path | None = None

    @property
    def private(self) -> Burst:
        return self.bursts[0]


class BotProcess:
    """`python -m bot run` against the fake server, stopped with SIGTERM as systemd would stop it."""

    def __init__(self, api: FakeTelegram, knowledge: Path, cache: Path, workdir: Path, profile: Path | None = None):
        self.api = api
        self.profile = profile
        self.log_path = workdir / "bot.log"
        config = {
            "knowledge_dir": str(knowledge.resolve()),
            "cache_dir": str(cache.resolve()),
            "stats": {"database": str(workdir / "stats.sqlite3")},
        }
        self.config = workdir / "config.yaml"
        self.config.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 120) -> float:
        """Start the bot; returns the seconds until it first polled for updates."""
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": self.api.base_url,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        mark = self.api.mark()
        started = time.monotonic()
        with self.log_path.open("wb") as log:  # a file, not a pipe: a full pipe would stall the bot
            # cProfile sees the event loop thread only: PTB, httpx, rendering, SQLite; not the searches
            profiler = ["-m", "cProfile", "-o", str(self.profile.resolve())] if self.profile else []
            self.process = subprocess.Popen(
                [sys.executable, *profiler, "-m", "bot", "run", "--config", str(self.config)],
                cwd=self.workdir,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = started + timeout
        while time.monotonic() < deadline:
            if self.api.wait_count("getUpdates", 1, since=mark, timeout=0.2):
                return time.monotonic() - started
            if self.process.poll() is not None:
                raise RuntimeError(f"the bot exited with code {self.process.returncode}:\n{self.log_tail()}")
        raise RuntimeError(f"the bot did not poll for updates within {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def cpu_seconds(self) -> float:
        """user + system CPU time of the bot process so far (Linux /proc)."""
        assert self.process is not None, "the bot is not started"
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_mb(self) -> float:
        assert self.process is not None, "the bot is not started"
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def message_update(api: FakeTelegram, chat_id: int, user_id: int, text: str) -> dict:
    """A text message as Telegram delivers it, in a private chat (chat_id > 0) or a supergroup."""
    sender = {"id": user_id, "is_bot": False, "first_name": "Đảng viên", "language_code": "vi"}
    chat = (
        {"id": chat_id, "type": "private", "first_name": sender["first_name"]}
        if chat_id > 0
        else {"id": chat_id, "type": "supergroup", "title": "Chi bộ sinh hoạt"}
    )
    message = {
        "message_id": api.new_message_id(chat_id),
        "date": int(time.time()),
        "chat": chat,
        "from": sender,
        "text": text,
    }
    entities = entities_for(text)
    if entities:
        message["entities"] = entities
    return {"message": message}


def send(
    api: FakeTelegram,
    bot: BotProcess,
    texts: list[str],
    chats: int,
    total: int,
    group: bool,
    rate: float,
    timeout: float,
    pause: float = 1.2,
) -> Burst:
    """Offer `total` questions from `chats` chats — all at once, or `rate` a second — and wait for
    every answer (or `timeout`). Question i comes from chat i mod `chats`."""
    name = "group, @mention" if group else "private"
    result = Burst(name + (f", {rate:g}/s" if rate else ""), chats, total, rate)
    mention = f"@{api.bot_user['username']} "
    chat_ids = [(FIRST_GROUP - n) if group else (FIRST_USER + n) for n in range(chats)]
    expected: Counter = Counter()
    updates = []
    for i in range(total):
        chat = chat_ids[i % chats]
        updates.append(
            message_update(api, chat, FIRST_USER + i % chats, (mention if group else "") + texts[i % len(texts)])
        )
        expected[chat] += 1
    ours = set(chat_ids)

    # AIORateLimiter lets a full second's worth through at once after a quiet second: every variant
    # starts from that state, not from what the previous one left.
    time.sleep(pause)
    mark = api.mark()
    bot_cpu, server_cpu = bot.cpu_seconds(), time.process_time()
    if rate:
        queued = []
        first = time.monotonic()
        for i, update in enumerate(updates):
            delay = first + i / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            queued += api.push_updates([update])
    else:
        queued = api.push_updates(updates)
    answers = api.wait_count(
        "sendMessage", total, since=mark, timeout=timeout, where=lambda c: int(c["chat_id"]) in ours
    )
    result.bot_cpu, result.server_cpu = bot.cpu_seconds() - bot_cpu, time.process_time() - server_cpu
    api.wait_quiet(0.5)  # a message beyond the expected ones (a duplicate, an error notice) shows up here

    sent = Counter(
        int(c["chat_id"]) for c in api.calls_of("sendMessage", since=mark, where=lambda c: int(c["chat_id"]) in ours)
    )
    result.answered = sum(min(sent[c], n) for c, n in expected.items())
    result.lost = sum(max(0, n - sent[c]) for c, n in expected.items())
    result.extra = sum(max(0, sent[c] - expected[c]) for c in sent)
    # the no-answer reply, or the one naming a document the folder lacks
    not_found = (esc(NO_ANSWER), esc(NO_ANSWER_MISSING.split("{", 1)[0]), esc(NO_ANSWER_FOREIGN))
    result.not_found = sum(1 for c in answers if c["text"].startswith(not_found))
    # A private answer does not say which question it answers: within a chat, the n-th answer is
    # taken for the n-th question. Exact when all are offered at once; when paced, a chat's
    # questions are chats/rate seconds apart, far more than an answer takes.
    offers: dict[int, list[float]] = {}
    for update in queued:
        offers.setdefault(update["message"]["chat"]["id"], []).append(api.offered[update["update_id"]])
    received: dict[int, list[float]] = {}
    for call in answers:
        received.setdefault(int(call["chat_id"]), []).append(call.time)
    result.latencies = sorted(
        answer - offer
        for chat, times in received.items()
        for offer, answer in zip(sorted(offers[chat]), sorted(times), strict=False)
    )
    start = min(api.offered[u["update_id"]] for u in queued)
    result.wall = max(c.time for c in answers) - start if answers else 0.0
    result.refused = [f"{c.method}: {c.description}" for c in api.errors(since=mark)]
    delivered = [api.delivered[u["update_id"]] for u in queued if u["update_id"] in api.delivered]
    result.handed_over = max(delivered) - start if delivered else float("nan")
    result.get_updates = len(api.calls_of("getUpdates", since=mark))
    result.api_calls = Counter(c.method for c in api.calls_since(mark) if c.method.lower() != "getupdates")
    return result


def engine_baseline(corpus: Path, cache: Path, texts: list[str], total: int) -> tuple[float, int]:
    """(questions per second, how many found nothing): `SearchEngine.search` in this thread, with the
    number of passages the bot asks for, over the same questions in the same order."""
    engine = SearchEngine.open(corpus, cache)
    asked = [texts[i % len(texts)] for i in range(total)]
    for q in asked[:10]:  # analyser and numpy warm, as in a bot that has answered a few questions
        engine.search(q, k=SESSION_HITS)
    started = time.perf_counter()
    found = [engine.search(q, k=SESSION_HITS) for q in asked]
    elapsed = time.perf_counter() - started
    return total / elapsed, sum(1 for r in found if not (r.answered and r.hits))


def run(
    corpus: Path = PARTY_CORPUS,
    texts: list[str] | None = None,
    chats: int = 50,
    total: int = 200,
    cache: Path = BENCH_CACHE,
    group: bool = True,
    rate: float = TARGET,
    timeout: float = 120.0,
    source: str = "",
    profile: Path | None = None,
    pause: float = 1.2,
) -> Report:
    """Engine baseline (which also makes the index cache warm), then one bot process for every
    variant: private chats all at once (the headline), groups all at once, private chats at `rate`
    a second (0: not run)."""
    if texts is None:
        texts = read_questions(DEV_QUESTIONS)
        source = source or DEV_QUESTIONS.name
    load_before = load_average()
    engine_per_second, engine_not_found = engine_baseline(corpus, cache, texts, total)
    api = FakeTelegram(TOKEN).start()
    try:
        with tempfile.TemporaryDirectory(prefix="nghiquyet-throughput-") as tmp:
            bot = BotProcess(api, corpus, cache, Path(tmp), profile)
            try:
                startup = bot.start()
                bursts = [send(api, bot, texts, chats, total, False, 0, timeout, pause)]
                if group:
                    bursts.append(send(api, bot, texts, chats, total, True, 0, timeout, pause))
                if rate:
                    bursts.append(send(api, bot, texts, chats, total, False, rate, timeout, pause))
                peak = bot.peak_mb()
            except BaseException:
                bot.stop()
                print(bot.log_tail(), file=sys.stderr)
                raise
            bot.stop()
    finally:
        api.stop()
    return Report(
        corpus, source, bursts, engine_per_second, engine_not_found, startup, peak, load_before, load_average(), profile
    )


def print_report(report: Report, indent: str = "   ") -> None:
    p = report.private
    print(
        f"{indent}`python -m bot run` in its own process with production settings (AIORateLimiter {TELEGRAM_LIMIT}/s"
        " overall and 20/min per group, 32 concurrent updates, statistics in SQLite, INFO log to a file), long polling"
        " the fake Bot API server in this process over HTTP on 127.0.0.1; only the server URL, token, folders and"
        " database differ."
    )
    print(
        f"{indent}{report.corpus.name}, warm cache; the bot polled {report.startup:.1f} s after it was started;"
        f" {p.questions} questions of {report.source or 'the given list'} (cycled) from {p.chats} chats per variant;"
        f" load {report.load_before} before, {report.load_after} after"
    )
    print(
        f"{indent}{'variant':<19} {'offered':<8} {'answered':>8} {'not found':>9} {'lost':>4} {'extra':>5}"
        f" {'refused':>7} {'wall s':>6} {'answers/s':>9} {'median s':>8} {'p95 s':>6} {'max s':>6}"
        f"  {'bot CPU/answer':>14}  API calls"
    )
    for b in report.bursts:
        calls = ", ".join(f"{m} {n}" for m, n in sorted(b.api_calls.items()))
        cpu = f"{b.bot_cpu / b.answered * 1e3:.1f} ms" if b.answered else "-"
        offered = f"{b.rate:g}/s" if b.rate else "at once"
        slowest = b.latencies[-1] if b.latencies else float("nan")
        print(
            f"{indent}{b.variant:<19} {offered:<8} {b.answered:>8} {b.not_found:>9} {b.lost:>4} {b.extra:>5}"
            f" {len(b.refused):>7} {b.wall:>6.2f} {b.per_second:>9.1f} {b.latency(50):>8.3f} {b.latency(95):>6.3f}"
            f" {slowest:>6.3f}  {cpu:>14}  {calls}"
        )
    for b in report.bursts:
        for refused in b.refused[:5]:
            print(f"{indent}  refused ({b.variant}): {refused}")
    floor = max(0, p.questions - TELEGRAM_LIMIT) / TELEGRAM_LIMIT
    print(
        f"{indent}latency = update offered → its answer received by the fake server ('at once': every update offered"
        f" in the same instant, so the slowest answer ≈ the wall time). The bot had all {p.questions} updates"
        f" {p.handed_over * 1e3:.0f} ms after they were offered ({p.get_updates} getUpdates)."
    )
    print(
        f"{indent}ceiling: the rate limiter passes {TELEGRAM_LIMIT} requests at once, then {TELEGRAM_LIMIT}/s,"
        f" so {p.questions} one-message answers need ≥ {floor:.2f} s"
        f" ({p.questions / floor if floor else float('inf'):.1f}/s; {TELEGRAM_LIMIT}/s sustained)."
        f" Fake server CPU in the private burst {p.server_cpu:.1f} s, bot {p.bot_cpu:.1f} s;"
        f" bot peak memory {report.bot_peak_mb:.0f} MB."
    )
    ratio = p.per_second / report.engine_per_second if report.engine_per_second else float("nan")
    print(
        f"{indent}SearchEngine.search alone, one thread, the same {p.questions} questions"
        f" (k={SESSION_HITS} as the bot asks):"
        f" {report.engine_per_second:.0f} questions/s, {report.engine_not_found} found nothing"
        f" → bot (private, at once) / engine = {p.per_second:.1f} / {report.engine_per_second:.0f} = {ratio:.2f}"
    )
    if p.not_found != report.engine_not_found:
        print(
            f"{indent}NOTE: the bot said 'not found' {p.not_found} times,"
            f" the engine found nothing {report.engine_not_found} times"
        )
    if report.profiled:
        print(f"{indent}NOTE: the bot ran under cProfile ({report.profiled}): these numbers are slower than the bot's")


def met(report: Report) -> bool:
    return (
        all(b.lost == 0 and b.extra == 0 and not b.refused for b in report.bursts)
        and report.private.per_second >= TARGET
    )


def target_line(report: Report) -> str:
    p = report.private
    none_lost = all(b.lost == 0 and b.extra == 0 and not b.refused for b in report.bursts)
    return (
        f"bot throughput: {p.per_second:.1f} answers/s ≥ {TARGET},"
        f" slowest answer {p.latencies[-1] if p.latencies else float('nan'):.2f} s,"
        f" lost {sum(b.lost for b in report.bursts)}: {'met' if met(report) else 'NOT met'}"
        + ("" if none_lost else " (answers lost, duplicated or refused)")
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks throughput", description="Bot throughput through the fake Bot API server."
    )
    p.add_argument("--corpus", type=Path, default=PARTY_CORPUS, help="knowledge folder (default: the party corpus)")
    p.add_argument("--questions", type=Path, default=DEV_QUESTIONS, help="eval file whose questions are sent (cycled)")
    p.add_argument("--chats", type=int, default=50, help="distinct private chats (default 50)")
    p.add_argument("--total", type=int, default=200, help="questions sent, spread over the chats (default 200)")
    p.add_argument(
        "--no-group", action="store_true", help="skip the group-chat variant (the same burst, @mentions in groups)"
    )
    p.add_argument(
        "--rate",
        type=float,
        default=TARGET,
        help=f"questions a second of the paced variant (default {TARGET}; 0: skip it)",
    )
    p.add_argument(
        "--profile", type=Path, metavar="FILE", help="run the bot under cProfile, stats to FILE (slows the bot)"
    )
    p.add_argument("--timeout", type=float, default=120, help="seconds to wait for every answer (default 120)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    missing = missing_inputs(args.corpus, args.questions)
    if missing:
        print(missing, file=sys.stderr)
        return 2
    print(
        f"nghiquyet-bot throughput benchmark · {os.cpu_count()} cores · load {load_average()}"
        f" · python {sys.version.split()[0]}"
    )
    print(f"6. Bot throughput: {args.chats} chats × {args.total} questions through the fake Bot API server")
    report = run(
        args.corpus,
        read_questions(args.questions),
        args.chats,
        args.total,
        group=not args.no_group,
        rate=args.rate,
        timeout=args.timeout,
        source=args.questions.name,
        profile=args.profile,
    )
    print_report(report)
    print(f"\nTarget (issue 5): {target_line(report)}")
    print(f"load {report.load_after}")
    return 0 if all(b.lost == 0 for b in report.bursts) else 1


if __name__ == "__main__":
    sys.exit(main())
