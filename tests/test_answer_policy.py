"""One answer policy: the bot, inline mode, `ask` and `search` show the same hits, cut-off and answer
line, and the answer line is always a quotation."""

from __future__ import annotations

import asyncio

import pytest

from bot.answer import KEEP, answer, naming_words, quoted_text, render_plain, section_label
from bot.cli import result_json
from bot.config import Settings
from bot.evaluation import load_questions
from bot.library import Library, load_library
from bot.search.answerline import (
    MAX_CHARS,
    AnswerLine,
    answer_line,
    asks_for_list,
    contains_quote,
    coverage,
    question_of,
    quote,
    score,
    sentence_spans,
    whole_list,
)
from bot.search.engine import SearchEngine
from bot.search.query import parse_query, quiz_options
from bot.telegram import render
from bot.telegram.service import BotService
from tests.bot_harness import PROBATION_QUESTION, make_knowledge
from tests.fake_telegram import check_html

from .conftest import TEST_CACHE, shared_path


@pytest.fixture(scope="module")
def dev_questions() -> list[str]:
    questions = []
    for name in ("dev.jsonl", "dev_real.jsonl"):
        questions += [q["question"] for q in load_questions(shared_path("eval", name))]
    return questions


@pytest.fixture(scope="module")
def service(party_engine, party_corpus) -> BotService:
    service = BotService(Settings(knowledge_dir=str(party_corpus)))
    service.library = Library(party_engine, party_corpus)
    return service


# Questions on the small knowledge folder of the bot tests: the Điều lệ, the seed plan, the handbook's FAQ,
# with and without marks, a document number, and questions it cannot answer.
SMALL_QUESTIONS = [
    PROBATION_QUESTION,
    "nguoi duoc ket nap vao dang phai trai qua thoi ky du bi bao lau",
    "Kế hoạch 98-KH/TU tuyên truyền những nội dung gì?",
    "Đảng viên có nhiệm vụ gì?",
    "ĐV không đóng đảng phí 3 tháng thì bị xử lý thế nào",
    "Chuyển sinh hoạt đảng tạm thời cần giấy tờ gì",
    "Kỷ luật tổ chức đảng vi phạm có những hình thức nào",
    "khoản 2 Điều 5 Điều lệ Đảng",
    "theo Điều 8 điều lệ, đảng viên bỏ sinh hoạt mấy tháng thì bị xóa tên",
    "giá vàng hôm nay bao nhiêu",
    "xzqw vbnm plkj",
]


@pytest.fixture(scope="module")
def small_service(tmp_path_factory) -> BotService:
    knowledge = make_knowledge(tmp_path_factory.mktemp("policy") / "knowledge")
    service = BotService(Settings(knowledge_dir=str(knowledge)))
    service.library = load_library(knowledge, TEST_CACHE)
    return service


def test_ask_search_and_bot_agree_on_the_small_folder(small_service):
    engine = small_service.library.engine
    assert_one_policy(engine, small_service, SMALL_QUESTIONS)
    answered = [answer(engine, q).answered for q in SMALL_QUESTIONS]
    assert answered.count(True) >= 5 and answered[-2:] == [False, False]  # both branches were checked


def test_a_message_naming_only_a_document_opens_the_document(small_service):
    # "KH 98" asks for the plan: its opening passages in reading order, not a quoting page first
    engine = small_service.library.engine
    plan = [i for i, p in enumerate(engine.index.passages) if p.doc.symbol == "98-KH/TU"]
    assert len(plan) >= 3
    for message in ("98-KH/TU", "KH 98", "kế hoạch 98", "toàn văn Kế hoạch số 98-KH/TU"):
        found = answer(engine, message)
        assert found.answered and found.line is None, message
        assert [h.index for h in found.first_page] == plan[:3], message
        assert render_plain(found).startswith("[1] Kế hoạch 98-KH/TU")
    # the Charter, named by its kind rather than a number, opens the same way; asked about, it is searched
    charter = [i for i, p in enumerate(engine.index.passages) if p.doc.type == "Điều lệ"]
    for message in ("toàn văn Điều lệ Đảng", "dieu le dang"):
        found = answer(engine, message)
        assert found.line is None and [h.index for h in found.first_page] == charter[:3], message
    assert answer(engine, "Điều lệ Đảng là gì?").first_page[0].index not in charter[:1]
    # a question about the plan is searched, and answered by its line
    assert answer(engine, "Kế hoạch 98-KH/TU tuyên truyền những nội dung gì?").line is not None
    # a number the folder does not hold, unanswered, is named as missing, as typed
    missing = answer(engine, "QĐ 294, Nghị quyết số 35")
    assert not missing.answered and missing.missing == ("QĐ 294", "Nghị quyết số 35")
    assert render_plain(missing).startswith("Thư viện chưa có văn bản «QĐ 294», «Nghị quyết số 35»")
    assert answer(engine, "giá vàng hôm nay").missing == ()


def test_a_message_naming_an_article_opens_the_article(small_service):
    # "Điều 8" is in the heading, not the text: searched, it found other articles that mention "Điều 8"
    engine = small_service.library.engine
    for message in (
        "Điều 8 Điều lệ Đảng",
        "dieu 8 dieu le dang noi gi",
        "Điều lệ quy định gì tại điều 8",
        "đọc điều 8 điều lệ",
    ):
        found = answer(engine, message)
        assert found.answered and found.line is None, message
        assert found.first_page and all("Điều 8" in h.passage.section for h in found.first_page), message
        assert "Đảng viên bỏ sinh hoạt chi bộ" in render_plain(found).split("\n\n")[1], message
    # a named item is quoted as the line, cited to it, with its article's passage under it
    for message in ("khoản 2 Điều 5 Điều lệ Đảng", "Điều 5, khoản 2 điều lệ"):
        found = answer(engine, message)
        assert found.line is not None and found.line.text.startswith("Khi hết thời kỳ dự bị"), message
        assert render_plain(found).split("\n")[0].endswith("— Điều lệ Đảng Cộng sản Việt Nam, Điều 5, khoản 2")
    # several articles: each in the order named, a range read whole
    for message in ("Điều 1 và Điều 2 điều lệ", "điều 1, 2 điều lệ", "từ điều 1 đến điều 3 điều lệ"):
        found = answer(engine, message)
        assert [h.passage.section[1] for h in found.hits][:2] == ["Điều 1", "Điều 2"] and found.line is None, message
    ranged = answer(engine, "điều 1-3 điều lệ")  # "1-3" is one word to the segmenter
    assert [h.passage.section[1:2] for h in ranged.hits[:4]] == [("Điều 1",), ("Điều 2",), ("Điều 2",), ("Điều 3",)]
    assert ranged.line is None
    # two items named: the article, no single item as the line
    both = answer(engine, "khoản 1 và khoản 2 Điều 5 điều lệ")
    assert both.line is None and both.first_page[0].passage.section[1] == "Điều 5"
    # a question pointing at the article is answered from it
    found = answer(engine, "theo Điều 8 điều lệ, đảng viên bỏ sinh hoạt mấy tháng thì bị xóa tên")
    assert "Điều 8" in found.hits[found.line.hit].passage.section and "ba tháng" in found.line.text
    # an article past the document's last is said to be so (it showed Điều 47 as a search result)
    past = answer(engine, "Điều 99 điều lệ")
    assert not past.answered and past.beyond == ("Điều lệ Đảng Cộng sản Việt Nam", "99", "48")
    assert render_plain(past).startswith("«Điều lệ Đảng Cộng sản Việt Nam» có đến Điều 48, không có Điều 99.")
    # another document named by number, which the folder lacks: not the Charter's article
    other = answer(engine, "Điều 5 Quy định 294 về thi hành Điều lệ Đảng")
    assert not other.answered or all("Điều 5" not in h.passage.section for h in other.first_page)
    # no document named: searched as before
    searched = engine.search("Điều 8", k=KEEP).hits
    assert [h.index for h in answer(engine, "Điều 8").hits][:3] == [h.index for h in searched][:3]


