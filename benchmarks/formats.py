"""File formats (issue 8): the party corpus converted to what admins have, then read back.

    python -m benchmarks.formats [--docs N] [--scans N] [--formats pdf,html,docx,doc]

Each Markdown file of the corpus (or an even sample of N) is rendered to HTML by a small renderer
below, and LibreOffice makes .pdf, .docx and .doc from that HTML, as a clerk's "Save as" would;
the HTML itself is wrapped in a portal's page (menu, ticker, related news, footer) that the web
reader must drop. A few short documents also become scans: pdftoppm rasterises their PDF at
150 dpi and the pages are put back together as an image-only PDF.

Every file is then read by `readers.convert`, whatever format that is, so rows for formats whose
reader lives on another branch fill in when it is merged (until then they print "no reader").
Per format: the share of the source's words kept (F1 of the multisets of folded words of the
cleaned text, `bot.evaluation.word_f1`; goal ≥ 0.98, scans ≥ 0.95), seconds per file (pages per
minute for OCR), files refused and why, and dev-set hit@3 with the converted files in place of
their Markdown (goal: within 0.03 of the Markdown corpus).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpus import BENCH_CACHE, DEV_QUESTIONS, PARTY_CORPUS, ROOT, load_average, missing_inputs
from bot.evaluation import evaluate, load_questions, word_f1
from bot.knowledge.cleaning import clean
from bot.knowledge.document import UnreadableFile
from bot.knowledge.loader import _split_front_matter, list_files, parse_document, relative_name
from bot.knowledge.readers import convert, reader_of
from bot.search.engine import SearchEngine

WORK = ROOT / ".cache" / "bench-formats"
OFFICE_FORMATS = {"pdf": "pdf:writer_pdf_Export", "docx": "docx:MS Word 2007 XML", "doc": "doc:MS Word 97"}
FORMATS = ["html", "pdf", "docx", "doc"]
SCAN_DPI = 150
MAX_SCAN_PAGES = 3  # scans are made of short documents: OCR takes seconds a page


@dataclass
class FormatResult:
    name: str
    files: int = 0
    f1: list[float] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # source of each F1
    seconds: list[float] = field(default_factory=list)
    pages: int = 0
    same_symbol: int = 0  # files whose number (98-KH/TU) is read as from the Markdown
    with_symbol: int = 0  # Markdown files that have one
    refused: dict[str, str] = field(default_factory=dict)
    hit3: float | None = None
    no_reader: bool = False


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks.formats", description=__doc__.split("\n\n")[0])
    p.add_argument("--docs", type=int, default=0, help="an even sample of N Markdown files (default: all)")
    p.add_argument("--scans", type=int, default=3, help="documents also made into scanned PDFs (default 3)")
    p.add_argument("--formats", default=",".join(FORMATS), help=f"formats to make (default {','.join(FORMATS)})")
    p.add_argument("--no-eval", action="store_true", help="skip dev-set hit@3 (indexes one corpus per format)")
    p.add_argument("--corpus", type=Path, default=PARTY_CORPUS)
    p.add_argument("--questions", type=Path, default=DEV_QUESTIONS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    missing = missing_inputs(args.corpus, args.questions)
    if missing:
        print(missing, file=sys.stderr)
        return 2
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            print(f"Need {tool} (LibreOffice, poppler-utils) to make the files.", file=sys.stderr)
            return 2
    formats = [f for f in args.formats.split(",") if f]
    started = time.perf_counter()
    print(f"nghiquyet-bot format benchmark · load {load_average()}")
    sources = sample(args.corpus, args.docs)
    print(f"{len(sources)} Markdown files of {args.corpus} → {', '.join(formats)}; {args.scans} scanned\n")
    if WORK.exists():
        shutil.rmtree(WORK)
    made = make_files(sources, formats, WORK)
    scans = make_scans(sources, made.get("pdf", {}), args.scans, WORK / "scan") if args.scans else {}
    print(f"files made in {time.perf_counter() - started:.0f} s\n")

    numbers = symbols(args.corpus, sources)
    results = [read_back(name, files, sources, numbers) for name, files in made.items()]
    if scans:
        results.append(read_back("scan (OCR)", scans, sources, numbers))
    if not args.no_eval:
        questions = load_questions(args.questions)
        baseline = hit_at_3(args.corpus, questions)
        print(f"dev hit@3, Markdown corpus: {baseline:.3f}")
        for result in results:
            if result.name in made and not result.no_reader:
                result.hit3 = hit_at_3(
                    corpus_with(args.corpus, made[result.name], WORK / f"corpus-{result.name}"), questions
                )
    else:
        baseline = None
    report(results, baseline)
    print(f"\nload {load_average()} · total {time.perf_counter() - started:.0f} s")
    return 0


def symbols(corpus: Path, rels) -> dict[str, str | None]:
    """The document number the loader finds in each Markdown file."""
    out = {}
    for rel in rels:
        try:
            out[rel] = parse_document(rel, (corpus / rel).read_bytes()).symbol
        except UnreadableFile:
            out[rel] = None
    return out


def sample(corpus: Path, n: int) -> dict[str, str]:
    """relative path → cleaned body text, for an even sample of the corpus's Markdown files."""
    files = [p for p in list_files(corpus) if p.suffix == ".md"]
    if n and n < len(files):
        step = len(files) / n
        files = [files[int(i * step)] for i in range(n)]
    out = {}
    for path in files:
        _, body = _split_front_matter(path.read_text(encoding="utf-8"))
        text = clean(body)
        if text.strip():
            out[relative_name(path, corpus)] = text
    return out


