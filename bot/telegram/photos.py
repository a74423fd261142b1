"""Questions sent as photos: a screenshot of a contest question, of a message, of a page.

Members study on phones, and the question they want answered is often on the screen already (an
online contest, a quiz a comrade posted, a message in another app); they screenshot it rather than
type it without marks. The photo is read with Tesseract's Vietnamese model (the reader scans use)
and the text read is asked as if typed; the answer's header shows what was read, so a misreading
is seen at once. The options of a contest question stay in the question: a passage that states
the right option shares its words (on the contest answer page of party_corpus, the answer line
held the right option for 17 of 23 questions asked with their options, 10 of 23 without).
"""

from __future__ import annotations

import asyncio
import logging
import re

from telegram import Message, PhotoSize
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.knowledge.document import UnreadableFile
from bot.knowledge.readers import image, ocr

log = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_SIDE = 2560  # Telegram's largest photo size
MAX_PIXELS = 12_000_000  # a 4K screenshot sent as a file is 8.3 million
_IMAGE_TYPES = ("image/jpeg", "image/png")
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
WORD = re.compile(r"[^\W\d_]{2,}")
# "Câu 7:", "Câu hỏi 3." — where a contest question starts below the app's bar
_QUESTION_START = re.compile(r"^(?:Câu|CÂU)(?:\s+(?:hỏi|HỎI))?\s*\d{1,3}\s*[.:)\-–]")


def image_of(message: Message) -> str | None:
    """The file id of the message's picture: the sharpest size of a photo, or a JPEG or PNG sent
    as a file (a screenshot sent uncompressed); None when it has none within the limits."""
    if message.photo:
        size = _largest(message.photo)
        return size.file_id if size else None
    document = message.document
    name = (document.file_name or "").lower() if document else ""
    if document and (document.mime_type in _IMAGE_TYPES or name.endswith(_IMAGE_SUFFIXES)):
        return document.file_id if (document.file_size or 0) <= MAX_PHOTO_BYTES else None
    return None


async def read(context: ContextTypes.DEFAULT_TYPE, file_id: str, slots: asyncio.Semaphore) -> list[str] | None:
    """The paragraphs of text in a picture; None when it cannot be fetched or read.
    `slots` bounds how many pictures are read at once: OCR takes a core for a second or two."""
    try:
        data = bytes(await (await context.bot.get_file(file_id)).download_as_bytearray())
    except TelegramError as e:
        log.warning("download of a photo failed: %s", e)
        return None
    async with slots:
        try:
            width, height = image.pixel_size(data)  # a file's picture can declare any size
            if width * height > MAX_PIXELS:
                return None
            return await asyncio.to_thread(ocr.read_photo, data)
        except UnreadableFile as e:
            log.info("a photo could not be read: %s", e)
            return None


def _largest(sizes: tuple[PhotoSize, ...]) -> PhotoSize | None:
    """The sharpest of the sizes Telegram keeps of a photo, within the limits."""
    fitting = [s for s in sizes if max(s.width, s.height) <= MAX_SIDE and (s.file_size or 0) <= MAX_PHOTO_BYTES]
    return max(fitting, key=lambda s: s.width * s.height, default=None)


def is_page(text: str, limit: int) -> bool:
    """Whether a photo's text is a page of a document rather than a question: longer than a
    question may be, or a third of that without a "?" (a contest question with its options is
    a few hundred characters)."""
    return len(text) > limit or (len(text) > limit // 3 and "?" not in text)


def question_in(paragraphs: list[str]) -> str:
    """The question a photo's paragraphs hold.

    A contest question runs from its "Câu N" to the end or the next question, options included,
    below the app's bar and title (of a page of questions, the first is asked: several asked as
    one would find none of them). Else the paragraphs that ask ("?"): a screenshot of a message has the sender's
    name, the time and the app's buttons around the message, and "Nguyễn Văn An Hôm qua lúc 20:15
    … Thích Trả lời" asked with the question found nothing. Else all of it, a paragraph a line.
    Paragraphs without a word are the phone's (a clock, "4G", a battery).
    """
    paragraphs = [" ".join(p.split()) for p in paragraphs if WORD.search(p)]
    starts = [i for i, p in enumerate(paragraphs) if _QUESTION_START.match(p)]
    if starts:
        return " ".join(paragraphs[starts[0] : starts[1] if len(starts) > 1 else None])
    asking = [p for p in paragraphs if "?" in p]
    return " ".join(asking) if asking else "\n".join(paragraphs)
