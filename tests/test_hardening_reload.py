"""Issue 9, item 6: a long reload shows progress to the admin who asked, tokenises in worker
processes, and never stops answers meanwhile (counted, not timed)."""

from __future__ import annotations

import multiprocessing
import time
import uuid

from bot.telegram import admin as admin_handlers
from tests.bot_harness import (
    ADMIN_ID,
    PROBATION,
    PROBATION_QUESTION,
    Harness,
    make_knowledge,
    user,
    write_config,
)
from tests.conftest import TEST_CACHE, TEST_DATA
from tests.fake_telegram import check_html

# The vendored official texts, each twice (every copy gets its own nonce, so no cache knows it),
# and the Điều lệ: ~360 KB of text.
BIG = [
    *["tnt305/c49a5afadf61b342.md", "tnt305/fe168907f6107711.md", "tnt305/056a116c77fe4047.md"] * 2,
    "../../knowledge/dieu-le-dang.md",
]


def test_answers_keep_coming_while_a_long_reload_runs(api, tmp_path, monkeypatch):
    # the "⏳" message is edited every few seconds; a reload of a few seconds on a fast machine could
    # end before the first edit, so the test edits often (what it checks is that progress is shown)
    monkeypatch.setattr(admin_handlers, "PROGRESS_EDIT_SECONDS", 0.2)
    knowledge = make_knowledge(tmp_path / "knowledge")
    bot = Harness(api, write_config(tmp_path / "config.yaml", knowledge, TEST_CACHE, tmp_path / "s.sqlite3")).start()
    try:
        # ~350 KB of new text, never seen by any cache: several seconds of tokenising.
        nonce = uuid.uuid4().hex
        for n, name in enumerate(BIG):
            text = (TEST_DATA / name).read_text(encoding="utf-8")
            (knowledge / "moi" / f"{n}.md").parent.mkdir(exist_ok=True)
            (knowledge / "moi" / f"{n}.md").write_text(f"{text}\n\nMã lần thử {nonce}-{n}.\n", encoding="utf-8")
        admin = user(ADMIN_ID, "Quản trị")
        mark = api.mark()
        bot.private(admin, "/reload")
        status = bot.reply_in(ADMIN_ID, mark)
        assert "⏳" in status["text"]
        deadline = time.monotonic() + 60
        while not bot.service.reloading and time.monotonic() < deadline:
            time.sleep(0.01)
        answered_during, workers_seen, n = 0, False, 0
        while bot.service.reloading and time.monotonic() < deadline:
            workers_seen = workers_seen or bool(multiprocessing.active_children())
            member = user(70_000 + n, "Hà")
            n += 1
            asked = api.mark()
            bot.private(member, PROBATION_QUESTION)
            reply = bot.reply_in(member["id"], asked, timeout=60)
            error, text = check_html(reply["text"])
            assert error is None and PROBATION in text
            answered_during += bot.service.reloading
        assert answered_during >= 3, f"only {answered_during} answers while the reload ran"
        assert workers_seen, "the reload tokenised in the bot's own process"
        report = api.wait_for(
            "editMessageText",
            lambda c: int(c["chat_id"]) == ADMIN_ID and "Đã nạp lại" in c["text"],
            since=mark,
            timeout=120,
        )
        assert f"Thêm {len(BIG)} tệp" in report["text"]
        progress = api.calls_of("editMessageText", since=mark, where=lambda c: "đã phân tích" in c["text"])
        assert progress and all(f"/{len(BIG)} tệp" in c["text"] for c in progress)
    finally:
        bot.stop()
