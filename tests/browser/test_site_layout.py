"""Every page of a built site in a real browser: one layout, navigation from record pages,
no horizontal overflow on a phone, keyboard focus, lang, and axe-core's verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import convert
from teikit.core.serialize import to_bytes
from teikit.publish.build import build_site

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent.parent
WIDTHS = (320, 375, 768)
#: How far the page is wider than its viewport (0 when nothing scrolls sideways).
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    tei = tmp_path_factory.mktemp("tei")
    (tei / "wilson-111240.xml").write_bytes((ROOT / "tei" / "wilson-111240.xml").read_bytes())
    for record in sorted((corpus / "records").glob("*.txt")):
        (tei / (record.stem + ".xml")).write_bytes(to_bytes(convert(record)[0].tree))
    site = tmp_path_factory.mktemp("site")
    report = build_site(tei, site, jobs=1, title="Test edition")
    assert len(report.of("built")) == 4, [d for o in report.of("failed") for d in o.diagnostics]
    return site


def _pages(site: Path) -> list[Path]:
    """One page of each type: the index, the persons register, every record."""
    pages = ("index.html", "persons.html", "places.html", "organisations.html")
    records = sorted(path for path in site.glob("*.html") if path.name not in pages)
    return [site / name for name in pages] + records


def test_every_record_page_leads_to_the_index_the_registers_its_downloads_and_its_neighbours(
    page,  # type: ignore[no-untyped-def]
    site: Path,
) -> None:
    records = _pages(site)[4:]
    assert len(records) == 4
    reached: list[str] = []
    page.goto(records[0].as_uri())
    while True:
        reached.append(Path(page.url).name)
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator(".tk-breadcrumb a").get_attribute("href") == "index.html"
        assert page.locator(".tk-breadcrumb [aria-current=page]").text_content() == page.locator("h1").text_content()
        assert page.locator(".tk-site-nav a:text-is('Persons')").get_attribute("href") == "persons.html"
        downloads = page.locator(".tk-downloads a")
        assert [downloads.nth(n).inner_text() for n in range(downloads.count())] == [
            "TEI XML",
            "Reading text",
            "Diplomatic text",
            "CSL-JSON",
            "BibTeX",
        ]
        for n in range(downloads.count()):
            assert (site / str(downloads.nth(n).get_attribute("href"))).is_file()
        following = page.locator("a[rel=next]")
        if not following.count():
            break
        following.click()
        page.wait_for_load_state()
        assert page.locator("a[rel=prev]").get_attribute("href") == reached[-1]
    assert reached == [path.name for path in records]
    page.click(".tk-breadcrumb a:text-is('Records')")
    assert page.url.endswith("/index.html")
    page.click(".tk-site-nav a:text-is('Persons')")
    assert page.url.endswith("/persons.html")
    assert page.locator(".tk-site-nav a[aria-current=page]").inner_text() == "Persons"
    mention = page.locator(".mentions a.tk-mention[href^='wilson-111240.html#']").first
    target = str(mention.get_attribute("href")).split("#")[1]
    mention.click()
    assert page.url.split("#")[0].endswith("wilson-111240.html")
    assert page.locator(f"[id='{target}']").count() == 1
    assert page.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_a_phone(page, site: Path, width: int, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 800})
    for path in _pages(site):
        page.goto(path.as_uri())
        assert page.evaluate(OVERFLOW) <= 0, (path.name, width)
    page.goto((site / "wilson-111240.html").as_uri())
    page.screenshot(path=str(artifacts / f"site-record-{width}.png"))
    page.goto((site / "index.html").as_uri())
    page.screenshot(path=str(artifacts / f"site-index-{width}.png"))


def test_skip_link_and_visible_focus_on_every_control(page, site: Path) -> None:  # type: ignore[no-untyped-def]
    for path in _pages(site)[:3]:
        page.goto(path.as_uri())
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.className")
        assert focused == "tk-skip", path.name
        assert page.locator(".tk-skip").bounding_box()["y"] >= 0  # type: ignore[index]
        page.keyboard.press("Enter")
        assert page.evaluate("() => location.hash") == "#tk-main"
    # Every control reached by Tab shows a focus ring: on itself, or on the label that stands for it.
    page.goto((site / "wilson-111240.html").as_uri())
    for _ in range(12):
        page.keyboard.press("Tab")
        ring = page.evaluate(
            """() => {
              const element = document.activeElement;
              const shown = element.matches('.tk-toggle') ? document.querySelector(`label[for="${element.id}"]`) : element;
              const style = getComputedStyle(shown);
              return [element.tagName + '#' + element.id, style.outlineStyle, parseFloat(style.outlineWidth)];
            }"""
        )
        assert ring[1] != "none" and ring[2] >= 2, ring


def test_lang_of_every_part(page, site: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "wilson-111240.html").as_uri())
    assert page.locator("section.tk-edition").get_attribute("lang") == "en"
    languages = page.evaluate(
        """() => Array.from(document.querySelectorAll('.tk-original .tk-note-inline'))
                 .map(note => [note.closest('[lang]').lang, note.textContent])"""
    )
    assert languages, "the original has the archive's notes"
    archive = [lang for lang, text in languages if "Handwritten signature" in text]
    assert archive and set(archive) == {"en"}
    russian = page.evaluate("() => document.querySelector('.tk-original p').closest('[lang]').lang")
    assert russian == "ru"
    assert page.locator(".tk-meta dt").first.get_attribute("lang") == "en"


def test_axe_finds_no_serious_violation_on_any_page_type(page, site: Path) -> None:  # type: ignore[no-untyped-def]
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="the test extra installs it")
    axe = axe_module.Axe()
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for path in _pages(site):
            page.goto(path.as_uri())
            results = axe.run(page)
            serious = [
                (violation["id"], [node["target"] for node in violation["nodes"]][:3])
                for violation in results.response["violations"]
                if violation["impact"] in ("serious", "critical")
            ]
            assert serious == [], (path.name, width, serious)


@pytest.mark.parametrize(
    ("ui_lang", "words"),
    [
        (
            "de",
            {
                "records": "Dokumente",
                "downloads": "Downloads",
                "reading": "Lesetext",
                "none": "Kein Dokument passt zu „zzzq“",
                "column": "Übersetzung (Englisch)",
            },
        ),
        (
            "ru",
            {
                "records": "Документы",
                "downloads": "Файлы для загрузки",
                "reading": "Текст для чтения",
                "none": "Нет документов по запросу «zzzq»",
                "column": "Перевод (английский)",
            },
        ),
    ],
)
def test_the_interface_in_german_and_russian(
    page,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    ui_lang: str,
    words: dict[str, str],
) -> None:
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "wilson-111240.xml").write_bytes((ROOT / "tei" / "wilson-111240.xml").read_bytes())
    site = tmp_path / "site"
    assert not build_site(tei, site, jobs=1, title="Edition", ui_lang=ui_lang).exit_code
    page.goto((site / "index.html").as_uri())
    assert page.locator("html").get_attribute("lang") == ui_lang
    assert page.locator(".tk-site-nav a[aria-current=page]").inner_text() == words["records"]
    page.fill("#search", "zzzq")
    assert page.locator("#search-status").inner_text() == words["none"]
    assert page.locator("#records tbody tr:visible").count() == 0
    page.fill("#search", "")
    page.click("#records td.title a")
    assert page.locator("html").get_attribute("lang") == ui_lang
    assert page.locator("#tk-downloads").inner_text() == words["downloads"]
    assert page.locator(".tk-downloads a").nth(1).inner_text() == words["reading"]
    assert page.locator("label[for=tk-view-translation]").inner_text() == words["column"]
    # The record's own words keep their language whatever the interface's.
    assert page.locator("h1").get_attribute("lang") == "en"
    assert page.evaluate("() => document.querySelector('.tk-original p').closest('[lang]').lang") == "ru"
    assert page.evaluate("() => document.querySelector('.tk-translation p').closest('[lang]').lang") == "en"
    assert page.errors == []


def test_cite_this_turn(page, site: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "wilson-111240.html").as_uri())
    assert page.locator("#tk-turn-citation").is_hidden()
    record = page.locator("#tk-citation").inner_text()
    page.click("#en-sp38 .tk-turn-link")
    turn = page.locator("#tk-turn-citation")
    assert turn.is_visible()
    assert turn.inner_text().startswith(record.split(" file:")[0][:60])
    assert turn.inner_text().endswith("wilson-111240.html#en-sp38")
    assert "(en-sp38)" in turn.inner_text()
    assert page.errors == []
