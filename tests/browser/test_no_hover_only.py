"""Nothing only in hover: what a mouse pointer shows, the keyboard and screen readers get too.

Page breaks print their number in the margin (and say "Page 10" to screen
readers); gaps, abbreviations, stamps, marks, handwriting and interventions
take keyboard focus and show their description on focus, exposed through
aria-describedby; register fields are labelled in print. No element of the
text keeps its information in a title attribute. In the interface language.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.publish.render import Options, Renderer

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent.parent

#: kind: (selector of the element, words its description holds in English)
KINDS = {
    "gap": (".tk-gap", "illegible"),
    "abbreviation": ("abbr.tei-abbr", "in full: Central Committee of the Communist Party of China"),
    "stamp": (".tk-stamp", "stamp"),
    "mark": (".tk-metamark", "mark:"),
    "handwriting": (".tk-hand", "handwritten"),
    "supplied": (".tk-supplied", "words supplied"),
    "intervention": (".tk-note-variant", "another form of the name — added by the translator, Danny Rozas"),
}

#: What the focused element's description is and where it shows.
DESCRIPTION = """() => {
  const element = document.activeElement;
  const tip = document.getElementById(element.getAttribute('aria-describedby') || '');
  if (!tip) { return null; }
  const box = tip.getBoundingClientRect();
  return {text: tip.textContent, width: box.width, height: box.height, left: box.left, right: box.right,
          display: getComputedStyle(tip).display, inside: element.contains(tip), lang: tip.lang};
}"""


def _record(folder: Path, ui_lang: str) -> str:
    tei = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")
    tei = tei.replace("<pb/>against imperialist", '<pb n="10"/>against imperialist', 1)
    # Words an editor supplied, without saying who (no @resp): described all the same.
    tei = tei.replace("in the study and oversight", "in the <supplied>careful</supplied> study and oversight", 1)
    assert '<pb n="10"/>' in tei and "<supplied>careful" in tei
    source = folder / "record.xml"
    source.write_text(tei, encoding="utf-8")
    page = folder / f"record-{ui_lang}.html"
    page.write_text(Renderer().render_file(source, Options(to="html", ui_lang=ui_lang)), encoding="utf-8")
    return page.as_uri()


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _record(tmp_path_factory.mktemp("hover"), "en")


def test_no_element_of_the_text_keeps_its_information_in_a_title(page, english: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(english)
    titled = page.evaluate("() => [...document.querySelectorAll('main [title]')].map(e => e.outerHTML.slice(0, 80))")
    assert titled == []


def test_the_page_number_is_printed_in_the_margin_and_spoken(page, english: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(english)
    mark = page.locator(".tk-pb").filter(has=page.locator(".tk-pb-label")).first
    mark.scroll_into_view_if_needed()
    label = mark.locator(".tk-pb-label")
    assert label.is_visible() and label.inner_text() == "10"
    box = label.bounding_box()
    assert box is not None and box["width"] > 0 and box["x"] >= 0
    assert mark.locator(".tk-visually-hidden").text_content() == "Page 10"
    assert label.get_attribute("aria-hidden") == "true"


def test_tab_reaches_every_kind_and_focus_shows_its_description(page, english: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(english)
    found: dict[str, dict[str, object]] = {}
    for _press in range(600):
        page.keyboard.press("Tab")
        kind = page.evaluate(
            "kinds => Object.keys(kinds).find(kind => document.activeElement.matches(kinds[kind]))",
            {kind: selector for kind, (selector, _words) in KINDS.items()},
        )
        if kind and kind not in found:
            found[kind] = page.evaluate(DESCRIPTION)
        if len(found) == len(KINDS):
            break
    assert set(found) == set(KINDS), sorted(set(KINDS) - set(found))
    for kind, (_selector, words) in KINDS.items():
        shown = found[kind]
        assert shown is not None, kind
        assert words in str(shown["text"]), (kind, shown)
        assert shown["inside"] and shown["display"] != "none" and shown["lang"] == "en", (kind, shown)
        # Visible: it has a size, and it is on the screen of a phone.
        assert float(shown["width"]) > 10 and float(shown["height"]) > 5, (kind, shown)  # type: ignore[arg-type]
        assert float(shown["left"]) >= 0 and float(shown["right"]) <= 375, (kind, shown)  # type: ignore[arg-type]
    # Hidden again when focus moves on: it is shown on focus, not always.
    page.locator("h1").click()
    assert page.locator(".tk-tip:visible").count() == 0
    assert page.errors == []


def test_the_descriptions_are_in_the_interface_language(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(_record(tmp_path, "de"))
    tips = page.evaluate("() => [...document.querySelectorAll('.tk-tip')].map(tip => [tip.lang, tip.textContent])")
    assert {lang for lang, _text in tips} == {"de"}
    texts = {text for _lang, text in tips}
    assert "ausgeschrieben: Central Committee of the Communist Party of China" in texts
    assert "handschriftlich" in texts
    assert any(
        text.startswith("andere Form des Namens — hinzugefügt von dem Übersetzer, Danny Rozas") for text in texts
    )
    assert page.locator(".tk-pb .tk-visually-hidden").first.text_content() in ("Seitenwechsel", "Seite 10")


def test_register_fields_are_labelled_in_print(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    html = tmp_path / "registers.html"
    html.write_text(
        Renderer().render_file(ROOT / "tests" / "conformance" / "registers.xml", Options(to="html")), encoding="utf-8"
    )
    page.goto(html.as_uri())
    labels = page.locator(".tk-register .tk-field-label")
    assert [labels.nth(n).inner_text().strip() for n in range(labels.count())] == ["born:", "occupation:", "location:"]
    assert page.locator(".tk-register [title]").count() == 0


def test_axe_finds_nothing_serious_with_descriptions_shown(page, english: str) -> None:  # type: ignore[no-untyped-def]
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="the test extra installs it")
    page.goto(english)
    page.locator(".tk-gap").first.focus()
    results = axe_module.Axe().run(page)
    serious = [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
