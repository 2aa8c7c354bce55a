"""Write TEI readably without touching mixed content, and write files safely.

Indentation is added only inside elements whose content is elements alone (no
text, no tails): a ``teiHeader`` or a ``div`` is indented, a ``<p>`` with its
words and inline elements is written exactly as encoded, so no space is ever
added or removed inside running text. Files are written to a temporary file in
the same folder and renamed over the target, so a reader sees the old file or
the new one, never half of one. The temporary name is short and teikit's own
(``.teikit-XXXXXXXX.tmp``), so a target name of up to 255 bytes still works
and clean-up never takes another program's ``.*.tmp`` file for debris.

Whatever teikit writes or deletes inside an output folder goes through
:func:`inside`, which refuses a name that is absolute, climbs out with ``..``
or reaches outside the folder through a symbolic link.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from teikit.core.errors import InputError, Location, OutputExistsError

if TYPE_CHECKING:  # lxml is imported where a tree is written: writing a report needs none
    from lxml import etree

INDENT = "  "

#: Elements that hold phrase-level content even when they happen to contain
#: only elements (a ``<choice>`` of ``<abbr>`` and ``<expan>``, a name with a
#: ``<choice>`` inside): indenting them would put spaces into the text.
PHRASE_ELEMENTS = frozenset(
    "p head speaker note hi persName placeName orgName name choice abbr expan ex am orig reg sic corr "
    "supplied unclear gloss term title salute signed dateline date closer opener stamp seg rs ref "
    "repository idno locus desc resp label item l ab bibl q quote said pc forename surname".split()
)


def _local(tag: object) -> str:
    return tag.split("}", 1)[-1] if isinstance(tag, str) else ""


def indent(element: etree._Element, level: int = 0) -> None:
    """Indent ``element``'s element-only descendants in place (see the module doc)."""
    children = list(element)
    if not children or _local(element.tag) in PHRASE_ELEMENTS:
        return
    if (element.text and element.text.strip()) or any(child.tail and child.tail.strip() for child in children):
        return
    inner = "\n" + INDENT * (level + 1)
    element.text = inner
    for child in children:
        child.tail = inner
        indent(child, level + 1)
    children[-1].tail = "\n" + INDENT * level


_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def id_first(root: etree._Element) -> None:
    """Put ``xml:id`` first among each element's attributes, where a reader looks for it."""
    for element in root.iter():
        keys = element.keys()
        if _XML_ID in keys and keys[0] != _XML_ID:
            items = element.items()
            element.attrib.clear()
            element.set(_XML_ID, dict(items)[_XML_ID])
            for name, value in items:
                if name != _XML_ID:
                    element.set(name, value)


def to_bytes(tree: etree._ElementTree, processing_instructions: Sequence[str] = ()) -> bytes:
    """Serialise as indented UTF-8 with an XML declaration and leading processing instructions."""
    from lxml import etree

    root = tree.getroot()
    id_first(root)
    indent(root)
    body = etree.tostring(root, encoding="unicode")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' + "".join(f"{pi}\n" for pi in processing_instructions)
    return (head + str(body) + "\n").encode("utf-8")


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def _mode_for(path: Path) -> int:
    """The mode a new file gets from the umask, or the mode of the file it replaces."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_UMASK


TEMP_PREFIX = ".teikit-"
_TEMP_RE = re.compile(r"\.teikit-[a-z0-9_]{8}\.tmp")


def is_temporary(name: str) -> bool:
    """Whether ``name`` is one of :func:`write_atomic`'s temporary files (debris if it is still there)."""
    return _TEMP_RE.fullmatch(name) is not None


def remove_temporaries(folder: Path) -> set[str]:
    """Delete what killed writes left in ``folder`` (not below it; never another program's file).

    Returns the names of the regular files that remain, so a caller that
    looked here need not ``stat`` each file it expects (one look, not one per file).
    """
    try:
        with os.scandir(folder) as entries:  # a site of 10,000 records has 50,000 names here: no loop body
            names = {entry.name for entry in entries if entry.is_file(follow_symlinks=False)}
    except OSError:
        return set()
    if ".tmp/" not in "/".join(names) + "/":  # no name ends in .tmp: one search, not a look at each name
        return names
    for name in [name for name in names if name.startswith(TEMP_PREFIX) and is_temporary(name)]:
        (folder / name).unlink(missing_ok=True)
        names.discard(name)
    return names


def inside(root: Path, name: str) -> Path:
    """The path of ``name`` under ``root``, refusing any that would leave ``root``.

    ``name`` must be relative, with no ``..``, and no folder on the way may be a
    symbolic link that leads out of ``root`` (a link as the last part is the
    link itself, which is inside).

    Raises:
        InputError: ``name`` would reach outside ``root``.
    """
    relative = Path(name)
    problem = ""
    if not name or relative.is_absolute() or relative.drive or any(part in ("..", "") for part in relative.parts):
        problem = "is not a plain relative path"
    else:
        base = root.resolve()
        parent = (root / relative).parent.resolve()
        if parent != base and base not in parent.parents:
            problem = "leads outside through a symbolic link"
    if problem:
        raise InputError(
            f"{name!r} {problem}; teikit only writes and deletes inside the output folder",
            Location(str(root)),
            "path-outside-output",
        )
    return root / relative


def remove_output(root: Path, name: str) -> bool:
    """Delete ``root/name`` if it is inside ``root`` (see :func:`inside`); False if refused or failed.

    Never follows a link: a link named ``name`` is removed, not what it points to.
    """
    try:
        path = inside(root, name)
    except InputError:
        return False
    try:
        if path.is_symlink() or path.is_file():
            path.unlink(missing_ok=True)
    except OSError:
        return False
    return True


def refuse_overwrite(path: Path) -> None:
    """Raise when ``path`` exists: the user's file is never replaced silently.

    Raises:
        OutputExistsError: ``path`` exists.
    """
    if path.exists():
        raise OutputExistsError(
            "exists already; teikit never replaces it silently (use --force to overwrite)",
            Location(str(path)),
            "output-exists",
        )


def refuse_input(target: Path, inputs: Iterable[Path]) -> None:
    """Raise when ``target`` is one of the files being read: not even ``--force`` replaces an input.

    Files are compared by device and inode (one ``stat`` each, no path
    resolution: a run over 100,000 files must not resolve every path), so a
    symbolic or hard link to an input is that input too. A target that does
    not exist yet is no file being read.

    Raises:
        OutputExistsError: ``target`` is (or links to) one of ``inputs``.
    """
    try:
        found = os.stat(target)
    except (OSError, ValueError):
        return
    key = (found.st_dev, found.st_ino)
    for path in inputs:
        try:
            other = os.stat(path)
        except (OSError, ValueError):
            continue
        if (other.st_dev, other.st_ino) == key:
            raise OutputExistsError(
                "is one of the input files; teikit never writes over its input: choose another output",
                Location(str(target)),
                "output-is-input",
            )


def write_atomic(path: Path, data: bytes, *, force: bool = False, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    ``durable`` also flushes the data to the disk before the rename, so that
    even a power cut leaves the old or the new file; without it (outputs that
    a rebuild recreates), a killed process still leaves one or the other.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false.
        InputError: the folder cannot be created or written.
    """
    import tempfile  # here: a rebuild that writes nothing does not load it (with shutil, random, bz2, lzma)

    if not force:
        refuse_overwrite(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=path.parent)
        try:
            os.fchmod(handle, _mode_for(path))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                if durable:
                    os.fsync(stream.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", Location(str(path)), "output-unwritable") from exc
