"""Benchmark: the CPU of each step of building one record, in one worker, step by step.

Runs the steps ``teikit build`` runs for a record (see
:func:`teikit.publish.build.build_record`) one at a time over the same
records, in interleaved rounds (every step once per round, so a burst of
load on the machine hits every step alike), and prints for each step the
best and the median over the rounds of its CPU time (this process's
``process_time``) per record, then the whole ``build_record`` as built, and
the sum of the steps. Records are generated seed-sized copies of ``tei/``
(benchmarks/corpus.py) in a project layout (``tei/`` beside ``schemas/``,
so a record's ``xml-model`` schemas are shipped with its copy, as in an
edition made by ``teikit init``), or the TEI files of ``--records``.

    python benchmarks/bench_steps.py [-n 40] [--rounds 7] [--records DIR] [--schema RNG]

``--schema`` times another RELAX NG grammar in the RELAX NG step (a
candidate against the shipped one, on the same records in the same run).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, generate
from teikit.check.validate import Validator
from teikit.core.association import relocate_models
from teikit.core.workers import worker_state
from teikit.core.xmlsafe import parse_document, read_xml_bytes, without_stylesheet_instructions
from teikit.publish import build
from teikit.publish.catalog import catalog_entry
from teikit.publish.citation import bibtex, csl_json, page_citation, record_url
from teikit.publish.keys import outputs_of
from teikit.publish.manifest import sha256
from teikit.publish.render import Options, Renderer

# The two plain-text editions, as build_record asks for them.
TEXT = Options(to="text", style="reading")
DIPLOMATIC = Options(to="text", style="diplomatic")


class Record:
    """One record's intermediate results, so each step starts from what the previous one made."""

    def __init__(self, path: Path, site: Path) -> None:
        self.path = path
        self.site = site
        self.key = path.stem
        self.values: dict[str, Any] = {}


def page_options(record: Record) -> Options:
    entry = record.values["entry"]
    url = record_url("", record.key)
    return Options(to="html", site=True, key=record.key, citation=page_citation(entry, url))


def steps(validator: Validator, renderer: Renderer, extra: Validator | None) -> dict[str, Callable[[Record], None]]:
    """The build's steps in order, each a function of a record's state."""

    def read_hash(record: Record) -> None:
        data = read_xml_bytes(record.path)
        sha256(data)
        record.values["data"] = data

    def lxml_parse(record: Record) -> None:
        record.values["document"] = parse_document(record.values["data"], str(record.path))

    def relaxng(record: Record) -> None:
        assert validator.relaxng is not None
        assert validator.relaxng.validate(record.values["document"].tree), validator.relaxng.error_log

    def relaxng_other(record: Record) -> None:
        assert extra is not None and extra.relaxng is not None
        assert extra.relaxng.validate(record.values["document"].tree), extra.relaxng.error_log

    def schematron(record: Record) -> None:
        assert validator.schematron is not None
        assert not list(validator.schematron.check(record.values["document"].tree))

    def check_document(record: Record) -> None:
        assert not [d for d in validator.check_document(record.values["document"]) if d.level == "error"]

    def catalog(record: Record) -> None:
        record.values["entry"] = catalog_entry(record.values["document"].tree.getroot(), record.key)

    def editions(record: Record) -> None:
        page = page_options(record)
        record.values["editions"] = renderer.render_editions(record.values["document"], [page, TEXT, DIPLOMATIC])

    def page_only(record: Record) -> None:
        renderer.render_editions(record.values["document"], [page_options(record)])

    def text_only(record: Record) -> None:
        renderer.render_editions(record.values["document"], [TEXT])

    def diplomatic_only(record: Record) -> None:
        renderer.render_editions(record.values["document"], [DIPLOMATIC])

    def saxon_parse(record: Record) -> None:
        renderer.render_editions(record.values["document"], [])

    def copy_and_citations(record: Record) -> None:
        document = record.values["document"]
        published = without_stylesheet_instructions(document)
        copy, schemas = relocate_models(published, record.path, record.site / "tei", record.site / "schemas")
        url = record_url("", record.key)
        entry = record.values["entry"]
        record.values["made"] = (*record.values["editions"][:2], copy, record.values["editions"][2])
        record.values["made"] += (csl_json(entry, url), bibtex(entry, url))
        record.values["schemas"] = schemas

    def writes(record: Record) -> None:
        from teikit.core.serialize import inside, write_atomic

        for schema in record.values["schemas"]:
            build.ship_schema(record.site, schema, worker_state()["shipped"])
        made = record.values["made"]
        contents = tuple(item if isinstance(item, bytes) else item.encode("utf-8") for item in made)
        for name, content in zip(outputs_of(record.key), contents, strict=True):
            write_atomic(inside(record.site, name), content, force=True, durable=False)

    def whole(record: Record) -> None:
        job = build.BuildJob(str(record.path), record.key, str(record.site))
        assert build.build_record(job).status == "built"

    found: dict[str, Callable[[Record], None]] = {
        "read + hash": read_hash,
        "lxml parse": lxml_parse,
        "RELAX NG (lxml)": relaxng,
    }
    if extra is not None:
        found["RELAX NG (--schema)"] = relaxng_other
    found |= {
        "Schematron": schematron,
        "validate as built (RNG + Sch + locate)": check_document,
        "catalog entry": catalog,
        "Saxon parse": saxon_parse,
        "  html page (parse + transform)": page_only,
        "  reading text (parse + transform)": text_only,
        "  diplomatic text (parse + transform)": diplomatic_only,
        "editions as built (one call)": editions,
        "copy, citations": copy_and_citations,
        "writes (6 outputs + schemas)": writes,
        "build_record, whole": whole,
    }
    return found


