"""Admins feed the library from the chat: a file sent to the bot, previewed, saved with ✅; /xoavb to remove one.

The files themselves are bot.knowledge.intake's business; here: who may, downloading, the
preview, the buttons and the report. Pending uploads wait on the server (a button carries 64
bytes), for `telegram.upload_hours`, and only the admin who sent the file can save it.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
import time
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.answer import document_name, format_date
from bot.display import display_text, section_heading
from bot.knowledge import intake
from bot.knowledge.document import UnreadableFile
from bot.knowledge.readers import convert, image
from bot.library import Library
from bot.quiz.sheet import Sheet, looks_like_sheet, read_sheet
from bot.telegram import callbacks as cb
from bot.telegram import photos, render, texts
from bot.telegram.admin import report_lines
from bot.telegram.handlers import private_other
from bot.telegram.replies import button_chat_id, edit_or_send, edit_status, reply_target, send, service_of
from bot.vietnamese import fold

log = logging.getLogger(__name__)

FIRST_LINES_CHARS = 600  # of the document's text, in the preview
MAX_PENDING = 50


@dataclass
class PendingUpload:
    admin: int
    draft: intake.Draft
    sheet: Sheet | None = None  # set when the file is a quiz bank: it may be saved as one
    created: float = field(default_factory=time.monotonic)


class PendingUploads:
    """Drafts waiting for ✅ or ✖, by a short random id; expired ones are dropped on the way."""

    def __init__(self, ttl: float):
        self.ttl = ttl
        self._items: dict[str, PendingUpload] = {}

    def add(self, pending: PendingUpload) -> str:
        self._expire()
        while len(self._items) >= MAX_PENDING:  # drafts hold whole files: keep only the newest
            self._items.pop(next(iter(self._items)))
        uid = secrets.token_urlsafe(6)
        self._items[uid] = pending
        return uid

    def take(self, uid: str) -> PendingUpload | None:
        self._expire()
        return self._items.pop(uid, None)

    def peek(self, uid: str) -> PendingUpload | None:
        self._expire()
        return self._items.get(uid)

    def _expire(self) -> None:
        now = time.monotonic()
        for uid in [u for u, p in self._items.items() if now - p.created > self.ttl]:
            del self._items[uid]


def pending_of(context: ContextTypes.DEFAULT_TYPE) -> PendingUploads:
    store = context.bot_data.get("uploads")
    if store is None:
        hours = service_of(context).settings.telegram.upload_hours
        store = context.bot_data["uploads"] = PendingUploads(hours * 3600)
    return store


def _is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user = update.effective_user
    return service_of(context).is_admin(user.id if user else None)


# --- a file sent to the bot ---------------------------------------------------------------------


async def document_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file in a private chat: an admin's is read and previewed; a member's is politely declined.
    JPEG files sent together (an album) are the pages of one document: see `_album_part`."""
    message = update.effective_message
    if message is None:
        return
    if not _is_admin(update, context):
        if photos.image_of(message):  # a screenshot sent uncompressed: a question, as a photo is
            await private_other(update, context)
        else:
            await send(context, message.chat.id, render.esc(texts.FILE_FROM_MEMBER))
        return
    document, user = message.document, update.effective_user
    if document is None or user is None:
        return
    name = PurePosixPath(document.file_name or "tep").name
    if _too_big_to_fetch(context, document.file_size):
        await send(context, message.chat.id, _too_big(context, name, document.file_size or 0))
        return
    if message.media_group_id and name.lower().endswith(_PAGE_SUFFIXES):
        await _album_part(context, message, user.id)
        return
    status = await send(context, message.chat.id, render.esc(texts.UPLOAD_READING.format(name=name)))
    data = await _fetch(context, status, name, document.file_id)
    if data is not None:
        await _read_and_preview(context, status, user.id, data, name, message.caption or "")


_PAGE_SUFFIXES = (".jpg", ".jpeg")
ALBUM_WAIT = 1.5  # seconds: Telegram delivers the files of an album within about a second


