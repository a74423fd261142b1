"""Word 97 `.doc` (and the RTF or web page that old systems save under that name), `.rtf`, and
OpenDocument `.odt` (what LibreOffice and the state's ODF standard save): converted to .docx by
LibreOffice headless, then read by the .docx reader, so numbering, tables and legacy fonts are
handled once.

Each conversion gets its own LibreOffice profile in a temporary folder: two conversions at once
(index workers, an upload during a reload) would otherwise fight over one profile's lock and the
second would silently produce nothing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from bot.knowledge.document import UnreadableFile
from bot.knowledge.readers import Converted

TIMEOUT_SECONDS = 180  # a first start creates the profile (~5 s); a long document takes a while more
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read(data: bytes, name: str) -> Converted:
    from bot.knowledge.readers import word

    if data.startswith(b"PK\x03\x04") and not opendocument(data):
        return word.read(data, name)  # a .docx saved under a .doc name
    if not data.strip():
        raise UnreadableFile("tệp rỗng")
    if data.startswith(OLE_MAGIC) and "EncryptedPackage".encode("utf-16-le") in data:
        raise UnreadableFile("tệp Word được đặt mật khẩu (mã hóa); hãy gỡ mật khẩu rồi lưu lại")
    return word.read(to_docx(data, import_filter(data)), name)


def import_filter(data: bytes) -> str:
    """LibreOffice's import filter for what the bytes are. Naming it keeps LibreOffice from
    falling back to reading a damaged file as plain text, which would index garbage."""
    head = data[:1024].lstrip().lower()
    if opendocument(data):
        return "writer8"
    if data.startswith(OLE_MAGIC):
        if "WordDocument".encode("utf-16-le") not in data:
            raise UnreadableFile("tệp .doc này không phải văn bản Word (có thể là Excel, PowerPoint hoặc tệp hỏng)")
        return "MS Word 97"
    if head.startswith(b"{\\rtf"):
        return "Rich Text Format"
    if b"<html" in head or b"<!doctype html" in head:
        return "HTML (StarWriter)"
    raise UnreadableFile("không phải tệp Word .doc, .rtf hay .odt (không nhận ra định dạng)")


def opendocument(data: bytes, kind: str = "text") -> bool:
    """Whether the bytes are an OpenDocument of that kind ("text", "presentation"): a zip whose first
    entry, stored as is, is its "mimetype" (the standard puts it there so that a program can tell
    without unzipping)."""
    mime = f"application/vnd.oasis.opendocument.{kind}".encode()
    return data.startswith(b"PK\x03\x04") and data[30:38] == b"mimetype" and mime in data[38:120]


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(data: bytes, infilter: str) -> bytes:
    """The same document as .docx bytes, by LibreOffice; UnreadableFile when that fails."""
    return libreoffice(
        data,
        infilter,
        "docx:MS Word 2007 XML",
        missing="không đọc được tệp .doc, .rtf, .odt vì máy chủ chưa cài LibreOffice (gói libreoffice-writer-nogui); "
        "hãy cài LibreOffice, hoặc mở tệp bằng Word và lưu thành .docx",
        failed="LibreOffice không chuyển được tệp này (tệp hỏng, có mật khẩu, hoặc không phải văn bản Word)",
    )


def libreoffice(data: bytes, infilter: str, export: str, missing: str, failed: str) -> bytes:
    """The file converted by LibreOffice headless to `export` ("docx:MS Word 2007 XML"), as bytes;
    UnreadableFile with `missing` when LibreOffice is not installed, `failed` when it makes nothing."""
    program = soffice()
    if program is None:
        raise UnreadableFile(missing)
    suffix = export.split(":", 1)[0]
    with tempfile.TemporaryDirectory(prefix="nghiquyet-doc-") as tmp:
        folder = Path(tmp)
        source = folder / "vanban.bin"
        source.write_bytes(data)
        out = folder / "out"
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            f"--infilter={infilter}",
            "--convert-to", export,
            "--outdir", str(out),
            str(source),
        ]  # fmt: skip
        _run(command, folder)
        result = out / f"vanban.{suffix}"
        if not result.is_file() or result.stat().st_size == 0:
            raise UnreadableFile(failed)
        return result.read_bytes()


def _run(command: list[str], cwd: Path) -> None:
    """Run LibreOffice in its own process group, so that a timeout ends all of its processes."""
    env = {**os.environ, "HOME": str(cwd)}  # a read-only or shared home must not matter
    try:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    except OSError as e:
        raise UnreadableFile(f"không chạy được LibreOffice ({e})") from e
    try:
        process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as e:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise UnreadableFile(f"LibreOffice chuyển tệp quá {TIMEOUT_SECONDS} giây, đã dừng") from e
