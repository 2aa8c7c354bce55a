"""The edition's fidelity invariant, shared by the corpus test and the property run.

The reading text may add to the translator's text but never replace or drop a
word of it: read word by word, it contains every word of the transcript that
stands outside square brackets, in the transcript's order. The diplomatic text
gives the transcript back (white space folded, Markdown markers removed).

Words are runs of letters and digits. Two documented normalisations apply to
the transcript before comparing: a letter-spaced word (``З А П И С Ь``) is
the word it spells (on both sides: a run of four single letters is one word), and a word hyphenated across a page break (``помо-`` /
``щи``) is one word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

WORD_RE = re.compile(r"[^\W_]+(?:\u00ad[^\W_]+)*")
JOIN = "\u00ad"
"""Marks a word hyphenated across a page break: it may be read joined (помощи) or as its two parts."""
LETTER_SPACED_RE = re.compile(r"(?<!\S)\w(?:[ \t]+\w){3,}(?!\S)")
HYPHEN_BREAK_RE = re.compile(r"(?<=\w)-[ \t]*\r?\n(?:[ \t]*\r?\n)*[ \t]*(?=[a-zа-яё])")


def _blank_brackets(text: str) -> str:
    """``text`` with each paired ``[…]`` blanked; an unmatched ``[`` or ``]`` is kept and pairs nothing."""
    out = list(text)
    depth, opened = 0, -1
    for index, char in enumerate(text):
        if char == "[":
            if depth == 0:
                opened = index
            depth += 1
        elif char == "]" and depth:
            depth -= 1
            if depth == 0:
                out[opened : index + 1] = " " * (index + 1 - opened)
    if depth:
        # The "[" at ``opened`` never closes: it stays, and the text after it is read again.
        return "".join(out[: opened + 1]) + _blank_brackets(text[opened + 1 :])
    return "".join(out)


def _depth(text: str) -> int:
    """Brackets still open at the end of ``text`` (a ``]`` with none open is ignored)."""
    depth = 0
    for char in text:
        if char == "[" or (char == "]" and depth):
            depth += 1 if char == "[" else -1
    return depth


def outside_brackets(text: str) -> str:
    """``text`` with every bracket blanked, brackets paired within a paragraph only.

    Brackets pair within a line, or over the next two non-blank lines when a
    line opens with ``[`` and the bracket closes at the end of one of them (a
    description cut by a blank line); a ``[`` never pairs with a ``]`` of
    another paragraph.
    """
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.lstrip().startswith("[") and _depth(line):
            joined, seen, ahead = line, 0, index + 1
            while ahead < len(lines) and seen < 2:
                joined += "\n" + lines[ahead]
                seen += bool(lines[ahead].strip())
                if not _depth(joined):
                    break
                ahead += 1
            if ahead < len(lines) and not _depth(joined) and joined.rstrip().endswith("]"):
                out.append(_blank_brackets(joined))
                index = ahead + 1
                continue
        out.append(_blank_brackets(line))
        index += 1
    return "\n".join(out)


def transcript_words(body: str) -> list[str]:
    """The words of a transcript's body outside brackets, after the documented normalisations."""
    body = HYPHEN_BREAK_RE.sub(JOIN, body)
    return WORD_RE.findall(outside_brackets(_join_spaced(body)))


def reading_words(text: str) -> list[str]:
    """The words of a rendered text, a run of four or more single letters read as one word."""
    return WORD_RE.findall(_join_spaced(text))


def _join_spaced(text: str) -> str:
    """``З А П И С Ь`` -> ``ЗАПИСЬ`` (before brackets are blanked, which would make new runs)."""
    return LETTER_SPACED_RE.sub(lambda match: re.sub(r"[ \t]", "", match.group()), text)


def missing_in_order(expected: Sequence[str], produced: Sequence[str]) -> list[str]:
    """The words of ``expected`` that ``produced`` does not contain in order (empty when it does).

    A greedy subsequence match; on a miss the word is reported and the search goes on from
    where it stood, so one missing word does not hide the others.
    """
    missing: list[str] = []
    position = 0
    for word in expected:
        # A hyphenated word may be read joined or in its parts: the reading that ends first wins.
        readings = [[word.replace(JOIN, "")], *([word.split(JOIN)] if JOIN in word else [])]
        found = [end for end in (_find(reading, produced, position) for reading in readings) if end is not None]
        if found:
            position = min(found)
        else:
            missing.append(word.replace(JOIN, "-"))
    return missing


def _find(words: list[str], produced: Sequence[str], start: int) -> int | None:
    """Where the search goes on after ``words`` are found in order in ``produced`` from ``start``."""
    position = start
    for word in words:
        try:
            position = produced.index(word, position) + 1
        except ValueError:
            return None
    return position


def fold(text: str) -> str:
    """The documented normalisation of a diplomatic comparison: white space folded, Markdown markers gone."""
    text = re.sub(r"^#{1,6}\s+", "", text, flags=re.M)
    text = text.replace("**", "").replace("*", "")
    return " ".join(text.split())
