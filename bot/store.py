"""Usage statistics in SQLite (stdlib): which questions were asked, which found an answer, feedback.

Members trust the bot with their questions, so the store keeps as little as it can: Telegram user
IDs only as keyed hashes (HMAC) whose key is kept outside the database (a 0600 file beside it, or
the environment), so a copy of the database alone cannot be reversed by trying every id; the text
of private questions only for `retention_days` and of group questions not at all (the counts
stay). Files are 0600, deleted text is overwritten (secure_delete) and the WAL is truncated after
each purge, so forgotten questions do not linger on disk.
One process writes; WAL lets an admin copy or inspect the file while the bot runs.

Statistics must never cost an answer: `open_store` moves a corrupt file aside and starts a new
one, and falls back to a store that records nothing when the file cannot be written at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import os
import re
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.vietnamese import fold, normalize

log = logging.getLogger(__name__)

KEY_ENV = "NGHIQUYET_STATS_KEY"  # the hashing key, instead of the key file
# Words in SQLite's messages for a file that is not (or no longer) a database.
_CORRUPT = ("not a database", "malformed", "corrupt", "file is encrypted")

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


class StoreCorrupt(sqlite3.DatabaseError):
    """The file is not a usable SQLite database."""


class Store:
    """The statistics database. Calls are short and run in worker threads; a lock serialises them."""

    enabled = True

    def __init__(self, path: str | Path, retention_days: int = 30, key: bytes | None = None):
        self.path = str(path)
        self.retention_days = retention_days
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            _create_private(Path(self.path))  # SQLite gives -wal and -shm the database's mode
        self._key = key or load_key(self.path)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        try:
            with self._lock:
                if self._db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    raise StoreCorrupt("database disk image is malformed (quick_check)")
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA secure_delete=ON")
                self._db.execute("PRAGMA foreign_keys=ON")
                self._db.executescript(_SCHEMA)
                # Older versions kept the hashing salt here, beside the hashes it protects.
                if self._db.execute("DELETE FROM meta WHERE key='salt'").rowcount:
                    self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            self._db.close()
            raise
        for suffix in ("", "-wal", "-shm"):
            _make_private(Path(self.path + suffix))

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def user_hash(self, user_id: int | None) -> str:
        """A stable pseudonym: counts distinct members without storing who they are."""
        return hmac.new(self._key, str(user_id or 0).encode(), hashlib.sha256).hexdigest()[:16]

    @staticmethod
    def new_query_id() -> int:
        """The id of a question, chosen before its row is written (the answer is sent first and
        its 👍/👎 buttons carry the id); random, so ids say nothing about how many were asked."""
        return secrets.randbelow(2**53 - 1) + 1

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
        query_id: int | None = None,
    ) -> int:
        """Record one question; returns its id (the feedback buttons refer to it). The text is kept
        only for private chats: in a group it was said in front of others, and is not ours to keep."""
        keep_text = self.retention_days > 0 and chat_type == "private"
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO queries (id, ts, user_hash, chat_type, question, answered, hits, top_document, elapsed_ms)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    query_id,
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
            assert cursor.lastrowid is not None  # set by every INSERT
            return cursor.lastrowid

    def add_feedback(self, query_id: int, user_id: int | None, value: int, now: float | None = None) -> bool:
        """👍 (1) or 👎 (-1) from the member who asked, on their answer; pressing again changes the
        vote, not the count. False when the question is not in the store (never logged, the
        database was replaced) or was asked by someone else: the caller cannot tell which, so a
        forged button learns nothing about which ids exist."""
        user_hash = self.user_hash(user_id)
        with self._lock:
            row = self._db.execute("SELECT user_hash FROM queries WHERE id=?", (query_id,)).fetchone()
            if row is None or not hmac.compare_digest(row[0], user_hash):
                return False
            self._db.execute(
                "INSERT INTO feedback (query_id, user_hash, value, ts) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (query_id, user_hash) DO UPDATE SET value=excluded.value, ts=excluded.ts",
                (query_id, user_hash, 1 if value > 0 else -1, now or time.time()),
            )
            return True

    # --- study sessions ---------------------------------------------------------------------------

    def record_quiz_answer(
        self, poll_id: str, chat_id: int, user_id: int, correct: bool | None, now: float | None = None
    ) -> None:
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
        """Forget the text of questions older than the retention period (and any group question
        text an older version kept); returns how many. The freed pages are zeroed and the WAL
        truncated, so the text is gone from the files too, not only from the tables."""
        cutoff = (now or time.time()) - self.retention_days * 86400
        with self._lock:
            cursor = self._db.execute(
                "UPDATE queries SET question=NULL WHERE question IS NOT NULL AND (ts<? OR chat_type<>'private')",
                (cutoff,),
            )
            purged = cursor.rowcount
            if purged:
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return purged

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


class DisabledStore:
    """Stands in when the database cannot be written at all (read-only disk, no permission): the
    bot answers as ever and records nothing; /thongke says why."""

    enabled = False

    def __init__(self, reason: str, retention_days: int = 0):
        self.reason = reason
        self.retention_days = retention_days

    def close(self) -> None:
        pass

    new_query_id = staticmethod(Store.new_query_id)

    def log_query(self, *args, **kwargs) -> int:
        return 0

    def add_feedback(self, *args, **kwargs) -> bool:
        return False

    def purge(self, now: float | None = None) -> int:
        return 0

    def stats(self, now: float | None = None, top: int = 5) -> Stats:
        raise sqlite3.OperationalError(self.reason)


def open_store(
    path: str | Path, retention_days: int = 30, key: bytes | None = None
) -> tuple[Store | DisabledStore, str | None]:
    """The statistics store, and what admins should be told about it (None when all is well).

    A file that is not a database (truncated, overwritten, corrupt) is renamed to
    `<name>.corrupt-<time>` and a new database started; a file that cannot be opened or written
    leaves statistics off. Either way the bot starts and answers."""
    try:
        return Store(path, retention_days, key), None
    except sqlite3.DatabaseError as e:
        if not is_corrupt(e):
            return _disabled(path, e, retention_days)
        moved = move_aside(path)
        log.error("statistics database %s is corrupt (%s): moved to %s, starting a new one", path, e, moved)
        try:
            store = Store(path, retention_days, key)
        except (sqlite3.Error, OSError) as again:
            return _disabled(path, again, retention_days)
        return store, corrupt_notice(e, moved)
    except OSError as e:
        return _disabled(path, e, retention_days)


def corrupt_notice(error: Exception, moved: Path) -> str:
    """What admins are told when a corrupt database was moved aside and a new one started."""
    return (
        f"Cơ sở dữ liệu thống kê bị hỏng ({error}). Mình đã đổi tên tệp hỏng thành {moved.name} "
        "và bắt đầu tệp mới; số liệu cũ nằm trong tệp đã đổi tên."
    )


def _disabled(path, error: Exception, retention_days: int) -> tuple[DisabledStore, str]:
    log.error("statistics are off: cannot open %s: %s", path, error)
    reason = f"không mở/ghi được cơ sở dữ liệu thống kê {path} ({error})"
    return DisabledStore(reason, retention_days), (
        f"Thống kê tạm tắt: {reason}. Bot vẫn trả lời bình thường. Hãy kiểm tra ổ đĩa còn chỗ trống và "
        "quyền ghi của thư mục dữ liệu, rồi khởi động lại bot."
    )


def is_corrupt(error: BaseException) -> bool:
    return isinstance(error, sqlite3.DatabaseError) and any(w in str(error).lower() for w in _CORRUPT)


def move_aside(path: str | Path) -> Path:
    """Rename a broken database (and its -wal/-shm) out of the way; returns the new name."""
    path = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(path) + suffix)
        if source.exists():
            os.replace(source, Path(str(target) + suffix))
    return target


def load_key(database: str) -> bytes:
    """The hashing key: from the environment, else a 0600 file beside the database (made once)."""
    if os.environ.get(KEY_ENV):
        return os.environ[KEY_ENV].encode()
    if database == ":memory:":
        return secrets.token_bytes(32)
    key_file = Path(database + ".key")
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        _make_private(key_file)
        key = key_file.read_text(encoding="ascii").strip()
        if len(key) < 32:
            raise OSError(f"khóa băm trong {key_file} quá ngắn") from None
        return key.encode()
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key + "\n")
    return key.encode()


def _create_private(path: Path) -> None:
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def _make_private(path: Path) -> None:
    try:
        if path.exists() and path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except OSError as e:  # a file we cannot chmod (another owner) is reported, not fatal
        log.warning("cannot make %s private: %s", path, e)


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
