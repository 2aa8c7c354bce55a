"""Recognise the layout of a record's body: page marks and the kinds of blocks that are not turns.

Input: the text of body blocks (:class:`~teikit.convert.source.SourceText` or str). Output:
blocks whose typed page marks are replaced by the internal page-break marks of
:mod:`teikit.convert.source`, and predicates that say what a block is (a
heading, a numbered section, a list item, a dateline, a classification line, a
letterhead, an address line, a signature line). The rules are the conventions
of the record families teikit reads (FRUS memoranda, Soviet and East European
records of conversation, chancellery memoranda); their patterns live in
:mod:`teikit.convert.rules`. No XML is made here.
"""

from __future__ import annotations

import re

from teikit.convert import rules
from teikit.convert.read import find_date, find_partial_date
from teikit.convert.source import PAGE_AS_TYPED, PAGE_BREAK, PAGE_BREAK_IN_WORD, PAGE_NUMBER, SourceText, hide_as_typed

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_SHORT_WORDS = 12


# --- typed page marks -------------------------------------------------------------


def _mark_number(match: re.Match[str]) -> str:
    for group in ("n1", "n2", "n3", "n4", "n5"):
        value = match.group(group)
        if value:
            return " ".join(value.split())
    return ""


def _sentinel(in_word: bool, match: re.Match[str] | None) -> str:
    """The internal mark of a typed page break: in a word or not, its number, and the mark as typed."""
    mark = PAGE_BREAK_IN_WORD if in_word else PAGE_BREAK
    if match is None:
        return f"{PAGE_NUMBER}{mark}{PAGE_NUMBER}"
    return f"{PAGE_NUMBER}{mark}{_mark_number(match)}{PAGE_AS_TYPED}{hide_as_typed(' '.join(match.group().split()))}{PAGE_NUMBER}"


def mark_page_breaks(text: SourceText) -> SourceText:
    """Replace every typed page mark of ``text`` by an internal page-break mark.

    A word hyphenated across the mark (``помо- // щи``), or cut by it with no
    space on either side (``помо//щи``), gets the in-word mark, so the TEI has
    ``break="no"``; the printed hyphen stays in the text.
    """
    pieces: list[tuple[int, int, str]] = []
    raw = text.text
    for match in rules.PAGE_MARK_RE.finditer(raw):
        before, after = raw[: match.start()], raw[match.end() :]
        if not before.strip() and not after.strip():
            continue  # a block that is only a mark: join_page_breaks places it
        tight = match.group() == match.group().strip()
        hyphen = before.endswith("-") and len(before) > 1 and before[-2].isalpha()
        letters = bool(before[-1:].isalpha() and after[:1].isalpha())
        in_word = (hyphen and after[:1].isalpha() and after[:1].islower()) or (tight and letters)
        pieces.append((match.start(), match.end(), _sentinel(in_word, match)))
    if not pieces:
        return text
    result = text[0 : pieces[0][0]]
    for index, (_start, end, mark) in enumerate(pieces):
        following = pieces[index + 1][0] if index + 1 < len(pieces) else len(raw)
        result = result.join(mark, text[end:following])
    return result


def page_mark_only(text: str) -> re.Match[str] | None:
    """The match when a whole block is one typed page mark (``-- 3 --``, ``[Page 45]``)."""
    match = rules.PAGE_MARK_RE.fullmatch(text)
    return match if match and match.group().strip() else None


def page_mark_sentinel(text: str, in_word: bool = False) -> str:
    """The internal mark for a block that is only a typed page mark."""
    return _sentinel(in_word, page_mark_only(text))


# --- what keeps two blocks apart --------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


def is_list_item(text: str) -> bool:
    """``• item``, ``- item``, ``a) item``, ``(ii) item``, ``1) item`` (numbered ones only while short)."""
    match = rules.LIST_ITEM_RE.match(text.strip())
    if match is None:
        return False
    return not match.group("digits") or len(_words(text)) <= rules.LIST_ITEM_MAX_WORDS


