"""Fidelity: the reading text never replaces the source's words, the diplomatic text is the transcript.

Checked on every record of the shared corpus; the property run checks the same
on generated transcripts (tests/test_properties.py). A deliberately wrong rule
(a translator's variant encoded as a regularisation that replaces the name)
makes the check fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fidelity import fold, missing_in_order, reading_words, transcript_words
from teikit.convert.brackets import BracketRule, Decision, Emitter, Node, Pieces, RuleRegistry
from teikit.convert.encode import encode
from teikit.convert.read import read_transcript
from teikit.core.serialize import to_bytes
from teikit.publish.render import Options, Renderer

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "records" / "wilson-111240.md"


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


def corpus_records(corpus: Path) -> list[Path]:
    return [SEED, *sorted((corpus / "records").glob("*.txt")), *sorted((corpus / "frus" / "records").glob("*.txt"))]


def editions(path: Path, renderer: Renderer, tmp: Path, registry: RuleRegistry | None = None) -> tuple[str, str, str]:
    """The transcript's body, and its reading and diplomatic texts (no header)."""
    transcript = read_transcript(path)
    encoded = encode(transcript, registry=registry)
    tei = tmp / (path.stem + ".xml")
    tei.write_bytes(to_bytes(encoded.tree))
    lines = path.read_text(encoding="utf-8").split("\n")
    first = min(block.location.line for block in transcript.body)
    body = "\n".join(lines[first - 1 :])
    reading = renderer.render_file(tei, Options(to="text", style="reading", header=False))
    diplomatic = renderer.render_file(tei, Options(to="text", style="diplomatic", header=False))
    return body, reading, diplomatic


def test_every_corpus_record_keeps_the_translators_words(corpus: Path, renderer: Renderer, tmp_path: Path) -> None:
    records = corpus_records(corpus)
    assert len(records) == 28
    for path in records:
        body, reading, diplomatic = editions(path, renderer, tmp_path)
        expected = transcript_words(body)
        assert expected, path.name
        missing = missing_in_order(expected, reading_words(reading))
        assert not missing, (path.name, missing[:10])
        assert fold(diplomatic) == fold(body), path.name


def _variant_as_regularisation(out: Emitter, pieces: Pieces, decision: Decision) -> list[Node]:
    """The old encoding: the translator's name as ``orig``, the bracket as ``reg`` (renderers print ``reg``)."""
    choice = out.element("choice")
    out.fill(out.sub(choice, "orig"), pieces.before.strip(), link=False)
    out.fill(out.sub(choice, "reg", resp=out.resp), pieces.content.strip(), link=False)
    return [choice]


def test_a_variant_encoded_as_regularisation_breaks_the_invariant(renderer: Renderer, tmp_path: Path) -> None:
    registry = RuleRegistry()
    variant = next(rule for rule in registry if rule.name == "variant-name")
    registry.register(
        BracketRule(variant.name, variant.kind, "choice/orig+reg", variant.match, _variant_as_regularisation)
    )
    body, reading, _diplomatic = editions(SEED, renderer, tmp_path, registry)
    missing = missing_in_order(transcript_words(body), reading_words(reading))
    # Xinjiang, Guomindang and Formosa give way to the bracket's forms (Jiang Jieshi too, though a
    # later mention of the name still matches).
    assert {"Xinjiang", "Guomindang", "Formosa"} <= set(missing)
    _body, right, _ = editions(SEED, renderer, tmp_path)
    assert "Jiang Jieshi [Chiang Kai-shek]" in right and "Guomindang [Kuomintang]" in right


def test_the_seeds_changed_encodings_read_right(renderer: Renderer, tmp_path: Path) -> None:
    _body, reading, _diplomatic = editions(SEED, renderer, tmp_path)
    assert "someone from CC VKP(b) [All-Union Communist Party of bolsheviks]" in reading
    assert "KChZhD [Chinese Changchun Railroad, which traverses Manchuria]" in reading
    assert "over Xinjiang" in reading and "USSR and Xinjiang [Sinkiang]" in reading
    assert "the island of Formosa [Taiwan]" in reading


UNSEEN = sorted(
    path
    for path in (ROOT / "tests" / "data" / "unseen").iterdir()
    if path.suffix in (".txt", ".md") and path.stem != "README"
)


@pytest.mark.parametrize("path", UNSEEN, ids=[path.name for path in UNSEEN])
def test_every_unseen_record_keeps_the_translators_words(path: Path, renderer: Renderer, tmp_path: Path) -> None:
    """The hand-made records of tests/data/unseen, in other languages and shapes than the corpus."""
    body, reading, _diplomatic = editions(path, renderer, tmp_path)
    expected = transcript_words(body)
    assert expected
    assert missing_in_order(expected, reading_words(reading)) == []


@pytest.mark.parametrize("path", UNSEEN, ids=[path.name for path in UNSEEN])
def test_every_unseen_record_gives_its_transcript_back_diplomatically(
    path: Path, renderer: Renderer, tmp_path: Path
) -> None:
    body, _reading, diplomatic = editions(path, renderer, tmp_path)
    assert fold(diplomatic) == fold(body)
