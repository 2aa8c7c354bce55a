"""teikit.odd is the one schema source: teikit.rng and teikit.sch are what the TEI's ODD processor makes of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import SHARED
from teikit.check.odd import closed_lists, compile_odd
from teikit.check.rnginfo import read_grammar
from teikit.check.rngsimplify import simplify_grammar
from teikit.check.schematron import Schematron, iter_checks
from teikit.core.errors import InputError

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
T = "{http://www.tei-c.org/ns/1.0}"
STYLESHEETS = SHARED / "reference" / "tei-stylesheets"
P5SUBSET = SHARED / "reference" / "p5subset.xml"


def _odd() -> etree._ElementTree:
    return etree.parse(str(SCHEMAS / "teikit.odd"))


@pytest.fixture(scope="module")
def tei_processor() -> tuple[Path, Path]:
    if not (STYLESHEETS / "odds" / "odd2odd.xsl").is_file() or not P5SUBSET.is_file():
        pytest.skip(f"the TEI Stylesheets and p5subset.xml are not under {SHARED / 'reference'}; clone next to shared/")
    return STYLESHEETS, P5SUBSET


def test_generated_files_are_what_the_odd_compiles_to(tei_processor: tuple[Path, Path]) -> None:
    compiled = compile_odd(SCHEMAS / "teikit.odd", *tei_processor)
    assert compiled.name == "teikit"
    for suffix, data in ((".rng", compiled.rng), (".sch", compiled.sch)):
        committed = (SCHEMAS / f"teikit{suffix}").read_bytes()
        assert committed == data, (
            f"schemas/teikit{suffix} is not what teikit.odd compiles to; run: teikit schema compile "
            f"schemas/teikit.odd -o schemas --stylesheets {STYLESHEETS} --p5 {P5SUBSET}"
        )


def test_generated_files_name_their_source() -> None:
    for name in ("teikit.rng", "teikit.sch"):
        head = (SCHEMAS / name).read_text(encoding="utf-8")[:400]
        assert "generated from teikit.odd" in head and "Do not edit" in head, name


def test_same_elements() -> None:
    included = set()
    for module_ref in _odd().iter(f"{T}moduleRef"):
        included.update((module_ref.get("include") or "").split())
    assert included == read_grammar(SCHEMAS / "teikit.rng").elements


def test_every_closed_list_applies_in_the_grammar() -> None:
    grammar = read_grammar(SCHEMAS / "teikit.rng")
    lists = list(closed_lists(_odd()))
    assert len(lists) >= 34
    for att_def, spec, attribute, values in lists:
        if next(att_def.iterancestors(f"{T}elementSpec", f"{T}classSpec")).tag == f"{T}classSpec":
            holders = [atts[attribute] for atts in grammar.attributes.values() if attribute in atts]
            assert holders and all(info.values == values for info in holders), (spec, attribute)
        else:
            assert grammar.attributes[spec][attribute].values == values, (spec, attribute)


def test_every_value_is_documented() -> None:
    for item in _odd().iter(f"{T}valItem"):
        desc = item.find(f"{T}desc")
        assert desc is not None and len(desc.text or "") > 3, item.get("ident")


def test_schematron_rules_come_from_the_odd_and_are_documented() -> None:
    ids = {ident for ident, _test in iter_checks(Schematron(SCHEMAS / "teikit.sch"))}
    assert len(ids) >= 15
    assert all(ident.startswith("teikit-") for ident in ids)
    in_odd = {
        element.get("id")
        for element in _odd().iter("{http://purl.oclc.org/dsdl/schematron}assert", "{*}report")
        if element.get("id")
    }
    assert ids == in_odd
    prose = " ".join(_odd().getroot().itertext())
    for word in ("pointer", "both ways", "unique", "real dates", "speaker", "break"):
        assert word in prose


# --- libxml2 and jing read generated grammars alike ------------------------------------------------

EMPTY_REPEATED = """<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start>
    <element name="listPerson">
      <zeroOrMore><empty/></zeroOrMore>
      <oneOrMore>
        <oneOrMore><element name="person"><text/></element></oneOrMore>
        <zeroOrMore><empty/></zeroOrMore>
      </oneOrMore>
    </element>
  </start>
</grammar>
"""


def test_repeated_empty_is_folded_so_libxml2_accepts_what_relax_ng_allows() -> None:
    """The shape odd2relax writes for an empty model class (listPerson in a customisation)."""
    document = etree.fromstring(b"<listPerson><person>a</person><person>b</person></listPerson>")
    raw = etree.ElementTree(etree.fromstring(EMPTY_REPEATED.encode()))
    assert not etree.RelaxNG(raw).validate(document)  # libxml2's mistake, which the folding works around
    assert simplify_grammar(raw) >= 2
    assert "zeroOrMore><empty" not in etree.tostring(raw, encoding="unicode").replace(" ", "")
    assert etree.RelaxNG(raw).validate(document)


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        (" choice corr", " choice cit corr", "odd-unreachable"),
        (
            '<attDef ident="type" mode="replace" usage="opt">',
            '<attDef ident="type" mode="change">',
            "odd-list-not-applied",
        ),
    ],
    ids=["element no content model names", "closed list lost by a change of a change"],
)
def test_compiler_refuses_an_addition_that_would_silently_not_apply(
    tei_processor: tuple[Path, Path], tmp_path: Path, old: str, new: str, code: str
) -> None:
    text = (SCHEMAS / "teikit.odd").read_text(encoding="utf-8")
    assert old in text
    edited = tmp_path / "teikit.odd"
    edited.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        compile_odd(edited, *tei_processor)
    assert raised.value.code == code
