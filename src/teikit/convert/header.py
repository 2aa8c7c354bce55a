"""Build the ``teiHeader`` of a record.

Input: :class:`~teikit.convert.metadata.RecordMeta`, the people, what the encoder
learned (named entities, whether a hand was met) and the parts' languages.
Output: a ``teiHeader`` element: title and translator, this edition's
publication statement, the citation and the archival reference (``msDesc``),
the summary, creation date, languages, participants, and how the transcript's
conventions were encoded. Only what the record says is written.
"""

from __future__ import annotations

from lxml import etree

from teikit import __version__
from teikit.convert import rules
from teikit.convert.brackets import RULES
from teikit.convert.context import EncodingContext
from teikit.convert.inline import XML_NS, InlineEncoder, append_text, tei
from teikit.convert.metadata import RecordMeta
from teikit.convert.people import Person, slug
from teikit.convert.read import find_date
from teikit.convert.source import without_marks
from teikit.convert.structure import Part

XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
ARCHIVE_ID = "archive"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tei(tag))
    for name, value in attributes.items():
        element.set(name, value)
    if text:
        element.text = without_marks(text)
    return element


def translator_ids(meta: RecordMeta, context: EncodingContext) -> list[str]:
    """Reserve an ``xml:id`` for each translator; the first answers for the brackets."""
    return [context.unique_id(slug(name)) for name in meta.translators]


def build_header(
    meta: RecordMeta,
    people: list[Person],
    parts: list[Part],
    encoder: InlineEncoder,
    translators: list[str],
    hand_used: bool,
) -> etree._Element:
    """The complete ``teiHeader`` (see the module doc)."""
    header = etree.Element(tei("teiHeader"))
    _warn_unknown(meta, parts, encoder.context)
    file_desc = _sub(header, "fileDesc")
    _title_stmt(file_desc, meta, encoder, translators)
    publication = _sub(file_desc, "publicationStmt")
    if meta.url:
        p = _sub(publication, "p", "Digital edition in TEI P5 of the record published at ")
        _sub(p, "ref", meta.url, target=meta.url)
        append_text(p, ".")
    else:
        _sub(publication, "p", "Digital edition in TEI P5 of the record described in the source description.")
    _source_desc(file_desc, meta, encoder)
    _encoding_desc(header, meta, parts)
    _profile_desc(header, meta, people, parts, hand_used, encoder.context)
    _revision_desc(header)
    return header


def _warn_unknown(meta: RecordMeta, parts: list[Part], context: EncodingContext) -> None:
    """Say which header facts the record does not give: they are left out, never filled in."""
    where = meta.title.location(0)
    if parts and parts[0].role == "translation" and not meta.translators:
        context.warn(
            "the record is a translation but names no translator; no translator is written "
            "(add a 'Translator:' line or 'Translated by …' to the source)",
            "no-translator",
            where,
        )
    reference = meta.reference
    if not (reference.repository or reference.identifiers or reference.leaves):
        context.warn(
            "no archival reference found in the citation or the 'Original Archive' field; no msDesc is written",
            "no-archival-reference",
            where,
        )


def _revision_desc(header: etree._Element) -> None:
    """What happened to this file: its conversion, by teikit and its version (later edits add changes)."""
    _sub(_sub(header, "revisionDesc"), "change", f"Converted from the transcript by teikit {__version__}.")


# --- fileDesc ---------------------------------------------------------------------------


def _title_stmt(file_desc: etree._Element, meta: RecordMeta, encoder: InlineEncoder, translators: list[str]) -> None:
    title_stmt = _sub(file_desc, "titleStmt")
    title = _sub(title_stmt, "title", type="main")
    encoder.fill(title, meta.title, link=False)
    _tag_title_date(title, meta, encoder.context)
    for author in meta.authors:
        _sub(title_stmt, "author", author)
    for name, ident in zip(meta.translators, translators, strict=True):
        resp_stmt = _sub(title_stmt, "respStmt")
        _sub(resp_stmt, "resp", "Translated by")
        _sub(resp_stmt, "persName", name, **{XML_ID: ident})
    if meta.translated_for:
        resp_stmt = _sub(title_stmt, "respStmt")
        _sub(resp_stmt, "resp", "Translated for")
        _sub(resp_stmt, "orgName", meta.translated_for)
    if meta.publisher:
        resp_stmt = _sub(title_stmt, "respStmt")
        _sub(resp_stmt, "resp", "Transcript published by")
        _sub(resp_stmt, "orgName", meta.publisher, **{XML_ID: ARCHIVE_ID})


