"""How many workers to run by default: its own module, so that reading the option imports no process pool."""

from __future__ import annotations

import os


def default_jobs() -> int:
    """One worker per core this process may run on (a container's CPU set, not the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)
