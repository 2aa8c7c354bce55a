"""Remember validation results, so that an unchanged corpus re-validates in milliseconds.

``teikit validate --cache [FILE]`` keeps, in SQLite (default
:data:`DEFAULT_CACHE`, next to teikit.toml or in the current folder), two
tables:

* ``files``: for each path, the stat of the file when it was last read
  (:class:`~teikit.core.filestat.FileStat`) and the SHA-256 of its bytes. A
  file whose stat is unchanged is not read at all; one whose stat changed is
  hashed (like git's index). Every row is read with one query, so a run over
  an unchanged corpus costs a ``stat`` per file and nothing else: lxml,
  Saxon and the schemas are loaded only when some file must be checked.
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
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from teikit import __version__
from teikit.check.results import FileResult
from teikit.check.roots import TEI_ROOTS, Foreign, root_name
from teikit.core.errors import Diagnostic, InputError, Location
from teikit.core.filestat import FileStat, file_sha256
from teikit.core.resources import schema_path
from teikit.core.serialize import refuse_input

if TYPE_CHECKING:
    from teikit.core.workers import Executor

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

    def known(self) -> dict[str, tuple[Any, ...]]:
        """Every file the cache knows, by absolute path, as a row: its stat (5 values) and hash when last read,
        and the root and diagnostics stored for those bytes under this toolchain (None if none). One query."""
        rows = self._connection.execute(
            "SELECT f.path, f.size, f.mtime_ns, f.inode, f.ctime_ns, f.checked_ns, f.content_hash, r.root, "
            "r.diagnostics FROM files AS f LEFT JOIN results AS r "
            "ON r.content_hash = f.content_hash AND r.toolchain = ?",
            (self.toolchain,),
        )
        return {row[0]: row[1:] for row in rows}

    def result(self, content_hash: str) -> tuple[str | None, list[tuple[object, ...]]] | None:
        """The root name and stored diagnostics of these bytes under this toolchain, if known."""
        row = self._connection.execute(
            "SELECT root, diagnostics FROM results WHERE content_hash = ? AND toolchain = ?",
            (content_hash, self.toolchain),
        ).fetchone()
        return None if row is None else _decode(row[0], row[1])

    def remember(self, path: Path, stat: FileStat, content_hash: str, root: str | None, result: FileResult) -> None:
        """Store a file's stat and hash, and its result, unless it changed while it was checked."""
        if not content_hash or result.unreadable or not FileStat.of(path).same_file(stat):
            return
        self.remember_stat(path, stat, content_hash)
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
                    _key(path, os.getcwd()),
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


def _decode(root: str | None, diagnostics: str) -> tuple[str | None, list[tuple[object, ...]]] | None:
    """A stored result as the root's name and diagnostics as data; None if it cannot be read (checked anew)."""
    if diagnostics == "[]":
        return root, []
    try:
        stored = json.loads(diagnostics)
    except ValueError:
        return None
    return root, [tuple(item) for item in stored]


def _key(path: str | Path, here: str) -> str:
    """The cache's name for a file: its absolute path, as ``Path.absolute`` writes it (not resolved)."""
    name = os.fspath(path)
    return name if os.path.isabs(name) else os.path.join(here, name)


def _refuse_inputs(cache_path: Path, files: Sequence[str | Path], stats: list[FileStat]) -> None:
    """Refuse a cache file that is one of the inputs, comparing inodes already read (no ``stat`` per file).

    Raises:
        OutputExistsError: see :func:`teikit.core.serialize.refuse_input`.
    """
    try:
        inode = os.stat(cache_path).st_ino
    except (OSError, ValueError):
        return
    same = [Path(path) for path, stat in zip(files, stats, strict=True) if stat.inode == inode]
    if same:
        refuse_input(cache_path, same)  # the device decides


def validate_cached(
    files: Sequence[str | Path],
    cache_path: Path,
    schema: Path | None,
    schematron: Path | bool | None,
    *,
    skip_foreign: bool,
    jobs: int | None = None,
    engine: str = "lxml",
    progress: Callable[[str], None] | None = None,
    executor: Executor | None = None,
) -> CacheReport:
    """Validate ``files`` like :func:`~teikit.check.validate.validate_paths`, reusing what the cache knows.

    With ``skip_foreign``, files whose root is not TEI's are left out (as
    :func:`teikit.check.roots.split_foreign` does), their roots remembered too.
    The schemas are compiled (and lxml imported) only if some file must be
    checked; ``executor`` (a Dask cluster) checks them.

    Raises:
        InputError: the cache file cannot be used (see :class:`ValidationCache`).
        OutputExistsError: the cache file is one of ``files``.
        ConfigError: a schema cannot be compiled.
    """
    report = CacheReport()
    toolchain = toolchain_fingerprint(schema, schematron, skip_foreign, engine)
    stats = [FileStat.of(path) for path in files]
    _refuse_inputs(cache_path, files, stats)
    here = os.getcwd()
    with ValidationCache(cache_path, toolchain) as cache:
        rows = cache.known()
        known: dict[int, FileResult] = {}
        roots: dict[int, str | None] = {}
        pending: list[tuple[int, Path, FileStat, str]] = []
        for index, (name, stat) in enumerate(zip(files, stats, strict=True)):
            row = rows.get(_key(name, here))
            found: tuple[str | None, list[tuple[object, ...]]] | None = None
            if row is not None and stat.vouches_for(FileStat(*row[:5])):
                content_hash = row[5]
                if row[7] is not None:
                    found = _decode(row[6], row[7])
            else:  # new, changed or racily clean: hashed, and its result looked up by content
                content_hash = file_sha256(Path(name))
                found = cache.result(content_hash) if content_hash else None
                if found is not None:
                    cache.remember_stat(Path(name), stat, content_hash)
            if found is None:
                pending.append((index, Path(name), stat, content_hash))
                continue
            roots[index] = found[0]
            known[index] = FileResult(str(name), [_replay(item, str(name)) for item in found[1]])
            report.reused += 1
        for index, path, _stat, _hash in pending:
            roots[index] = root_name(path) if skip_foreign else None
        checking = [item for item in pending if not _is_foreign(roots[item[0]], skip_foreign)]
        if checking:
            from teikit.check.validate import Validator, validate_paths

            validator = Validator(schema, schematron, engine=engine, progress=progress)
            names = [str(item[1]) for item in checking]
            validator.prepare(names)
            results = validate_paths(names, validator, jobs=jobs, executor=executor)
            for (index, _path, _stat, _hash), result in zip(checking, results, strict=True):
                known[index] = result
            report.checked = len(checking)
        for index, path, stat, content_hash in pending:
            result = known.get(index, FileResult(str(path)))
            cache.remember(path, stat, content_hash, roots[index], result)
        for index, name in enumerate(files):
            root = roots.get(index)
            if _is_foreign(root, skip_foreign):
                assert root is not None
                report.foreign.append(Foreign(name, root))
            else:
                report.results.append(known[index])
    return report


def _is_foreign(root: str | None, skip_foreign: bool) -> bool:
    return skip_foreign and root is not None and root not in TEI_ROOTS
