"""Study sessions: /quiz (native quiz polls from the documents and the admins' banks), /diem (who
answered how many correctly), /theodoi and /huytheodoi (news of new documents after a reload).

What a session needs to remember lives in one `StudyState` in `application.bot_data`: the quizzes
already asked in each chat (no repeats while the bot runs), the open polls (to score `poll_answer`
updates) and members' display names (shown by /diem, never written to disk: the store keeps only
hashes of chat and member ids).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputPollOption, Message, Poll, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.answer import document_name, format_date
from bot.library import Library
from bot.quiz.book import QuizBook
from bot.quiz.model import Quiz
from bot.store import LOCAL_TZ, Store
from bot.telegram import callbacks as cb
from bot.telegram import links, render, texts
from bot.telegram.replies import reply_target, send, service_of
from bot.telegram.service import ReloadReport

log = logging.getLogger(__name__)

MAX_OPEN_POLLS = 5000  # polls whose answers are still scored; the oldest are forgotten first
MAX_SCORES_SHOWN = 10
MAX_NEWS_DOCUMENTS = 15  # one announcement message lists at most this many new documents


@dataclass
class OpenPoll:
    chat_id: int
    correct: int


@dataclass
class StudyState:
    started: float = field(default_factory=time.time)
    asked: dict[int, set[str]] = field(default_factory=dict)  # chat id → quiz keys asked
    polls: OrderedDict[str, OpenPoll] = field(default_factory=OrderedDict)
    names: dict[str, str] = field(default_factory=dict)  # member hash → display name, memory only
    warming: asyncio.Task | None = None

    async def book(self, library: Library) -> QuizBook:
        """The library's quiz book, built once per library in a worker thread."""
        return await asyncio.to_thread(library.quiz_book)

    def remember_poll(self, poll_id: str, poll: OpenPoll) -> None:
        self.polls[poll_id] = poll
        while len(self.polls) > MAX_OPEN_POLLS:
            self.polls.popitem(last=False)


def warm_up(application, library: Library | None) -> None:
    """Build the quiz book in the background after a load, so the first /quiz does not wait for it
    (a few seconds for a few hundred documents)."""
    if library is not None:
        state = application.bot_data.setdefault("study", StudyState())
        state.warming = asyncio.get_running_loop().create_task(
            asyncio.to_thread(library.quiz_book)
        )  # a reference keeps it alive


def study_of(context: ContextTypes.DEFAULT_TYPE) -> StudyState:
    return context.bot_data.setdefault("study", StudyState())


def _store(context: ContextTypes.DEFAULT_TYPE) -> Store | None:
    """Where quiz answers and subscriptions are kept; None while the database cannot be written
    (the bot then still asks quizzes and answers, but counts and remembers nothing)."""
    store = service_of(context).store
    return store if isinstance(store, Store) else None


def thread_of(message: Message | None) -> int | None:
    """The forum topic a message was written in: replies stay there."""
    return message.message_thread_id if message is not None and message.is_topic_message else None


def _argument(message: Message) -> str:
    parts = (message.text or "").split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


# --- /quiz ------------------------------------------------------------------------------------------