def test_a_link_is_searched_by_its_words_and_a_foreign_message_is_told_so(small_service):
    engine = small_service.library.engine
    linked = answer(
        engine, "xem giúp https://tinhuy.vn/tin-tuc/dang-vien-du-bi-bao-lau-thi-duoc-chuyen-chinh-thuc.html"
    )
    assert linked.answered and "mười hai tháng" in linked.line.text
    foreign = answer(engine, "How long is the probation period for party members?")
    assert not foreign.answered and render_plain(foreign).startswith("Mình chỉ hiểu câu hỏi bằng tiếng Việt")
    # a Vietnamese question typed without marks, abbreviations in it, is not foreign
    unanswered = answer(engine, "gia vang SJC hom nay bao nhieu")
    assert not unanswered.answered and render_plain(unanswered).startswith("Chưa tìm thấy")


@pytest.mark.corpus
def test_ask_search_and_bot_agree_on_every_dev_question(party_engine, service, dev_questions):
    assert_one_policy(party_engine, service, dev_questions)


def assert_one_policy(party_engine, service, questions):
    results = service.settings.search.results
    for question in questions:
        policy = answer(party_engine, question, results, KEEP)
        bot = asyncio.run(service.search(question))  # the Telegram reply and inline mode
        searched = result_json(answer(party_engine, question, results, KEEP))  # python -m bot search --json -k 15
        asked = render_plain(answer(party_engine, question, results, KEEP))  # python -m bot ask

        texts = [h.passage.text for h in policy.hits]
        assert [h.passage.text for h in bot.hits] == texts == [r["text"] for r in searched["results"]], question
        assert bot.answered == policy.answered == searched["answered"], question
        assert bot.shown == policy.shown and bot.line == policy.line, question
        if not policy.answered:
            assert searched["answer"] is None and bot.line is None
            continue
        assert policy.line is not None, question  # an answered question always has its line
        assert searched["answer"] == {
            "text": policy.line.text,
            "rank": policy.line.hit + 1,
            "section": policy.hits[policy.line.hit].passage.section_label,
        }
        assert asked.startswith("📌 " + policy.line.text)
        for hit in policy.first_page:
            assert quoted_text(hit.passage) in asked
        for hit in policy.hits[policy.shown :]:
            assert quoted_text(hit.passage) not in asked or any(
                quoted_text(hit.passage) in h.passage.text for h in policy.first_page
            )
        # the bot's first page: the answer line and exactly the policy's first page
        pages = render.answer_pages(bot, results)
        assert pages[0] == list(range(policy.shown))
        html = render.answer_html(bot, pages[0], 0)
        error, visible = check_html(html)
        assert error is None and render.tg_len(html) <= render.MAX_LEN, question
        assert visible.split("\n\n")[1].startswith("📌 ")


@pytest.mark.corpus
def test_answer_line_is_a_short_quotation_of_a_first_page_passage(party_engine, dev_questions):
    for question in dev_questions:
        found = answer(party_engine, question)
        if not found.line:
            continue
        line = found.line
        assert len(line.text) <= MAX_CHARS, question
        assert line.hit < found.shown
        passage = found.hits[line.hit].passage.text
        assert contains_quote(passage, line.text), (question, line.text)
        assert contains_quote(passage[line.start : line.end], line.text)  # its span in the passage


def test_quote_cuts_at_a_word():
    text = "Người được kết nạp vào Đảng phải trải qua thời kỳ dự bị mười hai tháng " * 10
    cut = quote(text, 100)
    assert len(cut) <= 100 and cut.endswith("…")
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] == " "
    assert contains_quote(text, cut)
    assert quote("  một   câu\nngắn ") == "một câu ngắn"


def test_a_long_sentence_is_quoted_where_it_answers():
    """A sentence over MAX_CHARS whose answer closes it is quoted from a later word, with "…" at both
    ends where words are left out; one that answers early keeps its head."""
    steps = "báo cáo kết quả, tổng hợp, theo dõi, đề nghị xem xét, giới thiệu hồ sơ cho các cơ quan liên quan, "
    passage = "- Tham mưu công văn " + steps * 4 + "Công an Thành phố khắc mới con dấu cho chi bộ cơ sở mới thành lập."
    assert len(passage) > MAX_CHARS
    line = answer_line(_asked("khắc con dấu chi bộ cơ sở mới thành lập ở đâu"), [passage])
    assert line is not None and line.text.startswith("…") and len(line.text) <= MAX_CHARS
    assert "Công an Thành phố khắc mới con dấu cho chi bộ cơ sở mới thành lập" in line.text
    assert contains_quote(passage, line.text) and contains_quote(passage[line.start : line.end], line.text)
    head = answer_line(_asked("tham mưu công văn báo cáo kết quả"), [passage])
    assert head is not None and head.text.startswith("- Tham mưu công văn") and head.text.endswith("…")


