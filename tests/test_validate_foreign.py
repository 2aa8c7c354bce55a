"""``validate --schema tei_all`` on the conformance corpus says what jing says.

Files: the hand-made files of tests/conformance, the two letters, the 24 FRUS
documents wrapped as their volumes hold them, and the same 24 as bare
``<div>`` fragments (namespaces declared), which tei_all rejects at the root.
For every file the verdict agrees, and so do the errors: the same number, each
naming the same element or attribute (with its prefix), on the same line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from conformance.frus import fragment as cut
from conformance.frus import wrap
from conftest import CORPUS, ROOT, TEI_ALL
from teikit.check.validate import Validator

_JING_RE = re.compile(
    r'^(?P<file>.+?):(?P<line>\d+):\d+: error: (?P<kind>attribute|element) "(?P<name>[^"]+)" not allowed'
)
_OURS_RE = re.compile(r"^(?P<kind>attribute|element) [@<](?P<name>[^\s>]+)>? is not allowed")


def _corpus(tmp_path: Path) -> list[Path]:
    if not (CORPUS.is_dir() and TEI_ALL.is_file()):
        pytest.skip("the shared corpus or tei_all.rng is absent; clone teikit next to 'shared/'")
    files = sorted((ROOT / "tests" / "conformance").glob("*.xml")) + sorted((CORPUS / "tei-foreign").glob("*.xml"))
    for source in sorted((CORPUS / "frus" / "xml").glob("*.xml")):
        wrapped = tmp_path / f"{source.stem}.volume.xml"
        wrapped.write_bytes(wrap(source))
        fragment = tmp_path / f"{source.stem}.fragment.xml"
        fragment.write_bytes(cut(source))
        files += [wrapped, fragment]
    return files


def test_tei_all_verdicts_and_messages_agree_with_jing(tmp_path: Path) -> None:
    jing = shutil.which("jing")
    if not jing:
        pytest.skip("jing is not installed (Debian package 'jing'; .ci/run installs it)")
    files = _corpus(tmp_path)
    assert len(files) == 6 + 2 + 24 * 2
    completed = subprocess.run([jing, str(TEI_ALL), *map(str, files)], capture_output=True, text=True, check=False)
    theirs: dict[str, Counter[tuple[int, str, str]]] = {str(path): Counter() for path in files}
    for line in completed.stdout.splitlines():
        match = _JING_RE.match(line)
        assert match or ": error:" not in line, f"a jing message this test does not read: {line}"
        if match:
            theirs[match["file"]][(int(match["line"]), match["kind"], match["name"])] += 1
    validator = Validator(TEI_ALL)
    for path in files:
        ours: Counter[tuple[int, str, str]] = Counter()
        result = validator.check_file(path)
        for diagnostic in result.diagnostics:
            match = _OURS_RE.match(diagnostic.message)
            assert match and diagnostic.location, str(diagnostic)
            ours[(diagnostic.location.line, match["kind"], match["name"])] += 1
        assert result.valid == (not theirs[str(path)]), path.name
        assert ours == theirs[str(path)], path.name


def test_a_frus_fragment_is_told_its_root(tmp_path: Path) -> None:
    files = [path for path in _corpus(tmp_path) if path.name == "frus1969-76v12-d157.fragment.xml"]
    messages = [d.message for d in Validator(TEI_ALL).check_file(files[0]).diagnostics]
    assert messages[0] == "element <div> is not allowed as the root; expected <TEI> or <teiCorpus>"
    assert "attribute @frus:doc-dateTime-min is not allowed on <div>" in messages
    assert "attribute @frus:doc-dateTime-max is not allowed on <div>" in messages
