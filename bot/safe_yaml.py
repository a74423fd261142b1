"""The one way the bot reads YAML written by people: front matter, the synonyms list, the config file.

PyYAML's safe loader still expands anchors and aliases, and a few hundred bytes of nested aliases
("billion laughs") become gigabytes once the loader or our code walks them. None of these files
needs anchors, so they are refused outright; the text is also capped in size before parsing, and
nesting too deep for the parser's recursion is refused instead of crashing.
"""

from __future__ import annotations

import yaml
from yaml.composer import ComposerError
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent


class YamlRefused(yaml.YAMLError):
    """YAML we will not read; the message is for admins, in Vietnamese."""


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that stops at the first anchor (&a) or alias (*a) instead of expanding it."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or (isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor):
            line = event.start_mark.line + 1 if event.start_mark else "?"
            raise YamlRefused(f"dòng {line}: không dùng neo/bí danh YAML (&… và *…); hãy viết giá trị trực tiếp")
        return super().compose_node(parent, index)


def load(text: str, max_chars: int, what: str = "YAML") -> object:
    """The data of a YAML text; raises YamlRefused (too long, anchors, too deeply nested) or
    yaml.YAMLError (a syntax error, with its mark)."""
    if len(text) > max_chars:
        raise YamlRefused(f"{what} dài {_number(len(text))} ký tự, quá giới hạn {_number(max_chars)}")
    try:
        return yaml.load(text, Loader=_NoAliasLoader)  # a SafeLoader subclass: no arbitrary objects
    except RecursionError as e:
        raise YamlRefused(f"{what} lồng nhau quá sâu") from e
    except ComposerError as e:  # e.g. an alias to an undefined anchor, reported before our check
        raise YamlRefused(f"{what}: {e.problem or e}") from e


# PyYAML's problems in words an admin can act on (its own text is English and names parser states).
_PROBLEMS = (
    ("expected ',' or ']'", "thiếu dấu ] đóng danh sách mở bằng ["),
    ("expected ',' or '}'", "thiếu dấu } đóng phần mở bằng {"),
    (
        "mapping values are not allowed",
        'dấu hai chấm ở giữa giá trị, hoặc dòng thụt lề thừa; giá trị có ": " thì đặt trong ngoặc kép',
    ),
    (
        "that cannot start any token",
        "ký tự không được đứng ở đầu (dấu tab, @, `); thụt lề bằng dấu cách, giá trị đặt trong ngoặc kép",
    ),
    ("could not find expected ':'", "thiếu dấu hai chấm sau tên mục (ví dụ title: …)"),
    ("unexpected end of stream", "thiếu dấu ngoặc kép đóng"),
    ("unknown escape character", "dấu \\ trong ngoặc kép; dùng ngoặc đơn '…' hoặc viết \\\\"),
    ("expected <block end>", "thụt lề không đều"),
    ("did not find expected key", "thụt lề không đều"),
    ("did not find expected '-'", "thụt lề không đều trong danh sách"),
)


def describe(error: yaml.YAMLError, first_line: int = 1) -> str:
    """A syntax error as an admin reads it: "dòng 2: thiếu dấu ] đóng danh sách mở bằng [", with
    the line counted from `first_line` (front matter starts under its "---")."""
    if isinstance(error, YamlRefused):
        return str(error)
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    said = next((words for key, words in _PROBLEMS if key in problem), None)
    where = f"dòng {mark.line + first_line}: " if mark else ""
    return where + (said or f"sai cú pháp YAML ({problem})")


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # Vietnamese thousands separator