def is_date_line(text: str) -> bool:
    """A short line that is a date, or a place and a date (``Moscow, 16 December 1949``)."""
    stripped = text.strip().rstrip(".")
    if len(_words(stripped)) > 8:
        return False
    found = find_date(stripped) or find_partial_date(stripped)
    if found is None:
        return bool(re.fullmatch(r"\d{1,2}[./]\s?(?:\d{1,2}|[IVX]{1,4})[./]\s?\d{2,4}(?:\s?г\.?)?", stripped))
    rest = (stripped[: found[1].start()] + stripped[found[1].end() :]).strip(" ,.;")
    rest = re.sub(r"^(?:г\.?|года|\d{1,2}[.:]\d{2}(?:\s?[ap]\.m\.)?|[ap]\.m\.)", "", rest).strip(" ,.;")
    return len(_words(rest)) <= 3


def is_short_line(text: str) -> bool:
    """A line too short to be the first part of a paragraph a page break cut (a heading, a label)."""
    return len(_words(text)) < 6


def keeps_apart(before: str, after: str) -> bool:
    """True when ``before`` cannot be the first part of a paragraph continued by ``after``.

    The page-break join never fires after a heading, a label, a list item, a
    date line or a line ending in ``:``, nor before a list item.
    """
    tail = before.rstrip()
    hyphenated = tail.endswith("-") and len(tail) > 1 and tail[-2].isalpha()
    return (
        (is_short_line(tail) and not hyphenated)
        or tail.endswith(":")
        or is_list_item(tail)
        or is_list_item(after)
        or section_number(tail) is not None
        or is_date_line(tail)
        or is_classification(tail)
    )


# --- kinds of blocks -----------------------------------------------------------------------


def section_number(text: str) -> str | None:
    """The number of a numbered heading (``2. The situation in the region`` -> ``2``), else ``None``.

    A heading is short (up to twelve words), holds no full sentence after its
    number, and does not end in a comma, semicolon or colon.
    """
    stripped = _without_note_markers(text)
    match = rules.SECTION_NUMBER_RE.match(stripped)
    if not match or find_date(stripped) or find_partial_date(stripped):
        return None
    rest = stripped[match.end() :]
    number = match.group("number").translate(_FULL_WIDTH).rstrip(".)").replace("§", "").strip()
    roman = bool(re.fullmatch(r"[IVXLC]+", number))
    if roman and not match.group("number").endswith((".", ")")):
        return None
    if not number or len(_words(rest)) > _SHORT_WORDS or rest.rstrip()[-1:] in ",;:":
        return None
    if re.search(r"[.!?]\s+\S", rest) or (rest.rstrip().endswith((".", "!", "?")) and not _upper(rest)):
        return None
    return number


def numbered_line(text: str) -> bool:
    """A short numbered line without a full stop (``5. Preparation of the session on 20./21. November``).

    Two or more in a row are a list (a table of contents, the points of an agenda).
    """
    stripped = _without_note_markers(text)
    return bool(rules.SECTION_NUMBER_RE.match(stripped)) and len(_words(stripped)) <= 16 and stripped[-1:] not in ".!?"


def numbered_line_number(text: str) -> str:
    """The number of a numbered line (``5.`` -> ``5``, ``1．`` -> ``1``)."""
    match = rules.SECTION_NUMBER_RE.match(_without_note_markers(text))
    return match.group("number").translate(_FULL_WIDTH).rstrip(".)").replace("§", "").strip() if match else ""


def is_heading(text: str) -> bool:
    """An unnumbered heading: a short line in capitals or title case, without final punctuation."""
    stripped = text.strip()
    words = _words(stripped)
    if not words or len(words) > 8 or stripped[-1:] in ".,;:!?…" or stripped[:1] in '([«"“':
        return False
    if not stripped[:1].isupper():
        return False
    significant = [word for word in words if len(word) > 3]
    return all(word[:1].isupper() or not word[:1].isalpha() for word in significant)


def subject_heading(text: str) -> bool:
    """``SUBJECT`` / ``Subject:`` / ``ТЕМА`` standing alone."""
    return text.strip().rstrip(":").strip().lower() in rules.SUBJECT_HEADINGS


def is_address_line(text: str) -> bool:
    """``To: The Secretary`` / ``FROM: INR`` / ``Кому: …``."""
    return bool(rules.ADDRESS_LABEL_RE.match(text.strip()))


