"""Finding the input files: the walk gives what ``Path.rglob`` gave, in the same order."""

from __future__ import annotations

import os
from pathlib import Path

from teikit.core.sources import find_inputs, find_xml, is_url


def rglob_xml(folder: Path) -> list[Path]:
    """What teikit did before: every ``*.xml`` file under the folder, sorted."""
    return sorted(child for child in folder.rglob("*.xml") if child.is_file())


def test_the_walk_finds_what_rglob_finds_in_its_order(tmp_path: Path) -> None:
    root = tmp_path / "tei"
    for name in ["b.xml", "a-b.xml", "a/b.xml", "a/c/d.xml", "A.xml", ".hidden.xml", "z/notes.txt", "x.XML"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("<TEI/>", encoding="utf-8")
    (root / "folder.xml").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "linked.xml").write_text("<TEI/>", encoding="utf-8")
    os.symlink(tmp_path / "elsewhere", root / "linked-folder")  # a link to a folder is not followed
    os.symlink(tmp_path / "elsewhere" / "linked.xml", root / "link.xml")  # a link to a file is a file
    os.symlink(tmp_path / "missing.xml", root / "dangling.xml")
    found = find_xml([root])
    assert found == rglob_xml(root)
    assert [path.relative_to(root).as_posix() for path in found] == [
        ".hidden.xml",
        "A.xml",
        "a/b.xml",
        "a/c/d.xml",
        "a-b.xml",
        "b.xml",
        "link.xml",
    ]


def test_files_are_kept_as_given_and_urls_are_urls(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_text("<TEI/>", encoding="utf-8")
    assert find_xml([tmp_path / "a.xml", tmp_path / "missing.xml"]) == [tmp_path / "a.xml", tmp_path / "missing.xml"]
    assert find_inputs([tmp_path]) == [str(tmp_path / "a.xml")]
    assert is_url("s3://bucket/tei") and is_url("file:///data") and not is_url("C:/tei") and not is_url("tei/")
    assert not is_url(Path("memory://x"))
