"""Validation: valid documents pass; each kind of mistake fails with its rule id at its line and column."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import TEI_ALL
from helpers import convert
from teikit.check.schematron import Schematron
from teikit.check.validate import Validator, exit_code, validate_paths
from teikit.check.xsltschematron import XsltSchematron
from teikit.cli import cli
from teikit.core.errors import ConfigError
from teikit.core.serialize import to_bytes
from teikit.core.xmlsafe import parse_document

ROOT = Path(__file__).resolve().parent.parent
WIDENED = ROOT / "tests" / "data" / "widened-record.xml"


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
    Case(
        "time of day in a date",
        '<date when="1949-12-16">December 16, 1949</date>',
        '<date when="1949-12-16T10:00:00">December 16, 1949</date>',
        "rng-attribute-value",
        'when="1949-12-16T10:00:00"',
    ),
    Case(
        "identifier inside an identifier",
        '<idno type="fond">45</idno>',
        '<idno type="fond">45<idno>1</idno></idno>',
        "rng-element",
        "<idno>1",
    ),
    Case("paragraph before the divisions", "<body>", "<body><p>early</p>", "rng-element", '<div type="record">'),
    Case(
        "authority identifier of an unknown kind",
        '<idno type="fond">45</idno>',
        '<idno type="wikipedia">45</idno>',
        "rng-attribute-value",
        'type="wikipedia"',
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


def test_widened_record_is_valid(validator: Validator) -> None:
    """Authority ids, listPlace/listOrg, a facsimile with numbered pb/@facs, certainty, redaction and
    declassification gaps, revisionDesc/change, availability/licence: all admitted, rules included."""
    result = validator.check_file(WIDENED)
    assert result.valid, [str(d) for d in result.diagnostics]
    root = etree.parse(str(WIDENED)).getroot()
    tei = {"t": "http://www.tei-c.org/ns/1.0"}
    assert {
        idno.get("type") for idno in root.xpath("//t:person/t:idno | //t:org/t:idno | //t:place/t:idno", namespaces=tei)
    } == {"wikidata", "viaf", "gnd"}
    assert [pb.get("facs") for pb in root.xpath("//t:pb[@n]", namespaces=tei)] == ["#page-1", "#page-2"]
    assert {gap.get("reason") for gap in root.xpath("//t:gap", namespaces=tei)} == {"declassification", "redaction"}
    assert root.xpath(
        "boolean(//t:certainty and //t:revisionDesc/t:change and //t:availability/t:licence)", namespaces=tei
    )


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
    return Validator(TEI_ALL, engine="lxml")


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
    files = sorted((corpus / "tei-foreign").glob("*.xml")) + sorted((corpus / "frus" / "xml").glob("*.xml"))
    for record in sorted((corpus / "records").iterdir()):
        converted = tmp_path / f"{record.stem}.xml"
        converted.write_bytes(to_bytes(convert(record)[0].tree))
        files.append(converted)
    files.append(WIDENED)
    for index, case in enumerate(ALL_CASES):
        path = tmp_path / f"case{index:02}.xml"
        path.write_text(case.apply(seed_xml), encoding="utf-8")
        files.append(path)
    tei_all = corpus.parent / "reference" / "tei_all.rng"
    # As few jing calls as it allows (one JVM start each): jing stops at a file that is not well-formed,
    # so it starts again after it. A file is invalid for jing if it names it in an error or fatal error.
    invalid_for_jing: set[str] = set()
    remaining = [str(path) for path in files]
    while remaining:
        completed = subprocess.run([jing, str(tei_all), *remaining], capture_output=True, text=True, check=False)
        lines = completed.stdout.splitlines()
        invalid_for_jing.update(line.split(":", 1)[0] for line in lines if re.search(r":\d+: (error|fatal):", line))
        fatal = [line.split(":", 1)[0] for line in lines if ": fatal:" in line]
        remaining = remaining[remaining.index(fatal[0]) + 1 :] if fatal else []
    assert invalid_for_jing
    for path in files:
        ours = tei_all_validator.check_file(path)
        assert ours.valid == (str(path) not in invalid_for_jing), (path.name, [str(d) for d in ours.diagnostics])


# --- Schematron under XPath 1.0 and XPath 2+ ------------------------------------------------------


@pytest.fixture(scope="module")
def xpath3_schematron() -> XsltSchematron:
    return XsltSchematron(ROOT / "schemas" / "teikit.sch")


def _findings(schematron: Schematron | XsltSchematron, text: str) -> list[tuple[str, int | None, str | None, str]]:
    root = parse_document(text.encode("utf-8"), "case.xml").tree
    return [(f.rule, f.node.sourceline, f.attribute, f.message) for f in schematron.check(root)]


LEAP_CASES = [
    Case(
        "leap day",
        '<date when="1949-12-16">16 December 1949</date>',
        '<date type="event" when="1952-02-29">x</date>',
        "",
        "",
    ),
    Case(
        "no leap day",
        '<date when="1949-12-16">16 December 1949</date>',
        '<date type="event" when="1951-02-29">x</date>',
        "",
        "",
    ),
    Case(
        "century",
        '<date when="1949-12-16">16 December 1949</date>',
        '<date type="event" when="1900-02-29">x</date>',
        "",
        "",
    ),
    Case(
        "year only",
        '<date when="1949-12-16">16 December 1949</date>',
        '<date type="event" when="1949">x</date>',
        "",
        "",
    ),
]


@pytest.mark.parametrize("case", [None, *ALL_CASES, *LEAP_CASES], ids=lambda case: case.name if case else "seed")
def test_teikit_sch_means_the_same_under_xpath1_and_xpath3(
    xpath3_schematron: XsltSchematron, seed_xml: str, case: Case | None
) -> None:
    """teikit's evaluator (XPath 1.0, lxml) and SchXslt2 (XPath 3.1, Saxon) give the same findings."""
    text = case.apply(seed_xml) if case else seed_xml
    ours = _findings(Schematron(ROOT / "schemas" / "teikit.sch"), text)
    assert ours == _findings(xpath3_schematron, text)
    if case and case.rule.startswith("teikit-"):
        assert case.rule in {rule for rule, *_ in ours}
    if case and case.name in ("no leap day", "century"):
        assert [rule for rule, *_ in ours] == ["teikit-iso-date"]
    if case and case.name in ("leap day", "year only"):
        assert ours == []


