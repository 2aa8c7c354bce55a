"""Inputs named by fsspec URLs (``s3://bucket/tei/``, ``file:///data/tei``, ``memory://tei``).

An edition kept in an object store is read through bytes: a URL naming a
folder stands for the ``*.xml`` files under it, each read whole into memory
(within :data:`~teikit.core.sources.MAX_BYTES`) and parsed like a local file,
and every diagnostic names the URL. fsspec is an optional extra
(``pip install 'teikit[fsspec]'``) imported only when a URL is given; its
protocols beyond ``file`` and ``memory`` need their own package (s3fs, gcsfs).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from teikit.core.errors import InputError, Location

PROCESS_LOCAL = frozenset({"memory"})
"""Protocols whose files live in this process only: other processes (workers) cannot read them."""


def protocol(url: str) -> str:
    return url.split("://", 1)[0].lower()


def _filesystem(url: str) -> tuple[Any, str]:
    """fsspec's file system for ``url`` and the path inside it.

    Raises:
        InputError: fsspec (or the protocol's package) is not installed, or the protocol is unknown.
    """
    try:
        fsspec: Any = importlib.import_module("fsspec")
    except ImportError:
        raise InputError(
            "reading a URL needs fsspec: pip install 'teikit[fsspec]'", Location(url), "fsspec-missing"
        ) from None
    try:
        return fsspec.core.url_to_fs(url)  # type: ignore[no-any-return]
    except (ImportError, ValueError) as error:
        raise InputError(f"cannot read this URL: {error}", Location(url), "input-unreadable") from error


def find_xml_urls(url: str) -> list[str]:
    """The URL itself, or the URLs of the ``*.xml`` files under it (in path order) when it names a folder.

    A URL that names nothing is kept, so that reading it reports the missing file.

    Raises:
        InputError: see :func:`_filesystem`, or the folder cannot be listed.
    """
    fs, path = _filesystem(url)
    try:
        if not fs.isdir(path):
            return [url]
        names = [str(name) for name in fs.find(path) if str(name).endswith(".xml")]
    except OSError as error:
        raise InputError(f"cannot list: {error}", Location(url), "input-unreadable") from error
    base = str(path).rstrip("/")
    relative = sorted((name[len(base) :].lstrip("/") for name in names), key=lambda name: name.split("/"))
    return [f"{url.rstrip('/')}/{name}" for name in relative]


@contextmanager
def open_url(url: str) -> Iterator[IO[bytes]]:
    """The file at ``url``, open for reading bytes.

    Raises:
        InputError: no such file, a folder, or it cannot be read (the message names the URL).
    """
    fs, path = _filesystem(url)
    location = Location(url)
    try:
        stream = fs.open(path, "rb")
    except FileNotFoundError:
        raise InputError("no such file", location, "input-missing") from None
    except IsADirectoryError:
        raise InputError("is a folder, not an XML file", location, "input-folder") from None
    except (OSError, ValueError) as error:
        raise InputError(f"cannot read: {error}", location, "input-unreadable") from error
    with stream:
        yield stream


def read_url(url: str, limit: int) -> bytes:
    """Up to ``limit`` bytes of the file at ``url`` (one more tells the caller it is too large).

    Raises:
        InputError: see :func:`open_url`.
    """
    with open_url(url) as stream:
        try:
            return stream.read(limit)
        except OSError as error:
            raise InputError(f"cannot read: {error}", Location(url), "input-unreadable") from error
