"""Full-text search of an edition site: a Pagefind index in buckets, and a small fallback.

Pagefind (``pip install 'pagefind[bin]'``, the binary inside the wheel) reads
the built record pages and writes an index split into shards that a browser
fetches only as a query needs them. It indexes what ``<main
data-pagefind-body>`` of a record page holds: the reading and the diplomatic
text of every language, and the header's metadata. Browsers load it only
over HTTP (``teikit serve`` for a local preview).

Pagefind keeps every word of the pages it indexes in memory (about 1.3 MB
and 25 ms of CPU a seed-sized record) and cannot update an index. So the
records are spread over buckets by a hash of their key, at most
:data:`BUCKET_RECORDS` on average, each its own Pagefind index in
``pagefind/N/``, which the index page merges in the browser (``mergeIndex``):
a build re-indexes only the buckets whose records changed, several at once
(``jobs``), and Pagefind's memory is that of one bucket however large the
edition. ``pagefind/buckets.json`` lists the buckets and what each was built
from; a bucket is written beside the old one and swapped in, so a reader
sees the old index or the new, and a build stopped while indexing leaves
``pagefind/.pending``, so that the next build finishes the job.

A site opened from the disk (``file://``) cannot fetch Pagefind's shards;
its index pages then search the fallback, ``search-index-N.js`` (scripts,
which a page may load from the disk), which holds the folded metadata of
every record and, while they fit in :data:`FALLBACK_TEXT_BUDGET`, each
distinct folded word of its texts (about 200 seed-sized records), in shards
of :data:`~teikit.publish.paging.SHARD_BYTES`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from teikit.core.cpus import default_jobs
from teikit.core.errors import ConfigError, Location
from teikit.core.serialize import inside, write_atomic

if TYPE_CHECKING:
    import subprocess
    import tempfile

# subprocess and tempfile are imported where Pagefind is run: a rebuild that changes nothing asks
# only whether an earlier build left the index unfinished (PENDING_PATH).

#: The disk fallback holds the words of the texts too while they take up to this many characters
#: (a seed-sized record has about 20,000 characters of distinct words); past it, metadata only.
FALLBACK_TEXT_BUDGET = 4_000_000
PAGEFIND_DIR = "pagefind"
#: Most records a bucket holds on average (a bucket of 500 seed-sized records: ~0.7 GB for Pagefind).
#: Fewer buckets cost a query fewer requests; smaller ones cost the build less memory.
BUCKET_RECORDS = 500
BUCKET_LIST = "buckets.json"
PENDING = ".pending"
PENDING_PATH = f"{PAGEFIND_DIR}/{PENDING}"
#: Parts of a record page that are not the record: the legend of the signs, the same on every page.
EXCLUDE_SELECTORS = [".tk-key"]
#: Files of Pagefind's bundle that the site's pages never load (its own search interfaces).
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css")
UNUSED_PREFIXES = ("pagefind-modular-ui.", "pagefind-highlight.")
_FORMAT = "teikit search buckets 1"


def pagefind_executable() -> Path | None:
    """The Pagefind binary of the ``pagefind[bin]`` package, or one on PATH; None without either."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped,unused-ignore]

        found: Path = get_executable()
        return found
    except (ImportError, FileNotFoundError):
        on_path = shutil.which("pagefind")
        return Path(on_path) if on_path else None


def bucket_count(records: int) -> int:
    """How many buckets ``records`` records go into: a power of two, so that a bucket halves when
    the edition doubles, and at most :data:`BUCKET_RECORDS` records a bucket on average."""
    count = 1
    while count * BUCKET_RECORDS < records:
        count *= 2
    return count


def bucket_of(key: str, count: int) -> int:
    """The bucket of a record: a hash of its key, so that it stays there while the edition grows."""
    return zlib.crc32(key.encode("utf-8")) % count


def index_pending(site: Path) -> bool:
    """Whether the last build stopped before its search index was written."""
    return (site / PAGEFIND_DIR / PENDING).exists()


def mark_index_pending(site: Path) -> None:
    """Say that the index is behind the pages, before records are built: a build stopped among
    the records (their manifest rows written, the index not) is finished by the next."""
    folder = inside(site, PAGEFIND_DIR)
    folder.mkdir(exist_ok=True)
    (folder / PENDING).touch()