def test_a_long_rule_is_quoted_to_the_effect_that_closes_it():
    """A rule over MAX_CHARS states its condition first and its effect last: when the run that closes
    it scores nearly as well as its head, the quotation ends with the rule rather than before it."""
    passage = (
        "3. Tập thể, cá nhân đã được xếp loại chất lượng nhưng sau đó phát hiện có khuyết điểm, không bảo"
        " đảm quy định về mức xếp loại hoặc thiếu trung thực làm cho kết quả không chính xác hoặc có phản"
        " ánh từ các tổ chức, cơ quan, đơn vị, cán bộ, đảng viên và Nhân dân thì cấp có thẩm quyền phải"
        " kịp thời xem xét điều chỉnh hoặc huỷ bỏ kết quả đã công bố; đồng thời, tiến hành đánh giá, xếp"
        " loại lại theo quy định."
    )
    assert len(passage) > MAX_CHARS
    question = "kết quả xếp loại đã công bố mà thiếu trung thực thì xử lý thế nào"
    line = answer_line(_asked(question), [passage])
    assert line is not None and line.text.startswith("…") and line.text.endswith("xếp loại lại theo quy định.")
    assert contains_quote(passage, line.text) and len(line.text) <= MAX_CHARS


_UNITS = {
    "sentences and list items": (
        "Đảng viên có nhiệm vụ sau: - Tuyệt đối trung thành. - Gương mẫu.\nKhi hết thời kỳ dự bị, chi bộ xét. Hết.",
        [
            "Đảng viên có nhiệm vụ sau:",
            "- Tuyệt đối trung thành.",
            "- Gương mẫu.",
            "Khi hết thời kỳ dự bị, chi bộ xét.",
            "Hết.",
        ],
    ),
    # "đ", "ở" are small letters: "; đóng góp…" continues the sentence, ". Ở…" starts one
    "a small letter after a semicolon goes on": (
        "Phấn đấu có 3 triệu doanh nghiệp; đóng góp khoảng 55 - 58% GDP. Ở cấp xã thì khác.",
        ["Phấn đấu có 3 triệu doanh nghiệp; đóng góp khoảng 55 - 58% GDP.", "Ở cấp xã thì khác."],
    ),
    # a flattened list goes on before a capital; "kinh tế - xã hội", "Mác - Lênin" are one phrase
    "a dash inside a phrase is no list item": (
        "Đảng lấy chủ nghĩa Mác - Lênin làm nền tảng, phát triển kinh tế - xã hội. Hồ sơ gồm đơn - Lý lịch - Giấy",
        [
            "Đảng lấy chủ nghĩa Mác - Lênin làm nền tảng, phát triển kinh tế - xã hội.",
            "Hồ sơ gồm đơn",
            "- Lý lịch",
            "- Giấy",
        ],
    ),
    "an abbreviation before a name ends no sentence": (
        "Đại hội Đảng bộ TP. Hồ Chí Minh do PGS. TS. Nguyễn Văn A chủ trì. Hết.",
        ["Đại hội Đảng bộ TP. Hồ Chí Minh do PGS. TS. Nguyễn Văn A chủ trì.", "Hết."],
    ),
}


@pytest.mark.parametrize("text, units", _UNITS.values(), ids=_UNITS.keys())
def test_sentences_and_list_items_are_units(text, units):
    assert [text[s:e] for s, e in sentence_spans(text)] == units


def _asked(text: str):
    words = [w for w in text.split() if w]
    return question_of(text, words, [], lambda w: 1.0)


def test_a_lead_in_or_a_heading_is_never_the_whole_answer_line():
    passage = (
        "(2) Tầm nhìn đến năm 2045\n"
        "Mục tiêu đến năm 2045 được nêu như sau:\n"
        "- Quy mô kinh tế số đạt tối thiểu 50% GDP.\n"
        "- Thuộc nhóm 30 nước dẫn đầu thế giới."
    )
    line = answer_line(_asked("mục tiêu tầm nhìn đến năm 2045"), [passage])
    assert line is not None
    assert not line.text.endswith(":") and line.text != "(2) Tầm nhìn đến năm 2045"
    assert "50% GDP" in line.text  # the lead-in comes with what it leads to


def test_a_heading_sets_up_the_sentence_under_it():
    passage = "Thời hạn khiếu nại\nTrong vòng một tháng, kể từ ngày nhận quyết định, có quyền khiếu nại."
    line = answer_line(_asked("thời hạn khiếu nại"), [passage])
    assert line is not None and line.text.startswith("Trong vòng một tháng")


def test_a_slides_unpunctuated_bullet_answers_while_a_handbooks_bare_group_title_sets_up():
    slide = (
        "- Tốc độ tăng trưởng GDP bình quân giai đoạn 2026-2030 đạt 10%/năm trở lên\n"
        "- GDP bình quân đầu người đến năm 2030 khoảng 8.500 USD\n"
        "- Tỷ trọng kinh tế số đạt khoảng 30% GDP"
    )
    line = answer_line(_asked("GDP bình quân đầu người năm 2030 bao nhiêu"), [slide])
    assert line is not None and line.text == "- GDP bình quân đầu người đến năm 2030 khoảng 8.500 USD"
    # items ending in "." headed by a bare item: that one is a group's title, as before
    handbook = "- Nội dung thẩm tra, xác minh\n- Lý lịch của người vào Đảng được thẩm tra đầy đủ."
    line = answer_line(_asked("nội dung thẩm tra xác minh lý lịch"), [handbook])
    assert line is not None and line.text.startswith("- Lý lịch"), line


def test_a_table_row_answers_alone_and_its_header_sets_it_up():
    table = (
        "STT – Chi bộ – Bí thư – Số đảng viên\n"
        "1 – Chi bộ thôn Đông – Nguyễn Văn An – 23\n"
        "2 – Chi bộ thôn Tây – Trần Thị Bình – 17\n"
        "3 – Chi bộ trường Tiểu học – Lê Văn Cường – 12"
    )
    line = answer_line(_asked("bí thư chi bộ thôn tây là ai"), [table])
    assert line is not None and line.text == "2 – Chi bộ thôn Tây – Trần Thị Bình – 17"  # not rows 1–2
    line = answer_line(_asked("chi bộ thôn đông có bao nhiêu đảng viên"), [table])
    assert line is not None and line.text == "1 – Chi bộ thôn Đông – Nguyễn Văn An – 23"
    # a box of two-cell lines has no header row: its first line sets up nothing for the others
    box = "Thành lập – 1930\nNgày truyền thống – 14 tháng 10\n1930-1951 – Bộ Tổ chức\n1951-nay – Ban Tổ chức Trung ương"
    assert answer_line(_asked("ban tổ chức trung ương thành lập năm nào"), [box]) is None


