"""Walk the knowledge folder and turn each file into a Document, or into a reason it could not be read.

Admins drop files in by hand, so every failure is expected and explained in Vietnamese: one bad
file is skipped and reported, and never stops the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import yaml

from bot.knowledge.cleaning import clean
from bot.knowledge.document import Document, UnreadableFile
from bot.knowledge.metadata import split_header
from bot.knowledge.readers import convert, reader_of

# Files that belong in the folder but are not documents (the synonyms list, notes to admins).
IGNORED_SUFFIXES = {".yaml", ".yml", ".json", ".gitkeep"}
FRONT_MATTER_KEYS = ("title", "symbol", "type", "issuer", "issued", "published", "source", "status", "replaced_by")


def list_files(root: Path) -> list[Path]:
    """Every non-hidden file under root, in a stable order. "~$…" files are the locks Word leaves
    beside a document it has open, not documents."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and not p.name.startswith("~$")
    )


def relative_name(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def read_bytes(path: Path) -> bytes:
    reader_of(path.name)  # an unsupported format is refused before its bytes are read
    try:
        return path.read_bytes()
    except OSError as e:
        raise UnreadableFile(f"không mở được tệp ({e.strerror or e})") from e


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_document(rel: str, data: bytes, cache_dir: Path | None = None) -> Document:
    """A Document from a file's bytes; raises UnreadableFile with the reason."""
    return read_document(rel, data, cache_dir)[0]


def to_markdown(data: bytes, name: str, cache_dir: Path | None = None) -> str:
    """The Markdown the bot indexes for a file of any format; raises UnreadableFile with the reason."""
    return markdown_of(*read_document(name, data, cache_dir))


def markdown_of(document: Document, cleaned: str) -> str:
    """A document as a `.md` file: front matter with what was found (and how the file was read, as
    comments), then the cleaned text. Loading it back as a `.md` gives the same document."""
    fields = {"title": document.title, **{k: getattr(document, k) for k in FRONT_MATTER_KEYS[1:] if getattr(document, k)}}
    if document.tags:
        fields["tags"] = list(document.tags)
    lines = ["---", yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000).rstrip("\n")]
    lines += [f"# {note}" for note in document.notes]
    # Blank lines between lines: read back, no line is glued to the next as a hard-wrapped one.
    body = "\n\n".join(line for line in cleaned.split("\n") if line.strip())
    return "\n".join([*lines, "---", "", body, ""])


def read_document(rel: str, data: bytes, cache_dir: Path | None = None) -> tuple[Document, str]:
    """The Document and the cleaned text it came from (header included)."""
    converted = convert(data, rel, cache_dir)
    meta, body = _split_front_matter(converted.text)
    cleaned = clean(body)
    if not cleaned.strip():
        raise UnreadableFile("tệp rỗng hoặc không còn nội dung sau khi bỏ phần trang trí (banner, bảng)")
    header = split_header(cleaned.split("\n"))
    detected = {
        "title": header.title,
        "symbol": header.symbol,
        "type": header.type,
        "issuer": header.issuer,
        "issued": header.issued,
        "published": header.published,
    }
    fields = {k: v for k, v in detected.items() if v}
    fields.update({k: meta[k] for k in FRONT_MATTER_KEYS if meta.get(k) not in (None, "")})
    body_text = "\n".join(header.body).strip()
    if not body_text:
        raise UnreadableFile("chỉ có phần đầu văn bản, không có nội dung")
    tags = meta.get("tags") or []
    document = Document(
        path=rel,
        title=fields.pop("title", None) or Path(rel).stem,
        text=body_text,
        tags=tuple(str(t) for t in (tags if isinstance(tags, list) else [tags])),
        digest=digest(data),
        notes=converted.warnings,
        **fields,
    )
    return document, cleaned


def _split_front_matter(text: str) -> tuple[dict, str]:
    """YAML between a first line `---` and the next `---`; values normalised to strings."""
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise UnreadableFile("phần front matter mở bằng --- nhưng không có dòng --- đóng lại")
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as e:
        where = getattr(e, "problem_mark", None)
        line = f" ở dòng {where.line + 2}" if where else ""
        raise UnreadableFile(f"front matter YAML lỗi{line}: {getattr(e, 'problem', None) or e}") from e
    if not isinstance(meta, dict):
        raise UnreadableFile("front matter phải là các cặp khóa: giá trị (ví dụ title: …)")
    return {k: _as_text(v) if k != "tags" else v for k, v in meta.items()}, "\n".join(lines[end + 1 :])


def _as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value).strip()