async def _album_part(context: ContextTypes.DEFAULT_TYPE, message: Message, user_id: int) -> None:
    """Collect the pictures (JPEG files, photos) of one album; the first one's handler waits for the
    rest, then reads them, in the order sent, as the pages of one document (a phone's scan of a
    paper, page by page). Read one by one, page 2 would be a document without number, title or date."""
    albums = context.bot_data.setdefault("albums", {})
    key = (message.chat.id, message.media_group_id)
    if key in albums:
        albums[key].append(message)
        return
    albums[key] = parts = [message]
    await asyncio.sleep(ALBUM_WAIT)
    del albums[key]
    parts.sort(key=lambda m: m.message_id)
    status = await send(
        context,
        message.chat.id,
        render.esc(texts.UPLOAD_READING_PAGES.format(count=len(parts), name=_picture_name(parts[0]))),
    )
    await _read_pages(context, status, user_id, parts)


async def _read_pages(context: ContextTypes.DEFAULT_TYPE, status: Message, user_id: int, parts: list[Message]) -> None:
    """Read the pictures of `parts` (photos or JPEG files), in order, as the pages of one document."""
    pages = []
    for part in parts:
        data = await _fetch(context, status, _picture_name(part), photos.image_of(part) or "")
        if data is None:
            return
        pages.append(data)
    name = _picture_name(parts[0])
    try:
        data = await asyncio.to_thread(image.album_pdf, pages)
    except UnreadableFile as e:
        await edit_status(context, status, render.esc(texts.UPLOAD_UNREADABLE.format(name=name, reason=e)))
        return
    caption = next((m.caption for m in parts if m.caption), "")
    note = texts.UPLOAD_COMPRESSED if any(m.photo for m in parts) else None
    await _read_and_preview(context, status, user_id, data, f"{PurePosixPath(name).stem}.pdf", caption, note)


def _picture_name(message: Message) -> str:
    """A picture's file name as sent; a photo has none."""
    if message.document and message.document.file_name:
        return PurePosixPath(message.document.file_name).name
    return f"anh-{message.message_id}.jpg"


async def _fetch(context: ContextTypes.DEFAULT_TYPE, status: Message, name: str, file_id: str) -> bytes | None:
    """The file's bytes; None once the status message says why they could not be had."""
    try:
        data = await _download(context, file_id)
    except TelegramError as e:
        log.warning("download of an uploaded file failed: %s", e)
        await edit_status(
            context, status, render.esc(texts.UPLOAD_DOWNLOAD_FAILED.format(name=name, reason=_download_reason(e)))
        )
        return None
    if _too_big_to_fetch(context, len(data)):  # the message did not say its size
        await edit_status(context, status, _too_big(context, name, len(data)))
        return None
    return data


async def _read_and_preview(
    context: ContextTypes.DEFAULT_TYPE,
    status: Message,
    user_id: int,
    data: bytes,
    name: str,
    caption: str,
    note: str | None = None,
) -> None:
    """Read the file and turn the status message into its preview with the save buttons; `note`
    joins the reader's warnings."""
    try:
        # OCR of a scan takes seconds per page: not on the loop that answers members.
        draft = await asyncio.to_thread(intake.read_upload, data, name, service_of(context).cache_dir, caption)
        if note:
            draft = replace(draft, warnings=(*draft.warnings, note))
    except UnreadableFile as e:
        await edit_status(context, status, render.esc(texts.UPLOAD_UNREADABLE.format(name=name, reason=e)))
        return
    except Exception as e:  # a reader's bug must still end in a clear answer, not "đang đọc…" forever
        log.exception("reading an uploaded file failed")
        reason = texts.UPLOAD_READER_FAILED.format(error=type(e).__name__)
        await edit_status(context, status, render.esc(texts.UPLOAD_UNREADABLE.format(name=name, reason=reason)))
        return
    library = service_of(context).library
    sheet = await asyncio.to_thread(_sheet_of, data, name, service_of(context).cache_dir)
    uid = pending_of(context).add(PendingUpload(user_id, draft, sheet))
    if sheet is None:
        rows = [[_button(texts.BUTTON_SAVE, uid, SAVE), _button(texts.BUTTON_CANCEL, uid, CANCEL)]]
    else:
        rows = [
            [_button(texts.BUTTON_SAVE_BANK, uid, SAVE_BANK)],
            [_button(texts.BUTTON_SAVE_AS_DOCUMENT, uid, SAVE), _button(texts.BUTTON_CANCEL, uid, CANCEL)],
        ]
    await edit_status(context, status, preview_html(draft, library, sheet), InlineKeyboardMarkup(rows))


