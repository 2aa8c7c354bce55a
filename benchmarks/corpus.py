"""Generate seed-sized TEI records for benchmarks, from the edition's own TEI.

Each generated record is a copy of a record in ``tei/`` with variations that
keep it valid: words of the running text replaced by other words of the
record, some translation/original turn pairs left out (both sides, so links
stay symmetric), the title numbered and the record identifier made unique.
Deterministic for a given index.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
TEI_NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_WORD_RE = re.compile(r"[^\W\d_]{4,}")


def _vary(root: etree._Element, rng: random.Random, index: int) -> None:
    texts = root.xpath("/t:TEI/t:text//t:p", namespaces=TEI_NS)
    vocabulary = [word for p in texts for word in _WORD_RE.findall("".join(p.itertext()))]
    for p in texts:
        if p.text and rng.random() < 0.5:
            p.text = _WORD_RE.sub(lambda m: rng.choice(vocabulary) if rng.random() < 0.2 else m.group(), p.text)
    turns = root.xpath("/t:TEI/t:text//t:text[@type='translation']//t:sp[@corresp]", namespaces=TEI_NS)
    for turn in rng.sample(turns, k=min(len(turns), rng.randint(0, 6))):
        others = root.xpath("//*[@xml:id=$id]", id=turn.get("corresp", "#")[1:])
        for element in [turn, *others]:
            element.getparent().remove(element)
    for title in root.xpath("//t:titleStmt/t:title", namespaces=TEI_NS):
        title.text = f"(copy {index}) {title.text or ''}"
    for idno in root.xpath("//t:idno[@type='record']", namespaces=TEI_NS):
        idno.text = f"{idno.text}-{index}"


def generate(count: int, folder: Path, *, source: Path | None = None) -> list[Path]:
    """Write ``count`` varied copies of the TEI records in ``source`` (default ``tei/``) to ``folder``."""
    source = source or ROOT / "tei"
    originals = sorted(source.glob("*.xml"))
    if not originals:
        raise SystemExit(f"no TEI in {source}")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    trees = [etree.parse(str(path), parser) for path in originals]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(count):
        rng = random.Random(index)
        tree = etree.ElementTree(etree.fromstring(etree.tostring(trees[index % len(trees)]), parser))
        _vary(tree.getroot(), rng, index)
        target = folder / f"record-{index:05d}.xml"
        tree.write(str(target), xml_declaration=True, encoding="UTF-8")
        written.append(target)
    return written


def large_record(megabytes: float, target: Path, *, source: Path | None = None) -> Path:
    """One valid record of about ``megabytes`` MB: the seed's turns repeated, ids and links renumbered."""
    source = source or ROOT / "tei" / "wilson-111240.xml"
    base = source.stat().st_size
    _write_copies(source, target, 1)
    per_copy = max(1, target.stat().st_size - base)
    return _write_copies(source, target, max(0, round((megabytes * 1024 * 1024 - base) / per_copy)))


def _write_copies(source: Path, target: Path, copies: int) -> Path:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    tree = etree.parse(str(source), parser)
    for text in tree.getroot().xpath("/t:TEI/t:text/t:group/t:text", namespaces=TEI_NS):
        turns = text.xpath(".//t:sp", namespaces=TEI_NS)
        parent = turns[-1].getparent()
        children = list(parent)
        after = children.index(turns[-1]) + 1
        clones = []
        for copy in range(1, copies + 1):
            for turn in turns:
                clone = etree.fromstring(etree.tostring(turn))
                clone.tail = turn.tail
                clone.set(XML_ID, f"{turn.get(XML_ID)}-c{copy}")
                if clone.get("corresp"):
                    clone.set("corresp", f"{clone.get('corresp')}-c{copy}")
                # Ids inside the turn (a doubtful name's <rs>) and the pointers to them are renumbered too.
                inner = {element.get(XML_ID) for element in clone.iterdescendants() if element.get(XML_ID)}
                for element in clone.iterdescendants():
                    if element.get(XML_ID):
                        element.set(XML_ID, f"{element.get(XML_ID)}-c{copy}")
                    if element.get("target", "")[1:] in inner:
                        element.set("target", f"{element.get('target')}-c{copy}")
                clones.append(clone)
        parent[:] = children[:after] + clones + children[after:]
    tree.write(str(target), xml_declaration=True, encoding="UTF-8")
    return target
