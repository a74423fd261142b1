"""What the handlers share: the library being served, the statistics store and the answer sessions.

One `BotService` lives in `application.bot_data["service"]`; there is no module-level state. The
library is replaced, never changed: a reload builds the new one in a worker thread while the old
one keeps answering, then swaps the reference in one assignment.
"""

from __future__ import annotations

import asyncio
import errno
import html
import logging
import sqlite3
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.answer import KEEP, Answer, answer
from bot.config import Settings
from bot.knowledge.document import SkippedFile
from bot.knowledge.watch import FolderWatch
from bot.library import Fingerprint, Library, LibraryError, load_library
from bot.store import DisabledStore, Store, corrupt_notice, is_corrupt, move_aside, open_store
from bot.telegram import texts
from bot.telegram.state import Sessions

log = logging.getLogger(__name__)

STATS_ALERT_SECONDS = 600  # admins hear about failing statistics at most this often


@dataclass
class ReloadReport:
    ok: bool
    before: Library | None
    after: Library | None = None
    error: str | None = None
    skipped: list[SkippedFile] = field(default_factory=list)
    seconds: float = 0.0

    def changes(self) -> tuple[list[str], list[str], list[str]]:
        """(added, removed, changed) file paths between the two libraries."""
        if not (self.before and self.after):
            return [], [], []
        old = {d.path: d.digest for d in self.before.documents}
        new = {d.path: d.digest for d in self.after.documents}
        added = sorted(set(new) - set(old))
        removed = sorted(set(old) - set(new))
        changed = sorted(p for p in set(old) & set(new) if old[p] != new[p])
        return added, removed, changed


@dataclass
class ReloadProgress:
    """Files tokenised so far in a running reload; written by the building thread, read by the loop."""

    done: int = 0
    total: int = 0

    def update(self, done: int, total: int) -> None:
        self.done, self.total = done, total


