"""Member-facing handlers: questions in private and group chats, commands, buttons, inline mode.

Each handler is a small async function; app.py wires them. In groups the bot speaks only when
spoken to (/hoi, a mention, a reply to one of its messages) — see `group_text`.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable

from telegram import (
    CallbackQuery,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError
from telegram.ext import ContextTypes

from bot.answer import INLINE_RESULTS, document_name, quoted_text, section_label
from bot.library import Library
from bot.telegram import callbacks as cb
from bot.telegram import links, photos, render, texts
from bot.telegram.replies import button_chat_id, button_thread_id, edit_or_send, reply_target, send, service_of
from bot.telegram.sending import is_transient
from bot.telegram.service import BotService
from bot.telegram.state import AnswerSession
from bot.vietnamese import clean_question, fold

log = logging.getLogger(__name__)

_HAS_WORD = re.compile(r"[^\W_]")
# A greeting is a message of these words only ("chào bot ạ", "Xin chào đồng chí!"), one of the
# first set among them: "chào cờ là gì" asks something.
_GREETING_WORDS = {"chao", "hello", "hi", "alo", "helo"}
_GREETING_EXTRAS = {
    "xin", "ban", "bot", "dong", "chi", "anh", "em", "ad", "admin", "a", "nhe", "nha", "oi", "moi", "nguoi", "ca",
}  # fmt: skip
# A message of these words only asks nothing the documents answer ("em ko hiểu, cho em hỏi lại",
# "ok", "là sao ạ", "sai rồi"): searched, "hiểu lại" found a ministry's history page.
_CHAT_WORDS = {
    "em", "anh", "chi", "toi", "minh", "ban", "bot", "ad", "admin", "dong", "ca", "nguoi",
    "a", "ah", "nhe", "nha", "oi", "u", "uh", "um", "hm", "hmm", "vay", "nhi", "the", "thi",
    "ko", "k", "khong", "hok", "chua", "hieu", "hoi", "lai", "noi", "ro", "hon", "nua", "giai", "thich",
    "ok", "oke", "okay", "vang", "da", "roi", "duoc", "dung", "sai", "gi", "sao", "la", "nao", "cho", "voi",
    "cai", "nay", "do", "xin", "vui", "long", "nhac",
}  # fmt: skip
# Words that ask the bot to answer the message replied to ("@bot giúp đồng chí Hoa với", "/hoi trả
# lời hộ câu này"): they were searched, and "giúp Hoa" found a plan's flower growing.
_ANSWER_THAT_WORDS = _CHAT_WORDS | {
    "giup", "ho", "dum", "gium", "tra", "loi", "tl", "cau", "tim", "xem", "coi", "check", "biet", "vs",
    "di", "luon", "phat", "chut", "thu", "nhe", "cac", "chung", "to", "bac", "co", "chu", "ong", "ba",
    "dap", "an", "chon", "phuong", "nhat", "giai", "hinh", "anh", "tren", "trong", "ben", "duoi", "day",
}  # fmt: skip
# Words that point at the message replied to, and the asking words that may go with them
# ("@bot trường hợp này xử lý thế nào?", "việc trên quy định ở văn bản nào?").
_POINTING_WORDS = {"nay", "tren", "do", "ay", "vay", "kia"}
_ABOUT_IT_WORDS = {
    "truong", "hop", "viec", "van", "de", "chuyen", "tinh", "huong", "xu", "ly", "quy", "dinh", "o", "dau",
    "ban", "can", "cu", "the", "phai", "lam", "bi", "dieu", "khoan", "muc", "ra", "sao", "nhu", "nao",
}  # fmt: skip
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")  # "<b>xin chào</b>": Telegram shows the tags as typed
_THANKS = re.compile(r"^(?:cam on|thanks|thank you|tks)\b")
# Seconds a search may take before a private chat is shown "typing…" (see _search_with_typing).
TYPING_AFTER = 0.5


def bot_mention(context: ContextTypes.DEFAULT_TYPE) -> str:
    return f"@{context.bot.username}" if context.bot.username else "tên bot"


def document_link(context: ContextTypes.DEFAULT_TYPE, library, doc: int) -> str | None:
    return links.document_link(context.bot.username, library, doc)


# --- answering a question ------------------------------------------------------------------------


async def answer_question(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    question: str,
    reply_to: Message | None,
) -> None:
    """Check the question, search, log, and send the first page of the answer (or the no-answer)."""
    chat = update.effective_chat
    if chat is None:
        return
    service = service_of(context)
    question = clean_question(question).strip()
    limit = service.settings.search.max_question_chars
    if len(question) > limit:
        await send(
            context,
            chat.id,
            render.esc(texts.TOO_LONG.format(length=f"{len(question):,}".replace(",", "."), limit=limit)),
            reply_to=reply_to,
        )
        return
    if not _HAS_WORD.search(question):
        await send(context, chat.id, render.esc(texts.NO_WORDS), reply_to=reply_to)
        return
    small_talk = _small_talk(question)
    if small_talk:
        await send(context, chat.id, render.esc(small_talk), reply_to=reply_to)
        return
    library = service.library
    found = await _search_with_typing(context, service, library, chat, question)
    hits, answered = found.hits, found.answered
    user = update.effective_user
    # The answer goes out first; its statistics row is written afterwards and may fail harmlessly.
    query_id = service.new_query_id()
    try:
        if not answered:
            log.info("no answer in a %s chat (%.0f ms)", chat.type, found.elapsed_ms)
            named = library.find_by_number(question)  # "QĐ 294 …": offer that document's card
            await send(
                context,
                chat.id,
                render.no_answer_html(found),
                render.no_answer_keyboard(library, named),
                reply_to=reply_to,
            )
            return
        log.info("answered in a %s chat: %d passages, %.0f ms", chat.type, len(hits), found.elapsed_ms)
        session = AnswerSession(
            found,
            [library.passage_ref(hit.index) for hit in hits],
            query_id if service.store.enabled else None,
            group=chat.type != ChatType.PRIVATE,
        )
        sid = service.sessions.add(session)
        # rendering tokenises the quoted passages (whole-word bold): off the event loop, as the search
        text, keyboard = await asyncio.to_thread(_answer_page, service, session, sid, 0)
        await send(context, chat.id, text, keyboard, reply_to=reply_to)
    finally:
        await service.record_query(user.id if user else None, chat.type, question, found, query_id)


async def _search_with_typing(
    context: ContextTypes.DEFAULT_TYPE, service: BotService, library: Library, chat, question: str
):
    """The search; in a private chat, a typing indicator first if it takes longer than TYPING_AFTER.

    Not for every question: an answer comes in milliseconds, and every request with a chat_id
    counts against the bot's overall 30 a second (AIORateLimiter, Telegram's limit), so an
    indicator nobody would see halves the answers per second when many members ask at once
    (benchmarks/throughput.py) and puts a round trip to Telegram before every search. Not in
    groups at all: there every request also counts against the group's per-minute budget."""
    search = asyncio.ensure_future(service.search(question, library))
    try:
        if chat.type == ChatType.PRIVATE:
            done, _ = await asyncio.wait({search}, timeout=TYPING_AFTER)
            if not done:
                # awaited, so that the indicator never arrives after the answer (it would then
                # show "typing…" for seconds under an answer already there)
                try:
                    await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
                except TelegramError as e:  # the indicator is a courtesy; the answer matters
                    log.debug("typing indicator failed: %s", e)
        return await search
    finally:
        search.cancel()  # a no-op once it is done; stops waiting for it if this handler is cancelled


