"""Schema association travels: converted TEI names schemas that exist in the edition, wherever it is moved."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit.check.validate import Validator
from teikit.cli import cli

PI_RE = re.compile(r'<\?xml-model href="([^"]+)" type="application/xml" schematypens="([^"]+)"\?>')


def _jing() -> str:
    found = shutil.which("jing")
    if not found:
        pytest.skip("jing is not installed (Debian package 'jing'; .ci/run installs it)")
    return found


def _models(path: Path) -> dict[str, str]:
    return {kind.rsplit("/", 2)[-2]: href for href, kind in PI_RE.findall(path.read_text(encoding="utf-8")[:600])}


def test_moved_edition_still_validates_through_its_instructions(seed: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    edition = tmp_path / "here" / "edition"
    assert runner.invoke(cli, ["schema", "export", str(edition)]).exit_code == 0
    converted = runner.invoke(cli, ["convert", str(seed), "-o", str(edition / "tei" / "records" / "seed.xml")])
    assert converted.exit_code == 0, converted.output
    moved = tmp_path / "elsewhere" / "later" / "edition"
    moved.parent.mkdir(parents=True)
    shutil.move(str(edition), str(moved))
    record = moved / "tei" / "records" / "seed.xml"
    models = _models(record)
    assert models == {"structure": "../../schemas/teikit.rng", "dsdl": "../../schemas/teikit.sch"}
    text = record.read_text(encoding="utf-8")
    assert "site-packages" not in text and str(tmp_path) not in text
    rng = (record.parent / models["structure"]).resolve()
    assert Validator(rng, (record.parent / models["dsdl"]).resolve()).check_file(record).valid
    completed = subprocess.run([_jing(), str(rng), str(record)], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout


def test_without_schemas_nearby_no_instruction_and_a_warning(seed: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("TEIKIT_SCHEMA_URL", raising=False)
    target = tmp_path / "seed.xml"
    result = CliRunner().invoke(cli, ["convert", str(seed), "-o", str(target)])
    assert result.exit_code == 0
    assert "xml-model" not in target.read_text(encoding="utf-8")[:600]
    assert "teikit schema export" in result.stderr and "[schema-not-found]" in result.stderr


def test_a_stable_url_from_the_environment(seed: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TEIKIT_SCHEMA_URL", "https://edition.example.org/schemas/1.2/")
    target = tmp_path / "seed.xml"
    assert CliRunner().invoke(cli, ["convert", str(seed), "-o", str(target)]).exit_code == 0
    assert _models(target) == {
        "structure": "https://edition.example.org/schemas/1.2/teikit.rng",
        "dsdl": "https://edition.example.org/schemas/1.2/teikit.sch",
    }


def test_export_refuses_to_replace_an_editions_own_schema(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["schema", "export", str(tmp_path)]).exit_code == 0
    (tmp_path / "schemas" / "teikit.odd").write_text("<TEI/>", encoding="utf-8")
    refused = runner.invoke(cli, ["schema", "export", str(tmp_path)])
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert (tmp_path / "schemas" / "teikit.odd").read_text(encoding="utf-8") == "<TEI/>"
    assert runner.invoke(cli, ["schema", "export", str(tmp_path), "--force"]).exit_code == 0


def test_site_ships_the_schemas_its_tei_copies_name(seed: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    edition = tmp_path / "edition"
    assert runner.invoke(cli, ["schema", "export", str(edition)]).exit_code == 0
    source = edition / "tei" / "letters" / "seed.xml"
    assert runner.invoke(cli, ["convert", str(seed), "-o", str(source)]).exit_code == 0
    site = tmp_path / "site"
    built = runner.invoke(cli, ["build", str(edition / "tei"), "-d", str(site), "--jobs", "1"])
    assert built.exit_code == 0, built.output
    copy = site / "tei" / "letters__seed.xml"
    models = _models(copy)
    assert models == {"structure": "../schemas/teikit.rng", "dsdl": "../schemas/teikit.sch"}
    for href in models.values():
        assert (copy.parent / href).read_bytes() == (edition / "schemas" / Path(href).name).read_bytes()
    completed = subprocess.run(
        [_jing(), str(copy.parent / models["structure"]), str(copy)], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout


def test_a_worker_ships_a_schema_once_and_again_when_it_changes(tmp_path: Path, monkeypatch) -> None:
    from teikit.publish import build

    schema = tmp_path / "schemas" / "teikit.rng"
    schema.parent.mkdir()
    schema.write_text("<grammar/>", encoding="utf-8")
    site, shipped, writes = tmp_path / "site", set(), []
    real = build.write_atomic
    monkeypatch.setattr(build, "write_atomic", lambda path, data, **kw: (writes.append(path), real(path, data, **kw)))
    for _ in range(3):  # three records naming the same schema
        build.ship_schema(site, schema, shipped)
    assert len(writes) == 1
    (site / "schemas" / "teikit.rng").unlink()  # a copy deleted since is copied again
    build.ship_schema(site, schema, shipped)
    schema.write_text("<grammar><start/></grammar>", encoding="utf-8")  # so is an edited schema
    os.utime(schema, ns=(1, 1))
    build.ship_schema(site, schema, shipped)
    assert len(writes) == 3
    assert (site / "schemas" / "teikit.rng").read_text(encoding="utf-8") == "<grammar><start/></grammar>"
