"""Runs the real bot (bot.telegram.app: build_application + serve, as `python -m bot run` does) in a
thread against the fake Bot API server, and builds the updates Telegram would send."""

from __future__ import annotations

import asyncio
import itertools
import shutil
import threading
import time
from pathlib import Path

import yaml

from bot.config import Settings, load_settings
from bot.telegram.app import build_application, serve
from tests.conftest import KNOWLEDGE, TEST_DATA
from tests.fake_telegram import Call, FakeTelegram, check_html, entities_for

# The passage every "thời kỳ dự bị" question must find: Điều lệ Đảng, Điều 5, khoản 1.
PROBATION = "mười hai tháng"
PROBATION_QUESTION = "Người được kết nạp vào Đảng phải trải qua thời kỳ dự bị bao lâu"


def make_knowledge(folder: Path) -> Path:
    """A small knowledge folder: the seed plan, the Điều lệ Đảng (both shipped in knowledge/) and a
    question-and-answer page written for the tests (tests/data/hoi-dap.md)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(KNOWLEDGE / "ke-hoach-98-KH-TU.md", folder / "ke-hoach-98-KH-TU.md")
    shutil.copy(KNOWLEDGE / "dieu-le-dang.md", folder / "dieu-le-dang.md")
    (folder / "so-tay").mkdir(exist_ok=True)
    shutil.copy(TEST_DATA / "hoi-dap.md", folder / "so-tay" / "hoi-dap.md")
    return folder


TOKEN = "123456789:TEST-token_ABCdefGHIjklMNOpqrSTUvwxYZ"
ADMIN_ID = 900_001
GROUP_ID = -100_500_600


def user(user_id: int, name: str = "An") -> dict:
    return {"id": user_id, "is_bot": False, "first_name": name, "language_code": "vi"}


def write_config(path: Path, knowledge: Path, cache: Path, database: Path, **overrides) -> Path:
    config = {
        "knowledge_dir": str(knowledge),
        "cache_dir": str(cache),
        "search": {"reload_interval": 0},
        "telegram": {"admins": [ADMIN_ID]},
        "stats": {"database": str(database)},
    }
    for section, values in overrides.items():
        config.setdefault(section, {}).update(values)
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


class Harness:
    def __init__(self, api: FakeTelegram, config: Path):
        self.api = api
        # The settings come the way `python -m bot run` gets them: config file, then environment.
        self.settings: Settings = load_settings(
            config, env={"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api.base_url}
        )
        self.application = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self._callback_ids = itertools.count(1)
        self._inline_ids = itertools.count(1)

    # --- lifecycle -----------------------------------------------------------------------------

    def start(self, timeout: float = 60) -> Harness:
        mark = self.api.mark()
        self.application = build_application(self.settings)

        def run():
            self.loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self.loop)
            try:
                serve(self.application, self.settings, stop_signals=None)
            except BaseException as e:  # reported by start()/stop()
                self.error = e

        self.thread = threading.Thread(target=run, name="bot", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + timeout
        ready = "setWebhook" if self.settings.telegram.webhook_url else "getUpdates"
        while time.monotonic() < deadline:
            if self.error:
                raise self.error
            # stop_running() before the application is fully running would be ignored
            if self.api.calls_of(ready, since=mark) and self.application.running and self.application.updater.running:
                return self
            time.sleep(0.02)
        raise AssertionError("the bot did not start polling in time")

    def stop(self) -> None:
        if self.loop and self.thread and self.thread.is_alive():
            self.loop.call_soon_threadsafe(self.application.stop_running)
            self.thread.join(20)
            assert not self.thread.is_alive(), "the bot did not stop"

    @property
    def service(self):
        return self.application.bot_data["service"]

    @property
    def bot_username(self) -> str:
        return self.api.bot_user["username"]

    @property
    def bot_id(self) -> int:
        return self.api.bot_user["id"]

    # --- updates -------------------------------------------------------------------------------

    def message(
        self, chat_id: int, sender: dict, text: str | None = None, reply_to: dict | None = None, **extra
    ) -> dict:
        chat = (
            {"id": chat_id, "type": "private", "first_name": sender["first_name"]}
            if chat_id > 0
            else {
                "id": chat_id,
                "type": "supergroup",
                "title": "Chi bộ sinh hoạt",
            }
        )
        message = {
            "message_id": self.api.new_message_id(chat_id),
            "date": int(time.time()),
            "chat": chat,
            "from": sender,
            **extra,
        }
        if text is not None:
            message["text"] = text
            entities = entities_for(text)
            if entities:
                message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        self.api.push_update({"message": message})
        return message

    def private(self, sender: dict, text: str | None = None, **extra) -> dict:
        return self.message(sender["id"], sender, text, **extra)

    def send_file(
        self, sender: dict, data: bytes, name: str, size: int | None = None, caption: str | None = None, local_dir=None
    ) -> dict:
        """A file sent as a document (📎 → File), in the sender's private chat."""
        document = self.api.add_file(data, name, size=size, local_dir=local_dir)
        extra = {"caption": caption} if caption else {}
        return self.private(sender, None, document=document, **extra)

    def send_photo(self, sender: dict, data: bytes = b"\xff\xd8jpeg") -> dict:
        small = self.api.add_file(data, "photo.jpg", "image/jpeg")
        size = {k: small[k] for k in ("file_id", "file_unique_id", "file_size")}
        return self.private(sender, None, photo=[{**size, "width": 90, "height": 120}])

    def press(self, message: dict, data: str, sender: dict) -> str:
        query_id = f"cq{next(self._callback_ids)}"
        self.api.push_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": sender,
                    "chat_instance": "ci-1",
                    "data": data,
                    "message": message,
                }
            }
        )
        return query_id

    def inline(self, sender: dict, query: str) -> str:
        query_id = f"iq{next(self._inline_ids)}"
        self.api.push_update({"inline_query": {"id": query_id, "from": sender, "query": query, "offset": ""}})
        return query_id

    # --- reading what the bot sent -------------------------------------------------------------

    def reply_in(self, chat_id: int, since: int, timeout: float = 10, where=None) -> Call:
        return self.api.wait_for(
            "sendMessage",
            lambda c: int(c["chat_id"]) == chat_id and (where is None or where(c)),
            since=since,
            timeout=timeout,
        )

    def callback_answer(self, query_id: str, since: int, timeout: float = 10) -> Call:
        return self.api.wait_for(
            "answerCallbackQuery", lambda c: c["callback_query_id"] == query_id, since=since, timeout=timeout
        )


def buttons(call_or_message) -> list[tuple[str, str | None]]:
    """(text, callback_data) of every inline button under a sent message."""
    if isinstance(call_or_message, Call):
        markup = call_or_message.get("reply_markup") or {}
    else:
        markup = call_or_message.get("reply_markup") or {}
    return [(b["text"], b.get("callback_data")) for row in markup.get("inline_keyboard", []) for b in row]


def button(call_or_message, starts_with: str) -> str:
    for text, data in buttons(call_or_message):
        if text.startswith(starts_with):
            return data
    raise AssertionError(f"no button starting with {starts_with!r} in {buttons(call_or_message)}")


def text_of(call) -> str:
    """The text of a sent or edited message, after checking it is HTML that Telegram accepts."""
    error, text = check_html(call["text"])
    assert error is None, error
    return text
