"""The quiz generator on the Điều lệ Đảng and the seed plan, and quiz banks written by admins."""

from __future__ import annotations

import random
import re
import shutil

import pytest

from bot.knowledge.chunker import chunk
from bot.knowledge.loader import parse_document
from bot.quiz.bank import BankError, load_quiz_banks, parse_bank, read_yaml
from bot.quiz.book import QuizBook
from bot.quiz.generate import BODY, find_spans, number_value, question_text
from bot.quiz.model import Quiz, tg_len
from tests.conftest import KNOWLEDGE

_LIST_NUMBER = re.compile(r"^(?:\d{1,3}|[IVXLC]+|[a-zđ])[.)]?$", re.I)


def _passages(*files):
    passages, owners = [], []
    for n, (name, path) in enumerate(files):
        document = parse_document(name, path.read_bytes())
        found = chunk(document)
        passages += found
        owners += [n] * len(found)
    return passages, owners


@pytest.fixture(scope="module")
def book():
    """The seed plan and the Điều lệ Đảng, as a folder an admin would set up."""
    passages, owners = _passages(
        ("ke-hoach-98-KH-TU.md", KNOWLEDGE / "ke-hoach-98-KH-TU.md"),
        ("dieu-le-dang.md", KNOWLEDGE / "dieu-le-dang.md"),
    )
    return QuizBook.build(passages, owners)


@pytest.fixture(scope="module")
def quizzes(book):
    found = book.sample(1000, random.Random(7))
    assert len(found) >= 40, "the Điều lệ has dozens of rules with a decisive part"
    return found


def _kind_of(text: str) -> str | None:
    spans = find_spans(f"do {text} quyết định", -1) or find_spans(text, -1)
    return spans[0][2].kind if spans else None


def test_correct_option_is_quoted_from_the_cited_passage(quizzes):
    for quiz in quizzes:
        assert quiz.passage is not None
        assert quiz.answer in quiz.passage.text, quiz


def test_options_are_distinct_of_the_same_kind_and_never_a_second_answer(quizzes):
    for quiz in quizzes:
        assert len(quiz.options) == 4
        assert len({o.lower() for o in quiz.options}) == 4, quiz.options
        kinds = {_kind_of(o) for o in quiz.options}
        assert kinds == {quiz.kind}, (quiz.options, kinds)
        values = [find_spans(f"do {o} quyết định" if quiz.kind == BODY else o, -1)[0][2].value for o in quiz.options]
        assert len(set(values)) == 4, f"two options mean the same: {quiz.options}"


def test_options_keep_near_the_answers_size():
    # "853 đảng viên" beside "10 đảng viên", "5 năm" beside "03 ngày": an option that gives itself away
    from bot.quiz.generate import Pool, candidates_in

    rule = "Những chi bộ có từ 10 đảng viên trở lên sinh hoạt tạm thời thì phải lập tổ đảng."
    others = (
        "Đảng bộ có 853 đảng viên. Chi bộ có ít nhất 3 đảng viên chính thức. Tổ đảng có từ 5 đảng viên trở lên."
        " Chi ủy có 7 đảng viên. Đảng ủy có 1500 đảng viên. Đảng bộ có 2 đảng viên dự bị. Chi bộ có 15 đảng viên."
    )
    document = parse_document("tam-thoi.md", f"{rule}\n\n{others}\n".encode())
    passage = chunk(document)[0]
    candidate = next(c for c in candidates_in(passage, 0, 0) if c.span.text == "10 đảng viên")
    pool = Pool([s for line in passage.text.split("\n") for _, _, s in find_spans(line, 0)])
    for seed in range(20):
        wrong = pool.distractors(candidate, "Những chi bộ có từ … trở lên sinh hoạt tạm thời?", random.Random(seed))
        assert wrong is not None and set(wrong) <= {"3 đảng viên", "5 đảng viên", "7 đảng viên", "15 đảng viên"}, wrong


def test_telegram_limits(quizzes):
    for quiz in quizzes:
        assert quiz.problems() == []
        assert 1 <= tg_len(quiz.question) <= 300
        assert all(1 <= tg_len(o) <= 100 for o in quiz.options)
        assert tg_len(quiz.explanation) <= 200 and quiz.explanation.count("\n") <= 2


def test_no_heading_or_list_number_is_asked(quizzes):
    for quiz in quizzes:
        for option in quiz.options:
            assert not _LIST_NUMBER.match(option), option
            assert all(option != element for element in quiz.passage.section)
        assert "…" in quiz.question
        assert not re.match(r"^Theo [^:]+: (?:Điều|Chương|Mục)\s+\d", quiz.question), quiz.question


def test_explanation_cites_document_and_article(quizzes):
    cited = [q for q in quizzes if "Điều lệ" in q.explanation]
    assert cited and all(re.search(r"Điều \d+", q.explanation) for q in cited)


def test_the_probation_rule_is_asked_with_durations(book):
    rng = random.Random(3)
    probation = [c for c in book.candidates if "thời kỳ dự bị" in c.before and c.span.text == "mười hai tháng"]
    assert probation
    from bot.quiz.generate import build_quiz

    quiz = build_quiz(probation[0], book.pool, rng)
    assert quiz.answer == "mười hai tháng"
    assert all(o.endswith("tháng") or o.endswith("năm") for o in quiz.options)
    assert "một năm" not in quiz.options  # twelve months is one year: never a wrong option


def test_seed_plan_is_asked_who_issued_it(book):
    quiz = book.next(set(), docs={0}, rng=random.Random(1))
    assert quiz is not None and quiz.answer == "Ban Thường vụ Tỉnh ủy"
    assert "98-KH/TU" in quiz.question and quiz.kind == BODY