def test_a_question_typed_with_marks_matches_words_with_the_same_marks():
    passages = ["Phấn đấu đạt mục tiêu đề ra.", "Kế hoạch đặt ra chỉ tiêu cho cán bộ."]
    words = ["kế_hoạch", "đặt", "ra", "mục_tiêu"]
    marked = question_of("Kế hoạch đặt ra mục tiêu gì?", words, [], lambda w: 1.0, marked=True)
    line = answer_line(marked, passages)
    assert line is not None and line.hit == 1, line  # "đạt" is not "đặt"
    typed_bare = question_of("ke hoach dat ra muc tieu gi", words, [], lambda w: 1.0)
    line = answer_line(typed_bare, passages)
    assert line is not None and line.hit == 0, line  # "dat" may be either
    # a word typed without marks in a question typed with them still matches whatever marks it has
    mixed = question_of("Kế hoạch đặt ra muc tieu gì?", ["kế_hoạch", "đặt", "ra", "muc_tieu"], [], lambda w: 1.0, True)
    assert coverage(mixed, "Mục tiêu chung.") > 0


def test_a_count_padded_with_a_zero_matches_the_questions_number():
    # the analyzer reads "09/5/2024" as "9/5/2024", "03 tháng" as "3 tháng", "1.000" as "1000", "Đại hội
    # XIV" as "Đại hội 14" too; so does the line
    for marked in (False, True):
        words = ["9/5/2024", "3", "tháng", "1000"]
        asked = question_of("Quy định ngày 9/5/2024, 3 tháng, 1.000 người", words, [], lambda w: 1.0, marked)
        assert coverage(asked, "Quy định 144-QĐ/TW ngày 09/5/2024, thời hạn 03 tháng, 1.000 người.") == 1.0
    congress = question_of("đại hội 14 của Đảng", ["đại_hội", "14"], [], lambda w: 1.0)
    assert coverage(congress, "Đại hội XIV của Đảng họp tại Hà Nội.") == 1.0
    assert coverage(congress, "Đại hội đồng trường, mục XIV.") < 1.0  # only after "đại hội", "khóa", "lần thứ"


@pytest.mark.parametrize("caption", ["(Hình từ Internet)", "(hình từ internet)"])
def test_a_question_restated_under_its_picture_is_not_the_answer_line(caption):
    # web pages caption an image with the page's question: "…đúng không? (Hình từ Internet)"
    passage = (
        f"Tỷ lệ đảng viên hoàn thành xuất sắc nhiệm vụ không vượt quá 25% đúng không? {caption}\n"
        "Số đảng viên được xếp loại hoàn thành xuất sắc nhiệm vụ không vượt quá 20% số được xếp loại hoàn thành tốt."
    )
    line = answer_line(_asked("tỷ lệ đảng viên hoàn thành xuất sắc nhiệm vụ"), [passage])
    assert line is not None and line.text.startswith("Số đảng viên"), line


def test_a_date_the_question_names_counts_in_the_answer_line():
    asked = question_of(
        "Tháng 6-1925, Nguyễn Ái Quốc sáng lập tổ chức nào?",
        ["tháng", "6/1925", "nguyễn_ái_quốc", "sáng_lập", "tổ_chức"],  # the analyzer writes dates in one form
        [],
        lambda w: 1.0,
    )
    passage = (
        "Tháng ấy, Nguyễn Ái Quốc sáng lập tổ chức này tại Quảng Châu.\n"
        "Hội Việt Nam Cách mạng Thanh niên (6/1925) do Nguyễn Ái Quốc sáng lập."
    )
    line = answer_line(asked, [passage])
    assert line is not None and "Hội Việt Nam Cách mạng Thanh niên" in line.text


def test_a_numbered_heading_is_a_heading_however_it_splits():
    # "II. Mục tiêu › 1. Đến năm 2030" splits at its numbers into "units"; the whole line is judged
    passage = (
        "Cấp ủy định kỳ báo cáo kết quả rà soát với cấp ủy cấp trên.\n"
        "II. Mục tiêu › 1. Đến năm 2030\n"
        "1. Chi bộ (kể cả chi bộ cơ sở)\n"
        "- Chi bộ họp thường lệ mỗi tháng một lần; họp bất thường khi cần."
    )
    line = answer_line(_asked("chi bộ kể cả chi bộ cơ sở họp định kỳ mục tiêu đến năm 2030"), [passage])
    assert line is not None and line.text.startswith("- Chi bộ họp thường lệ"), line


@pytest.mark.corpus
def test_a_question_word_is_not_looked_for_in_the_answer_line(party_engine):
    # "mấy" asks for a number (the quantity cue finds it); as a word it would favour "máy", "mây".
    # The answer is the third item of Điều 4's list: its lead-in "Người vào Đảng phải :" sets it up.
    found = answer(party_engine, "Muốn vào Đảng thì cần mấy người giới thiệu?")
    assert found.line is not None and "may" not in found.words
    assert found.line.text.startswith("- Được hai đảng viên chính thức giới thiệu.")


@pytest.mark.corpus
@pytest.mark.parametrize(
    "question", ["Chi bộ bao lâu phải sinh hoạt chuyên đề một lần?", "chi bo sinh hoat chuyen de bao lau 1 lan"]
)
def test_asked_how_often_the_line_states_how_often(party_engine, question):
    # "bao lâu … một lần" is answered by "mỗi quý 1 lần", which states no duration; read as a
    # duration alone the line was a sentence about the newsletters for those meetings
    found = answer(party_engine, question)
    assert found.line is not None and "mỗi quý 1 lần" in found.line.text, found.line


def test_a_story_of_dates_asking_yes_or_no_is_answered_by_the_rules_duration(party_engine):
    # a quiz-bank scenario: the dates say how long; the rule that decides states a duration
    question = (
        "Quần chúng Trần Văn M được kết nạp vào Đảng ngày 5/4/2024. Tháng 1/2025, chi bộ đã họp xét công"
        " nhận đảng viên chính thức cho đồng chí M. Chi bộ làm như vậy có đúng không?"
    )
    found = answer(party_engine, question)
    assert found.line is not None and "mười hai tháng" in found.line.text, found.line