def index_site(
    site: Path,
    records: Mapping[str, str],
    ui_lang: str,
    jobs: int | None = None,
    executable: Path | None = None,
) -> bool:
    """Bring the Pagefind index of ``site`` up to date; False when Pagefind is not installed.

    ``records``: the key of every record page in the site, and what its page
    was built from (a bucket whose records all say the same as last time is
    not indexed again). Up to ``jobs`` buckets are indexed at once.

    The whole site is one language for Pagefind (the interface's, as
    ``<html lang>`` says): the texts of every language are in one index, so
    one query finds a word whichever text holds it.

    Raises:
        ConfigError: Pagefind failed (the buckets it did write are kept; the next build tries again).
    """
    binary = executable or pagefind_executable()
    folder = inside(site, PAGEFIND_DIR)
    if binary is None:
        (folder / PENDING).unlink(missing_ok=True)
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        return False
    folder.mkdir(exist_ok=True)
    _remove_leftovers(folder)
    count = bucket_count(len(records))
    buckets: dict[str, list[str]] = {}
    for key in sorted(records):
        buckets.setdefault(str(bucket_of(key, count)), []).append(key)
    config = f"{_FORMAT} {ui_lang} {EXCLUDE_SELECTORS} {_identity(binary)}"
    wanted = {name: _fingerprint(config, keys, records) for name, keys in buckets.items()}
    built = _load_list(folder)
    done = {name: print_ for name, print_ in built.items() if wanted.get(name) == print_ and (folder / name).is_dir()}
    dirty = {name: keys for name, keys in buckets.items() if name not in done}
    if not dirty and done.keys() == built.keys() and not index_pending(site):
        return True
    (folder / PENDING).touch()
    try:
        for name in _index_buckets(binary, site, folder, dirty, ui_lang, jobs or default_jobs()):
            done[name] = wanted[name]
    finally:
        # Buckets not written keep their old index; the list says what each holds.
        kept = {name: print_ for name, print_ in built.items() if name not in done and (folder / name).is_dir()}
        _write_list(folder, {**kept, **done})
    for name in kept:  # buckets of an earlier build that no record falls into any more
        shutil.rmtree(folder / name, ignore_errors=True)
    _write_list(folder, done)
    _remove_legacy(folder)
    (folder / PENDING).unlink(missing_ok=True)
    return True


def _index_buckets(
    binary: Path, site: Path, folder: Path, dirty: dict[str, list[str]], ui_lang: str, jobs: int
) -> list[str]:
    """Index each bucket into ``folder/.N.new`` with up to ``jobs`` Pagefind processes at once, and
    swap each in as it is done; the names of the buckets written, in the order they finished."""
    import subprocess

    waiting = sorted(dirty, key=int)
    running: list[tuple[str, subprocess.Popen[bytes], tempfile.TemporaryDirectory[str]]] = []
    finished: list[str] = []
    failure: ConfigError | None = None
    try:
        while waiting or running:
            while waiting and len(running) < jobs and failure is None:
                name = waiting.pop(0)
                running.append((name, *_start(binary, site, folder, name, dirty[name], ui_lang)))
            name, process, workspace = running.pop(0)
            with workspace:
                try:
                    process.wait(timeout=3600)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                log = Path(workspace.name) / "log.txt"
                if process.returncode != 0 and failure is None:
                    detail = " ".join(log.read_text(encoding="utf-8", errors="replace").split())[-400:]
                    failure = ConfigError(f"Pagefind failed: {detail}", Location(str(site)), "search-index")
            new = folder / f".{name}.new"
            if process.returncode != 0 or failure is not None:
                shutil.rmtree(new, ignore_errors=True)
                waiting.clear()
                continue
            _prune(new)
            _swap(new, folder / name)
            finished.append(name)
    finally:
        for _name, process, workspace in running:  # stopped (Ctrl-C): no Pagefind is left behind
            process.kill()
            process.wait()
            workspace.cleanup()
        _remove_leftovers(folder)
    if failure is not None:
        raise failure
    return finished


