"""End to end for study sessions: /quiz polls in groups, private chats and forum topics, poll answers and
/diem, quiz banks, deep links to documents, /theodoi announcements after a reload, command menus."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.bot_harness import ADMIN_ID, GROUP_ID, TOKEN, Harness, button, make_knowledge, text_of, user, write_config
from tests.conftest import TEST_CACHE
from tests.fake_telegram import FakeTelegram

BANK = """
- question: Theo Kế hoạch 98-KH/TU, nội dung tuyên truyền tập trung vào điều gì?
  options:
    - Đổi mới phương thức lãnh đạo của Đảng đối với hệ thống chính trị
    - Phát triển du lịch cộng đồng
    - Xây dựng nông thôn mới kiểu mẫu
  correct: 1
  explanation: Kế hoạch 98-KH/TU, phần nội dung tuyên truyền
  source: 98-KH/TU
"""
BANK_QUESTION = "Theo Kế hoạch 98-KH/TU, nội dung tuyên truyền tập trung vào điều gì?"
NEW_DOCUMENT = """---
title: Kế hoạch tổ chức Tết trồng cây đời đời nhớ ơn Bác Hồ năm 2026
symbol: 12-KH/ĐU
type: Kế hoạch
issuer: Ban Thường vụ Đảng ủy xã
issued: 2026-01-15
---

