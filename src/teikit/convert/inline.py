"""Encode the running text of a paragraph as TEI mixed content.

Input: a :class:`~teikit.convert.source.SourceText` (one paragraph, turn text, heading
...). Output: text and elements appended to a given lxml element. Two layers:

* special spans found by a scan: square brackets (classified by
  :mod:`teikit.convert.brackets`), Markdown emphasis, stray brackets;
* plain text between them, where a chain of text rules makes page and line
  breaks, typescript slash-parentheses (``VKP/b/``, ``/Karskii/``), links
  (``<http://…>``) and names of known people, places and organisations.

Every bracket is recorded for the review listing; nothing of the text is
dropped, so the words of the TEI text are the words of the transcript.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from teikit.convert import rules
from teikit.convert.brackets import BracketRule, Decision, Pieces, RuleRegistry, Site, trailing_name
from teikit.convert.context import BracketRecord, EncodingContext
from teikit.convert.source import (
    LINE_BREAK,
    PAGE_AS_TYPED,
    PAGE_BREAK,
    PAGE_BREAK_IN_WORD,
    PAGE_NUMBER,
    SourceText,
    shown_as_typed,
)
from teikit.core.errors import Location

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"


def tei(tag: str) -> str:
    """Clark name of a TEI element."""
    return f"{{{TEI_NS}}}{tag}"


def append_text(parent: etree._Element, text: str) -> None:
    """Append ``text`` at the end of ``parent``'s content (its text or last child's tail)."""
    if not text:
        return
    # parent[-1], not len(parent): lxml counts children one by one, which made long paragraphs quadratic.
    try:
        last = parent[-1]
    except IndexError:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def append_node(parent: etree._Element, node: etree._Element | str) -> None:
    if isinstance(node, str):
        append_text(parent, node)
    else:
        parent.append(node)


@dataclass(frozen=True)
class Span:
    """A special span of a paragraph: a bracket, emphasis, or a stray bracket character."""

    kind: str
    start: int
    end: int
    inner_start: int = 0
    inner_end: int = 0
    rend: str = ""


MAX_NESTING = 40
"""Deepest nesting of brackets and emphasis encoded as elements (deeper ones stay text)."""

_EMPHASIS_RE = re.compile(r"(?<![\w*])(\*\*|\*)(?=\S)(.+?)(?<=\S)\1(?![\w*])", re.S)
_SLASH_RE = re.compile(r"(?<=[^\W\d_])/([a-zа-яё]{1,4})/|(?<![\w/])/([A-ZА-ЯЁ][\w.'’ -]{0,40}?[\w.])/(?![\w/])")
_URL_RE = re.compile(r"<(https?://[^\s<>]+)>")
_BREAKS_RE = re.compile(
    f"{LINE_BREAK}|[{PAGE_BREAK}{PAGE_BREAK_IN_WORD}]"
    f"|{PAGE_NUMBER}(?P<typed>[{PAGE_BREAK}{PAGE_BREAK_IN_WORD}])(?P<page>[^{PAGE_NUMBER}{PAGE_AS_TYPED}]*)"
    f"(?:{PAGE_AS_TYPED}(?P<as_typed>[^{PAGE_NUMBER}]*))?{PAGE_NUMBER}"
)
_SCRIPT_RUN_RE = re.compile(
    "|".join(
        rf"(?P<{name}>[{chars}][{chars}\u0300-\u036f]*(?:[\s'’-]+[{chars}][{chars}\u0300-\u036f]*)*)"
        for name, chars in rules.SCRIPT_RANGES.items()
    )
)


def scan(text: str) -> list[Span]:
    """Find the top-level brackets, emphasis and unmatched bracket characters of ``text``.

    Linear in the length of the text: emphasis that overlaps a bracket is
    found by bisecting the (sorted, disjoint) brackets, not by comparing pairs.
    """
    brackets = _brackets(text)
    starts = [span.start for span in brackets]
    emphasis = []
    for start, inner_start, inner_end, end, marker in _emphasis(text):
        before = bisect_left(starts, end) - 1
        if before >= 0 and brackets[before].end > start:
            continue
        rend = "bold" if marker == "**" else "italic"
        emphasis.append(Span("emphasis", start, end, inner_start, inner_end, rend))
    return sorted(brackets + emphasis, key=lambda span: span.start)


_WORD_RE = re.compile(r"\w")
_OPENER_RE = re.compile(r"(?<![\w*])\*")
_CLOSER_RE = re.compile(r"(?<=\S)\*")


def _emphasis(text: str) -> Iterator[tuple[int, int, int, int, str]]:
    """What :data:`_EMPHASIS_RE`'s ``finditer`` finds, in one pass instead of a rescan per ``*``.

    Yields ``(start, inner_start, inner_end, end, marker)``; the lazy regex
    takes, for each opening ``**`` (else ``*``), the nearest closing marker at
    least one character on, so the closers are listed once and bisected.
    """

    def free(index: int) -> bool:  # nothing glued after a closing marker: no word character, no '*'
        return index >= len(text) or (text[index] != "*" and not _WORD_RE.match(text, index))

    closers: dict[str, list[int]] = {"*": [], "**": []}
    for match in _CLOSER_RE.finditer(text):
        index = match.start()
        if free(index + 1):
            closers["*"].append(index)
        if text.startswith("*", index + 1) and free(index + 2):
            closers["**"].append(index)
    resume = 0
    for match in _OPENER_RE.finditer(text):
        start = match.start()
        if start < resume:
            continue
        for marker in ("**", "*"):
            inner = start + len(marker)
            if not text.startswith(marker, start) or inner >= len(text) or text[inner].isspace():
                continue
            found = closers[marker]
            index = bisect_left(found, inner + 1)
            if index < len(found):
                close = found[index]
                yield start, inner, close, close + len(marker), marker
                resume = close + len(marker)
                break


def _brackets(text: str) -> list[Span]:
    """Top-level ``[…]`` spans, in order; an unmatched ``[`` or ``]`` is a one-character stray span.

    Each ``]`` closes the nearest open ``[``; a pair is top-level unless a
    matched pair holds it (an ``[`` that never closes holds nothing). One pass
    with a stack: no recursion and no rescanning, whatever the input.
    """
    spans: list[Span] = []
    pairs: list[tuple[int, int]] = []
    open_at: list[int] = []
    for index, char in enumerate(text):
        if char == "[":
            open_at.append(index)
        elif char == "]":
            if open_at:
                pairs.append((open_at.pop(), index))
            else:
                spans.append(Span("stray", index, index + 1))
    spans.extend(Span("stray", index, index + 1) for index in open_at)
    covered = -1
    for start, end in sorted(pairs):
        if start > covered:
            spans.append(Span("bracket", start, end + 1, start + 1, end))
            covered = end
    return sorted(spans, key=lambda span: span.start)


class InlineEncoder:
    """Fills TEI elements with the encoded text of a paragraph (see the module doc)."""

    def __init__(self, context: EncodingContext, registry: RuleRegistry | None = None) -> None:
        self.context = context
        self.registry = registry or RuleRegistry()
        self.resp = context.resp
        # The language a translator's bracketed original wording is in: the record's first other language.
        self.original_language = next(iter(context.languages[1:]), "und")
        self.base_script = "Latin"
        self._depth = 0
        self._text_rules: Sequence[
            tuple[re.Pattern[str] | Callable[[], re.Pattern[str] | None], Callable[..., None]]
        ] = (
            (_BREAKS_RE, self._break),
            (_URL_RE, self._url),
            (_SLASH_RE, self._slash),
            (_SCRIPT_RUN_RE, self._foreign),
            (context.name_pattern, self._name),
        )

    # --- the Emitter interface used by bracket builders ------------------------------

    def element(self, tag: str, **attributes: str) -> etree._Element:
        element = etree.Element(tei(tag))
        for name, value in attributes.items():
            element.set(name, value)
        return element

    def sub(self, parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
        child = self.element(tag, **attributes)
        parent.append(child)
        return child

    def entity(self, kind: str, names: Sequence[str]) -> str | None:
        return self.context.entity(kind, tuple(names))

    def name_kind(self, names: Sequence[str], before: str = "") -> str:
        return self.context.name_kind(tuple(names), before)

    def footnote(self, number: str) -> SourceText | None:
        return self.context.footnotes.get(number)

    def placed_footnote(self, number: str) -> str | None:
        return self.context.placed_footnotes.get(number)

    def place_footnote(self, number: str, ident: str) -> None:
        self.context.placed_footnotes[number] = ident

    def new_id(self, base: str) -> str:
        return self.context.unique_id(base)

    # --- filling --------------------------------------------------------------------

    def fill(self, parent: etree._Element, text: SourceText, *, link: bool = True) -> None:
        """Append the encoded content of ``text`` to ``parent``.

        Brackets and emphasis nested more than :data:`MAX_NESTING` deep are
        kept as text, with a warning: every level costs a few stack frames
        (and an element), and thousands of levels would exhaust the stack.
        """
        if self._depth >= MAX_NESTING:
            self.context.warn(
                f"brackets or emphasis nested more than {MAX_NESTING} deep; the inner ones are kept as plain text",
                "nesting-too-deep",
                text.location(0),
            )
            self._plain(parent, text, link)
            return
        self._depth += 1
        try:
            for item in self._walk(text):
                if isinstance(item, Span):
                    self._plain(parent, text[item.start : item.end], link)
                else:
                    span, rule, decision = item
                    self._special(parent, text, span, rule, decision, link)
        finally:
            self._depth -= 1

    def discover(self, text: SourceText, depth: int = 0) -> None:
        """Classify the brackets of ``text`` only to learn the names they introduce."""
        if depth >= MAX_NESTING:
            return
        for item in self._walk(text):
            if isinstance(item, Span):
                continue
            span, rule, decision = item
            if rule is not None and rule.name == "variant-name":
                before = text.text[span.start - decision.take_before : span.start].strip()
                content = text.text[span.inner_start : span.inner_end].strip()
                kind = decision.data.get("kind") or self.name_kind((before, content))
                self.entity(kind, (before, content))
            elif span.kind == "bracket" and rule is None:
                self.discover(text[span.inner_start : span.inner_end], depth + 1)

    def _walk(self, text: SourceText) -> Iterator[Span | tuple[Span, BracketRule | None, Decision]]:
        """Plain ranges and classified spans, in order; a rule may wrap words around its bracket."""
        spans = scan(text.text)
        cursor = 0
        for index, span in enumerate(spans):
            following = spans[index + 1].start if index + 1 < len(spans) else len(text.text)
            rule, decision = None, Decision()
            if span.kind == "bracket":
                site = Site(
                    content=text.text[span.inner_start : span.inner_end],
                    before=text.text[cursor : span.start],
                    after=text.text[span.end : following],
                    footnotes=frozenset(self.context.footnotes),
                )
                rule, decision = self.registry.classify(site)
                decision = self._with_kind(rule.name, site, decision)
            if span.start - decision.take_before > cursor:
                yield Span("text", cursor, span.start - decision.take_before)
            yield (span, rule, decision)
            cursor = max(cursor, span.end + decision.take_after)
        if cursor < len(text.text):
            yield Span("text", cursor, len(text.text))

    def _with_kind(self, rule: str, site: Site, decision: Decision) -> Decision:
        if rule != "variant-name" or "kind" in decision.data:
            return decision
        name = site.before[len(site.before) - decision.take_before :].strip()
        before = site.before[: len(site.before) - decision.take_before]
        kind = self.name_kind((name, site.content.strip()), before)
        return Decision(decision.take_before, decision.take_after, {**decision.data, "kind": kind})

    def _special(
        self,
        parent: etree._Element,
        text: SourceText,
        span: Span,
        rule: BracketRule | None,
        decision: Decision,
        link: bool,
    ) -> None:
        if span.kind == "emphasis":
            hi = self.sub(parent, "hi", rend=span.rend)
            self.fill(hi, text[span.inner_start : span.inner_end], link=link)
            return
        if span.kind == "stray":
            pc = self.sub(parent, "pc", type="unmatched-bracket")
            pc.text = text.text[span.start : span.end]
            self.context.warn(
                f"unmatched '{pc.text}' kept as <pc type=\"unmatched-bracket\">; check the transcript",
                "unmatched-bracket",
                text.location(span.start),
            )
            return
        assert rule is not None
        pieces = Pieces(
            before=text[span.start - decision.take_before : span.start],
            content=text[span.inner_start : span.inner_end],
            after=text[span.end : span.end + decision.take_after],
        )
        nodes = rule.build(self, pieces, decision)
        for node in nodes:
            append_node(parent, node)
        bracket_text = text.text[span.start : span.end].replace(PAGE_BREAK, " ").replace(PAGE_BREAK_IN_WORD, "")
        bracket_text = re.sub(f"{PAGE_NUMBER}[^{PAGE_NUMBER}]*{PAGE_NUMBER}", " ", bracket_text)
        self.record(
            text.location(span.start),
            bracket_text,
            rule,
            [n for n in nodes if not isinstance(n, str)],
            _around(text.text, span.start, span.end),
        )
        if decision.data.get("doubt"):
            self.context.warn(
                f"bracket {_short(bracket_text)} taken as {rule.kind} ({rule.name}); {decision.data['doubt']}: review it",
                "bracket-kind-uncertain",
                text.location(span.start),
            )
        if rule.name == "unclassified":
            self.context.warn(
                f'bracket {_short(bracket_text)} matches no rule; kept as <note type="editorial">, review it',
                "unclassified-bracket",
                text.location(span.start),
            )

    def record(
        self, location: Location, text: str, rule: BracketRule, nodes: list[etree._Element], context: str = ""
    ) -> None:
        """Add a row to the bracket review listing."""
        self.context.brackets.append(BracketRecord(location, text, rule.name, rule.kind, nodes, context))

    # --- plain text rules -------------------------------------------------------------

    def _plain(self, parent: etree._Element, text: SourceText, link: bool, level: int = 0) -> None:
        """Apply the text rules from ``level`` on: each rule's matches, the gaps to the next rule."""
        if level >= len(self._text_rules):
            append_text(parent, text.text)
            return
        pattern, handler = self._text_rules[level]
        compiled = pattern() if callable(pattern) and not isinstance(pattern, re.Pattern) else pattern
        if compiled is None or (handler == self._name and not link):
            self._plain(parent, text, link, level + 1)
            return
        cursor = 0
        for match in compiled.finditer(text.text):
            self._plain(parent, text[cursor : match.start()], link, level + 1)
            handler(parent, text, match, link)
            cursor = match.end()
        self._plain(parent, text[cursor:], link, level + 1)

    def _break(self, parent: etree._Element, text: SourceText, match: re.Match[str], link: bool) -> None:
        mark = match.group("typed") or match.group()
        number = {"n": match.group("page")} if match.group("page") else {}
        if match.group("as_typed"):
            number["rend"] = shown_as_typed(match.group("as_typed"))  # printed as typed by the diplomatic text
        if mark == LINE_BREAK:
            append_text(parent, "\n")
            self.sub(parent, "lb")
        elif mark == PAGE_BREAK:
            append_text(parent, "\n")
            self.sub(parent, "pb", **number)
        else:
            _take_hyphen(parent)
            self.sub(parent, "pb", **{"break": "no"}, **number)

    def _url(self, parent: etree._Element, text: SourceText, match: re.Match[str], link: bool) -> None:
        ref = self.sub(parent, "ref", target=match.group(1), rend="angle-brackets")
        ref.text = match.group(1)

    def _slash(self, parent: etree._Element, text: SourceText, match: re.Match[str], link: bool) -> None:
        inner = match.group(1) or match.group(2)
        offset = match.start() + 1
        choice = self.sub(parent, "choice")
        orig = self.sub(choice, "orig")
        orig.text = "/"
        self._plain(orig, text[offset : offset + len(inner)], link, _LEVEL_AFTER_SLASH)
        append_text(orig, "/")
        reg = self.sub(choice, "reg", type="slash-parentheses")
        reg.text = "("
        self._plain(reg, text[offset : offset + len(inner)], link, _LEVEL_AFTER_SLASH)
        append_text(reg, ")")

    def _foreign(self, parent: etree._Element, text: SourceText, match: re.Match[str], link: bool) -> None:
        """Words in another script than the text's get the language (or the script) they are in."""
        script = next(name for name, group in match.groupdict().items() if group)
        if script == self.base_script:
            self._plain(parent, text[match.start() : match.end()], link, _LEVEL_AFTER_FOREIGN)
            return
        foreign = self.sub(parent, "foreign")
        foreign.set(f"{{{XML_NS}}}lang", self.context.script_language(script))
        self._plain(foreign, text[match.start() : match.end()], link, _LEVEL_AFTER_FOREIGN)

    def _name(self, parent: etree._Element, text: SourceText, match: re.Match[str], link: bool) -> None:
        found = self.context.name_ref(match.group())
        if found is None:
            append_text(parent, match.group())
            return
        kind, ref = found
        element = self.sub(parent, kind, ref=ref)
        element.text = match.group()


_LEVEL_AFTER_SLASH = 3
_LEVEL_AFTER_FOREIGN = 4


def _take_hyphen(parent: etree._Element) -> None:
    """Move the printed hyphen before a break inside a word into ``<pc>`` (kept, not dropped)."""
    if len(parent):
        last = parent[-1]
        holder, attribute = last, "tail"
        value = last.tail or ""
    else:
        holder, attribute = parent, "text"
        value = parent.text or ""
    if not value.endswith("-"):
        return
    setattr(holder, attribute, value[:-1] or None)
    pc = etree.SubElement(parent, tei("pc"))
    pc.text = "-"


def _around(text: str, start: int, end: int, words: int = 4) -> str:
    """The bracket with up to ``words`` words on either side, on one line: its context in the review."""
    before = " ".join(text[:start].split()[-words:])
    after = " ".join(text[end:].split()[:words])
    bracket = " ".join(text[start:end].split())
    return " ".join(part for part in (before, bracket, after) if part)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "...]"


__all__ = ["InlineEncoder", "append_node", "append_text", "scan", "tei", "trailing_name"]