@pytest.mark.corpus
def test_a_list_question_is_answered_by_the_list_its_words_lead_in(party_engine):
    # the answer line was the discipline article (Điều 36), which says "đảng viên" and "nhiệm vụ"
    # three times, over "Đảng viên có nhiệm vụ : 1. …" (Điều 2), the passage ranked above it
    found = answer(party_engine, "đảng viên có những nhiệm vụ gì")
    assert found.line is not None and found.line.text.startswith("Đảng viên có nhiệm vụ : 1. Tuyệt đối"), found.line


def test_a_list_number_is_no_sentence_and_a_line_keeps_to_one_numbered_item():
    text = (
        "Uỷ ban kiểm tra các cấp có nhiệm vụ :\n"
        "1. Kiểm tra đảng viên khi có dấu hiệu vi phạm.\n"
        "2. Kiểm tra tổ chức đảng cấp dưới khi có dấu hiệu vi phạm.\n"
        "3. Uỷ ban kiểm tra họp thường lệ ba tháng một lần; kiểm tra việc thi hành kỷ luật."
    )
    units = [text[a:b] for a, b in sentence_spans(text)]
    assert "1. Kiểm tra đảng viên khi có dấu hiệu vi phạm." in units and "1." not in units
    # the best words are in items 2 and 3, yet the line is one item, its number left to the citation
    line = answer_line(_asked("ủy ban kiểm tra họp mấy tháng một lần kiểm tra tổ chức đảng cấp dưới"), [text])
    assert (
        line is not None
        and line.text == "Uỷ ban kiểm tra họp thường lệ ba tháng một lần; kiểm tra việc thi hành kỷ luật."
    )
    # an item is quoted with its lead-in, which sets it up
    line = answer_line(_asked("ủy ban kiểm tra có nhiệm vụ kiểm tra đảng viên"), [text])
    assert line is not None and line.text.startswith("Uỷ ban kiểm tra các cấp có nhiệm vụ : 1. Kiểm tra đảng viên")


def test_a_numbered_sub_item_is_no_sentence_and_a_line_keeps_to_it():
    # guides number their items "7.5.", "7.6.": the line quoted "…năm đó. 7.6. Đảng viên đang sinh
    # hoạt đảng tạm thời…", two rules glued by the next one's number
    text = (
        "7. Một số nội dung khác\n"
        "7.5. Đảng viên nghỉ ốm với tổng thời gian trong năm từ 03 tháng trở lên thì xếp loại theo kết"
        " quả làm việc thực tế.\n"
        "7.6. Đảng viên đang sinh hoạt đảng tạm thời thì kiểm điểm ở nơi sinh hoạt đảng chính thức.\n"
        "“20.3.1. Ở những đơn vị chưa đủ 30 đảng viên thì lập đảng bộ cơ sở.”\n"
        "Mức chi là 1.000. Hết."
    )
    units = [text[a:b] for a, b in sentence_spans(text)]
    assert "7.6." not in units and "Mức chi là 1.000." in units
    line = answer_line(_asked("đảng viên nghỉ ốm nghỉ sinh hoạt đảng tạm thời xếp loại thế nào"), [text])
    assert line is not None and line.text in (
        "Đảng viên nghỉ ốm với tổng thời gian trong năm từ 03 tháng trở lên thì xếp loại theo kết quả làm việc"
        " thực tế.",
        "Đảng viên đang sinh hoạt đảng tạm thời thì kiểm điểm ở nơi sinh hoạt đảng chính thức.",
    )
    line = answer_line(_asked("đơn vị chưa đủ 30 đảng viên có lập đảng bộ cơ sở không"), [text])
    assert line is not None and line.text.startswith("Ở những đơn vị chưa đủ 30 đảng viên"), line


def test_a_label_opening_the_line_is_quoted_with_the_rule_it_conditions():
    # the split cuts "…thanh niên: Người vào Đảng…" before the capital; quoted alone, the rule would
    # say every member must be in the Youth Union
    text = (
        "- Nơi có tổ chức Đoàn thanh niên: Người vào Đảng phải là đoàn viên, được chi đoàn giới thiệu.\n"
        "- Chi ủy kiểm tra lại lý lịch trước khi chi bộ xét."
    )
    line = answer_line(_asked("người vào Đảng có bắt buộc phải là đoàn viên không"), [text])
    assert line is not None and line.text == (
        "- Nơi có tổ chức Đoàn thanh niên: Người vào Đảng phải là đoàn viên, được chi đoàn giới thiệu."
    )
    assert contains_quote(text, line.text)


def test_a_label_on_the_line_counts_as_words_of_the_stretch(party_engine):
    # "- Không xem xét, kết nạp lại những người trước đây ra khỏi Đảng vì lý do: Tự bỏ sinh hoạt
    # đảng; …" is quoted with its label, so the label's words count in full, not as a set-up's; at
    # half weight the line was "Ít nhất là 36 tháng kể từ khi ra khỏi Đảng…", the waiting time of
    # those who may come back
    found = answer(party_engine, "Người bị khai trừ khỏi Đảng có được xin kết nạp lại không?")
    assert found.line is not None and found.line.text.startswith("- Không xem xét, kết nạp lại"), found.line


@pytest.mark.parametrize(
    "question,lists",
    [
        ("e muon vao dang thi can lam gi", True),
        ("Đảng viên có những quyền gì?", True),
        ("Hồ sơ gồm những giấy tờ gì?", True),
        ("Kỷ luật đảng viên trong những trường hợp nào?", True),
        ("Đảng viên dự bị bao lâu thì được chuyển chính thức?", False),
        ("Ai quyết định kết nạp đảng viên?", False),
    ],
)
def test_a_question_asking_for_a_list(question, lists):
    assert asks_for_list(question) == lists


