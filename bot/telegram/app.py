"""Wiring: settings → a python-telegram-bot Application with every handler, job and limit, and running it.

`python -m bot run` calls `build_application` then `serve`; the end-to-end tests call the same two
functions against a fake Bot API server.
"""

from __future__ import annotations

import logging
import re
import secrets
import warnings
from typing import Any
from urllib.parse import urlsplit

from telegram import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    PollAnswerHandler,
    filters,
)
from telegram.warnings import PTBDeprecationWarning

from bot.config import Settings
from bot.telegram import admin, handlers, render, study, texts, upload
from bot.telegram import callbacks as cb
from bot.telegram.redaction import redact_members
from bot.telegram.sending import RetryingRateLimiter
from bot.telegram.service import BotService

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.INLINE_QUERY,
    Update.POLL_ANSWER,
]
HOUSEKEEPING_SECONDS = 3600
GROUP_PERIOD_SECONDS = 60  # telegram.group_rate_per_minute is counted over this window
_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_OS_SIGNALS = object()  # serve()'s default: stop on SIGINT/SIGTERM as PTB does


class StartupError(Exception):
    """The bot cannot start; the message tells the admin what to fix."""


def build_application(settings: Settings) -> Application:
    """The Application that `python -m bot run` runs: handlers, rate limits, jobs, error handler."""
    tg = settings.telegram
    if not tg.token:
        raise StartupError(
            "chưa có token của bot. Lấy token từ @BotFather rồi đặt biến môi trường TELEGRAM_BOT_TOKEN "
            "(hoặc khóa telegram.token trong config.yaml)."
        )
    builder = (
        ApplicationBuilder()
        .token(tg.token)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        # Per group chat: at most `group_rate_per_minute` messages a minute, whatever the members do;
        # overall 30 a second (Telegram's limit). Requests refused with 429 wait and are retried.
        # Transient faults (5xx, dropped connections, long 429 storms) are retried for
        # `send_retry_seconds` (sending.py): the member gets the answer once the server is back.
        .rate_limiter(
            RetryingRateLimiter(
                overall_max_rate=30,
                overall_time_period=1,
                group_max_rate=tg.group_rate_per_minute,
                group_time_period=GROUP_PERIOD_SECONDS,
                retry_seconds=tg.send_retry_seconds,
            )
        )
        # Updates from different chats are handled side by side: one group waiting for its rate limit
        # must not hold up a member's private question.
        .concurrent_updates(32)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if tg.api_base_url:
        root = tg.api_base_url.rstrip("/")
        builder = builder.base_url(f"{root}/bot").base_file_url(f"{root}/file/bot")
    application = builder.build()
    application.bot_data["service"] = BotService(settings)
    add_handlers(application)
    return application


def add_handlers(application: Application) -> None:
    new_message = filters.UpdateType.MESSAGE  # edits of old messages are not new questions
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    commands = [
        ("start", handlers.start),
        ("help", handlers.help_command),
        ("huongdan", handlers.help_command),
        ("hoi", handlers.ask_command),
        ("vanban", handlers.documents_command),
        ("vb", handlers.document_command),
        ("reload", admin.reload_command),
        ("thongke", admin.stats_command),
        ("xoavb", upload.remove_command),
        ("quiz", study.quiz_command),
        ("diem", study.score_command),
        ("theodoi", study.subscribe_command),
        ("huytheodoi", study.unsubscribe_command),
    ]
    for name, callback in commands:
        # /reload waits for a whole reload: it must not hold up other updates.
        application.add_handler(CommandHandler(name, callback, filters=new_message, block=name != "reload"))
    application.add_handler(MessageHandler(new_message & private & filters.COMMAND, handlers.unknown_command))
    application.add_handler(MessageHandler(new_message & private & filters.TEXT, handlers.private_text))
    edited = filters.UpdateType.EDITED_MESSAGE & private & filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(edited, handlers.private_edit))
    application.add_handler(MessageHandler(new_message & groups & filters.TEXT & ~filters.COMMAND, handlers.group_text))
    # Files are downloaded and converted (OCR can take minutes): not blocking other updates.
    application.add_handler(
        MessageHandler(new_message & private & filters.Document.ALL, upload.document_message, block=False)
    )
    # A photo is read with OCR (a second or two): not holding up other updates either.
    application.add_handler(MessageHandler(new_message & private & filters.PHOTO, upload.photo_message, block=False))
    pictures = filters.PHOTO | filters.Document.IMAGE
    application.add_handler(MessageHandler(new_message & groups & pictures, handlers.group_photo, block=False))
    application.add_handler(
        MessageHandler(new_message & private & ~filters.TEXT & ~filters.StatusUpdate.ALL, handlers.private_other)
    )
    for kinds, callback in (
        ((cb.NOOP,), handlers.noop_button),
        ((cb.FEEDBACK,), handlers.feedback_button),
        ((cb.PAGE,), handlers.page_button),
        ((cb.LIST,), handlers.list_button),
        ((cb.DOCUMENT,), handlers.document_button),
        ((cb.OUTLINE,), handlers.outline_button),
        ((cb.SECTION, cb.SECTION_FROM, cb.SECTION_TO), handlers.section_button),
        ((cb.EXAMPLE,), handlers.example_button),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=cb.matches(*kinds)))
    # ✅ under an upload or a removal waits for a whole reload: not blocking other updates.
    for admin_kinds, admin_callback in (
        ((cb.UPLOAD,), upload.upload_button),
        ((cb.REMOVE_PICK, cb.REMOVE), upload.remove_button),
        ((cb.REMOVE_CANCEL,), upload.remove_cancel_button),
        ((cb.REMOVE_BANK,), upload.remove_bank_button),
    ):
        application.add_handler(CallbackQueryHandler(admin_callback, pattern=cb.matches(*admin_kinds), block=False))
    application.add_handler(CallbackQueryHandler(handlers.old_button))  # expired, forged or unknown
    application.add_handler(InlineQueryHandler(handlers.inline_query))
    application.add_handler(PollAnswerHandler(study.poll_answer))
    application.add_error_handler(handlers.error_handler)


