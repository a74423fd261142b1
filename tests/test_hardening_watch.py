"""Issue 9, item 11: the folder watch lists only directories that changed, still sees every change,
and never raises on a strange entry."""

from __future__ import annotations

import os
import time
from pathlib import Path

from bot.knowledge import watch
from bot.knowledge.watch import FolderWatch, folder_fingerprint


def age(folder: Path, seconds: float = 10) -> None:
    """Make every directory look untouched for a while (coarse clocks are not trusted)."""
    past = time.time() - seconds
    for dirpath, _, _ in os.walk(folder):
        os.utime(dirpath, (past, past))


def count_listings(monkeypatch) -> list[str]:
    listed: list[str] = []
    real = os.scandir

    def scandir(path):
        listed.append(path)
        return real(path)

    monkeypatch.setattr(watch.os, "scandir", scandir)
    return listed


def test_unchanged_directories_are_not_listed_again_yet_every_change_is_seen(tmp_path: Path, monkeypatch):
    for n in range(5):
        (tmp_path / f"d{n}").mkdir()
        for m in range(20):
            (tmp_path / f"d{n}" / f"{m}.md").write_text("Chi bộ sinh hoạt.", encoding="utf-8")
    age(tmp_path)
    watcher = FolderWatch(tmp_path)
    first = watcher.fingerprint()
    assert len(first) == 100 and first == folder_fingerprint(tmp_path)
    listed = count_listings(monkeypatch)
    assert watcher.fingerprint() == first
    assert listed == []  # nothing changed: not one directory listed, only stat'ed

    edited = tmp_path / "d3" / "7.md"
    edited.write_text("Chi bộ sinh hoạt định kỳ.", encoding="utf-8")  # in place: the directory time stays
    changed = watcher.fingerprint()
    assert changed != first and listed == []

    (tmp_path / "d1" / "new.md").write_text("Mới.", encoding="utf-8")
    added = watcher.fingerprint()
    assert ("d1/new.md", len("Mới.".encode()), (tmp_path / "d1" / "new.md").stat().st_mtime_ns) in added
    assert listed == [str(tmp_path / "d1")]
    (tmp_path / "d4" / "0.md").unlink()
    assert not any(p == "d4/0.md" for p, _, _ in watcher.fingerprint())
    assert watcher.fingerprint() == folder_fingerprint(tmp_path)


def test_strange_entries_are_part_of_the_fingerprint_not_errors(tmp_path: Path):
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    with open(os.path.join(os.fsencode(tmp_path), b"\xff\xfe.md"), "wb") as f:
        f.write(b"x")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "gone.md").symlink_to(tmp_path / "missing.md")
    (tmp_path / "up").symlink_to(tmp_path)
    fingerprint = FolderWatch(tmp_path).fingerprint()
    names = [p for p, _, _ in fingerprint]
    assert "a.md" in names and "loop" in names and "gone.md" in names and "up" in names
    assert FolderWatch(tmp_path / "missing").fingerprint() == ()
