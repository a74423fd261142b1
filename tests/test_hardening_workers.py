"""Issue 9, item 10: kill -9 during a cold build leaves no index worker and no resource tracker."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, shared_path

SCRIPT = textwrap.dedent(
    """
    import sys, threading, time
    from pathlib import Path
    from bot.search.index import build_index
    if sys.argv[2] == "spawn":  # as in the bot: a threaded process, so the pool spawns
        threading.Thread(target=time.sleep, args=(3600,), daemon=True).start()
    build_index(Path(sys.argv[1]), None, workers=2)
    """
)


def descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.corpus  # sixty real files, so that the build lasts long enough to be killed
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_workers_die_with_a_killed_parent(tmp_path, method):
    corpus = shared_path("data", "party_corpus", "tnt305")
    folder = tmp_path / "k"
    folder.mkdir()
    for source in sorted(corpus.glob("*.md"))[:60]:
        shutil.copy(source, folder / source.name)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    parent = subprocess.Popen([sys.executable, "-c", SCRIPT, str(folder), method], env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2:
            assert parent.poll() is None, "the build ended before it could be killed"
            workers = descendants(parent.pid)
            time.sleep(0.1)
        assert len(workers) >= 2, "no worker processes appeared"
        time.sleep(1.0)  # let them get to work
        workers = descendants(parent.pid)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(alive(p) for p in workers):
        time.sleep(0.2)
    left = [p for p in workers if alive(p)]
    for pid in left:  # do not leave them behind for the rest of the suite
        os.kill(pid, signal.SIGKILL)
    assert not left, f"{len(left)} of {len(workers)} worker/tracker processes outlived their parent"