async def _post_init(application: Application) -> None:
    """After the token is accepted and before the first update: load the documents, register the
    commands, start the folder watch."""
    service: BotService = application.bot_data["service"]
    admins = service.settings.telegram.admins
    service.notify_admins = lambda lines: admin.tell_admins(application.bot, admins, lines)
    await service.start()
    await register_commands(application)
    study.warm_up(application, service.library)
    if service.startup_notices:
        await service.notify_admins(
            [texts.WARNING_LINE_HTML.format(text=render.esc(n)) for n in service.startup_notices]
        )
        service.startup_notices.clear()
    jobs = application.job_queue
    assert jobs is not None, "python-telegram-bot[job-queue] is a dependency"
    interval = service.settings.search.reload_interval
    if interval > 0:
        jobs.run_repeating(admin.watch_folder, interval=interval, first=interval, name="watch-knowledge")
    jobs.run_repeating(
        admin.housekeeping, interval=HOUSEKEEPING_SECONDS, first=HOUSEKEEPING_SECONDS, name="housekeeping"
    )
    me = application.bot
    log.info(
        "bot @%s ready: %d documents; %s",
        me.username,
        len(service.library.documents),
        "webhook" if service.settings.telegram.webhook_url else "long polling",
    )


async def _post_shutdown(application: Application) -> None:
    service: BotService = application.bot_data["service"]
    service.close()


async def register_commands(application: Application) -> None:
    """Menus where they belong: private chats, groups, group administrators, the bot's admins."""
    bot = application.bot
    member = [BotCommand(c, d) for c, d in texts.MEMBER_COMMANDS]
    group = [BotCommand(c, d) for c, d in texts.GROUP_COMMANDS]
    group_admin = group + [BotCommand(c, d) for c, d in texts.GROUP_ADMIN_COMMANDS]
    for commands, scope in (
        (member, BotCommandScopeDefault()),
        (group, BotCommandScopeAllGroupChats()),
        (group_admin, BotCommandScopeAllChatAdministrators()),
    ):
        try:
            await bot.set_my_commands(commands, scope=scope)
        except TelegramError as e:  # the menu is a convenience: the commands work without it
            log.warning("commands not registered for %s: %s", scope.type, e)
    everything = member + [BotCommand(c, d) for c, d in texts.ADMIN_COMMANDS]
    for admin_id in application.bot_data["service"].settings.telegram.admins:
        try:
            await bot.set_my_commands(everything, scope=BotCommandScopeChat(admin_id))
        except TelegramError as e:  # the admin has not opened a chat with the bot yet
            log.warning("admin commands not registered for one admin: %s", e)


def serve(application: Application, settings: Settings, stop_signals=_OS_SIGNALS, close_loop: bool = True) -> None:
    """Run until stopped: long polling, or a webhook when `telegram.webhook_url` is set.

    Tests run it in a thread with `stop_signals=None` (signals belong to the main thread)."""
    tg = settings.telegram
    common: dict[str, Any] = {"close_loop": close_loop, "bootstrap_retries": 3, "allowed_updates": ALLOWED_UPDATES}
    if stop_signals is not _OS_SIGNALS:
        common["stop_signals"] = stop_signals
    if tg.webhook_url:
        secret = tg.webhook_secret or secrets.token_urlsafe(32)  # set anew with every start
        if not _SECRET_TOKEN.match(secret):
            raise StartupError("telegram.webhook_secret chỉ được gồm chữ cái Latin, chữ số, _ và - (tối đa 256 ký tự).")
        application.run_webhook(
            listen=tg.webhook_listen,
            port=tg.webhook_port,
            url_path=urlsplit(tg.webhook_url).path.lstrip("/"),
            webhook_url=tg.webhook_url,
            secret_token=secret,
            **common,
        )
    else:
        application.run_polling(**common)


# --- logging -------------------------------------------------------------------------------------------


class RedactToken(logging.Filter):
    """Replace the bot token wherever it would be written: PTB logs the API URL (which contains it)
    at DEBUG, and network errors quote URLs in their messages and tracebacks. Members' names and
    texts are hidden too (redaction.py)."""

    def __init__(self, token: str):
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        cleaned = redact_members(redact(message, self.token))
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_members(redact(record.exc_text, self.token))
        return True


def configure_logging(token: str, level: int = logging.INFO, stream=None) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True, stream=stream
    )
    redact = RedactToken(token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    # httpx logs every request URL at INFO, and the URL contains the token.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    # The scheduler says "Running job…" every few seconds for the folder watch.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # PTB's own RetryAfter reads its deprecated int-valued attribute on every 429 it handles.
    warnings.filterwarnings("ignore", message="Deprecated since version v22.2", category=PTBDeprecationWarning)


def redact(text: str, token: str) -> str:
    return text.replace(token, "<TOKEN>") if token else text
