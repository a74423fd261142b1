"""python -m bot {ask, search, index, eval, run, bench}: one entry point for members, admins and developers."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from bot.answer import render_plain
from bot.config import ConfigError, Settings, load_settings
from bot.evaluation import evaluate, format_report, load_questions
from bot.knowledge.paths import shown_name
from bot.search.engine import SearchEngine, SearchResult


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["bench"]:
        return cmd_bench(argv[1:])
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings(args.config)
    except ConfigError as e:
        print(f"Lỗi cấu hình: {e}", file=sys.stderr)
        return 2
    if args.knowledge:
        settings = _with_knowledge(settings, args.knowledge)
    return args.func(args, settings)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--knowledge", metavar="DIR", help="thư mục văn bản (mặc định: knowledge/)")
    common.add_argument("--config", metavar="FILE", type=Path, help="tệp cấu hình YAML (mặc định: config.yaml nếu có)")
    parser = argparse.ArgumentParser(prog="python -m bot", description="Trợ lý tra cứu văn bản của Đảng.")
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", parents=[common], help="trả lời một câu hỏi như bot sẽ trả lời")
    ask.add_argument("question", nargs="+")
    ask.set_defaults(func=cmd_ask)

    search = sub.add_parser("search", parents=[common], help="các đoạn văn xếp hạng cho câu hỏi")
    search.add_argument("queries", nargs="*", metavar="QUERY", help="không có: đọc mỗi dòng stdin là một câu hỏi")
    search.add_argument("-k", type=int, default=5, help="số kết quả (mặc định 5)")
    search.add_argument("--json", action="store_true", help="mỗi câu hỏi một dòng JSON")
    search.set_defaults(func=cmd_search)

    index = sub.add_parser("index", parents=[common], help="xây chỉ mục và báo cáo tệp đọc được/bỏ qua")
    index.add_argument("--strict", action="store_true", help="trả mã lỗi 1 nếu có tệp bị bỏ qua")
    index.set_defaults(func=cmd_index)

    ev = sub.add_parser("eval", parents=[common], help="đo chất lượng tìm kiếm trên bộ câu hỏi")
    ev.add_argument("questions", nargs="+", type=Path, metavar="QUESTIONS.jsonl")
    ev.add_argument("--misses", action="store_true", help="liệt kê câu hỏi không có kết quả đúng trong top 10")
    ev.set_defaults(func=cmd_eval)

    run = sub.add_parser("run", parents=[common], help="chạy bot Telegram (long polling, hoặc webhook nếu cấu hình)")
    run.add_argument("--webhook-url", metavar="URL", help="nhận cập nhật qua webhook tại URL công khai này (https://…)")
    run.add_argument("--webhook-secret", metavar="TOKEN", help="mã bí mật Telegram gửi kèm mỗi cập nhật (mặc định: sinh ngẫu nhiên)")
    run.add_argument("--listen", metavar="HOST", help="địa chỉ lắng nghe webhook (mặc định 0.0.0.0)")
    run.add_argument("--port", type=int, help="cổng lắng nghe webhook (mặc định 8443)")
    run.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"], help="mức ghi log")
    run.set_defaults(func=cmd_run)
    # Listed for --help only: main() hands everything after "bench" to benchmarks/run.py's own parser.
    sub.add_parser("bench", add_help=False, help="đo tốc độ và bộ nhớ (benchmarks/; xem: python -m bot bench --help)")
    return parser


def _with_knowledge(settings: Settings, folder: str) -> Settings:
    from dataclasses import replace

    return replace(settings, knowledge_dir=folder)


def open_engine(settings: Settings) -> SearchEngine:
    """The search engine over the configured knowledge folder (index loaded from cache where it can)."""
    folder = Path(settings.knowledge_dir)
    if not folder.is_dir():
        raise SystemExit(f"Không thấy thư mục văn bản: {folder}")
    return SearchEngine.open(
        folder, Path(settings.cache_dir), progress=sys.stderr.isatty(), max_file_bytes=settings.knowledge.max_file_bytes
    )


def _report_problems(engine: SearchEngine) -> None:
    for problem in engine.problems:
        print(f"Bỏ qua {problem}", file=sys.stderr)


def cmd_ask(args, settings: Settings) -> int:
    engine = open_engine(settings)
    _report_problems(engine)
    result = engine.search(" ".join(args.question), k=settings.search.results)
    print(render_plain(result, settings.search.results))
    return 0


def cmd_search(args, settings: Settings) -> int:
    engine = open_engine(settings)
    queries = args.queries or (line.strip() for line in sys.stdin)
    for query in queries:
        if not query:
            continue
        result = engine.search(query, k=args.k)
        print(json.dumps(result_json(result), ensure_ascii=False) if args.json else _result_text(result), flush=True)
    return 0


def result_json(result: SearchResult) -> dict:
    """DESIGN.md's JSON contract for one query."""
    return {
        "query": result.query,
        "answered": result.answered,
        "results": [
            {
                "rank": rank,
                "score": round(hit.score, 6),
                "text": hit.passage.text,
                "section": hit.passage.section_label,
                "doc": hit.passage.doc.metadata(),
            }
            for rank, hit in enumerate(result.hits, 1)
        ],
    }


