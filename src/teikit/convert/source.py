"""Text that remembers where it came from.

The reader cuts a transcript into header values and body blocks, joins lines,
and later stages cut those again around brackets and speaker labels. A
:class:`SourceText` keeps, for every piece, the line and column each character
had in the file, so a bracket found deep inside a merged paragraph is still
reported at its true ``file:line:col``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from teikit.core.errors import Location

#: Internal marks put into block text where a page break was repaired. They are
#: control characters that :func:`teikit.convert.read.read_transcript` refuses in input,
#: so they can never be confused with text of the record.
PAGE_BREAK = "\x1c"
PAGE_BREAK_IN_WORD = "\x1d"
#: Encloses a typed page mark's break and number: ``PAGE_NUMBER + PAGE_BREAK +
#: "5" + PAGE_NUMBER`` is ``<pb n="5"/>``. Unlike the break marks it is not white
#: space to ``str.strip``, so a typed mark at the edge of a block survives.
PAGE_NUMBER = "\x0e"
#: Inside a typed page mark's sentinel, after the number: the mark as the transcript typed it
#: (``[Seite 3]``, ``//``), which the TEI keeps in ``pb/@rend`` for the diplomatic text.
PAGE_AS_TYPED = "\x0f"
#: A hard line break inside a block (Markdown's two trailing spaces).
LINE_BREAK = "\n"


# The mark as typed rides inside the sentinel through the inline rules, which must not read it as
# text (its brackets as a bracket, its digits as a date): its characters are moved to the Private Use Area.
_HIDDEN_OFFSET = 0xE000
_HIDDEN_LIMIT = 0x1900


def hide_as_typed(mark: str) -> str:
    """``mark`` in characters no text rule matches (see :func:`shown_as_typed`)."""
    return "".join(chr(_HIDDEN_OFFSET + ord(char)) if ord(char) < _HIDDEN_LIMIT else char for char in mark)


def shown_as_typed(hidden: str) -> str:
    """The mark :func:`hide_as_typed` hid, as typed."""
    return "".join(
        chr(ord(char) - _HIDDEN_OFFSET) if _HIDDEN_OFFSET <= ord(char) < _HIDDEN_OFFSET + _HIDDEN_LIMIT else char
        for char in hidden
    )


_MARKS_RE = re.compile(f"{PAGE_NUMBER}[^{PAGE_NUMBER}]*{PAGE_NUMBER}|[{PAGE_BREAK}{PAGE_BREAK_IN_WORD}]")


def without_marks(text: str) -> str:
    """``text`` without the internal page-break marks, for places that hold plain text (a name in the header)."""
    return " ".join(_MARKS_RE.sub(" ", text).split()) if _MARKS_RE.search(text) else text


@dataclass(frozen=True)
class SourceText:
    """A string plus, per character run, the file position it started at.

    ``anchors`` is a sorted tuple of ``(offset, line, col)``: the character at
    ``offset`` stood at ``line:col`` and the following characters on the same
    run follow it column by column.
    """

    text: str
    path: str
    anchors: tuple[tuple[int, int, int], ...]

    @classmethod
    def at(cls, text: str, path: str, line: int, col: int) -> SourceText:
        return cls(text, path, ((0, line, col),))

    def location(self, offset: int = 0) -> Location:
        index = bisect_right(self.anchors, (offset, 1 << 62, 0)) - 1
        start, line, col = self.anchors[max(index, 0)]
        return Location(self.path, line, col + max(offset - start, 0))

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, key: slice) -> SourceText:
        start, stop, _ = key.indices(len(self.text))
        anchors = [(0, *self._position(start))]
        # Only the anchors inside the slice, found by bisection: a scan of all made slicing quadratic.
        first = bisect_right(self.anchors, (start, 1 << 62, 0))
        last = bisect_left(self.anchors, (stop, -1, -1))
        anchors.extend((offset - start, line, col) for offset, line, col in self.anchors[first:last])
        return SourceText(self.text[start:stop], self.path, tuple(anchors))

    def _position(self, offset: int) -> tuple[int, int]:
        loc = self.location(offset)
        return loc.line, loc.col

    def strip(self) -> SourceText:
        text = self.text
        start = len(text) - len(text.lstrip())
        stop = len(text.rstrip())
        return self[start:stop] if stop > start else self[0:0]

    def join(self, separator: str, other: SourceText) -> SourceText:
        """This text, ``separator`` (placed at the end of this text), then ``other``."""
        base = len(self.text) + len(separator)
        anchors = list(self.anchors)
        if separator:
            anchors.append((len(self.text), *self._position(len(self.text))))
        anchors.extend((offset + base, line, col) for offset, line, col in other.anchors)
        return SourceText(self.text + separator + other.text, self.path, tuple(anchors))
