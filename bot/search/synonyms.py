"""Members' words → documents' words: abbreviations ("ĐV", "TCCSĐ") and groups of synonyms.

The common Party vocabulary ships with the bot (`bot/search/tu-dong-nghia.yaml`); a knowledge
folder's own `tu-dong-nghia.yaml`, which admins edit, adds to it and overrides its abbreviations, so
an upgrade brings new common entries without touching an admin's. Abbreviations are replaced in the
question; synonyms add the group's other phrasings as extra, lighter search terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from bot import safe_yaml
from bot.knowledge.document import SkippedFile
from bot.knowledge.symbols import find_symbols
from bot.vietnamese import fold, is_syllable, normalize, one_spelling, typed_with_marks

SYNONYMS_FILE = "tu-dong-nghia.yaml"
MAX_CHARS = 1_000_000  # a list of thousands of entries; more is a mistake
BUILT_IN = Path(__file__).with_name(SYNONYMS_FILE)

_TOKEN = re.compile(r"[đĐ]/[cC](?!\w)|[\w&.\-]+", re.UNICODE)  # "đ/c" (đồng chí) is one token
# A letter after these is an item of a list ("điểm k", "khoản a"), not chat shorthand ("k": "không").
_ITEM = re.compile(r"(?:diem|tiet|khoan|muc)\s*$")


class SynonymsError(Exception):
    """The synonyms file cannot be used; the message is for admins."""


@dataclass(frozen=True)
class Expansion:
    """A question with abbreviations spelled out, and other phrasings to search for lightly."""

    text: str
    # each phrase of the list the question says, with the other phrasings of its group
    said: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def alternatives(self) -> tuple[str, ...]:
        """The other phrasings to search for, each once, in the list's order."""
        return tuple(dict.fromkeys(p for _, others in self.said for p in others))


@dataclass(frozen=True)
class Synonyms:
    abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # folded lower key → meanings
    groups: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def load(cls, path: Path) -> Synonyms:
        try:
            data = safe_yaml.load(_read_text(path), MAX_CHARS, "tệp") or {}
        except (OSError, UnicodeDecodeError) as e:
            raise SynonymsError(f"không đọc được tệp: {e}") from e
        except safe_yaml.YamlRefused as e:
            raise SynonymsError(str(e)) from e
        except yaml.YAMLError as e:
            raise SynonymsError(f"YAML sai, {safe_yaml.describe(e)}") from e
        if not isinstance(data, dict):
            raise SynonymsError("tệp phải có hai mục abbreviations: và synonyms:")
        if not isinstance(data.get("abbreviations") or {}, dict) or not isinstance(data.get("synonyms") or [], list):
            raise SynonymsError("abbreviations: phải là các cặp viết tắt: nghĩa; synonyms: phải là danh sách nhóm")
        abbreviations = {}
        for short, meaning in (data.get("abbreviations") or {}).items():
            meanings = meaning if isinstance(meaning, list) else [meaning]
            if not short or not all(isinstance(m, str) and m.strip() for m in meanings):
                raise SynonymsError(f"viết tắt {short!r} phải có nghĩa là chữ (hoặc danh sách chữ)")
            abbreviations[_key(str(short))] = tuple(normalize(m.strip()) for m in meanings)
        groups = []
        for group in data.get("synonyms") or []:
            if not isinstance(group, list) or len(group) < 2:
                raise SynonymsError(f"nhóm đồng nghĩa {group!r} phải là danh sách từ hai cách nói trở lên")
            groups.append(tuple(normalize(str(p).strip()) for p in group))
        return cls(abbreviations, tuple(groups))

    def extended_by(self, local: Synonyms) -> Synonyms:
        """This list with a folder's additions; the folder's meaning of an abbreviation wins."""
        return Synonyms({**self.abbreviations, **local.abbreviations}, self.groups + local.groups)

    def expand(self, question: str) -> Expansion:
        text = self._spell_out(question)
        # A question typed with marks is matched with them: folded, "trường hợp" would contain
        # "họp" and "quyết định kỷ luật" "định kỳ".
        marked = typed_with_marks(normalize(question))
        spoken = f" {spoken_words(text, marked)} "
        said: list[tuple[str, tuple[str, ...]]] = []
        for group, keys in zip(self.groups, self._group_keys(marked)):
            present = [p for p, key in zip(group, keys) if _said(key, spoken, self._all_keys(marked))]
            if present:
                others = tuple(p for p in group if p not in present)
                said += [(p, others) for p in present]
        return Expansion(text, tuple(said))

    def _all_keys(self, marked: bool) -> frozenset[str]:
        return self._all_marked_keys if marked else self._all_folded_keys

    @cached_property
    def _all_marked_keys(self) -> frozenset[str]:
        return frozenset(k for keys in self._marked_keys for k in keys)

    @cached_property
    def _all_folded_keys(self) -> frozenset[str]:
        return frozenset(k for keys in self._folded_keys for k in keys)

    def _group_keys(self, marked: bool) -> list[list[str]]:
        return self._marked_keys if marked else self._folded_keys

    @cached_property
    def _marked_keys(self) -> list[list[str]]:
        """Each phrase as it appears in a question typed with marks (" đảng viên "), computed once."""
        return [[f" {spoken_words(p, True)} " for p in group] for group in self.groups]

    @cached_property
    def _folded_keys(self) -> list[list[str]]:
        """Each phrase as it appears in a question typed without marks (" dang vien ")."""
        return [[f" {spoken_words(p, False)} " for p in group] for group in self.groups]

    def _spell_out(self, question: str) -> str:
        """Replace abbreviations by their first meaning; other meanings go after the question."""
        extra: list[str] = []

        question = normalize(question)
        numbers = [(start, end) for start, end, _ in find_symbols(question)]  # "21-NQ/TW" keeps its "TW"

        def replace(m: re.Match) -> str:
            token = m.group(0)
            if any(start <= m.start() < end for start, end in numbers):
                return token
            meanings = self.abbreviations.get(_key(token.strip(".-")))
            if not meanings or not _looks_abbreviated(token.strip(".-")):
                return token
            if len(token) == 1 and _ITEM.search(fold(question[max(0, m.start() - 8) : m.start()].lower())):
                return token
            extra.extend(meanings[1:])
            return meanings[0]

        text = _TOKEN.sub(replace, question)
        return " ".join([text, *extra]) if extra else text


