"""Tell TEI documents from the other XML files of a repository, by their root element.

Edition repositories hold more XML than TEI: Ant's ``build.xml``, RELAX NG
grammars, XSLT stylesheets, SVG images, Maven's ``pom.xml``. A check run over
"every XML file" (a pre-commit hook, ``teikit validate .``) must leave those
alone and say so, instead of failing on them. A file is TEI when its root
element is ``TEI`` or ``teiCorpus`` (in any namespace, so a TEI document that
forgot its namespace is still checked and told so). Only the start of the
root is read, with the same refusals as :mod:`teikit.core.xmlsafe` (no DTD,
no entities, no network). A file whose root cannot be read is kept: the
validator then reports why it cannot be read.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

from teikit.core.errors import InputError
from teikit.core.sources import is_url

if TYPE_CHECKING:
    from lxml import etree

TEI_ROOTS = frozenset({"TEI", "teiCorpus"})

P = TypeVar("P", str, Path)

# Bytes read at a time while looking for the root element.
_ROOT_CHUNK = 4096


@dataclass(frozen=True)
class Foreign:
    """A file left out because its root is not TEI's."""

    path: str | Path
    root: str

    def __str__(self) -> str:
        return f"{self.path}: skipped, its root <{self.root}> is not TEI or teiCorpus"


def root_name(path: str | Path) -> str | None:
    """The local name of the file's root element; ``None`` when it cannot be read or parsed."""
    from lxml import etree  # here: a run answered from the validation cache reads no root

    # Fed in small pieces and left at the root's start tag: the root is in the first bytes of a file,
    # and parsing the rest only to drop it cost as much as checking the whole record against RELAX NG.
    parser = etree.XMLPullParser(
        events=("start",), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        with _open(path) as stream:
            while chunk := stream.read(_ROOT_CHUNK):
                try:
                    parser.feed(chunk)
                except etree.XMLSyntaxError:  # after the root's start tag, perhaps: its name still counts
                    return next((_local_name(element) for _event, element in parser.read_events()), None)
                for _event, element in parser.read_events():
                    return _local_name(element)
    except (OSError, InputError):
        return None
    return None


def _local_name(element: etree._Element) -> str:
    from lxml import etree

    return str(etree.QName(element).localname)


def _open(path: str | Path) -> AbstractContextManager[IO[bytes]]:
    if is_url(path):
        from teikit.core.remote import open_url

        return open_url(str(path))
    return open(path, "rb")


def split_foreign(paths: list[P]) -> tuple[list[P], list[Foreign]]:
    """The TEI files (and those whose root cannot be read), and the files left out, each in the order given."""
    kept: list[P] = []
    foreign: list[Foreign] = []
    for path in paths:
        root = root_name(path)
        if root is None or root in TEI_ROOTS:
            kept.append(path)
        else:
            foreign.append(Foreign(path, root))
    return kept, foreign
