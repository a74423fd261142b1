"""python -m bot {ask, search, index, convert, eval, quiz, run, bench}: one entry point for members, admins and
developers."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from dataclasses import asdict
from pathlib import Path

from bot.answer import KEEP, SEARCH_RESULTS, Answer, answer, render_plain
from bot.config import ConfigError, Settings, load_settings
from bot.evaluation import (
    ALL,
    Outcome,
    changes,
    fold_of,
    fold_reports,
    format_answer_lines,
    format_changes,
    format_folds,
    format_report,
    held_text,
    load_outcomes,
    load_questions,
    outcomes,
    repeated_ids,
    restoration,
    save_outcomes,
    summarise,
    unheld_gold,
)
from bot.knowledge.paths import shown_name
from bot.quiz.bank import load_quiz_banks
from bot.search.engine import SearchEngine, SearchSettings, TermMatch, Verdict
from bot.search.query import Query


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
    try:
        return args.func(args, settings)
    except BrokenPipeError:  # `ask … | head`: the reader has all it wanted
        sys.stderr.close()
        return 0


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
    search.add_argument("-k", type=int, default=SEARCH_RESULTS, help=f"số kết quả (mặc định {SEARCH_RESULTS})")
    search.add_argument("--json", action="store_true", help="mỗi câu hỏi một dòng JSON")
    search.add_argument("--explain", action="store_true", help="vì sao chọn từng đoạn: từ khớp, trường, trọng số, điểm")
    search.set_defaults(func=cmd_search)

    index = sub.add_parser("index", parents=[common], help="xây chỉ mục và báo cáo tệp đọc được/bỏ qua")
    index.add_argument("--strict", action="store_true", help="trả mã lỗi 1 nếu có tệp bị bỏ qua")
    index.set_defaults(func=cmd_index)

    conv = sub.add_parser(
        "convert", parents=[common], help="văn bản Markdown mà bot lập chỉ mục từ một tệp (docx, doc, txt…)"
    )
    conv.add_argument("file", type=Path, metavar="FILE")
    conv.add_argument("-o", "--output", type=Path, metavar="OUT.md", help="ghi ra tệp này thay vì in ra màn hình")
    conv.set_defaults(func=cmd_convert)

    ev = sub.add_parser("eval", parents=[common], help="đo chất lượng tìm kiếm trên bộ câu hỏi")
    ev.add_argument("questions", nargs="+", type=Path, metavar="QUESTIONS.jsonl")
    ev.add_argument("--misses", action="store_true", help="liệt kê câu hỏi không có kết quả đúng trong top 10")
    ev.add_argument(
        "--folds", type=int, default=0, metavar="N", help="thêm kết quả riêng từng phần (chia theo mã câu hỏi)"
    )
    ev.add_argument(
        "--save", type=Path, metavar="RUNS.jsonl", help="ghi kết quả từng câu hỏi (thứ hạng, trả lời, câu trả lời)"
    )
    ev.add_argument(
        "--against",
        type=Path,
        metavar="RUNS.jsonl",
        help="so với một lần chạy đã ghi bằng --save: câu hỏi nào tốt lên, kém đi, ở nửa nào",
    )
    ev.set_defaults(func=cmd_eval)

    quiz = sub.add_parser("quiz", parents=[common], help="in các câu hỏi trắc nghiệm bot tạo ra từ văn bản")
    quiz.add_argument("--sample", type=int, default=10, metavar="N", help="số câu hỏi (mặc định 10)")
    quiz.add_argument("--seed", type=int, default=1, help="hạt ngẫu nhiên (mặc định 1)")
    quiz.add_argument("--document", metavar="VĂN BẢN", help="chỉ hỏi về văn bản này (số hiệu hoặc tên)")
    quiz.set_defaults(func=cmd_quiz)

    run = sub.add_parser("run", parents=[common], help="chạy bot Telegram (long polling, hoặc webhook nếu cấu hình)")
    run.add_argument("--webhook-url", metavar="URL", help="nhận cập nhật qua webhook tại URL công khai này (https://…)")
    run.add_argument(
        "--webhook-secret", metavar="TOKEN", help="mã bí mật Telegram gửi kèm mỗi cập nhật (mặc định: sinh ngẫu nhiên)"
    )
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
    print(render_plain(answer(engine, " ".join(args.question), settings.search.results, KEEP)))
    return 0


def cmd_search(args, settings: Settings) -> int:
    engine = open_engine(settings)
    queries = args.queries or (line.strip() for line in sys.stdin)
    for query in queries:
        if not query:
            continue
        found = answer(engine, query, settings.search.results, args.k)
        explanations = explain_hits(engine, found) if args.explain else None
        deciding, verdict = _deciding(engine, found) if args.explain and found.hits else (0, None)
        read = engine.parse(found.question) if args.explain and found.question else None
        if args.json:
            data = result_json(found)
            for item, matches, hit in zip(data["results"], explanations or [], found.hits, strict=False):
                item["explain"] = [asdict(m) for m in matches]
                item["factors"] = engine.factors_of(hit.index, read)
            if verdict:
                data["verdict"] = asdict(verdict)
            if read:
                data["read_as"] = {"text": read.text, "words": read.words, "synonyms": read.extra_words}
            print(json.dumps(data, ensure_ascii=False), flush=True)
        else:
            why = [_read_text(read)] if read else []
            why += [_verdict_text(verdict, engine.settings, deciding)] if verdict else []
            factors = [engine.factors_of(hit.index, read) for hit in found.hits] if args.explain else None
            print(_result_text(found, explanations, "\n".join(why) or None, factors), flush=True)
    return 0


def _deciding(engine: SearchEngine, found: Answer) -> tuple[int, Verdict]:
    """Which result decided whether the question is answered, and how: the best one, or the
    runner-up that answers when it does not (searched again when `-k` left it out)."""
    rank = found.answering if found.answered else 0
    hits = found.hits if rank < len(found.hits) else engine.search(found.question, k=rank + 1).hits
    return rank, engine.judge(found.question, hits[rank].index, rank)


def explain_hits(engine: SearchEngine, result: Answer) -> list[list[TermMatch]]:
    """For each hit, the query terms it matched, per field, with weights and score shares."""
    return [engine.explain(result.question, hit.index) for hit in result.hits]


def result_json(result: Answer) -> dict:
    """DESIGN.md's JSON contract for one query: the policy's hits (as the bot's pages show them,
    at most -k) and the answer line."""
    line = result.line
    return {
        "query": result.question,
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
        "answer": (
            {"text": line.text, "rank": line.hit + 1, "section": result.hits[line.hit].passage.section_label}
            if line
            else None
        ),
    }


def _read_text(query: Query) -> str:
    """How the question was read: abbreviations spelled out, marks restored, the words searched for
    ("đọc là: đảng_viên dự_bị bao_nhiêu …; đồng nghĩa: …")."""
    line = f"  đọc là: {' '.join(query.words)}"
    return line + (f"; đồng nghĩa: {' '.join(dict.fromkeys(query.extra_words))}" if query.extra_words else "")


def _verdict_text(verdict: Verdict, settings: SearchSettings, rank: int = 0) -> str:
    """ "độ khớp 0.53 (cả tin nhắn), 1.18 (câu hỏi) → 0.86 ≥ 0.58; 11 từ chung (đủ khi ≥ 12)"; `rank`:
    the result that answers, when the best one does not ("trả lời (đoạn 2): … ≥ 0.65")."""
    parts = f"{verdict.whole:.2f} (cả tin nhắn)"
    if verdict.asking is not None:
        parts += f", {verdict.asking:.2f} (câu hỏi) → {verdict.score:.2f}"
    sign = "≥" if verdict.score >= verdict.needed else "<"
    which = f" (đoạn {rank + 1})" if rank else ""
    passage = f"đoạn {rank + 1}" if rank else "đoạn đầu"
    return (
        f"  {'trả lời' if verdict.answered else 'không trả lời'}{which}: độ khớp {parts} {sign} {verdict.needed:g}; "
        f"{verdict.shared_words} từ chung với {passage} (đủ khi ≥ {settings.min_shared_words})"
    )


# What each of the engine's per-passage factors means, for `search --explain`.
FACTOR_NAMES = {
    "authority": "văn bản ban hành quy định",
    "asking": "đoạn có dòng là câu hỏi, phương án trắc nghiệm",
    "replaced": "văn bản đã được thay thế",
    "answer_kind": "đoạn nêu loại điều câu hỏi cần: thời hạn, con số, ngày tháng, cơ quan hoặc số lần",
}


def _result_text(
    result: Answer,
    explanations: list[list[TermMatch]] | None = None,
    verdict: str | None = None,
    factors: list[dict[str, float]] | None = None,
) -> str:
    lines = [f"# {result.question}" + ("" if result.answered else "  (không tìm thấy nội dung phù hợp)")]
    if verdict:
        lines.append(verdict)
    if result.line:
        lines.append(f"  📌 [{result.line.hit + 1}] {result.line.text}")
    for rank, hit in enumerate(result.hits, 1):
        doc = hit.passage.doc
        lines.append(f"{rank:>2}. {hit.score:.3f}  {doc.path}  {hit.passage.section_label}")
        lines.append("    " + hit.passage.text[:200].replace("\n", " "))
        if factors and factors[rank - 1]:
            lines.append(
                "      hệ số " + "; ".join(f"×{v:.2f} ({FACTOR_NAMES[k]})" for k, v in factors[rank - 1].items())
            )
        if explanations:
            lines += [
                f"      {m.score:6.3f}  {m.field:<16} {m.term:<28} trọng số {m.weight:.2f}"
                for m in explanations[rank - 1]
            ]
    return "\n".join(lines)


def cmd_index(args, settings: Settings) -> int:
    started = time.perf_counter()
    engine = open_engine(settings)
    index = engine.index
    bank = load_quiz_banks(Path(settings.knowledge_dir))
    problems = [*engine.problems, *bank.skipped]
    elapsed = time.perf_counter() - started
    print(f"Thư mục: {settings.knowledge_dir}")
    print(f"Văn bản: {len(index.documents)}")
    print(f"Đoạn văn: {len(index.passages)}")
    if bank.quizzes:
        print(f"Câu hỏi trắc nghiệm trong ngân hàng câu hỏi: {len(bank.quizzes)}")
    print(f"Tệp bị bỏ qua: {len(problems)}")
    for problem in problems:
        print(f"  - {problem}")
    warned = [d for d in index.documents if d.notes]
    if warned:
        print(f"Văn bản có cảnh báo: {len(warned)}")
        for doc in warned:
            for note in doc.notes:
                print(f"  - {shown_name(doc.path)}: {note}")
    print(f"Thời gian: {elapsed:.2f} s")
    return 1 if args.strict and problems else 0


def cmd_convert(args, settings: Settings) -> int:
    from bot.knowledge.document import UnreadableFile
    from bot.knowledge.loader import read_bytes, to_markdown

    cache = Path(settings.cache_dir) if settings.cache_dir else None
    try:
        markdown = to_markdown(read_bytes(args.file), args.file.name, cache)
    except UnreadableFile as e:
        print(f"Không đọc được {args.file}: {e}", file=sys.stderr)
        return 1
    if args.output:
        args.output.write_text(markdown, encoding="utf-8")
    else:
        sys.stdout.write(markdown)
    return 0


def cmd_eval(args, settings: Settings) -> int:
    before = None
    if args.against:
        try:
            before = load_outcomes(args.against)
        except (OSError, ValueError, TypeError) as e:
            print(f"Không đọc được {args.against}: {e}", file=sys.stderr)
            return 2
    sets = [load_questions(path) for path in args.questions]
    if args.save or args.against:
        repeated = repeated_ids(sets)
        if repeated:
            # runs are compared question by question through their ids
            print(
                f"Mã câu hỏi trùng giữa các tệp ({', '.join(repeated[:5])}{'…' if len(repeated) > 5 else ''}): "
                "với --save/--against, chạy từng tệp riêng.",
                file=sys.stderr,
            )
            return 2
    engine = open_engine(settings)
    held = held_text(engine)
    every: list[Outcome] = []
    for path, questions in zip(args.questions, sets, strict=True):
        runs = outcomes(engine, questions, settings.search.results)
        report = summarise(questions, runs)
        print(format_report(report, title=f"{path} (knowledge: {settings.knowledge_dir})"))
        print()
        print(format_answer_lines(report.lines))
        print(f"marks restored on the questions typed with them, folded: {restoration(engine, questions)}")
        unheld = unheld_gold(held, questions)
        print(f"questions whose gold phrases no passage holds: {', '.join(unheld) if unheld else 'none'}")
        if args.misses:
            for miss in report.misses:
                print(f"  miss {miss['id']} [{miss['style']}] {miss['question']}")
        if args.folds > 1:
            print()
            reports = fold_reports(questions, runs, args.folds)
            print(format_folds(reports, title=f"{path}: {args.folds} folds"))
            for i, part in enumerate(reports):
                rate = part.lines.get(ALL)
                print(f"answer line, fold {i}: {rate.rate:.2f} ({rate.n})" if rate else f"answer line, fold {i}: –")
                restored = restoration(engine, [q for q in questions if fold_of(q, args.folds) == i])
                print(f"marks restored, fold {i}: {restored}")
        print()
        every += runs
    if before is not None:
        print(f"### So với {args.against}")
        print(format_changes(changes(before, every)))
    if args.save:
        save_outcomes(args.save, every)
    return 0


def cmd_quiz(args, settings: Settings) -> int:
    """Quizzes as the bot would post them, for an admin (or a reviewer) to read."""
    import random

    from bot.library import LibraryError, load_library

    try:
        library = load_library(Path(settings.knowledge_dir), Path(settings.cache_dir) if settings.cache_dir else None)
    except LibraryError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 2
    for skipped in library.skipped:
        print(f"bỏ qua {skipped}", file=sys.stderr)
    docs = None
    if args.document:
        docs = set(library.find_documents(args.document))
        if not docs:
            print(f"Không thấy văn bản «{args.document}».", file=sys.stderr)
            return 1
    book = library.quiz_book()
    quizzes = book.sample(args.sample, random.Random(args.seed), docs)
    for n, quiz in enumerate(quizzes, 1):
        print(f"{n}. [{quiz.kind}] {quiz.question}")
        for i, option in enumerate(quiz.options):
            print(f"   {'*' if i == quiz.correct else ' '} {chr(65 + i)}. {option}")
        print("   " + quiz.explanation.replace("\n", "\n   "))
        if quiz.passage is not None:
            print("   trích: " + " ".join(quiz.passage.text.split())[:300])
        print()
    print(
        f"{len(quizzes)} câu hỏi ({len(book.candidates)} quy định có thể hỏi, "
        f"{len(book.bank)} câu từ ngân hàng câu hỏi)."
    )
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
