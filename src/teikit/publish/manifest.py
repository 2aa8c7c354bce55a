"""The build manifest: what was built from what, so unchanged records are skipped.

``SITE/.teikit-manifest.sqlite`` holds one row per record: its key, the TEI
file it came from with that file's size, ``mtime_ns``, inode and ``ctime_ns``
(which no program can set back) when it was read, the SHA-256 of its bytes, the outputs made from it, its index entry and
the toolchain fingerprint (teikit's version, stylesheets, schemas) it was
built with. Like git's index, a record whose file still has the recorded
stat is known unchanged without being read; only a file
whose stat changed is hashed, and rebuilt only if its bytes did change. A
file modified within :data:`~teikit.core.filestat.RACY_NS` of the moment it was read could have
changed again within one timestamp tick, so it is hashed anyway ("racily
clean", as git calls it).

SQLite in WAL mode, rows written as records finish: a build of 100,000
records never rewrites a 600 MB file, a build killed part-way keeps every
row it committed (each row is written after the outputs it lists), and
another process may read the manifest while a build writes it.

The manifest is input like any other: it may come from a cache or a commit,
edited by hand or by an attacker. A row that is not exactly what teikit
writes (a key of the key scheme, a well-formed index entry) is dropped, so
its record is rebuilt; of the outputs it lists, only the names the key scheme
gives that record are kept, so no other name is ever deleted. A row's index
entry is read and checked only when the index pages are written
(:meth:`RecordState.read_entry`); one that fails rebuilds its record. The manifest
itself is opened only as a regular file inside the site: a link in its place
is removed, never followed, and a file that is not a teikit manifest is
replaced. The JSON manifest of earlier versions (``.teikit-manifest.json``)
is read once, through the same checks, and removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from teikit import __version__
from teikit.core.errors import InputError, Location
from teikit.core.filestat import FileStat
from teikit.core.resources import data_dir
from teikit.core.serialize import inside, remove_output
from teikit.publish.catalog import CatalogEntry
from teikit.publish.facsimiles import is_image_output
from teikit.publish.keys import is_record_key, outputs_of
from teikit.publish.registers import KINDS, RegisterItem

MANIFEST_NAME = ".teikit-manifest.sqlite"
LEGACY_NAME = ".teikit-manifest.json"
FORMAT = 1
SCHEMA_VERSION = 2
PAGE_SIZE = 16384
COMMIT_EVERY = 0.5
"""Seconds between commits of finished rows: readers see progress, a crash loses at most this."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    key TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    checked_ns INTEGER NOT NULL,
    tei_hash TEXT NOT NULL,
    toolchain TEXT NOT NULL,
    outputs TEXT NOT NULL,
    entry TEXT NOT NULL
);
"""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def toolchain_fingerprint() -> str:
    """A hash of everything besides the TEI that an output depends on."""
    digest = hashlib.sha256(f"teikit {__version__} manifest {FORMAT}".encode())
    for folder in ("xslt", "schemas"):
        root = data_dir(folder)
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".xsl", ".rng", ".sch", ".odd"):
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class RecordState:
    """What the manifest knows of one record."""

    tei_hash: str
    outputs: list[str] = field(default_factory=list)
    entry: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    stat: FileStat = field(default_factory=FileStat)
    toolchain: str = ""
    entry_json: str | None = None
    """The index entry as the manifest stores it, not yet read (``entry`` is then empty): a rebuild
    that changes nothing never needs it, and reading and checking it is most of a row's cost."""

    def same_build(self, other: RecordState) -> bool:
        """Whether both describe the same outputs (the stat may differ: a file touched, not changed)."""
        return (self.tei_hash, self.outputs, self.entry, self.entry_json) == (
            other.tei_hash,
            other.outputs,
            other.entry,
            other.entry_json,
        )

    def read_entry(self, key: str) -> bool:
        """Read and check the stored index entry; False if it is not of teikit's making (rebuild the record)."""
        if self.entry_json is None:
            return True
        try:
            entry = json.loads(self.entry_json)
        except ValueError:
            return False
        if not isinstance(entry, dict) or (entry and not (_entry_ok(entry) and entry.get("key") == key)):
            return False
        self.entry, self.entry_json = entry, None
        return True


