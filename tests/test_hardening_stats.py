"""Issue 9, items 2, 8 and 9: statistics never cost an answer (full, corrupt, truncated or unwritable
database), members' data stays private (key outside the database, 0600 files, no group question
text, deleted text gone from the files), and a 👍/👎 counts only from the member who got the answer."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest

from bot.store import Store
from tests.bot_harness import (
    ADMIN_ID,
    GROUP_ID,
    PROBATION,
    PROBATION_QUESTION,
    Harness,
    button,
    make_knowledge,
    user,
    write_config,
)
from tests.conftest import TEST_CACHE
from tests.fake_telegram import FakeTelegram, check_html


def start_bot(api, tmp_path: Path, database: Path) -> Harness:
    knowledge = make_knowledge(tmp_path / "knowledge")
    config = write_config(tmp_path / "config.yaml", knowledge, TEST_CACHE, database)
    return Harness(api, config).start()


def visible(call) -> str:
    error, text = check_html(call["text"])
    assert error is None, error
    return text


def ask_many(bot: Harness, api: FakeTelegram, count: int) -> list:
    members = [user(30_000 + n + int(time.time() * 1000) % 100_000 * 10, "Lan") for n in range(count)]
    mark = api.mark()
    for member in members:
        bot.private(member, PROBATION_QUESTION)
    return [bot.reply_in(m["id"], mark, timeout=30) for m in members]


def admin_messages(api: FakeTelegram, since: int = 0) -> list[str]:
    return [visible(c) for c in api.calls_of("sendMessage", since=since, where=lambda c: int(c["chat_id"]) == ADMIN_ID)]


def wait_rows(store: Store, count: int, timeout: float = 10) -> int:
    """Rows in the queries table once `count` are there (they are written just after the answer)."""
    deadline = time.monotonic() + timeout
    while True:
        with store._lock:
            rows = store._db.execute("SELECT COUNT(*) FROM queries").fetchone()[0]
        if rows >= count or time.monotonic() > deadline:
            return rows
        time.sleep(0.05)


def fill_up(store: Store) -> None:
    """A real "database or disk is full": no page may be added, and the pages there are filled."""
    with store._lock:
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count={pages}")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        for n in range(10_000):
            store.log_query(n, "private", "x" * 200, True, 1)


def test_a_full_disk_does_not_stop_answers_and_admins_hear_once(api, tmp_path):
    bot = start_bot(api, tmp_path, tmp_path / "data" / "stats.sqlite3")
    try:
        fill_up(bot.service.store)
        mark = api.mark()
        replies = ask_many(bot, api, 4)
        assert all(PROBATION in visible(r) for r in replies)
        api.wait_quiet(0.5)
        notices = [m for m in admin_messages(api, mark) if "thống kê" in m.lower()]
        assert len(notices) == 1 and "đầy" in notices[0] and "vẫn trả lời" in notices[0]
        assert not any("Xin lỗi" in visible(c) for c in api.calls_of("sendMessage", since=mark))
    finally:
        bot.stop()


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_corrupt_database_is_moved_aside_and_a_new_one_started(api, tmp_path, damage):
    database = tmp_path / "data" / "stats.sqlite3"
    database.parent.mkdir()
    if damage == "garbage":
        database.write_bytes(b"this is not a database " * 500)
    else:
        store = Store(database)
        for n in range(3000):
            store.log_query(n, "private", f"câu hỏi số {n} " * 5, True, 1)
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        data = database.read_bytes()
        database.write_bytes(data[: len(data) // 2])
    bot = start_bot(api, tmp_path, database)
    try:
        (reply,) = ask_many(bot, api, 1)
        assert PROBATION in visible(reply)
        moved = list(database.parent.glob("stats.sqlite3.corrupt-*"))
        assert len(moved) == 1
        notice = api.wait_for("sendMessage", lambda c: int(c["chat_id"]) == ADMIN_ID and "hỏng" in c["text"])
        assert moved[0].name in visible(notice)
        assert bot.service.store.enabled
        assert wait_rows(bot.service.store, 1) == 1  # the new database records again
    finally:
        bot.stop()


def test_an_unwritable_database_leaves_statistics_off_and_answers_on(api, tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    bot = start_bot(api, tmp_path, blocker / "stats.sqlite3")
    try:
        (reply,) = ask_many(bot, api, 1)
        assert PROBATION in visible(reply)
        assert not bot.service.store.enabled
        assert any("Thống kê tạm tắt" in m for m in admin_messages(api))
        admin = user(ADMIN_ID, "Quản trị")
        mark = api.mark()
        bot.private(admin, "/thongke")
        assert "không dùng được" in visible(bot.reply_in(ADMIN_ID, mark))
    finally:
        bot.stop()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files anyway")
def test_a_read_only_database_leaves_statistics_off(tmp_path):
    database = tmp_path / "stats.sqlite3"
    Store(database).close()
    database.chmod(0o400)
    tmp_path.chmod(0o500)
    try:
        from bot.store import open_store

        store, notice = open_store(database)
        assert notice and not store.enabled
    finally:
        tmp_path.chmod(0o700)


def test_statistics_are_private(api, tmp_path):
    database = tmp_path / "data" / "stats.sqlite3"
    bot = start_bot(api, tmp_path, database)
    try:
        member = user(4_242_424, "Hòa")
        mark = api.mark()
        bot.private(member, "câu hỏi riêng tư " + PROBATION_QUESTION)
        bot.reply_in(member["id"], mark)
        mark = api.mark()
        bot.message(GROUP_ID, member, f"/hoi nhóm bí mật {PROBATION_QUESTION}")
        bot.reply_in(GROUP_ID, mark)
        store = bot.service.store
        assert wait_rows(store, 2) == 2
        rows = store._db.execute("SELECT chat_type, question FROM queries ORDER BY ts").fetchall()
        assert [r[0] for r in rows] == ["private", "supergroup"]
        assert rows[0][1].startswith("câu hỏi riêng tư") and rows[1][1] is None  # group text never kept
        # the hashing key is not in the database, and lives in a 0600 file beside it
        key_file = Path(str(database) + ".key")
        key = key_file.read_text().strip()
        dump = "\n".join(store._db.iterdump())
        assert key not in dump and "salt" not in dump and "4242424" not in dump
        for path in (database, key_file, Path(str(database) + "-wal")):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        # a purge removes the text from the files, not only from the table
        assert store.purge(now=time.time() + 31 * 86400) == 1
        for path in database.parent.glob("stats.sqlite3*"):
            assert "riêng tư".encode() not in path.read_bytes(), path
    finally:
        bot.stop()


def test_an_old_database_loses_its_salt(tmp_path):
    database = tmp_path / "old.sqlite3"
    db = sqlite3.connect(database)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO meta VALUES ('salt', 'feedfacefeedfacefeedfacefeedface')")
    db.commit()
    db.close()
    database.chmod(0o644)
    store = Store(database)
    assert store._db.execute("SELECT COUNT(*) FROM meta WHERE key='salt'").fetchone()[0] == 0
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    store.close()
    assert b"feedface" not in b"".join(p.read_bytes() for p in tmp_path.glob("old.sqlite3*"))


def test_feedback_only_from_the_member_who_got_the_answer(api, tmp_path):
    bot = start_bot(api, tmp_path, tmp_path / "data" / "stats.sqlite3")
    try:
        asker, other = user(5_000_001, "An"), user(5_000_002, "Bình")
        mark = api.mark()
        bot.private(asker, PROBATION_QUESTION)
        answer = bot.reply_in(asker["id"], mark)
        helpful = button(answer, "👍")
        query_id = int(helpful.split(":")[1])
        replies = {}
        for who, data in (("forged", helpful), ("missing", f"f:{query_id + 1}:1"), ("asker", helpful)):
            member = other if who != "asker" else asker
            mark = api.mark()
            replies[who] = bot.callback_answer(bot.press(answer.result, data, member), mark)["text"]
        assert replies["forged"] == replies["missing"] != replies["asker"]
        votes = bot.service.store._db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0]
        assert votes == 1
    finally:
        bot.stop()
