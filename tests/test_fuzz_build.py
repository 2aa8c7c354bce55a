"""Fuzz ``teikit build`` with hostile file names and manifests: nothing outside the site is ever deleted.

Each example lays out a TEI folder whose records have generated names, a site
folder holding a generated manifest (names with ``..``, absolute paths, paths
through a symbolic link that leads out, wrong types) and files beside both
that belong to someone else; then runs the command line twice. Every file
outside the site must be there afterwards with the same bytes, and the command
must end with an exit code, never a traceback.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teikit.cli import cli
from teikit.publish.manifest import LEGACY_NAME, MANIFEST_NAME
from teikit.publish.search import pagefind_executable

ROOT = Path(__file__).resolve().parent.parent
SEED_TEI = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")

segment = st.text(alphabet="ab_.-:#?%~ \n'\"<>&é", min_size=1, max_size=12).filter(
    lambda name: name not in (".", "..") and "/" not in name and not name.startswith(".")
)
record_names = st.lists(st.lists(segment, min_size=1, max_size=2), min_size=1, max_size=3)
hostile_outputs = st.sampled_from(
    ["../victim.txt", "VICTIM", "out/victim.txt", "tei/../../victim.txt", "/", "", "index.html", ".", "tei"]
)
outputs = st.one_of(st.lists(st.one_of(hostile_outputs, segment), max_size=4), st.integers(), st.none())
keys = st.one_of(segment, st.sampled_from(["../x", "/abs", "a__b", "record", "__proto__", "tei"]))
entries = st.one_of(
    st.fixed_dictionaries({}),
    st.fixed_dictionaries({"key": keys, "title": st.text(max_size=5)}),
    st.integers(),
)
manifests = st.one_of(
    st.fixed_dictionaries(
        {
            "format": st.just(1),
            "toolchain": st.text(max_size=3),
            "records": st.one_of(
                st.dictionaries(
                    keys,
                    st.fixed_dictionaries({"tei_hash": st.text(max_size=3), "outputs": outputs, "entry": entries}),
                    max_size=3,
                ),
                st.lists(st.integers(), max_size=2),
            ),
        }
    ),
    st.text(max_size=10),
)


def _snapshot(root: Path, site: Path) -> dict[str, bytes]:
    return {
        str(path): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink() and site not in path.parents
    }


EMPTY_SITE = (
    "index.html",
    "persons.html",
    "places.html",
    "organisations.html",
    "registers-review.txt",
    "search-index-1.json",
    "search-index-1.js",
)
"""The site-wide files of an edition with no records."""


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=record_names, manifest=manifests)
def test_build_never_deletes_outside_the_site(names: list[list[str]], manifest: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        tei, site = root / "tei", root / "site"
        for parts in names:
            path = tei.joinpath(*parts[:-1], parts[-1] + ".xml")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(SEED_TEI, encoding="utf-8")
        (root / "victim.txt").write_text("someone else's", encoding="utf-8")
        (root / "tei" / ".draft.tmp").write_text("an editor's", encoding="utf-8")
        site.mkdir()
        (site / "out").symlink_to(root)
        text = json.dumps(manifest).replace("VICTIM", str(root / "victim.txt"))
        (site / LEGACY_NAME).write_text(text, encoding="utf-8")  # an earlier version's, taken over
        before = _snapshot(root, site)
        for _ in range(2):
            result = CliRunner().invoke(cli, ["build", str(tei), "-d", str(site), "-j", "1", "-q"])
            assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
            assert "Traceback" not in result.output
        shutil.rmtree(tei)  # every record gone: the build deletes what it made, and only that
        tei.mkdir()
        result = CliRunner().invoke(cli, ["build", str(tei), "-d", str(site), "-j", "1", "-q", "--allow-empty"])
        assert result.exit_code == 0, result.output
        after = _snapshot(root, site)
        lost = {name for name in before if name not in after and not name.startswith(str(tei))}
        assert lost == set()
        assert all(after[name] == data for name, data in before.items() if name in after)
        assert (root / "victim.txt").read_text(encoding="utf-8") == "someone else's"
        made = [MANIFEST_NAME, *EMPTY_SITE, "out", "tei"] + (["pagefind"] if pagefind_executable() else [])
        assert sorted(path.name for path in site.iterdir()) == sorted(made)
