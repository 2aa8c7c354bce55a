"""The input files a command was given: folders expanded to their ``*.xml`` files, URLs kept as names.

A local folder is walked with ``os.scandir`` (what ``Path.rglob`` does, at a
fraction of its cost over 100,000 files: the walk is most of what a cached
``validate`` of an unchanged corpus does); symbolic links to folders are not
followed, links to files are kept, and the order is that of sorted paths. A
name such as ``s3://bucket/tei`` is an fsspec URL (:mod:`teikit.core.remote`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

MAX_BYTES = 256 * 1024 * 1024
"""Largest XML file teikit reads (a parsed tree takes several times its size in memory)."""

_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(name: object) -> bool:
    """Whether ``name`` is a URL (``scheme://...``) rather than a path."""
    return isinstance(name, str) and _URL_RE.match(name) is not None


def find_xml(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders expanded to the ``*.xml`` files under them (sorted)."""
    return [Path(name) for name in _find_local(paths)]


def find_inputs(names: Iterable[str | Path]) -> list[str]:
    """Like :func:`find_xml`, each file as a string (no ``Path`` made per file), URLs expanded through fsspec.

    Raises:
        InputError: a URL cannot be listed (see :func:`teikit.core.remote.find_xml_urls`).
    """
    found: list[str] = []
    for name in names:
        if is_url(name):
            from teikit.core.remote import find_xml_urls

            found.extend(find_xml_urls(str(name)))
        else:
            found.extend(_find_local([name]))
    return found


def _find_local(paths: Iterable[str | Path]) -> list[str]:
    """Files as given and the files of folders, each written as ``Path`` writes it (``tei/a.xml``, not ``./tei/a.xml``)."""
    found: list[str] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(_xml_under(str(path)))
        else:
            found.append(str(path))
    return found


def _xml_under(folder: str) -> list[str]:
    """The ``*.xml`` files under ``folder`` (links to files included), as ``folder/relative`` strings, sorted."""
    relative: list[str] = []
    pending = [""]
    while pending:
        prefix = pending.pop()
        try:
            with os.scandir(os.path.join(folder, prefix) if prefix else folder) as entries:
                for entry in entries:
                    name = prefix + entry.name
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            pending.append(name + "/")
                        elif entry.name.endswith(".xml") and entry.is_file():
                            relative.append(name)
                    except OSError:
                        continue
        except (PermissionError, FileNotFoundError, NotADirectoryError):
            continue
    relative.sort(key=lambda name: name.split("/"))
    if folder == ".":
        return relative
    return [os.path.join(folder, name) for name in relative]
