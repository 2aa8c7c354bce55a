"""Every kind of editorial intervention is visibly the editors', explained by the key, reachable by keyboard.

The seed and FRUS records of the shared corpus are rendered to HTML; for each
kind of intervention the reading view must show its square brackets in the
editors' colour, take keyboard focus, and say on focus what it is and who made
it (from @resp). Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.convert.encode import encode
from teikit.convert.read import read_transcript
from teikit.core.serialize import to_bytes
from teikit.publish.render import Options, Renderer

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent.parent

#: (record, CSS selector of the intervention, words of its hover text, text shown in the reading view)
KINDS = [
    ("seed", ".tei-expan[data-tip]", "expansion of the abbreviation — added by the translator, Danny Rozas", "Central"),
    ("seed", "abbr.tei-abbr[data-tip]", "abbreviation of the words before", "PLA"),
    ("seed", ".tk-note-variant", "another form of the name — added by the translator", "Chiang Kai-shek"),
    ("seed", ".tk-note-identification", "identification", "Nationalist Chinese leader"),
    ("seed", ".tk-note-commentary", "commentary", "which traverses Manchuria"),
    ("seed", ".tk-note-physical", "description of the document", "NOT SECRET"),
    ("seed", ".tei-certainty", "doubtful identification", "?"),
    ("seed", ".tk-gloss", "gloss", "tungsten"),
    ("seed", ".tk-closer[data-tip]", "description of the document", "signature illegible"),
    ("d150", ".tk-supplied", "words supplied", "reported Senate subcommittee"),
    ("d150", ".tei-vocal", "sound heard", "Laughter"),
    ("d150", ".tei-stage", "stage direction", "To Rodman:"),
    ("d150", ".tei-incident", "event", "The meeting ended."),
    ("d150", ".tk-gap[data-tip]", "not declassified: dollar amount", "dollar amount not declassified"),
    ("d204", ".tei-kinesic", "gesture or action", "Looks at folder"),
    ("d146", ".tk-gap[data-tip]", "omitted by the editors", "Omitted here is discussion"),
    ("d36", ".tk-corr", "doubtful correction", "vapid"),
    ("d36", ".tk-note-identification", "identification", "R-Vermont"),
    ("d157", ".tk-corr", "correction", "flanked"),
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> dict[str, str]:
    frus = corpus / "frus" / "records"
    folder = tmp_path_factory.mktemp("interventions")
    renderer = Renderer()
    sources = {"seed": ROOT / "examples" / "records" / "wilson-111240.md"}
    for short in ("d150", "d204", "d146", "d36", "d157"):
        found = sorted(frus.glob(f"frus*-{short}.txt"))
        assert found, f"{short} is not in {frus}"
        sources[short] = found[0]
    pages = {}
    for name, source in sources.items():
        tei = folder / f"{name}.xml"
        tei.write_bytes(to_bytes(encode(read_transcript(source)).tree))
        html = folder / f"{name}.html"
        html.write_text(renderer.render_file(tei, Options(to="html")), encoding="utf-8")
        pages[name] = html.as_uri()
    return pages


SIGN_COLOUR = """element => {
  // Commentary inside an expansion shares the expansion's brackets.
  const holder = element.querySelector('.tk-sign') ? element : element.parentElement.closest('[data-tip]');
  const signs = [...holder.querySelectorAll('.tk-sign')].filter(sign => sign.offsetParent !== null);
  const text = getComputedStyle(element.closest('p, li, div')).color;
  return signs.map(sign => [sign.textContent, getComputedStyle(sign).color, text]);
}"""


@pytest.mark.parametrize(("record", "selector", "tip", "shown"), KINDS, ids=[f"{k[0]}{k[1]}" for k in KINDS])
def test_each_kind_is_marked_and_says_who_made_it(page, pages, record, selector, tip, shown) -> None:  # type: ignore[no-untyped-def]
    page.goto(pages[record])
    element = page.locator(selector).filter(has_text=shown).first
    element.scroll_into_view_if_needed()
    assert element.is_visible()
    assert shown in element.inner_text()
    # Visibly the editors': square brackets, in a colour of their own.
    signs = element.evaluate(SIGN_COLOUR)
    brackets = "".join(text for text, _colour, _ink in signs)
    assert "[" in brackets and "]" in brackets, signs
    assert all(colour != ink for _text, colour, ink in signs), signs
    # Reachable by keyboard, and focus says what it is and who made it.
    assert element.get_attribute("tabindex") == "0"
    element.focus()
    assert element.evaluate("element => document.activeElement === element")
    shown_tip = element.locator(":scope > .tk-tip")
    assert shown_tip.is_visible()
    assert tip in shown_tip.inner_text() and "added by" in shown_tip.inner_text()
    assert page.errors == []


def test_tab_reaches_the_interventions_in_order(page, pages, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(pages["seed"])
    page.locator("#tk-key-heading").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "interventions-key.png"))
    page.locator("label[for=tk-style-diplomatic]").focus()
    reached = []
    for _press in range(80):
        page.keyboard.press("Tab")
        tip = page.evaluate(
            "() => document.activeElement && document.activeElement.matches('[data-tip]')"
            " && document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent"
        )
        if tip and "added by" in tip:  # the editors' and translator's (stamps, abbreviations take focus too)
            reached.append(tip)
        if len(reached) == 4:
            break
    # The blacked-out classification, then the CC CPC expansion, comr[ade], KChZhD's expansion.
    assert reached[0].startswith("description of the document — added by the translator, Danny Rozas")
    assert reached[1].startswith("expansion of the abbreviation")
    page.keyboard.press("Tab")
    page.screenshot(path=str(artifacts / "interventions-focus.png"))


def test_the_key_explains_the_signs(page, pages, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(pages["seed"])
    key = page.locator(".tk-key")
    assert key.is_visible()
    text = key.inner_text()
    for sign in ("[ ]", "[?]", "[sic]", "not declassified", "[…]"):
        assert sign in text
    # A stretch of reading text with many interventions, one of them hovered.
    paragraph = page.locator("p", has_text="Guomindang").first
    paragraph.scroll_into_view_if_needed()
    paragraph.locator(".tk-note-variant").first.hover()
    page.screenshot(path=str(artifacts / "interventions-reading.png"))
    page.goto(pages["d204"])
    page.locator(".tei-kinesic").first.scroll_into_view_if_needed()
    page.locator(".tei-kinesic").first.hover()
    page.screenshot(path=str(artifacts / "interventions-frus.png"))
    assert page.errors == []
