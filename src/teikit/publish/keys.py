"""Record keys: the one name a record has in the site, in its file names and in its links.

``tei/sub/record.xml`` becomes the key ``sub__record``, and the record's
outputs are ``sub__record.html``, ``sub__record.txt`` and
``tei/sub__record.xml``. The key is

* injective: two different TEI paths never get the same key. Inside a
  folder or file name, every character other than an ASCII letter, digit,
  ``-``, ``.`` (not leading) or a lone inner ``_`` is written ``~XX``, one
  per UTF-8 byte, so ``__`` only ever separates folders (``a__b.xml`` is
  ``a~5f~5fb``, ``a/b.xml`` is ``a__b``);
* URL-safe: only ``A-Z a-z 0-9 - . _ ~``, so a link needs no escaping, and
  ``#``, ``?``, ``%`` or a newline cannot cut a link short;
* never a scheme, a path or a hidden file: ``:`` and ``/`` are always
  escaped, and a key never starts with ``.``, so ``javascript:x.xml`` links
  to ``javascript~3ax.html``, a relative file;
* short enough for every file system: a key longer than :data:`MAX_KEY`
  bytes is cut and ends in ``~~`` and a hash of the path (``~~`` never
  occurs otherwise, so a cut key cannot meet an uncut one).
"""

from __future__ import annotations

import hashlib
import os
import re
import string
from pathlib import Path

MAX_KEY = 200
"""Longest key, in bytes: ``tei/KEY.xml``'s temporary name must still fit in 255 bytes."""

_LITERAL = frozenset(string.ascii_letters + string.digits + "-.")
KEY_RE = re.compile(r"[A-Za-z0-9~-][A-Za-z0-9._~-]*")
"""What every key looks like (``sub__record``, ``javascript~3ax``)."""


_PLAIN_RE = re.compile(r"(?!\.)(?:[A-Za-z0-9.-]|(?<=[A-Za-z0-9.-])_(?=[A-Za-z0-9.-]))*")
"""A segment that needs no escaping (most file names): kept as it is, without a look at each character."""


_SIMPLE_RE = re.compile(r"(?!\.)[A-Za-z0-9.-]*")
"""A segment without ``_`` that needs no escaping (``record-00017``): one character class, which
the regex engine runs far faster than :data:`_PLAIN_RE`'s per-character alternatives."""


def _escape(segment: str) -> str:
    if _SIMPLE_RE.fullmatch(segment) or _PLAIN_RE.fullmatch(segment):
        return segment
    out: list[str] = []
    last = len(segment) - 1
    for index, char in enumerate(segment):
        lone_underscore = char == "_" and 0 < index < last and segment[index - 1] != "_" and segment[index + 1] != "_"
        if (char in _LITERAL and not (char == "." and index == 0)) or lone_underscore:
            out.append(char)
        else:
            out.extend(f"~{byte:02x}" for byte in char.encode("utf-8", "surrogateescape"))
    return "".join(out)


def record_key(path: Path, root: Path) -> str:
    """The key of the TEI file ``path`` found under ``root`` (see the module doc)."""
    return key_of(str(path), str(root))


def key_of(path: str, root: str) -> str:
    """:func:`record_key` of paths given as strings."""
    relative = _relative_parts(path, root)
    if relative is None:
        relative = Path(path).relative_to(root).with_suffix("").parts
    key = "__".join([_escape(part) for part in relative])
    if len(key) > MAX_KEY:
        digest = hashlib.sha256("/".join(relative).encode("utf-8", "surrogateescape")).hexdigest()[:16]
        key = key[: MAX_KEY - 18] + "~~" + digest
    return key


def _relative_parts(path: str, root: str) -> tuple[str, ...] | None:
    """``path.relative_to(root).with_suffix("").parts`` by string operations, for a plain path (a
    build takes the key of every record each time); None for anything else, which pathlib handles."""
    if not path.startswith(root + os.sep) or os.sep != "/":
        return None
    parts = path[len(root) + 1 :].split("/")
    if "" in parts or "." in parts or ".." in parts:
        return None
    name = parts[-1]
    dot = name.rfind(".")
    if 0 < dot < len(name) - 1:  # Path.suffix: the last dot, not leading, not trailing
        parts[-1] = name[:dot]
    return tuple(parts)


def is_record_key(key: object) -> bool:
    """Whether ``key`` has the shape of a key (a manifest may have been edited by hand)."""
    return isinstance(key, str) and len(key) <= MAX_KEY and KEY_RE.fullmatch(key) is not None


OUTPUT_KINDS = ("{}.html", "{}.txt", "tei/{}.xml", "{}.diplomatic.txt", "{}.csl.json", "{}.bib")
"""The pattern of each file a record makes: the manifest stores which were made, a bit each."""


_OUTPUT_PARTS = tuple(tuple(kind.split("{}")) for kind in OUTPUT_KINDS)
"""Each of :data:`OUTPUT_KINDS` as the text before and after the key (joined faster than formatted)."""


def outputs_of(key: str) -> list[str]:
    """The files a record makes, relative to the site folder (asked of every record at each build)."""
    return [before + key + after for before, after in _OUTPUT_PARTS]