def test_an_item_of_a_short_list_is_quoted_with_its_whole_list():
    text = (
        "Thủ tục kết nạp:\nNgười vào Đảng phải :\n- Có đơn tự nguyện;\n- Báo cáo lý lịch;\n"
        "- Được hai đảng viên giới thiệu.\nChi bộ xét."
    )
    start = text.index("- Có đơn")
    item = AnswerLine("- Có đơn tự nguyện;", 0, start, start + len("- Có đơn tự nguyện;"))
    widened = whole_list(item, text)
    assert (
        widened.text == "Người vào Đảng phải : - Có đơn tự nguyện; - Báo cáo lý lịch; - Được hai đảng viên giới thiệu."
    )
    assert contains_quote(text, widened.text) and text[widened.start : widened.end].startswith("Người vào Đảng")
    # a list too long for one line, or a sentence that is no list item, stays as chosen
    long = text.replace("- Báo cáo lý lịch;", "- " + "Báo cáo lý lịch rất dài; " * 20)
    start = long.index("- Có đơn")
    assert whole_list(AnswerLine("- Có đơn tự nguyện;", 0, start, start + 19), long).text == "- Có đơn tự nguyện;"
    start = text.index("Chi bộ xét.")
    assert whole_list(AnswerLine("Chi bộ xét.", 0, start, start + 11), text).text == "Chi bộ xét."
    # an item's second sentence stays with it (Điều 4: "- Báo cáo với chi bộ … Có điều gì chưa rõ …")
    text = (
        "Người giới thiệu phải :\n- Là đảng viên chính thức;\n- Báo cáo với chi bộ. Có điều gì chưa rõ thì báo cáo.\n"
    )
    text += "3. Khác."
    start = text.index("- Là")
    widened = whole_list(AnswerLine("- Là đảng viên chính thức;", 0, start, start + 26), text)
    assert (
        widened.text
        == "Người giới thiệu phải : - Là đảng viên chính thức; - Báo cáo với chi bộ. Có điều gì chưa rõ thì báo cáo."
    )


@pytest.mark.corpus
def test_asked_what_it_takes_the_line_is_the_whole_list(party_engine):
    # one item alone ("- Có đơn tự nguyện xin vào Đảng;") read as if it were all it takes
    found = answer(party_engine, "e muon vao dang thi can lam gi")
    assert found.line is not None and found.line.text.startswith("Người vào Đảng phải")
    assert "Có đơn tự nguyện" in found.line.text and "hai đảng viên chính thức giới thiệu" in found.line.text
    found = answer(party_engine, "Người giới thiệu người vào Đảng phải có những điều kiện gì?")
    assert found.line is not None and found.line.text.startswith("Người giới thiệu phải :")
    assert "cùng công tác với người vào Đảng ít nhất một năm" in found.line.text


@pytest.mark.corpus
def test_chat_shorthand_and_stray_marks_get_the_same_answer_line(party_engine):
    """ "bn tháng" asks for a duration as "bao nhiêu tháng" does; a message typed without marks in which
    autocorrect marked a few words is still read as typed without marks."""
    expected = answer(party_engine, "dang vien du bi bao nhieu thang thi duoc chuyen chinh thuc").line
    assert expected is not None and "mười hai tháng" in expected.text
    shorthand = "dang vien du bi bn thang thi dc chuyen chinh thuc"
    stray_marks = "dang vien du bi bao nhiêu thang thi được chuyen chinh thuc"
    for question in (shorthand, stray_marks):
        found = answer(party_engine, question)
        assert found.line is not None and found.line.text == expected.text, question


def test_a_sentence_for_a_case_the_member_did_not_describe_is_not_the_answer():
    """ "Nếu …, thì …" answers the case its condition names: asked only how long a meeting lasts, the
    line starts with the rule; asked about that case, it is the case's sentence."""
    passage = (
        "- Thời gian sinh hoạt chi bộ: Phải bảo đảm từ 90 phút trở lên.\n"
        "- Nếu kết hợp sinh hoạt chuyên đề với sinh hoạt chi bộ thường kỳ trong cùng một buổi thì phải "
        "bảo đảm thời gian tối thiểu 120 phút."
    )
    line = answer_line(_asked("buổi họp chi bộ phải kéo dài ít nhất bao lâu"), [passage])
    assert line is not None and line.text.startswith("- Thời gian sinh hoạt chi bộ: Phải bảo đảm từ 90 phút")
    case = answer_line(_asked("kết hợp sinh hoạt chuyên đề với sinh hoạt chi bộ thì họp bao lâu"), [passage])
    assert case is not None and case.text.startswith("- Nếu kết hợp sinh hoạt chuyên đề")


@pytest.mark.corpus
def test_a_sentence_for_the_end_of_probation_does_not_answer_what_a_probationer_may_do(party_engine):
    # "Khi hết thời kỳ dự bị, chi bộ … biểu quyết …" (Điều 5) shares "biểu quyết", "chi bộ" with the
    # question but answers the case at the probation's end; Điều 3 says what a probationer may do
    found = answer(party_engine, "dang vien du bi co duoc bieu quyet trong cuoc hop chi bo khong")
    assert found.line is not None and "trừ quyền biểu quyết" in found.line.text, found.line


def test_a_web_pages_furniture_is_never_the_answer():
    """A download link names the page's subject in the member's words; it answers nothing, nor does
    a disclaimer or a page announcing its own subject. A "Tải về" link inside a sentence leaves the
    sentence quotable."""
    page = (
        "Tải thông tin Hướng dẫn viết kiểm điểm cuối năm đối với đảng viên là giám đốc doanh nghiệp "
        "nhà nước đầy đủ tại đây >>>tải về\n"
        "Như vậy, đối với giám đốc doanh nghiệp nhà nước thì kiểm điểm cuối năm theo Mẫu 2A.\n"
        'Lưu ý: Thông tin "Hướng dẫn viết kiểm điểm cuối năm" mang tính chất tham khảo.'
    )
    line = answer_line(_asked("giám đốc doanh nghiệp nhà nước viết kiểm điểm cuối năm theo mẫu nào"), [page])
    assert line is not None and line.text.startswith("Như vậy, đối với giám đốc"), line
    assert "tải về" not in line.text and "tham khảo" not in line.text
    linked = "Ban Tổ chức Trung ương ban hành Hướng dẫn về kiểm điểm và đánh giá, xếp loại. **Tải về**\nMẫu 04."
    found = answer_line(_asked("cơ quan nào ban hành hướng dẫn kiểm điểm đánh giá xếp loại"), [linked])
    assert found is not None and found.text.startswith("Ban Tổ chức Trung ương ban hành"), found
    captioned = (
        "Chi tiết các bước đánh giá xếp loại đảng viên 2025 theo Quy định 366 (Hình từ Internet)\n"
        "Việc đánh giá, xếp loại chất lượng đối với tập thể, cá nhân thực hiện theo 3 bước."
    )
    steps = answer_line(_asked("đánh giá xếp loại đảng viên gồm mấy bước"), [captioned])
    assert steps is not None and steps.text.startswith("Việc đánh giá"), steps