async def quiz_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/quiz, or /quiz 98-KH/TU: a quiz poll from the documents (or the one named), not asked before
    in this chat."""
    message = update.effective_message
    if message is None:
        return
    service = service_of(context)
    library = service.library
    study = study_of(context)
    chat = message.chat
    thread = thread_of(message)
    reply_to = reply_target(message)
    query = _argument(message)
    if context.bot.username:
        query = query.replace(f"@{context.bot.username}", "").strip()
    docs = None
    banks = set(library.quiz_bank.named(query)) if query else set()
    if query and not banks:
        found = library.find_documents(query[:200])
        if not found:
            await send(
                context,
                chat.id,
                render.esc(texts.QUIZ_NO_DOCUMENT.format(query=render.truncate(query, 60))),
                reply_to=reply_to,
            )
            return
        docs = set(found)
    asked = study.asked.setdefault(chat.id, set())
    if banks:  # "/quiz bộ câu hỏi tuần 1": only that bank's questions
        left = [q for q in library.quiz_bank.quizzes if q.bank_path in banks and q.key not in asked]
        quiz = random.choice(left) if left else None
    else:
        book = await study.book(library)
        quiz = book.next(asked, docs, random.Random())
    if quiz is None:
        text = texts.QUIZ_ALL_ASKED if asked else texts.QUIZ_NONE
        await send(context, chat.id, render.esc(text), reply_to=reply_to)
        return
    asked.add(quiz.key)
    sent = await context.bot.send_poll(
        chat.id,
        quiz.question,
        [InputPollOption(option, text_parse_mode=None) for option in quiz.options],
        is_anonymous=False,  # answers are counted by /diem
        type=Poll.QUIZ,
        correct_option_ids=[quiz.correct],  # type: ignore[list-item]  # PTB types an index as Literal[0..11]
        explanation=render.esc(quiz.explanation) or None,
        question_parse_mode=None,  # the question is plain text
        message_thread_id=thread,
        reply_markup=_quiz_keyboard(library, quiz),
    )
    if sent.poll:
        study.remember_poll(sent.poll.id, OpenPoll(chat.id, quiz.correct))


def _quiz_keyboard(library: Library, quiz: Quiz) -> InlineKeyboardMarkup | None:
    """📖 the whole section the answer is quoted from; for a bank question, the document it names."""
    if quiz.passage_index is not None:
        target = library.passage_ref(quiz.passage_index)
        data = cb.make(cb.SECTION, target.doc, target.ordinal)
        return InlineKeyboardMarkup([[InlineKeyboardButton(texts.BUTTON_QUIZ_SECTION, callback_data=data)]])
    docs = library.quiz_book().bank_docs.get(quiz.key) if quiz.bank_path else None
    if docs:
        doc = min(docs)
        name = render.truncate(document_name(library.documents[doc]), 40)
        return InlineKeyboardMarkup(
            [[InlineKeyboardButton(f"📄 {name}", callback_data=cb.make(cb.DOCUMENT, library.refs[doc]))]]
        )
    return None


async def poll_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A member answered one of our quizzes: count it for /diem."""
    answer = update.poll_answer
    if answer is None:
        return
    study = study_of(context)
    poll = study.polls.get(answer.poll_id)
    if poll is None or answer.user is None:  # a poll from before a restart, or an anonymous voter
        return
    store = _store(context)
    if store is None:
        return
    correct = (poll.correct in answer.option_ids) if answer.option_ids else None
    store.record_quiz_answer(answer.poll_id, poll.chat_id, answer.user.id, correct)
    study.names[store.user_hash(answer.user.id)] = answer.user.full_name


# --- /diem ------------------------------------------------------------------------------------------