def render_html(text: str, title: str) -> str:
    """A cleaned document as a plain HTML page: `#` headings, bold lines, list items, paragraphs."""
    body = []
    items: list[str] = []
    for line in text.split("\n"):
        if line.startswith("- "):
            items.append(f"<li>{html.escape(line[2:])}</li>")
            continue
        if items:
            body.append(f"<ul>{''.join(items)}</ul>")
            items = []
        if line.startswith("#"):
            level = min(len(line) - len(line.lstrip("#")), 6)
            body.append(f"<h{level}>{html.escape(line.lstrip('#').strip())}</h{level}>")
        elif line.startswith("**") and line.endswith("**") and len(line) > 4:
            body.append(f"<p><b>{html.escape(line[2:-2])}</b></p>")
        elif line.strip():
            body.append(f"<p>{html.escape(line)}</p>")
    if items:
        body.append(f"<ul>{''.join(items)}</ul>")
    return (
        f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>\n'
        f"<body>\n{chr(10).join(body)}\n</body></html>\n"
    )


PORTAL = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{title} - Cổng thông tin điện tử</title></head><body>
<header><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ ĐẢNG BỘ TỈNH</div>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/tin-tuc">Tin tức - Sự kiện</a></li>
<li><a href="/van-ban">Văn bản</a></li><li><a href="/lien-he">Liên hệ</a></li></ul></nav>
<div class="ticker"><marquee>Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ mười lăm · Khai mạc Hội báo Xuân</marquee></div></header>
<div class="container"><aside class="sidebar"><h3>Chuyên mục</h3><ul><li><a href="/a">Xây dựng Đảng</a></li><li><a href="/b">Kinh tế</a></li></ul></aside>
<main><article>{body}</article>
<div class="related"><h3>Tin liên quan</h3><ul><li><a href="/x1">Tỉnh ủy làm việc với Đảng ủy Khối doanh nghiệp</a></li>
<li><a href="/x2">Trao Huy hiệu Đảng đợt 19 tháng 5</a></li></ul></div>
<div class="share">Chia sẻ: Facebook | Zalo | In bài</div></main></div>
<footer><p>Cơ quan chủ quản: Văn phòng Tỉnh ủy. Địa chỉ: số 5 đường Võ Trường Toản. Điện thoại: 0277.3851234</p>
<p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></footer></body></html>
"""


def make_files(sources: dict[str, str], formats: list[str], work: Path) -> dict[str, dict[str, Path]]:
    """format → {source relative path → made file}. LibreOffice runs once per format on every file."""
    plain = work / "html-plain"
    plain.mkdir(parents=True)
    names = {}
    for i, (rel, text) in enumerate(sources.items()):
        name = f"d{i:04d}"
        names[name] = rel
        (plain / f"{name}.html").write_text(render_html(text, Path(rel).stem), encoding="utf-8")
    made: dict[str, dict[str, Path]] = {}
    if "html" in formats:
        portal = work / "html"
        portal.mkdir()
        made["html"] = {}
        for name, rel in names.items():
            page = (plain / f"{name}.html").read_text(encoding="utf-8")
            body = page[page.index("<body>") + 6 : page.index("</body>")]
            path = portal / f"{name}.html"
            path.write_text(PORTAL.format(title=html.escape(Path(rel).stem), body=body), encoding="utf-8")
            made["html"][rel] = path
    for fmt in formats:
        if fmt not in OFFICE_FORMATS:
            continue
        out = work / fmt
        started = time.perf_counter()
        soffice([str(plain / f"{n}.html") for n in names], OFFICE_FORMATS[fmt], out, work / ".lo-profile")
        made[fmt] = {rel: out / f"{name}.{fmt}" for name, rel in names.items() if (out / f"{name}.{fmt}").exists()}
        print(
            f"   LibreOffice → .{fmt}: {len(made[fmt])}/{len(names)} files in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
    return made


def soffice(files: list[str], target: str, outdir: Path, profile: Path, batch: int = 40) -> None:
    for i in range(0, len(files), batch):
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--infilter=HTML (StarWriter)",
             "--convert-to", target, "--outdir", str(outdir), *files[i : i + batch]],
            capture_output=True, timeout=1800, check=False,
        )  # fmt: skip


def make_scans(sources: dict[str, str], pdfs: dict[str, Path], n: int, out: Path) -> dict[str, Path]:
    """Short documents' PDFs rasterised and rebuilt as image-only PDFs."""
    import pypdfium2 as pdfium
    from PIL import Image

    out.mkdir(parents=True)
    chosen = {}
    for rel, pdf in pdfs.items():
        if len(chosen) >= n:
            break
        pages = len(pdfium.PdfDocument(pdf))
        if pages > MAX_SCAN_PAGES or len(sources[rel]) < 1500:
            continue
        prefix = out / pdf.stem
        subprocess.run(["pdftoppm", "-r", str(SCAN_DPI), "-gray", "-png", str(pdf), str(prefix)], check=True)
        images = [Image.open(p) for p in sorted(out.glob(f"{pdf.stem}-*.png"))]
        target = out / f"{pdf.stem}.pdf"
        buffer = io.BytesIO()
        images[0].save(buffer, "PDF", resolution=SCAN_DPI, save_all=True, append_images=images[1:])
        target.write_bytes(buffer.getvalue())
        chosen[rel] = target
    return chosen


