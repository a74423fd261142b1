"""Admin commands and jobs: /reload, /thongke, watching the knowledge folder, telling admins.

Admins are office staff: every message names files and reasons in plain Vietnamese, and a failed
reload always says that the bot keeps answering from the documents it had.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sqlite3

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.knowledge.paths import shown_name
from bot.library import Library
from bot.store import LOCAL_TZ, Stats
from bot.telegram import render, texts
from bot.telegram.replies import reply_target, send, service_of
from bot.telegram.service import ReloadProgress, ReloadReport
from bot.telegram.study import announce_new_documents, warm_up

log = logging.getLogger(__name__)

MAX_LISTED = 30  # files named in one report; the rest are counted
PROGRESS_EDIT_SECONDS = 3.0  # how often /reload's "⏳" message shows progress


async def _admin_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Message | None:
    """The command's message when an admin sent it; anyone else is told the command is not theirs."""
    message = update.effective_message
    if message is None:
        return None
    user = update.effective_user
    if service_of(context).is_admin(user.id if user else None):
        return message
    await send(context, message.chat.id, render.esc(texts.ADMIN_ONLY), reply_to=reply_target(message))
    return None


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload: read the knowledge folder again now, and report what changed and what was skipped."""
    command = await _admin_message(update, context)
    if command is None:
        return
    service = service_of(context)
    chat_id = command.chat.id
    status = await send(context, chat_id, render.esc(texts.RELOADING), reply_to=reply_target(command))
    progress = ReloadProgress()
    shown = asyncio.ensure_future(_show_progress(status, progress))
    try:
        report = await service.reload(on_progress=progress.update)
    finally:
        shown.cancel()
    messages = render.pack(report_lines(report), render.MAX_LEN)
    try:
        await status.edit_text(messages[0])
    except TelegramError:
        await send(context, chat_id, messages[0])
    for message in messages[1:]:
        await send(context, chat_id, message)
    await _announce(context, report)


async def _show_progress(status, progress: ReloadProgress) -> None:
    """Edit the "⏳" message every few seconds with the files tokenised so far, so an admin who
    asked for a long reload sees it move."""
    shown = None
    while True:
        await asyncio.sleep(PROGRESS_EDIT_SECONDS)
        if not progress.total or (progress.done, progress.total) == shown:
            continue
        shown = (progress.done, progress.total)
        try:
            await status.edit_text(render.esc(texts.RELOAD_PROGRESS.format(done=shown[0], total=shown[1])))
        except TelegramError as e:  # progress is a courtesy
            log.debug("reload progress not shown: %s", e)


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/thongke: usage this day and week, answered share, top unanswered questions, feedback."""
    command = await _admin_message(update, context)
    if command is None:
        return
    chat_id = command.chat.id
    if command.chat.type != ChatType.PRIVATE:
        # Unanswered questions are members' own words: not for a group's eyes.
        await send(context, chat_id, render.esc(texts.PRIVATE_ONLY), reply_to=command)
        return
    service = service_of(context)
    try:
        stats = await asyncio.to_thread(service.store.stats)
    except sqlite3.Error as e:
        if service.store.enabled:
            await service.stats_failed(e)
        await send(context, chat_id, render.esc(texts.STATS_UNAVAILABLE.format(reason=e)))
        return
    for message in render.pack(stats_lines(stats, service.library), render.MAX_LEN):
        await send(context, chat_id, message)


