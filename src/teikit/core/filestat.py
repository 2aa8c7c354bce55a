"""What ``stat`` says of a file, so that an unchanged file need not be read (like git's index).

A file whose size, ``mtime_ns``, inode and ``ctime_ns`` (which no program can
set back) are those recorded when it was last read has not changed, unless it
was modified within one timestamp tick of that reading: a file modified less
than :data:`RACY_NS` before it was read is "racily clean" (git's term) and
must be hashed. The stat is taken before the file is read, so a change made
while it is read shows at the next look. Used by the build manifest and the
validation cache.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from teikit.core.sources import MAX_BYTES

RACY_NS = 2_000_000_000
"""A file modified less than this before it was read is hashed each time until it is older
(2 s: the coarsest mtime of common file systems, FAT and some network mounts)."""


class FileStat(NamedTuple):
    """What ``stat`` says of a source file, and when teikit asked (``checked_ns``, before reading it).

    A named tuple, not a dataclass: a rebuild makes one for each of 100,000 rows of its manifest.
    """

    size: int = -1
    mtime_ns: int = -1
    inode: int = -1
    ctime_ns: int = -1
    checked_ns: int = 0

    @classmethod
    def of(cls, path: str | Path) -> FileStat:
        """The stat of ``path`` now (taken before the file is read); an unknown one if it cannot be had."""
        checked = time.time_ns()
        try:
            found = os.stat(path)
        except OSError:
            return cls()
        return cls(found.st_size, found.st_mtime_ns, found.st_ino, found.st_ctime_ns, checked)

    def vouches_for(self, recorded: FileStat) -> bool:
        """Whether this stat proves the file unchanged since ``recorded`` was taken, without reading it."""
        return recorded.size >= 0 and self.same_file(recorded) and not recorded.racy

    @property
    def racy(self) -> bool:
        """Whether the file was modified so shortly before it was read that it may have changed within one tick."""
        return self.mtime_ns + RACY_NS >= self.checked_ns

    def same_file(self, other: FileStat) -> bool:
        return self[:4] == other[:4]


def stats_of(paths: Sequence[str]) -> list[FileStat]:
    """:meth:`FileStat.of` of each path, with one reading of the clock before all of them (a build
    stats every record each time; an earlier ``checked_ns`` only makes a stat racy sooner)."""
    checked = time.time_ns()
    stats = []
    for path in paths:
        try:
            found = os.stat(path)
        except OSError:
            stats.append(FileStat())
            continue
        stats.append(FileStat(found.st_size, found.st_mtime_ns, found.st_ino, found.st_ctime_ns, checked))
    return stats


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file read in blocks; "" if it cannot be read or is over the input limit.

    An empty digest matches no record, so the file is rebuilt, and the
    worker reports why it cannot be read (a 2 GiB file is never read whole).
    """
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            if os.fstat(stream.fileno()).st_size > MAX_BYTES:
                return ""
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()
