"""Admin commands and jobs: /reload, /thongke, watching the knowledge folder, telling admins.

Admins are office staff: every message names files and reasons in plain Vietnamese, and a failed
reload always says that the bot keeps answering from the documents it had.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sqlite3

from telegram import Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.knowledge.paths import shown_name
from bot.library import Library
from bot.store import LOCAL_TZ, Stats
from bot.telegram import render, texts
from bot.telegram.handlers import send, service_of
from bot.telegram.service import ReloadProgress, ReloadReport
from bot.telegram.study import announce_new_documents, warm_up

log = logging.getLogger(__name__)

MAX_LISTED = 30  # files named in one report; the rest are counted
PROGRESS_EDIT_SECONDS = 3.0  # how often /reload's "⏳" message shows progress


async def _refuse_non_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user = update.effective_user
    if service_of(context).is_admin(user.id if user else None):
        return False
    await send(context, update.effective_chat.id, render.esc(texts.ADMIN_ONLY), reply_to=_group_reply(update))
    return True


def _group_reply(update: Update):
    message = update.effective_message
    return None if message.chat.type == ChatType.PRIVATE else message


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload: read the knowledge folder again now, and report what changed and what was skipped."""
    if await _refuse_non_admin(update, context):
        return
    service = service_of(context)
    chat_id = update.effective_chat.id
    status = await send(context, chat_id, render.esc(texts.RELOADING), reply_to=_group_reply(update))
    progress = ReloadProgress()
    shown = asyncio.ensure_future(_show_progress(status, progress))
    try:
        report = await service.reload(on_progress=progress.update)
    finally:
        shown.cancel()
    messages = render.pack(report_lines(report), render.MAX_LEN)
    try:
        await status.edit_text(messages[0], parse_mode=ParseMode.HTML)
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
    if await _refuse_non_admin(update, context):
        return
    if update.effective_chat.type != ChatType.PRIVATE:
        # Unanswered questions are members' own words: not for a group's eyes.
        await send(context, update.effective_chat.id, render.esc(texts.PRIVATE_ONLY), reply_to=update.effective_message)
        return
    service = service_of(context)
    try:
        stats = await asyncio.to_thread(service.store.stats)
    except sqlite3.Error as e:
        if service.store.enabled:
            await service.stats_failed(e)
        await send(context, update.effective_chat.id, render.esc(texts.STATS_UNAVAILABLE.format(reason=e)))
        return
    for message in render.pack(stats_lines(stats, service.library), render.MAX_LEN):
        await send(context, update.effective_chat.id, message)


async def watch_folder(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job: reload when the folder's files changed and have then stayed unchanged for one interval
    (an admin copying twenty files should cause one reload, not twenty, and no half-copied file)."""
    service = service_of(context)
    if service.library is None or service.reloading:
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
    lines = ["🔄 Thư mục văn bản vừa thay đổi, mình đã tự nạp lại.", *report_lines(report)]
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
                await bot.send_message(admin, message, parse_mode=ParseMode.HTML)
            except TelegramError as e:  # an admin who never opened a chat with the bot cannot be told
                log.warning("could not notify admin: %s", e)
                break


# --- wording -----------------------------------------------------------------------------------------


def _when(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, LOCAL_TZ).strftime("%H:%M %d/%m/%Y")


def _library_line(library: Library | None) -> str:
    if library is None:
        return "chưa có dữ liệu"
    return f"{len(library.documents)} văn bản, {len(library.index.passages)} đoạn, nạp lúc {_when(library.loaded_at)}"


def report_lines(report: ReloadReport) -> list[str]:
    """The reload report as HTML lines (packed into messages by the caller)."""
    esc = render.esc
    if report.ok:
        lines = [f"✅ Đã nạp lại thư mục văn bản: <b>{esc(_library_line(report.after))}</b> ({report.seconds:.1f} giây)."]
        added, removed, changed = report.changes()
        for label, paths in (("Thêm", added), ("Gỡ", removed), ("Cập nhật", changed)):
            if paths:
                lines.append(f"{label} {len(paths)} tệp: " + esc(_names(paths)))
        if not (added or removed or changed):
            lines.append("Không có văn bản nào thay đổi.")
    else:
        lines = [
            f"❌ Không nạp lại được: {esc(report.error or 'lỗi không rõ')}",
            f"Bot vẫn trả lời bằng dữ liệu cũ ({esc(_library_line(report.before))}).",
        ]
    if report.after and report.after.problems:
        lines += [f"⚠️ {esc(problem)}" for problem in report.after.problems]
    lines += _warning_lines(report)
    if report.skipped:
        lines.append(f"⚠️ <b>{len(report.skipped)} tệp không đọc được</b> (đã bỏ qua):")
        lines += [f"• <code>{esc(shown_name(s.path))}</code>: {esc(s.reason)}" for s in report.skipped[:MAX_LISTED]]
        if len(report.skipped) > MAX_LISTED:
            lines.append(f"… và {len(report.skipped) - MAX_LISTED} tệp khác (xem bằng lệnh <code>python -m bot index</code>).")
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
    lines = [f"ℹ️ <b>{len(warned)} tệp đọc được, có ghi chú</b>:"]
    for doc in warned[:MAX_LISTED]:
        lines += [f"• <code>{render.esc(shown_name(doc.path))}</code>: {render.esc(note)}" for note in doc.notes[:5]]
    return lines


def _names(paths: list[str]) -> str:
    paths = [shown_name(p) for p in paths]
    shown = ", ".join(paths[:MAX_LISTED])
    return shown + (f" … và {len(paths) - MAX_LISTED} tệp khác" if len(paths) > MAX_LISTED else "")


def stats_lines(stats: Stats, library: Library | None) -> list[str]:
    esc = render.esc
    share = f"{stats.week_answered}/{stats.week} ({100 * stats.week_answered / stats.week:.0f}%)" if stats.week else "—"
    lines = [
        "📊 <b>Thống kê</b> (giờ Việt Nam)",
        f"Hôm nay: <b>{stats.today}</b> câu hỏi",
        f"Tuần này (từ thứ Hai {stats.week_start:%d/%m}): <b>{stats.week}</b> câu hỏi, {stats.week_users} người hỏi",
        f"Tìm được câu trả lời: {share}",
        f"Góp ý tuần này: 👍 {stats.helpful_week} · 👎 {stats.unhelpful_week} "
        f"(từ trước tới nay: 👍 {stats.helpful_total} · 👎 {stats.unhelpful_total})",
    ]
    if stats.unanswered:
        lines.append("")
        lines.append("<b>Câu hỏi chưa tìm được câu trả lời, hỏi nhiều nhất tuần này:</b>")
        lines += [f"{n}. «{esc(render.truncate(q, 200))}» — {count} lần" for n, (q, count) in enumerate(stats.unanswered, 1)]
    lines.append("")
    lines.append(f"Thư viện: {esc(_library_line(library))}" + (f"; {len(library.index.skipped)} tệp bị bỏ qua" if library else ""))
    if stats.retention_days > 0:
        lines.append(f"<i>Nội dung câu hỏi được lưu {stats.retention_days} ngày, sau đó chỉ còn số liệu; không lưu danh tính người hỏi.</i>")
    else:
        lines.append("<i>Không lưu nội dung câu hỏi; không lưu danh tính người hỏi.</i>")
    return lines