def _answer_page(service: BotService, session: AnswerSession, sid: str, page: int):
    per_page = max(1, service.settings.search.results)
    found = session.answer
    pages = render.answer_pages(found, per_page, session.group)
    page = render.clamp_page(page, len(pages))
    text = render.answer_html(found, pages[page], page, session.group)
    keyboard = render.answer_keyboard(
        service.library, session.targets, pages[page], sid, page, len(pages), session.query_id
    )
    return text, keyboard


def _folded_words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", fold(_TAG.sub(" ", text).lower())).split())


def _small_talk(text: str) -> str | None:
    key = _folded_words(text)
    words = set(key.split())
    if words & _GREETING_WORDS and words <= _GREETING_WORDS | _GREETING_EXTRAS:
        return texts.GREETING
    if _THANKS.match(key) and len(key) <= 40:
        return texts.THANKS
    if words <= _CHAT_WORDS:
        return texts.CHAT
    return None


# --- messages --------------------------------------------------------------------------------------


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a private chat, any text is a question — except a passage the member just posted through
    the bot's own inline mode."""
    message = update.effective_message
    if message is None:
        return
    if _posted_via_this_bot(message, context):
        return
    await answer_question(update, context, message.text or "", None)


async def private_edit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A question corrected after it was sent ("thoi ky du bi" → "thời kỳ dự bị") is answered
    again, as a reply to it: the first answer was to the words before the correction."""
    message = update.edited_message
    if message is None or _posted_via_this_bot(message, context):
        return
    await answer_question(update, context, message.text or "", message)


def _posted_via_this_bot(message: Message, context: ContextTypes.DEFAULT_TYPE) -> bool:
    return bool(message.via_bot and message.via_bot.id == context.bot.id)


async def private_other(
    update: Update, context: ContextTypes.DEFAULT_TYPE, on_page: Callable[[], Awaitable[None]] | None = None
) -> None:
    """Stickers, photos, voice… in a private chat: a caption is a question, and so is the text of
    a photo sent bare or with words like "giải giúp em câu này"; else a polite word. (Files are
    bot.telegram.upload's; for an admin's photo of a page rather than a question it passes `on_page`.)"""
    message = update.effective_message
    if message is None:
        return
    if photos.image_of(message) and _asks_to_answer_it(message.caption or "", None):
        await answer_photo(update, context, message, message, on_page)
        return
    if message.caption:
        await answer_question(update, context, message.caption, None)
        return
    await send(context, message.chat.id, render.esc(texts.NOT_TEXT))


async def answer_photo(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    photo: Message,
    reply_to: Message | None,
    on_page: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """Answer the question a photo shows (see photos.py); say why not when it shows none. A photo
    that reads as a page rather than a question goes to `on_page` when given."""
    service = service_of(context)
    if photo.chat.type == ChatType.PRIVATE:  # reading takes a second or two
        try:
            await context.bot.send_chat_action(photo.chat.id, ChatAction.TYPING)
        except TelegramError as e:
            log.debug("typing indicator failed: %s", e)
    file_id = photos.image_of(photo)
    lines = await photos.read(context, file_id, service.photo_slots) if file_id else None
    question = photos.question_in(lines or [])
    limit = service.settings.search.max_question_chars
    readable = len(photos.WORD.findall(question)) >= 2
    if readable and on_page and photos.is_page(question, limit):
        await on_page()
        return
    if readable and len(question) <= limit:
        await answer_question(update, context, question, reply_to)
        return
    if len(question) > limit:
        reply = texts.PHOTO_TOO_LONG.format(length=f"{len(question):,}".replace(",", "."), limit=limit)
    else:
        reply = texts.PHOTO_NO_TEXT
    await send(context, photo.chat.id, render.esc(reply), reply_to=reply_to)


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a group: answer a mention or a reply to the bot; ignore all other chatter.

    A bare mention sent as a reply to another member's message asks the bot to answer *that*
    message, so the answer replies to it.
    """
    message = update.effective_message
    if message is None:
        return
    if _posted_via_this_bot(message, context):
        return
    mentioned, rest = strip_mention(message, context.bot.username, context.bot.id)
    replied = message.reply_to_message
    to_bot = bool(replied and _from_bot(replied, context.bot.id))
    if not (mentioned or to_bot):
        return
    if await _answer_replied(update, context, rest, replied):
        return
    if rest.strip():
        await answer_question(update, context, rest, message)
        return
    await send(
        context,
        message.chat.id,
        render.esc(texts.MENTION_PROMPT.format(mention=bot_mention(context))),
        reply_to=message,
    )


