"""Telegram HTML rendering: escaping, bold matched words, the 4,096 limit, callback data, sections."""

from __future__ import annotations

import pytest

from bot.answer import Answer
from bot.knowledge.document import Document, Passage
from bot.library import load_library
from bot.search.answerline import AnswerLine, quote
from bot.search.engine import Hit
from bot.telegram import callbacks as cb
from bot.telegram import render
from tests.conftest import TEST_CACHE
from tests.fake_telegram import check_html


def visible(html: str) -> str:
    error, text = check_html(html)
    assert error is None, f"{error}: {html[:200]}"
    return text


# --- highlighting -------------------------------------------------------------------------------


def test_matched_words_are_bold_and_everything_escaped():
    text = "Đảng viên <dự bị> & đảng viên chính thức; có quyền biểu quyết."
    html = render.highlight(text, ("dang vien", "du bi", "co", "quyen"), "đảng viên dự bị có quyền gì")
    assert html == (
        "<b>Đảng viên</b> &lt;<b>dự bị</b>&gt; &amp; <b>đảng viên</b> chính thức; có <b>quyền</b> biểu quyết."
    )  # "có" alone is a function word: not bold


def test_marks_typed_by_the_member_are_respected():
    text = "Đảng viên đăng ký sinh hoạt; Đảng lãnh đạo"
    assert render.highlight(text, ("dang",), "đảng") == "Đảng viên đăng ký sinh hoạt; <b>Đảng</b> lãnh đạo"
    # typed without marks: every folded match of a whole word counts
    assert render.highlight(text, ("dang ky",), "dang ky") == "Đảng viên <b>đăng ký</b> sinh hoạt; Đảng lãnh đạo"


def test_the_words_of_an_abbreviation_the_member_typed_are_bold():
    text = "Đảng ủy cơ sở xét tặng giấy khen cho đảng viên đạt tiêu chuẩn Hoàn thành xuất sắc nhiệm vụ."
    words = ("dang vien", "dat", "hoan thanh", "xuat sac", "nhiem vu", "tang", "giay", "khen")
    question = "ĐV đạt HTXSNV thì ai tặng giấy khen?"
    spelled = "đảng viên đạt hoàn thành xuất sắc nhiệm vụ thì ai tặng giấy khen?"  # Query.text
    assert render.highlight(text, words, question, spelled) == (
        "Đảng ủy cơ sở xét <b>tặng giấy khen</b> cho <b>đảng viên đạt</b> tiêu chuẩn "
        "<b>Hoàn thành xuất sắc nhiệm vụ</b>."
    )
    # without the spelled-out words only what was typed with its marks is bold
    assert "<b>đảng viên" not in render.highlight(text, words, question)


def test_a_word_typed_with_i_bolds_the_passage_spelling_with_y():
    html = render.highlight("Hình thức kỷ luật đảng viên", ("ky luat",), "hình thức kỉ luật")
    assert html == "Hình thức <b>kỷ luật</b> đảng viên"


def test_words_with_oa_oe_uy_are_bolded_whole_in_either_placement():
    """ "cấp ủy", "sức khỏe" are one word each, as the search reads them, whichever placement the
    passage uses ("Cấp uỷ" in the Điều lệ)."""
    html = render.highlight("Cấp uỷ cấp trên trực tiếp quyết định", ("cap uy",), "cấp ủy quyết định")
    assert html == "<b>Cấp uỷ</b> cấp trên trực tiếp quyết định"
    html = render.highlight("bảo đảm sức khỏe cho đảng viên", ("suc khoe",), "sức khoẻ")
    assert html == "bảo đảm <b>sức khỏe</b> cho đảng viên"


def test_matches_only_whole_words_and_runs_merge():
    text = "Nghị quyết số 21-NQ/TW về tổ chức cơ sở đảng; tổ chức lại"
    html = render.highlight(text, ("to chuc", "co so", "21-nq/tw", "1"), "nghị quyết 21-NQ/TW tổ chức cơ sở")
    assert html == "Nghị quyết số <b>21-NQ/TW</b> về <b>tổ chức cơ sở</b> đảng; <b>tổ chức</b> lại"


@pytest.mark.parametrize(
    "text, words, question",
    [
        ("Đánh giá chính xác; hình thức kỷ luật; Uỷ viên Ban Chấp hành", ("chinh", "thuc", "vien"), "chính thức viên"),
        ("Đảng viên chính thức giúp đỡ đảng viên dự bị", ("dang", "vien", "chinh", "du"), "đảng viên chính thức dự bị"),
        ("chuyen chinh thuc va chinh xac", ("chinh", "thuc"), "chinh thuc"),
    ],
)
def test_highlight_never_bolds_a_syllable_inside_another_word(text, words, question):
    """The issue's examples: "chính xác", "Hình thức", "Uỷ viên" are other words than the question's."""
    html = render.highlight(text, words, question)
    words_at = render.word_spans(text)
    starts, ends = {s for s, _ in words_at}, {e for _, e in words_at}
    for start, end in render.highlight_spans(text, words, question):
        assert start in starts and end in ends, text[start:end]
    for other in ("chính</b> xác", "thức</b> kỷ", "<b>viên</b> Ban", "Hình <b>thức", "Uỷ <b>viên"):
        assert other not in html


def test_stop_words_are_never_bold():
    html = render.highlight("Đảng viên có thể được xét và có quyền", ("co", "duoc", "va", "quyen"), "có được và quyền")
    assert "<b>có</b>" not in html and "<b>được</b>" not in html and "<b>và</b>" not in html
    assert "<b>quyền</b>" in html


# --- limits -------------------------------------------------------------------------------------------


