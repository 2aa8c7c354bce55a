"""teikit.odd and teikit.rng describe the same customisation: same elements, same closed lists."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from teikit.check.rnginfo import read_grammar
from teikit.check.schematron import Schematron, iter_checks

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
T = "{http://www.tei-c.org/ns/1.0}"


def _odd() -> etree._ElementTree:
    return etree.parse(str(SCHEMAS / "teikit.odd"))


def test_same_elements() -> None:
    included = set()
    for module_ref in _odd().iter(f"{T}moduleRef"):
        included.update((module_ref.get("include") or "").split())
    assert included == read_grammar(SCHEMAS / "teikit.rng").elements


def test_same_closed_value_lists() -> None:
    odd_elements: dict[tuple[str, str], tuple[str, ...]] = {}
    odd_classes: dict[tuple[str, str], tuple[str, ...]] = {}
    for spec in _odd().iter(f"{T}elementSpec", f"{T}classSpec"):
        for att_def in spec.iter(f"{T}attDef"):
            val_list = att_def.find(f"{T}valList[@type='closed']")
            if val_list is None:
                continue
            values = tuple(item.get("ident") for item in val_list.iter(f"{T}valItem"))
            target = odd_elements if spec.tag == f"{T}elementSpec" else odd_classes
            target[(spec.get("ident"), att_def.get("ident"))] = values
    grammar = read_grammar(SCHEMAS / "teikit.rng")
    assert odd_elements == grammar.closed_lists(classes=("att.global",))
    assert odd_classes == {
        ("att.global.responsibility", name): values for name, values in grammar.class_lists("att.global").items()
    }


def test_every_value_is_documented() -> None:
    for item in _odd().iter(f"{T}valItem"):
        desc = item.find(f"{T}desc")
        assert desc is not None and len(desc.text or "") > 3, item.get("ident")


def test_schematron_rules_have_ids_and_are_documented_in_the_odd() -> None:
    ids = {ident for ident, _test in iter_checks(Schematron(SCHEMAS / "teikit.sch"))}
    assert len(ids) >= 15
    assert all(ident.startswith("teikit-") for ident in ids)
    prose = " ".join(_odd().getroot().itertext())
    for word in ("pointer", "both ways", "unique", "real dates", "speaker", "break"):
        assert word in prose