def read_back(
    name: str, files: dict[str, Path], sources: dict[str, str], numbers: dict[str, str | None]
) -> FormatResult:
    import pypdfium2 as pdfium

    result = FormatResult(name, files=len(files))
    if files:
        try:
            reader_of(next(iter(files.values())).name)
        except UnreadableFile:
            result.no_reader = True
            return result
    for rel, path in files.items():
        data = path.read_bytes()
        started = time.perf_counter()
        try:
            converted = convert(data, path.name)
        except UnreadableFile as e:
            result.refused[rel] = str(e)
            continue
        result.seconds.append(time.perf_counter() - started)
        _, body = _split_front_matter(converted.text)
        result.f1.append(word_f1(clean(body), sources[rel]))
        result.names.append(rel)
        if numbers.get(rel):
            result.with_symbol += 1
            with contextlib.suppress(UnreadableFile):
                # the converted text read as Markdown: what the loader does after converting
                result.same_symbol += parse_document(rel, converted.text.encode("utf-8")).symbol == numbers[rel]
        if path.suffix == ".pdf":
            result.pages += len(pdfium.PdfDocument(data))
    print(f"   read back {name}: {len(result.f1)}/{len(files)} files", flush=True)
    return result


def corpus_with(corpus: Path, converted: dict[str, Path], target: Path) -> Path:
    """A copy of the corpus where each converted file stands in for its Markdown."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(corpus, target)
    for rel, path in converted.items():
        (target / rel).unlink()
        shutil.copyfile(path, (target / rel).with_suffix(path.suffix))
    return target


def hit_at_3(corpus: Path, questions: list[dict]) -> float:
    engine = SearchEngine.open(corpus, BENCH_CACHE)
    return evaluate(engine, questions).overall.hit(3)


def report(results: list[FormatResult], baseline: float | None) -> None:
    print(
        "\n| format | files | read | F1 mean | F1 min | ≥ goal | same number | s/file (median) | pages/min"
        " | dev hit@3 | refused |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        if r.no_reader:
            print(f"| {r.name} | {r.files} | no reader | | | | | | | | |")
            continue
        goal = 0.95 if r.name.startswith("scan") else 0.98
        mean = statistics.fmean(r.f1) if r.f1 else 0.0
        met = sum(f >= goal for f in r.f1)
        seconds = statistics.median(r.seconds) if r.seconds else 0.0
        ppm = f"{r.pages / sum(r.seconds) * 60:.1f}" if r.name.startswith("scan") and r.seconds else ""
        hit = f"{r.hit3:.3f} ({r.hit3 - baseline:+.3f})" if r.hit3 is not None and baseline is not None else ""
        print(
            f"| {r.name} | {r.files} | {len(r.f1)} | {mean:.4f} | {min(r.f1, default=0):.3f} "
            f"| {met}/{len(r.f1)} ≥ {goal} | {r.same_symbol}/{r.with_symbol} "
            f"| {seconds:.2f} | {ppm} | {hit} | {len(r.refused)} |"
        )
    for r in results:
        worst = sorted(zip(r.f1, r.names, strict=True))[:3]
        if worst:
            print(f"   {r.name}, lowest F1: " + ", ".join(f"{rel} {f:.3f}" for f, rel in worst))
        for rel, reason in list(r.refused.items())[:5]:
            print(f"   {r.name} refused {rel}: {reason}")


if __name__ == "__main__":
    sys.exit(main())
