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

A row is kept small, so the manifest of 10,000 records stays a few megabytes:
the hashes as bytes, the outputs as a bit each of the names the key scheme
gives the record (:func:`~teikit.publish.keys.outputs_of`), and the index
entry as positional JSON compressed with zlib against a preset dictionary
made of the first entries the manifest stored (records of an edition share
their fields, their people and places, their wording).

SQLite in WAL mode, rows written as records finish: a build of 100,000
records never rewrites a 600 MB file, a build killed part-way keeps every
row it committed (each row is written after the outputs it lists), and
another process may read the manifest while a build writes it.

A build that could vouch for every record also stores a seal, one digest of
the records' stats (:mod:`teikit.publish.seal`): the next build, if it finds
the same, reads no row at all. Any change to the rows drops the seal first.

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
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from teikit import __version__
from teikit.core.errors import InputError, Location
from teikit.core.filestat import FileStat
from teikit.core.resources import data_dir
from teikit.core.serialize import inside, remove_output
from teikit.publish.facsimiles import is_image_output
from teikit.publish.keys import OUTPUT_KINDS, is_record_key, outputs_of
from teikit.publish.paging import SITE_FILE_RE

MANIFEST_NAME = ".teikit-manifest.sqlite"
LEGACY_NAME = ".teikit-manifest.json"
FORMAT = 1
SCHEMA_VERSION = 4
"""4 added the seal (:mod:`teikit.publish.seal`) to the rows of 3, which are taken over as they are.
A teikit that knows only 3 starts a manifest of 4 afresh: it could not drop a seal its rows no longer match."""
PAGE_SIZE = 4096
DICTIONARY_BYTES = 32768
"""Largest preset dictionary (zlib's window); it grows from the first entries stored up to this."""
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
    tei_hash BLOB NOT NULL,
    toolchain BLOB NOT NULL,
    outputs INTEGER NOT NULL,
    entry BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS dictionaries (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS images (key TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (key, name));
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


@dataclass(slots=True)
class RecordState:
    """What the manifest knows of one record."""

    tei_hash: str
    outputs: list[str] = field(default_factory=list)
    entry: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    stat: FileStat = field(default_factory=FileStat)
    toolchain: str = ""
    stored_entry: bytes | None = None
    """The index entry as the manifest stores it, not yet read (``entry`` is then empty): a rebuild
    that changes nothing never needs it, and reading and checking it is most of a row's cost."""
    dictionaries: dict[int, bytes] = field(default_factory=dict, repr=False, compare=False)
    """The manifest's preset dictionaries, to read ``stored_entry`` with."""

    def same_build(self, other: RecordState) -> bool:
        """Whether both describe the same outputs (the stat may differ: a file touched, not changed)."""
        return (self.tei_hash, self.outputs, self.entry, self.stored_entry) == (
            other.tei_hash,
            other.outputs,
            other.entry,
            other.stored_entry,
        )

    def read_entry(self, key: str) -> bool:
        """Read and check the stored index entry; False if it is not of teikit's making (rebuild the record)."""
        if self.stored_entry is None:
            return True
        entry = unpack_entry(self.stored_entry, self.dictionaries)
        if entry is None or (entry and not (_entry_ok(entry) and entry.get("key") == key)):
            return False
        self.entry, self.stored_entry = entry, None
        return True


@dataclass
class Manifest:
    """The records of a site, as the last build left them, and the site's title."""

    records: dict[str, RecordState] = field(default_factory=dict)
    title: str = ""
    site_files: list[str] = field(default_factory=list)
    """The site-wide pages the last build wrote (names of :data:`~teikit.publish.paging.SITE_FILE_RE`)."""

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


_ENTRY_FIELDS = (
    "key",
    "title",
    "date",
    "date_text",
    "reference",
    "languages",
    "summary",
    "persons",
    "names",
    "keywords",
    "register",
)
"""The fields of a :class:`~teikit.publish.catalog.CatalogEntry`, in order (the catalog, and its
lxml, is not imported to read a manifest; tests/test_manifest.py checks they agree)."""
_ITEM_FIELDS = ("kind", "ident", "names", "roles", "authorities", "mentions")
"""The fields of a :class:`~teikit.publish.registers.RegisterItem`, in order."""
_KINDS = ("person", "place", "org")


def _compact(entry: dict[str, Any]) -> list[Any]:
    """An index entry as positional JSON: the field names once in the code, not in every row."""
    compact = [entry.get(name) for name in _ENTRY_FIELDS]
    compact[_ENTRY_FIELDS.index("persons")] = [
        [person.get(name) for name in _PERSON_FIELDS] for person in entry.get("persons", [])
    ]
    compact[_ENTRY_FIELDS.index("register")] = [
        [item.get(name) for name in _ITEM_FIELDS] for item in entry.get("register", [])
    ]
    return compact


def _expand(compact: object) -> dict[str, Any] | None:
    """The entry :func:`_compact` made (None for anything else; its fields are checked by the caller)."""
    if compact == []:
        return {}
    if not isinstance(compact, list) or len(compact) != len(_ENTRY_FIELDS):
        return None
    entry = dict(zip(_ENTRY_FIELDS, compact, strict=True))
    persons, register = entry["persons"], entry["register"]
    if not _rows(persons, len(_PERSON_FIELDS)) or not _rows(register, len(_ITEM_FIELDS)):
        return None
    entry["persons"] = [dict(zip(_PERSON_FIELDS, person, strict=True)) for person in persons]
    entry["register"] = [dict(zip(_ITEM_FIELDS, item, strict=True)) for item in register]
    return entry


def _rows(value: object, width: int) -> bool:
    return isinstance(value, list) and all(isinstance(row, list) and len(row) == width for row in value)


def entry_text(entry: dict[str, Any]) -> bytes:
    """An entry as the manifest compresses it (and as a preset dictionary is made of)."""
    return json.dumps(_compact(entry) if entry else [], ensure_ascii=False, separators=(",", ":")).encode()


def pack_entry(entry: dict[str, Any], dictionaries: dict[int, bytes]) -> bytes:
    """An entry as stored: the number of the newest dictionary, then the entry compressed against it."""
    number = max(dictionaries, default=0)
    compressor = zlib.compressobj(9, zdict=dictionaries[number]) if number else zlib.compressobj(9)
    return bytes([number]) + compressor.compress(entry_text(entry)) + compressor.flush()


def unpack_entry(stored: bytes, dictionaries: dict[int, bytes]) -> dict[str, Any] | None:
    """The entry :func:`pack_entry` stored, or None if it is not one (damaged, edited, no such dictionary)."""
    if not isinstance(stored, bytes) or not stored or (stored[0] and stored[0] not in dictionaries):
        return None
    try:
        decompressor = zlib.decompressobj(zdict=dictionaries[stored[0]]) if stored[0] else zlib.decompressobj()
        text = decompressor.decompress(stored[1:], MAX_ENTRY_BYTES)
        if decompressor.unconsumed_tail or not decompressor.eof:
            return None
        return _expand(json.loads(text))
    except (zlib.error, ValueError, RecursionError):  # RecursionError: "[[[[…" nested past Python's stack
        return None


MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""An entry that inflates beyond this is not one teikit wrote (a compression bomb): its record is rebuilt."""


_ROWS = (
    "SELECT key, source, size, mtime_ns, inode, ctime_ns, checked_ns, tei_hash, toolchain, outputs, entry FROM records"
)
_ROW_TYPES = (str, str, int, int, int, int, int, bytes, bytes, int, bytes)
"""The types of a row of teikit's making, checked in one step per row (asking SQLite for each
column's type, or Python for each value's, took longer than reading the row)."""


def _read_meta(connection: sqlite3.Connection) -> Manifest:
    """The site's title and pages, no record."""
    manifest = Manifest()
    for name, value in connection.execute("SELECT name, value FROM meta WHERE name IN ('title', 'site_files')"):
        if name == "title" and isinstance(value, str):
            manifest.title = value
        elif name == "site_files" and isinstance(value, str):
            manifest.site_files = _site_file_names(value)
    return manifest


