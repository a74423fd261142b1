"""Worker processes that never outlive the process that started them.

A process pool's workers wait on a pipe from their parent; when the parent is killed with SIGKILL
(systemd's last resort, the OOM killer, `kill -9`) they sit there, each holding a loaded tokeniser
(~130 MB), and keep multiprocessing's resource tracker alive with them. On Linux the kernel can
signal a child when its parent dies (prctl PR_SET_PDEATHSIG); elsewhere a thread in the worker
watches the parent's pid.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Pool initializer: end this worker when `parent_pid` goes away."""
    if not (sys.platform.startswith("linux") and _set_pdeathsig()):
        threading.Thread(target=_watch_parent, args=(parent_pid,), name="watch-parent", daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before the signal was asked for
        os._exit(1)


def _set_pdeathsig() -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int, interval: float = 1.0) -> None:
    while os.getppid() == parent_pid:
        time.sleep(interval)
    os._exit(1)
