"""Issue 9, acceptance: property tests over random questions and random documents (front matter with
long and odd values, odd file names, odd text). Whatever they are: no exception, every message valid
Telegram HTML of at most 4,096 characters, every button's data at most 64 bytes.

`make test` runs a few hundred examples. The slow run (≥ 10,000 examples):

    NGHIQUYET_PROPERTY_EXAMPLES=10000 .venv/bin/python -m pytest -q tests/test_hardening_property.py
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answer import Answer, answer, render_plain
from bot.library import Library, LibraryError, load_library
from bot.telegram import render
from bot.telegram.admin import report_lines
from bot.telegram.service import ReloadReport
from tests.fake_telegram import check_markup, check_text

EXAMPLES = int(os.environ.get("NGHIQUYET_PROPERTY_EXAMPLES", "0"))
DOC_EXAMPLES = EXAMPLES or 100
QUESTION_EXAMPLES = EXAMPLES or 200
SETTINGS = dict(deadline=None, suppress_health_check=list(HealthCheck), derandomize=not EXAMPLES)

WORDS = [
    "đảng",
    "viên",
    "chi",
    "bộ",
    "kết",
    "nạp",
    "dự",
    "bị",
    "chính",
    "thức",
    "nghị",
    "quyết",
    "quy",
    "định",
    "điều",
    "khoản",
    "sinh",
    "hoạt",
    "đảng",
    "phí",
    "kỷ",
    "luật",
    "khiển",
    "trách",
    "cảnh",
    "cáo",
    "ban",
    "chấp",
    "hành",
    "tỉnh",
    "ủy",
    "kế",
    "hoạch",
    "tuyên",
    "truyền",
    "98-KH/TU",
    "QĐ",
    "294",
    "NQ21",
    "ĐV",
    "TCCSĐ",
    "dang",
    "vien",
    "du",
    "bi",
]
ODD = [
    "&",
    "<",
    ">",
    "<b>",
    "</i>",
    "&amp;",
    '"',
    "'",
    "\u200b",
    "\u202e",
    "\x1b[31m",
    "\x00",
    "\t",
    "🙏",
    "\U0001d538",
    "\ufeff",
    "\u0301",
]

word = st.sampled_from(WORDS)
odd_text = st.text(min_size=0, max_size=40)
fragment = st.one_of(word, word, word, st.sampled_from(ODD), odd_text)
question = st.lists(fragment, min_size=0, max_size=25).map(" ".join)
long_value = st.one_of(
    st.text(min_size=0, max_size=200),
    st.builds(lambda w, n: (w + " ") * n, word, st.integers(1, 1200)),
    st.sampled_from(ODD),
)
value = st.one_of(
    long_value,
    st.integers(-(10**30), 10**30),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.lists(long_value, max_size=4),
    st.dictionaries(st.text(max_size=5), long_value, max_size=2),
    st.none(),
    st.booleans(),
)
front_matter = st.dictionaries(
    st.sampled_from(["title", "symbol", "type", "issuer", "issued", "published", "source", "status", "tags", "other"]),
    value,
    max_size=9,
)
line = st.one_of(
    st.lists(fragment, min_size=1, max_size=40).map(" ".join),
    st.builds(lambda n, t: f"Điều {n}. {t}", st.integers(1, 30), st.lists(word, max_size=12).map(" ".join)),
    st.builds(
        lambda h, t: f"{h} {t}",
        st.sampled_from(["#", "##", "Chương I.", "Mục 2.", "1.", "a)", "-"]),
        st.lists(fragment, max_size=60).map(" ".join),
    ),
    st.builds(lambda w, n: (w + " ") * n, st.sampled_from(WORDS + ODD), st.integers(50, 900)),
)
body = st.lists(line, min_size=1, max_size=25).map("\n\n".join)
name_text = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=60)
file_name = st.one_of(
    st.builds(lambda n, s: n + s, name_text, st.sampled_from([".md", ".txt", ".md", ".pdf", ""])),
    st.builds(
        lambda b: os.fsdecode(b + b".md"),
        st.binary(min_size=1, max_size=30).filter(lambda b: b"/" not in b and b"\x00" not in b),
    ),
)
document = st.tuples(file_name, st.one_of(st.none(), front_matter), body)


def write_folder(folder: Path, documents) -> None:
    for n, (name, meta, text) in enumerate(documents):
        if name in (".", "..") or len(os.fsencode(name)) > 200:
            name = f"tệp-{n}.md"
        path = folder / f"{n}-{name}"
        header = ""
        if meta is not None:
            header = "---\n" + yaml.safe_dump(meta, allow_unicode=True, default_flow_style=False) + "---\n"
        try:
            path.write_bytes((header + text).encode("utf-8", "surrogatepass"))
        except (OSError, ValueError):  # a name the file system refuses: not our case
            continue


def assert_message(text: str) -> None:
    error = check_text(text, "HTML")
    assert error is None or error == "message text is empty", f"{error}: {text[:300]!r}"
    assert render.tg_len(text) <= render.MAX_LEN


def assert_keyboard(keyboard) -> None:
    assert check_markup(keyboard.to_dict()) is None


def check_answer(library: Library, q: str) -> Answer:
    """Every message of an answer, private and group, as the bot renders it through the policy."""
    found = answer(library.engine, q, 3)
    for group in (False, True):
        pages = render.answer_pages(found, 3, group)
        for n, page in enumerate(pages):
            if found.hits:
                assert_message(render.answer_html(found, page, n, group))
            targets = [library.passage_ref(hit.index) for hit in found.hits]
            assert_keyboard(render.answer_keyboard(library, targets, page, "AbCdEfGh", n, len(pages), 2**53 - 1))
    for hit in found.hits[:10]:
        assert_message(render.hit_html(hit, q, found.words))
        assert render.tg_len(render.truncate(hit.passage.text, 200)) <= 400
    render_plain(found)
    return found


def check_library(library: Library, q: str) -> None:
    check_answer(library, q)
    assert_keyboard(render.no_answer_keyboard(library, library.find_by_number(q)))
    found = library.find_documents(q[:200])
    if found:
        text, keyboard = render.document_choice(library, found, q)
        assert_message(text)
        assert_keyboard(keyboard)


def check_documents(library: Library) -> None:
    for page in range(max(1, -(-len(library.documents) // 10))):
        text, keyboard, _ = render.list_page(library, page)
        assert_message(text)
        assert_keyboard(keyboard)
    for doc in range(len(library.documents)):
        for page in range(2):
            text, keyboard, _ = render.outline_page(library, doc, page)
            assert_message(text)
            assert_keyboard(keyboard)
        first = int(library.index.document_passages(doc)[0])
        for anchor in ("around", "start", "end"):
            view = render.section_view(library, first, anchor)
            for message in view.messages:
                assert_message(message)
            assert_keyboard(view.keyboard)


@settings(max_examples=DOC_EXAMPLES, **SETTINGS)
@given(documents=st.lists(document, min_size=1, max_size=3), q=question)
def test_random_documents_and_questions_give_valid_messages(documents, q):
    folder = Path(tempfile.mkdtemp(prefix="prop-"))
    try:
        write_folder(folder, documents)
        try:
            library = load_library(folder, None)
        except LibraryError as e:  # nothing readable: the admin report must still be sendable
            report = ReloadReport(False, None, error=str(e), skipped=e.skipped)
            for message in render.pack(report_lines(report)):
                assert_message(message)
            return
        report = ReloadReport(True, None, library, skipped=library.index.skipped)
        for message in render.pack(report_lines(report)):
            assert_message(message)
        check_documents(library)
        check_library(library, q)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def seed_library(tmp_path_factory) -> Library:
    from tests.bot_harness import make_knowledge

    return load_library(make_knowledge(tmp_path_factory.mktemp("k") / "knowledge"), None)


def test_random_questions_on_real_documents_give_valid_messages(seed_library):
    @settings(max_examples=QUESTION_EXAMPLES, **SETTINGS)
    @given(q=question)
    def run(q):
        check_library(seed_library, q)

    run()