def _tag_title_date(title: etree._Element, meta: RecordMeta, context: EncodingContext) -> None:
    """Wrap the first full date of the title's text in ``<date when>``; mark it an event if it differs."""
    holders: list[tuple[etree._Element, str]] = [
        (title, "text"),
        *((child, "tail") for child in title.iter() if child is not title),
    ]
    for holder, attribute in holders:
        value = getattr(holder, attribute) or ""
        found = find_date(value)
        if not found:
            continue
        iso, match = found
        date = etree.Element(tei("date"), when=iso)
        if meta.date and iso != meta.date and rules.MEETING_TITLE_RE.search(meta.title.text):
            # The record of a meeting written on another day: the title gives the meeting's date.
            date.set("type", "meeting")
        elif meta.date and iso != meta.date:
            date.set("type", "event")
            context.warn(
                f"the title's date {iso} differs from the record's date {meta.date}; "
                "tagged as the date of the event the record reports",
                "title-date",
                meta.title.location(0),
            )
        date.text = match.group()
        date.tail = value[match.end() :] or None
        setattr(holder, attribute, value[: match.start()] or None)
        if attribute == "text":
            holder.insert(0, date)
        else:
            parent = holder.getparent()
            assert parent is not None
            parent.insert(parent.index(holder) + 1, date)
        return


def _source_desc(file_desc: etree._Element, meta: RecordMeta, encoder: InlineEncoder) -> None:
    source = _sub(file_desc, "sourceDesc")
    bibl = _sub(source, "bibl", type="citation")
    if not meta.publisher:
        # No publisher is named: the editorial brackets are those of the source described here.
        bibl.set(XML_ID, ARCHIVE_ID)
    if meta.citation is not None:
        bibl.text = meta.citation.text
        append_text(bibl, " ")
    if meta.url:
        _sub(bibl, "ref", meta.url, target=meta.url)
    if meta.record_id:
        append_text(bibl, " ")
        _sub(bibl, "idno", meta.record_id, type="record")
    if meta.uploaded:
        append_text(bibl, " ")
        _sub(bibl, "date", meta.uploaded, type="uploaded", when=meta.uploaded)
    if meta.credits or meta.donors:
        _sub(bibl, "note", "; ".join(filter(None, [meta.credits, *meta.donors])), type="credits")
    if meta.classification and not _has_reference(meta):
        # No archive reference, so no msDesc to hold it: the classification stays with the citation.
        _sub(bibl, "note", meta.classification, type="classification")
    if meta.rights:
        availability = _sub(bibl, "availability")
        url = rules.LICENCE_URL_RE.search(meta.rights)
        licence = _sub(availability, "licence", meta.rights)
        if url:
            licence.set("target", url.group().rstrip(".,;)"))
    _ms_desc(source, meta)
    _entity_lists(source, encoder.context)


def _has_reference(meta: RecordMeta) -> bool:
    reference = meta.reference
    return bool(reference.repository or reference.identifiers or reference.leaves)


def _ms_desc(source: etree._Element, meta: RecordMeta) -> None:
    reference = meta.reference
    if not _has_reference(meta):
        return
    ms_desc = _sub(source, "msDesc")
    identifier = _sub(ms_desc, "msIdentifier")
    repository = _sub(identifier, "repository", reference.repository or None)
    if reference.abbreviation:
        append_text(repository, " (")
        _sub(repository, "abbr", reference.abbreviation)
        append_text(repository, ")")
    for collection in reference.collections:
        _sub(identifier, "collection", collection)
    for kind, value in reference.identifiers:
        _sub(identifier, "idno", value, type=kind)
    if reference.text:
        alternative = _sub(identifier, "altIdentifier", type="citation")
        _sub(alternative, "idno", reference.text, type="citation")
    if reference.leaves or meta.classification:
        item = _sub(_sub(ms_desc, "msContents"), "msItem")
        for leaves in reference.leaves:
            _sub(item, "locus", leaves.text, **{"from": leaves.start, "to": leaves.end})
        title = _sub(item, "title")
        title.text = _plain_title(meta)
        if meta.classification:
            _sub(item, "note", meta.classification, type="classification")


def _plain_title(meta: RecordMeta) -> str:
    return " ".join(meta.title.text.split())


def _entity_lists(source: etree._Element, context: EncodingContext) -> None:
    """Named people (not participants), places and organisations the text links to."""
    for kind, list_tag, item_tag in (
        ("persName", "listPerson", "person"),
        ("placeName", "listPlace", "place"),
        ("orgName", "listOrg", "org"),
    ):
        entities = [entity for entity in context.entities.values() if entity.kind == kind]
        if not entities:
            continue
        listing = _sub(source, list_tag, type="mentioned")
        for entity in entities:
            item = _sub(listing, item_tag, **{XML_ID: entity.ident})
            for index, name in enumerate(entity.names):
                attributes = {"type": "variant"} if index else {}
                _sub(item, kind, name, **attributes)


