"""The Dask backend builds the same site as the local pool, byte for byte, and validates to the same report."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from teikit.core.workers import DaskExecutor, LocalPool
from teikit.publish.build import build_site

pytest.importorskip("distributed", reason="Dask is not installed (pip install -e '.[dask]')")

ROOT = Path(__file__).resolve().parent.parent
SEED_TEI = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")


def make_records(tei: Path, count: int) -> None:
    tei.mkdir(parents=True)
    for index in range(count):
        text = SEED_TEI.replace('<idno type="record">111240</idno>', f'<idno type="record">{index}</idno>')
        if index == 3:
            text = text.replace('who="#stalin"', 'who="#stalinn"', 1)  # invalid: a failure must travel back too
        (tei / f"record-{index}.xml").write_text(text, encoding="utf-8")


def same_tree(left: Path, right: Path) -> list[str]:
    """Like ``diff -r``: the names that differ, or are on one side only (the manifest left out)."""
    comparison = filecmp.dircmp(left, right, ignore=[".teikit-manifest.sqlite"])
    differences: list[str] = []

    def walk(found: filecmp.dircmp[str], prefix: str) -> None:
        differences.extend(prefix + name for name in found.left_only + found.right_only + found.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(found.left, found.right, found.common_files, shallow=False)
        differences.extend(prefix + name for name in mismatch + errors)
        for name, sub in found.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(comparison, "")
    return differences


def test_dask_builds_the_site_the_local_pool_builds(tmp_path: Path) -> None:
    tei = tmp_path / "tei"
    make_records(tei, 6)
    local = build_site(tei, tmp_path / "local", executor=LocalPool(jobs=2, serial_below=1))
    with DaskExecutor(workers=2, chunk_size=2) as executor:
        remote = build_site(tei, tmp_path / "dask", executor=executor)
    assert [(o.key, o.status) for o in remote.outcomes] == [(o.key, o.status) for o in local.outcomes]
    assert [str(d) for o in remote.outcomes for d in o.diagnostics] == [
        str(d) for o in local.outcomes for d in o.diagnostics
    ]
    assert len(local.of("built")) == 5 and len(local.of("failed")) == 1
    assert same_tree(tmp_path / "local", tmp_path / "dask") == []
    assert (tmp_path / "dask" / "record-0.html").stat().st_size > 1000


def test_the_cli_builds_on_a_local_dask_cluster(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from teikit.cli import cli

    tei = tmp_path / "tei"
    make_records(tei, 4)
    result = CliRunner().invoke(cli, ["build", str(tei), "-d", str(tmp_path / "site"), "--dask", "-j", "2", "-q"])
    assert result.exit_code == 1, result.output  # record-3 is invalid
    assert sorted(path.name for path in (tmp_path / "site").glob("record-*.html")) == [
        f"record-{index}.html" for index in range(3)
    ]


def test_dask_validates_as_the_local_pool_does(tmp_path: Path, corpus: Path) -> None:
    """The JSON report of ``validate --dask`` is the local pool's, on real TEI (the FRUS documents, TEI from
    other projects, the seed) and on invalid files: a wrong pointer, a truncated file, an empty one."""
    from click.testing import CliRunner

    from teikit.cli import cli

    tei = tmp_path / "tei"
    tei.mkdir()
    for source in [*(corpus / "frus" / "xml").glob("*.xml"), *(corpus / "tei-foreign").glob("*.xml")]:
        shutil.copy(source, tei / source.name)
    (tei / "seed.xml").write_text(SEED_TEI, encoding="utf-8")
    (tei / "pointer.xml").write_text(SEED_TEI.replace('who="#stalin"', 'who="#stalinn"', 1), encoding="utf-8")
    (tei / "truncated.xml").write_text(SEED_TEI[: len(SEED_TEI) // 3], encoding="utf-8")
    (tei / "empty.xml").write_bytes(b"")
    schemas = ["--schema", str(ROOT / "schemas" / "teikit.rng"), "--schematron", str(ROOT / "schemas" / "teikit.sch")]
    command = ["validate", str(tei), *schemas, "--format", "json", "-j", "2"]
    local = CliRunner().invoke(cli, command)
    remote = CliRunner().invoke(cli, [*command, "--dask"])
    assert local.exit_code == 1 and remote.exit_code == 1, remote.output
    assert remote.stdout == local.stdout
    for name in ["frus1969-76v12-d157.xml", "escher-K_0039.xml", "pointer.xml", "truncated.xml", "empty.xml"]:
        assert f'{name}"' in local.stdout, name
