"""The build manifest: what was built from what, so unchanged records are skipped.

``SITE/.teikit-manifest.json`` records, for each TEI file, the SHA-256 of
its bytes, the outputs made from it and its index entry, plus a fingerprint
of the toolchain (teikit's version, the stylesheets and schemas). A record is
rebuilt when its bytes, or the toolchain, changed. The manifest is written
last, atomically, so a build that is interrupted leaves the old manifest, and
the next build redoes whatever it cannot vouch for.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from teikit import __version__
from teikit.core.resources import data_dir
from teikit.core.serialize import write_atomic

MANIFEST_NAME = ".teikit-manifest.json"
FORMAT = 1


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
        records = {
            key: RecordState(value["tei_hash"], list(value.get("outputs", [])), dict(value.get("entry", {})))
            for key, value in data.get("records", {}).items()
            if isinstance(value, dict) and "tei_hash" in value
        }
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