async def group_photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a group, a photo whose caption mentions the bot: the caption's question, or the photo's
    when the caption only asks to answer it ("@bot giải giúp câu này")."""
    message = update.effective_message
    if message is None:
        return
    mentioned, rest = strip_mention(message, context.bot.username, context.bot.id)
    if not mentioned:
        return
    if _asks_to_answer_it(rest, None):
        await answer_photo(update, context, message, message)
    else:
        await answer_question(update, context, rest, message)


def strip_mention(message: Message, username: str | None, bot_id: int) -> tuple[bool, str]:
    """(whether the message, or the photo's caption, mentions the bot, its text without the mention)."""
    kinds: list[str | None] = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
    text = message.text or message.caption or ""
    entities = message.parse_entities(kinds) if message.text else message.parse_caption_entities(kinds)
    mentioned = False
    for entity, value in entities.items():
        if (entity.type == MessageEntity.MENTION and username and value.lower() == f"@{username.lower()}") or (
            entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id
        ):
            mentioned = True
            text = text.replace(value, " ", 1)
    return mentioned, " ".join(text.split()) if mentioned else text


def _asks_to_answer_it(text: str, replied: Message | None) -> bool:
    """Whether the words sent with a mention or /hoi only ask the bot to answer the replied message:
    none, or only words like "giúp", "trả lời hộ", "câu này" and the asker's name."""
    sender = replied.from_user if replied else None
    names = (
        _folded_words(" ".join(filter(None, [sender.first_name, sender.last_name, sender.username]))) if sender else ""
    )
    return set(_folded_words(text).split()) <= _ANSWER_THAT_WORDS | set(names.split())


async def _answer_replied(
    update: Update, context: ContextTypes.DEFAULT_TYPE, words: str, replied: Message | None
) -> bool:
    """Answer the member's message replied to when the words sent with the mention or /hoi only ask
    for that: its text, or the question its photo shows; with words that ask about it ("trường
    hợp này xử lý thế nào?"), those words and its text. Whether it was answered."""
    if replied is None or _from_bot(replied, context.bot.id):
        return False
    alone = _asks_to_answer_it(words, replied)
    if alone and photos.image_of(replied) and _asks_to_answer_it(replied.caption or "", replied):
        await answer_photo(update, context, replied, replied)
        return True
    other = _other_members_question(replied, context.bot.id)
    if other and alone:
        await answer_question(update, context, other, replied)
        return True
    if other and _asks_about_it(words):
        # the words first: a story replied to without a "?" of its own stays the part that asks
        await answer_question(update, context, f"{words.strip()} {other}", replied)
        return True
    return False


def _asks_about_it(text: str) -> bool:
    """Words that ask about the message replied to, pointing at it ("việc này", "trường hợp trên")
    with no subject of their own: searched alone, "trường hợp này xử lý thế nào" found a passage
    on some other case; with the story it points at, a passage on that story."""
    words = set(_folded_words(text).split())
    return bool(words & _POINTING_WORDS) and words <= _ANSWER_THAT_WORDS | _POINTING_WORDS | _ABOUT_IT_WORDS


def _from_bot(message: Message, bot_id: int) -> bool:
    return bool(message.from_user and message.from_user.id == bot_id)


def _other_members_question(replied: Message | None, bot_id: int) -> str | None:
    if not replied or _from_bot(replied, bot_id):
        return None
    text = (replied.text or replied.caption or "").strip()
    if text.startswith("/"):  # "/hoi câu hỏi" replied to with a mention: the question is the rest
        text = text.split(maxsplit=1)[1] if len(text.split(maxsplit=1)) > 1 else ""
    return text or None


# --- commands ----------------------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What the bot does and three example questions taken from the loaded documents.
    Deep links from inline mode: /start vanban, /start help."""
    if context.args and context.args[0] == "vanban":
        await documents_command(update, context)
        return
    if context.args and context.args[0] == "help":
        await help_command(update, context)
        return
    if context.args and context.args[0].startswith(links.PREFIX):
        await _open_linked_document(update, context, context.args[0][len(links.PREFIX) :])
        return
    library = service_of(context).library
    lines = [texts.START_HTML.format(documents=len(library.documents))]
    if library.examples:
        lines += [f"{n}. <i>{render.esc(q)}</i>" for n, q in enumerate(library.examples, 1)]
    else:
        lines.append(texts.START_NO_EXAMPLES_HTML)
    lines.append(texts.START_FOOTER_HTML)
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(f"❓ {render.truncate(q, 60)}", callback_data=cb.make(cb.EXAMPLE, n))]
            for n, q in enumerate(library.examples)
        ]
    )
    message = update.effective_message
    if message is None:
        return
    await send(context, message.chat.id, "\n".join(lines), keyboard, reply_to=reply_target(message))


async def _open_linked_document(update: Update, context: ContextTypes.DEFAULT_TYPE, key: str) -> None:
    """/start vb-98-KH-TU (a shared or printed link): the document's card and outline."""
    library = service_of(context).library
    message = update.effective_message
    if message is None:
        return
    doc = links.find_by_key(library, key)
    if doc is None:
        await send(context, message.chat.id, render.esc(texts.LINK_NOT_FOUND), reply_to=reply_target(message))
        return
    text, keyboard, _ = render.outline_page(library, doc, 0, link=document_link(context, library, doc))
    await send(context, message.chat.id, text, keyboard, reply_to=reply_target(message))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    await send(
        context,
        message.chat.id,
        texts.HELP_HTML.format(mention=render.esc(bot_mention(context))),
        reply_to=reply_target(message),
    )


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/hoi <câu hỏi>; a bare /hoi in reply to a member's message answers that message."""
    message = update.effective_message
    if message is None:
        return
    parts = (message.text or "").split(maxsplit=1)
    question = parts[1] if len(parts) > 1 else ""
    if context.bot.username:  # "/hoi @bot câu hỏi": the mention is not part of the question
        question = re.sub(rf"@{re.escape(context.bot.username)}\b", " ", question, flags=re.IGNORECASE)
    if await _answer_replied(update, context, question, message.reply_to_message):
        return
    if question.strip():
        await answer_question(update, context, question, reply_target(message))
        return
    if message.chat.type == ChatType.PRIVATE:
        await send(context, message.chat.id, render.esc(texts.ASK_PROMPT_PRIVATE))
    else:
        # A reply to this prompt reaches the bot even with privacy mode on.
        await context.bot.send_message(
            message.chat.id,
            render.esc(texts.ASK_PROMPT_GROUP),
            reply_parameters=ReplyParameters(message.message_id, allow_sending_without_reply=True),
            reply_markup=ForceReply(selective=True, input_field_placeholder=texts.ASK_PLACEHOLDER),
        )


async def documents_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    library = service_of(context).library
    text, keyboard, _ = render.list_page(library, 0)
    message = update.effective_message
    if message is None:
        return
    await send(context, message.chat.id, text, keyboard, reply_to=reply_target(message))


async def document_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/vb 98-KH/TU — a document's card and outline; several matches: a choice."""
    library = service_of(context).library
    message = update.effective_message
    if message is None:
        return
    parts = (message.text or "").split(maxsplit=1)
    query = parts[1].strip() if len(parts) > 1 else ""
    target = reply_target(message)
    if not query:
        example = render.example_number(library)
        await send(
            context,
            message.chat.id,
            texts.VB_USAGE_HTML.format(example=render.esc(render.truncate(example, 40))),
            reply_to=target,
        )
        return
    found = library.find_documents(query[:200])
    if not found:
        await send(
            context,
            message.chat.id,
            render.esc(texts.VB_NOT_FOUND.format(query=render.truncate(query, 60))),
            reply_to=target,
        )
    elif len(found) == 1:
        text, keyboard, _ = render.outline_page(library, found[0], 0, link=document_link(context, library, found[0]))
        await send(context, message.chat.id, text, keyboard, reply_to=target)
    else:
        text, keyboard = render.document_choice(library, found, query)
        await send(context, message.chat.id, text, keyboard, reply_to=target)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is None:
        return
    await send(context, update.effective_message.chat.id, render.esc(texts.UNKNOWN_COMMAND))


# --- buttons -------------------------------------------------------------------------------------------


async def old_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every button no other handler takes: from before a restart, or forged. A notice, never an error."""
    if update.callback_query:
        await update.callback_query.answer(texts.OLD_BUTTON)


async def noop_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Page counters and other buttons that only inform."""
    if update.callback_query:
        await update.callback_query.answer()


async def feedback_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """👍 / 👎 under an answer."""
    query, data = _pressed(update)
    if query is None or data is None:
        return
    query_id, value = data.args
    # Only the member who got the answer may vote on it; any other press (a forged button, an
    # old one) gets the same reply, so it learns nothing about which answers exist.
    stored = await service_of(context).add_feedback(query_id, query.from_user.id, 1 if value else -1)
    await query.answer(texts.THANKS_FEEDBACK if stored else texts.FEEDBACK_LOST)


async def page_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """◀ ▶ under an answer: another page of it, while its session lasts."""
    query, data = await _pressed_in_chat(update)
    if query is None or data is None:
        return
    service = service_of(context)
    sid, page = data.args
    session = service.sessions.get(sid)
    if session is None:
        await query.answer(texts.OLD_ANSWER, show_alert=True)
        return
    text, keyboard = await asyncio.to_thread(_answer_page, service, session, sid, page)
    await query.answer()
    await edit_or_send(query, context, text, keyboard)


async def list_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Another page of /vanban."""
    query, data = await _pressed_in_chat(update)
    if query is None or data is None:
        return
    text, keyboard, _ = render.list_page(service_of(context).library, data.arg(0))
    await query.answer()
    await edit_or_send(query, context, text, keyboard)


async def document_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """📄 a document's card and outline, as a new message (the answer it came from stays)."""
    pressed = await _pressed_document(update, context)
    if pressed is None:
        return
    query, _, library, doc = pressed
    text, keyboard, _ = render.outline_page(library, doc, 0, link=document_link(context, library, doc))
    await query.answer()
    await send(context, button_chat_id(query), text, keyboard, thread_id=button_thread_id(query))


async def outline_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Another page of a document's outline, in place."""
    pressed = await _pressed_document(update, context)
    if pressed is None:
        return
    query, data, library, doc = pressed
    text, keyboard, _ = render.outline_page(library, doc, data.arg(1), link=document_link(context, library, doc))
    await query.answer()
    await edit_or_send(query, context, text, keyboard)


_ANCHORS = {cb.SECTION: "around", cb.SECTION_FROM: "start", cb.SECTION_TO: "end"}


async def section_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """📖 the section around a passage (under answers, outlines and quizzes); reading on or back."""
    pressed = await _pressed_document(update, context)
    if pressed is None:
        return
    query, data, library, doc = pressed
    passage = library.passage_at(doc, data.arg(1))
    if passage is None:
        await query.answer(texts.OLD_DOCUMENT, show_alert=True)
        return
    view = render.section_view(library, passage, _ANCHORS[data.kind])
    await query.answer()
    for n, text in enumerate(view.messages):
        last = n == len(view.messages) - 1
        await send(
            context, button_chat_id(query), text, view.keyboard if last else None, thread_id=button_thread_id(query)
        )


async def example_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """❓ an example question of /start, asked as if typed."""
    query, data = await _pressed_in_chat(update)
    if query is None or data is None:
        return
    examples = service_of(context).library.examples
    n = data.arg(0)
    if n >= len(examples):
        await query.answer(texts.OLD_BUTTON)
        return
    await query.answer()
    await answer_question(update, context, examples[n], None)


def _pressed(update: Update) -> tuple[CallbackQuery | None, cb.Callback | None]:
    """The query and its data; app.py routes here only data that parses."""
    query = update.callback_query
    return (query, cb.parse(query.data)) if query else (None, None)


async def _pressed_in_chat(update: Update) -> tuple[CallbackQuery | None, cb.Callback | None]:
    """As `_pressed`, for buttons that show something in their chat: one on a message the bot can
    no longer see gets the old-button notice."""
    query, data = _pressed(update)
    if query is not None and query.message is None:
        await query.answer(texts.OLD_BUTTON)
        return None, None
    return query, data


async def _pressed_document(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> tuple[CallbackQuery, cb.Callback, Library, int] | None:
    """For buttons that name a document first: the document, or a notice that it has changed."""
    query, data = await _pressed_in_chat(update)
    if query is None or data is None:
        return None
    library = service_of(context).library
    doc = library.doc_by_ref(data.arg(0))
    if doc is None:
        await query.answer(texts.OLD_DOCUMENT, show_alert=True)
        return None
    return query, data, library, doc


# --- inline mode -------------------------------------------------------------------------------------


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """@bot <câu hỏi> in any chat: up to 10 cited passages; choosing one posts it with its citation."""
    query = update.inline_query
    if query is None:
        return
    question = clean_question(query.query).strip()
    service = service_of(context)
    if not _HAS_WORD.search(question):
        await query.answer(
            [], cache_time=300, button=InlineQueryResultsButton(texts.INLINE_EMPTY_BUTTON, start_parameter="help")
        )
        return
    library = service.library
    found = await service.search(question[: service.settings.search.max_question_chars], library)
    if not found.answered:
        await query.answer(
            [], cache_time=30, button=InlineQueryResultsButton(texts.INLINE_NOTHING_BUTTON, start_parameter="vanban")
        )
        return
    results = await asyncio.to_thread(_inline_results, library, found)
    # Short cache: after a reload the same question may find new passages.
    await query.answer(results, cache_time=30)


def _inline_results(library: Library, found) -> list[InlineQueryResultArticle]:
    results = []
    line = found.line
    for n, hit in enumerate(found.hits[:INLINE_RESULTS]):
        passage = hit.passage
        target = library.passage_ref(hit.index)
        title = document_name(passage.doc)
        label = section_label(passage)
        results.append(
            InlineQueryResultArticle(
                id=f"{target.doc}:{target.ordinal}",
                title=render.truncate(f"{title} — {label}" if label else title, 100),
                description=render.truncate(line.text if line and line.hit == n else quoted_text(passage), 200),
                input_message_content=InputTextMessageContent(render.fit(_inline_message(found, n))),
            )
        )
    return results


def _inline_message(found, n: int) -> str:
    """What choosing an inline result posts: the passage with its citation, under the answer line
    when the line is quoted from it."""
    block = render.hit_html(found.hits[n], found.question, found.words, spelled=found.spelled)
    if found.line and found.line.hit == n:
        return f"{render.answer_line_html(found)}\n\n{block}"
    return block


# --- errors ----------------------------------------------------------------------------------------------


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the traceback for us; tell the member only that something went wrong."""
    error = context.error
    if isinstance(error, BadRequest) and "not modified" in str(error).lower():
        return
    if update is None and isinstance(error, NetworkError):
        log.warning("network problem while polling Telegram: %s", error)
        return
    if error is not None and is_transient(error):
        # Already retried for telegram.send_retry_seconds: the server is down, and an apology
        # would not get through either (nor be true: nothing is wrong with the question).
        log.warning("Telegram unreachable while handling an update, gave up: %s", error)
        return
    log.error("error while handling an update", exc_info=error)
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query:
            await update.callback_query.answer(texts.ERROR, show_alert=True)
        elif update.effective_chat and update.effective_message:
            await context.bot.send_message(update.effective_chat.id, render.esc(texts.ERROR))
    except (Forbidden, TelegramError) as e:
        log.warning("could not tell the member about the error: %s", e)
