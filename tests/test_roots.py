"""Which files are TEI: the root element's name, read from the first bytes of the file only."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.check.roots import root_name, split_foreign

TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>'


@pytest.mark.parametrize(
    ("text", "root"),
    [
        (TEI, "TEI"),
        ('<?xml version="1.0"?>\n<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"/>', "teiCorpus"),
        # The root after a prolog longer than the pieces the file is read in.
        ("<!--" + "a long licence " * 2_000 + "-->\n<?xml-model href='x.rng'?>\n" + TEI, "TEI"),
        ("<html><body><p>not TEI</p></body></html>", "html"),
        ("<html><p>malformed after the root's start</html>", "html"),
        ("<TEI", None),  # no start tag ever completes
        ("", None),
        ("not XML at all", None),
    ],
)
def test_root_name(tmp_path: Path, text: str, root: str | None) -> None:
    path = tmp_path / "file.xml"
    path.write_text(text, encoding="utf-8")
    assert root_name(path) == root


def test_a_missing_file_has_no_root_and_is_kept_for_validation_to_report(tmp_path: Path) -> None:
    kept, foreign = split_foreign([tmp_path / "missing.xml"])
    assert kept == [tmp_path / "missing.xml"] and foreign == []


def test_foreign_roots_are_set_aside_in_order(tmp_path: Path) -> None:
    names = {"a.xml": TEI, "b.xml": "<html/>", "c.xml": TEI, "d.xml": "<svg xmlns='http://www.w3.org/2000/svg'/>"}
    for name, text in names.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    kept, foreign = split_foreign(sorted(tmp_path.iterdir()))
    assert [path.name for path in kept] == ["a.xml", "c.xml"]
    assert [(Path(item.path).name, item.root) for item in foreign] == [("b.xml", "html"), ("d.xml", "svg")]
