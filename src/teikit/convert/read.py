"""Read a record transcript: header fields and body blocks, with their places.

Two shapes are accepted (see ``README.md``):

* the archive page text (Markdown-like): a bold date and a bold title, then
  ``**Label:**`` blocks (Citation, Summary, Original Language, Contents), then
  the document, paragraphs separated by blank lines;
* the ``Label: value`` export: header lines up to the first blank line, then
  the body, one paragraph per line.

The reader knows nothing of TEI. It gives a :class:`Transcript` whose header
values and body blocks are :class:`~teikit.convert.source.SourceText`, so every later
message can name ``file:line:col``.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from teikit.convert import rules
from teikit.convert.source import LINE_BREAK, SourceText
from teikit.core.errors import InputError, Location, TranscriptError

_FORBIDDEN_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_MAX_BYTES = 64 * 1024 * 1024


class Shape(Enum):
    """Which of the two transcript layouts a file uses."""

    PAGE = "page"
    LABELLED = "labelled"


@dataclass(frozen=True)
class Block:
    """A paragraph of the body, as the transcript laid it out."""

    text: SourceText
    heading: int = 0

    @property
    def location(self) -> Location:
        return self.text.location(0)


@dataclass
class Transcript:
    """A record transcript: where it came from, its header and its body."""

    path: str
    shape: Shape
    fields: dict[str, SourceText]
    body: list[Block]
    footnotes: dict[str, SourceText] = field(default_factory=dict)
    problems: list[tuple[str, str, Location]] = field(default_factory=list)
    """Header lines read in a way the transcriber may not expect (message, code, place)."""

    def value(self, label: str) -> str:
        text = self.fields.get(label)
        return text.text.strip() if text else ""

    def values(self, label: str) -> list[str]:
        """A field that may hold a JSON list (``["German"]``), as a list of strings."""
        raw = self.value(label)
        if raw.startswith("[") and raw.endswith("]"):
            try:
                items = json.loads(raw)
            except json.JSONDecodeError:
                items = None
            if isinstance(items, list):
                return [str(item).strip() for item in items if str(item).strip()]
        return [raw] if raw else []


def read_transcript(path: str | Path) -> Transcript:
    """Read and split a transcript file.

    Args:
        path: the transcript file.

    Returns:
        The transcript's header fields and body blocks.

    Raises:
        InputError: the path is missing, a folder or unreadable.
        TranscriptError: the file is empty, binary, not UTF-8, or has no
            recognisable header.
    """
    path = Path(path)
    text = decode_transcript(_read_bytes(path), str(path))
    return parse_transcript(text, str(path))


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise InputError("is a folder, not a transcript file", Location(str(path)), "input-folder")
        with path.open("rb") as stream:
            data = stream.read(_MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError("no such file", Location(str(path)), "input-missing") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", Location(str(path)), "input-unreadable") from exc
    if len(data) > _MAX_BYTES:
        raise TranscriptError(
            f"larger than {_MAX_BYTES // (1024 * 1024)} MiB; split the record", Location(str(path)), "too-large"
        )
    return data


def decode_transcript(data: bytes, path: str) -> str:
    """Decode UTF-8 (a BOM is dropped), unify line ends, refuse binary data."""
    if not data.strip():
        raise TranscriptError("the file is empty; expected a record transcript", Location(path), "empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # UTF-16 (as some Windows editors save) is text, not binary: read it as such.
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise TranscriptError(
                "starts as UTF-16 but is not valid UTF-16; save the transcript as UTF-8", Location(path), "encoding"
            ) from None
    if b"\x00" in data[:8192]:
        raise TranscriptError("looks like a binary file (NUL bytes); expected UTF-8 text", Location(path), "binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise TranscriptError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the transcript as UTF-8",
            Location(path, line, col),
            "encoding",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _FORBIDDEN_RE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise TranscriptError(
            f"control character U+{ord(bad.group()):04X} cannot appear in XML; remove it",
            Location(path, line, col),
            "control-character",
        )
    return text


def parse_transcript(text: str, path: str) -> Transcript:
    """Split decoded transcript text into header and body (see the module doc)."""
    lines = [SourceText.at(line, path, number, 1) for number, line in enumerate(text.split("\n"), start=1)]
    first = next((line for line in lines if line.text.strip()), None)
    if first is None:
        raise TranscriptError("the file is empty; expected a record transcript", Location(path), "empty")
    if first.text.lstrip().startswith("**"):
        transcript = _parse_page(lines, path)
    elif rules.LABEL_LINE_RE.match(first.text.strip()):
        transcript = _parse_labelled(lines, path)
    else:
        raise TranscriptError(
            "no recognisable header: expected a bold date and title (**December 16, 1949**) "
            "or 'Label: value' lines (Date:, Title:, URL:, ...) at the top",
            first.location(0),
            "no-header",
        )
    if "Title" not in transcript.fields or not transcript.value("Title"):
        raise TranscriptError("the header has no title; add a 'Title:' line", first.location(0), "no-title")
    _split_footnotes(transcript)
    return transcript


# --- the archive page text --------------------------------------------------


def _paragraphs(lines: list[SourceText]) -> list[list[SourceText]]:
    """Group lines into blank-line separated paragraphs (whitespace-only lines are blank)."""
    groups: list[list[SourceText]] = []
    current: list[SourceText] = []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _join_markdown(group: list[SourceText]) -> SourceText:
    """Join a paragraph's lines: two trailing spaces make a line break, else a space."""
    # Built once from parts: joining one line at a time copied the text and anchors per line (quadratic).
    texts: list[str] = []
    anchors: list[tuple[int, int, int]] = []
    length = 0
    hard = False
    previous: SourceText | None = None
    for line in group:
        raw = line.text
        stripped = raw.rstrip()
        piece = line[len(raw) - len(raw.lstrip()) : len(stripped)]
        if previous is not None:
            # The separator stands where the previous line ended (as SourceText.join places it).
            anchors.append((length, *previous._position(len(previous.text))))
            texts.append(LINE_BREAK if hard else " ")
            length += 1
        anchors.extend((offset + length, line_number, col) for offset, line_number, col in piece.anchors)
        texts.append(piece.text)
        length += len(piece.text)
        previous = piece
        hard = raw.endswith("  ") or (stripped.endswith("\\") and not stripped.endswith("\\\\"))
    assert previous is not None
    return SourceText("".join(texts), previous.path, tuple(anchors))


