"""The manifest's seal: one digest with which a rebuild that finds nothing changed reads no row.

A build that leaves every record of the folder built, each with all its own
outputs and no page image, and each known by a stat that vouches for its file
(not racily clean), stores a digest of the toolchain, the site's title and,
in the folder's order, each record's key, path, size, mtime, inode and ctime.
The next build stats every file, as always, and takes the same digest: if it
matches and every output and site page is still in the site, nothing has
changed, and the manifest's rows are neither read nor compared one by one.
Any other answer takes the usual way, row by row
(:func:`teikit.publish.build._plan`). The manifest drops its seal with the
first row, title or page list it changes
(:class:`~teikit.publish.manifest.ManifestStore`), so a seal is never stored
beside rows it does not describe.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from teikit.core.filestat import FileStat
from teikit.publish.keys import outputs_of

if TYPE_CHECKING:
    from teikit.publish.manifest import RecordState


def seal_of(toolchain: str, title: str, records: Iterable[tuple[str, str, FileStat]]) -> str:
    """The digest of a site's records: ``(key, path, stat)`` in the folder's order."""
    text = "".join(
        f"{key}\0{source}\0{stat.size} {stat.mtime_ns} {stat.inode} {stat.ctime_ns}\n" for key, source, stat in records
    )
    return hashlib.sha256(f"teikit seal 1\0{toolchain}\0{title}\0{text}".encode("utf-8", "surrogateescape")).hexdigest()


def closing_seal(
    toolchain: str, title: str, sources: Sequence[str], keys: Sequence[str], states: Mapping[str, RecordState]
) -> str:
    """The seal of a build that finished with exactly these records, or "" if it cannot vouch for them:
    a record not built, one with fewer outputs or with page images (their copies are checked each
    time), one known by no stat or by a racily clean one."""
    if len(states) != len(keys):
        return ""
    rows = []
    for key, source in zip(keys, sources, strict=True):
        state = states.get(key)
        if state is None or state.source != source or state.outputs != outputs_of(key):
            return ""
        if state.stat.size < 0 or state.stat.racy:
            return ""
        rows.append((key, source, state.stat))
    return seal_of(toolchain, title, rows)


def still_sealed(
    seal: str,
    toolchain: str,
    title: str,
    sources: Sequence[str],
    keys: Sequence[str],
    stats: Sequence[FileStat],
    present: set[str],
    site_files: Sequence[str],
) -> bool:
    """Whether the files still have the stats the seal vouches for and every output is in the site
    (``present``: the names of the site folder and of its ``tei/``)."""
    if not seal or not site_files or not present.issuperset(site_files):
        return False
    if not all(present.issuperset(outputs_of(key)) for key in keys):
        return False
    return seal_of(toolchain, title, zip(keys, sources, stats, strict=True)) == seal