def test_no_repeats_until_exhausted(book):
    asked: set[str] = set()
    rng = random.Random(5)
    for _ in range(30):
        quiz = book.next(asked, rng=rng)
        assert quiz.key not in asked
        asked.add(quiz.key)


@pytest.mark.parametrize(
    "text, value",
    [
        ("12", 12),
        ("mười hai", 12),
        ("hai mươi bốn", 24),
        ("năm", 5),
        ("ba mươi", 30),
        ("mười lăm", 15),
        ("một trăm", 100),
        ("một hai", None),
    ],
)
def test_vietnamese_numbers(text, value):
    assert number_value(text) == value


def test_dates_and_document_numbers_are_not_decisive_parts():
    text = "Ngày 15 tháng 3 năm 2023, thực hiện Quy định số 24-QĐ/TW, Điều 5, khoản 2 trong 02 năm 2023."
    assert [s.kind for _, _, s in find_spans(text, 0)] == []


def test_a_price_per_month_is_not_asked_as_a_time_limit():
    # the quiz asked "học phí từ 50.000 đến 540.000 đồng …?" with "một tháng", "sáu tháng" as options
    text = "Học phí mầm non từ 50.000 đến 540.000 đồng một tháng; phải nộp trong vòng 3 tháng."
    assert [text[a:b] for a, b, span in find_spans(text, 0) if span.kind == "thời hạn"] == ["3 tháng"]


def test_a_quiz_pages_options_are_never_asked_as_rules(tmp_path):
    """A web page quoting a contest lists options of which only one is true: none is a rule."""
    page = tmp_path / "dap-an.md"
    page.write_text(
        "Câu 14: Nghị quyết đặt mục tiêu chi đầu tư như thế nào?\n"
        "A. Chi đầu tư đạt ít nhất 10% tổng chi ngân sách nhà nước\n"
        "B. Chi đầu tư đạt ít nhất 6% tổng chi ngân sách nhà nước "
        "C. Chi đầu tư đạt ít nhất 5% tổng chi ngân sách nhà nước\n"
        "Chi bộ họp thường lệ mỗi tháng một lần do bí thư chi bộ triệu tập và chủ trì.\n",
        encoding="utf-8",
    )
    book = QuizBook.build(*_passages(("dap-an.md", page)))
    asked = [question_text(c) for c in book.candidates]
    assert asked, "the real rule below the options is still asked"
    assert not any("ngân sách" in q for q in asked), asked


# --- banks ----------------------------------------------------------------------------------------

BANK = """
- question: Chi bộ họp thường lệ bao lâu một lần?
  options: [Mỗi tháng một lần, Ba tháng một lần, Sáu tháng một lần, Mỗi năm một lần]
  correct: Mỗi tháng một lần
  explanation: Điều lệ Đảng, Điều 24
  source: Điều lệ Đảng, Điều 24
- question: Thời kỳ dự bị của đảng viên là bao lâu?
  options: [6 tháng, 12 tháng, 18 tháng]
  correct: 2
- question: Câu thiếu đáp án
  options: [A, B]
"""


def test_bank_questions_and_the_broken_one_reported(tmp_path):
    (tmp_path / "bo-cau-hoi.quiz.yaml").write_text(BANK, encoding="utf-8")
    (tmp_path / "hong.quiz.yaml").write_text("- question: [chưa đóng\n", encoding="utf-8")
    bank = load_quiz_banks(tmp_path)
    assert [q.answer for q in bank.quizzes] == ["Mỗi tháng một lần", "12 tháng"]
    reasons = {s.path: s.reason for s in bank.skipped}
    assert "câu 3" in reasons["bo-cau-hoi.quiz.yaml"]
    assert reasons["hong.quiz.yaml"].endswith("YAML sai, dòng 2: thiếu dấu ] đóng danh sách mở bằng [")


def test_bank_limits_and_aliases_refused():
    long_option = "x" * 101
    quizzes, problems = parse_bank(
        "a.quiz.yaml", f"- question: Q?\n  options: [a, '{long_option}']\n  correct: 1\n".encode()
    )
    assert quizzes == [] and "100" in problems[0]
    with pytest.raises(BankError, match="neo"):
        read_yaml(b"a: &x [1, 2]\nb: *x\n")
    with pytest.raises(BankError, match="quá giới hạn"):
        read_yaml(b"a: 1\n" * 300_000)


def test_quiz_problems_names_what_telegram_refuses():
    quiz = Quiz("?" * 301, ("a", "a"), 0, "x\n\n\n", "k", "ngân hàng")
    assert len(quiz.problems()) == 3


# --- command line ------------------------------------------------------------------------------------


def test_cli_prints_quizzes_and_index_reports_a_broken_bank(tmp_path, capsys):
    from bot.cli import main

    folder = tmp_path / "knowledge"
    folder.mkdir()
    shutil.copy(KNOWLEDGE / "dieu-le-dang.md", folder / "dieu-le-dang.md")
    (folder / "bo-cau-hoi.quiz.yaml").write_text(BANK, encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(f"cache_dir: {tmp_path / 'cache'}\n", encoding="utf-8")
    assert main(["quiz", "--sample", "5", "--knowledge", str(folder), "--config", str(config)]) == 0
    out = capsys.readouterr()
    assert out.out.count("   * ") == 5 and "5 câu hỏi" in out.out and "2 câu từ ngân hàng" in out.out
    assert "bo-cau-hoi.quiz.yaml: câu 3" in out.err
    assert main(["index", "--strict", "--knowledge", str(folder), "--config", str(config)]) == 1
    assert "bo-cau-hoi.quiz.yaml" in capsys.readouterr().out
