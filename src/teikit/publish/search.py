"""Full-text search of an edition site: a sharded Pagefind index, and a small fallback.

Pagefind (``pip install 'pagefind[bin]'``, the binary inside the wheel) reads
the built pages and writes ``pagefind/``: an index split into shards that a
browser fetches only as a query needs them, so a 10,000-record edition
costs a reader a few hundred kilobytes per query, not the whole collection.
It indexes what ``<main data-pagefind-body>`` of a record page holds: the
reading and the diplomatic text of every language, and the header's
metadata. Browsers load it only over HTTP (``teikit serve`` for a local
preview).

A site opened from the disk (``file://``) cannot fetch Pagefind's shards;
its index pages then search the fallback, ``search-index-N.js`` (scripts,
which a page may load from the disk), which holds the folded metadata of
every record and, while they fit in :data:`FALLBACK_TEXT_BUDGET`, each
distinct folded word of its texts (about 200 seed-sized records), in shards
of :data:`~teikit.publish.paging.SHARD_BYTES`.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from teikit.core.errors import ConfigError, Location

#: The disk fallback holds the words of the texts too while they take up to this many characters
#: (a seed-sized record has about 20,000 characters of distinct words); past it, metadata only.
FALLBACK_TEXT_BUDGET = 4_000_000
PAGEFIND_DIR = "pagefind"


def pagefind_executable() -> Path | None:
    """The Pagefind binary of the ``pagefind[bin]`` package, or one on PATH; None without either."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped,unused-ignore]

        found: Path = get_executable()
        return found
    except (ImportError, FileNotFoundError):
        on_path = shutil.which("pagefind")
        return Path(on_path) if on_path else None


def index_site(site: Path, ui_lang: str, executable: Path | None = None) -> bool:
    """Write the Pagefind index of ``site`` into ``site/pagefind``; False when Pagefind is not installed.

    The whole site is one language for Pagefind (the interface's, as
    ``<html lang>`` says): the texts of every language are in one index, so
    one query finds a word whichever text holds it.

    Raises:
        ConfigError: Pagefind failed.
    """
    binary = executable or pagefind_executable()
    if binary is None:
        return False
    command = [str(binary), "--site", str(site), "--output-subdir", PAGEFIND_DIR, "--force-language", ui_lang]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ConfigError(f"Pagefind could not run: {error}", Location(str(binary)), "search-index") from error
    if result.returncode != 0:
        detail = " ".join((result.stderr or result.stdout).split())[-400:]
        raise ConfigError(f"Pagefind failed: {detail}", Location(str(site)), "search-index")
    return True


def text_words(site: Path, key: str) -> str:
    """The words of a record's reading and diplomatic texts as built (empty if they are not there)."""
    words = []
    for name in (f"{key}.txt", f"{key}.diplomatic.txt"):
        try:
            words.append((site / name).read_text(encoding="utf-8"))
        except OSError:
            continue
    return " ".join(words)
