"""Files that admins add or remove through the bot: reading an upload, saving it, moving files to the trash.

No Telegram here: the chat layer (bot/telegram/upload.py) downloads, asks and reports.

Where things go, inside the knowledge folder:
- `tai-len/<name>.md` — the uploaded document as the bot indexes it: Markdown with front matter
  (what the metadata reader found), so an admin can open and correct it like any other file;
- `tai-len/.goc/<name>.<ext>` — the file as it was sent (.docx, .pdf…), kept for reference; the
  loader skips every path with a part starting with a dot, so it is never indexed twice;
- `tai-len/<name>.quiz.<ext>` — a quiz bank (bot.quiz.sheet's format), saved as it was sent;
- `.thung-rac/<YYYYMMDD-HHMMSS>/<path>` — files removed with /xoavb or replaced by an upload with
  the same number: moved, never deleted; copy one back to restore it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from bot.knowledge import chunker
from bot.knowledge.document import Document, Passage, UnreadableFile
from bot.knowledge.loader import UNTITLED_NOTE, markdown_of, parse_document, read_document
from bot.knowledge.replacement import normal_symbol, replaced_symbols
from bot.vietnamese import fold

UPLOAD_DIR = "tai-len"
ORIGINALS_DIR = ".goc"
TRASH_DIR = ".thung-rac"
TITLE_CHARS = 300  # a caption used as the title: Telegram allows 1,024 characters


@dataclass(frozen=True)
class Draft:
    """An uploaded file read and ready to save: what the preview shows and what ✅ writes."""

    name: str  # the file name as sent
    data: bytes  # the file as sent
    document: Document  # as the loader will read the saved Markdown
    markdown: str  # what is saved as tai-len/<stem>.md
    passages: list[Passage]
    warnings: tuple[str, ...]  # the reader's (e.g. OCR)
    replaces: tuple[str, ...]  # numbers of other documents this one says it replaces

    @property
    def stem(self) -> str:
        return file_stem(self.document, self.name)


def read_upload(data: bytes, name: str, cache_dir: Path | None = None, title: str = "") -> Draft:
    """Convert and parse an uploaded file; raises UnreadableFile with the reason. `title`, the
    caption the admin sent with the file, names the document instead of what its text gives.

    The Markdown saved is read back here exactly as tai-len/<stem>.md will be at the next reload,
    so the preview shows what members will get."""
    probe, cleaned = read_document(name, data, cache_dir)
    title = " ".join(title.split())[:TITLE_CHARS]
    if title:
        untitled = UNTITLED_NOTE.format(name=probe.title)
        probe = replace(probe, title=title, notes=tuple(n for n in probe.notes if n != untitled))
    markdown = markdown_of(probe, cleaned)
    document = parse_document(f"{UPLOAD_DIR}/{file_stem(probe, name)}.md", markdown.encode("utf-8"))
    passages = chunker.chunk(document)
    if not passages:
        raise UnreadableFile("không tách được đoạn văn nào có nội dung")
    return Draft(name, data, document, markdown, passages, probe.notes, tuple(replaced_symbols(document.text)))


def file_stem(document: Document, name: str) -> str:
    """A file name an admin can read and any file system accepts: from the number, else the name sent."""
    return _slug(document.symbol or PurePosixPath(name).stem) or "van-ban"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text.lower())).strip("-")[:80].strip("-")


def same_number(documents: list[Document], draft: Draft) -> list[Document]:
    """Documents of the folder with the upload's number: the ones it will replace."""
    number = normal_symbol(draft.document.symbol)
    return [d for d in documents if number and normal_symbol(d.symbol) == number]


def save(root: Path, draft: Draft, replacing: list[str], now: dt.datetime | None = None) -> tuple[str, Path | None]:
    """Write the upload into the folder, moving the files it replaces to the trash.

    Both files are first written under hidden names (which the loader skips), so that a full or
    read-only disk changes nothing. Returns (the saved file's path relative to root, the trash
    folder used or None)."""
    target = root / planned_path(root, draft, replacing)
    suffix = PurePosixPath(draft.name).suffix.lower() or ".bin"
    original = target.parent / ORIGINALS_DIR / f"{target.stem}{suffix}"
    staged = []
    try:
        staged.append((_stage(original, draft.data), original))
        staged.append((_stage(target, draft.markdown.encode("utf-8")), target))
        trash = move_to_trash(root, replacing, now) if replacing else None
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in staged:
        os.replace(tmp, final)
    return target.relative_to(root).as_posix(), trash


