"""CPU per poll of the knowledge folder watch on 20,000 files (200 folders of 100): the previous fingerprint
(rglob + Path.stat, issue 9 item 11) against FolderWatch. Run: python benchmarks/watch.py"""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
root = Path(tempfile.mkdtemp(prefix="watch20k-"))
for d in range(200):
    sub = root / f"nhom-{d:03d}"
    sub.mkdir()
    for f in range(100):
        (sub / f"van-ban-{f:03d}.md").write_text("Chi bộ sinh hoạt định kỳ.", encoding="utf-8")
past = time.time() - 60
for dirpath, _, _ in os.walk(root):
    os.utime(dirpath, (past, past))


def old_fingerprint(root):  # the implementation before FolderWatch, for comparison
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    out = []
    for path in files:
        stat = path.stat()
        out.append((path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(out)


def cpu(fn, n=5):
    fn()
    t = time.process_time()
    for _ in range(n):
        fn()
    return (time.process_time() - t) / n


from bot.knowledge.watch import FolderWatch  # noqa: E402 — after the sys.path line above

w = FolderWatch(root)
print(f"files: {len(w.fingerprint())}")
print(f"old fingerprint (rglob + Path.stat): {cpu(lambda: old_fingerprint(root)) * 1000:.0f} ms CPU per poll")
print(f"FolderWatch (directories unchanged): {cpu(w.fingerprint) * 1000:.0f} ms CPU per poll")
shutil.rmtree(root)
