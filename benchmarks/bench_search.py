"""Benchmark: full-text search of a generated edition, in Chromium over HTTP.

Generates N records (benchmarks/corpus.py: varied copies of the edition's
TEI), builds the site with ``teikit build`` (which writes the Pagefind
index), serves it (``teikit serve``'s server) and, in Debian's Chromium,
types a one-word and a two-word query into the index page. Prints the size
of the Pagefind index, the bytes the browser fetched for each query (index
shards, fragments, the Pagefind runtime the first time) and the time from
typing to the first result shown. Run on demand:

    python benchmarks/bench_search.py [-n 10000] [-j 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from corpus import generate
from teikit.publish.build import build_site
from teikit.publish.serve import make_server

QUERIES = ("wolfram", "Port Arthur", "вольфрам")


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def measure(site: Path) -> list[tuple[str, int, int, float]]:
    """For each query: its records found, bytes fetched and milliseconds to the first result shown."""
    from playwright.sync_api import sync_playwright

    server = make_server(site, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
            )
            page = browser.new_page()
            fetched: list[int] = []

            def count(response: object) -> None:
                if "/pagefind/" in getattr(response, "url", ""):
                    try:
                        fetched.append(len(response.body()))  # type: ignore[attr-defined]
                    except Exception:
                        fetched.append(0)

            page.on("response", count)
            page.goto(url)
            page.wait_for_function("() => !document.getElementById('search').disabled")
            for query in QUERIES:
                page.fill("#search", "")
                page.wait_for_timeout(200)
                fetched.clear()
                started = time.perf_counter()
                page.fill("#search", query)
                page.wait_for_function("() => document.querySelector('#search-results li a')")
                elapsed = (time.perf_counter() - started) * 1000
                page.wait_for_timeout(500)
                hits = int(page.locator("#search-status").inner_text().split()[0])
                rows.append((query, hits, sum(fetched), elapsed))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("-n", "--count", type=int, default=1000)
    options.add_argument("-j", "--jobs", type=int, default=2)
    options.add_argument("--keep", type=Path, help="build the site here and keep it")
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        tei = Path(temporary) / "tei"
        site = args.keep or Path(temporary) / "site"
        generate(args.count, tei)
        started = time.perf_counter()
        report = build_site(tei, site, jobs=args.jobs, title="Search benchmark")
        seconds = time.perf_counter() - started
        pages = _size(site) - _size(site / "pagefind") - _size(site / "tei")
        print(f"{len(report.of('built'))} records built in {seconds:.0f} s (with the Pagefind index)")
        print(f"pages {pages / 2**20:.1f} MiB; Pagefind index {_size(site / 'pagefind') / 2**20:.1f} MiB")
        shards = sorted(site.glob("search-index-*.js"))
        total = sum(path.stat().st_size for path in shards) / 2**10
        print(f"disk fallback search-index-N.js: {len(shards)} shards, {total:.0f} KiB in all")
        print("query          records  fetched KiB  first result ms (the first query loads the runtime)")
        for query, hits, fetched, elapsed in measure(site):
            print(f"{query:<14} {hits:>7}  {fetched / 1024:>11.0f}  {elapsed:>15.0f}", flush=True)


if __name__ == "__main__":
    main()
