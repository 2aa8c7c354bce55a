"""Benchmark: full-text search of a generated edition, in Chromium over HTTP.

Generates N records (benchmarks/corpus.py: varied copies of the edition's
TEI), builds the site with ``teikit build`` (which writes the Pagefind
index), serves it (``teikit serve``'s server) and, in Debian's Chromium,
types a one-word and a two-word query into the index page. Prints the size
of the Pagefind index, the bytes the browser fetched for each query (index
shards, fragments, the Pagefind runtime the first time) and the time from
typing to the first result shown: best and median of ``--rounds`` rounds,
each in a fresh browser context (a cold cache), the sites interleaved. The peer is a small edition (``--peer``, 500 records) built and
measured in the same run, so the ratio shows how a query grows with the
edition under the same load. ``--site`` (repeatable) and ``--peer-site``
measure sites already built (``--keep`` keeps the edition's). Run on demand:

    python benchmarks/bench_search.py [-n 10000] [-j 2] [--peer 500] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
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


def _built(count: int, jobs: int, site: Path | None, keep: Path | None, temporary: Path, name: str) -> Path:
    """A site of ``count`` generated records (or ``site`` as it is), with its sizes printed."""
    if site is None:
        tei = temporary / f"tei-{name}"
        site = keep or temporary / f"site-{name}"
        generate(count, tei)
        started = time.perf_counter()
        report = build_site(tei, site, jobs=jobs, title="Search benchmark")
        print(
            f"{name}: {len(report.of('built'))} records built in {time.perf_counter() - started:.0f} s (with Pagefind)"
        )
    pages = _size(site) - _size(site / "pagefind") - _size(site / "tei")
    records = len(list(site.glob("*.csl.json")))
    fallback = sorted(site.glob("search-index*.js"))
    print(
        f"{name}: {records} records; pages {pages / 2**20:.1f} MiB; Pagefind index "
        f"{_size(site / 'pagefind') / 2**20:.1f} MiB in {len(list((site / 'pagefind').rglob('*')))} files; "
        f"disk fallback {len(fallback)} file(s) search-index*.js, {sum(p.stat().st_size for p in fallback) / 2**10:.0f} KiB",
        flush=True,
    )
    return site


def measure(browser: object, url: str) -> list[tuple[str, int, int, float]]:
    """One round in a fresh context: for each query, its records found, bytes fetched and ms to the first result."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
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
    rows = []
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
    context.close()
    return rows


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("-n", "--count", type=int, default=1000)
    options.add_argument("-j", "--jobs", type=int, default=2)
    options.add_argument("--peer", type=int, default=500, help="records of the peer edition (0: none)")
    options.add_argument("--rounds", type=int, default=5)
    options.add_argument("--keep", type=Path, help="build the edition here and keep it")
    options.add_argument("--site", type=Path, action="append", default=[], help="measure this built site (repeatable)")
    options.add_argument("--peer-site", type=Path, help="measure this built peer")
    args = options.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temporary:
        sites: dict[str, tuple[int, Path | None, Path | None]] = {path.name: (0, path, None) for path in args.site} or {
            str(args.count): (args.count, None, args.keep)
        }
        if args.peer or args.peer_site:
            sites[f"peer {args.peer}" if args.peer_site is None else "peer"] = (args.peer, args.peer_site, None)
        built = {
            name: _built(count, args.jobs, site, keep, Path(temporary), name.replace(" ", "-"))
            for name, (count, site, keep) in sites.items()
        }
        servers = {name: make_server(site, port=0) for name, site in built.items()}
        for server in servers.values():
            threading.Thread(target=server.serve_forever, daemon=True).start()
        results: dict[tuple[str, str], list[tuple[int, int, float]]] = {}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
                )
                for _round in range(args.rounds):
                    for name, server in servers.items():  # interleaved: the same load for both
                        url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
                        for query, hits, fetched, elapsed in measure(browser, url):
                            results.setdefault((name, query), []).append((hits, fetched, elapsed))
                browser.close()
        finally:
            for server in servers.values():
                server.shutdown()
                server.server_close()
    print(f"{args.rounds} rounds, each in a fresh browser context; the first query also loads the Pagefind runtime")
    print(
        "edition      query          records  KiB best/median  first result ms best/median  ratio to peer (median ms)"
    )
    names = list(servers)
    for query in QUERIES:
        for name in names:
            rows = results[(name, query)]
            kib = sorted(fetched / 1024 for _hits, fetched, _ms in rows)
            ms = sorted(elapsed for _hits, _fetched, elapsed in rows)
            peer = [elapsed for _h, _f, elapsed in results.get((names[-1], query), [])]
            ratio = statistics.median(ms) / statistics.median(peer) if len(names) > 1 and name != names[-1] else 1.0
            print(
                f"{name:<12} {query:<14} {rows[0][0]:>7}  {kib[0]:>6.0f} / {statistics.median(kib):<6.0f}"
                f"  {ms[0]:>8.0f} / {statistics.median(ms):<8.0f}  {ratio:.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
