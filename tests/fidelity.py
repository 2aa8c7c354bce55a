"""The edition's fidelity invariant, shared by the corpus test and the property run.

The reading text may add to the translator's text but never replace or drop a
word of it: read word by word, it contains every word of the transcript that
stands outside square brackets, in the transcript's order. The diplomatic text
gives the transcript back (white space folded, Markdown markers removed).

Words are runs of letters and digits. Two documented normalisations apply to
the transcript before comparing: a letter-spaced word (``З А П И С Ь``) is
the word it spells, and a word hyphenated across a page break (``помо-`` /
``щи``) is one word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

WORD_RE = re.compile(r"[^\W_]+")
LETTER_SPACED_RE = re.compile(r"(?<!\w)\w(?: \w){3,}(?!\w)")
HYPHEN_BREAK_RE = re.compile(r"(?<=\w)-[ \t]*\r?\n(?:[ \t]*\r?\n)+[ \t]*(?=[a-zа-яё])")


def outside_brackets(text: str) -> str:
    """``text`` with every top-level ``[…]`` replaced by a space (an unmatched bracket is kept)."""
    out: list[str] = []
    depth = 0
    for char in text:
        if char == "[":
            depth += 1
            out.append(" ")
        elif char == "]" and depth:
            depth -= 1
            out.append(" ")
        elif depth == 0:
            out.append(char)
    if depth:  # an unmatched "[" swallows nothing
        return text
    return "".join(out)


def transcript_words(body: str) -> list[str]:
    """The words of a transcript's body outside brackets, after the documented normalisations."""
    body = HYPHEN_BREAK_RE.sub("", body)
    body = LETTER_SPACED_RE.sub(lambda match: match.group().replace(" ", ""), body)
    return WORD_RE.findall(outside_brackets(body))


def missing_in_order(expected: Sequence[str], produced: Sequence[str]) -> list[str]:
    """The words of ``expected`` that ``produced`` does not contain in order (empty when it does).

    A greedy subsequence match; on a miss the word is reported and the search goes on from
    where it stood, so one missing word does not hide the others.
    """
    missing: list[str] = []
    position = 0
    for word in expected:
        try:
            position = produced.index(word, position) + 1
        except ValueError:
            missing.append(word)
    return missing


def fold(text: str) -> str:
    """The documented normalisation of a diplomatic comparison: white space folded, Markdown markers gone."""
    text = re.sub(r"^#{1,6}\s+", "", text, flags=re.M)
    text = text.replace("**", "").replace("*", "")
    return " ".join(text.split())
