"""Validation: valid documents pass; each kind of mistake fails with its rule id at its line and column."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from helpers import convert
from teikit.check.validate import Validator, exit_code, validate_paths
from teikit.core.serialize import to_bytes

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator()


@pytest.fixture(scope="module")
def seed_xml(seed: Path) -> str:
    encoded, _root = convert(seed)
    return to_bytes(encoded.tree).decode("utf-8")


@dataclass(frozen=True)
class Case:
    """A mutation of the seed TEI, the rule it breaks and where the error must point."""

    name: str
    old: str
    new: str
    rule: str
    marker: str
    also: tuple[tuple[str, str], ...] = ()

    def apply(self, text: str) -> str:
        for old, new in ((self.old, self.new), *self.also):
            assert old in text, old
            text = text.replace(old, new, 1)
        return text

    def location(self, text: str) -> tuple[int, int]:
        index = text.index(self.marker)
        line = text.count("\n", 0, index) + 1
        return line, index - (text.rfind("\n", 0, index) + 1) + 1


GRAMMAR_CASES = [
    Case(
        "unknown element",
        "the following conversation took place.</p>",
        "the following conversation took place.<para>x</para></p>",
        "rng-element",
        "<para",
    ),
    Case(
        "closed list value",
        '<note type="physical" place="inline" resp="#danny-rozas">Classification',
        '<note type="physicl" place="inline" resp="#danny-rozas">Classification',
        "rng-attribute-value",
        'type="physicl"',
    ),
    Case(
        "unknown attribute",
        '<head xml:id="en-head1"',
        '<head colour="red" xml:id="en-head1"',
        "rng-attribute",
        "colour=",
    ),
    Case("missing attribute", '<language ident="ru">', "<language>", "rng-attribute-missing", "<language>"),
    Case(
        "text not allowed",
        "<particDesc>\n        <listPerson>",
        "<particDesc>\n        <listPerson>stray words",
        "rng-text",
        "<listPerson>stray",
    ),
    Case(
        "wrong namespace",
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">',
        '<TEI xmlns="http://example.org/tei">',
        "rng-namespace",
        "<TEI",
    ),
    Case(
        "misplaced element",
        '<p xml:id="ru-p2"',
        '<closer>early</closer><p xml:id="ru-p2"',
        "rng-element",
        '<p xml:id="ru-p2"',
    ),
    Case(
        "bad date value",
        '<date when="1949-12-16">December 16, 1949</date>',
        '<date when="1949-02-30">December 16, 1949</date>',
        "rng-attribute-value",
        'when="1949-02-30"',
    ),
    Case(
        "missing title",
        '<title type="main">Record',
        '<bogus type="main">Record',
        "rng-element",
        "<bogus",
        (("1949</date></title>", "1949</date></bogus>"),),
    ),
]

SCHEMATRON_CASES = [
    Case(
        "who points nowhere",
        'xml:id="en-sp2" who="#stalin"',
        'xml:id="en-sp2" who="#stalinn"',
        "teikit-pointer-who",
        'who="#stalinn"',
    ),
    Case(
        "ref points nowhere",
        '<persName ref="#molotov">Molotov',
        '<persName ref="#molotof">Molotov',
        "teikit-pointer-ref",
        'ref="#molotof"',
    ),
    Case(
        "corresp points nowhere",
        'corresp="#ru-sp3"',
        'corresp="#ru-sp33x"',
        "teikit-pointer-corresp",
        'corresp="#ru-sp33x"',
    ),
    Case(
        "resp points nowhere",
        '<gloss resp="#danny-rozas">',
        '<gloss resp="#dany-rozas">',
        "teikit-pointer-resp",
        'resp="#dany-rozas"',
    ),
    Case(
        "hand is not a handNote",
        '<signed hand="#hand-annotation"><gap reason="illegible">',
        '<signed hand="#danny-rozas"><gap reason="illegible">',
        "teikit-pointer-hand",
        'hand="#danny-rozas"',
    ),
    Case(
        "who is not a person",
        'xml:id="en-sp2" who="#stalin"',
        'xml:id="en-sp2" who="#danny-rozas"',
        "teikit-who-person",
        'who="#danny-rozas"',
    ),
    Case(
        "one-sided link",
        'xml:id="en-sp4" who="#stalin" corresp="#ru-sp4"',
        'xml:id="en-sp4" who="#stalin" corresp="#ru-sp5"',
        "teikit-corresp-symmetric",
        'corresp="#ru-sp5"',
    ),
    Case(
        "note marker points to a turn",
        '<gloss resp="#danny-rozas">tungsten',
        '<ref type="note" target="#en-sp2">1</ref><gloss resp="#danny-rozas">tungsten',
        "teikit-note-ref",
        '<ref type="note" target="#en-sp2">',
    ),
    Case("duplicate id", '<p xml:id="en-p1"', '<p xml:id="en-sp1"', "teikit-unique-id", 'xml:id="en-sp1" who='),
    Case(
        "creation date disagrees with title",
        '<date when="1949-12-16">December 16, 1949</date>',
        '<date when="1949-12-17">December 16, 1949</date>',
        "teikit-creation-date",
        '<date when="1949-12-17"',
    ),
    Case(
        "turn without speaker",
        "<speaker>Comrade Stalin:</speaker>\n              <p>In China",
        "<p>In China",
        "teikit-sp-speaker",
        '<sp xml:id="en-sp2"',
    ),
    Case(
        "speaker after the words",
        "<speaker>Comrade Stalin:</speaker>\n              <p>In China",
        "<p>Before.</p><speaker>Comrade Stalin:</speaker>\n              <p>In China",
        "teikit-sp-speaker-first",
        '<sp xml:id="en-sp2"',
    ),
    Case(
        "empty expansion",
        '<expan resp="#danny-rozas">Mongolian People\'s Republic</expan>',
        '<expan resp="#danny-rozas"></expan>',
        "teikit-not-empty",
        '<expan resp="#danny-rozas"></expan>',
    ),
    Case(
        "intervention without resp",
        '<gloss resp="#danny-rozas">tungsten',
        "<gloss>tungsten",
        "teikit-resp",
        "<gloss>tungsten",
    ),
    Case(
        "variant without resp",
        '<note type="variant" place="inline" resp="#danny-rozas"><placeName ref="#xinjiang">Sinkiang',
        '<note type="variant" place="inline"><placeName ref="#xinjiang">Sinkiang',
        "teikit-resp",
        '<note type="variant" place="inline"><placeName',
    ),
    Case(
        "page break inside a word",
        "effectively fight\n<pb/>against",
        "effectively fight<pb/>against",
        "teikit-pb-in-word",
        "<pb/>against",
    ),
    Case(
        "undeclared language",
        '<text xml:id="original" type="original" xml:lang="ru"',
        '<text xml:id="original" type="original" xml:lang="uk"',
        "teikit-lang-declared",
        'xml:lang="uk"',
    ),
    Case(
        "date that does not exist",
        '<date when="1949-12-16">16 December 1949</date>',
        '<date when="1949-12-32">16 December 1949</date>',
        "teikit-iso-date",
        'when="1949-12-32"',
    ),
]

ALL_CASES = GRAMMAR_CASES + SCHEMATRON_CASES


def _diagnostics(validator: Validator, path: Path):
    return validator.check_file(path).diagnostics


def test_seed_and_sample_conversions_are_valid(
    validator: Validator, seed: Path, records: list[Path], tmp_path: Path
) -> None:
    for source in [seed, *records]:
        target = tmp_path / (source.stem + ".xml")
        target.write_bytes(to_bytes(convert(source)[0].tree))
        result = validator.check_file(target)
        assert result.valid, [str(d) for d in result.diagnostics]


def test_committed_edition_is_valid(validator: Validator) -> None:
    results = validate_paths([ROOT / "tei"], validator)
    assert results and all(result.valid for result in results), [str(d) for r in results for d in r.diagnostics]


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda case: case.name)
def test_each_mistake_has_its_rule_and_place(validator: Validator, seed_xml: str, tmp_path: Path, case: Case) -> None:
    text = case.apply(seed_xml)
    path = tmp_path / "case.xml"
    path.write_text(text, encoding="utf-8")
    diagnostics = _diagnostics(validator, path)
    line, column = case.location(text)
    found = [(d.code, d.location.line, d.location.col) for d in diagnostics]
    assert (case.rule, line, column) in found, found
    assert all(str(d).startswith(f"{path}:") for d in diagnostics)


def test_malformed_file_is_reported_and_the_others_still_checked(
    validator: Validator, seed_xml: str, tmp_path: Path
) -> None:
    (tmp_path / "a.xml").write_text(seed_xml, encoding="utf-8")
    (tmp_path / "b.xml").write_text("<TEI>\n  <teiHeader>\n</TEI>\n", encoding="utf-8")
    (tmp_path / "c.xml").write_text(seed_xml, encoding="utf-8")
    results = validate_paths([tmp_path], validator)
    assert [Path(result.path).name for result in results] == ["a.xml", "b.xml", "c.xml"]
    assert results[0].valid and results[2].valid
    (diagnostic,) = results[1].diagnostics
    # The end tag that does not match: line 3, where "</TEI>" starts.
    assert (diagnostic.code, diagnostic.location.line, diagnostic.location.col) == ("xml-malformed", 3, 1)
    assert exit_code(results) == 1


def test_missing_file_is_exit_2(validator: Validator, tmp_path: Path) -> None:
    results = validate_paths([tmp_path / "nope.xml"], validator)
    assert results[0].unreadable and exit_code(results) == 2


def test_many_files_in_parallel_match_serial(validator: Validator, seed_xml: str, tmp_path: Path) -> None:
    cases = ALL_CASES * 2
    for index, case in enumerate(cases):
        (tmp_path / f"{index:03}.xml").write_text(case.apply(seed_xml), encoding="utf-8")
    parallel = validate_paths([tmp_path], validator, jobs=2)
    serial = validate_paths([tmp_path], validator, jobs=1)
    assert [r.diagnostics for r in parallel] == [r.diagnostics for r in serial]
    assert all(not r.valid for r in parallel)


# --- conformance with tei_all -------------------------------------------------------------------


@pytest.fixture(scope="module")
def tei_all_validator(tei_all: etree.RelaxNG) -> Validator:
    return Validator(Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "tei_all.rng")


def test_valid_for_teikit_grammar_means_valid_for_tei_all(
    validator: Validator, tei_all_validator: Validator, seed_xml: str, tmp_path: Path
) -> None:
    grammar_only = Validator(schematron=False)
    checked = 0
    for case in ALL_CASES:
        path = tmp_path / "case.xml"
        path.write_text(case.apply(seed_xml), encoding="utf-8")
        if grammar_only.check_file(path).valid:
            checked += 1
            assert tei_all_validator.check_file(path).valid, case.name
    assert checked >= 10  # the Schematron cases are grammatical


def _jing() -> str:
    found = shutil.which("jing")
    if not found:
        pytest.skip("jing is not installed (Debian package 'jing'; .ci/run installs it)")
    return found


def test_verdicts_agree_with_jing_on_tei_all(
    tei_all_validator: Validator, corpus: Path, seed_xml: str, tmp_path: Path
) -> None:
    jing = _jing()
    files = sorted((corpus / "tei-foreign").glob("*.xml"))
    for index, case in enumerate(ALL_CASES):
        path = tmp_path / f"case{index:02}.xml"
        path.write_text(case.apply(seed_xml), encoding="utf-8")
        files.append(path)
    tei_all = corpus.parent / "reference" / "tei_all.rng"
    # One jing call for all files (one JVM start); a file is invalid for jing if it names it in an error.
    completed = subprocess.run([jing, str(tei_all), *map(str, files)], capture_output=True, text=True, check=False)
    invalid_for_jing = {line.split(":", 1)[0] for line in completed.stdout.splitlines() if ": error:" in line}
    assert invalid_for_jing, completed.stdout
    for path in files:
        ours = tei_all_validator.check_file(path)
        assert ours.valid == (str(path) not in invalid_for_jing), (path.name, [str(d) for d in ours.diagnostics])