PROJECT_SCH = """<?xml version="1.0" encoding="UTF-8"?>
<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <pattern>
    <rule context="tei:persName[@xml:lang = 'en']">
      <assert id="project-initial-capital" test="matches(., '^\\p{Lu}')">a name starts with a capital letter: "<value-of select="."/>"</assert>
    </rule>
    <rule context="tei:sp">
      <report id="project-many-who" test="count(tokenize(normalize-space(@who), ' ')) gt 1" role="warning">a turn with several speakers</report>
    </rule>
  </pattern>
</schema>
"""


def test_a_projects_xslt2_schematron_runs_with_line_and_column(seed_xml: str, tmp_path: Path) -> None:
    sch = tmp_path / "project.sch"
    sch.write_text(PROJECT_SCH, encoding="utf-8")
    text = seed_xml.replace('<persName xml:lang="en">Molotov</persName>', '<persName xml:lang="en">molotov</persName>')
    text = text.replace('xml:id="en-sp2" who="#stalin"', 'xml:id="en-sp2" who="#stalin #mao-zedong"')
    record = tmp_path / "record.xml"
    record.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(record), "--schematron", str(sch)])
    assert result.exit_code == 1, result.output
    line = text[: text.index('<persName xml:lang="en">molotov')].count("\n") + 1
    column = text.split("\n")[line - 1].index('<persName xml:lang="en">molotov') + 1
    assert (
        f'{record}:{line}:{column}: error: a name starts with a capital letter: "molotov" [project-initial-capital]'
        in result.output
    )
    sp_line = text[: text.index('xml:id="en-sp2"')].count("\n") + 1
    assert (
        f"{record}:{sp_line}:" in result.output
        and "warning: a turn with several speakers [project-many-who]" in result.output
    )


def test_an_xpath1_schematron_refuses_an_unknown_binding(tmp_path: Path) -> None:
    sch = tmp_path / "other.sch"
    sch.write_text(PROJECT_SCH.replace('"xslt2"', '"stx"'), encoding="utf-8")
    with pytest.raises(ConfigError, match="xslt3"):
        Validator(schematron=sch)


# --- jing as the grammar engine ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def jing_cases(seed_xml: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Validator, list[Path]]:
    _jing()
    folder = tmp_path_factory.mktemp("jing")
    paths = []
    for index, case in enumerate(GRAMMAR_CASES):
        path = folder / f"case{index:02}.xml"
        path.write_text(case.apply(seed_xml), encoding="utf-8")
        paths.append(path)
    validator = Validator(engine="jing", schematron=False)
    validator.prepare(paths)
    return validator, paths


@pytest.mark.parametrize("index", range(len(GRAMMAR_CASES)), ids=lambda index: GRAMMAR_CASES[index].name)
def test_jing_engine_reports_the_same_rule_and_place(
    jing_cases: tuple[Validator, list[Path]], seed_xml: str, index: int
) -> None:
    """With jing checking the grammar, each mistake keeps its rule id, line and column."""
    validator, paths = jing_cases
    case = GRAMMAR_CASES[index]
    diagnostics = validator.check_file(paths[index]).diagnostics
    line, column = case.location(case.apply(seed_xml))
    assert (case.rule, line, column) in [(d.code, d.location.line, d.location.col) for d in diagnostics]
    assert all(str(d).startswith(f"{paths[index]}:") and str(d).endswith("]") for d in diagnostics)


def test_large_foreign_grammar_goes_to_jing_and_agrees(tei_all: etree.RelaxNG, corpus: Path, tmp_path: Path) -> None:
    _jing()
    auto = Validator(TEI_ALL, engine="auto")
    assert auto.jing is not None and auto.relaxng is None
    files = sorted((corpus / "tei-foreign").glob("*.xml"))
    auto.prepare(files)
    for path in files:
        assert auto.check_file(path).valid == bool(tei_all.validate(etree.parse(str(path)))), path.name
