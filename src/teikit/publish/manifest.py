"""The build manifest: what was built from what, so unchanged records are skipped.

``SITE/.teikit-manifest.json`` records, for each TEI file, the SHA-256 of
its bytes, the outputs made from it and its index entry, plus a fingerprint
of the toolchain (teikit's version, the stylesheets and schemas). A record is
rebuilt when its bytes, or the toolchain, changed. The manifest is written
last, atomically, so a build that is interrupted leaves the old manifest, and
the next build redoes whatever it cannot vouch for.

The manifest is input like any other: it may come from a cache or a commit,
edited by hand or by an attacker. A record whose entry is not exactly what
teikit writes (a key of the key scheme, a well-formed index entry) is
dropped, so it is rebuilt; of the outputs it lists, only the names the key
scheme gives that record are kept, so no other name is ever deleted.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from teikit import __version__
from teikit.core.resources import data_dir
from teikit.core.serialize import write_atomic
from teikit.core.xmlsafe import MAX_BYTES
from teikit.publish.catalog import CatalogEntry
from teikit.publish.keys import is_record_key, outputs_of
from teikit.publish.registers import KINDS, RegisterItem

MANIFEST_NAME = ".teikit-manifest.json"
FORMAT = 1


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file read in blocks; "" if it cannot be read or is over the input limit.

    An empty digest matches no record, so the file is rebuilt, and the
    worker reports why it cannot be read (a 2 GiB file is never read whole).
    """
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            if os.fstat(stream.fileno()).st_size > MAX_BYTES:
                return ""
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


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


@dataclass
class Manifest:
    toolchain: str = ""
    records: dict[str, RecordState] = field(default_factory=dict)
    title: str = ""

    @classmethod
    def load(cls, site: Path) -> Manifest:
        """The manifest of ``site``, or an empty one if there is none or it cannot be read."""
        try:
            data = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return cls()
        found = data.get("records")
        records = {}
        for key, value in (found if isinstance(found, dict) else {}).items():
            state = _record_state(key, value)
            if state is not None:
                records[key] = state
        return cls(str(data.get("toolchain", "")), records, str(data.get("title", "")))

    def save(self, site: Path) -> None:
        data = {
            "format": FORMAT,
            "toolchain": self.toolchain,
            "title": self.title,
            "records": {
                key: {"tei_hash": state.tei_hash, "outputs": state.outputs, "entry": state.entry}
                for key, state in sorted(self.records.items())
            },
        }
        write_atomic(
            site / MANIFEST_NAME,
            json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
            force=True,
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
    # Only the names the key scheme gives this record: a name added by hand is never deleted.
    return RecordState(tei_hash, [name for name in outputs_of(key) if name in outputs], dict(entry))


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