CANCEL, SAVE, SAVE_BANK = 0, 1, 2  # what the preview's buttons do


def _button(text: str, uid: str, action: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=cb.make(cb.UPLOAD, uid, action))


def _sheet_of(data: bytes, name: str, cache_dir) -> Sheet | None:
    """The file's quiz items when it is a quiz bank (most of its numbered questions usable), else None."""
    try:
        sheet = read_sheet(convert(data, name, cache_dir).text, name)
    except UnreadableFile:
        return None
    return sheet if looks_like_sheet(sheet) else None


def _too_big_to_fetch(context: ContextTypes.DEFAULT_TYPE, size: int | None) -> bool:
    return bool(size and size > service_of(context).settings.telegram.max_upload_mb * 1024 * 1024)


def _too_big(context: ContextTypes.DEFAULT_TYPE, name: str, size: int) -> str:
    limit = service_of(context).settings.telegram.max_upload_mb
    megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
    return render.esc(texts.UPLOAD_TOO_BIG.format(name=name, size=megabytes, limit=f"{limit:g}"))


async def _download(context: ContextTypes.DEFAULT_TYPE, file_id: str) -> bytes:
    telegram_file = await context.bot.get_file(file_id)
    return bytes(await telegram_file.download_as_bytearray())


def _download_reason(error: TelegramError) -> str:
    if "too big" in str(error).lower():
        return texts.UPLOAD_TOO_BIG_FOR_TELEGRAM
    return texts.UPLOAD_TELEGRAM_ERROR.format(error=error)


def preview_html(draft: intake.Draft, library: Library, sheet: Sheet | None = None) -> str:
    esc = render.esc
    doc = draft.document
    sections = len({section_heading(p) for p in draft.passages})
    facts = [
        (texts.PREVIEW_TYPE, doc.type or texts.PREVIEW_UNKNOWN),
        (texts.PREVIEW_NUMBER, doc.symbol or texts.PREVIEW_MISSING),
        (texts.PREVIEW_DATE, format_date(doc.issued) or texts.PREVIEW_MISSING),
        (texts.PREVIEW_ISSUER, doc.issuer or texts.PREVIEW_MISSING),
        (texts.PREVIEW_TITLE, render.truncate(doc.title, 300)),
        (texts.PREVIEW_CONTENT, texts.PREVIEW_CONTENT_VALUE.format(sections=sections, passages=len(draft.passages))),
    ]
    lines = [texts.UPLOAD_PREVIEW_HTML.format(name=esc(draft.name))]
    lines += [f"{label}: <b>{esc(value)}</b>" for label, value in facts]
    lines.append(f"<blockquote>{esc(first_lines(doc.text))}</blockquote>")
    for warning in upload_warnings(draft, library):
        lines.append(texts.WARNING_LINE_HTML.format(text=esc(warning)))
    if sheet is not None:
        skipped = texts.UPLOAD_SHEET_SKIPPED.format(count=len(sheet.problems)) if sheet.problems else ""
        lines.append(texts.UPLOAD_SHEET_HTML.format(count=len(sheet.quizzes), skipped=skipped))
        replaced = ", ".join(intake.banks_replaced(library.root, draft.name))
        if replaced:
            lines.append(texts.WARNING_LINE_HTML.format(text=esc(texts.UPLOAD_BANK_REPLACES.format(paths=replaced))))
    replacing = [d.path for d in intake.same_number(library.documents, draft)]
    lines.append(texts.UPLOAD_SAVE_AS_HTML.format(path=esc(intake.planned_path(library.root, draft, replacing))))
    return render.pack(lines, render.MAX_LEN)[0]


def first_lines(text: str, limit: int = FIRST_LINES_CHARS) -> str:
    """The opening lines as a reader sees them (no Markdown marks), cut at a line or a word."""
    text = display_text(text)
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    if cut < limit // 2:
        cut = text.rfind(" ", 0, limit)
    return text[: max(cut, 1)].rstrip() + " …"


