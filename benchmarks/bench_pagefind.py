"""Benchmark: the Pagefind index of a built site, whole (as earlier versions ran it) and in buckets.

For a site already built (``--site``; ``bench_scale.py --n N`` or ``teikit
build`` make one), prints in interleaved rounds (whole, buckets, whole, ...;
best and median) the wall time, the CPU and the peak RSS of the largest
process of:

* ``whole``: the Pagefind binary over the whole site, into one index, as
  ``teikit build`` ran it before the index was split (the peer);
* ``buckets``: :func:`teikit.publish.search.index_site` from nothing, every
  bucket indexed, ``--jobs`` at once;
* ``one changed``: ``index_site`` after one record changed (its bucket only);
* ``unchanged``: ``index_site`` with nothing changed (Pagefind not run).

Each is run in a process of its own, measured with ``wait4`` (its children
included). The site's record pages are those its manifest lists. Run on demand:

    python benchmarks/bench_pagefind.py --site SITE [--jobs 2] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from bench_scale import Run, interleaved, measure
from teikit.publish.build import search_records
from teikit.publish.manifest import ManifestStore
from teikit.publish.search import PAGEFIND_DIR, bucket_count, pagefind_executable

WHOLE_DIR = "pagefind-whole"


def _index(site: Path, records: Path, jobs: int) -> list[str]:
    """The command that runs ``index_site`` on ``site`` with the records listed in ``records``."""
    code = (
        "import json, sys; from pathlib import Path; from teikit.publish.search import index_site; "
        f"index_site(Path({str(site)!r}), json.loads(Path({str(records)!r}).read_text()), 'en', {jobs})"
    )
    return [sys.executable, "-c", code]


def _show(label: str, runs: list[Run], count: int) -> None:
    walls, cpus, rss = [run.wall for run in runs], [run.cpu for run in runs], [run.peak_rss_mb for run in runs]
    print(
        f"{label:<12} wall best {min(walls):7.2f} s median {statistics.median(walls):7.2f} s | "
        f"CPU best {min(cpus):7.2f} s median {statistics.median(cpus):7.2f} s "
        f"({min(cpus) / count * 1000:.1f} ms a record) | peak RSS {max(rss):7.0f} MB",
        flush=True,
    )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--site", type=Path, required=True, help="a site built by teikit build")
    options.add_argument("--jobs", type=int, default=2)
    options.add_argument("--rounds", type=int, default=3)
    args = options.parse_args()
    binary = pagefind_executable()
    if binary is None:
        raise SystemExit("Pagefind is not installed: pip install 'pagefind[bin]'")
    site = args.site.resolve()
    with ManifestStore(site) as store:
        records = search_records(store.load())
    count = len(records)
    listing = site.parent / f"{site.name}.records.json"
    changed = site.parent / f"{site.name}.changed.json"
    listing.write_text(json.dumps(records), encoding="utf-8")
    one = dict(records)
    first = min(one)
    one[first] = "changed"
    changed.write_text(json.dumps(one), encoding="utf-8")
    whole = [str(binary), "--site", str(site), "--output-subdir", WHOLE_DIR, "--force-language", "en"]

    def run_whole(_: int) -> Run:
        shutil.rmtree(site / WHOLE_DIR, ignore_errors=True)
        return measure(whole)

    def run_buckets(_: int) -> Run:
        shutil.rmtree(site / PAGEFIND_DIR, ignore_errors=True)
        return measure(_index(site, listing, args.jobs))

    def run_changed(index: int) -> Run:
        # Alternately one record changed and back: each round re-indexes that record's bucket.
        return measure(_index(site, changed if index % 2 == 0 else listing, args.jobs))

    print(f"{count} record pages in {site}; {bucket_count(count)} bucket(s); {args.jobs} job(s)", flush=True)
    results = interleaved(args.rounds, {"whole": run_whole, "buckets": run_buckets})
    measure(_index(site, listing, args.jobs))
    results |= interleaved(args.rounds, {"one changed": run_changed})
    measure(_index(site, listing, args.jobs))
    results |= interleaved(args.rounds, {"unchanged": lambda _: measure(_index(site, listing, args.jobs))})
    for label, runs in results.items():
        _show(label, runs, count)
    whole_best = min(run.wall for run in results["whole"])
    buckets_best = min(run.wall for run in results["buckets"])
    print(f"buckets / whole, wall (best): {buckets_best / whole_best:.2f}")
    shutil.rmtree(site / WHOLE_DIR, ignore_errors=True)
    listing.unlink()
    changed.unlink()


if __name__ == "__main__":
    main()
