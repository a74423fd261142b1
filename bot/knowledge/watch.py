"""Noticing that the knowledge folder changed, cheaply enough to ask every few seconds.

The fingerprint is every entry's name, size and modification time. Listing a directory is the
expensive part of getting it; a directory's own modification time changes whenever an entry is
added, removed or renamed in it, so a directory whose time is unchanged (and not so recent that a
coarse clock could hide a change) is not listed again: its remembered entries are only stat'ed (which
catches files edited in place). Nothing here raises for a strange entry (a name that is not UTF-8,
a path too long, a broken or looping link): it becomes part of the fingerprint, and the reload that
follows reports it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

Fingerprint = tuple[tuple[str, int, int], ...]

_UNREADABLE = -1  # size recorded for an entry that cannot be stat'ed
_UNLISTABLE = -2  # size recorded for a directory that cannot be listed
# Some file systems keep times to the second (or two): a directory changed in the same tick as our
# listing would look unchanged, so a listing is trusted only once its time is this far in the past.
_COARSE_NS = 2_000_000_000


@dataclass
class _Listing:
    stamp: tuple[int, int]  # (st_mtime_ns, st_ino) of the directory when listed
    listed_ns: int  # time.time_ns() when listed
    files: list[tuple[str, str]]  # (relative name, path) of non-directory entries (links included), sorted
    dirs: list[str]  # relative names of real sub-directories, sorted


@dataclass
class FolderWatch:
    root: Path
    _listings: dict[str, _Listing] = field(default_factory=dict)

    def fingerprint(self) -> Fingerprint:
        out: list[tuple[str, int, int]] = []
        seen: set[str] = set()
        root = str(self.root)
        if not os.path.isdir(root):
            self._listings.clear()
            return ()
        pending = [""]
        while pending:
            rel_dir = pending.pop()
            seen.add(rel_dir)
            path = os.path.join(root, rel_dir) if rel_dir else root
            listing = self._listing(rel_dir, path)
            if listing is None:
                out.append((rel_dir, _UNLISTABLE, 0))
                continue
            stat = os.stat
            for rel, file_path in listing.files:
                try:
                    st = stat(file_path)  # a link: its target's size and time
                    out.append((rel, st.st_size, st.st_mtime_ns))
                except OSError:
                    out.append((rel, _UNREADABLE, 0))
            pending += reversed(listing.dirs)  # walked in name order
        for gone in set(self._listings) - seen:
            del self._listings[gone]
        return tuple(out)

    def _listing(self, rel_dir: str, path: str) -> _Listing | None:
        try:
            st = os.stat(path)
        except OSError:
            self._listings.pop(rel_dir, None)
            return None
        stamp = (st.st_mtime_ns, st.st_ino)
        known = self._listings.get(rel_dir)
        if known and known.stamp == stamp and known.listed_ns - st.st_mtime_ns > _COARSE_NS:
            return known
        listed_ns = time.time_ns()
        files: list[str] = []
        dirs: list[str] = []
        try:
            with os.scandir(path) as it:
                for entry in it:
                    if entry.name.startswith("."):
                        continue
                    try:
                        is_dir = entry.is_dir(follow_symlinks=False)
                    except OSError:
                        is_dir = False
                    (dirs if is_dir else files).append(entry.name)
        except OSError:
            self._listings.pop(rel_dir, None)
            return None
        prefix = f"{rel_dir}/" if rel_dir else ""
        files.sort()
        dirs.sort()
        listing = _Listing(
            stamp, listed_ns, [(prefix + n, os.path.join(path, n)) for n in files], [prefix + n for n in dirs]
        )
        self._listings[rel_dir] = listing
        return listing


def folder_fingerprint(root: Path) -> Fingerprint:
    """The fingerprint of a folder, from scratch."""
    return FolderWatch(Path(root)).fingerprint()
