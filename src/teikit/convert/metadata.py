"""What a transcript's header says about the record, in one typed object.

Input: a :class:`~teikit.convert.read.Transcript`. Output: :class:`RecordMeta` with
the title, the record date as ISO, URL and record number, summary, languages,
translators, the citation and the archival reference. Values come from the
record only; a value the record does not give stays empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from teikit.convert import rules
from teikit.convert.citation import ArchivalReference, parse_reference
from teikit.convert.read import Transcript, find_date, find_partial_date, looks_like_full_date
from teikit.convert.source import SourceText
from teikit.core.errors import Location, TranscriptError

_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"{}|\\^`\[\]]+$")
_PUBLISHER_RE = re.compile(
    r"^(?:the\s+)?(?P<org>[A-Z][\w ]+?)\s+welcomes\s+reuse\s+of\s+(?P<coll>Digital Archive)\b", re.I
)


@dataclass
class RecordMeta:
    """Header facts of one record (see the module doc)."""

    title: SourceText
    date: str = ""
    date_text: str = ""
    url: str = ""
    record_id: str = ""
    summary: SourceText | None = None
    citation: SourceText | None = None
    publisher: str = ""
    translators: list[str] = field(default_factory=list)
    translated_for: str = ""
    text_lang: str = "en"
    original_langs: list[str] = field(default_factory=list)
    reference: ArchivalReference = field(default_factory=ArchivalReference)
    classification: str = ""
    authors: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    associated_people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    credits: str = ""
    donors: list[str] = field(default_factory=list)
    rights: str = ""
    uploaded: str = ""
    contents: list[str] = field(default_factory=list)
    problems: list[tuple[str, str, Location]] = field(default_factory=list)
    language_names: dict[str, str] = field(default_factory=dict)

    @property
    def original_lang(self) -> str | None:
        return self.original_langs[0] if self.original_langs else None


def language_code(name: str) -> str:
    """``Russian`` -> ``ru``; ``ru`` stays; a name teikit does not know is ``und`` (undetermined)."""
    cleaned = name.strip().lower()
    if cleaned in rules.LANGUAGES:
        return rules.LANGUAGES[cleaned]
    if re.fullmatch(r"[a-z]{2,3}", cleaned):
        return cleaned
    return "und"


def read_meta(transcript: Transcript, text_lang: str = "en") -> RecordMeta:
    """Collect the record's header facts.

    Raises:
        TranscriptError: the title is missing (the reader already checks this).
    """
    title = transcript.fields.get("Title")
    if title is None:
        raise TranscriptError("the header has no title", None, "no-title")
    meta = RecordMeta(title=title.strip(), text_lang=text_lang)
    date_field = transcript.value("Date")
    found = find_date(date_field) if date_field else None
    if date_field and found is None and not looks_like_full_date(date_field):
        # Only a field with no day in it gives a partial date: an impossible day must not become its year.
        found = find_partial_date(date_field, year_only=True)
    meta.problems.extend(transcript.problems)
    if found:
        meta.date, meta.date_text = found[0], date_field
    elif date_field:
        meta.problems.append(
            (
                f"the Date field ({date_field!r}) gives no date that exists (a day the month lacks?) or that teikit "
                "can read; the creation date is left out: correct it",
                "bad-date",
                transcript.fields["Date"].location(0),
            )
        )
    url = transcript.value("URL")
    if url and _URL_RE.match(url):
        meta.url = url
    elif url:
        meta.problems.append(
            ("the URL field is not a URL; left out of the TEI", "bad-url", transcript.fields["URL"].location(0))
        )
    meta.record_id = transcript.value("Record ID") or _record_id_from_url(meta.url)
    if transcript.fields.get("Summary") is not None and transcript.value("Summary"):
        meta.summary = transcript.fields["Summary"].strip()
    citation = transcript.fields.get("Citation") or transcript.fields.get("Source")
    if citation is not None and citation.text.strip():
        meta.citation = citation.strip()
    citation_text = meta.citation.text if meta.citation else ""
    _read_translators(meta, transcript, citation_text)
    names = transcript.values("Original Language")
    meta.original_langs = [language_code(name) for name in names]
    meta.language_names = {language_code(name): name for name in names}
    archive = transcript.values("Original Archive")
    meta.reference = parse_reference(citation_text, archive[0] if archive else "")
    meta.publisher = transcript.value("Publisher") or _publisher(citation_text, transcript.value("Rights"))
    if not meta.publisher:
        meta.problems.append(
            (
                "the record does not name the archive that published the transcript; no publisher is written "
                "(add a 'Publisher:' line to the header)",
                "no-publisher",
                title.location(0),
            )
        )
    meta.classification = transcript.value("Original Classification")
    meta.authors = transcript.values("Authors")
    meta.contributors = transcript.values("Document Contributors")
    meta.associated_people = transcript.values("Associated People & Organizations")
    meta.places = transcript.values("Associated Places")
    meta.subjects = transcript.values("Subjects Discussed")
    meta.credits = transcript.value("Credits")
    meta.donors = transcript.values("Donors")
    meta.rights = transcript.value("Rights") or transcript.value("Licence") or transcript.value("License")
    uploaded = find_date(transcript.value("Original Uploaded Date"))
    meta.uploaded = uploaded[0] if uploaded else ""
    meta.contents = [item.strip() for item in re.split(r"(?:^|\s)-\s+", transcript.value("Contents")) if item.strip()]
    return meta


def _read_translators(meta: RecordMeta, transcript: Transcript, citation: str) -> None:
    """Translators from the citation (``Translated for CWIHP by …``) or a header label (``Translator:``).

    Only the header is read: an interpreter named in the body (``Беседу
    переводил …``) interpreted the conversation, the participants rules list him.
    """
    texts = [citation]
    for label in rules.TRANSLATOR_LABELS:
        value = transcript.value(label)
        if value:
            texts.append(value if rules.TRANSLATOR_RE.search(value) else f"Translated by {value}")
    for text in texts:
        for match in rules.TRANSLATOR_RE.finditer(text):
            for name in rules.NAME_SEPARATOR_RE.split(match.group("name")):
                cleaned = _person_name(rules.LIST_PREFIX_RE.sub("", name.strip()))
                if cleaned and cleaned not in meta.translators:
                    meta.translators.append(cleaned)
            if match.group("for") and not meta.translated_for:
                meta.translated_for = match.group("for").strip()


def _person_name(text: str) -> str:
    """``Stephen Mercado.`` -> ``Stephen Mercado`` (a full stop after an initial stays: ``N.T.``)."""
    name = text.strip()
    last = name.rsplit(" ", 1)[-1]
    if name.endswith(".") and len(last.rstrip(".")) > 1 and "." not in last.rstrip("."):
        name = name[:-1]
    return name


def _record_id_from_url(url: str) -> str:
    match = rules.RECORD_ID_URL_RE.search(url)
    return match.group("id") if match else ""


def _publisher(citation: str, rights: str) -> str:
    """The archive that published the transcript: named in the citation, or in the rights text."""
    for segment in citation.split(","):
        if "Digital Archive" in segment:
            return segment.strip().strip('”“"')
    match = _PUBLISHER_RE.search(rights)
    if match:
        return f"{match.group('org').strip()} {match.group('coll')}"
    return ""
