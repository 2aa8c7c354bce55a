"""``teikit build`` touches only what it made: manifests, debris, names, overlapping folders."""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit.cli import cli
from teikit.core.errors import InputError
from teikit.core.serialize import inside, write_atomic
from teikit.publish.build import build_site
from teikit.publish.keys import is_record_key, outputs_of, record_key
from teikit.publish.manifest import LEGACY_NAME, MANIFEST_NAME, pack_entry
from teikit.publish.paging import SITE_FILE_RE

ROOT = Path(__file__).resolve().parent.parent
SEED_TEI = ROOT / "tei" / "wilson-111240.xml"
HOSTILE_NAMES = ["javascript:x", "a#b", "a?b", "a%20b", "__proto__", "a__b", "a\nb", "-rf", "con", "a b"]


def seed_copy(path: Path, number: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = SEED_TEI.read_text(encoding="utf-8").replace(
        '<idno type="record">111240</idno>', f'<idno type="record">{number}</idno>'
    )
    path.write_text(text, encoding="utf-8")
    return path


def built_site(tmp_path: Path, count: int = 2) -> tuple[Path, Path]:
    tei, site = tmp_path / "tei", tmp_path / "site"
    for index in range(count):
        seed_copy(tei / f"record-{index}.xml", f"9{index}")
    build_site(tei, site, jobs=1)
    return tei, site


def tamper(site: Path, key: str, outputs: object) -> None:
    with sqlite3.connect(site / MANIFEST_NAME) as connection:
        connection.execute("UPDATE records SET outputs = ? WHERE key = ?", (outputs, key))
    connection.close()


# Before the fix, _remove_stale unlinked every name the manifest listed: all three were deleted.
# Now a row names its outputs only as bits of the key scheme's names: no other name can be written there.
@pytest.mark.parametrize("target", ["../victim.txt", "ABSOLUTE", "link/victim.txt"])
def test_a_tampered_manifest_never_deletes_outside_the_site(tmp_path: Path, target: str) -> None:
    tei, site = built_site(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (site / "link").symlink_to(tmp_path)
    name = str(victim) if target == "ABSOLUTE" else target
    tamper(site, "record-0", json.dumps([*outputs_of("record-0"), name]))
    tamper(site, "record-1", (1 << 40) | 63)
    for path in tei.iterdir():
        path.unlink()
    report = build_site(tei, site, jobs=1)
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not report.of("failed")


def test_a_record_gone_takes_exactly_its_outputs(tmp_path: Path) -> None:
    tei, site = built_site(tmp_path)
    (tei / "record-0.xml").unlink()
    build_site(tei, site, jobs=1)
    assert not any(site.rglob("record-0.*")) and (site / "record-1.html").is_file()


@pytest.mark.parametrize(
    "records",
    [
        [],
        {"record-0": {"tei_hash": 5, "outputs": 7}},
        {"record-0": {"tei_hash": "x", "outputs": ["a"], "entry": {"key": "record-0", "evil": 1}}},
        {"../x": {"tei_hash": "x", "outputs": ["../x.html"]}},
        {"record-0": "nothing"},
    ],
)
def test_a_malformed_manifest_is_ignored_not_a_crash(tmp_path: Path, records: object) -> None:
    # Before the fix: AttributeError (records a list), TypeError (outputs a number, an unknown entry key).
    # The JSON manifest of earlier versions is taken over through the same checks.
    tei, site = built_site(tmp_path)
    (site / MANIFEST_NAME).unlink()
    manifest = {"format": 1, "toolchain": "", "title": "", "records": records}
    (site / LEGACY_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    for force in (False, True):
        report = build_site(tei, site, jobs=1, force=force)
        assert len(report.of("built")) == 2 and not report.of("failed")
        assert not (site / LEGACY_NAME).exists()


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("outputs", "seven"),
        ("outputs", "not json"),
        ("entry", '{"key": "record-0", "evil": 1}'),
        ("entry", pack_entry({"key": "record-0", "evil": 1}, {})),
        ("entry", b"\x00" + zlib.compress(b"[" * 10**7)),
        ("entry", b"\x07" + zlib.compress(b"[]")),
        ("tei_hash", "x"),
        ("outputs", 1 << 40),
        ("size", "x"),
        ("key", "../x"),
    ],
)
def test_a_malformed_manifest_row_is_dropped_and_rebuilt(tmp_path: Path, column: str, value: object) -> None:
    tei, site = built_site(tmp_path)
    with sqlite3.connect(site / MANIFEST_NAME) as connection:
        connection.execute(f"UPDATE records SET {column} = ? WHERE key = 'record-0'", (value,))
    connection.close()
    # A new title rewrites the index pages, which read every entry: a tampered one is never used.
    report = build_site(tei, site, jobs=1, title="Another title")
    assert [outcome.key for outcome in report.of("built")] == ["record-0"] and not report.of("failed")
    assert "evil" not in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("garbage", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\xff" * 200])
def test_a_manifest_that_is_not_a_database_is_replaced(tmp_path: Path, garbage: bytes) -> None:
    tei, site = built_site(tmp_path)
    (site / MANIFEST_NAME).write_bytes(garbage)
    assert len(build_site(tei, site, jobs=1).of("built")) == 2
    assert len(build_site(tei, site, jobs=1).of("skipped")) == 2


def test_a_link_in_the_manifests_place_is_removed_not_followed(tmp_path: Path) -> None:
    tei, site = built_site(tmp_path)
    victim = tmp_path / "victim.db"
    victim.write_bytes(b"someone else's")
    (site / MANIFEST_NAME).unlink()
    (site / MANIFEST_NAME).symlink_to(victim)
    (site / (MANIFEST_NAME + "-wal")).symlink_to(victim)
    build_site(tei, site, jobs=1)
    assert victim.read_bytes() == b"someone else's"
    assert not (site / MANIFEST_NAME).is_symlink() and (site / MANIFEST_NAME).is_file()


def test_debris_is_only_teikits_own_temporary_files(tmp_path: Path) -> None:
    # Before the fix every '.*.tmp' under -o was deleted (rglob), editors' drafts included.
    tei, site = tmp_path / "tei", tmp_path / "docs"
    seed_copy(tei / "record.xml", "1")
    foreign = [site / ".notes.md.tmp", site / "sub" / ".draft.tmp", site / "tei" / ".x.tmp"]
    for path in foreign:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("mine", encoding="utf-8")
    debris = site / ".teikit-abcd1234.tmp"
    debris.write_text("half", encoding="utf-8")
    build_site(tei, site, jobs=1)
    assert all(path.read_text(encoding="utf-8") == "mine" for path in foreign)
    assert not debris.exists()


def test_the_temporary_name_fits_beside_a_255_byte_name(tmp_path: Path) -> None:
    # Before the fix the temporary name was '.NAME.XXXXXXXX.tmp': over 255 bytes for a 241-byte name.
    target = tmp_path / ("n" * 255)
    write_atomic(target, b"data")
    assert target.read_bytes() == b"data"


def test_inside_refuses_every_way_out(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "out").symlink_to(tmp_path)
    for name in ("../x", "/etc/passwd", "a/../../x", "out/x", "", "out/../../x"):
        with pytest.raises(InputError):
            inside(tmp_path / "site", name)
    assert inside(tmp_path / "site", "tei/k.xml") == tmp_path / "site" / "tei" / "k.xml"


def test_keys_are_injective_url_safe_and_never_a_scheme() -> None:
    root = Path("/r")
    paths = [root / f"{name}.xml" for name in HOSTILE_NAMES] + [root / "a" / "b.xml", root / "a_" / "b.xml"]
    paths += [root / "a" / "_b.xml", root / ".a.b.xml", root / f"{'é' * 200}.xml", root / f"{'é' * 200}x.xml"]
    keys = [record_key(path, root) for path in paths]
    assert len(set(keys)) == len(keys)
    for key in keys:
        assert is_record_key(key) and ":" not in key and not key.startswith(".")
        assert len(f".teikit-12345678.tmp{key}.html".encode()) < 255
    assert record_key(root / "a__b.xml", root) != record_key(root / "a" / "b.xml", root)
    assert record_key(root / "sub" / "record.xml", root) == "sub__record"


def test_two_records_never_share_a_page(tmp_path: Path) -> None:
    # Before the fix tei/a__b.xml and tei/a/b.xml both became a__b: "built 2", one page lost.
    tei, site = tmp_path / "tei", tmp_path / "site"
    seed_copy(tei / "a__b.xml", "1")
    seed_copy(tei / "a" / "b.xml", "2")
    report = build_site(tei, site, jobs=1)
    assert len(report.of("built")) == 2
    pages = sorted(path.name for path in site.glob("*.html") if not SITE_FILE_RE.fullmatch(path.name))
    assert len(pages) == 2
    contents = {(site / page).read_text(encoding="utf-8").count("111240") for page in pages}
    assert len(pages) == 2 and contents


def test_names_differing_in_case_fail_instead_of_overwriting(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    seed_copy(tei / "Rec.xml", "1")
    seed_copy(tei / "rec.xml", "2")
    report = build_site(tei, site, jobs=1)
    assert len(report.of("built")) == 1
    assert [d.code for outcome in report.of("failed") for d in outcome.diagnostics] == ["key-collision"]


@pytest.mark.parametrize("layout", ["same", "site-inside", "tei-is-the-copies"])
def test_site_and_tei_folders_may_not_overlap(tmp_path: Path, layout: str) -> None:
    # Before the fix 'build tei -o tei' republished its own output and grew on every run.
    tei = tmp_path / "tei"
    seed_copy(tei / "record.xml", "1")
    site = {"same": tei, "site-inside": tei / "site", "tei-is-the-copies": tmp_path}[layout]
    result = CliRunner().invoke(cli, ["build", str(tei), "-d", str(site), "--jobs", "1"])
    assert result.exit_code == 2, result.output
    assert "overlap" in result.stderr
    assert sorted(path.name for path in tei.rglob("*")) == ["record.xml"]


def test_a_hostile_record_name_gives_relative_links_only(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    for index, name in enumerate(HOSTILE_NAMES):
        seed_copy(tei / f"{name}.xml", str(index))
    report = build_site(tei, site, jobs=1)
    assert len(report.of("built")) == len(HOSTILE_NAMES)
    for page in ("index.html", "persons.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert "javascript:" not in text and 'href="a#b' not in text
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="javascript~3ax.html"' in index


def test_the_published_tei_loses_its_stylesheet_instruction(tmp_path: Path) -> None:
    # Before the fix the copy kept <?xml-stylesheet?>, which a browser applies (fetching CSS, or blanking the page).
    tei, site = tmp_path / "tei", tmp_path / "site"
    path = seed_copy(tei / "record.xml", "1")
    text = path.read_text(encoding="utf-8")
    declaration_end = text.index("?>") + 2
    text = (
        text[:declaration_end]
        + '\n<?xml-stylesheet type="text/xsl" href="https://example.org/x.xsl"?>'
        + text[declaration_end:]
    )
    path.write_text(text, encoding="utf-8")
    build_site(tei, site, jobs=1)
    published = (site / "tei" / "record.xml").read_text(encoding="utf-8")
    assert "xml-stylesheet" not in published
    assert published == text.replace('<?xml-stylesheet type="text/xsl" href="https://example.org/x.xsl"?>', "")


def test_an_unreadable_sub_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Before the fix rglob skipped it silently. (Made unreadable by a stand-in: root reads every folder.)
    tei, site = tmp_path / "tei", tmp_path / "site"
    seed_copy(tei / "record.xml", "1")
    (tei / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    report = build_site(tei, site, jobs=1)
    assert len(report.of("built")) == 1
    assert [d.code for outcome in report.of("failed") for d in outcome.diagnostics] == ["input-unreadable"]


def test_the_site_may_hold_a_tei_folder_of_another_name(tmp_path: Path) -> None:
    # 'build records -o .' writes KEY.html and tei/KEY.xml beside records/, never into it.
    records = tmp_path / "records"
    seed_copy(records / "record.xml", "1")
    report = build_site(records, tmp_path, jobs=1)
    assert len(report.of("built")) == 1 and (tmp_path / "tei" / "record.xml").is_file()
    assert sorted(path.name for path in records.iterdir()) == ["record.xml"]


def test_an_incremental_build_refuses_a_2_gib_record_without_reading_it(tmp_path: Path) -> None:
    # Before the fix the incremental check hashed the file with read_bytes() first: 2.1 GB of memory.
    import resource

    tei, site = built_site(tmp_path, 1)
    with open(tei / "huge.xml", "wb") as stream:
        stream.truncate(2 * 1024**3)  # sparse: no disk used
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = CliRunner().invoke(cli, ["build", str(tei), "-d", str(site), "--jobs", "1"])
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert result.exit_code == 1, result.output
    assert f"{tei / 'huge.xml'}: error: larger than 256 MiB; teikit does not read it [xml-too-large]" in result.stderr
    # Reading stops one byte past the limit (256 MiB); the whole file would be 2,048.
    assert grown_mib < 1024, f"the build grew by {grown_mib:.0f} MiB"
    assert (site / "record-0.html").is_file()


def test_build_prints_validation_warnings_unless_quiet(tmp_path: Path) -> None:
    tei = tmp_path / "tei"
    text = SEED_TEI.read_text(encoding="utf-8")
    tei.mkdir()
    (tei / "wide.xml").write_text(text.replace("<p>", "<p>" + '<hi rend="bold">w</hi> ' * 1_200, 1), encoding="utf-8")
    for flag, shown in (("", 1), ("-q", 0)):
        site = tmp_path / f"site{flag}"
        result = CliRunner().invoke(cli, ["build", str(tei), "-d", str(site), "--jobs", "1", *([flag] if flag else [])])
        assert result.exit_code == 0, result.output
        # The seed's own warnings (its leaves do not fit its page breaks) come too, and go with -q.
        assert result.stderr.count("[rng-windows]") == shown
        assert (": warning: " in result.stderr) == bool(shown)