def _read(connection: sqlite3.Connection) -> Manifest:
    manifest = _read_meta(connection)
    dictionaries = _dictionaries(connection)
    everything = (1 << len(OUTPUT_KINDS)) - 1
    images: dict[str, list[str]] = {}
    for key, name in connection.execute("SELECT key, name FROM images ORDER BY key, name"):
        if isinstance(key, str) and isinstance(name, str) and is_image_output(key, name):
            images.setdefault(key, []).append(name)
    records = manifest.records
    for row in connection.execute(_ROWS):
        if tuple(map(type, row)) != _ROW_TYPES:
            continue
        key, source, size, mtime_ns, inode, ctime_ns, checked_ns, tei_hash, toolchain, outputs, entry = row
        if not 0 <= outputs <= everything or not is_record_key(key):
            continue
        names = outputs_of(key)
        if outputs != everything:
            names = [name for bit, name in enumerate(names) if outputs >> bit & 1]
        if key in images:
            names += images[key]
        records[key] = RecordState(
            tei_hash.hex(),
            names,
            {},
            source,
            FileStat(size, mtime_ns, inode, ctime_ns, checked_ns),
            toolchain.hex(),
            entry,
            dictionaries,
        )
    return manifest


def _version_2_rows(connection: sqlite3.Connection) -> list[tuple[str, RecordState]]:
    """The rows of a manifest of the previous layout (hashes as hex, outputs and entry as JSON), checked as any."""
    carried = []
    try:
        rows = connection.execute(
            "SELECT key, source, size, mtime_ns, inode, ctime_ns, checked_ns, tei_hash, toolchain, outputs, entry"
            " FROM records"
        ).fetchall()
    except sqlite3.Error:
        return []
    for key, source, size, mtime_ns, inode, ctime_ns, checked_ns, tei_hash, toolchain, outputs, entry in rows:
        if not all(isinstance(number, int) for number in (size, mtime_ns, inode, ctime_ns, checked_ns)):
            continue
        try:
            state = _record_state(
                key, {"tei_hash": tei_hash, "outputs": json.loads(outputs), "entry": json.loads(entry)}
            )
        except (TypeError, ValueError):
            continue
        if state is not None and isinstance(source, str) and isinstance(toolchain, str):
            state.source, state.toolchain = source, toolchain
            state.stat = FileStat(size, mtime_ns, inode, ctime_ns, checked_ns)
            carried.append((str(key), state))
    return carried