class BotService:
    def __init__(self, settings: Settings):
        self.settings = settings
        self._library: Library | None = None
        self._store: Store | DisabledStore | None = None
        # Set by the application: sends lines of HTML to every admin (never raises).
        self.notify_admins: Callable[[list[str]], Awaitable[None]] | None = None
        self.startup_notices: list[str] = []
        self._stats_failures = 0
        self._stats_alerted = float("-inf")
        self._writing: dict[int, asyncio.Event] = {}  # query ids answered, their row not yet written
        self.sessions = Sessions(ttl=settings.telegram.session_hours * 3600)
        self._generation = 0
        self._reload_lock: asyncio.Lock | None = None
        # Folder watching: a change is loaded once the folder has been quiet for one interval, and a
        # folder that failed to load is not retried until it changes again.
        self.pending_fingerprint: Fingerprint | None = None
        self.failed_fingerprint: Fingerprint | None = None
        self.watcher = FolderWatch(self.root)
        self.photo_slots = asyncio.Semaphore(1)  # photos read (OCR) at once: the machine answers too

    @property
    def library(self) -> Library:
        """The library being served. Handlers and jobs run only after `start` loaded one."""
        if self._library is None:
            raise RuntimeError("documents not loaded yet: BotService.start() comes first")
        return self._library

    @library.setter
    def library(self, library: Library) -> None:
        self._library = library

    @property
    def loaded(self) -> bool:
        return self._library is not None

    @property
    def store(self) -> Store | DisabledStore:
        """The statistics store, opened by `start`."""
        if self._store is None:
            raise RuntimeError("statistics store not open yet: BotService.start() comes first")
        return self._store

    @property
    def root(self) -> Path:
        return Path(self.settings.knowledge_dir)

    @property
    def cache_dir(self) -> Path | None:
        return Path(self.settings.cache_dir) if self.settings.cache_dir else None

    @property
    def reloading(self) -> bool:
        return bool(self._reload_lock and self._reload_lock.locked())

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.telegram.admins

    async def start(self) -> None:
        """Open the store and load the knowledge folder; errors here stop the bot with a clear message."""
        self._reload_lock = asyncio.Lock()
        self._store, notice = open_store(self.settings.stats.database, self.settings.stats.retention_days)
        if notice:
            self.startup_notices.append(notice)
        try:
            self._store.purge()
        except sqlite3.Error as e:
            log.error("statistics purge failed: %s", e)
        self.library = await asyncio.to_thread(
            load_library,
            self.root,
            self.cache_dir,
            self._generation,
            max_file_bytes=self.settings.knowledge.max_file_bytes,
        )
        for skipped in self.library.skipped:
            log.warning("skipped %s", skipped)

    def close(self) -> None:
        if self._store:
            self._store.close()

    async def search(self, question: str, library: Library | None = None) -> Answer:
        """The answer as every front end gives it (bot.answer.answer), from `library` (by default
        the one being served; a handler that reads the hits' positions passes the library it reads
        them in, which a reload meanwhile would otherwise replace). CPU work runs in a thread so
        that other chats' messages keep flowing while one question is analysed."""
        engine = (library or self.library).engine
        return await asyncio.to_thread(answer, engine, question, self.settings.search.results, KEEP)

    # --- statistics: never in the way of an answer -------------------------------------------------

    def new_query_id(self) -> int:
        """An id for a question about to be answered; its row is written after the answer is sent
        (record_query), and a 👍 pressed meanwhile waits for it."""
        query_id = self.store.new_query_id()
        self._writing[query_id] = asyncio.Event()
        return query_id

    async def record_query(
        self, user_id: int | None, chat_type: str, question: str, answer: Answer, query_id: int
    ) -> None:
        """Write the stats row of an answered (or unanswered) question, after the reply was sent.
        A failure is logged and reported to admins, at most every few minutes; the member never sees it."""
        hits = answer.hits
        try:
            await asyncio.to_thread(
                self.store.log_query,
                user_id,
                chat_type,
                question,
                answer.answered,
                len(hits) if answer.answered else 0,
                hits[0].passage.doc.path if answer.answered else None,
                answer.elapsed_ms,
                query_id=query_id,
            )
        except (sqlite3.Error, OSError) as e:
            await self.stats_failed(e)
        finally:
            written = self._writing.pop(query_id, None)
            if written:
                written.set()

    async def add_feedback(self, query_id: int, user_id: int | None, value: int) -> bool:
        written = self._writing.get(query_id)
        if written:
            try:
                await asyncio.wait_for(written.wait(), timeout=10)
            except TimeoutError:
                return False
        try:
            return await asyncio.to_thread(self.store.add_feedback, query_id, user_id, value)
        except (sqlite3.Error, OSError) as e:
            await self.stats_failed(e)
            return False

    async def stats_failed(self, error: Exception) -> None:
        self._stats_failures += 1
        log.error("statistics not recorded: %s", error)
        store = self._store
        if is_corrupt(error) and isinstance(store, Store):
            notice = await asyncio.to_thread(self._replace_corrupt_store, store, error)
            if self.notify_admins:
                await self.notify_admins([texts.WARNING_LINE_HTML.format(text=html.escape(notice, quote=False))])
            return
        now = time.monotonic()
        if now - self._stats_alerted < STATS_ALERT_SECONDS or not self.notify_admins:
            return
        self._stats_alerted = now
        count, self._stats_failures = self._stats_failures, 0
        await self.notify_admins([html.escape(stats_failure_text(error, count), quote=False)])

    def _replace_corrupt_store(self, old: Store, error: Exception) -> str:
        """A database found corrupt while running: moved aside and replaced, like at startup."""
        old.close()
        moved = move_aside(old.path)
        self._store, notice = open_store(old.path, old.retention_days)
        return notice or corrupt_notice(error, moved)

    # --- reloading ------------------------------------------------------------------------------------

    async def reload(self, on_progress=None) -> ReloadReport:
        """Build a new library beside the one being served; swap only if it built. `on_progress`
        (files done, files to tokenise) is called from the building thread."""
        assert self._reload_lock is not None, "service not started"
        async with self._reload_lock:
            before = self._library
            generation = self._generation + 1
            started = time.perf_counter()
            build = {"max_file_bytes": self.settings.knowledge.max_file_bytes, "on_progress": on_progress}
            try:
                library = await asyncio.to_thread(load_library, self.root, self.cache_dir, generation, before, **build)
            except LibraryError as e:
                log.error("reload failed: %s", e)
                return ReloadReport(
                    False, before, error=str(e), skipped=e.skipped, seconds=time.perf_counter() - started
                )
            except Exception as e:  # the old library keeps serving whatever went wrong
                log.exception("reload failed")
                return ReloadReport(
                    False, before, error=reload_failure_text(e, self.root), seconds=time.perf_counter() - started
                )
            self._generation = generation
            self.library = library  # the swap: handlers read this reference once per update
            return ReloadReport(
                True, before, library, skipped=list(library.skipped), seconds=time.perf_counter() - started
            )


def stats_failure_text(error: Exception, count: int) -> str:
    """What admins read when statistics cannot be written (the bot keeps answering)."""
    message = str(error).lower()
    if "full" in message or getattr(error, "errno", None) == errno.ENOSPC:
        cause, fix = texts.STATS_DISK_FULL, texts.STATS_DISK_FULL_FIX
    elif "readonly" in message or "read-only" in message or "permission" in message:
        cause, fix = texts.STATS_READ_ONLY, texts.STATS_READ_ONLY_FIX
    else:
        cause, fix = str(error), texts.STATS_ERROR_FIX
    return texts.STATS_FAILED.format(cause=cause, count=count, fix=fix)


def reload_failure_text(error: Exception, root: Path) -> str:
    """A failed reload in words an admin can act on, instead of a Python exception."""
    number = getattr(error, "errno", None)
    if isinstance(error, PermissionError) or number in (errno.EACCES, errno.EPERM):
        return texts.RELOAD_NOT_PERMITTED.format(root=root)
    if number == errno.ENOSPC:
        return texts.RELOAD_DISK_FULL
    if isinstance(error, FileNotFoundError) or number == errno.ENOENT:
        return texts.RELOAD_NO_FOLDER.format(root=root)
    if isinstance(error, MemoryError):
        return texts.RELOAD_NO_MEMORY
    if isinstance(error, OSError):
        return texts.RELOAD_DISK_ERROR.format(error=error.strerror or error)
    return texts.RELOAD_UNEXPECTED
