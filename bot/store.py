"""Usage statistics in SQLite (stdlib): which questions were asked, which found an answer, feedback.

Members trust the bot with their questions, so the store keeps as little as it can: Telegram user
IDs only as salted hashes, and the text of questions only for `retention_days` (the counts stay).
One process writes; WAL lets an admin copy or inspect the file while the bot runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.vietnamese import fold, normalize

# Vietnam has one time zone and no daylight saving time: "today" and "this week" are local days.
LOCAL_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS queries (
    id INTEGER PRIMARY KEY,
    ts REAL NOT NULL,
    user_hash TEXT NOT NULL,
    chat_type TEXT NOT NULL,
    question TEXT,              -- NULL once older than the retention period
    answered INTEGER NOT NULL,
    hits INTEGER NOT NULL,
    top_document TEXT,
    elapsed_ms REAL
);
CREATE INDEX IF NOT EXISTS queries_ts ON queries (ts);
CREATE TABLE IF NOT EXISTS feedback (
    query_id INTEGER NOT NULL REFERENCES queries (id) ON DELETE CASCADE,
    user_hash TEXT NOT NULL,
    value INTEGER NOT NULL,     -- 1 helpful, -1 not helpful
    ts REAL NOT NULL,
    PRIMARY KEY (query_id, user_hash)
);
-- Study sessions: answers to quiz polls (chat and member as hashes) and chats that asked for news.
CREATE TABLE IF NOT EXISTS quiz_answers (
    poll_id TEXT NOT NULL,
    chat_hash TEXT NOT NULL,
    user_hash TEXT NOT NULL,
    correct INTEGER NOT NULL,
    ts REAL NOT NULL,
    PRIMARY KEY (poll_id, user_hash)
);
CREATE INDEX IF NOT EXISTS quiz_answers_chat ON quiz_answers (chat_hash, ts);
CREATE TABLE IF NOT EXISTS subscriptions (
    chat_id INTEGER PRIMARY KEY,  -- needed to send the news; a private chat's id is its member's
    ts REAL NOT NULL
);
"""

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")


@dataclass(frozen=True)
class Stats:
    """What /thongke shows."""

    today: int
    week: int
    week_users: int
    week_answered: int
    week_start: dt.date
    unanswered: list[tuple[str, int]] = field(default_factory=list)  # (question, times), most asked first
    helpful_week: int = 0
    unhelpful_week: int = 0
    helpful_total: int = 0
    unhelpful_total: int = 0
    retention_days: int = 0


