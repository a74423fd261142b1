"""Issue 9, item 5: every citation part is capped, so no document — whatever its metadata — makes an
answer, a card, an outline page or an inline result exceed Telegram's 4,096 characters."""

from __future__ import annotations

from pathlib import Path

from bot.answer import render_plain
from bot.library import load_library
from bot.telegram import render
from tests.bot_harness import TOKEN, Harness, user, write_config
from tests.conftest import TEST_CACHE
from tests.fake_telegram import FakeTelegram, check_text
from tests.test_hardening_property import check_answer

LONG = "Nghị quyết về công tác xây dựng Đảng và hệ thống chính trị " * 65  # ~3,900 characters


def long_document(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    heading = "Chương I. " + "Quy định chung về tổ chức và hoạt động " * 40
    article = "Điều 1. " + "Phạm vi điều chỉnh và đối tượng áp dụng " * 40
    (folder / ("t" * 200 + ".md")).write_text(
        f"---\ntitle: {LONG}\nsymbol: 45-NQ/TW\ntype: {LONG[:2000]}\nissuer: {LONG}\nissued: 2023-05-10\n"
        f"status: {LONG[:1000]}\nsource: {LONG[:2000]}\ntags: [{LONG[:1000]}, {LONG[:1200]}]\n---\n"
        f"## {heading}\n\n### {article}\n\nChi bộ sinh hoạt định kỳ mỗi tháng một lần theo nghị quyết.\n\n"
        f"### Điều 2. {'Nhiệm vụ của đảng viên ' * 80}\n\nĐảng viên đóng đảng phí hằng tháng đầy đủ.\n",
        encoding="utf-8",
    )
    return folder


def assert_message(text: str) -> None:
    assert check_text(text, "HTML") is None, check_text(text, "HTML")
    assert render.tg_len(text) <= render.MAX_LEN


def test_long_metadata_keeps_every_message_within_the_limit(tmp_path):
    library = load_library(long_document(tmp_path / "k"), None)
    result = check_answer(library, "chi bộ sinh hoạt định kỳ")
    assert result.hits
    text, _, _ = render.outline_page(library, 0, 0)
    assert_message(text)
    assert "Mục lục" in text  # the card is cut, not the outline
    for page in range(3):
        assert_message(render.list_page(library, page)[0])
    view = render.section_view(library, 0)
    for message in view.messages:
        assert_message(message)
    assert len(render_plain(result)) < 4000 + sum(len(h.passage.text) for h in result.hits[:3])


def test_the_final_guard_turns_anything_too_long_into_a_valid_message():
    huge = "<b>" + render.esc("<&> " * 3000) + "</b>"
    fitted = render.fit(huge)
    assert_message(fitted)
    assert render.fit("<b>ngắn</b>") == "<b>ngắn</b>"
    assert_message(render.fit("<b></b>" * 1000))


def test_the_bot_answers_from_a_document_with_a_3900_character_title(tmp_path):
    api = FakeTelegram(TOKEN).start()
    knowledge = long_document(tmp_path / "knowledge")
    bot = Harness(api, write_config(tmp_path / "config.yaml", knowledge, TEST_CACHE, tmp_path / "s.sqlite3")).start()
    try:
        member = user(77_001, "Mai")
        mark = api.mark()
        bot.private(member, "chi bộ sinh hoạt định kỳ")
        answer = bot.reply_in(member["id"], mark)
        assert "sinh hoạt định kỳ" in answer["text"]
        mark = api.mark()
        bot.inline(member, "chi bộ sinh hoạt định kỳ")
        api.wait_for("answerInlineQuery", since=mark)
        mark = api.mark()
        bot.private(member, "/vb 45-NQ/TW")
        assert "Mục lục" in bot.reply_in(member["id"], mark)["text"]
        assert not api.errors()
    finally:
        bot.stop()
        api.stop()
