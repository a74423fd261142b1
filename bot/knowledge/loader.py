"""Walk the knowledge folder and turn each file into a Document, or into a reason it could not be read.

Admins drop files in by hand, so every failure is expected and explained in Vietnamese: one bad
file is skipped and reported, and never stops the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from pathlib import Path

import yaml

from bot import safe_yaml
from bot.knowledge.cleaning import clean
from bot.knowledge.document import Document, UnreadableFile
from bot.knowledge.metadata import split_header
from bot.knowledge.paths import scan_folder
from bot.knowledge.readers import convert, reader_of

# Files that belong in the folder but are not documents (the synonyms list, notes to admins).
IGNORED_SUFFIXES = {".yaml", ".yml", ".json", ".gitkeep"}
QUIZ_MARK = ".quiz."  # "bo-cau-hoi.quiz.docx", "dieu-le.quiz.yaml": a quiz bank, not a document


def is_quiz_bank(name: str) -> bool:
    """Whether a file is a quiz bank (bot.quiz.bank reads it), whatever its format: never a document."""
    return QUIZ_MARK in name.rsplit("/", 1)[-1].lower()


FRONT_MATTER_KEYS = ("title", "symbol", "type", "issuer", "issued", "published", "source", "status", "replaced_by")
DATE_KEYS = ("issued", "published")
# Real front matter is a dozen short lines; anything longer is a mistake or an attack.
FRONT_MATTER_MAX_CHARS = 16_000
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def list_files(root: Path) -> list[Path]:
    """Every non-hidden file under root that is safe to read, in a stable order (the paths that
    are not, and why, come from paths.scan_folder)."""
    return scan_folder(root).files


def relative_name(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    reader_of(path.name)  # an unsupported format is refused before its bytes are read
    try:
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if max_bytes is not None and size > max_bytes:
                raise UnreadableFile(_too_big(size, max_bytes))
            data = f.read() if max_bytes is None else f.read(max_bytes + 1)
    except OSError as e:
        raise UnreadableFile(f"không mở được tệp ({e.strerror or e})") from e
    if max_bytes is not None and len(data) > max_bytes:  # it grew while being read
        raise UnreadableFile(_too_big(len(data), max_bytes))
    return data


def _too_big(size: int, limit: int) -> str:
    return (
        f"tệp quá lớn ({size / 1e6:.1f} MB, giới hạn {limit / 1e6:.0f} MB); hãy tách thành nhiều tệp "
        "hoặc tăng knowledge.max_file_mb trong cấu hình"
    )


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
    fields = {
        "title": document.title,
        **{k: getattr(document, k) for k in FRONT_MATTER_KEYS[1:] if getattr(document, k)},
    }
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
    raw, body = _split_front_matter(converted.text)
    meta, notes = _checked_fields(raw)
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
    title = fields.pop("title", "")
    if not title:
        title = _untitled_name(fields, rel)
        if title == Path(rel).stem:  # members would read "[1] so_tay_ha_noi_phan_2": the admin is told
            notes.append(UNTITLED_NOTE.format(name=title))
    document = Document(
        path=rel,
        title=title,
        text=body_text,
        tags=meta.get("tags", ()),
        digest=digest(data),
        notes=converted.warnings + tuple(notes),
        **fields,
    )
    return document, cleaned


UNTITLED_NOTE = (
    "không thấy tên văn bản trong tệp, đang dùng tên tệp «{name}» (đặt tên: dòng title: … ở phần thông tin"
    " đầu tệp, hoặc chú thích khi gửi tệp qua Telegram)"
)


def _untitled_name(fields: dict, rel: str) -> str:
    """A document whose text names no title: "Công văn 174/CV-BCĐ" when it has a number, else its
    file's name (which is what an admin sees in the folder)."""
    if fields.get("symbol"):
        return f"{fields.get('type') or 'Văn bản'} {fields['symbol']}"
    return Path(rel).stem


def _split_front_matter(text: str) -> tuple[dict, str]:
    """The YAML mapping between a first line `---` and the next `---`, and the text after it."""
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise UnreadableFile("phần front matter mở bằng --- nhưng không có dòng --- đóng lại")
    try:
        meta = safe_yaml.load("\n".join(lines[1:end]), FRONT_MATTER_MAX_CHARS, "front matter") or {}
    except safe_yaml.YamlRefused as e:
        raise UnreadableFile(f"front matter bị từ chối: {e}") from e
    except yaml.YAMLError as e:
        raise UnreadableFile(f"phần thông tin đầu tệp (front matter) sai, {safe_yaml.describe(e, 2)}") from e
    if not isinstance(meta, dict):
        raise UnreadableFile("front matter phải là các cặp khóa: giá trị (ví dụ title: …)")
    return meta, "\n".join(lines[end + 1 :])


def _checked_fields(meta: dict) -> tuple[dict, list[str]]:
    """Known front-matter fields as the Document wants them (strings, ISO dates, a tuple of tags),
    and a warning for each field of the wrong kind, which is then ignored rather than guessed at."""
    out: dict = {}
    notes: list[str] = []
    for key in (*FRONT_MATTER_KEYS, "tags"):
        value = meta.get(key)
        if value is None or value == "":
            continue
        if key == "tags":
            items = value if isinstance(value, list) else [value]
            if all(_is_scalar(t) for t in items):
                out[key] = tuple(str(t).strip() for t in items if str(t).strip())
                continue
            problem = "phải là một danh sách chữ, ví dụ [tuyên truyền, kết nạp]"
        elif key in DATE_KEYS:
            date = _as_date(value)
            if date:
                out[key] = date
                continue
            problem = "phải là ngày dạng 2023-05-10 hoặc 10/05/2023"
        elif _is_scalar(value):
            out[key] = str(value).strip()
            continue
        else:
            problem = "phải là chữ, không phải danh sách hay nhóm khóa"
        shown = " ".join(repr(value).split())
        shown = shown if len(shown) <= 60 else shown[:59] + "…"
        notes.append(f"front matter: {key} {problem} (đang là {shown}); đã bỏ qua trường này")
    return out, notes


def _is_scalar(value) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _as_date(value) -> str | None:
    """ISO date of a YAML date or a written one; None when it is not a real date."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    iso, vn = _ISO_DATE.match(text), _VN_DATE.match(text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        if vn:
            return dt.date(int(vn[3]), int(vn[2]), int(vn[1])).isoformat()
    except ValueError:
        return None
    return None