def test_the_rule_itself_is_quoted_over_a_page_quoting_it():
    page = "Theo Điều lệ, đảng viên bỏ sinh hoạt chi bộ ba tháng trong năm thì bị xóa tên."
    rule = "Đảng viên bỏ sinh hoạt chi bộ ba tháng trong năm thì chi bộ đề nghị xóa tên."
    asked = _asked("bỏ sinh hoạt chi bộ ba tháng xóa tên")
    assert answer_line(asked, [page, rule]).hit == 0  # type: ignore[union-attr]
    assert answer_line(asked, [page, rule], rules=[False, True]).hit == 1  # type: ignore[union-attr]


def test_a_document_named_by_its_bare_number_is_named_not_asked():
    """ "Hướng dẫn 45 …" names "hd#45"; its bare "45", as the "45" of "45-HD/BTCTW", only says which
    document: the sentence announcing the document has it, the one that answers need not."""
    assert {"45", "hd#45"} <= naming_words(parse_query("huong dan 45 thay the nhung huong dan nao vay"))
    # a congress's number stays: pages tell of several congresses
    assert "13" not in naming_words(parse_query("Đại hội 13 đề ra mấy nhiệm vụ trọng tâm"))


def test_a_word_the_question_says_is_its_own_though_a_pasted_options_repeat_it():
    """The options of a pasted quiz item are searched at 0.3; "tuổi", which the stem says too, is
    still a word the answer line looks for. An option's own word ("18") is not."""
    query = parse_query(
        "Độ tuổi vào Đảng được quy định như thế nào? A. Từ 18 tuổi trở lên; B. Từ 21 tuổi trở lên; C. 23"
    )
    named = naming_words(query)
    assert "tuổi" not in named and "18" in named


@pytest.mark.corpus
def test_what_a_guideline_replaces_is_answered_by_the_sentence_that_says_it(party_engine):
    found = answer(party_engine, "huong dan 45 ve phan cap quan ly can bo thay the nhung huong dan nao vay")
    assert found.line is not None and "16-HD/BTCTW" in found.line.text, found.line


@pytest.mark.corpus
def test_what_a_document_is_about_is_answered_by_the_sentence_that_names_it(party_engine):
    """ "… nói về vấn đề gì" asks for the title, as "có tiêu đề là gì" does: the number counts."""
    found = answer(party_engine, "Nghi quyet 66 cua Bo Chinh tri noi ve van de gi?")
    assert found.line is not None and "thi hành pháp luật" in found.line.text, found.line


@pytest.mark.corpus
def test_a_pasted_multiple_choice_item_is_answered_by_the_sentence_of_the_right_option(party_engine):
    # the wrong options' dates ("2/9") no longer win the line for the page's other sentences
    found = answer(
        party_engine, "Ngày truyền thống của Bộ Quốc phòng Việt Nam là ngày nào? A. 22/12; B. 27/8; C. 2/9; D. 19/12."
    )
    assert found.line is not None and "27 tháng 8 trở thành ngày truyền thống" in found.line.text, found.line


def test_a_question_for_a_documents_name_is_answered_by_the_sentence_that_names_it(tmp_path):
    (tmp_path / "danh_muc.md").write_text(
        "# Các nghị quyết của Bộ Chính trị năm 2025\n\n"
        "Bộ Chính trị ban hành nhiều nghị quyết quan trọng trong năm 2025, có tiêu đề và nội dung như sau:\n"
        "- Nghị quyết 72-NQ/TW năm 2025 của Bộ Chính trị về một số giải pháp đột phá, tăng cường bảo vệ, "
        "chăm sóc và nâng cao sức khỏe Nhân dân.\n"
        "- Nghị quyết 59-NQ/TW của Bộ Chính trị về hội nhập quốc tế trong tình hình mới;\n"
        "- Nghị quyết 66-NQ/TW của Bộ Chính trị về đổi mới công tác xây dựng và thi hành pháp luật.\n",
        encoding="utf-8",
    )
    for i in range(3):
        (tmp_path / f"tin{i}.md").write_text(f"# Tin {i}\n\nChi bộ {i} họp thường lệ mỗi tháng.\n", encoding="utf-8")
    engine = SearchEngine.open(tmp_path, tmp_path / "cache")
    found = answer(engine, "Nghị quyết số 59-NQ/TW, ngày 24/01/2025 của Bộ Chính trị có tiêu đề là gì")
    assert found.line is not None and "59-NQ/TW" in found.line.text and "hội nhập quốc tế" in found.line.text


def test_a_quiz_item_pasted_whole_is_answered_by_the_sentence_that_says_one_of_its_options():
    passage = (
        "Đại hội lần thứ nhất của Đảng Cộng sản Đông Dương thông qua Điều lệ Đảng gồm 59 điều 8 chương. "
        "Điều lệ bổ sung độ tuổi vào Đảng từ 23 tuổi trở lên. "
        "Ban Chấp hành Trung ương bầu ra Bộ Chính trị."
    )
    text = "Điều lệ Đảng Cộng sản Đông Dương do Đại hội lần thứ nhất thông qua quy định tuổi vào Đảng thế nào?"
    words = ["điều_lệ", "đảng", "cộng_sản", "đông_dương", "đại_hội", "lần", "thứ", "nhất", "thông_qua"]
    options = quiz_options(text + " A. Từ 18 tuổi trở lên; B. Từ 21 tuổi trở lên; C. Từ 23 tuổi trở lên")
    assert options == ["Từ 18 tuổi trở lên", "Từ 21 tuổi trở lên", "Từ 23 tuổi trở lên"]
    alone = answer_line(question_of(text, words, [], lambda w: 1.0), [passage])
    assert alone is not None and "23 tuổi" not in alone.text  # the congress: more of the question's words
    quiz = answer_line(question_of(text, words, [], lambda w: 1.0, options=options), [passage])
    assert quiz is not None and quiz.text.endswith("bổ sung độ tuổi vào Đảng từ 23 tuổi trở lên.")
    # a stretch that names several options says none of them in particular
    bodies = quiz_options("Tổng Bí thư do cơ quan nào bầu? A. Ban Chấp hành Trung ương; B. Bộ Chính trị; C. Quốc hội")
    both = question_of("Tổng Bí thư do cơ quan nào bầu?", ["tổng_bí_thư", "bầu"], [], lambda w: 1.0, options=bodies)
    plain = question_of("Tổng Bí thư do cơ quan nào bầu?", ["tổng_bí_thư", "bầu"], [], lambda w: 1.0)
    named = "Ban Chấp hành Trung ương bầu ra Bộ Chính trị."
    assert score(both, named, 0, 1) == score(plain, named, 0, 1)