@dataclass
class Manifest:
    """The records of a site, as the last build left them, and the site's title."""

    records: dict[str, RecordState] = field(default_factory=dict)
    title: str = ""

    @classmethod
    def load(cls, site: Path) -> Manifest:
        """The manifest of ``site``, read only (an empty one if there is none or it cannot be read)."""
        path = site / MANIFEST_NAME
        if path.is_symlink() or not path.is_file():
            return cls()
        try:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        except sqlite3.Error:
            return cls()
        try:
            return _read(connection)
        except sqlite3.Error:
            return cls()
        finally:
            connection.close()


def _read(connection: sqlite3.Connection) -> Manifest:
    manifest = Manifest()
    for name, value in connection.execute("SELECT name, value FROM meta"):
        if name == "title" and isinstance(value, str):
            manifest.title = value
    rows = connection.execute(
        "SELECT key, source, size, mtime_ns, inode, ctime_ns, checked_ns, tei_hash, toolchain, outputs, entry"
        " FROM records"
    )
    for key, source, size, mtime_ns, inode, ctime_ns, checked_ns, tei_hash, toolchain, outputs, entry in rows:
        if not all(isinstance(number, int) for number in (size, mtime_ns, inode, ctime_ns, checked_ns)):
            continue
        if not all(isinstance(text, str) for text in (source, toolchain, outputs, entry)):
            continue
        try:
            value = {"tei_hash": tei_hash, "outputs": json.loads(outputs)}
        except ValueError:
            continue
        state = _record_state(key, value)
        if state is not None:
            state.source, state.toolchain, state.entry_json = source, toolchain, entry
            state.stat = FileStat(size, mtime_ns, inode, ctime_ns, checked_ns)
            manifest.records[key] = state
    return manifest


class ManifestStore:
    """The manifest of one site open for a build: read it, then write rows as records finish.

    Use as a context manager; leaving it commits what was written.

    Raises:
        InputError: the manifest's place is not inside the site (see :func:`inside`).
    """

    def __init__(self, site: Path) -> None:
        self._site = site
        self._path = inside(site, MANIFEST_NAME)
        for suffix in ("", "-wal", "-shm", "-journal"):  # a link in teikit's place: removed, never followed
            if (site / (MANIFEST_NAME + suffix)).is_symlink():
                remove_output(site, MANIFEST_NAME + suffix)
        if self._path.exists() and not self._path.is_file():
            _refuse_not_a_file(self._path)
        try:
            self._connection = self._open()
        except sqlite3.DatabaseError:  # not a teikit manifest (or damaged): start again
            for suffix in ("", "-wal", "-shm", "-journal"):
                remove_output(site, MANIFEST_NAME + suffix)
            self._connection = self._open()
        self._last_commit = time.monotonic()
        self._migrate_legacy()

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self._path, timeout=30, isolation_level=None)
        try:
            # A row is about 2 KB (the index entry): with 4 KB pages each would fill one page alone.
            connection.execute(f"PRAGMA page_size={PAGE_SIZE}")
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                connection.executescript("DROP TABLE IF EXISTS records; DROP TABLE IF EXISTS meta;")
            connection.executescript(_SCHEMA)
            if version != SCHEMA_VERSION:
                connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            connection.execute("BEGIN")
        except sqlite3.Error:
            connection.close()
            raise
        return connection

    def _migrate_legacy(self) -> None:
        """Take over the records of an earlier version's JSON manifest (checked like any row), then remove it."""
        legacy = self._site / LEGACY_NAME
        if legacy.is_symlink() or not legacy.is_file():
            if legacy.is_symlink():
                remove_output(self._site, LEGACY_NAME)
            return
        try:
            data = json.loads(legacy.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict) and data.get("format") == FORMAT and not self.load().records:
            found = data.get("records")
            toolchain = str(data.get("toolchain", ""))
            for key, value in (found if isinstance(found, dict) else {}).items():
                state = _record_state(key, value)
                if state is not None:  # no stat: the file is hashed once, then known by its stat
                    state.toolchain = toolchain
                    self.put(key, state)
            self.set_title(str(data.get("title", "")))
        self.commit()
        remove_output(self._site, LEGACY_NAME)

    def load(self) -> Manifest:
        """The manifest as this store holds it now."""
        return _read(self._connection)

    def put(self, key: str, state: RecordState) -> None:
        """Record ``key`` as built (its outputs already written); committed within :data:`COMMIT_EVERY`."""
        self._connection.execute(
            "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                state.source,
                state.stat.size,
                state.stat.mtime_ns,
                state.stat.inode,
                state.stat.ctime_ns,
                state.stat.checked_ns,
                state.tei_hash,
                state.toolchain,
                json.dumps(state.outputs, ensure_ascii=False),
                state.entry_json
                if state.entry_json is not None
                else json.dumps(state.entry, ensure_ascii=False, separators=(",", ":")),
            ),
        )
        if time.monotonic() - self._last_commit > COMMIT_EVERY:
            self.commit()

    def forget(self, keys: list[str]) -> None:
        """Drop the rows of records that are gone (after their outputs were removed)."""
        self._connection.executemany("DELETE FROM records WHERE key = ?", [(key,) for key in keys])

    def set_title(self, title: str) -> None:
        if self.load_title() != title:  # a build that changes nothing writes nothing
            self._connection.execute("INSERT OR REPLACE INTO meta VALUES ('title', ?)", (title,))

    def load_title(self) -> str | None:
        row = self._connection.execute("SELECT value FROM meta WHERE name = 'title'").fetchone()
        return None if row is None else str(row[0])

    def commit(self) -> None:
        """Make what was written visible to readers and safe from a crash."""
        self._connection.execute("COMMIT")
        self._connection.execute("BEGIN")
        self._last_commit = time.monotonic()

    def close(self) -> None:
        """Commit and close (the write-ahead log is folded back into the file)."""
        with contextlib.suppress(sqlite3.Error):
            self._connection.execute("COMMIT")
        self._connection.close()

    def __enter__(self) -> ManifestStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _refuse_not_a_file(path: Path) -> NoReturn:
    """Refuse a manifest's place taken by something that is not a file (a folder, a device)."""
    raise InputError(
        "this is not a file, yet it has the name of teikit's build manifest: move it away",
        Location(str(path)),
        "output-unwritable",
    )


