"""Properties of convert on generated transcripts: never a traceback, valid TEI or a clear error, no word lost.

The default run tries a few hundred transcripts; ``python -m pytest -m slow``
runs the same properties on 10,000.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from fidelity import fold, missing_in_order, reading_words, transcript_words
from helpers import transcript_part, xpath
from strategies import labelled_transcript, transcript
from teikit.check.validate import Validator
from teikit.convert.encode import encode
from teikit.convert.read import decode_transcript, parse_transcript
from teikit.convert.turns import label_notes
from teikit.core.errors import TeikitError
from teikit.core.serialize import to_bytes
from teikit.core.xmlsafe import ParsedDocument, parse_document
from teikit.publish.render import Options, Renderer

VALIDATOR = Validator()
RENDERER = Renderer()
ALNUM_RE = re.compile(r"[^\W_]", re.UNICODE)


def characters(text: str) -> Counter[str]:
    """Letters and digits of a text: what must survive conversion, whatever the markup."""
    return Counter(ALNUM_RE.findall(text))


def body_of(source: str, path: str) -> str:
    transcript = parse_transcript(decode_transcript(source.encode("utf-8"), path), path)
    lines = decode_transcript(source.encode("utf-8"), path).split("\n")
    first = min((block.location.line for block in transcript.body), default=len(lines) + 1)
    return "\n".join(lines[first - 1 :])


def check(source: str) -> None:
    path = "generated.md"
    try:
        transcript = parse_transcript(decode_transcript(source.encode("utf-8"), path), path)
        encoded = encode(transcript)
    except TeikitError as error:
        # A clear error: one line naming the file, a reason and a rule id.
        assert str(error).startswith(path) and "[" in str(error)
        return
    data = to_bytes(encoded.tree)
    document = parse_document(data, path)
    errors = [str(d) for d in VALIDATOR.check_document(document) if d.level == "error"]
    assert not errors, errors
    produced = tei_characters(document.tree.getroot())
    body = body_of(source, path)
    expected = characters(body)
    assert produced == expected, (expected - produced, produced - expected)
    check_fidelity(document, body)


def check_fidelity(document: ParsedDocument, body: str) -> None:
    """The invariant (tests/fidelity.py): the reading text keeps every word outside brackets, in order."""
    reading, diplomatic = RENDERER.render_editions(
        document,
        [Options(to="text", style="reading", header=False), Options(to="text", style="diplomatic", header=False)],
    )
    missing = missing_in_order(transcript_words(body), reading_words(reading))
    assert not missing, missing
    assert fold(diplomatic) == fold(body), (fold(diplomatic), fold(body))


def tei_characters(root: etree._Element) -> Counter[str]:
    text = transcript_part(root)
    counts = characters(" ".join(text.itertext()))
    for number in xpath(text, ".//t:note[@place='foot']/@n"):
        for char in number:
            counts[char] += 2
    # A [sic] of the transcript is the element itself (the renderers print "[sic]").
    for _sic in xpath(text, ".//t:sic[not(parent::t:choice)]"):
        counts.update("sic")
    return counts


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(transcript())
def test_convert_never_crashes_and_loses_nothing(source: str) -> None:
    check(source)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(transcript())
def test_convert_never_crashes_and_loses_nothing_10000(source: str) -> None:
    check(source)


def check_labels(case: tuple[str, list[int]]) -> None:
    """Every label-shaped line becomes a turn or gets a warning at its line: no silent attribution, no silent loss."""
    source, label_lines = case
    encoded = encode(parse_transcript(source, "labels.txt"))
    turns = {note.location.line for note in label_notes(encoded.parts) if note.turn}
    warned = {warning.location.line for warning in encoded.warnings if warning.location is not None}
    missed = [line for line in label_lines if line not in turns | warned]
    assert not missed, (missed, source)
    errors = [str(d) for d in VALIDATOR.check_document(parse_document(to_bytes(encoded.tree), "labels.xml"))]
    assert not [error for error in errors if ": error:" in error], errors


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(labelled_transcript())
def test_every_label_shaped_line_is_a_turn_or_warned(case: tuple[str, list[int]]) -> None:
    check_labels(case)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(labelled_transcript())
def test_every_label_shaped_line_is_a_turn_or_warned_10000(case: tuple[str, list[int]]) -> None:
    check_labels(case)


def test_unicode_is_kept_exactly_as_transcribed() -> None:
    decomposed = "Caf" + "e\u0301"  # e + combining acute accent
    precomposed = "Caf\u00e9"
    source = f"Title: {precomposed} and {decomposed}\n\nThe {precomposed} meets the {decomposed}.\n"
    encoded = encode(parse_transcript(source, "u.txt"))
    text = to_bytes(encoded.tree).decode("utf-8")
    assert "The Café meets the Cafe\u0301." in text
    assert unicodedata.normalize("NFC", decomposed) != decomposed  # the test input really differs