def _dictionaries(connection: sqlite3.Connection) -> dict[int, bytes]:
    return {
        number: data
        for number, data in connection.execute("SELECT id, data FROM dictionaries")
        if isinstance(number, int) and 0 < number < 256 and isinstance(data, bytes) and len(data) <= DICTIONARY_BYTES
    }


class ManifestStore:
    """The manifest of one site open for a build: read it, then write rows as records finish.

    Use as a context manager; leaving it commits what was written.

    Raises:
        InputError: the manifest's place is not inside the site (see :func:`inside`).
    """

    def __init__(self, site: Path) -> None:
        self._site = site
        self._path = inside(site, MANIFEST_NAME)
        self._carried: list[tuple[str, RecordState]] = []
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
        self._dictionaries = _dictionaries(self._connection)
        self._last_commit = time.monotonic()
        self._sealed = True
        for key, state in self._carried:
            self.put(key, state)
        self._migrate_legacy()

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self._path, timeout=30, isolation_level=None)
        try:
            # A row is about 2 KB (the index entry): with 4 KB pages each would fill one page alone.
            connection.execute(f"PRAGMA page_size={PAGE_SIZE}")
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version == 2:  # the rows of the previous layout are carried over (put again, below)
                self._carried = _version_2_rows(connection)
                connection.executescript("DROP TABLE IF EXISTS records;")
            elif version not in (0, 3, SCHEMA_VERSION):
                connection.executescript("DROP TABLE IF EXISTS records; DROP TABLE IF EXISTS meta;")
            connection.executescript(_SCHEMA)
            if version != SCHEMA_VERSION:
                connection.execute("DELETE FROM meta WHERE name = 'seal'")  # none is vouched for by another layout
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
        manifest = _read(self._connection)
        for state in manifest.records.values():  # one dictionary object: a row put back unchanged is not repacked
            state.dictionaries = self._dictionaries
        return manifest

    def load_meta(self) -> Manifest:
        """The site's title and pages as this store holds them now, without the records."""
        return _read_meta(self._connection)

    def seal(self) -> str:
        """The seal of the records (:mod:`teikit.publish.seal`); "" if there is none."""
        row = self._connection.execute("SELECT value FROM meta WHERE name = 'seal'").fetchone()
        return row[0] if row is not None and isinstance(row[0], str) else ""

    def set_seal(self, seal: str) -> None:
        """Store the seal of the records as they are now ("" drops it)."""
        if seal != self.seal():
            self._connection.execute("DELETE FROM meta WHERE name = 'seal'")
            if seal:
                self._connection.execute("INSERT INTO meta VALUES ('seal', ?)", (seal,))
        self._sealed = bool(seal)

    def _unseal(self) -> None:
        """Drop the seal before the first change it would no longer describe (in the same transaction)."""
        if self._sealed:
            self._connection.execute("DELETE FROM meta WHERE name = 'seal'")
            self._sealed = False

    def tei_hashes(self) -> dict[str, str]:
        """Each record's TEI hash, by key (what a sealed rebuild reports of its records)."""
        return {
            key: digest.hex()
            for key, digest in self._connection.execute("SELECT key, tei_hash FROM records")
            if isinstance(key, str) and isinstance(digest, bytes)
        }

    def put(self, key: str, state: RecordState) -> None:
        """Record ``key`` as built (its outputs already written); committed within :data:`COMMIT_EVERY`."""
        self._unseal()
        if state.stored_entry is not None and state.dictionaries is self._dictionaries:
            stored = state.stored_entry
        else:
            self._grow_dictionary(state.entry)
            stored = pack_entry(state.entry, self._dictionaries)
        names = outputs_of(key)
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
                _digest(state.tei_hash),
                _digest(state.toolchain),
                sum(1 << bit for bit, name in enumerate(names) if name in state.outputs),
                stored,
            ),
        )
        # Copied page images are few and named by their files: a row each, in their own table.
        self._connection.execute("DELETE FROM images WHERE key = ?", (key,))
        self._connection.executemany(
            "INSERT OR IGNORE INTO images VALUES (?, ?)",
            [(key, name) for name in state.outputs if is_image_output(key, name)],
        )
        if time.monotonic() - self._last_commit > COMMIT_EVERY:
            self.commit()

    def _grow_dictionary(self, entry: dict[str, Any]) -> None:
        """Add ``entry`` to the preset dictionary while it is under :data:`DICTIONARY_BYTES`: each step
        is a new dictionary (rows already stored keep theirs), at most a handful per manifest."""
        newest = self._dictionaries.get(max(self._dictionaries, default=0), b"")
        if not entry or len(newest) >= DICTIONARY_BYTES or len(self._dictionaries) >= 255:
            return
        number = max(self._dictionaries, default=0) + 1
        data = (newest + entry_text(entry))[-DICTIONARY_BYTES:]
        self._connection.execute("INSERT INTO dictionaries VALUES (?, ?)", (number, data))
        self._dictionaries[number] = data

    def forget(self, keys: list[str]) -> None:
        """Drop the rows of records that are gone (after their outputs were removed)."""
        if keys:
            self._unseal()
        self._connection.executemany("DELETE FROM records WHERE key = ?", [(key,) for key in keys])
        self._connection.executemany("DELETE FROM images WHERE key = ?", [(key,) for key in keys])

    def set_title(self, title: str) -> None:
        if self.load_title() != title:  # a build that changes nothing writes nothing
            self._unseal()
            self._connection.execute("INSERT OR REPLACE INTO meta VALUES ('title', ?)", (title,))

    def set_site_files(self, names: list[str]) -> None:
        """Record the site-wide pages a build wrote (only if they differ: a build that changes nothing writes nothing)."""
        value = json.dumps(names)
        row = self._connection.execute("SELECT value FROM meta WHERE name = 'site_files'").fetchone()
        if row is None or row[0] != value:
            self._unseal()
            self._connection.execute("INSERT OR REPLACE INTO meta VALUES ('site_files', ?)", (value,))

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


def _site_file_names(value: str) -> list[str]:
    """The stored list of site-wide pages, each a name teikit gives them (anything else is dropped)."""
    try:
        names = json.loads(value)
    except ValueError:
        return []
    return [name for name in names if isinstance(name, str) and SITE_FILE_RE.fullmatch(name)] if _strings(names) else []


def _digest(text: str) -> bytes:
    """A hex SHA-256 as its 32 bytes (anything else, such as the empty digest of an unreadable file, as text's bytes)."""
    try:
        return bytes.fromhex(text)
    except ValueError:
        return text.encode()


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


_PERSON_FIELDS = ("ident", "names", "roles")


def _entry_ok(entry: dict[str, Any]) -> bool:
    """Whether ``entry`` has exactly the fields of a :class:`CatalogEntry`, each of its type."""
    if set(entry) != set(_ENTRY_FIELDS):
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
        and set(item) == set(_ITEM_FIELDS)
        and item["kind"] in _KINDS
        and isinstance(item["ident"], str)
        and isinstance(item["names"], list)
        and all(isinstance(name, list) and len(name) == 2 and _strings(name) for name in item["names"])
        and all(_strings(item[name]) for name in ("roles", "authorities", "mentions"))
    )