def is_diary_line(text: str) -> bool:
    """``From the diary of V.V. Kuznetsov`` / ``ИЗ ДНЕВНИКА А.А. ГРОМЫКО``."""
    return bool(rules.DIARY_RE.match(text.strip())) and len(_words(text)) <= 16


def is_classification(text: str) -> bool:
    """``Secret`` / ``TOP SECRET`` / ``Secret; Sensitive`` / ``Совершенно секретно``, in any case."""
    stripped = text.strip()
    return bool(stripped) and len(stripped) <= 80 and bool(rules.CLASSIFICATION_RE.match(stripped))


def is_letterhead(text: str) -> bool:
    """An institution's name printed at the head of the paper (``MINISTRY OF FOREIGN AFFAIRS``)."""
    stripped = text.strip()
    return (
        len(_words(stripped)) <= 14
        and stripped[-1:] not in ".:;"
        and ": " not in stripped
        and bool(rules.LETTERHEAD_RE.search(stripped))
        and find_date(stripped) is None
    )


def is_signature_mark(text: str) -> bool:
    """``(signature)`` / ``(подпись)`` / ``[signed]``, alone or before the name (``(signature) P. YUDIN``)."""
    match = rules.SIGNATURE_MARK_RE.match(text.strip())
    return match is not None and (not match.group("name") or is_signature_name(match.group("name")))


def _upper(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def is_prose(text: str) -> bool:
    """A paragraph of running text: six words or more, ending in sentence punctuation."""
    stripped = _without_note_markers(text)
    return len(_words(stripped)) >= 6 and stripped[-1:] in ".!?…:;\"'”»)]"


def _without_note_markers(text: str) -> str:
    return re.sub(r"\s*\[\^?\d{1,3}\]", "", text).strip()


def is_signature_name(text: str) -> bool:
    """A name alone on a line (``Benjamin H. Read``, ``А. ГРОМЫКО``), or a name in capitals with a date."""
    stripped = _without_note_markers(text).strip("() ")
    if rules.PERSON_NAME_RE.match(stripped):
        return True
    date = find_date(stripped) or find_partial_date(stripped)
    day_month = rules.DAY_MONTH_RE.search(stripped)
    span = date[1].span() if date else day_month.span() if day_month else None
    if span is None:
        return False
    name = (stripped[: span[0]] + " " + stripped[span[1] :]).strip(" ,.")
    letters = [char for char in name if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters) and bool(rules.PERSON_NAME_RE.match(name))


def is_signature_title(text: str) -> bool:
    """A title line over a signature (``Executive Secretary``, ``Посол СССР в КНР``)."""
    stripped = _without_note_markers(text)
    words = _words(stripped)
    return 0 < len(words) <= 10 and stripped[-1:] not in ".:;!?" and stripped[:1].isupper() and ":" not in stripped


def signature_block_start(texts: list[str]) -> int:
    """Index of the first block of the signature block that ends the body, or ``len(texts)``.

    Read backwards from the end: a block of one to four short lines that
    holds a name (``Benjamin H. Read``), or ``(signature)`` and a name, with
    title and date lines over or under it.
    """
    start = len(texts)
    has_name = False
    for index in range(len(texts) - 1, max(len(texts) - 5, -1), -1):
        text = texts[index]
        if is_signature_mark(text) or is_signature_name(text):
            has_name = True
        elif not (is_date_line(text) or (is_signature_title(text) and has_name)):
            break
        start = index
    if not has_name or start == len(texts):
        return len(texts)
    if start == len(texts) - 1 and not (is_signature_mark(texts[start]) or _caps_name(texts[start])):
        return len(texts)
    return start


def _caps_name(text: str) -> bool:
    plain = _without_note_markers(text)
    date = find_date(plain) or find_partial_date(plain)
    if date:
        plain = plain[: date[1].start()] + plain[date[1].end() :]
    letters = [char for char in plain if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def list_marker(text: str) -> str:
    """The marker of a list item without its punctuation (``a)`` -> ``a``, ``•`` -> ``•``)."""
    match = rules.LIST_ITEM_RE.match(text.strip())
    if not match:
        return ""
    return (match.group("marker") or match.group("dash")).strip("()")