def bank_stem(name: str) -> str:
    """The name a quiz bank sent as `name` is saved under, before `.quiz.<ext>`."""
    return _slug(PurePosixPath(name).stem).removesuffix("-quiz") or "cau-hoi"


def bank_path(name: str) -> str:
    """Where `save_bank` puts a quiz bank sent as `name`: `tai-len/<name>.quiz.<ext>`."""
    return f"{UPLOAD_DIR}/{bank_stem(name)}.quiz{PurePosixPath(name).suffix.lower()}"


def banks_replaced(root: Path, name: str) -> list[str]:
    """The banks a bank sent as `name` replaces: those saved under its name, in any format (an admin
    sends the corrected file again; two copies would ask every question twice)."""
    folder = root / UPLOAD_DIR
    found = folder.glob(f"{glob_escape(bank_stem(name))}.quiz.*") if folder.is_dir() else []
    return sorted(f"{UPLOAD_DIR}/{p.name}" for p in found if p.is_file())


def save_bank(root: Path, name: str, data: bytes, now: dt.datetime | None = None) -> tuple[str, Path | None]:
    """Write a quiz bank as it was sent (the bank loader reads Word, Excel, PDF and text files), the
    banks it replaces moved to the trash; staged under a hidden name first, as `save` does.
    Returns (its path relative to root, the trash folder used or None)."""
    rel = bank_path(name)
    target = root / rel
    staged = _stage(target, data)
    try:
        replaced = banks_replaced(root, name)
        trash = move_to_trash(root, replaced, now) if replaced else None
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    os.replace(staged, target)
    return rel, trash


def planned_path(root: Path, draft: Draft, replacing: list[str]) -> str:
    """Where `save` will put the upload: its name, or the next free one when another file has it
    (a file it replaces does not count: that one goes to the trash first)."""
    own = f"{UPLOAD_DIR}/{draft.stem}.md"
    return own if own in replacing else f"{UPLOAD_DIR}/{_free_stem(root / UPLOAD_DIR, draft.stem)}.md"


def _free_stem(folder: Path, stem: str) -> str:
    candidate, n = stem, 1
    while (folder / f"{candidate}.md").exists():
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def _stage(path: Path, data: bytes) -> Path:
    """`data` written beside `path` under a hidden name, to be renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".", suffix=".tmp", delete=False) as f:
        f.write(data)
    return Path(f.name)


def move_to_trash(root: Path, paths: list[str], now: dt.datetime | None = None) -> Path:
    """Move files (paths relative to root) into `.thung-rac/<timestamp>/`, keeping their sub-folders;
    an uploaded file's original goes with it. Returns the trash folder."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    trash = root / TRASH_DIR / stamp
    n = 1
    while trash.exists():
        n += 1
        trash = root / TRASH_DIR / f"{stamp}-{n}"
    for rel in paths:
        source = _inside(root, rel)
        moves = [(source, trash / rel)]
        if PurePosixPath(rel).parent == PurePosixPath(UPLOAD_DIR):
            originals = root / UPLOAD_DIR / ORIGINALS_DIR
            for original in originals.glob(f"{glob_escape(source.stem)}.*") if originals.is_dir() else []:
                moves.append((original, trash / UPLOAD_DIR / ORIGINALS_DIR / original.name))
        for old, new in moves:
            new.parent.mkdir(parents=True, exist_ok=True)
            os.replace(old, new)
    return trash


def _inside(root: Path, rel: str) -> Path:
    path = (root / rel).resolve()
    if not path.is_relative_to(root.resolve()) or not path.is_file():
        raise FileNotFoundError(rel)
    return root / rel


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)