def _hit(text: str, section=("Chương I", "Điều 1")) -> Hit:
    doc = Document(
        path="a.md", title="Quy định <thử> & nghiệm", text=text, symbol="1-QĐ/TW", type="Quy định", issued="2025-01-02"
    )
    return Hit(Passage(doc, section, text, 0, len(text)), 0, 1.0, ("dang",))


def _answer(hits: list[Hit], question: str, shown: int = 3) -> Answer:
    text = hits[0].passage.text
    line = AnswerLine(quote(text), 0, 0, len(text))
    return Answer(question, True, hits, min(shown, len(hits)), line, ("dang",))


def test_answer_pages_never_exceed_telegram_limit_even_for_pathological_passages():
    hits = [_hit("& < > " * 250), _hit("đảng " * 300), _hit("&" * 1500), _hit("x" * 1500), _hit("y")]
    found = _answer(hits, "đảng <b>")
    for group in (False, True):
        pages = render.answer_pages(found, per_page=3, group=group)
        assert sorted(i for page in pages for i in page) == list(range(len(hits)))
        assert pages[0][0] == 0 and len(pages[0]) <= (1 if group else 3)
        for n, page in enumerate(pages):
            html = render.answer_html(found, page, n, group)
            assert render.tg_len(html) <= render.MAX_LEN
            assert visible(html).startswith("🔎 đảng <b>")
            assert ("📌" in html) == (n == 0)
    first = render.hit_html(hits[0], "đảng", (), 1)
    assert "<b>[1] Quy định 1-QĐ/TW</b>, ngày 02/01/2025" in first
    assert "<i>Quy định &lt;thử&gt; &amp; nghiệm</i>" in first and "Mục: <i>Chương I › Điều 1</i>" in first
    assert "<blockquote expandable>" in first


def test_a_group_reply_is_short_before_expansion():
    hits = [_hit("Đảng viên phải gương mẫu chấp hành. " * 40), _hit("đảng " * 300)]
    found = _answer(hits, "đảng viên " * 20)
    page = render.answer_pages(found, per_page=3, group=True)[0]
    html = render.answer_html(found, page, 0, group=True)
    assert len(visible(html)) <= render.GROUP_VISIBLE
    assert "📌" in html and html.count("<blockquote expandable>") == 1


def test_long_text_is_split_cleanly_into_valid_messages():
    lines = [f"{n}. Đảng viên <phải> & “gương mẫu” — dòng số {n} " + "nội dung " * (n % 40) for n in range(400)]
    lines.insert(100, "liền" * 3000)  # one line longer than a message, without spaces
    text = "\n".join(lines)
    messages = render.pack(render.plain_pieces(text, render.MAX_LEN), render.MAX_LEN)
    assert len(messages) > 3
    for message in messages:
        assert render.tg_len(message) <= render.MAX_LEN
        visible(message)
    rebuilt = "".join(visible(m) for m in messages).replace("\n", "")
    assert rebuilt.replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_utf16_length_counts_astral_characters_twice():
    assert render.tg_len("đảng") == 4 and render.tg_len("👍") == 2


# --- callback data -----------------------------------------------------------------------------------


def test_callback_data_round_trip_and_rejects():
    data = cb.make(cb.SECTION, "0123456789", 123456)
    assert data == "s:0123456789:123456" and len(data.encode()) <= 64
    assert cb.parse(data) == cb.Callback(cb.SECTION, ("0123456789", 123456))
    assert cb.parse(cb.make(cb.PAGE, "AbCd-_12", 3)).args == ("AbCd-_12", 3)
    for bad in [None, "", "zz:1", "p:only-one", "p:x:notanumber", "l:-1", "s:a:b:c", "x"]:
        assert cb.parse(bad) is None, bad
    with pytest.raises(ValueError):
        cb.make(cb.DOCUMENT, "x" * 70)


# --- sections of a long document without headings -------------------------------------------------


@pytest.fixture(scope="module")
def long_library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("long")
    paragraphs = [
        f"Đoạn {n}: chi bộ tổ chức sinh hoạt chuyên đề về học tập và làm theo tư tưởng, đạo đức, phong cách "
        f"Hồ Chí Minh; đảng viên <gương mẫu> & trách nhiệm nêu gương lần thứ {n}. " * 3
        for n in range(60)
    ]
    (folder / "bai-viet.md").write_text("# Bài viết dài không chia mục\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    return load_library(folder, TEST_CACHE)


def test_section_view_windows_a_long_section_and_walks_the_whole_document(long_library):
    lib = long_library
    passages = lib.index.document_passages(0).tolist()
    assert len(lib.sections(0)) == 1 and len(passages) > 20
    seen, current, anchor, views, split = [], passages[0], "around", 0, 0
    while True:
        view = render.section_view(lib, current, anchor)
        views += 1
        split += len(view.messages) > 1
        for message in view.messages:
            assert render.tg_len(message) <= render.MAX_LEN
        text = "".join(visible(m) for m in view.messages)
        window = render.section_window(lib, current, anchor)
        assert current in window and sum(len(lib.index.passages[i].text) for i in window) <= 7000
        seen += window
        following = [
            d
            for t, d in ((b.text, b.callback_data) for row in view.keyboard.inline_keyboard for b in row)
            if t.startswith("⬇️")
        ]
        assert "Đoạn 0:" in text or views > 1
        if not following:
            break
        parsed = cb.parse(following[0])
        assert parsed.kind == cb.SECTION_FROM
        current, anchor = lib.passage_at(lib.doc_by_ref(parsed.arg(0)), parsed.arg(1)), "start"
    assert seen == passages  # every passage once, in order
    assert views >= 3 and split  # some windows take two messages: split between lines, tags closed
    # reading back from the end: windows end at the passage before the one shown
    window = render.section_window(lib, passages[-10], "end")
    assert window[-1] == passages[-10] and len(window) > 1
