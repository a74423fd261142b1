"""Quiz banks written as offices write them (Word, PDF, text): the questions, their options and the
right one, from an "Đáp án" line, a bold option or an answer key."""

import docx

from bot.knowledge.readers import convert
from bot.quiz.bank import load_quiz_banks
from bot.quiz.sheet import looks_like_sheet, read_sheet
from bot.search.engine import SearchEngine
from tests.bot_harness import make_knowledge

from .conftest import shared_path
from .spreadsheet_fixtures import xlsx


def asked(text: str) -> dict[str, str]:
    return {q.question: q.answer for q in read_sheet(text, "bank.txt").quizzes}


def test_the_answer_from_a_line_a_bold_option_or_a_key_after_the_questions():
    text = """Câu 1: Chi bộ họp thường lệ bao lâu một lần?
A. Mỗi tháng một lần
B. Ba tháng một lần
Đáp án: A

**Câu hỏi 2. Thời kỳ dự bị là bao lâu?**
A) 6 tháng
**B) 12 tháng**
C) 18 tháng

Câu 3 Tổ chức cơ sở đảng có từ bao nhiêu đảng viên trở lên thì lập đảng bộ cơ sở?
A 20
B 30
C 50

ĐÁP ÁN
3-B
"""
    assert asked(text) == {
        "Chi bộ họp thường lệ bao lâu một lần?": "Mỗi tháng một lần",
        "Thời kỳ dự bị là bao lâu?": "12 tháng",  # the one option in bold
        "Tổ chức cơ sở đảng có từ bao nhiêu đảng viên trở lên thì lập đảng bộ cơ sở?": "30",  # the key
    }


def test_options_on_one_line_a_question_over_two_lines_and_an_explanation():
    text = """Câu 1: Theo Điều lệ Đảng,
người vào Đảng phải đủ bao nhiêu tuổi?
A. 16 tuổi    B. 18 tuổi    C. 20 tuổi
Đáp án: B
Giải thích: Điều 1, khoản 2 Điều lệ Đảng.
Căn cứ: Điều lệ Đảng, Điều 1
"""
    (quiz,) = read_sheet(text, "bank.txt").quizzes
    assert quiz.question == "Theo Điều lệ Đảng, người vào Đảng phải đủ bao nhiêu tuổi?"
    assert quiz.options == ("16 tuổi", "18 tuổi", "20 tuổi") and quiz.answer == "18 tuổi"
    assert quiz.explanation == "Điều 1, khoản 2 Điều lệ Đảng." and quiz.source == "Điều lệ Đảng, Điều 1"
    assert quiz.kind == "ngân hàng" and quiz.bank_path == "bank.txt"


def test_a_question_that_cannot_be_asked_is_named_with_the_reason():
    text = """Câu 1: Không có đáp án?
A. Có
B. Không

Câu 2: Chỉ một phương án?
A. Một
Đáp án: A

Câu 3: Đáp án ngoài các phương án?
A. Một
B. Hai
Đáp án: D

Câu 4: Hai phương án in đậm?
**A. Một**
**B. Hai**
"""
    sheet = read_sheet(text, "bank.txt")
    assert not sheet.quizzes
    assert sheet.problems == [
        "câu 1 bị bỏ qua: không thấy đáp án (dòng «Đáp án: B», phương án in đậm hoặc cột Đáp án)",
        "câu 2 bị bỏ qua: cần ít nhất 2 phương án A, B…",
        "câu 3 bị bỏ qua: đáp án D không có trong các phương án",
        "câu 4 bị bỏ qua: không thấy đáp án (dòng «Đáp án: B», phương án in đậm hoặc cột Đáp án)",
    ]


def test_a_document_with_numbered_lines_is_no_quiz_sheet():
    rules = "\n".join(f"{n}. Đảng viên có nhiệm vụ thứ {n}." for n in range(1, 8))
    assert not looks_like_sheet(read_sheet(rules, "x.md"))
    sheet = "\n".join(f"Câu {n}: Hỏi {n}?\nA. Có\nB. Không\nĐáp án: A" for n in range(1, 5))
    assert looks_like_sheet(read_sheet(sheet, "x.md"))