def upload_warnings(draft: intake.Draft, library: Library) -> list[str]:
    warnings = list(draft.warnings)
    documents = library.documents
    if not draft.document.symbol:
        warnings.append(texts.UPLOAD_NO_NUMBER)
    same = intake.same_number(documents, draft)
    if same:
        warnings.append(
            texts.UPLOAD_REPLACES_SAME.format(symbol=draft.document.symbol, paths=", ".join(d.path for d in same))
        )
    else:
        title = fold(draft.document.title.lower())
        twins = [d.path for d in documents if fold(d.title.lower()) == title]
        if twins:
            warnings.append(texts.UPLOAD_SAME_TITLE.format(paths=", ".join(twins)))
    named = [n for n in draft.replaces if library.find_by_number(n)]
    if named:
        warnings.append(texts.UPLOAD_STATES_REPLACES.format(symbols=", ".join(named)))
    return warnings


# --- /xoavb ---------------------------------------------------------------------------------------


async def remove_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/xoavb <số hiệu, tên tệp hoặc từ trong tiêu đề>: which document would go; ✅ to confirm."""
    message = update.effective_message
    if message is None:
        return
    reply_to = reply_target(message)
    if not _is_admin(update, context):
        await send(context, message.chat.id, render.esc(texts.ADMIN_ONLY), reply_to=reply_to)
        return
    library = service_of(context).library
    parts = (message.text or "").split(maxsplit=1)
    query = parts[1].strip() if len(parts) > 1 else ""
    if not query:
        example = render.example_number(library)
        await send(
            context, message.chat.id, texts.REMOVE_USAGE_HTML.format(example=render.esc(example)), reply_to=reply_to
        )
        return
    banks = library.quiz_bank.named(query[:200])
    if len(banks) == 1:
        await send(context, message.chat.id, *confirm_bank_removal(library, banks[0]), reply_to=reply_to)
        return
    if banks:
        text = texts.REMOVE_BANK_CHOOSE_HTML.format(
            count=len(banks), query=render.esc(render.truncate(query, 60)), paths=render.esc(", ".join(banks))
        )
        await send(context, message.chat.id, text, reply_to=reply_to)
        return
    found = find_for_removal(library, query[:200])
    if not found:
        await send(
            context,
            message.chat.id,
            render.esc(texts.REMOVE_NOT_FOUND.format(query=render.truncate(query, 60))),
            reply_to=reply_to,
        )
    elif len(found) == 1:
        text, keyboard = confirm_removal(library, found[0])
        await send(context, message.chat.id, text, keyboard, reply_to=reply_to)
    else:
        await send(context, message.chat.id, *removal_choice(library, found, query), reply_to=reply_to)


def find_for_removal(library: Library, query: str) -> list[int]:
    """Documents named by file name or path first, else by number or title words."""
    wanted = query.strip().strip("/").lower()
    by_file = [
        i
        for i in library.ordered
        if wanted
        in (
            library.documents[i].path.lower(),
            PurePosixPath(library.documents[i].path).name.lower(),
            PurePosixPath(library.documents[i].path).stem.lower(),
        )
    ]
    return by_file or library.find_documents(query)


def confirm_removal(library: Library, doc_index: int) -> tuple[str, InlineKeyboardMarkup]:
    doc = library.documents[doc_index]
    text = "\n".join(
        [
            texts.REMOVE_CONFIRM_HTML,
            render.card_html(library, doc_index),
            "",
            texts.REMOVE_WHERE_HTML.format(path=render.esc(doc.path), trash=intake.TRASH_DIR),
        ]
    )
    ref = library.refs[doc_index]
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.BUTTON_REMOVE, callback_data=cb.make(cb.REMOVE, ref)),
                InlineKeyboardButton(texts.BUTTON_CANCEL, callback_data=cb.make(cb.REMOVE_CANCEL)),
            ]
        ]
    )
    return render.pack(text.split("\n"), render.MAX_LEN)[0], keyboard


def confirm_bank_removal(library: Library, path: str) -> tuple[str, InlineKeyboardMarkup]:
    count = library.quiz_bank.count(path)
    text = texts.REMOVE_BANK_CONFIRM_HTML.format(path=render.esc(path), count=count, trash=intake.TRASH_DIR)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.BUTTON_REMOVE_BANK, callback_data=cb.make(cb.REMOVE_BANK, bank_ref(path))),
                InlineKeyboardButton(texts.BUTTON_CANCEL, callback_data=cb.make(cb.REMOVE_CANCEL)),
            ]
        ]
    )
    return text, keyboard


def bank_ref(path: str) -> str:
    """A bank file's name in a button (a path may pass the 64 bytes Telegram allows)."""
    return hashlib.sha256(path.encode()).hexdigest()[:12]


