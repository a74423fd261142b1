"""Issue 9, items 7 and 8 (logs): answers survive 5xx, dropped connections and long 429 storms (sent
once the server is back, never an apology for a fault that passes); DEBUG logs hold no member's
name or words."""

from __future__ import annotations

import io
import logging

import pytest

from bot.telegram.app import configure_logging
from tests.bot_harness import PROBATION, PROBATION_QUESTION, TOKEN, Harness, make_knowledge, user, write_config
from tests.conftest import TEST_CACHE
from tests.fake_telegram import FakeTelegram, check_html


@pytest.fixture
def bot(api, tmp_path):
    knowledge = make_knowledge(tmp_path / "knowledge")
    harness = Harness(
        api, write_config(tmp_path / "config.yaml", knowledge, TEST_CACHE, tmp_path / "s.sqlite3")
    ).start()
    yield harness
    harness.stop()


def answers_after(api: FakeTelegram, bot: Harness, outage: dict, count: int, first_id: int) -> None:
    members = [user(first_id + n, "Lan") for n in range(count)]
    mark = api.mark()
    api.outage(methods=["sendMessage"], **outage)
    for member in members:
        bot.private(member, PROBATION_QUESTION)
    for member in members:
        reply = bot.reply_in(member["id"], mark, timeout=40)
        error, text = check_html(reply["text"])
        assert error is None and PROBATION in text
    api.wait_quiet(0.5)
    sent = api.calls_of("sendMessage", since=mark)
    assert not any("Xin lỗi" in (c.get("text") or "") for c in sent)
    assert any(not c.ok for c in sent)  # the outage really happened
    delivered = [c for c in sent if c.ok]
    assert sorted(int(c["chat_id"]) for c in delivered) == [m["id"] for m in members]  # each once


def test_answers_are_sent_once_the_server_stops_answering_5xx(api, bot):
    answers_after(api, bot, {"kind": 502, "seconds": 4}, 6, 61_000)


def test_answers_survive_dropped_connections(api, bot):
    answers_after(api, bot, {"kind": "drop", "calls": 5}, 3, 62_000)


def test_answers_survive_a_429_storm_longer_than_three_retries(api, bot):
    answers_after(api, bot, {"kind": 429, "seconds": 7, "retry_after": 1}, 2, 63_000)


def test_debug_logs_hold_no_member_names_or_words(api, bot):
    stream = io.StringIO()
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    configure_logging(TOKEN, logging.DEBUG, stream=stream)
    try:
        member = {
            "id": 64_001,
            "is_bot": False,
            "first_name": "Zebulon",
            "last_name": "Quigley",
            "username": "zq_secret",
        }
        mark = api.mark()
        bot.private(member, f"bí mật xyzzy {PROBATION_QUESTION}")
        bot.reply_in(member["id"], mark)
        api.wait_quiet(0.3)
    finally:
        root.handlers[:] = saved[1]
        root.setLevel(saved[0])
    log = stream.getvalue()
    assert "getUpdates" in log or "get_updates" in log  # DEBUG really logged the traffic
    for secret in ("Zebulon", "Quigley", "zq_secret", "xyzzy", TOKEN):
        assert secret not in log, secret
