"""Remember validation results, so that an unchanged corpus re-validates in milliseconds.

``teikit validate --cache [FILE]`` keeps, in SQLite (default
:data:`DEFAULT_CACHE`, next to teikit.toml or in the current folder), two
tables:

* ``files``: for each path, the stat of the file when it was last read
  (:class:`~teikit.core.filestat.FileStat`) and the SHA-256 of its bytes. A
  file whose stat is unchanged is not read at all; one whose stat changed is
  hashed (like git's index).
* ``results``: for each content hash and toolchain fingerprint, the root
  element's name and the diagnostics, with the file's own path left out so
  that they are replayed under the path of the file at hand: the report
  (text, JSON, SARIF, JUnit, GitHub) is the same as without the cache.

The toolchain fingerprint covers teikit's version, validation code and grammar engine, the
bytes of the grammar and the Schematron, and whether non-TEI files are left
out: a change to any of them re-checks every file. A file that could not be
read is never remembered, nor is one whose stat changed while it was being
checked. Results are keyed by content, so a Schematron whose rules read the
file's own name (``base-uri()``) must not be used with the cache; teikit's
does not.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from teikit import __version__
from teikit.check.roots import TEI_ROOTS, Foreign, root_name
from teikit.check.validate import FileResult, Validator, validate_paths
from teikit.core.errors import Diagnostic, InputError, Location
from teikit.core.filestat import FileStat, file_sha256
from teikit.core.resources import schema_path

DEFAULT_CACHE = Path(".teikit-cache") / "validate.sqlite"
SQLITE_HEADER = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, inode INTEGER, ctime_ns INTEGER,
    checked_ns INTEGER, content_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
    content_hash TEXT NOT NULL, toolchain TEXT NOT NULL, root TEXT, diagnostics TEXT NOT NULL,
    PRIMARY KEY (content_hash, toolchain)
);
"""


@dataclass
class CacheReport:
    """What a cached run did: the results, the files left out, and how many were checked anew."""

    results: list[FileResult] = field(default_factory=list)
    foreign: list[Foreign] = field(default_factory=list)
    checked: int = 0
    reused: int = 0


def toolchain_fingerprint(
    schema: Path | None, schematron: Path | bool | None, skip_foreign: bool, engine: str = "lxml"
) -> str:
    """A hash of everything besides a file's bytes that its diagnostics depend on.

    Raises:
        InputError: a schema cannot be read.
    """
    grammar = schema if schema else schema_path("teikit.rng")
    rules = schematron
    if rules is None:
        rules = schema_path("teikit.sch") if schema is None else False
    digest = hashlib.sha256(
        f"teikit {__version__} validate cache 1 skip-foreign={skip_foreign} engine={engine}".encode()
    )
    code = Path(__file__).resolve().parent
    sources = [*sorted(code.glob("*.py")), code.parent / "core" / "xmlsafe.py"]
    for path in [grammar, *([rules] if isinstance(rules, Path) else []), *sources]:
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror}", Location(str(path)), "input-unreadable") from error
    return digest.hexdigest()


class ValidationCache:
    """The cache file, open for one run; use as a context manager.

    Raises:
        InputError: ``path`` is a folder, or an existing file that is not a
            SQLite database (never written over: ``--cache tei/x.xml`` must
            not replace a record), or cannot be created.
    """

    def __init__(self, path: Path, toolchain: str) -> None:
        self.toolchain = toolchain
        _refuse_foreign_file(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = sqlite3.connect(path, timeout=30, isolation_level=None)
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA synchronous=NORMAL")
            self._connection.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as error:
            raise InputError(
                f"cannot use this file as the validation cache: {error}; delete it or choose another with --cache",
                Location(str(path)),
                "cache-unusable",
            ) from error
        self._connection.execute("BEGIN")

    def content_hash(self, path: Path) -> tuple[FileStat, str]:
        """The file's stat now and the hash of its bytes, read only if the stat changed ("" if unreadable)."""
        stat = FileStat.of(path)
        row = self._connection.execute(
            "SELECT size, mtime_ns, inode, ctime_ns, checked_ns, content_hash FROM files WHERE path = ?",
            (str(path.absolute()),),
        ).fetchone()
        if row is not None and stat.vouches_for(FileStat(*row[:5])):
            return stat, str(row[5])
        return stat, file_sha256(path)

    def result(self, content_hash: str) -> tuple[str | None, list[tuple[object, ...]]] | None:
        """The root name and stored diagnostics of these bytes under this toolchain, if known."""
        row = self._connection.execute(
            "SELECT root, diagnostics FROM results WHERE content_hash = ? AND toolchain = ?",
            (content_hash, self.toolchain),
        ).fetchone()
        if row is None:
            return None
        try:
            stored = json.loads(row[1])
        except ValueError:
            return None
        return row[0], [tuple(item) for item in stored]

    def remember(self, path: Path, stat: FileStat, content_hash: str, root: str | None, result: FileResult) -> None:
        """Store a file's stat and hash, and its result, unless it changed while it was checked."""
        if not content_hash or result.unreadable or not FileStat.of(path).same_file(stat):
            return
        self._connection.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
            (str(path.absolute()), stat.size, stat.mtime_ns, stat.inode, stat.ctime_ns, stat.checked_ns, content_hash),
        )
        stored = [_store(diagnostic, result.path) for diagnostic in result.diagnostics]
        self._connection.execute(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)",
            (content_hash, self.toolchain, root, json.dumps(stored, ensure_ascii=False)),
        )

    def remember_stat(self, path: Path, stat: FileStat, content_hash: str) -> None:
        """Store a file's new stat whose bytes were found unchanged (touched, or racily clean)."""
        if content_hash:
            self._connection.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    str(path.absolute()),
                    stat.size,
                    stat.mtime_ns,
                    stat.inode,
                    stat.ctime_ns,
                    stat.checked_ns,
                    content_hash,
                ),
            )

    def close(self) -> None:
        self._connection.execute("COMMIT")
        self._connection.close()

    def __enter__(self) -> ValidationCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _refuse_foreign_file(path: Path) -> None:
    if path.is_dir():
        raise InputError("is a folder; --cache takes a file (or no value)", Location(str(path)), "cache-unusable")
    try:
        with path.open("rb") as stream:
            head = stream.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", Location(str(path)), "cache-unusable") from error
    if head and head != SQLITE_HEADER:
        raise InputError(
            "exists and is not a validation cache (not a SQLite database); teikit does not write over it: "
            "choose another file with --cache=FILE",
            Location(str(path)),
            "cache-unusable",
        )


