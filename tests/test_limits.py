"""One set of limits: what convert writes, validate accepts; what validate accepts, render and build render."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit.cli import cli
from teikit.core.xmlsafe import MAX_ATTRIBUTES, MAX_DEPTH

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "records" / "wilson-111240.md"
SEED_TEI = ROOT / "tei" / "wilson-111240.xml"


def _nested(tmp_path: Path, levels: int) -> Path:
    """The seed TEI with an extra run of nested <hi> in its first <p>, ``levels`` deep in all."""
    text = SEED_TEI.read_text(encoding="utf-8")
    front, body = text.split("<body>", 1)
    head, tail = body.split("<p>", 1)
    run = "<hi>" * levels + "deep" + "</hi>" * levels
    path = tmp_path / f"nested-{levels}.xml"
    path.write_text(front + "<body>" + head + "<p>" + run + tail, encoding="utf-8")
    return path


def _depth_of_run(tmp_path: Path) -> int:
    """How deep a run of one <hi> is placed by :func:`_nested`, the root being 1."""
    from lxml import etree

    root = etree.parse(str(_nested(tmp_path, 1))).getroot()
    [hi] = [element for element in root.iter("{*}hi") if element.text == "deep"]
    return len(list(hi.iterancestors())) + 1


@pytest.mark.parametrize("extra", [0, 1])
def test_validate_and_render_agree_on_depth(tmp_path: Path, extra: int) -> None:
    # Before the fix 95 nested <hi> passed validate but failed render and build (Saxon's parser stops at 100).
    levels = MAX_DEPTH - _depth_of_run(tmp_path) + 1 + extra
    path = _nested(tmp_path, levels)
    validated = CliRunner().invoke(cli, ["validate", str(path)])
    rendered = CliRunner().invoke(cli, ["render", str(path), "--to", "text"])
    assert "Traceback" not in validated.output + rendered.output
    if extra:
        assert validated.exit_code == 1 and "xml-too-deep" in validated.output
        assert rendered.exit_code == 1 and "xml-too-deep" in rendered.stderr
    else:
        assert validated.exit_code == 0, validated.output
        assert rendered.exit_code == 0 and "deep" in rendered.stdout, rendered.stderr


def test_too_many_namespace_declarations_are_refused_by_validate(tmp_path: Path) -> None:
    text = SEED_TEI.read_text(encoding="utf-8")
    declarations = " ".join(f'xmlns:p{index}="urn:x-{index}"' for index in range(MAX_ATTRIBUTES + 1))
    path = tmp_path / "namespaces.xml"
    path.write_text(text.replace("<p>", f"<p {declarations}>", 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1 and "xml-too-many-attributes" in result.stdout


def test_convert_refuses_a_text_node_validate_would_refuse(tmp_path: Path) -> None:
    # Before the fix convert wrote TEI with a text node over 10 MB that validate, render and build refused.
    path = tmp_path / "big.md"
    path.write_text(SEED.read_text(encoding="utf-8") + "\n\n" + "word " * 2_100_000 + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(path), "-o", str(tmp_path / "big.xml"), "-q"])
    assert result.exit_code == 2 and "xml-text-too-large" in result.stderr
    assert not (tmp_path / "big.xml").exists()


def test_only_the_namespaces_an_element_declares_count_toward_its_limit() -> None:
    # The check counts an element's own declarations (its parent's namespaces in scope are inherited, not
    # declared) and only when attributes and namespaces in scope together could pass the limit.
    from lxml import etree

    from teikit.core.errors import XMLInputError
    from teikit.core.xmlsafe import check_limits

    inherited = " ".join(f'xmlns:p{index}="urn:x-{index}"' for index in range(MAX_ATTRIBUTES - 10))
    attributes = " ".join(f'a{index}="v"' for index in range(MAX_ATTRIBUTES - 10))
    fine = etree.ElementTree(etree.fromstring(f"<root {inherited}><child {attributes}/></root>"))
    check_limits(fine, "fine.xml")
    redeclared = " ".join(f'xmlns:p{index}="urn:y-{index}"' for index in range(11))
    over = etree.ElementTree(etree.fromstring(f"<root {inherited}>\n<child {attributes} {redeclared}/></root>"))
    with pytest.raises(XMLInputError) as raised:
        check_limits(over, "over.xml")
    assert raised.value.code == "xml-too-many-attributes" and raised.value.location.line == 2


def _beyond_limits() -> list[tuple[str, str | None]]:
    """Documents at and just past each limit, with the code the exact walk gives them (None: within)."""
    from teikit.core.xmlsafe import MAX_TEXT_BYTES

    def nest(levels: int, inner: str) -> str:
        return "<e>" * levels + inner + "</e>" * levels

    attributes = " ".join(f'a{index}="v"' for index in range(MAX_ATTRIBUTES + 1))
    namespaces = " ".join(f'xmlns:p{index}="urn:x-{index}"' for index in range(MAX_ATTRIBUTES // 2 + 2))
    half = " ".join(f'a{index}="v"' for index in range(MAX_ATTRIBUTES // 2))
    long_text = "é" * (MAX_TEXT_BYTES // 2 + 1)  # two bytes a character in UTF-8
    return [
        (nest(MAX_DEPTH, "x"), None),
        (nest(MAX_DEPTH, "<e/>"), "xml-too-deep"),
        (nest(MAX_DEPTH, "<!-- a comment one level below -->"), None),
        (f"<r><c {attributes}/></r>", "xml-too-many-attributes"),
        (f"<r {namespaces}><c {half}/></r>", None),
        (f"<r {namespaces}><c {half} b1='v' b2='v'/></r>", None),
        (f"<r><c {namespaces} {half}/></r>", "xml-too-many-attributes"),
        (f"<r><c>{long_text}</c></r>", "xml-text-too-large"),
        (f"<r><c/>{long_text}</r>", "xml-text-too-large"),
        (f"<r>{'é' * (MAX_TEXT_BYTES // 4)}</r>", None),
    ]


@pytest.mark.parametrize("case", range(10))
def test_the_quick_screen_lets_nothing_beyond_a_limit_through(case: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # check_limits first asks one XPath whether a document could be beyond a limit, and walks it only then:
    # the walk cost 0.7 ms a record. Whatever the screen says, the verdict is the walk's.
    from lxml import etree

    from teikit.core import xmlsafe
    from teikit.core.errors import XMLInputError

    text, expected = _beyond_limits()[case]
    tree = etree.ElementTree(etree.fromstring(text, etree.XMLParser(huge_tree=True)))

    def verdict() -> str | None:
        try:
            xmlsafe.check_limits(tree, "case.xml")
        except XMLInputError as error:
            return error.code
        return None

    screened = verdict()
    monkeypatch.setattr(xmlsafe, "_may_pass_limits", lambda tree: True)
    assert screened == verdict() == expected
