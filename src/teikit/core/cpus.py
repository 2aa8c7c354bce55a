"""How many workers to start by default, without importing the worker machinery.

Every command resolves ``--jobs`` before it knows whether it will start a
worker at all; a cached ``validate`` that starts none must not pay for
importing :mod:`multiprocessing` (:mod:`teikit.core.workers`).
"""

from __future__ import annotations

import os


def default_jobs() -> int:
    """One worker per core this process may run on (a container's CPU set, not the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)