Mỗi chi bộ tổ chức trồng ít nhất năm mươi cây xanh bóng mát tại khu dân cư trong dịp Tết trồng cây.
"""
ADMIN = user(ADMIN_ID, "Quản trị")
FORUM_ID = -100_700_800
_ids = itertools.count(60_001)


@pytest.fixture(scope="module")
def api():
    server = FakeTelegram(TOKEN).start()
    server.forums.add(FORUM_ID)
    yield server
    server.stop()


def _start(api, tmp) -> Harness:
    knowledge = make_knowledge(tmp / "knowledge")
    (knowledge / "ngan-hang.quiz.yaml").write_text(BANK, encoding="utf-8")
    config = write_config(tmp / "config.yaml", knowledge, TEST_CACHE, tmp / "stats.sqlite3")
    return Harness(api, config).start()


@pytest.fixture(scope="module")
def bot(api, tmp_path_factory):
    harness = _start(api, tmp_path_factory.mktemp("study"))
    yield harness
    harness.stop()


@pytest.fixture(autouse=True)
def refused_calls_fail_the_test(api):
    mark = api.mark()
    yield
    unexpected = [(c.method, c.status, c.description) for c in api.errors(since=mark) if c.status != 403]
    assert not unexpected, f"calls Telegram would have refused: {unexpected}"


def new_member(name="Bình"):
    return user(next(_ids), name)


def poll_in(api, chat_id, mark):
    call = api.wait_for("sendPoll", lambda c: int(c["chat_id"]) == chat_id, since=mark, timeout=60)
    api.wait_quiet(0.2)  # the bot has read the answer (and knows the poll) before members vote
    return call


def options_of(call) -> list[str]:
    return [o["text"] if isinstance(o, dict) else o for o in call["options"]]


def correct_of(call) -> int:
    return call.get("correct_option_ids", [call.get("correct_option_id")])[0]


def answer_poll(api, poll_call, sender, option):
    api.push_update(
        {
            "poll_answer": {
                "poll_id": poll_call.result["poll"]["id"],
                "user": sender,
                "option_ids": [option],
                "option_persistent_ids": [str(option)],
            }
        }
    )


# --- menus ---------------------------------------------------------------------------------------


def test_commands_where_they_belong_and_poll_answers_asked_for(bot, api):
    def commands(scope_type, **match):
        call = api.wait_for(
            "setMyCommands",
            lambda c: (
                (c.get("scope") or {}).get("type") == scope_type
                and all(c["scope"].get(k) == v for k, v in match.items())
            ),
        )
        return [c["command"] for c in call["commands"]]

    private, groups, group_admins = (
        commands("default"),
        commands("all_group_chats"),
        commands("all_chat_administrators"),
    )
    admin = commands("chat", chat_id=ADMIN_ID)
    assert {"quiz", "theodoi", "huytheodoi"} <= set(private) and "reload" not in private
    assert {"hoi", "quiz", "diem"} <= set(groups)
    assert not {"theodoi", "reload", "thongke", "start"} & set(groups)  # only group admins manage news
    assert {"theodoi", "huytheodoi", "quiz"} <= set(group_admins) and "reload" not in group_admins
    assert {"reload", "thongke", "quiz"} <= set(admin)
    polling = api.calls_of("getUpdates")[-1]
    assert "poll_answer" in polling["allowed_updates"]


def test_help_lists_the_study_commands(bot, api):
    member = new_member()
    mark = api.mark()
    bot.private(member, "/help")
    text = text_of(bot.reply_in(member["id"], mark))
    assert "/quiz" in text and "/diem" in text and "/theodoi" in text


# --- quizzes -------------------------------------------------------------------------------------


def test_group_quiz_is_a_counted_quiz_poll_whose_answer_is_in_the_cited_section(bot, api):
    member = new_member()
    mark = api.mark()
    bot.message(GROUP_ID, member, "/quiz điều lệ")
    poll = poll_in(api, GROUP_ID, mark)
    assert poll["type"] == "quiz" and poll["is_anonymous"] is False
    options = options_of(poll)
    assert len(options) == 4 and len(set(options)) == 4
    assert "Điều lệ" in poll["question"] and "…" in poll["question"]
    assert "Điều" in poll["explanation"]
    # the button under the quiz opens the section the correct option is quoted from
    mark = api.mark()
    bot.press(poll.result, button(poll, "📖"), member)
    section = text_of(bot.reply_in(GROUP_ID, mark))
    assert options[correct_of(poll)] in section


def test_private_quiz(bot, api):
    member = new_member()
    mark = api.mark()
    bot.private(member, "/quiz")
    poll = poll_in(api, member["id"], mark)
    assert poll["type"] == "quiz" and 0 <= correct_of(poll) < len(options_of(poll))


def test_quiz_on_one_document_mixes_in_the_bank_and_never_repeats(bot, api):
    member = new_member()
    questions = []
    for _ in range(2):
        mark = api.mark()
        bot.private(member, "/quiz 98-KH/TU")
        poll = poll_in(api, member["id"], mark)
        questions.append((poll["question"], options_of(poll)[correct_of(poll)]))
    asked = dict(questions)
    assert BANK_QUESTION in asked, "the admins' bank question about this document is asked"
    assert asked[BANK_QUESTION].startswith("Đổi mới phương thức")
    generated = [q for q in asked if q != BANK_QUESTION]
    assert generated and "98-KH/TU" in generated[0] and asked[generated[0]] == "Ban Thường vụ Tỉnh ủy"
    mark = api.mark()
    bot.private(member, "/quiz 98-KH/TU")
    assert "làm hết" in text_of(bot.reply_in(member["id"], mark))
    assert not api.calls_of("sendPoll", since=mark)


def test_answers_then_scoreboard(bot, api):
    group = -100_900_100
    an, binh = new_member("An"), new_member("Bình")
    mark = api.mark()
    bot.message(group, an, "/quiz")
    poll = poll_in(api, group, mark)
    right = correct_of(poll)
    answer_poll(api, poll, an, right)
    answer_poll(api, poll, binh, (right + 1) % 4)
    mark = api.mark()
    bot.message(group, an, "/quiz")
    second = poll_in(api, group, mark)
    answer_poll(api, second, an, correct_of(second))
    api.wait_quiet(0.5)
    mark = api.mark()
    bot.message(group, binh, "/diem")
    board = text_of(bot.reply_in(group, mark))
    lines = board.split("\n")
    assert any(line.startswith("1. An") and "2/2" in line for line in lines), board
    assert any(line.startswith("2. Bình") and "0/1" in line for line in lines), board
    # at rest only hashes: no member id or name in the database
    raw = (bot.service.store.path and Path(bot.service.store.path).read_bytes()) or b""
    assert str(an["id"]).encode() not in raw and "Bình".encode() not in raw


def test_forum_topic_replies_stay_in_the_topic(bot, api):
    member = new_member()
    topic = 77

    def forum_message(text):
        message = {
            "message_id": api.new_message_id(FORUM_ID),
            "date": 0,
            "chat": {"id": FORUM_ID, "type": "supergroup", "title": "Đảng bộ", "is_forum": True},
            "from": member,
            "text": text,
            "message_thread_id": topic,
            "is_topic_message": True,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
        }
        api.push_update({"message": message})

    mark = api.mark()
    forum_message("/quiz")
    assert poll_in(api, FORUM_ID, mark)["message_thread_id"] == topic
    mark = api.mark()
    forum_message("/hoi Người được kết nạp vào Đảng phải trải qua thời kỳ dự bị bao lâu")
    answer = bot.reply_in(FORUM_ID, mark)
    assert answer["message_thread_id"] == topic
    mark = api.mark()
    bot.press(answer.result, button(answer, "📖"), member)
    assert bot.reply_in(FORUM_ID, mark)["message_thread_id"] == topic


# --- links to documents --------------------------------------------------------------------------


def test_deep_link_opens_the_card_and_every_card_has_its_link(bot, api):
    member = new_member()
    link = f"https://t.me/{bot.bot_username}?start=vb-98-KH-TU"
    mark = api.mark()
    bot.private(member, "/start vb-98-KH-TU")
    card = text_of(bot.reply_in(member["id"], mark))
    assert "98-KH/TU" in card and f"🔗 {link}" in card
    mark = api.mark()
    bot.private(member, "/vb 98-KH/TU")
    assert f"🔗 {link}" in text_of(bot.reply_in(member["id"], mark))
    mark = api.mark()
    bot.private(member, "/start vb-khong-co-van-ban-nay")
    assert "không còn trong thư viện" in text_of(bot.reply_in(member["id"], mark))


# --- news of new documents ---------------------------------------------------------------------------


@pytest.fixture
def own_api():
    """A server of its own: two bots polling one server would share its updates."""
    server = FakeTelegram(TOKEN).start()
    yield server
    assert not [c for c in server.errors() if c.status != 403], "calls Telegram would have refused"
    server.stop()


@pytest.fixture
def own_bot(own_api, tmp_path):
    harness = _start(own_api, tmp_path)
    yield harness
    harness.stop()


def reload(bot, api) -> str:
    mark = api.mark()
    bot.private(ADMIN, "/reload")
    status = bot.reply_in(ADMIN_ID, mark)
    edit = api.wait_for(
        "editMessageText", lambda c: c["message_id"] == status.result["message_id"], since=mark, timeout=90
    )
    return text_of(edit)


def test_subscribed_chats_hear_of_new_documents_and_blocked_ones_are_dropped(own_bot, own_api):
    bot, api = own_bot, own_api
    group = -100_900_200
    secretary, member, gone = new_member("Bí thư"), new_member("Đảng viên"), new_member("Đã chặn")
    api.chat_admins[group] = {secretary["id"]}
    mark = api.mark()
    bot.message(group, member, "/theodoi")
    assert "quản trị viên của nhóm" in text_of(bot.reply_in(group, mark))
    mark = api.mark()
    bot.message(group, secretary, "/theodoi")
    assert "Đã đăng ký" in text_of(bot.reply_in(group, mark))
    for who in (member, gone):
        mark = api.mark()
        bot.private(who, "/theodoi")
        bot.reply_in(who["id"], mark)
    api.blocked.add(gone["id"])
    (bot.service.root / "tet-trong-cay.md").write_text(NEW_DOCUMENT, encoding="utf-8")
    mark = api.mark()
    reload(bot, api)
    news = bot.reply_in(group, mark, where=lambda c: "văn bản mới" in c["text"])
    text = text_of(news)
    assert "12-KH/ĐU" in text and "Tết trồng cây" in text
    assert f"🔗 https://t.me/{bot.bot_username}?start=vb-12-KH-DU" in text
    bot.reply_in(member["id"], mark, where=lambda c: "văn bản mới" in c["text"])
    assert (
        len(
            api.calls_of(
                "sendMessage", since=mark, where=lambda c: int(c["chat_id"]) == group and "văn bản mới" in c["text"]
            )
        )
        == 1
    )
    api.wait_for("sendMessage", lambda c: int(c["chat_id"]) == gone["id"], since=mark, ok=False)
    api.wait_quiet(0.3)
    assert gone["id"] not in bot.service.store.subscribers()
    assert {group, member["id"]} <= set(bot.service.store.subscribers())
    # the link in the announcement opens the new document
    mark = api.mark()
    bot.private(member, "/start vb-12-KH-DU")
    assert "Tết trồng cây" in text_of(bot.reply_in(member["id"], mark))
    # unsubscribed: the next new document is not announced there
    mark = api.mark()
    bot.message(group, secretary, "/huytheodoi")
    assert "thôi nhận tin" in text_of(bot.reply_in(group, mark)).lower()
    (bot.service.root / "tet-2.md").write_text(NEW_DOCUMENT.replace("12-KH/ĐU", "13-KH/ĐU"), encoding="utf-8")
    mark = api.mark()
    reload(bot, api)
    bot.reply_in(member["id"], mark, where=lambda c: "13-KH/ĐU" in c["text"])
    assert not api.calls_of(
        "sendMessage", since=mark, where=lambda c: int(c["chat_id"]) == group and "văn bản mới" in c["text"]
    )


def test_broken_quiz_bank_is_reported_to_admins_and_the_good_one_still_used(own_bot, own_api):
    bot, api = own_bot, own_api
    (bot.service.root / "hong.quiz.yaml").write_text("- question: [chưa đóng ngoặc\n", encoding="utf-8")
    report = reload(bot, api)
    assert "hong.quiz.yaml" in report and "YAML sai, dòng 2: thiếu dấu ]" in report
    member = new_member()
    asked = set()
    for _ in range(2):
        mark = api.mark()
        bot.private(member, "/quiz 98-KH/TU")
        asked.add(poll_in(api, member["id"], mark)["question"])
    assert BANK_QUESTION in asked