# Rows that repeat work another row already counts (left out of the sum of the steps).
NOT_SUMMED = {
    "RELAX NG (--schema)",
    "RELAX NG (lxml)",
    "Schematron",
    "  html page (parse + transform)",
    "  reading text (parse + transform)",
    "  diplomatic text (parse + transform)",
    "Saxon parse",
    "build_record, whole",
}


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("-n", "--count", type=int, default=40, help="generated records (default 40)")
    options.add_argument("--rounds", type=int, default=7)
    options.add_argument("--records", type=Path, help="a folder of TEI records to time instead")
    options.add_argument("--schema", type=Path, help="another RELAX NG grammar to time beside teikit.rng")
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        if args.records:
            paths = sorted(args.records.glob("*.xml"))
        else:
            shutil.copytree(ROOT / "schemas", root / "schemas")
            paths = generate(args.count, root / "tei")
        site = root / "site"
        validator, renderer = Validator(), Renderer()
        extra = Validator(args.schema, False) if args.schema else None
        worker_state().update({"validator": validator, "renderer": renderer, "shipped": set()})
        table = steps(validator, renderer, extra)
        records = [Record(path, site) for path in paths]
        for record in records:  # warm up: every step once, outside the timing
            for step in table.values():
                step(record)
        times: dict[str, list[float]] = {name: [] for name in table}
        for _ in range(args.rounds):
            for name, step in table.items():
                start = time.process_time()
                for record in records:
                    step(record)
                times[name].append((time.process_time() - start) / len(records) * 1000)
        size = sum(path.stat().st_size for path in paths) / len(paths) / 1024
        print(f"{len(records)} records ({size:.0f} KiB on average), {args.rounds} interleaved rounds")
        print(f"{'step':<42}{'best ms':>9}{'median ms':>11}")
        best_sum = median_sum = 0.0
        for name, values in times.items():
            best, median = min(values), statistics.median(values)
            if name not in NOT_SUMMED:
                best_sum += best
                median_sum += median
            print(f"{name:<42}{best:9.2f}{median:11.2f}")
        print(f"{'sum: read..writes, as built':<42}{best_sum:9.2f}{median_sum:11.2f}")


if __name__ == "__main__":
    main()
