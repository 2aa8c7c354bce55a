"""The least a build can cost per record with this toolchain: teikit build without the edition.

Runs what ``teikit build`` runs for each record (read, hash, hardened lxml
parse, RELAX NG and Schematron, one Saxon parse, an HTML and two text
transforms, six atomic writes, the catalog entry) on the same worker pool,
but with two stylesheets that only copy the text: every element becomes a
``div`` or ``span``, the text edition is each paragraph's words. No index
pages. What teikit build costs above this is the edition itself (two text
styles, aligned columns, notes, links). Used by bench_build.py; by hand:

    python benchmarks/floor.py TEI_DIR OUT_DIR [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from teikit.check.validate import Validator
from teikit.core.serialize import write_atomic
from teikit.core.workers import run_parallel, worker_state
from teikit.core.xmlsafe import parse_document, read_xml_bytes
from teikit.publish.build import find_records
from teikit.publish.catalog import catalog_entry
from teikit.publish.manifest import sha256

_HEAD = (
    '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
    ' xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="#all">'
)
COPY_HTML = (
    _HEAD + '<xsl:output method="html" html-version="5" indent="no"/><xsl:mode on-no-match="text-only-copy"/>'
    '<xsl:template match="/"><html><body><xsl:apply-templates select="//tei:text"/></body></html></xsl:template>'
    '<xsl:template match="tei:p | tei:sp | tei:div | tei:head"><div class="{local-name()}">'
    "<xsl:apply-templates/></div></xsl:template>"
    '<xsl:template match="*"><span class="{local-name()}"><xsl:apply-templates/></span></xsl:template>'
    "</xsl:stylesheet>"
)
COPY_TEXT = (
    _HEAD + '<xsl:output method="text"/><xsl:template match="/">'
    '<xsl:value-of select="//tei:text//tei:p ! normalize-space()" separator="&#10;&#10;"/>'
    "</xsl:template></xsl:stylesheet>"
)


def floor_worker() -> dict[str, object]:
    """A worker's schemas and its two copying stylesheets, compiled once."""
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    compiler = processor.new_xslt30_processor()
    stylesheets = [compiler.compile_stylesheet(stylesheet_text=text) for text in (COPY_HTML, COPY_TEXT)]
    return {"validator": Validator(), "processor": processor, "stylesheets": stylesheets}


def floor_record(job: tuple[str, str]) -> bool:
    """One record through the whole pipeline; True when it was valid and written."""
    source, out = job
    state = worker_state()
    data = read_xml_bytes(source)
    sha256(data)
    document = parse_document(data, source)
    if any(diagnostic.level == "error" for diagnostic in state["validator"].check_document(document)):
        return False
    node = state["processor"].parse_xml(xml_text=data.decode("utf-8"))
    html, text = (str(stylesheet.transform_to_string(xdm_node=node)) for stylesheet in state["stylesheets"])
    diplomatic = str(state["stylesheets"][1].transform_to_string(xdm_node=node))
    stem = Path(source).stem
    entry = catalog_entry(document.tree.getroot(), stem).as_dict()
    cited = json.dumps(entry).encode()
    made = [(f"{stem}.html", html.encode()), (f"{stem}.txt", text.encode()), (f"tei/{stem}.xml", data)]
    made += [(f"{stem}.diplomatic.txt", diplomatic.encode()), (f"{stem}.csl.json", cited), (f"{stem}.bib", cited)]
    for name, content in made:
        write_atomic(Path(out) / name, content, force=True, durable=False)
    return True


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("tei", type=Path)
    options.add_argument("out", type=Path)
    options.add_argument("--jobs", type=int, default=None)
    args = options.parse_args()
    jobs = [(str(path), str(args.out)) for path in find_records(args.tei)]
    built = sum(run_parallel(jobs, floor_record, floor_worker, crashed=lambda job, why: False, jobs=args.jobs))
    if built != len(jobs):
        sys.exit(f"{len(jobs) - built} records invalid")


if __name__ == "__main__":
    main()