def load_for_folder(folder: Path) -> tuple[Synonyms, SkippedFile | None]:
    """The built-in list extended by the folder's own, and the folder's file with the reason it was
    not read, to report to admins (a broken folder file leaves the built-in list in force)."""
    built_in = Synonyms.load(BUILT_IN)
    path = folder / SYNONYMS_FILE
    if not path.exists():
        return built_in, None
    if not path.resolve().is_relative_to(Path(folder).resolve()):
        return built_in, SkippedFile(SYNONYMS_FILE, "liên kết (symlink) trỏ ra ngoài thư mục văn bản; không đọc")
    try:
        return built_in.extended_by(Synonyms.load(path)), None
    except SynonymsError as e:
        return built_in, SkippedFile(SYNONYMS_FILE, str(e))


def _read_text(path: Path) -> str:
    """The file's text, reading no more than the cap allows (a huge file is refused, not loaded)."""
    with path.open("rb") as f:
        data = f.read(MAX_CHARS * 4 + 1)
    return data.decode("utf-8")


_NEGATIONS = frozenset({"không", "khong", "chưa", "chua"})


def _said(key: str, spoken: str, phrases: frozenset[str]) -> bool:
    """Whether the phrase `key` (" đồng ý ") is in `spoken` other than negated by a phrase of the
    list: "không đồng ý" has synonyms of its own ("không nhất trí"), and is not also "đồng ý"."""
    at = spoken.find(key)
    while at != -1:
        start = spoken.rfind(" ", 0, at)
        negated = spoken[start + 1 : at] in _NEGATIONS and spoken[start : at + len(key)] in phrases
        if not negated:
            return True
        at = spoken.find(key, at + 1)
    return False


def _key(token: str) -> str:
    return fold(normalize(token)).lower()


def _looks_abbreviated(token: str) -> bool:
    """ "ĐV", "TCCSĐ", "ThU" always; lower case only when it cannot be a Vietnamese syllable ("dv", not "tu")."""
    if sum(c.isupper() for c in token) >= 2:
        return True
    return not is_syllable(token)


def spoken_words(text: str, marked: bool = False) -> str:
    """The text as the thesaurus matches it: words in one spelling, folded unless `marked`."""
    text = one_spelling(normalize(text).lower())
    return " ".join(re.findall(r"\w+", text if marked else fold(text)))