def _record_state(key: object, value: object) -> RecordState | None:
    """The state a manifest gives a record, or None unless it is exactly of teikit's making."""
    if not is_record_key(key) or not isinstance(value, dict):
        return None
    assert isinstance(key, str)
    tei_hash, outputs, entry = value.get("tei_hash"), value.get("outputs"), value.get("entry", {})
    if not isinstance(tei_hash, str) or not _strings(outputs) or not isinstance(entry, dict):
        return None
    if entry and not (_entry_ok(entry) and entry.get("key") == key):
        return None
    assert isinstance(outputs, list)
    # Only the names the key scheme gives this record (and its copied page images): a name added by
    # hand is never deleted.
    images = [name for name in outputs if is_image_output(key, name)]
    return RecordState(tei_hash, [name for name in outputs_of(key) if name in outputs] + images, dict(entry))


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


_PERSON_FIELDS = ("ident", "names", "roles")


def _entry_ok(entry: dict[str, Any]) -> bool:
    """Whether ``entry`` has exactly the fields of a :class:`CatalogEntry`, each of its type."""
    if set(entry) != set(CatalogEntry.__dataclass_fields__):
        return False
    for name, value in entry.items():
        if name == "persons":
            if not isinstance(value, list) or not all(
                isinstance(person, dict)
                and set(person) == set(_PERSON_FIELDS)
                and isinstance(person["ident"], str)
                and _strings(person["names"])
                and _strings(person["roles"])
                for person in value
            ):
                return False
        elif name == "register":
            if not isinstance(value, list) or not all(_register_item_ok(item) for item in value):
                return False
        elif name in ("languages", "names", "keywords"):
            if not _strings(value):
                return False
        elif not isinstance(value, str):
            return False
    return True


def _register_item_ok(item: object) -> bool:
    """Whether ``item`` is exactly a :class:`~teikit.publish.registers.RegisterItem` as stored."""
    return (
        isinstance(item, dict)
        and set(item) == set(RegisterItem.__dataclass_fields__)
        and item["kind"] in KINDS
        and isinstance(item["ident"], str)
        and isinstance(item["names"], list)
        and all(isinstance(name, list) and len(name) == 2 and _strings(name) for name in item["names"])
        and all(_strings(item[name]) for name in ("roles", "authorities", "mentions"))
    )
