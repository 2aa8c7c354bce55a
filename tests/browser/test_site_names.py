"""A site whose records have hostile file names, in a real browser: no script runs, every link resolves, search works."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from teikit.publish.build import build_site

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent.parent
SEED_TEI = ROOT / "tei" / "wilson-111240.xml"
NAMES = [
    "javascript:alert(document.domain);({})",
    "a#b",
    "a?b",
    "a%20b",
    "__proto__",
    "a__b",
    "a\nb",
    "x'onmouseover=alert(1)",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tei = tmp_path_factory.mktemp("tei")
    seed = SEED_TEI.read_text(encoding="utf-8")
    for index, name in enumerate(NAMES):
        (tei / f"{name}.xml").write_text(
            seed.replace('<idno type="delo">329</idno>', f'<idno type="delo">77700{index}</idno>'),
            encoding="utf-8",
        )
    (tei / "sub").mkdir()
    (tei / "sub" / "b.xml").write_text(seed, encoding="utf-8")
    site = tmp_path_factory.mktemp("site")
    report = build_site(tei, site, jobs=1)
    assert len(report.of("built")) == len(NAMES) + 1, [d for o in report.of("failed") for d in o.diagnostics]
    return site


def _links_resolve(page, site: Path) -> int:  # type: ignore[no-untyped-def]
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    for href in hrefs:
        url = urlparse(href)
        assert url.scheme == "file", href
        target = Path(unquote(url.path))
        assert target.is_file() and site in target.parents, href
        if url.fragment and target.suffix == ".html":
            assert f'id="{unquote(url.fragment)}"' in target.read_text(encoding="utf-8"), href
    return len(hrefs)


def test_hostile_names_run_no_script_and_every_link_resolves(page, site: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((site / "index.html").as_uri())
    rows = page.locator("#records tbody tr")
    assert rows.count() == len(NAMES) + 1
    # Four links a row; the skip link and the four sections of the site navigation.
    assert _links_resolve(page, site) == 4 * (len(NAMES) + 1) + 5
    for index in range(len(NAMES) + 1):
        for link in rows.nth(index).locator("a").all():
            link.hover()
    page.fill("#search", "777003")
    assert page.locator("#records tbody tr:visible").count() == 1
    assert page.locator("#search-status").inner_text() == f"1 of {len(NAMES) + 1} records"
    page.fill("#search", "stalin")
    assert page.locator("#records tbody tr:visible").count() == len(NAMES) + 1
    page.screenshot(path=str(artifacts / "site-hostile-names.png"))
    first = page.locator("#records tbody tr td.title a").first
    first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.locator("h1").count() == 1
    page.goto((site / "persons.html").as_uri())
    assert _links_resolve(page, site) > len(NAMES)
    assert dialogs == [] and page.errors == []
