"""End to end: the real Application (bot.telegram.app, the code path of `python -m bot run`) polls a fake
Bot API server over HTTP; the tests inject updates as Telegram would and assert on what the bot sent.

The fake server refuses what Telegram refuses (unparseable HTML, texts over 4,096 characters, callback
data over 64 bytes…), and every test fails if the bot made a call that Telegram would have refused.
"""

from __future__ import annotations

import itertools
import logging
import re
import time

import pytest

from bot.telegram import handlers
from tests.bot_harness import (
    ADMIN_ID,
    GROUP_ID,
    PROBATION,
    PROBATION_QUESTION,
    TOKEN,
    Harness,
    button,
    buttons,
    make_knowledge,
    user,
    write_config,
)
from tests.conftest import TEST_CACHE, TEST_DATA
from tests.fake_telegram import FakeTelegram, check_html


@pytest.fixture(scope="module")
def api():
    server = FakeTelegram(TOKEN).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def bot(api, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bot")
    knowledge = make_knowledge(tmp / "knowledge")
    config = write_config(tmp / "config.yaml", knowledge, TEST_CACHE, tmp / "data" / "stats.sqlite3")
    harness = Harness(api, config).start()
    yield harness
    harness.stop()


_user_ids = itertools.count(10_001)


@pytest.fixture
def member():
    """A new member (and so a new private chat) for every test: tests never see each other's replies."""
    return user(next(_user_ids), "Bình")


@pytest.fixture
def allowed_errors():
    return []


@pytest.fixture(autouse=True)
def refused_calls_fail_the_test(request, allowed_errors):
    """After each test: no call that Telegram would have refused, except those the test expects."""
    if "api" not in request.fixturenames:
        yield
        return
    api = request.getfixturevalue("api")
    mark = api.mark()
    yield
    unexpected = [
        (c.method, c.status, c.description)
        for c in api.errors(since=mark)
        if not any(allowed in (c.description or "") for allowed in allowed_errors)
    ]
    assert not unexpected, f"calls Telegram would have refused: {unexpected}"


def visible(html: str) -> str:
    error, text = check_html(html)
    assert error is None, error
    return text


def assert_valid_html(html: str) -> None:
    error, text = check_html(html)
    assert error is None, f"{error}: {html[:300]}"
    assert len(text.encode("utf-16-le")) // 2 <= 4096


# --- startup ----------------------------------------------------------------------------------------


def test_startup_registers_vietnamese_commands(bot, api):
    default = api.wait_for("setMyCommands", lambda c: c.get("scope", {}).get("type") == "default")
    names = [c["command"] for c in default["commands"]]
    assert names[:3] == ["hoi", "vanban", "vb"] and {"help", "start"} <= set(names)
    assert "reload" not in names  # admin commands only in the admins' own menus
    admin = api.wait_for("setMyCommands", lambda c: c.get("scope", {}).get("chat_id") == ADMIN_ID)
    assert {"reload", "thongke"} <= {c["command"] for c in admin["commands"]}
    assert api.calls_of("deleteWebhook"), "long polling starts by removing any webhook"
    # <root>/bot<token>/… and <root>/file/bot<token>/…, as a self-hosted telegram-bot-api expects
    assert bot.application.bot.base_url == f"{api.base_url}/bot{TOKEN}"
    assert bot.application.bot.base_file_url == f"{api.base_url}/file/bot{TOKEN}"


# --- private chat ------------------------------------------------------------------------------------


def test_private_question_gets_cited_passage_in_valid_html(bot, api, member):
    mark = api.mark()
    bot.private(member, PROBATION_QUESTION)
    reply = bot.reply_in(member["id"], mark)
    html = reply["text"]
    assert_valid_html(html)
    text = visible(html)
    assert PROBATION in text  # the right passage: Điều 5, khoản 1
    assert "[1] Điều lệ Đảng Cộng sản Việt Nam" in text and "ngày 19/01/2011" in text
    assert "Mục: Chương I. Đảng viên › Điều 5" in text
    assert "<b>[1] Điều lệ Đảng Cộng sản Việt Nam</b>" in html
    assert "<b>thời kỳ dự bị</b>" in html  # matched words in bold
    assert reply["parse_mode"] == "HTML"
    # the answer line first: a quotation of the first passage, with its compact citation
    line, _, rest = text.partition("\n\n")[2].partition("\n\n")
    assert line.startswith("📌 ") and PROBATION in line
    assert line.endswith("— Điều lệ Đảng Cộng sản Việt Nam, Điều 5, khoản 1")
    assert line[2 : line.index(" — ")].strip() in " ".join(rest.split())
    # then the passages, each a quote the member expands; at most the top 3
    quotes = reply.result["entities"]
    assert quotes and all(q["type"] == "expandable_blockquote" for q in quotes)
    assert len(quotes) == html.count("<blockquote expandable>") <= 3 and "[4]" not in text
    # an answer found in milliseconds comes without a typing indicator (see the next test)
    assert not api.calls_of("sendChatAction", since=mark, where=lambda c: c["chat_id"] == member["id"])
    labels = [t for t, _ in buttons(reply)]
    assert "📖 Toàn mục [1]" in labels and "👍 Hữu ích" in labels and "👎 Chưa đúng" in labels
    assert any(t.startswith("📄 Điều lệ") for t in labels)
    assert all(len(d.encode()) <= 64 for _, d in buttons(reply))


def test_slow_search_shows_typing_before_the_answer(bot, api, member, monkeypatch):
    """ "typing…" only when the search is slow (e.g. while a reload tokenises on every core): every
    request counts against the bot's 30 a second, and an indicator for a 5 ms answer would halve
    the answers per second under load (benchmarks/throughput.py)."""
    engine = bot.service.library.engine
    search = engine.search

    def slow_search(question, k):  # runs in the worker thread, as the real search does
        time.sleep(handlers.TYPING_AFTER + 0.3)
        return search(question, k)

    monkeypatch.setattr(engine, "search", slow_search)
    mark = api.mark()
    bot.private(member, PROBATION_QUESTION)
    reply = bot.reply_in(member["id"], mark)
    typing = api.wait_for("sendChatAction", lambda c: c["chat_id"] == member["id"], since=mark)
    assert typing["action"] == "typing" and typing.seq < reply.seq
    assert PROBATION in visible(reply["text"])


def test_question_without_diacritics_finds_the_same_passage(bot, api, member):
    mark = api.mark()
    bot.private(member, "thoi ky du bi bao nhieu thang")
    html = bot.reply_in(member["id"], mark)["text"]
    text = visible(html)
    assert PROBATION in text.split("[2]")[0]  # the first passage is Điều 5
    assert "<b>thời kỳ dự bị</b>" in html  # folded question words are found in the marked text


def test_a_corrected_question_is_answered_again_under_it(bot, api, member):
    mark = api.mark()
    sent = bot.private(member, "thoi ky du bi bao lau??? 🙏🙏")
    first = bot.reply_in(member["id"], mark)
    # the member fixes the message: Telegram sends it as an edit of the same message
    mark = api.mark()
    edited = {**sent, "text": PROBATION_QUESTION, "edit_date": sent["date"] + 5}
    api.push_update({"edited_message": edited})
    again = bot.reply_in(member["id"], mark, where=lambda c: c.get("reply_parameters") or c.get("reply_to_message_id"))
    replied = again.get("reply_parameters") or {"message_id": again.get("reply_to_message_id")}
    assert int(replied["message_id"]) == sent["message_id"] and PROBATION in visible(again["text"])
    assert again.result["message_id"] != first.result["message_id"]
    # an edit in a group is no new question: nothing is sent there
    mark = api.mark()
    group_message = bot.message(GROUP_ID, member, "chúng ta họp lúc 8 giờ")
    api.push_update({"edited_message": {**group_message, "text": f"@{bot.bot_username} thời kỳ dự bị", "edit_date": 1}})
    api.wait_quiet(0.5)
    assert not api.calls_of("sendMessage", since=mark, where=lambda c: int(c["chat_id"]) == GROUP_ID)


def test_html_in_question_is_escaped(bot, api, member):
    mark = api.mark()
    bot.private(member, "<b>thời kỳ dự bị</b> của <i>đảng viên</i> & <script>")
    html = bot.reply_in(member["id"], mark)["text"]
    assert_valid_html(html)
    assert "<script" not in html and "<i>đảng viên</i>" not in html
    # the question heads the answer exactly as typed
    assert "&lt;b&gt;thời kỳ dự bị&lt;/b&gt; của &lt;i&gt;đảng viên&lt;/i&gt; &amp; &lt;script&gt;" in html
    assert PROBATION in visible(html)

    mark = api.mark()
    bot.private(member, '<a href="http://x">x</a> <b>')  # nothing to search for, still valid HTML back
    assert_valid_html(bot.reply_in(member["id"], mark)["text"])


def test_paging_buttons_and_double_press(bot, api, member, allowed_errors):
    allowed_errors.append("message is not modified")
    mark = api.mark()
    bot.private(member, "thời kỳ dự bị")
    first = bot.reply_in(member["id"], mark)
    assert first["parse_mode"] == "HTML"  # set once, through the Application's Defaults
    page_one = visible(first["text"])
    shown = first["text"].count("<blockquote expandable>")  # the first page: as many as the policy shows
    more = button(first, "Thêm kết quả")
    assert more.startswith("p:")
    message = first.result

    mark = api.mark()
    query = bot.press(message, more, member)
    edit = api.wait_for("editMessageText", lambda c: c["message_id"] == message["message_id"], since=mark)
    assert edit["parse_mode"] == "HTML"
    page_two = visible(edit["text"])
    assert f"[{shown + 1}]" in page_two and "[1]" not in page_two and f"kết quả {shown + 1}–" in page_two
    assert "📌" not in page_two  # the answer line heads the first page only
    assert bot.callback_answer(query, mark).ok
    labels = [t for t, _ in buttons(edit)]
    assert "◀ Trước" in labels and "2/" in " ".join(labels)

    # The same button pressed twice: Telegram says "message is not modified"; the member sees nothing wrong.
    mark = api.mark()
    query = bot.press(message, more, member)
    refused = api.wait_for("editMessageText", since=mark, ok=False)
    assert "not modified" in refused.description
    assert bot.callback_answer(query, mark).ok
    api.wait_quiet()
    assert not api.calls_of("sendMessage", since=mark, where=lambda c: c["chat_id"] == member["id"])

    # Back to the first page.
    mark = api.mark()
    bot.press(api.message(member["id"], message["message_id"]), button(edit, "◀ Trước"), member)
    back = api.wait_for("editMessageText", lambda c: c["message_id"] == message["message_id"], since=mark)
    assert visible(back["text"]) == page_one


def test_section_document_and_outline_buttons(bot, api, member):
    mark = api.mark()
    bot.private(member, PROBATION_QUESTION)
    answer = bot.reply_in(member["id"], mark)

    mark = api.mark()
    bot.press(answer.result, button(answer, "📖 Toàn mục [1]"), member)
    section = bot.reply_in(member["id"], mark)
    text = visible(section["text"])
    assert text.startswith("📖 Điều lệ Đảng Cộng sản Việt Nam\nChương I. Đảng viên › Điều 5")
    # the whole Điều 5: its four khoản, from the document, not only the quoted passage
    assert PROBATION in text and "4. Đảng viên đã được công nhận chính thức" in text
    nav = [t for t, _ in buttons(section)]
    assert "⬆️ Đoạn trước" in nav and "⬇️ Đoạn sau" in nav

    mark = api.mark()
    bot.press(section.result, button(section, "⬇️ Đoạn sau"), member)
    following = visible(bot.reply_in(member["id"], mark)["text"])
    assert "Điều 6" in following.split("\n")[1]

    mark = api.mark()
    bot.press(answer.result, button(answer, "📄 Điều lệ"), member)
    card = bot.reply_in(member["id"], mark)
    text = visible(card["text"])
    assert text.startswith("📄 Điều lệ Đảng Cộng sản Việt Nam")
    assert "Ngày ban hành: 19/01/2011" in text and "Tệp: dieu-le-dang.md" in text
    assert "Chủ đề: Điều lệ Đảng, đảng viên, tổ chức đảng" in text  # the tags of its front matter
    assert "Mục lục (trang 1/" in text and "Chương I. Đảng viên" in text and "Điều 1" in text
    numbered = [(t, d) for t, d in buttons(card) if t.isdigit()]
    assert len(numbered) == 15
    assert "Sau ▶" in [t for t, _ in buttons(card)]

    mark = api.mark()
    bot.press(card.result, button(card, "Sau ▶"), member)
    page_two = api.wait_for("editMessageText", lambda c: c["message_id"] == card.result["message_id"], since=mark)
    assert "Mục lục (trang 2/" in visible(page_two["text"])

    mark = api.mark()
    bot.press(card.result, dict(numbered)["2"], member)  # outline entry 2: Điều 1
    opened = visible(bot.reply_in(member["id"], mark)["text"])
    assert opened.split("\n")[1] == "Chương I. Đảng viên › Điều 1"
    assert "Đảng viên Đảng Cộng sản Việt Nam là chiến sĩ cách mạng" in opened


def test_buttons_on_old_messages_are_handled_gracefully(bot, api, member, allowed_errors):
    allowed_errors.append("message to edit not found")
    old = {
        "message_id": 7,
        "date": int(time.time()) - 86400 * 30,
        "chat": {"id": member["id"], "type": "private", "first_name": "Bình"},
        "from": api.bot_user,
        "text": "một câu trả lời cũ",
    }
    cases = {
        "p:AbCdEfGh:1": "Câu trả lời này đã cũ",  # answer session expired or lost in a restart
        "d:0123456789": "Văn bản này đã được cập nhật hoặc gỡ",  # document removed or changed
        "s:0123456789:40": "Văn bản này đã được cập nhật hoặc gỡ",
        "unknown-button-from-an-old-version": "Nút này không còn dùng được",
        "f:999999:1": "Không ghi được góp ý",
    }
    for data, notice in cases.items():
        mark = api.mark()
        query = bot.press(old, data, member)
        answered = bot.callback_answer(query, mark)
        assert notice in answered["text"], data
    # A list page asked for on a message Telegram no longer has: sent as a new message instead.
    mark = api.mark()
    bot.press(old, "l:0", member)
    refused = api.wait_for("editMessageText", since=mark, ok=False)
    assert "not found" in refused.description
    assert "Văn bản trong thư viện" in visible(bot.reply_in(member["id"], mark)["text"])
    api.wait_quiet()
    assert not [c for c in api.calls_of("sendMessage", since=mark) if "lỗi" in c["text"]]


def test_no_answer_says_so_and_offers_the_document_list(bot, api, member):
    mark = api.mark()
    bot.private(member, "giá vàng hôm nay bao nhiêu")
    reply = bot.reply_in(member["id"], mark)
    text = visible(reply["text"])
    assert text.startswith("Chưa tìm thấy nội dung phù hợp")
    assert "Gợi ý:" in text and "/vanban" in text
    assert "<blockquote>" not in reply["text"] and "[1]" not in text  # no page of irrelevant passages
    assert ("📚 Danh sách văn bản", "l:0") in buttons(reply)

    # The engine matches "giá vàng" without marks ("gia đình", "vẻ vang"); not one word as typed is
    # in those passages, so the bot does not show them.
    mark = api.mark()
    bot.private(member, "giá vàng")
    assert visible(bot.reply_in(member["id"], mark)["text"]).startswith("Chưa tìm thấy nội dung phù hợp")

    mark = api.mark()
    bot.press(reply.result, "l:0", member)
    listing = visible(api.wait_for("editMessageText", since=mark)["text"])
    assert "Văn bản trong thư viện — 3 văn bản" in listing and "Kế hoạch 98-KH/TU (10/05/2023)" in listing

    # a document the folder lacks: the reply says so, instead of advising to type its number
    mark = api.mark()
    bot.private(member, "QĐ 294")
    text = visible(bot.reply_in(member["id"], mark)["text"])
    assert text.startswith("Thư viện chưa có văn bản «QĐ 294»") and "ví dụ «QĐ 294»" not in text


def test_feedback_buttons_are_recorded_once_per_member(bot, api, member):
    mark = api.mark()
    bot.private(member, PROBATION_QUESTION)
    answer = bot.reply_in(member["id"], mark)
    helpful, unhelpful = button(answer, "👍"), button(answer, "👎")
    query_id = int(helpful.split(":")[1])
    for data in (helpful, helpful, unhelpful):
        mark = api.mark()
        query = bot.press(answer.result, data, member)
        assert bot.callback_answer(query, mark)["text"] == "Cảm ơn đồng chí đã góp ý!"
    rows = bot.service.store._db.execute("SELECT value FROM feedback WHERE query_id=?", (query_id,)).fetchall()
    assert rows == [(-1,)]  # one vote per member per answer; the last press counts


def test_strange_messages_get_a_polite_reply(bot, api, member):
    cases = [
        ("đảng viên " * 999 + "đảng viên?", "Tin nhắn dài quá (10.000 ký tự)"),
        ("🙏🙏🙏 👍", "Mình chỉ hiểu câu hỏi bằng chữ"),
        ("!!! ??? ...", "Mình chỉ hiểu câu hỏi bằng chữ"),
        ("Xin chào", "Xin chào!"),
        ("<b>chào bot ạ</b>", "Xin chào!"),
        ("Chào bạn, thời kỳ dự bị bao lâu?", PROBATION),  # a question after a greeting is searched
        ("cảm ơn bot nhiều", "Rất vui được giúp"),
        ("em ko hiểu, cho em hỏi lại", "Đồng chí cứ gõ câu hỏi đầy đủ"),  # searched, it quoted a history page
        ("sai rồi", "Đồng chí cứ gõ câu hỏi đầy đủ"),
        ("em không hiểu thời kỳ dự bị", PROBATION),  # a word of the documents: searched
        ("/khonglenhnay", "Mình không có lệnh này"),
    ]
    assert len(cases[0][0]) == 10_000
    for text, expected in cases:
        mark = api.mark()
        bot.private(member, text)
        assert expected in visible(bot.reply_in(member["id"], mark)["text"]), text
    mark = api.mark()
    bot.private(
        member,
        None,
        sticker={
            "file_id": "CAACAgIAAxk",
            "file_unique_id": "AgAD",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        },
    )
    assert "Mình chỉ đọc được câu hỏi gõ bằng chữ" in visible(bot.reply_in(member["id"], mark)["text"])
    mark = api.mark()
    bot.private(
        member,
        None,
        photo=[{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}],
        caption="thời kỳ dự bị",
    )
    assert PROBATION in visible(bot.reply_in(member["id"], mark)["text"])  # a caption is a question


def test_start_shows_three_examples_from_the_documents_and_they_are_answered(bot, api, member):
    mark = api.mark()
    bot.private(member, "/start")
    reply = bot.reply_in(member["id"], mark)
    text = visible(reply["text"])
    assert "trích dẫn nguyên văn" in text and "Đang có 3 văn bản" in text
    examples = [(t, d) for t, d in buttons(reply) if t.startswith("❓")]
    assert len(examples) == 3
    library = bot.service.library
    assert list(library.examples) == [line[3:] for line in text.split("\n") if line[:3] in ("1. ", "2. ", "3. ")]
    # drawn from the loaded documents: the FAQ's own question, and one about each other document
    # a question the FAQ page itself asks ("## Câu hỏi 06: …?"), then one per other document
    faq = re.findall(r"^## Câu hỏi \d+: (.+\?)$", (TEST_DATA / "hoi-dap.md").read_text(encoding="utf-8"), re.M)
    assert set(library.examples) & set(faq)
    assert any("98-KH/TU" in q for q in library.examples) and any("Điều lệ" in q for q in library.examples)
    for _, data in examples:
        mark = api.mark()
        bot.press(reply.result, data, member)
        answer = visible(bot.reply_in(member["id"], mark)["text"])
        assert "[1]" in answer and not answer.startswith("Chưa tìm thấy")


def test_help_deep_links_and_posted_inline_results(bot, api, member):
    mark = api.mark()
    bot.private(member, "/help")
    text = visible(bot.reply_in(member["id"], mark)["text"])
    assert "/vb <số hiệu>" in text and f"@{bot.bot_username}" in text and "Không dấu cũng được" in text
    # the buttons of inline mode open the bot with /start help or /start vanban
    mark = api.mark()
    bot.private(member, "/start vanban")
    assert visible(bot.reply_in(member["id"], mark)["text"]).startswith("📚 Văn bản trong thư viện")
    mark = api.mark()
    bot.private(member, "/start help")
    assert visible(bot.reply_in(member["id"], mark)["text"]).startswith("Cách hỏi")
    # a passage the member posted through inline mode is not a new question
    mark = api.mark()
    bot.private(member, "Điều lệ Đảng Cộng sản Việt Nam, ngày 19/01/2011 …", via_bot=api.bot_user)
    bot.private(member, "/help")
    bot.reply_in(member["id"], mark, where=lambda c: c["text"].startswith("<b>Cách hỏi"))
    api.wait_quiet()
    assert len(api.calls_of("sendMessage", since=mark, where=lambda c: c["chat_id"] == member["id"])) == 1


def test_document_list_and_vb_command(bot, api, member):
    mark = api.mark()
    bot.private(member, "/vanban")
    listing = bot.reply_in(member["id"], mark)
    text = visible(listing["text"])
    assert "1. Kế hoạch 98-KH/TU (10/05/2023)" in text  # newest first, with number, title and date
    assert "Kế hoạch đẩy mạnh thông tin, tuyên truyền" in text
    assert "Điều lệ Đảng Cộng sản Việt Nam (19/01/2011)" in text
    assert [t for t, _ in buttons(listing)] == ["1", "2", "3"]

    for command, expected in [
        ("/vb 98-KH/TU", "📄 Kế hoạch 98-KH/TU"),
        ("/vb kh 98", "📄 Kế hoạch 98-KH/TU"),
        ("/vb dieu le", "📄 Điều lệ Đảng Cộng sản Việt Nam"),
        ("/vb 12345-XYZ/TW", "Không thấy văn bản «12345-XYZ/TW»"),
        ("/vb", "Gõ số hiệu hoặc tên văn bản"),
    ]:
        mark = api.mark()
        bot.private(member, command)
        assert visible(bot.reply_in(member["id"], mark)["text"]).startswith(expected), command

    mark = api.mark()
    bot.private(member, "/vb 98-KH/TU")
    card = bot.reply_in(member["id"], mark)
    text = visible(card["text"])
    assert "Ngày ban hành: 10/05/2023" in text and "Cơ quan ban hành: Ban Thường vụ Tỉnh ủy" in text
    assert "Tình trạng: hiệu lực" in text and "Văn bản không chia mục" in text
    mark = api.mark()
    bot.press(card.result, button(card, "1"), member)
    whole = visible(bot.reply_in(member["id"], mark)["text"])
    assert "Ngày 10/5/2023, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 98-KH/TU" in whole

    # the number alone, typed as a question: the plan from its beginning, with its buttons
    mark = api.mark()
    bot.private(member, "KH 98")
    reply = bot.reply_in(member["id"], mark)
    text = visible(reply["text"])
    assert "📌" not in text and text.index("[1] Kế hoạch 98-KH/TU") < text.index("Ngày 10/5/2023, Ban Thường vụ")
    assert button(reply, "📄 Kế hoạch 98-KH/TU")


# --- groups ------------------------------------------------------------------------------------------


def test_group_chatter_is_ignored(bot, api):
    chat = GROUP_ID - 1
    a, b = user(20_001, "Cường"), user(20_002, "Dung")
    mark = api.mark()
    bot.message(chat, a, "Chào cả chi bộ, hôm nay mình học Điều lệ nhé")
    bot.message(chat, b, "thời kỳ dự bị bao lâu nhỉ?")  # a question, but not to the bot
    bot.message(chat, a, "/hoi@some_other_bot thời kỳ dự bị")  # a command for another bot
    bot.message(chat, b, "@someone_else thời kỳ dự bị")  # a mention of someone else
    bot.message(
        chat,
        a,
        None,
        sticker={
            "file_id": "s",
            "file_unique_id": "s",
            "type": "regular",
            "width": 1,
            "height": 1,
            "is_animated": False,
            "is_video": False,
        },
    )
    # a question that is addressed to the bot, sent after the chatter
    question = bot.message(chat, b, f"/hoi@{bot.bot_username} thời kỳ dự bị")
    answer = bot.reply_in(chat, mark)
    assert answer["reply_parameters"]["message_id"] == question["message_id"]
    api.wait_quiet()
    sent = api.calls_of("sendMessage", since=mark, where=lambda c: c["chat_id"] == chat)
    assert len(sent) == 1, [c["text"][:80] for c in sent]
    # no typing indicator in groups: every request counts against the group's per-minute budget
    assert not api.calls_of("sendChatAction", since=mark, where=lambda c: c["chat_id"] == chat)


def test_group_hoi_with_botname_is_answered_as_a_reply(bot, api):
    chat = GROUP_ID - 2
    member = user(20_011, "Giang")
    mark = api.mark()
    question = bot.message(chat, member, f"/hoi@{bot.bot_username} {PROBATION_QUESTION}")
    answer = bot.reply_in(chat, mark)
    assert answer["reply_parameters"]["message_id"] == question["message_id"]
    assert PROBATION in visible(answer["text"])

    mark = api.mark()
    bot.message(chat, member, f"/hoi@{bot.bot_username}")  # no question: asks for one, as a reply it can get
    prompt = bot.reply_in(chat, mark)
    assert "hãy gõ câu hỏi" in prompt["text"] and prompt["reply_markup"]["force_reply"] is True


def test_group_reply_is_the_answer_line_and_one_passage(bot, api):
    """In a study session the reply must not flood the chat: the answer line, the best passage, the
    rest behind "Thêm kết quả ▶"; at most 1,200 characters before the quote is expanded."""
    chat = GROUP_ID - 5
    member = user(20_041, "Minh")
    mark = api.mark()
    bot.message(chat, member, f"/hoi@{bot.bot_username} {PROBATION_QUESTION}")
    answer = bot.reply_in(chat, mark)
    text = visible(answer["text"])
    assert len(text) <= 1200
    assert text.split("\n\n")[1].startswith("📌 ") and PROBATION in text
    assert [q["type"] for q in answer.result["entities"]] == ["expandable_blockquote"]
    assert "[1]" in text and "[2]" not in text
    more = button(answer, "Thêm kết quả")
    mark = api.mark()
    bot.press(answer.result, more, member)
    edit = api.wait_for("editMessageText", lambda c: c["message_id"] == answer.result["message_id"], since=mark)
    assert "[2]" in visible(edit["text"]) and "kết quả 2–" in visible(edit["text"])


def test_mention_in_reply_to_another_members_question_answers_that_question(bot, api):
    chat = GROUP_ID - 3
    asker, helper = user(20_021, "Hà"), user(20_022, "Khánh")
    mark = api.mark()
    question = bot.message(chat, asker, "Kế hoạch 98 tuyên truyền những nội dung gì?")
    request = bot.message(chat, helper, f"@{bot.bot_username}", reply_to=question)
    answer = bot.reply_in(chat, mark)
    assert answer["reply_parameters"]["message_id"] == question["message_id"]  # replies to the question
    assert answer["reply_parameters"]["message_id"] != request["message_id"]
    text = visible(answer["text"])
    assert "Kế hoạch 98 tuyên truyền những nội dung gì?" in text.split("\n")[0]
    assert "[1] Kế hoạch 98-KH/TU" in text

    # the same with /hoi instead of the mention
    mark = api.mark()
    question = bot.message(chat, asker, "thời kỳ dự bị")
    bot.message(chat, helper, "/hoi", reply_to=question)
    answer = bot.reply_in(chat, mark)
    assert answer["reply_parameters"]["message_id"] == question["message_id"]
    assert PROBATION in visible(answer["text"])

    # words that only ask the bot to answer it, the asker's name among them, are no question of their own
    for request in (f"@{bot.bot_username} giúp đồng chí Hà với!", "/hoi trả lời hộ câu này nhé"):
        mark = api.mark()
        bot.message(chat, helper, request, reply_to=question)
        answer = bot.reply_in(chat, mark)
        assert answer["reply_parameters"]["message_id"] == question["message_id"], request
        assert PROBATION in visible(answer["text"]), request

    # words that ask about the message, pointing at it, are asked with it
    mark = api.mark()
    story = bot.message(chat, asker, "Em được kết nạp vào Đảng tháng trước, đang trong thời kỳ dự bị.")
    bot.message(chat, helper, f"@{bot.bot_username} trường hợp này thì thế nào?", reply_to=story)
    answer = bot.reply_in(chat, mark)
    assert answer["reply_parameters"]["message_id"] == story["message_id"]
    assert "trường hợp này thì thế nào? Em được kết nạp" in visible(answer["text"]).split("\n")[0]
    assert PROBATION in visible(answer["text"])

    # a question of the helper's own is searched, and answered to the helper
    mark = api.mark()
    own = bot.message(
        chat, helper, f"@{bot.bot_username} Kế hoạch 98 tuyên truyền những nội dung gì?", reply_to=question
    )
    answer = bot.reply_in(chat, mark)
    assert answer["reply_parameters"]["message_id"] == own["message_id"]
    assert "[1] Kế hoạch 98-KH/TU" in visible(answer["text"])


def test_mention_with_question_and_reply_to_bot_are_answered(bot, api):
    chat = GROUP_ID - 4
    member = user(20_031, "Lan")
    mark = api.mark()
    question = bot.message(chat, member, f"@{bot.bot_username} thoi ky du bi bao nhieu thang")
    answer = bot.reply_in(chat, mark)
    assert answer["reply_parameters"]["message_id"] == question["message_id"]
    assert PROBATION in visible(answer["text"])
    assert f"@{bot.bot_username}" not in visible(answer["text"]).split("\n")[0]

    mark = api.mark()
    follow_up = bot.message(chat, member, "Kế hoạch 98 tuyên truyền những nội dung gì?", reply_to=answer.result)
    answer = bot.reply_in(chat, mark)
    assert answer["reply_parameters"]["message_id"] == follow_up["message_id"]
    assert "Kế hoạch 98-KH/TU" in visible(answer["text"])


# --- inline mode ---------------------------------------------------------------------------------------


def test_inline_query_lists_cited_passages(bot, api, member):
    mark = api.mark()
    query = bot.inline(member, "thời kỳ dự bị")
    answer = api.wait_for("answerInlineQuery", lambda c: c["inline_query_id"] == query, since=mark)
    results = answer["results"]
    assert 1 <= len(results) <= 10
    first = results[0]
    assert first["type"] == "article" and first["title"].startswith("Điều lệ Đảng Cộng sản Việt Nam — Chương I")
    content = first["input_message_content"]
    assert content["parse_mode"] == "HTML"
    posted = visible(content["message_text"])  # what choosing it posts: the answer line, the passage with its citation
    assert posted.startswith("📌 ") and "\n\nĐiều lệ Đảng Cộng sản Việt Nam, ngày 19/01/2011" in posted
    assert PROBATION in posted and "<blockquote expandable>" in content["message_text"]
    assert not any(r["input_message_content"]["message_text"].startswith("📌") for r in results[1:])
    for result in results:
        assert_valid_html(result["input_message_content"]["message_text"])

    # inline, members type a few keywords: "dự bị" alone was searched as "dự" (Đại biểu dự đại hội…)
    mark = api.mark()
    query = bot.inline(member, "dự bị")
    keywords = api.wait_for("answerInlineQuery", lambda c: c["inline_query_id"] == query, since=mark)
    assert PROBATION in keywords["results"][0]["description"]

    mark = api.mark()
    query = bot.inline(member, "")
    empty = api.wait_for("answerInlineQuery", lambda c: c["inline_query_id"] == query, since=mark)
    assert empty["results"] == [] and empty["button"]["start_parameter"] == "help"

    mark = api.mark()
    query = bot.inline(member, "giá vàng hôm nay bao nhiêu")
    nothing = api.wait_for("answerInlineQuery", lambda c: c["inline_query_id"] == query, since=mark)
    assert nothing["results"] == [] and nothing["button"]["start_parameter"] == "vanban"


# --- Telegram's limits and errors ----------------------------------------------------------------------


# PTB's own RetryAfter reads its deprecated int-valued attribute when it is created.
@pytest.mark.filterwarnings("ignore:Deprecated since version v22.2")
def test_429_is_retried_after_the_time_telegram_asks(bot, api, member, allowed_errors):
    allowed_errors.append("Too Many Requests")
    api.fail_next("sendMessage", 429, retry_after=1)
    mark = api.mark()
    bot.private(member, PROBATION_QUESTION)
    delivered = bot.reply_in(member["id"], mark, timeout=15)
    attempts = api.calls_of("sendMessage", since=mark, where=lambda c: c["chat_id"] == member["id"])
    assert [c.status for c in attempts] == [429, 200]
    assert delivered.time - attempts[0].time >= 1.0
    assert PROBATION in visible(delivered["text"])


def test_error_in_a_handler_is_logged_and_member_told_without_details(bot, api, member, monkeypatch, caplog):
    async def broken(question, library=None):
        raise RuntimeError("index exploded at /secret/path")

    monkeypatch.setattr(bot.service, "search", broken)
    mark = api.mark()
    with caplog.at_level(logging.ERROR):
        bot.private(member, PROBATION_QUESTION)
        reply = bot.reply_in(member["id"], mark)
    assert visible(reply["text"]).startswith("Xin lỗi, đã có lỗi khi xử lý")
    assert "exploded" not in reply["text"] and "RuntimeError" not in reply["text"]
    logged = [r for r in caplog.records if r.exc_info and "index exploded" in str(r.exc_info[1])]
    assert logged, "the traceback is logged"


# --- admins --------------------------------------------------------------------------------------------


def test_non_admin_reload_and_stats_are_refused(bot, api, member):
    generation = bot.service.library.generation
    for command in ("/reload", "/thongke"):
        mark = api.mark()
        bot.private(member, command)
        assert "chỉ dành cho quản trị viên" in visible(bot.reply_in(member["id"], mark)["text"])
    assert bot.service.library.generation == generation


def test_stats_for_admin(bot, api):
    asker = user(30_001, "Minh")
    for question in [PROBATION_QUESTION, "kết quả bóng đá tối qua", "Kết quả bóng đá tối qua!!", "thời kỳ dự bị"]:
        mark = api.mark()
        bot.private(asker, question)
        reply = bot.reply_in(asker["id"], mark)
    mark = api.mark()
    bot.press(reply.result, button(reply, "👍"), asker)
    api.wait_for("answerCallbackQuery", since=mark)

    admin = user(ADMIN_ID, "Quản trị")
    mark = api.mark()
    bot.private(admin, "/thongke")
    text = visible(bot.reply_in(ADMIN_ID, mark)["text"])
    today = int(text.split("Hôm nay: ")[1].split(" ")[0])
    assert today >= 4
    assert "Tìm được câu trả lời:" in text and "👍 " in text
    assert "«Kết quả bóng đá tối qua!!» — 2 lần" in text  # grouped despite case and punctuation
    assert "không lưu danh tính người hỏi" in text
    hashes = [h for (h,) in bot.service.store._db.execute("SELECT DISTINCT user_hash FROM queries")]
    assert str(asker["id"]) not in " ".join(hashes)

    mark = api.mark()
    bot.message(GROUP_ID - 9, admin, "/thongke")
    assert "chỉ dùng trong tin nhắn riêng" in visible(bot.reply_in(GROUP_ID - 9, mark)["text"])
