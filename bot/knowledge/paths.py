"""Walking the knowledge folder: which paths may be read, and a reason for each one that may not.

The folder is filled by hand and by tools, so its names and links can be anything: a name that is
not UTF-8 (copied from an old Windows share), a path longer than the system allows, a symbolic
link to a file outside the folder (which must never be read and served to members), a link loop.
Each such path is reported with the reason and skipped; one bad path never stops the walk.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.document import SkippedFile, shown_name

__all__ = ["FolderScan", "scan_folder", "shown_name"]

try:
    PATH_MAX = os.pathconf("/", "PC_PATH_MAX")
except (OSError, ValueError, AttributeError):  # not POSIX
    PATH_MAX = 4096


@dataclass
class FolderScan:
    """The readable files of a folder (paths to open, in name order) and the paths refused."""

    files: list[Path]
    refused: list[SkippedFile]


def scan_folder(root: Path) -> FolderScan:
    """Every non-hidden file under root that is safe to read, and every path that is not, with why."""
    root = Path(root)
    real_root = os.path.realpath(root)
    files: list[Path] = []
    refused: list[SkippedFile] = []
    pending = [""]  # directories to read, relative to root
    while pending:
        rel_dir = pending.pop()
        directory = os.path.join(root, rel_dir) if rel_dir else str(root)
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            if not rel_dir:
                raise
            refused.append(SkippedFile(shown_name(rel_dir), _os_reason(e, "không đọc được thư mục")))
            continue
        for entry in entries:
            # hidden files and folders (.goc/, .thung-rac/) are not documents; nor are the "~$…"
            # locks Word leaves beside a document it has open
            if entry.name.startswith((".", "~$")):
                continue
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            problem, is_dir = _check(entry, rel, real_root)
            if problem:
                refused.append(SkippedFile(rel if _utf8(rel) else shown_name(rel), problem))
            elif is_dir:
                pending.append(rel)
            else:
                files.append(Path(entry.path))
    files.sort()
    refused.sort(key=lambda s: s.path)
    return FolderScan(files, refused)


def _check(entry: os.DirEntry, rel: str, real_root: str) -> tuple[str | None, bool]:
    """(why this entry may not be read or None, whether it is a directory to walk into)."""
    if not _utf8(entry.name):
        return "tên không phải UTF-8 (thường do chép từ máy Windows cũ); hãy đổi tên tệp/thư mục", False
    if len(os.fsencode(entry.path)) >= PATH_MAX:
        reason = (
            f"đường dẫn quá dài (giới hạn của hệ thống là {PATH_MAX} byte); "
            "hãy đặt tên ngắn hơn hoặc bớt thư mục lồng nhau"
        )
        return reason, False
    try:
        if entry.is_symlink():
            return _check_link(entry, real_root)
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError as e:
        return _os_reason(e, "không đọc được thông tin tệp"), False
    if stat.S_ISDIR(mode):
        return None, True
    if stat.S_ISREG(mode):
        return None, False
    return "không phải tệp thường (thiết bị, pipe, socket); không đọc", False


def _check_link(entry: os.DirEntry, real_root: str) -> tuple[str | None, bool]:
    """A symbolic link is read only when it leads to a regular file inside the folder."""
    try:
        target = os.path.realpath(entry.path, strict=True)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "liên kết (symlink) vòng tròn, trỏ mãi vào chính nó; hãy xóa liên kết này", False
        if e.errno == errno.ENOENT:
            return "liên kết (symlink) trỏ tới tệp không còn tồn tại", False
        return _os_reason(e, "không theo được liên kết (symlink)"), False
    except RuntimeError:  # older Pythons report loops this way
        return "liên kết (symlink) vòng tròn, trỏ mãi vào chính nó; hãy xóa liên kết này", False
    if os.path.commonpath([real_root, target]) != real_root:
        return (
            "liên kết (symlink) trỏ ra ngoài thư mục văn bản; không đọc (hãy chép tệp vào thư mục thay vì liên kết)",
            False,
        )
    if os.path.isdir(target):
        return "liên kết (symlink) tới một thư mục; không đọc (hãy chép thư mục vào thay vì liên kết)", False
    if not os.path.isfile(target):
        return "liên kết (symlink) không trỏ tới tệp thường; không đọc", False
    return None, False


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _os_reason(error: OSError, what: str) -> str:
    if error.errno == errno.ENAMETOOLONG:
        return "đường dẫn quá dài so với giới hạn của hệ thống; hãy đặt tên ngắn hơn"
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"{what}: không có quyền đọc (hãy cấp quyền đọc cho người dùng chạy bot)"
    return f"{what} ({error.strerror or error})"