def _parse_page(lines: list[SourceText], path: str) -> Transcript:
    groups = [_join_markdown(group) for group in _paragraphs(lines)]
    fields: dict[str, SourceText] = {}
    index = 0
    while index < len(groups) and _is_bold_only(groups[index].text):
        for span in rules.BOLD_SPAN_RE.finditer(groups[index].text):
            inner = groups[index][span.start("text") : span.end("text")]
            flat = SourceText(inner.text.replace(LINE_BREAK, " "), inner.path, inner.anchors)
            if "Date" not in fields and len(flat.text) < 40 and find_date(flat.text):
                fields["Date"] = flat
            elif "Title" not in fields:
                fields["Title"] = flat
        index += 1
    while index < len(groups):
        match = rules.BOLD_LABEL_RE.match(groups[index].text)
        if not match:
            break
        label = match.group("label").strip()
        value = groups[index][match.start("value") : match.end("value")].strip()
        index += 1
        if not value.text and index < len(groups) and not rules.BOLD_LABEL_RE.match(groups[index].text):
            value = groups[index]
            index += 1
        fields[_page_label(label)] = value
    _take_url(fields)
    body = [_block(group) for group in groups[index:]]
    return Transcript(path, Shape.PAGE, fields, body)


def _is_bold_only(text: str) -> bool:
    """A paragraph made only of bold spans (the date and title), not a ``**Label:**``."""
    if rules.BOLD_LABEL_RE.match(text):
        return False
    return bool(text.strip()) and not rules.BOLD_SPAN_RE.sub("", text).strip()


def _page_label(label: str) -> str:
    known = {name.lower(): name for name in rules.HEADER_LABELS}
    return known.get(label.lower(), label)


def _take_url(fields: dict[str, SourceText]) -> None:
    """Move the autolink at the end of the citation into its own URL field."""
    citation = fields.get("Citation")
    if citation is None or "URL" in fields:
        return
    match = rules.ANGLE_URL_RE.search(citation.text)
    if match:
        fields["URL"] = citation[match.start("url") : match.end("url")]
        fields["Citation"] = citation[: match.start()].strip()


def _block(text: SourceText) -> Block:
    heading = re.match(r"^(#{1,6})[ \t]+", text.text)
    if heading:
        return Block(text[heading.end() :].strip(), heading=len(heading.group(1)))
    return Block(text)


# --- the labelled export -------------------------------------------------------


