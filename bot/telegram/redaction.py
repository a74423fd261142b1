"""Members' names and words never reach the log, at any level.

At DEBUG, python-telegram-bot logs every request and response: whole updates with the sender's
names and the text of their question, and the answers with the question in their header. The log
is read by whoever runs the server, and kept; statistics keep question text only for a while and
never names. So values of the fields that carry names or members' text are replaced in every
record, whatever logger wrote it: dict reprs ('text': '…'), JSON ("text": "…") and object reprs
(first_name='…').
"""

from __future__ import annotations

import re

HIDDEN = "<ẩn>"
_FIELDS = (
    "text|caption|first_name|last_name|username|query|title|bio|phone_number|description|"
    "message_text|question|address|email|vcard|name"
)
_VALUE = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_PATTERN = re.compile(rf"""(?P<key>(?P<q>['"])(?:{_FIELDS})(?P=q)\s*:\s*|\b(?:{_FIELDS})=){_VALUE}""")
_CHEAP = re.compile(rf"(?:{_FIELDS})")


def redact_members(text: str) -> str:
    if not _CHEAP.search(text):
        return text
    return _PATTERN.sub(lambda m: f"{m.group('key')}'{HIDDEN}'", text)