def _start(
    binary: Path, site: Path, folder: Path, name: str, keys: list[str], ui_lang: str
) -> tuple[subprocess.Popen[bytes], tempfile.TemporaryDirectory[str]]:
    """Start Pagefind on the pages of one bucket. Its settings go in a ``pagefind.json`` of a
    folder of its own (a bucket's list of pages may be longer than a command line may be)."""
    import subprocess
    import tempfile

    workspace = tempfile.TemporaryDirectory(prefix="teikit-pagefind-")
    root = Path(workspace.name)
    settings = {
        "site": str(site.resolve()),
        # Keys are letters, digits and "-._~": nothing a glob reads as a pattern.
        "glob": "{" + ",".join(keys) + "}.html",
        "output_path": str((folder / f".{name}.new").resolve()),
        "force_language": ui_lang,
        "exclude_selectors": EXCLUDE_SELECTORS,
    }
    (root / "pagefind.json").write_text(json.dumps(settings), encoding="utf-8")
    try:
        with (root / "log.txt").open("wb") as log:
            process = subprocess.Popen([str(binary)], cwd=root, stdout=log, stderr=subprocess.STDOUT)
    except OSError as error:
        workspace.cleanup()
        raise ConfigError(f"Pagefind could not run: {error}", Location(str(binary)), "search-index") from error
    return process, workspace


def _prune(bundle: Path) -> None:
    """Leave out of a bucket the files of Pagefind's own interfaces, which the site never loads."""
    for path in bundle.iterdir():
        if path.name in UNUSED_FILES or path.name.startswith(UNUSED_PREFIXES):
            path.unlink()


def _swap(new: Path, target: Path) -> None:
    """Put the bucket written in ``new`` in the place of ``target`` (two renames: the old or the new)."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(folder: Path) -> None:
    """Buckets half-written or half-swapped by a build that was stopped."""
    for path in folder.glob(".*.*"):
        if path.is_dir() and path.suffix in (".new", ".old"):
            shutil.rmtree(path, ignore_errors=True)


def _remove_legacy(folder: Path) -> None:
    """The single index earlier versions wrote into ``pagefind/`` itself (its bundle's names only)."""
    for path in folder.iterdir():
        name = path.name
        if name in ("fragment", "index", "filter", "playground") and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif (name.startswith(("pagefind", "wasm.")) or name == "pagefind-entry.json") and path.is_file():
            path.unlink()


def _identity(binary: Path) -> str:
    """What tells one Pagefind from another without running it: its path, size and time."""
    try:
        stat = binary.stat()
    except OSError:
        return str(binary)
    return f"{binary} {stat.st_size} {stat.st_mtime_ns}"


def _fingerprint(config: str, keys: list[str], records: Mapping[str, str]) -> str:
    digest = hashlib.sha256(config.encode("utf-8"))
    for key in keys:
        digest.update(f"\n{key} {records[key]}".encode())
    return digest.hexdigest()


def _load_list(folder: Path) -> dict[str, str]:
    """The buckets the last build wrote, and what each was built from (none if the list is unreadable)."""
    try:
        data = json.loads((folder / BUCKET_LIST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    buckets = data.get("buckets") if isinstance(data, dict) and data.get("format") == _FORMAT else None
    if not isinstance(buckets, dict):
        return {}
    return {
        name: value
        for name, value in buckets.items()
        if isinstance(name, str) and name.isdigit() and name.isascii() and isinstance(value, str)
    }


def _write_list(folder: Path, buckets: dict[str, str]) -> None:
    """The list of buckets the index page merges (``buckets``: each bucket's name and what it holds)."""
    ordered = {name: buckets[name] for name in sorted(buckets, key=int)}
    text = json.dumps({"format": _FORMAT, "buckets": ordered}, indent=0)
    write_atomic(folder / BUCKET_LIST, text.encode("utf-8"), force=True, durable=False)


def text_words(site: Path, key: str) -> str:
    """The words of a record's reading and diplomatic texts as built (empty if they are not there)."""
    words = []
    for name in (f"{key}.txt", f"{key}.diplomatic.txt"):
        try:
            words.append((site / name).read_text(encoding="utf-8"))
        except OSError:
            continue
    return " ".join(words)
