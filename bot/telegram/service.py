"""What the handlers share: the library being served, the statistics store and the answer sessions.

One `BotService` lives in `application.bot_data["service"]`; there is no module-level state. The
library is replaced, never changed: a reload builds the new one in a worker thread while the old
one keeps answering, then swaps the reference in one assignment.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import Settings
from bot.knowledge.document import SkippedFile
from bot.library import Fingerprint, Library, LibraryError, load_library
from bot.answer import KEEP, Answer, answer
from bot.store import Store
from bot.telegram.state import Sessions

log = logging.getLogger(__name__)



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

    def notes(self) -> list[tuple[str, tuple[str, ...]]]:
        """How the new or changed files were read, where an admin should know ("đọc bằng OCR")."""
        if not self.after:
            return []
        old = {d.path: d.digest for d in self.before.documents} if self.before else {}
        return [(d.path, d.notes) for d in self.after.documents if d.notes and old.get(d.path) != d.digest]


class BotService:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.library: Library | None = None
        self.store: Store | None = None
        self.sessions = Sessions(ttl=settings.telegram.session_hours * 3600)
        self._generation = 0
        self._reload_lock: asyncio.Lock | None = None
        # Folder watching: a change is loaded once the folder has been quiet for one interval, and a
        # folder that failed to load is not retried until it changes again.
        self.pending_fingerprint: Fingerprint | None = None
        self.failed_fingerprint: Fingerprint | None = None

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
        self.store = Store(self.settings.stats.database, self.settings.stats.retention_days)
        self.store.purge()
        self.library = await asyncio.to_thread(load_library, self.root, self.cache_dir, self._generation)
        for skipped in self.library.skipped:
            log.warning("skipped %s", skipped)

    def close(self) -> None:
        if self.store:
            self.store.close()

    async def search(self, question: str) -> Answer:
        """The answer as every front end gives it (bot.answer.answer). CPU work runs in a thread so
        that other chats' messages keep flowing while one question is analysed."""
        engine = self.library.engine
        return await asyncio.to_thread(answer, engine, question, self.settings.search.results, KEEP)

    async def reload(self) -> ReloadReport:
        """Build a new library beside the one being served; swap only if it built."""
        assert self._reload_lock is not None, "service not started"
        async with self._reload_lock:
            before = self.library
            generation = self._generation + 1
            started = time.perf_counter()
            try:
                library = await asyncio.to_thread(load_library, self.root, self.cache_dir, generation, before)
            except LibraryError as e:
                log.error("reload failed: %s", e)
                return ReloadReport(False, before, error=str(e), skipped=e.skipped, seconds=time.perf_counter() - started)
            except Exception as e:  # the old library keeps serving whatever went wrong
                log.exception("reload failed")
                return ReloadReport(False, before, error=f"{type(e).__name__}: {e}", seconds=time.perf_counter() - started)
            self._generation = generation
            self.library = library  # the swap: handlers read this reference once per update
            return ReloadReport(
                True, before, library, skipped=list(library.skipped), seconds=time.perf_counter() - started
            )
