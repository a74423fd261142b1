"""The statistics store: counts by local day and week, retention of question text, hashed users, feedback."""

from __future__ import annotations

import datetime as dt

from bot.store import LOCAL_TZ, Store


def ts(*args) -> float:
    return dt.datetime(*args, tzinfo=LOCAL_TZ).timestamp()


def test_counts_follow_vietnamese_days_and_weeks(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    now = ts(2025, 11, 24, 0, 30)  # Monday 00:30 in Hà Nội (Sunday 17:30 UTC)
    store.log_query(1, "private", "hôm qua, chủ nhật", True, 3, now=ts(2025, 11, 23, 23, 30))
    store.log_query(1, "private", "thứ hai", True, 3, now=ts(2025, 11, 24, 0, 10))
    store.log_query(2, "private", "không có câu trả lời", False, 0, now=ts(2025, 11, 24, 0, 20))
    stats = store.stats(now=now)
    assert (stats.today, stats.week, stats.week_users, stats.week_answered) == (2, 2, 2, 1)
    assert stats.week_start == dt.date(2025, 11, 24)
    assert stats.unanswered == [("không có câu trả lời", 1)]


def test_unanswered_questions_are_grouped_and_ranked(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    now = ts(2025, 11, 26, 12, 0)
    for n, text in enumerate(
        ["Giá vàng?", "giá vàng", "GIA VANG !!", "thời tiết", "thời tiết", "thời tiết", "bóng đá"]
    ):
        store.log_query(5, "private", text, False, 0, now=now - 60 + n)
    # equal counts: the more recently asked first; each group shown in its latest wording
    assert store.stats(now=now).unanswered == [("thời tiết", 3), ("GIA VANG !!", 3), ("bóng đá", 1)]


def test_question_text_is_forgotten_after_retention_but_counts_stay(tmp_path):
    store = Store(tmp_path / "s.sqlite3", retention_days=30)
    now = ts(2025, 11, 26, 12, 0)
    old = store.log_query(7, "private", "câu hỏi cũ", False, 0, now=now - 31 * 86400)
    recent = store.log_query(7, "private", "câu hỏi mới", False, 0, now=now - 29 * 86400)
    assert store.purge(now=now) == 1
    rows = dict(store._db.execute("SELECT id, question FROM queries").fetchall())
    assert rows == {old: None, recent: "câu hỏi mới"}


def test_no_retention_means_no_text_at_all(tmp_path):
    store = Store(tmp_path / "s.sqlite3", retention_days=0)
    store.log_query(7, "private", "riêng tư", True, 1)
    assert store._db.execute("SELECT question FROM queries").fetchall() == [(None,)]


def test_users_are_hashed_with_a_per_database_salt(tmp_path):
    a, b = Store(tmp_path / "a.sqlite3"), Store(tmp_path / "b.sqlite3")
    assert a.user_hash(123456789) == a.user_hash(123456789) != a.user_hash(123456780)
    assert a.user_hash(123456789) != b.user_hash(123456789)
    a.log_query(123456789, "private", "x", True, 1)
    dump = "\n".join(a._db.iterdump())
    assert "123456789" not in dump
    reopened = Store(tmp_path / "a.sqlite3")
    assert reopened.user_hash(123456789) == a.user_hash(123456789)  # the salt is kept


def test_feedback_one_vote_per_answer_from_the_member_who_asked(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    query = store.log_query(10, "private", "x", True, 3)
    assert store.add_feedback(query, 10, 1)
    assert store.add_feedback(query, 10, 1)
    assert not store.add_feedback(query, 11, -1)  # someone else's answer: refused
    assert store.add_feedback(query, 10, -1)  # changed their mind
    assert not store.add_feedback(query + 100, 10, 1)
    stats = store.stats()
    assert (stats.helpful_week, stats.unhelpful_week, stats.helpful_total, stats.unhelpful_total) == (0, 1, 0, 1)


def test_database_uses_wal(tmp_path):
    store = Store(tmp_path / "nested" / "s.sqlite3")
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
