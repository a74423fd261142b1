"""Callback data of inline buttons: short strings (Telegram allows 64 bytes) that name what to show.

app.py routes each kind to its own handler with `CallbackQueryHandler(pattern=matches(kind, …))`;
whatever matches no handler (an old or forged button) reaches one fallback that says so.

Documents and passages are named by references that survive a reload (see bot.library); answers
to a question by a session id kept on the server (see state.py). Whatever a button carries, an old
or unknown one must lead to a polite message, never an error: `parse` returns None for anything
it does not recognise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from telegram.constants import InlineKeyboardButtonLimit

PAGE = "p"  # p:<session>:<page>         another page of an answer
FEEDBACK = "f"  # f:<query id>:<1|0>       👍 / 👎
SECTION = "s"  # s:<doc ref>:<n>           the section (context) around the n-th passage of a document
SECTION_FROM = "sn"  # sn:<doc ref>:<n>      reading on: a long section from the n-th passage
SECTION_TO = "sp"  # sp:<doc ref>:<n>        reading back: a long section up to the n-th passage
DOCUMENT = "d"  # d:<doc ref>              document card with outline, first page
OUTLINE = "o"  # o:<doc ref>:<page>        another page of a document's outline
LIST = "l"  # l:<page>                     the document list
EXAMPLE = "x"  # x:<n>                      ask the n-th example question of /start
NOOP = "n"  # page counters and other buttons that only inform
UPLOAD = "u"  # u:<upload id>:<0|1|2>      admins: drop an uploaded file (0), save it (1), as a quiz bank (2)
REMOVE_PICK = "rp"  # rp:<doc ref>          admins: /xoavb, this one of several matches
REMOVE = "r"  # r:<doc ref>                admins: /xoavb confirmed, move the file to the trash
REMOVE_CANCEL = "rc"  # rc                 admins: /xoavb cancelled
REMOVE_BANK = "rb"  # rb:<bank ref>         admins: /xoavb confirmed for a quiz bank

_ARITY = {
    PAGE: 2,
    FEEDBACK: 2,
    SECTION: 2,
    SECTION_FROM: 2,
    SECTION_TO: 2,
    DOCUMENT: 1,
    OUTLINE: 2,
    LIST: 1,
    EXAMPLE: 1,
    NOOP: 0,
    UPLOAD: 2,
    REMOVE_PICK: 1,
    REMOVE: 1,
    REMOVE_CANCEL: 0,
    REMOVE_BANK: 1,
}
_INT_ARGS = {
    PAGE: (1,),
    FEEDBACK: (0, 1),
    SECTION: (1,),
    SECTION_FROM: (1,),
    SECTION_TO: (1,),
    OUTLINE: (1,),
    LIST: (0,),
    EXAMPLE: (0,),
    UPLOAD: (1,),
}


@dataclass(frozen=True)
class Callback:
    kind: str
    args: tuple

    def arg(self, n: int):
        return self.args[n]


def make(kind: str, *args: object) -> str:
    data = ":".join([kind, *(str(a) for a in args)])
    limit = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
    if len(data.encode()) > limit:
        raise ValueError(f"callback data over {limit} bytes: {data!r}")
    return data


def matches(*kinds: str) -> Callable[[object], bool]:
    """A `CallbackQueryHandler` pattern: well-formed data of one of these kinds."""

    def match(data: object) -> bool:
        parsed = parse(data) if isinstance(data, str) else None
        return parsed is not None and parsed.kind in kinds

    return match


def parse(data: str | None) -> Callback | None:
    if not data:
        return None
    kind, *args = data.split(":")
    if kind not in _ARITY or len(args) != _ARITY[kind]:
        return None
    values: list = list(args)
    try:
        for i in _INT_ARGS.get(kind, ()):
            values[i] = int(values[i])
    except ValueError:
        return None
    if any(isinstance(v, int) and v < 0 for v in values):
        return None
    return Callback(kind, tuple(values))
