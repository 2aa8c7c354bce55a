"""Full-text search of a built site in Chromium: Pagefind over HTTP (teikit serve), its buckets
merged, the table filter from the disk; words of the documents in both languages, folded forms,
"no results"."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import convert
from teikit.core.serialize import to_bytes
from teikit.publish import search
from teikit.publish.build import build_site
from teikit.publish.search import pagefind_executable
from teikit.publish.serve import make_server

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent.parent
POLISH = """Date: May 4, 1956
Title: Note on a Conversation with Jan Łukasiewicz
Record ID: 1
Summary: A record made by hand for the search tests.
Original Language: ["English"]

Mr. Łukasiewicz spoke of Фёдор and of the harvest in Saint-Étienne.
The minister thanked him.
"""


@pytest.fixture(scope="module")
def tei(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tei = tmp_path_factory.mktemp("tei")
    (tei / "wilson-111240.xml").write_bytes((ROOT / "tei" / "wilson-111240.xml").read_bytes())
    transcript = tmp_path_factory.mktemp("records") / "polish-1.txt"
    transcript.write_text(POLISH, encoding="utf-8")
    (tei / "polish-1.xml").write_bytes(to_bytes(convert(transcript)[0].tree))
    return tei


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, tei: Path) -> Path:
    site = tmp_path_factory.mktemp("site")
    report = build_site(tei, site, jobs=1, title="Search test")
    assert len(report.of("built")) == 2
    return site


def _serve(site: Path) -> Iterator[str]:
    if pagefind_executable() is None:
        pytest.skip("Pagefind is not installed: pip install 'pagefind[bin]' (the test extra)")
    assert (site / "pagefind" / "buckets.json").is_file()
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    yield from _serve(site)


@pytest.fixture(scope="module")
def served_in_buckets(tmp_path_factory: pytest.TempPathFactory, tei: Path) -> Iterator[str]:
    """The same records, one a bucket: each in an index of its own, which the index page merges."""
    site = tmp_path_factory.mktemp("site-buckets")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "BUCKET_RECORDS", 1)
        build_site(tei, site, jobs=1, title="Search test")
    if (site / "pagefind").is_dir():
        assert list(json.loads((site / "pagefind" / "buckets.json").read_text())["buckets"]) == ["0", "1"]
    yield from _serve(site)


def _search(page, query: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    page.fill("#search", query)
    page.wait_for_function("q => document.getElementById('search-status').textContent.length > 0", arg=query)
    page.wait_for_timeout(300)
    items = page.locator("#search-results li")
    return [
        (str(items.nth(n).locator("a").get_attribute("href")), items.nth(n).locator("p").inner_html())
        for n in range(items.count())
    ]


def test_pagefind_finds_words_of_both_texts_folded_with_snippet_and_turn(page, served: str, site: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(served + "index.html")
    page.wait_for_function("() => !document.getElementById('search').disabled")
    english = _search(page, "wolfram")
    assert len(english) == 1
    href, snippet = english[0]
    assert href.startswith("wilson-111240.html#en-sp")
    assert "<mark>wolfram</mark>" in snippet
    assert page.locator("#search-status").inner_text() == "1 of 2 records"
    russian = _search(page, "вольфрам")
    assert russian and russian[0][0].startswith("wilson-111240.html#ru-sp")
    assert "<mark>вольфрама" in russian[0][1]
    for folded in ("lukasiewicz", "федор", "etienne"):
        found = _search(page, folded)
        assert [href.split("#")[0] for href, _ in found][:1] == ["polish-1.html"], folded
    assert _search(page, "zzzq") == []
    assert page.locator("#search-status").inner_text() == "No record matches “zzzq”"
    assert page.locator("#records tbody tr:visible").count() == 0
    _search(page, "wolfram")
    page.click("#search-results a")
    page.wait_for_load_state()
    turn = page.url.split("#")[1]
    assert page.locator(f"[id='{turn}']").count() == 1
    assert page.errors == []


def test_from_the_disk_the_table_filter_searches_the_texts_too(page, site: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "index.html").as_uri())
    for query, key in (("wolfram", "wilson-111240"), ("вольфрам", "wilson-111240"), ("lukasiewicz", "polish-1")):
        page.fill("#search", query)
        visible = page.locator("#records tbody tr:visible")
        assert visible.count() == 1, query
        assert visible.get_attribute("data-key") == key
    page.fill("#search", "zzzq")
    assert page.locator("#search-status").inner_text() == "No record matches “zzzq”"
    assert page.errors == []


def test_every_hit_links_to_the_turn_it_is_in(page, served: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(served + "index.html")
    page.wait_for_function("() => !document.getElementById('search').disabled")
    # Formosa: first named in the header's list of places, then in turns; Taiwan: only in a variant note
    # (Formosa [Taiwan]); lukasiewicz: only through the plain spelling of Łukasiewicz.
    for query, record, words in (
        ("Formosa", "wilson-111240.html", "Formosa"),
        ("Taiwan", "wilson-111240.html", "Taiwan"),
        ("lukasiewicz", "polish-1.html", "Łukasiewicz"),
    ):
        found = [href for href, _snippet in _search(page, query) if href.startswith(record)]
        assert found, query
        turn = found[0].split("#")[1]
        target = page.context.new_page()
        target.goto(served + found[0])
        holder = target.locator(f"[id='{turn}']")
        assert holder.count() == 1, (query, turn)
        assert holder.evaluate("element => !element.closest('.tk-meta') && !!element.closest('.tk-edition')"), (
            query,
            turn,
        )
        assert words in holder.inner_text(), (query, turn)
        target.close()
    assert page.errors == []


def test_the_search_runtime_loads_with_the_page_not_with_the_first_query(page, served: str) -> None:  # type: ignore[no-untyped-def]
    fetched: list[str] = []
    page.on("response", lambda response: fetched.append(response.url))
    page.goto(served + "index.html")
    page.wait_for_function("() => !document.getElementById('search').disabled")
    page.wait_for_timeout(1500)
    loaded = [url.rsplit("/", 1)[1] for url in fetched if "/pagefind/" in url]
    assert any(name.startswith("wasm.") for name in loaded) and any(name.endswith(".pf_meta") for name in loaded), (
        loaded
    )
    # The first query then costs its index chunk and fragments only, and shows its results.
    fetched.clear()
    assert _search(page, "wolfram")
    assert not any("wasm." in url or url.endswith(".pf_meta") for url in fetched), fetched


def test_a_query_searches_every_bucket_and_loads_the_runtime_once(page, served_in_buckets: str) -> None:  # type: ignore[no-untyped-def]
    fetched: list[str] = []
    page.on("response", lambda response: fetched.append(response.url))
    page.goto(served_in_buckets + "index.html")
    page.wait_for_function("() => !document.getElementById('search').disabled")
    page.wait_for_timeout(1000)
    loaded = [url.split("/pagefind/", 1)[1] for url in fetched if "/pagefind/" in url]
    assert sorted(name.split("/")[0] for name in loaded if name.endswith(".pf_meta")) == ["0", "1"], loaded
    assert len([name for name in loaded if "/wasm." in name]) == 1, loaded
    for query, record, language in (("wolfram", "wilson-111240.html", "en"), ("lukasiewicz", "polish-1.html", "en")):
        found = [href for href, _snippet in _search(page, query) if href.startswith(record)]
        assert found and found[0].split("#")[1].startswith(f"{language}-"), (query, found)
    assert page.locator("#search-status").inner_text() == "1 of 2 records"
    assert [href.split("#")[0] for href, _ in _search(page, "Stalin")] == ["wilson-111240.html"]
    assert page.errors == []