def _store(diagnostic: Diagnostic, path: str) -> tuple[object, ...]:
    """A diagnostic as data, its place in the file itself written without the path (``None``)."""
    location = diagnostic.location
    if location is None:
        return (diagnostic.level, diagnostic.message, diagnostic.code, False, 0, 0)
    where = None if location.path == path else location.path
    return (diagnostic.level, diagnostic.message, diagnostic.code, where, location.line, location.col)


def _replay(stored: tuple[object, ...], path: str) -> Diagnostic:
    level, message, code, where, line, col = stored
    location = None if where is False else Location(str(where) if where is not None else path, int(line), int(col))  # type: ignore[call-overload]
    return Diagnostic(str(level), str(message), str(code), location)


def validate_cached(
    files: list[Path],
    cache_path: Path,
    schema: Path | None,
    schematron: Path | bool | None,
    *,
    skip_foreign: bool,
    jobs: int | None = None,
    engine: str = "lxml",
    progress: Callable[[str], None] | None = None,
) -> CacheReport:
    """Validate ``files`` like :func:`~teikit.check.validate.validate_paths`, reusing what the cache knows.

    With ``skip_foreign``, files whose root is not TEI's are left out (as
    :func:`teikit.check.roots.split_foreign` does), their roots remembered too.
    The schemas are compiled only if some file must be checked.

    Raises:
        InputError: the cache file cannot be used (see :class:`ValidationCache`).
        ConfigError: a schema cannot be compiled.
    """
    report = CacheReport()
    toolchain = toolchain_fingerprint(schema, schematron, skip_foreign, engine)
    with ValidationCache(cache_path, toolchain) as cache:
        known: dict[int, FileResult] = {}
        roots: dict[int, str | None] = {}
        pending: list[tuple[int, Path, FileStat, str]] = []
        for index, path in enumerate(files):
            stat, content_hash = cache.content_hash(path)
            found = cache.result(content_hash) if content_hash else None
            if found is None:
                pending.append((index, path, stat, content_hash))
                continue
            cache.remember_stat(path, stat, content_hash)
            roots[index] = found[0]
            known[index] = FileResult(str(path), [_replay(item, str(path)) for item in found[1]])
            report.reused += 1
        to_check: list[tuple[int, Path, FileStat, str]] = []
        for index, path, stat, content_hash in pending:
            roots[index] = root_name(path) if skip_foreign else None
            to_check.append((index, path, stat, content_hash))
        checking = [item for item in to_check if not _is_foreign(roots[item[0]], skip_foreign)]
        if checking:
            validator = Validator(schema, schematron, engine=engine, progress=progress)
            names = [str(item[1]) for item in checking]
            validator.prepare(names)
            results = validate_paths(names, validator, jobs=jobs)
            for (index, _path, _stat, _hash), result in zip(checking, results, strict=True):
                known[index] = result
            report.checked = len(checking)
        for index, path, stat, content_hash in to_check:
            result = known.get(index, FileResult(str(path)))
            cache.remember(path, stat, content_hash, roots[index], result)
        for index, path in enumerate(files):
            root = roots.get(index)
            if _is_foreign(root, skip_foreign):
                assert root is not None
                report.foreign.append(Foreign(path, root))
            else:
                report.results.append(known[index])
    return report


def _is_foreign(root: str | None, skip_foreign: bool) -> bool:
    return skip_foreign and root is not None and root not in TEI_ROOTS
