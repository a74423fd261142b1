"""How every handler module talks back: the service behind the bot, sending, and editing in place.

Member handlers, admin commands, uploads and study sessions all import these from here, so no
handler module depends on another one for its plumbing. Messages are HTML: the Application's
`Defaults` sets `parse_mode` once (app.py), so no call here names it.
"""

from __future__ import annotations

from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.telegram import render
from bot.telegram.service import BotService


def service_of(context: ContextTypes.DEFAULT_TYPE) -> BotService:
    return context.bot_data["service"]


def reply_target(message: Message) -> Message | None:
    """Replies quote the command in groups, where several conversations interleave; not in private."""
    return None if message.chat.type == ChatType.PRIVATE else message


def button_chat_id(query: CallbackQuery) -> int:
    """The chat of the message a button is on; for handlers that already refused buttons without one."""
    if query.message is None:
        raise ValueError("a button without its message")
    return query.message.chat.id


def button_thread_id(query: CallbackQuery) -> int | None:
    """What a button opens goes to the forum topic the button is in."""
    message = query.message
    return message.message_thread_id if isinstance(message, Message) and message.is_topic_message else None


async def send(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    text: str,
    reply_markup: InlineKeyboardMarkup | None = None,
    reply_to: Message | None = None,
    thread_id: int | None = None,
) -> Message:
    """A message in HTML; in a forum group it stays in the topic of the message it answers."""
    if thread_id is None and reply_to is not None and reply_to.is_topic_message:
        thread_id = reply_to.message_thread_id
    return await context.bot.send_message(
        chat_id,
        render.fit(text),
        reply_markup=reply_markup,
        reply_parameters=ReplyParameters(reply_to.message_id, allow_sending_without_reply=True) if reply_to else None,
        message_thread_id=thread_id,
    )


async def edit_or_send(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Edit the message the button is on. Pressing twice edits to the same content, which Telegram
    refuses with "message is not modified": that is fine. A message that cannot be edited (too
    old, deleted) gets a new one."""
    try:
        await query.edit_message_text(render.fit(text), reply_markup=keyboard)
    except BadRequest as e:
        if "not modified" in str(e).lower():
            return
        await send(context, button_chat_id(query), text, keyboard)


async def edit_status(context: ContextTypes.DEFAULT_TYPE, status: Message, text: str, keyboard: Any = None) -> None:
    """Replace a "⏳ …" message with the outcome; a new message if it cannot be edited."""
    try:
        await status.edit_text(render.fit(text), reply_markup=keyboard)
    except BadRequest as e:
        if "not modified" not in str(e).lower():
            await send(context, status.chat.id, text, keyboard)