def test_a_contest_answer_page_is_read_with_the_options_it_sets_in_bold():
    """A real page from party_corpus: 30 questions, the right option of each in bold."""
    page = shared_path("data", "party_corpus", "tnt305", "a5bbf11f4c7972dc.md").read_text(encoding="utf-8")
    sheet = read_sheet(page, "dap-an.quiz.md")
    assert sheet.items == 30 and len(sheet.quizzes) >= 20 and looks_like_sheet(sheet)
    found = {q.question: q.answer for q in sheet.quizzes}
    question = next(q for q in found if q.startswith("Theo Nghị quyết số 70-NQ/TW, Tầm nhìn đến năm 2045"))
    assert found[question] == "Cạnh tranh lành mạnh, bình đẳng, minh bạch, hiệu quả."
    # what Telegram would refuse is said, not sent: options over 100 characters
    assert all("100 ký tự" in p or "300 ký tự" in p for p in sheet.problems)


def test_a_word_bank_in_the_folder_is_asked_and_never_indexed_as_a_document(tmp_path):
    folder = make_knowledge(tmp_path / "knowledge")
    word = docx.Document()
    for n, (question, options, right) in enumerate(
        [
            ("Chi bộ họp thường lệ bao lâu một lần?", ["Mỗi tháng một lần", "Ba tháng một lần"], 0),
            ("Thời kỳ dự bị của đảng viên là bao lâu?", ["6 tháng", "12 tháng", "18 tháng"], 1),
        ],
        1,
    ):
        word.add_paragraph(f"Câu {n}: {question}")
        for k, option in enumerate(options):
            word.add_paragraph().add_run(f"{'ABC'[k]}. {option}").bold = k == right
    word.save(folder / "bo-cau-hoi.quiz.docx")
    (folder / "hong.quiz.docx").write_bytes(b"PK\x03\x04 not a zip")
    bank = load_quiz_banks(folder, tmp_path / "cache")
    assert {q.question: q.answer for q in bank.quizzes} == {
        "Chi bộ họp thường lệ bao lâu một lần?": "Mỗi tháng một lần",
        "Thời kỳ dự bị của đảng viên là bao lâu?": "12 tháng",
    }
    assert [(s.path, "hỏng" in s.reason) for s in bank.skipped] == [("hong.quiz.docx", True)]
    engine = SearchEngine.open(folder, tmp_path / "cache")
    assert not any(".quiz." in d.path for d in engine.index.documents)
    assert not any(".quiz." in s.path for s in engine.index.skipped)


def test_an_excel_bank_a_row_per_question_with_the_answer_as_letter_number_or_text(tmp_path):
    folder = make_knowledge(tmp_path / "knowledge")
    rows = [
        ["NGÂN HÀNG CÂU HỎI CUỘC THI TÌM HIỂU ĐIỀU LỆ ĐẢNG"],
        ["STT", "Nội dung câu hỏi", "Phương án A", "Phương án B", "Phương án C", "Đáp án"],
        [1, "Chi bộ họp thường lệ bao lâu một lần?", "Mỗi tháng một lần", "Ba tháng một lần", None, "A"],
        [2, "Thời kỳ dự bị là bao lâu?", "6 tháng", "12 tháng", "18 tháng", 2],
        [3, "Đảng viên dự bị có quyền biểu quyết không?", "Có", "Không", None, "Không"],
        [4, "Câu chưa có đáp án?", "Có", "Không", None, None],
    ]
    (folder / "ngan-hang.quiz.xlsx").write_bytes(xlsx({"Câu hỏi": rows}))
    bank = load_quiz_banks(folder, tmp_path / "cache")
    assert {q.question: q.answer for q in bank.quizzes} == {
        "Chi bộ họp thường lệ bao lâu một lần?": "Mỗi tháng một lần",
        "Thời kỳ dự bị là bao lâu?": "12 tháng",
        "Đảng viên dự bị có quyền biểu quyết không?": "Không",
    }
    assert [s.reason for s in bank.skipped] == [
        "câu 4 bị bỏ qua: không thấy đáp án (dòng «Đáp án: B», phương án in đậm hoặc cột Đáp án)"
    ]
    # a table without the columns of a question is no bank
    plain = xlsx({"DS": [["STT", "Chi bộ", "Số đảng viên"], [1, "Thôn 1", 12], [2, "Thôn 2", 9], [3, "Thôn 3", 7]]})
    assert not looks_like_sheet(read_sheet(convert(plain, "ds.xlsx").text, "ds.xlsx"))
