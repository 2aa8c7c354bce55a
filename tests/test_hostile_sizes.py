"""Inputs that once crashed or took minutes: deep or unclosed brackets, long runs of markers, long lines.

The linear scanners must find exactly what the old ones found; the sizes that
raised RecursionError now convert; and doubling an input roughly doubles the
work (benchmarks/bench_quadratic.py shows the times at ten times the sizes).
"""

from __future__ import annotations

import time
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from teikit.check.locate import SourceLocator
from teikit.cli import cli
from teikit.convert import inline
from teikit.convert.encode import encode
from teikit.convert.read import read_transcript
from teikit.core.serialize import to_bytes

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "records" / "wilson-111240.md"


def _old_brackets(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """The recursive scanner the stack replaced (it raised RecursionError at ~1,000 unclosed '[')."""
    spans: list[tuple[str, int, int]] = []
    depth, opened = 0, -1
    for index, char in enumerate(text):
        if char == "[":
            if depth == 0:
                opened = index
            depth += 1
        elif char == "]":
            if depth == 0:
                spans.append(("stray", offset + index, offset + index + 1))
            else:
                depth -= 1
                if depth == 0:
                    spans.append(("bracket", offset + opened, offset + index + 1))
    if depth:
        spans.append(("stray", offset + opened, offset + opened + 1))
        spans.extend(_old_brackets(text[opened + 1 :], offset + opened + 1))
    return spans


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="*[] a_\né.", max_size=40))
def test_the_linear_scanners_find_what_the_old_ones_found(text: str) -> None:
    old = [(m.start(), m.start(2), m.end(2), m.end(), m.group(1)) for m in inline._EMPHASIS_RE.finditer(text)]
    assert list(inline._emphasis(text)) == old
    new = [(span.kind, span.start, span.end) for span in inline._brackets(text)]
    assert new == sorted(_old_brackets(text), key=lambda span: span[1])
    # Emphasis is kept only where no bracket or stray bracket overlaps it, as the pairwise check did.
    spans = inline.scan(text)
    for emphasis in (span for span in spans if span.kind == "emphasis"):
        assert not any(
            other.kind != "emphasis" and other.start < emphasis.end and emphasis.start < other.end for other in spans
        )
    expected = [
        m
        for m in inline._EMPHASIS_RE.finditer(text)
        if not any(start < m.end() and m.start() < end for _, start, end in _old_brackets(text))
    ]
    assert [span.start for span in spans if span.kind == "emphasis"] == [m.start() for m in expected]


def _transcript(tmp_path: Path, paragraph: str) -> Path:
    path = tmp_path / "record.md"
    path.write_text(SEED.read_text(encoding="utf-8") + "\n\n" + paragraph + "\n", encoding="utf-8")
    return path


def test_5000_nested_brackets_convert_with_a_warning(tmp_path: Path) -> None:
    # Before the fix: RecursionError (inline.fill -> brackets.classify ...).
    path = _transcript(tmp_path, "[" * 5000 + "deep" + "]" * 5000)
    encoded = encode(read_transcript(path))
    assert any(warning.code == "nesting-too-deep" for warning in encoded.warnings)
    data = to_bytes(encoded.tree)
    text = "".join(etree.fromstring(data).itertext())
    assert "deep" in text and text.count("[") + text.count("]") > 9000 - 2 * 2 * inline.MAX_NESTING


def test_2000_unclosed_brackets_convert(tmp_path: Path) -> None:
    # Before the fix: RecursionError in inline._brackets (one recursion per unclosed '[').
    path = _transcript(tmp_path, "[a " * 2000)
    encoded = encode(read_transcript(path))
    assert sum(warning.code == "unmatched-bracket" for warning in encoded.warnings) == 2000


def test_a_batch_with_a_crashing_file_converts_the_others(tmp_path: Path, monkeypatch: object) -> None:
    # Before the fix only TeikitError was caught: the first unexpected exception ended the batch.
    import teikit.convert.files as files

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.md").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    real = files.encode

    def encode_or_crash(transcript: object, **options: object) -> object:
        if str(getattr(transcript, "path", "")).endswith("b.md"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(transcript, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(files, "encode", encode_or_crash)  # type: ignore[attr-defined]
    result = CliRunner().invoke(cli, ["convert", str(folder), "--out-dir", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"{folder / 'b.md'}: error: the file is nested too deeply" in result.stderr
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["a.xml", "c.xml"]


def _seconds(function: object, *arguments: object) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        function(*arguments)  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def test_scanning_grows_linearly() -> None:
    # Before the fix '*a ' x 20k took 31.7 s (the lazy regex rescanned to the end from every '*').
    small, large = "*a [b] " * 5_000, "*a [b] " * 50_000
    ratio = _seconds(inline.scan, large) / _seconds(inline.scan, small)
    assert ratio < 50, f"10x the input took {ratio:.0f}x the time"


def test_locating_many_errors_on_one_line_grows_linearly() -> None:
    # Before the fix SourceLocator rescanned the whole line for every diagnostic.
    def locate_all(count: int) -> None:
        data = ("<r>" + "<hi a='1'>w</hi>" * count + "</r>").encode()
        root = etree.fromstring(data)
        locator = SourceLocator(data, root)
        for index in range(count):
            element = locator.path(f"/*/*[{index + 1}]")
            assert element is not None
            locator.attribute(element, "a")

    ratio = _seconds(locate_all, 20_000) / _seconds(locate_all, 2_000)
    assert ratio < 50, f"10x the errors took {ratio:.0f}x the time"
