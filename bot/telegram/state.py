"""Answers that members can page through: kept on the server, because a button carries 64 bytes.

In memory, with an expiry and a size cap: a restart forgets them, and so does time; either way the
buttons of that answer then say politely that it is too old. The question text lives only here and
only for `ttl` seconds.
"""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from bot.answer import Answer
from bot.library import PassageRef


@dataclass
class AnswerSession:
    answer: Answer
    # What the hits' buttons open, named by the library that answered: valid after a reload for
    # the files that did not change.
    targets: list[PassageRef]
    query_id: int | None
    group: bool = False  # a group reply shows one passage first, the rest behind "Thêm kết quả ▶"
    created: float = field(default_factory=time.monotonic)


class Sessions:
    def __init__(self, ttl: float = 24 * 3600, capacity: int = 10_000):
        self.ttl = ttl
        self.capacity = capacity
        self._items: OrderedDict[str, AnswerSession] = OrderedDict()

    def add(self, session: AnswerSession) -> str:
        self.expire()
        sid = secrets.token_urlsafe(6)  # 8 characters
        while sid in self._items:
            sid = secrets.token_urlsafe(6)
        self._items[sid] = session
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)
        return sid

    def get(self, sid: str) -> AnswerSession | None:
        session = self._items.get(sid)
        if session is None:
            return None
        if time.monotonic() - session.created > self.ttl:
            del self._items[sid]
            return None
        return session

    def expire(self) -> int:
        now = time.monotonic()
        old = [sid for sid, s in self._items.items() if now - s.created > self.ttl]
        for sid in old:
            del self._items[sid]
        return len(old)

    def __len__(self) -> int:
        return len(self._items)