# --- encodingDesc -----------------------------------------------------------------------


def _encoding_desc(header: etree._Element, meta: RecordMeta, parts: list[Part]) -> None:
    encoding = _sub(header, "encodingDesc")
    app_info = _sub(encoding, "appInfo")
    application = _sub(app_info, "application", ident="teikit", version=__version__)
    _sub(application, "label", "teikit")
    decl = _sub(encoding, "editorialDecl")
    kinds = "; ".join(f"{rule.kind}: {rule.tei}" for rule in RULES)
    _sub(
        _sub(decl, "interpretation"),
        "p",
        "Square brackets of the transcript are editorial interventions of the translator or of the "
        f"publishing archive. Each is encoded as what it is, and carries @resp: {kinds}. A bracket no "
        'rule recognises is kept word for word as note type="editorial". Slash-parentheses of the typescript '
        '(VKP/b/) are kept as orig and regularised with parentheses in reg type="slash-parentheses".',
    )
    _sub(
        _sub(decl, "hyphenation", eol="some"),
        "p",
        "A paragraph cut in two by a page break of the transcript is joined and the break marked with pb; "
        'where the break falls inside a word the printed hyphen is kept as pc and pb has break="no".',
    )
    _sub(
        _sub(decl, "normalization"),
        "p",
        "Characters are kept exactly as transcribed, without Unicode normalisation; words printed "
        'letter-spaced are joined and marked rend="letter-spaced".',
    )
    if len(parts) > 1:
        _sub(
            _sub(decl, "segmentation"),
            "p",
            f"The {parts[0].role} ({parts[0].lang}) and the {parts[1].role} ({parts[1].lang}) are two texts of one "
            "group. Speaker turns, headings, paragraphs and closers point to their counterparts with @corresp, "
            "in both directions.",
        )


# --- profileDesc --------------------------------------------------------------------------


def _profile_desc(
    header: etree._Element,
    meta: RecordMeta,
    people: list[Person],
    parts: list[Part],
    hand_used: bool,
    context: EncodingContext,
) -> None:
    profile = _sub(header, "profileDesc")
    if meta.summary is not None:
        _sub(_sub(profile, "abstract"), "p", " ".join(meta.summary.text.split()))
    if meta.date:
        creation = _sub(profile, "creation")
        _sub(creation, "date", meta.date_text or meta.date, when=meta.date)
    lang_usage = _sub(profile, "langUsage")
    seen: set[str] = set()
    for part in parts:
        name = rules.LANGUAGE_NAMES.get(part.lang, part.lang)
        _sub(lang_usage, "language", f"{name} ({part.role})", ident=part.lang)
        seen.add(part.lang)
    for code in meta.original_langs:
        if code not in seen:
            name = rules.LANGUAGE_NAMES.get(code) or meta.language_names.get(code, code)
            _sub(lang_usage, "language", f"{name} (language of the original, not transcribed here)", ident=code)
            seen.add(code)
    if hand_used:
        hand_notes = _sub(profile, "handNotes")
        _sub(
            hand_notes,
            "handNote",
            "A hand that signed and dated the typescript after it was typed.",
            scope="minor",
            **{XML_ID: "hand-annotation"},
        )
    _keywords(profile, meta)
    _participants(profile, meta, people, context)


def _keywords(profile: etree._Element, meta: RecordMeta) -> None:
    """The archive's index terms: subjects, associated people and organisations, places."""
    groups = (("subject", meta.subjects), ("people-organization", meta.associated_people), ("place", meta.places))
    if not any(values for _kind, values in groups):
        return
    keywords = _sub(_sub(profile, "textClass"), "keywords")
    for kind, values in groups:
        for value in values:
            _sub(keywords, "term", value, type=kind)


def _participants(profile: etree._Element, meta: RecordMeta, people: list[Person], context: EncodingContext) -> None:
    if not people and not meta.contributors:
        return
    list_person = _sub(_sub(profile, "particDesc"), "listPerson")
    for person in people:
        item = _sub(list_person, "person", role=" ".join(person.roles), **{XML_ID: person.ident})
        for lang, name in person.names.items():
            _sub(item, "persName", name, **{XML_LANG: lang})
        for lang, alias in person.aliases.items():
            _sub(item, "persName", alias, type="alias", **{XML_LANG: lang})
    for contributor in meta.contributors:
        ident = context.unique_id(slug(contributor))
        item = _sub(list_person, "person", role="contributor", **{XML_ID: ident})
        pers_name = _sub(item, "persName")
        surname, _, forename = contributor.partition(",")
        if forename.strip():
            _sub(pers_name, "surname", surname.strip())
            append_text(pers_name, ", ")
            _sub(pers_name, "forename", forename.strip())
        else:
            pers_name.text = contributor