async def score_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/diem: correct answers per member in this chat, today and since the bot started."""
    message = update.effective_message
    if message is None:
        return
    store = _store(context)
    study = study_of(context)
    now = time.time()
    midnight = dt.datetime.fromtimestamp(now, LOCAL_TZ).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
    since = max(midnight, study.started)
    lines = [texts.SCORE_HEADER_HTML.format(since=dt.datetime.fromtimestamp(since, LOCAL_TZ).strftime("%H:%M %d/%m"))]
    scores = store.quiz_scores(message.chat.id, since) if store else []
    if not scores:
        lines.append(render.esc(texts.SCORE_EMPTY))
    for n, (member, correct, answered) in enumerate(scores[:MAX_SCORES_SHOWN], 1):
        name = study.names.get(member) or texts.SCORE_UNKNOWN_MEMBER
        lines.append(
            texts.SCORE_LINE_HTML.format(
                n=n, name=render.esc(render.truncate(name, 40)), correct=correct, answered=answered
            )
        )
    if len(scores) > MAX_SCORES_SHOWN:
        lines.append(render.esc(texts.SCORE_MORE.format(count=len(scores) - MAX_SCORES_SHOWN)))
    lines.append(texts.SCORE_FOOTER_HTML)
    reply_to = reply_target(message)
    await send(context, message.chat.id, "\n".join(lines), reply_to=reply_to)


# --- /theodoi, /huytheodoi ------------------------------------------------------------------------


async def _may_manage(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Anyone in a private chat; in a group, its administrators and the bot's admins."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return False
    if chat.type == ChatType.PRIVATE or service_of(context).is_admin(user.id if user else None):
        return True
    if user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as e:
        log.warning("could not check a group member's status: %s", e)
        return False
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def subscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _subscription(update, context, subscribe=True)


async def unsubscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _subscription(update, context, subscribe=False)


async def _subscription(update: Update, context: ContextTypes.DEFAULT_TYPE, subscribe: bool) -> None:
    message = update.effective_message
    if message is None:
        return
    reply_to = reply_target(message)
    if not await _may_manage(update, context):
        await send(context, message.chat.id, render.esc(texts.SUBSCRIBE_ADMINS_ONLY), reply_to=reply_to)
        return
    store = _store(context)
    if store is None:
        await send(context, message.chat.id, render.esc(texts.SUBSCRIBE_UNAVAILABLE), reply_to=reply_to)
        return
    if subscribe:
        text = texts.SUBSCRIBED if store.subscribe(message.chat.id) else texts.SUBSCRIBED_ALREADY
    else:
        text = texts.UNSUBSCRIBED if store.unsubscribe(message.chat.id) else texts.UNSUBSCRIBED_ALREADY
    await send(context, message.chat.id, render.esc(text), reply_to=reply_to)


def news_html(library: Library, docs: list[int], bot_username: str | None) -> str:
    """One message: each new document's card line (type, number, date, title) and its 🔗 link."""
    lines = [texts.NEWS_HEADER_HTML.format(count=len(docs))]
    for doc_index in docs[:MAX_NEWS_DOCUMENTS]:
        doc = library.documents[doc_index]
        date = texts.NEWS_DATE.format(date=format_date(doc.issued)) if doc.issued else ""
        lines.append("")
        lines.append(f"📄 <b>{render.esc(render.truncate(document_name(doc), 120))}</b>{render.esc(date)}")
        if doc.symbol and doc.title:
            lines.append(f"<i>{render.esc(render.truncate(doc.title, 200))}</i>")
        link = links.document_link(bot_username, library, doc_index)
        if link:
            lines.append(f"🔗 {render.esc(link)}")
    if len(docs) > MAX_NEWS_DOCUMENTS:
        lines.append("")
        lines.append(render.esc(texts.NEWS_MORE.format(count=len(docs) - MAX_NEWS_DOCUMENTS)))
    lines.append("")
    lines.append(texts.NEWS_FOOTER_HTML)
    return render.pack(lines, render.MAX_LEN)[0]


async def announce_new_documents(context: ContextTypes.DEFAULT_TYPE, report: ReloadReport) -> int:
    """After a reload that added documents: one message to every subscribed chat. A chat that
    blocked the bot or removed it is dropped. Returns how many chats were told."""
    if not report.ok or report.after is None:
        return 0
    added = set(report.changes()[0])
    library = report.after
    docs = [i for i in library.ordered if library.documents[i].path in added]
    if not docs:
        return 0
    store = _store(context)
    if store is None:
        return 0
    text = news_html(library, docs, context.bot.username)
    told = 0
    for chat_id in store.subscribers():
        try:
            await context.bot.send_message(chat_id, text)
            told += 1
        except Forbidden:
            log.info("a subscribed chat blocked the bot or removed it: unsubscribed")
            store.unsubscribe(chat_id)
        except TelegramError as e:
            log.warning("could not announce new documents to one chat: %s", e)
    return told