class Store:
    """The statistics database. Calls are short and made from the event loop thread; a lock makes the
    connection safe to share with worker threads all the same."""

    def __init__(self, path: str | Path, retention_days: int = 30):
        self.path = str(path)
        self.retention_days = retention_days
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)
            row = self._db.execute("SELECT value FROM meta WHERE key='salt'").fetchone()
            if row is None:
                salt = secrets.token_hex(16)
                self._db.execute("INSERT INTO meta (key, value) VALUES ('salt', ?)", (salt,))
            else:
                salt = row[0]
        self._salt = salt.encode()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def user_hash(self, user_id: int | None) -> str:
        """A stable pseudonym: counts distinct members without storing who they are."""
        return hmac.new(self._salt, str(user_id or 0).encode(), hashlib.sha256).hexdigest()[:16]

    def log_query(
        self,
        user_id: int | None,
        chat_type: str,
        question: str,
        answered: bool,
        hits: int,
        top_document: str | None = None,
        elapsed_ms: float | None = None,
        now: float | None = None,
    ) -> int:
        """Record one question; returns its id (the feedback buttons refer to it)."""
        keep_text = self.retention_days > 0
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO queries (ts, user_hash, chat_type, question, answered, hits, top_document, elapsed_ms)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    now or time.time(),
                    self.user_hash(user_id),
                    chat_type,
                    question[:500] if keep_text else None,
                    int(answered),
                    hits,
                    top_document,
                    elapsed_ms,
                ),
            )
            return int(cursor.lastrowid)

    def add_feedback(self, query_id: int, user_id: int | None, value: int, now: float | None = None) -> bool:
        """👍 (1) or 👎 (-1) from one member on one answer; pressing again changes the vote, not the count.
        False when the question is not in the store (never logged, or the database was replaced)."""
        with self._lock:
            if self._db.execute("SELECT 1 FROM queries WHERE id=?", (query_id,)).fetchone() is None:
                return False
            self._db.execute(
                "INSERT INTO feedback (query_id, user_hash, value, ts) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (query_id, user_hash) DO UPDATE SET value=excluded.value, ts=excluded.ts",
                (query_id, self.user_hash(user_id), 1 if value > 0 else -1, now or time.time()),
            )
            return True

    # --- study sessions ---------------------------------------------------------------------------

    def record_quiz_answer(self, poll_id: str, chat_id: int, user_id: int, correct: bool | None, now: float | None = None) -> None:
        """One member's answer to one quiz; None (a retracted vote) forgets it."""
        user = self.user_hash(user_id)
        with self._lock:
            if correct is None:
                self._db.execute("DELETE FROM quiz_answers WHERE poll_id=? AND user_hash=?", (poll_id, user))
                return
            self._db.execute(
                "INSERT INTO quiz_answers (poll_id, chat_hash, user_hash, correct, ts) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (poll_id, user_hash) DO UPDATE SET correct=excluded.correct, ts=excluded.ts",
                (poll_id, self.user_hash(chat_id), user, int(correct), now or time.time()),
            )

    def quiz_scores(self, chat_id: int, since: float) -> list[tuple[str, int, int]]:
        """(member hash, correct answers, answers) in a chat since a time, best first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT user_hash, SUM(correct), COUNT(*) FROM quiz_answers WHERE chat_hash=? AND ts>=?"
                " GROUP BY user_hash ORDER BY SUM(correct) DESC, COUNT(*) ASC, MIN(ts) ASC",
                (self.user_hash(chat_id), since),
            ).fetchall()
        return [(h, int(c), int(n)) for h, c, n in rows]

    def subscribe(self, chat_id: int, now: float | None = None) -> bool:
        """False when the chat was subscribed already."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO subscriptions (chat_id, ts) VALUES (?, ?)", (chat_id, now or time.time())
            )
            return cursor.rowcount > 0

    def unsubscribe(self, chat_id: int) -> bool:
        with self._lock:
            return self._db.execute("DELETE FROM subscriptions WHERE chat_id=?", (chat_id,)).rowcount > 0

    def subscribers(self) -> list[int]:
        with self._lock:
            return [row[0] for row in self._db.execute("SELECT chat_id FROM subscriptions ORDER BY ts")]

    def purge(self, now: float | None = None) -> int:
        """Forget the text of questions older than the retention period; returns how many."""
        cutoff = (now or time.time()) - self.retention_days * 86400
        with self._lock:
            cursor = self._db.execute("UPDATE queries SET question=NULL WHERE ts<? AND question IS NOT NULL", (cutoff,))
            return cursor.rowcount

    def stats(self, now: float | None = None, top: int = 5) -> Stats:
        local_now = dt.datetime.fromtimestamp(now or time.time(), LOCAL_TZ)
        midnight = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
        monday = midnight - dt.timedelta(days=midnight.weekday())
        day_ts, week_ts = midnight.timestamp(), monday.timestamp()
        with self._lock:
            db = self._db
            today = db.execute("SELECT COUNT(*) FROM queries WHERE ts>=?", (day_ts,)).fetchone()[0]
            week, users, answered = db.execute(
                "SELECT COUNT(*), COUNT(DISTINCT user_hash), COALESCE(SUM(answered), 0) FROM queries WHERE ts>=?",
                (week_ts,),
            ).fetchone()
            texts = db.execute(
                "SELECT question FROM queries WHERE ts>=? AND answered=0 AND question IS NOT NULL ORDER BY ts DESC",
                (week_ts,),
            ).fetchall()
            votes_week = dict(
                db.execute("SELECT value, COUNT(*) FROM feedback WHERE ts>=? GROUP BY value", (week_ts,)).fetchall()
            )
            votes_total = dict(db.execute("SELECT value, COUNT(*) FROM feedback GROUP BY value").fetchall())
        return Stats(
            today=today,
            week=week,
            week_users=users,
            week_answered=answered,
            week_start=monday.date(),
            unanswered=_most_asked(text for (text,) in texts)[:top],
            helpful_week=votes_week.get(1, 0),
            unhelpful_week=votes_week.get(-1, 0),
            helpful_total=votes_total.get(1, 0),
            unhelpful_total=votes_total.get(-1, 0),
            retention_days=self.retention_days,
        )


def _most_asked(questions) -> list[tuple[str, int]]:
    """Group questions that differ only in case, marks, punctuation or spacing; the most recent
    wording represents its group."""
    groups: dict[str, list] = {}
    for order, text in enumerate(questions):
        key = _SPACES.sub(" ", _PUNCT.sub(" ", fold(normalize(text)).lower())).strip()
        if not key:
            continue
        if key in groups:
            groups[key][1] += 1
        else:
            groups[key] = [text, 1, order]
    ranked = sorted(groups.values(), key=lambda g: (-g[1], g[2]))
    return [(text, count) for text, count, _ in ranked]