def test_a_web_pages_headline_is_not_said_twice():
    # A saved page's headline is its title and heads its text: the citation names it once.
    from bot.answer import compact_citation, section_label
    from bot.knowledge.document import Document, Passage

    headline = "Nâng phụ cấp ưu đãi nghề lên mức tối thiểu 70% theo Nghị quyết 72 năm 2025 ra sao?"
    doc = Document(path="p.md", title=headline, text="")
    passage = Passage(doc, (headline, "(1) Từ năm 2026, khám sức khỏe miễn phí"), "Từ năm 2026, …")
    assert section_label(passage) == "(1) Từ năm 2026, khám sức khỏe miễn phí"
    assert compact_citation(passage).count("Nâng phụ cấp") == 1
    assert section_label(Passage(doc, (headline,), "…")) is None
    # a heading that only shares words with the title stays
    other = Passage(doc, ("Nâng phụ cấp ưu đãi nghề", "(2) …"), "…")
    assert section_label(other) == "Nâng phụ cấp ưu đãi nghề › (2) …"


def test_a_page_named_by_its_first_line_does_not_quote_it_again():
    from bot.answer import Answer
    from bot.knowledge.document import Document, Passage
    from bot.search.engine import Hit

    title = "Quy định 294-QĐ/TW làm rõ nhiều nội dung quan trọng về công tác xây dựng Đảng."
    text = f"{title}\nBên cạnh đó, Quy định 294 mở rộng nhiều nội dung mới."
    page = Passage(Document(path="p.md", title=title, text=text), (), text)
    assert quoted_text(page) == "Bên cạnh đó, Quy định 294 mở rộng nhiều nội dung mới."
    shown = render_plain(Answer("QĐ 294", True, [Hit(page, 0, 1.0, ())], 1, None))
    assert shown.count("làm rõ nhiều nội dung") == 1 and "mở rộng" in shown
    # a passage that is only that line, a numbered document's text and a title cut for the citation keep it
    alone = Passage(page.doc, (), title)
    numbered = Passage(Document(path="q.md", title=title, text=text, symbol="294-QĐ/TW"), (), text)
    long_title = title + " Nội dung" * 20
    cut = Passage(Document(path="r.md", title=long_title, text=long_title + "\nTiếp."), (), long_title + "\nTiếp.")
    assert [quoted_text(p) for p in (alone, numbered)] == [title, text] and quoted_text(cut).startswith(long_title)


def test_headings_set_in_capitals_read_as_sentences():
    # the Hà Nội handbook's "A. CÔNG TÁC KẾT NẠP ĐẢNG VIÊN, …" stood in every "Mục:" line of its answers
    from bot.display import readable_heading
    from bot.knowledge.document import Document, Passage

    assert readable_heading("A. CÔNG TÁC KẾT NẠP ĐẢNG VIÊN, CÔNG NHẬN ĐẢNG VIÊN CHÍNH THỨC") == (
        "A. Công tác kết nạp đảng viên, công nhận đảng viên chính thức"
    )
    assert readable_heading("C. ĐƯA ĐẢNG VIÊN KHÔNG CÒN ĐỦ TƯ CÁCH RA KHỎI ĐẢNG") == (
        "C. Đưa đảng viên không còn đủ tư cách ra khỏi Đảng"
    )
    assert readable_heading("19.2. KHEN THƯỞNG TỔ CHỨC ĐẢNG") == "19.2. Khen thưởng tổ chức đảng"
    # labels alone, options, mixed-case headings stay as written
    for kept in ("Điều 5", "A. 58 B. 68 C. 88", "Chương I. Đảng viên", "THỦ TƯỚNG CHÍNH PHỦ điện:"):
        assert readable_heading(kept) == kept
    book = Document(path="so-tay.md", title="Sổ tay", text="")
    passage = Passage(book, ("PHẦN 2. Công tác Đảng viên", "B. CÔNG TÁC QUẢN LÝ ĐẢNG VIÊN"), "…")
    assert section_label(passage) == "PHẦN 2. Công tác Đảng viên › B. Công tác quản lý đảng viên"
    assert passage.section[1] == "B. CÔNG TÁC QUẢN LÝ ĐẢNG VIÊN"  # what the index reads is untouched


def test_the_answer_lines_citation_cuts_a_long_name_at_a_word():
    # a news page named by its first sentence: "…đã ký ban hành Quy đ…, Khi thật cần thiết…"
    from bot.answer import compact_citation
    from bot.knowledge.document import Document, Passage

    title = (
        "Thay mặt Ban Chấp hành Trung ương Đảng, Tổng Bí thư Tô Lâm đã ký ban hành Quy định số 294-QĐ/TW"
        " ngày 26/5/2025 về thi hành Điều lệ Đảng."
    )
    doc = Document(path="p.md", title=title, text="")
    cited = compact_citation(Passage(doc, ("Khi thật cần thiết, cấp ủy cấp trên trực tiếp chỉ định bí thư.",), "…"))
    name, _, section = cited.partition("…, ")
    assert title.startswith(name) and title[len(name)] == " ", cited
    assert section == "Khi thật cần thiết, cấp ủy cấp trên trực tiếp chỉ định bí thư."
    # one long heading alone is cut, with nothing said to be left out before it
    heading = "Khi thật cần thiết, cấp ủy cấp trên trực tiếp chỉ định bí thư, phó bí thư, chi ủy viên của các chi bộ."
    cited = compact_citation(Passage(doc, (heading,), "…"))
    assert cited.partition("…, ")[2].startswith("Khi thật cần thiết, cấp ủy") and cited.endswith("…")
    # a deep path keeps its nearest headings: they say where the line is
    book = Document(path="so-tay.md", title="Sổ tay công tác đảng viên", text="")
    path = (
        "PHẦN 2. Công tác Đảng viên",
        "A. CÔNG TÁC KẾT NẠP ĐẢNG VIÊN, CÔNG NHẬN ĐẢNG VIÊN CHÍNH THỨC",
        "I. Tiêu chuẩn, điều kiện kết nạp đảng viên",
        "2. Tiêu chuẩn, điều kiện cụ thể",
        "(2) Tuổi đời",
    )
    assert compact_citation(Passage(book, path, "…")) == (
        "Sổ tay công tác đảng viên, … › 2. Tiêu chuẩn, điều kiện cụ thể › (2) Tuổi đời"
    )
    short = Document(path="q.md", title="Quy định 294 có hiệu lực từ 1/7/2025.", text="")
    assert compact_citation(Passage(short, ("Hiệu lực",), "…")) == "Quy định 294 có hiệu lực từ 1/7/2025, Hiệu lực"
