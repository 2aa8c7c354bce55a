"""Schema association that travels with an edition: ``<?xml-model?>`` hrefs and the schemas they name.

A TEI file names its schemas in ``<?xml-model href="…"?>`` instructions so
that editors (oXygen, VS Code) and jing validate it. Those hrefs must
resolve wherever the edition's repository is checked out: never a path into
the Python installation, never an absolute path. So:

* ``teikit schema export DIR`` copies teikit's schemas into ``DIR/schemas/``;
* ``teikit convert`` points each TEI file at the nearest ``schemas/teikit.rng``
  found in the output's folder or above it, by a relative href; where there is
  none it uses a stable URL from ``TEIKIT_SCHEMA_URL`` (``URL/teikit.rng``),
  and failing that writes no instruction and warns;
* ``teikit build`` ships the schemas a record's instructions name into the
  site's ``schemas/`` folder and points the site's TEI copies at them.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from teikit.core.errors import InputError, Location
from teikit.core.resources import schema_path

SCHEMA_FILES = ("teikit.rng", "teikit.sch", "teikit.odd")
URL_VARIABLE = "TEIKIT_SCHEMA_URL"
_MODELS = (
    ("teikit.rng", "http://relaxng.org/ns/structure/1.0"),
    ("teikit.sch", "http://purl.oclc.org/dsdl/schematron"),
)
_PI_RE = re.compile(rb"<\?xml-model\s[^?]*?href=(\"[^\"]*\"|'[^']*')[^?]*\?>")


@dataclass(frozen=True)
class Association:
    """Where a TEI file's schemas are: a project's own files or a folder (relative hrefs), or a base URL."""

    folder: Path | None = None
    url: str | None = None
    rng: Path | None = None
    sch: Path | None = None

    def instructions(self, target_dir: Path) -> list[str]:
        """The ``<?xml-model?>`` lines for a TEI file written into ``target_dir``."""
        instructions = []
        for name, kind in _MODELS:
            own = self.rng if name.endswith(".rng") else self.sch
            if own is not None:
                href = Path(os.path.relpath(own.resolve(), target_dir.resolve())).as_posix()
            elif self.folder is not None:
                href = Path(os.path.relpath(self.folder / name, target_dir.resolve())).as_posix()
            elif self.url is not None:
                href = f"{self.url.rstrip('/')}/{name}"
            else:
                return []
            instructions.append(f'<?xml-model href="{href}" type="application/xml" schematypens="{kind}"?>')
        return instructions


def find_schemas(start: Path) -> Path | None:
    """The nearest ``schemas/`` folder holding ``teikit.rng`` in ``start`` or a folder above it."""
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / "schemas"
        if (candidate / "teikit.rng").is_file():
            return candidate
    return None


def associate(target_dir: Path, url: str | None = None) -> Association:
    """The association for TEI written into ``target_dir``: nearest schemas, else ``url`` or ``$TEIKIT_SCHEMA_URL``."""
    folder = find_schemas(target_dir)
    if folder is not None:
        return Association(folder=folder)
    url = url or os.environ.get(URL_VARIABLE) or None
    return Association(url=url)


def export_schemas(edition: Path, *, force: bool = False) -> list[Path]:
    """Copy teikit's schemas into ``edition/schemas/``; return the files written.

    Raises:
        InputError: a file there differs from teikit's and ``force`` is not given.
    """
    folder = edition / "schemas"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_FILES:
        source, target = schema_path(name), folder / name
        if target.exists() and target.read_bytes() != source.read_bytes() and not force:
            raise InputError(
                "differs from teikit's schema (an edition's own customisation?); use --force to replace it",
                Location(str(target)),
                "output-exists",
            )
        shutil.copyfile(source, target)
        written.append(target)
    return written


def relocate_models(data: bytes, source: Path, copy_dir: Path, shipped: Path) -> tuple[bytes, list[Path]]:
    """Point the relative ``<?xml-model?>`` hrefs of a TEI copy at schemas shipped in ``shipped``.

    ``data`` is the TEI read from ``source``; its copy goes into ``copy_dir``.
    Each relative href that resolves to an existing file next to ``source``
    is rewritten to ``shipped/NAME`` (relative to ``copy_dir``), and the
    file is returned so the caller can copy it there. URLs and hrefs that do
    not resolve are left as they are.
    """
    root_start = _root_start(data, 0)
    head, body = data[:root_start], data[root_start:]
    found: list[Path] = []

    def replace(match: re.Match[bytes]) -> bytes:
        quoted = match.group(1)
        href = quoted[1:-1].decode("utf-8", "replace")
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) or href.startswith("/"):
            return match.group(0)
        schema = (source.parent / href).resolve()
        if not schema.is_file():
            return match.group(0)
        found.append(schema)
        new = Path(os.path.relpath(shipped / schema.name, copy_dir)).as_posix()
        return match.group(0).replace(quoted, b'"' + new.encode("utf-8") + b'"', 1)

    return _PI_RE.sub(replace, head) + body, found


def _root_start(data: bytes, start: int) -> int:
    """Where the root element starts (after the prolog's declarations, comments and instructions)."""
    index = start
    while True:
        index = data.find(b"<", index)
        if index < 0:
            return len(data)
        if data.startswith(b"<?", index):
            index = data.find(b"?>", index) + 2
        elif data.startswith(b"<!--", index):
            index = data.find(b"-->", index) + 3
        elif data.startswith(b"<!", index):
            index = data.find(b">", index) + 1
        else:
            return index
