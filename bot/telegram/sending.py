"""Every request to Telegram, retried through transient faults for a bounded time.

Telegram's servers answer 5xx now and then, connections drop, and a busy bot meets 429 storms that
last longer than a few retries. None of these mean the answer is wrong, only late: a member who
asked should get the answer once the server is back, not an apology. So every call goes through
`RetryingRateLimiter`, which keeps AIORateLimiter's limits (30 a second overall, a budget per group)
and retries:
- 429 (RetryAfter): after the time Telegram names, holding back every other request meanwhile;
- 5xx and dropped or timed-out connections (NetworkError, TimedOut): with exponential backoff;
until `retry_seconds` have passed since the first attempt. Errors that will not pass (400 Bad
Request, 403 Forbidden) are raised at once. Polling for updates is left to PTB's own loop.

A retried send after a dropped connection may, rarely, deliver a message twice (Telegram has no
idempotency key); a duplicate answer is better than a lost one.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

# Not retried here: PTB's updater retries polling itself, and start-up calls fail fast on purpose.
NOT_RETRIED = {"getUpdates", "getMe", "setWebhook", "deleteWebhook", "close", "logOut"}
# Errors that are answers, not faults: retrying cannot change them.
FINAL = (BadRequest, Forbidden, InvalidToken, Conflict)
FIRST_DELAY = 0.5
MAX_DELAY = 8.0


def is_transient(error: BaseException) -> bool:
    """A fault that will pass: rate limit, 5xx, a dropped or timed-out connection."""
    return isinstance(error, (RetryAfter, NetworkError)) and not isinstance(error, FINAL)


class RetryingRateLimiter(AIORateLimiter):
    def __init__(self, *, retry_seconds: float = 60.0, **limits: Any):
        super().__init__(max_retries=0, **limits)
        self.retry_seconds = retry_seconds

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        if endpoint in NOT_RETRIED:
            return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.retry_seconds
        delay = FIRST_DELAY
        attempt = 0
        while True:
            attempt += 1
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, 0)
            except RetryAfter as e:
                wait = e._retry_after.total_seconds() + 0.1  # the timedelta; the public one is deprecated
                error: Exception = e
                halt = True
            except NetworkError as e:
                if isinstance(e, FINAL):
                    raise
                wait, delay = delay, min(delay * 2, MAX_DELAY)
                error, halt = e, False
            if loop.time() + wait > deadline:
                log.warning("%s failed after %d attempts in %.0f s: %s", endpoint, attempt, self.retry_seconds, error)
                raise error
            log.info("%s: %s; retrying in %.1f s (attempt %d)", endpoint, error, wait, attempt + 1)
            if halt:
                # Telegram asked the whole bot to wait: hold every other request back meanwhile.
                self._retry_after_event.clear()
                try:
                    await asyncio.sleep(wait)
                finally:
                    self._retry_after_event.set()
            else:
                await asyncio.sleep(wait)