def removal_choice(library: Library, docs: list[int], query: str) -> tuple[str, InlineKeyboardMarkup]:
    header = texts.REMOVE_CHOOSE_HTML.format(count=len(docs), query=render.esc(render.truncate(query, 60)))
    lines, rows = render.numbered_choice(library, docs, header, cb.REMOVE_PICK, with_path=True)
    rows.append([InlineKeyboardButton(texts.BUTTON_CANCEL, callback_data=cb.make(cb.REMOVE_CANCEL))])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


# --- buttons -----------------------------------------------------------------------------------------


async def _admin_pressed(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> tuple[CallbackQuery | None, cb.Callback | None]:
    """The query and its data (app.py routes here only data that parses), if an admin pressed it on
    a message the bot can see; anyone else is told why nothing happens."""
    query = update.callback_query
    if query is None:
        return None, None
    data = cb.parse(query.data)
    if data is None or query.message is None:
        await query.answer(texts.OLD_BUTTON)
        return None, None
    if not _is_admin(update, context):
        await query.answer(texts.ADMIN_ONLY, show_alert=True)
        return None, None
    return query, data


async def upload_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """✅/✖ under a preview: save the file (and reload) or drop it."""
    query, data = await _admin_pressed(update, context)
    if query is None or data is None:
        return
    uid, action = data.args
    pending = pending_of(context)
    found = pending.peek(uid)
    if found is None or found.admin != query.from_user.id:
        await query.answer(texts.UPLOAD_EXPIRED, show_alert=True)
        return
    pending.take(uid)
    draft = found.draft
    await query.answer()
    if action == CANCEL:
        await edit_or_send(query, context, render.esc(texts.UPLOAD_CANCELLED.format(name=draft.name)))
    elif action == SAVE_BANK and found.sheet is not None:
        await _save_bank(query, context, draft)
    else:
        await _save(query, context, draft)


async def remove_cancel_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """✖ under a /xoavb confirmation or choice."""
    query, _ = await _admin_pressed(update, context)
    if query is None:
        return
    await query.answer()
    await edit_or_send(query, context, render.esc(texts.REMOVE_CANCELLED))


async def _save(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, draft: intake.Draft) -> None:
    service = service_of(context)
    replacing = [d.path for d in intake.same_number(service.library.documents, draft)]
    try:
        path, trash = await asyncio.to_thread(intake.save, service.root, draft, replacing)
    except OSError as e:  # e.g. the folder mounted read-only
        log.error("could not save an upload: %s", e)
        await edit_or_send(query, context, render.esc(texts.WRITE_FAILED.format(error=e.strerror or e)))
        return
    log.info("upload saved as %s (replacing %d files)", path, len(replacing))
    lines = [texts.UPLOAD_SAVED_HTML.format(path=render.esc(path))]
    if trash:
        lines.append(texts.UPLOAD_TRASHED_HTML.format(trash=render.esc(trash.relative_to(service.root).as_posix())))
    await edit_or_send(query, context, "\n".join(lines))
    report = await service.reload()
    library = service.library
    saved = next((i for i, d in enumerate(library.documents) if d.path == path), None)
    chat_id = button_chat_id(query)
    if saved is None or not report.ok:
        for message in render.pack([render.esc(texts.UPLOAD_NOT_SERVED), *report_lines(report)], render.MAX_LEN):
            await send(context, chat_id, message)
        return
    text, keyboard, _ = render.outline_page(library, saved, 0)
    await send(context, chat_id, text, keyboard)


async def _save_bank(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, draft: intake.Draft) -> None:
    """The file saved as a quiz bank, the folder reloaded, and what /quiz can now ask from it."""
    service = service_of(context)
    try:
        path, trash = await asyncio.to_thread(intake.save_bank, service.root, draft.name, draft.data)
    except OSError as e:
        log.error("could not save a quiz bank: %s", e)
        await edit_or_send(query, context, render.esc(texts.WRITE_FAILED.format(error=e.strerror or e)))
        return
    log.info("quiz bank saved as %s", path)
    report = await service.reload()
    bank = service.library.quiz_bank
    problems = [s.reason for s in bank.skipped if s.path == path]
    name = intake.bank_stem(draft.name).replace("-", " ")  # the words `/quiz <name>` picks the bank by
    lines = [texts.UPLOAD_BANK_SAVED_HTML.format(path=render.esc(path), count=bank.count(path), name=render.esc(name))]
    if trash:
        lines.append(
            texts.UPLOAD_BANK_TRASHED_HTML.format(trash=render.esc(trash.relative_to(service.root).as_posix()))
        )
    if problems:
        lines.append(render.esc(texts.UPLOAD_BANK_PROBLEMS.format(count=len(problems))))
        lines += [f"• {render.esc(problem)}" for problem in problems]
    if not report.ok:
        lines += report_lines(report)
    await _report(query, context, lines)


async def remove_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/xoavb's buttons: one of several matches picked (show its confirmation), or ✅ confirmed."""
    query, data = await _admin_pressed(update, context)
    if query is None or data is None:
        return
    service = service_of(context)
    library = service.library
    doc_index = library.doc_by_ref(data.arg(0))
    if doc_index is None:
        await query.answer(texts.REMOVE_GONE, show_alert=True)
        return
    if data.kind == cb.REMOVE_PICK:
        await query.answer()
        await edit_or_send(query, context, *confirm_removal(library, doc_index))
        return
    doc = library.documents[doc_index]
    where = await _to_trash(query, context, doc.path)
    if where is None:
        return
    report = await service.reload()
    lines = [
        texts.REMOVE_DONE_HTML.format(name=render.esc(document_name(doc)), trash=render.esc(where)),
        *report_lines(report),
    ]
    await _report(query, context, lines)


async def remove_bank_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """✅ under a quiz bank's removal: the file to the trash, the folder reloaded."""
    query, data = await _admin_pressed(update, context)
    if query is None or data is None:
        return
    service = service_of(context)
    path = next((p for p in service.library.quiz_bank.paths if bank_ref(p) == data.arg(0)), None)
    if path is None:
        await query.answer(texts.REMOVE_GONE, show_alert=True)
        return
    where = await _to_trash(query, context, path)
    if where is None:
        return
    report = await service.reload()
    lines = [texts.REMOVE_BANK_DONE_HTML.format(path=render.esc(path), trash=render.esc(where)), *report_lines(report)]
    await _report(query, context, lines)


async def _to_trash(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, path: str) -> str | None:
    """A file (relative to the folder) moved to the trash; where it went, or None when it could not
    be (the admin has been told why)."""
    root = service_of(context).root
    try:
        trash = await asyncio.to_thread(intake.move_to_trash, root, [path])
    except FileNotFoundError:  # removed on the server meanwhile
        await query.answer(texts.REMOVE_GONE, show_alert=True)
        return None
    except OSError as e:
        log.error("could not move %s to the trash: %s", path, e)
        await query.answer()
        await edit_or_send(query, context, render.esc(texts.WRITE_FAILED.format(error=e.strerror or e)))
        return None
    await query.answer()
    log.info("%s moved to the trash by an admin", path)
    return (trash / path).relative_to(root).as_posix()


async def _report(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, lines: list[str]) -> None:
    """HTML lines in place of the message whose button was pressed, and in more messages if long."""
    first, *rest = render.pack(lines, render.MAX_LEN)
    await edit_or_send(query, context, first)
    for message in rest:
        await send(context, button_chat_id(query), message)


# --- photos ------------------------------------------------------------------------------------------


async def photo_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo in a private chat is a question (handlers.private_other). An admin's photo that shows
    a page rather than a question is a document sent for the library, and so is an admin's album
    of photos (a paper photographed page by page): read and previewed as a file would be."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    if not _is_admin(update, context):
        await private_other(update, context)
        return
    if message.media_group_id:
        await _album_part(context, message, user.id)
        return

    async def upload_it() -> None:
        reading = texts.UPLOAD_READING.format(name=_picture_name(message))
        status = await send(context, message.chat.id, render.esc(reading))
        await _read_pages(context, status, user.id, [message])

    await private_other(update, context, upload_it)
