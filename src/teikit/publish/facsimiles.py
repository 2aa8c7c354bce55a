"""Page images a record names as local files, copied into the site beside its page.

``pb/@facs`` and ``<graphic url>`` may name an image by a path relative to
the TEI file (``leaf-10.png``, ``images/f11.jpg``). A site copies it to
``facs/KEY/<that path>`` and the page links to the copy, so the site folder
is the whole edition. A URL (IIIF, http(s)) stays as written. A path that
would leave the TEI file's folder (``../``, an absolute path, a link out of
it) is refused with a warning at its place: a build copies only what lies
beside its records, and writes only inside the site (``inside``).

The copies are outputs of their record in the build manifest: a changed
image is copied again (its size or mtime differ from the copy's, which keeps
the original's mtime), and one no longer named is removed.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from teikit.core.errors import Diagnostic, Location
from teikit.core.serialize import inside, write_atomic

if TYPE_CHECKING:  # a rebuild that checks copies by their stat imports no lxml
    from lxml import etree

    from teikit.core.xmlsafe import ParsedDocument

FACS_DIR = "facs"
_TEI = "{http://www.tei-c.org/ns/1.0}"
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_IMAGE_RE = re.compile(r"\.(jpe?g|png|gif|webp|svg|avif)$", re.I)
"""The image types a page shows (as xslt/site/facsimile.xsl)."""


@dataclass(frozen=True)
class LocalImage:
    """An image file a record names: as written in the TEI, where it is, its name in the site."""

    written: str
    source: Path
    output: str

    @property
    def href(self) -> str:
        """The page's link to the copy (the page is at the site's root)."""
        return quote(self.output)


def output_prefix(key: str) -> str:
    """The site folder of a record's copied images."""
    return f"{FACS_DIR}/{key}/"


def is_image_output(key: str, name: str) -> bool:
    """Whether ``name`` is a copied image of record ``key`` (as a manifest may list it)."""
    prefix = output_prefix(key)
    if not name.startswith(prefix):
        return False  # most names: a record's own pages (a rebuild asks this of every output)
    rest = name[len(prefix) :]
    parts = PurePosixPath(rest).parts
    return bool(rest) and not rest.startswith("/") and all(part not in ("", ".", "..") for part in parts)


def local_images(document: ParsedDocument, key: str) -> tuple[list[LocalImage], list[Diagnostic]]:
    """The local image files ``document`` names, and a warning for each it names but cannot have."""
    from teikit.check.locate import SourceLocator

    folder = Path(document.path).parent
    root = document.tree.getroot()
    locator: SourceLocator | None = None
    images: dict[str, LocalImage] = {}
    problems: list[Diagnostic] = []
    for element, attribute in _references(root):
        written = (element.get(attribute) or "").strip()
        if not written or written.startswith("#") or _SCHEME_RE.match(written) or written.startswith("//"):
            continue
        path = unquote(written.split("#")[0].split("?")[0])
        if not _IMAGE_RE.search(path) or written in images:
            continue
        why = _refused(folder, path)
        if why:
            locator = locator or SourceLocator(document.data, root)
            line, col = locator.attribute(element, attribute)
            problems.append(
                Diagnostic(
                    "warning",
                    f"the page image {written!r} {why}; it is not copied into the site: "
                    "put the image in the TEI file's folder (or a folder below it), or give its URL",
                    "facsimile-not-copied",
                    Location(document.path, line, col),
                )
            )
            continue
        relative = PurePosixPath(path.replace("\\", "/")).as_posix()
        images[written] = LocalImage(written, folder / relative, output_prefix(key) + relative)
    return list(images.values()), problems


def _references(root: etree._Element) -> list[tuple[etree._Element, str]]:
    found: list[tuple[etree._Element, str]] = [(pb, "facs") for pb in root.iter(f"{_TEI}pb") if pb.get("facs")]
    found += [(graphic, "url") for graphic in root.iter(f"{_TEI}graphic") if graphic.get("url")]
    return found


def _refused(folder: Path, path: str) -> str:
    """Why a local path may not be copied ("" when it may)."""
    relative = PurePosixPath(path.replace("\\", "/"))
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path):
        return "is an absolute path"
    if any(part == ".." for part in relative.parts):
        return "leads out of the TEI file's folder ('..')"
    source = folder / relative
    try:
        resolved = source.resolve()
    except OSError:
        return "cannot be read"
    base = folder.resolve()
    if base not in resolved.parents:
        return "leads out of the TEI file's folder through a symbolic link"
    if not source.is_file():
        return "is not there"
    return ""


def image_map(images: list[LocalImage]) -> str:
    """The page's look-up from each image as written to its copy (a stylesheet parameter, JSON)."""
    return json.dumps({image.written: image.href for image in images}, ensure_ascii=False) if images else ""


def copy_images(site: Path, images: list[LocalImage]) -> list[str]:
    """Copy each image into the site (atomically; keeping the original's mtime); the names written."""
    written = []
    for image in images:
        target = inside(site, image.output)
        if not is_fresh(site, image.source, image.output):
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(inside(site, image.output), image.source.read_bytes(), force=True, durable=False)
            stat = image.source.stat()
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        written.append(image.output)
    return written


def is_fresh(site: Path, source: Path, output: str) -> bool:
    """Whether the copy ``output`` has the size and mtime of its original (so need not be copied)."""
    try:
        mine, theirs = (site / output).stat(), source.stat()
    except OSError:
        return False
    return (mine.st_size, mine.st_mtime_ns) == (theirs.st_size, theirs.st_mtime_ns)


def images_fresh(site: Path, source: str, key: str, outputs: list[str]) -> bool:
    """Whether every image a record's outputs list is still its original's copy."""
    images = [name for name in outputs if is_image_output(key, name)]
    if not images:
        return True  # most records: no Path made at all
    folder = Path(source).parent
    prefix = output_prefix(key)
    return all(is_fresh(site, folder / name[len(prefix) :], name) for name in images)