def _result_text(result: SearchResult) -> str:
    lines = [f"# {result.query}" + ("" if result.answered else "  (không tìm thấy nội dung phù hợp)")]
    for rank, hit in enumerate(result.hits, 1):
        doc = hit.passage.doc
        lines.append(f"{rank:>2}. {hit.score:.3f}  {doc.path}  {hit.passage.section_label}")
        lines.append("    " + hit.passage.text[:200].replace("\n", " "))
    return "\n".join(lines)


def cmd_index(args, settings: Settings) -> int:
    started = time.perf_counter()
    engine = open_engine(settings)
    index = engine.index
    elapsed = time.perf_counter() - started
    print(f"Thư mục: {settings.knowledge_dir}")
    print(f"Văn bản: {len(index.documents)}")
    print(f"Đoạn văn: {len(index.passages)}")
    print(f"Tệp bị bỏ qua: {len(engine.problems)}")
    for problem in engine.problems:
        print(f"  - {problem}")
    warned = [d for d in index.documents if d.notes]
    if warned:
        print(f"Văn bản có cảnh báo: {len(warned)}")
        for doc in warned:
            for note in doc.notes:
                print(f"  - {shown_name(doc.path)}: {note}")
    print(f"Thời gian: {elapsed:.2f} s")
    return 1 if args.strict and engine.problems else 0


def cmd_eval(args, settings: Settings) -> int:
    engine = open_engine(settings)
    for path in args.questions:
        report = evaluate(engine, load_questions(path))
        print(format_report(report, title=f"{path} (knowledge: {settings.knowledge_dir})"))
        if args.misses:
            for miss in report.misses:
                print(f"  miss {miss['id']} [{miss['style']}] {miss['question']}")
        print()
    return 0


def cmd_run(args, settings: Settings) -> int:
    from dataclasses import replace

    from telegram.error import InvalidToken, NetworkError

    from bot.library import LibraryError
    from bot.telegram.app import StartupError, build_application, configure_logging, redact, serve

    overrides = {
        "webhook_url": args.webhook_url,
        "webhook_secret": args.webhook_secret,
        "webhook_listen": args.listen,
        "webhook_port": args.port,
    }
    telegram = replace(settings.telegram, **{k: v for k, v in overrides.items() if v is not None})
    settings = replace(settings, telegram=telegram)
    token = telegram.token
    configure_logging(token, getattr(logging, args.log_level))
    server = telegram.api_base_url or "https://api.telegram.org"
    try:
        serve(build_application(settings), settings)
    except StartupError as e:
        print(f"Không khởi động được bot: {e}", file=sys.stderr)
        return 2
    except InvalidToken:
        print(
            f"Không khởi động được bot: máy chủ Telegram ({server}) từ chối token. "
            "Kiểm tra lại TELEGRAM_BOT_TOKEN (hoặc telegram.token): token lấy từ @BotFather, dạng 123456789:ABC…",
            file=sys.stderr,
        )
        return 2
    except LibraryError as e:
        print(f"Không khởi động được bot: {e}", file=sys.stderr)
        return 2
    except NetworkError as e:
        print(f"Không kết nối được tới máy chủ Telegram Bot API ({server}): {redact(str(e), token)}", file=sys.stderr)
        return 2
    return 0

def cmd_bench(argv: list[str]) -> int:
    """The benchmarks live beside the package (benchmarks/), so they need a checkout."""
    root = Path(__file__).resolve().parent.parent
    if not (root / "benchmarks" / "run.py").is_file():
        print("Không thấy thư mục benchmarks/: lệnh này chạy từ bản checkout của dự án.", file=sys.stderr)
        return 2
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from benchmarks.run import main as bench_main

    # every command takes --knowledge; the benchmarks call the folder --corpus
    return bench_main(["--corpus" if a == "--knowledge" else a for a in argv])