def _parse_labelled(lines: list[SourceText], path: str) -> Transcript:
    fields: dict[str, SourceText] = {}
    problems: list[tuple[str, str, Location]] = []
    label = ""
    index = 0
    while index < len(lines) and not lines[index].text.strip():
        index += 1
    while index < len(lines) and lines[index].text.strip():
        line = lines[index]
        match = rules.LABEL_LINE_RE.match(line.text.strip())
        if match:
            label = match.group("label")
            start = match.start("value") if match.group("value") is not None else len(line.text)
            offset = len(line.text) - len(line.text.lstrip())
            fields[label] = line[offset + start :].strip() if match.group("value") is not None else line[0:0]
        elif label:
            unknown = _UNKNOWN_LABEL_RE.match(line.text.strip())
            if unknown:
                problems.append(
                    (
                        f"'{unknown.group('label')}' is not a header label teikit knows; its line is read as "
                        f"more of the {label} field (known labels: see the README)",
                        "unknown-label",
                        line.location(len(line.text) - len(line.text.lstrip())),
                    )
                )
            fields[label] = fields[label].join(" ", line.strip())
        index += 1
    body = [Block(line.strip()) for line in lines[index:] if line.text.strip()]
    blocks = [_letter_spaced_as_heading(block) for block in body]
    return Transcript(path, Shape.LABELLED, fields, blocks, problems=problems)


_UNKNOWN_LABEL_RE = re.compile(r"^(?P<label>[A-Z][\w&/()' -]{0,40}):(?:\s|$)")
"""``Document Number: 12``: a line shaped like a header field whose label is not known."""


def _letter_spaced_as_heading(block: Block) -> Block:
    if rules.LETTER_SPACED_RE.match(block.text.text):
        return Block(block.text, heading=1)
    return block


# --- footnotes ---------------------------------------------------------------


def _split_footnotes(transcript: Transcript) -> None:
    """Take footnote texts (``[1] …``) off the end of the body when their marker occurs."""
    body = transcript.body
    notes: dict[str, SourceText] = {}
    while body:
        match = rules.FOOTNOTE_LINE_RE.match(body[-1].text.text)
        if not match:
            break
        number = match.group("n") or match.group("md")
        marker = f"[{number}]" if match.group("n") else f"[^{number}]"
        if not any(marker in block.text.text for block in body[:-1]):
            break
        text_group = "text" if match.group("n") else "mdtext"
        notes[number] = body[-1].text[match.start(text_group) : match.end(text_group)].strip()
        body.pop()
    transcript.footnotes = dict(sorted(notes.items(), key=lambda item: int(item[0])))


# --- dates ---------------------------------------------------------------------


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first full date in ``text`` as ISO ``YYYY-MM-DD``, with its match."""
    best: tuple[str, re.Match[str]] | None = None
    for pattern in rules.DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso_date(match)
            if iso and (best is None or match.start() < best[1].start()):
                best = (iso, match)
                break
    return best


def looks_like_full_date(text: str) -> bool:
    """Whether ``text`` has the shape of a day, month and year, real or not (``February 30, 1950``)."""
    return any(pattern.search(text) for pattern in rules.DATE_PATTERNS)


def find_partial_date(text: str, *, year_only: bool = False) -> tuple[str, re.Match[str]] | None:
    """The first month and year (``March 1962`` -> ``1962-03``) in ``text``, with its match.

    With ``year_only``, a year standing alone (``1962``) is taken as ``1962``.
    The precision given is kept: nothing is added that the text does not say.
    """
    best: tuple[str, re.Match[str]] | None = None
    for pattern in rules.PARTIAL_DATE_PATTERNS:
        for match in pattern.finditer(text):
            month_text = match.group("month")
            month = int(month_text) if month_text.isdigit() else rules.MONTHS.get(month_text.lower().rstrip("."))
            if month and 1 <= month <= 12:
                if best is None or match.start() < best[1].start():
                    best = (f"{int(match.group('year')):04d}-{month:02d}", match)
                break
    if best is None and year_only:
        year = rules.YEAR_RE.search(text)
        if year:
            best = (year.group("year"), year)
    return best


def _iso_date(match: re.Match[str]) -> str | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else rules.MONTHS.get(month_text.lower().rstrip("."))
    day, year = int(match.group("day")), int(match.group("year"))
    if not month or not 1 <= month <= 12:
        return None
    days = (
        31,
        29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    )
    if not 1 <= day <= days[month - 1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
