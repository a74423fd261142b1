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


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # Vietnamese thousands separator