async def watch_folder(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job: reload when the folder's files changed and have then stayed unchanged for one interval
    (an admin copying twenty files should cause one reload, not twenty, and no half-copied file)."""
    service = service_of(context)
    if not service.loaded or service.reloading:
        return
    current = await asyncio.to_thread(service.watcher.fingerprint)
    if current == service.library.fingerprint or current == service.failed_fingerprint:
        service.pending_fingerprint = None
        return
    if current != service.pending_fingerprint:
        service.pending_fingerprint = current
        return
    service.pending_fingerprint = None
    log.info("knowledge folder changed: reloading")
    # The reload runs as its own task: a long one (many new files to tokenise) must not keep this
    # job running past its next turn.
    context.application.create_task(_reload_changed_folder(context, current))


async def _reload_changed_folder(context: ContextTypes.DEFAULT_TYPE, fingerprint) -> None:
    service = service_of(context)
    report = await service.reload()
    service.failed_fingerprint = None if report.ok else fingerprint
    lines = [texts.RELOAD_AUTO, *report_lines(report)]
    await notify_admins(context, lines)
    await _announce(context, report)


async def _announce(context: ContextTypes.DEFAULT_TYPE, report: ReloadReport) -> None:
    if report.ok:
        warm_up(context.application, report.after)
    told = await announce_new_documents(context, report)
    if told:
        log.info("new documents announced to %d chats", told)


async def housekeeping(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job: forget question texts past the retention period and expired answer sessions."""
    service = service_of(context)
    try:
        purged = await asyncio.to_thread(service.store.purge)
    except sqlite3.Error as e:
        await service.stats_failed(e)
        purged = 0
    expired = service.sessions.expire()
    if purged or expired:
        log.info("housekeeping: %d question texts forgotten, %d answer sessions expired", purged, expired)


async def notify_admins(context: ContextTypes.DEFAULT_TYPE, lines: list[str]) -> None:
    await tell_admins(context.bot, service_of(context).settings.telegram.admins, lines)


async def tell_admins(bot, admins, lines: list[str]) -> None:
    for admin in admins:
        for message in render.pack(lines, render.MAX_LEN):
            try:
                await bot.send_message(admin, message)
            except TelegramError as e:  # an admin who never opened a chat with the bot cannot be told
                log.warning("could not notify admin: %s", e)
                break


# --- wording -----------------------------------------------------------------------------------------


def _when(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, LOCAL_TZ).strftime("%H:%M %d/%m/%Y")


def _library_line(library: Library | None) -> str:
    if library is None:
        return texts.LIBRARY_EMPTY
    files = library.quiz_bank.paths
    banks = texts.LIBRARY_BANKS.format(questions=len(library.quiz_bank.quizzes), files=len(files)) if files else ""
    return texts.LIBRARY_LINE.format(
        documents=len(library.documents),
        passages=len(library.index.passages),
        banks=banks,
        when=_when(library.loaded_at),
    )


def report_lines(report: ReloadReport) -> list[str]:
    """The reload report as HTML lines (packed into messages by the caller)."""
    esc = render.esc
    if report.ok:
        seconds = f"{report.seconds:.1f}"
        lines = [texts.RELOAD_DONE_HTML.format(library=esc(_library_line(report.after)), seconds=seconds)]
        added, removed, changed = report.changes()
        for wording, paths in (
            (texts.RELOAD_ADDED, added),
            (texts.RELOAD_REMOVED, removed),
            (texts.RELOAD_CHANGED, changed),
        ):
            if paths:
                lines.append(esc(wording.format(count=len(paths), names=_names(paths))))
        if not (added or removed or changed):
            lines.append(esc(texts.RELOAD_UNCHANGED))
    else:
        lines = [
            esc(texts.RELOAD_FAILED.format(error=report.error or texts.RELOAD_UNKNOWN_ERROR)),
            esc(texts.RELOAD_KEPT_OLD.format(library=_library_line(report.before))),
        ]
    if report.after and report.after.problems:
        lines += [texts.WARNING_LINE_HTML.format(text=esc(str(problem))) for problem in report.after.problems]
    lines += _warning_lines(report)
    if report.skipped:
        lines.append(texts.RELOAD_SKIPPED_HTML.format(count=len(report.skipped)))
        lines += [_file_line(s.path, s.reason) for s in report.skipped[:MAX_LISTED]]
        if len(report.skipped) > MAX_LISTED:
            lines.append(texts.RELOAD_SKIPPED_MORE_HTML.format(count=len(report.skipped) - MAX_LISTED))
    return lines


def _warning_lines(report: ReloadReport) -> list[str]:
    """Warnings about documents read this time (new or changed files), each with its file."""
    if not report.after:
        return []
    added, _, changed = report.changes()
    fresh = set(added) | set(changed) if report.before else {d.path for d in report.after.documents}
    warned = [d for d in report.after.documents if d.notes and d.path in fresh]
    if not warned:
        return []
    # how a file was read (OCR, an old font encoding) or which front-matter field was ignored
    lines = [texts.RELOAD_WARNED_HTML.format(count=len(warned))]
    for doc in warned[:MAX_LISTED]:
        lines += [_file_line(doc.path, note) for note in doc.notes[:5]]
    return lines


def _file_line(path: str, reason: str) -> str:
    return texts.FILE_LINE_HTML.format(name=render.esc(shown_name(path)), reason=render.esc(reason))


def _names(paths: list[str]) -> str:
    paths = [shown_name(p) for p in paths]
    shown = ", ".join(paths[:MAX_LISTED])
    return shown + (texts.NAMES_MORE.format(count=len(paths) - MAX_LISTED) if len(paths) > MAX_LISTED else "")


def stats_lines(stats: Stats, library: Library | None) -> list[str]:
    esc = render.esc
    share = f"{stats.week_answered}/{stats.week} ({100 * stats.week_answered / stats.week:.0f}%)" if stats.week else "—"
    lines = [
        texts.STATS_HEADER_HTML,
        texts.STATS_TODAY_HTML.format(count=stats.today),
        texts.STATS_WEEK_HTML.format(start=f"{stats.week_start:%d/%m}", count=stats.week, users=stats.week_users),
        esc(texts.STATS_ANSWERED.format(share=share)),
        texts.STATS_FEEDBACK.format(
            helpful_week=stats.helpful_week,
            unhelpful_week=stats.unhelpful_week,
            helpful_total=stats.helpful_total,
            unhelpful_total=stats.unhelpful_total,
        ),
    ]
    if stats.unanswered:
        lines.append("")
        lines.append(texts.STATS_UNANSWERED_HTML)
        lines += [
            texts.STATS_UNANSWERED_LINE_HTML.format(n=n, question=esc(render.truncate(q, 200)), count=count)
            for n, (q, count) in enumerate(stats.unanswered, 1)
        ]
    lines.append("")
    skipped = texts.STATS_LIBRARY_SKIPPED.format(count=len(library.index.skipped)) if library else ""
    lines.append(esc(texts.STATS_LIBRARY.format(library=_library_line(library)) + skipped))
    if stats.retention_days > 0:
        lines.append(texts.STATS_RETENTION_HTML.format(days=stats.retention_days))
    else:
        lines.append(texts.STATS_NO_RETENTION_HTML)
    return lines
