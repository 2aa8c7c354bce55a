"""Page images beside their text: pb/@facs as a file, and through <facsimile> as a IIIF service."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from teikit.publish.build import build_site
from teikit.publish.render import Options, Renderer

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent.parent
IIIF = "https://iiif.example.org/iiif/2/apfr-45-1-329-f11/info.json"


def _png(width: int, height: int) -> bytes:
    """A grey PNG, made here so the test needs no image file."""
    rows = b"".join(b"\x00" + b"\xc0" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("facs")
    tei = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")
    tei = tei.replace("<pb/>against imperialist", '<pb n="10" facs="leaf-10.png"/>against imperialist', 1)
    tei = tei.replace("<pb/>в этом районе", '<pb n="11" facs="#f11"/>в этом районе', 1)
    tei = tei.replace(
        "</teiHeader>", f'</teiHeader><facsimile><surface xml:id="f11"><graphic url="{IIIF}"/></surface></facsimile>', 1
    )
    source = folder / "record.xml"
    source.write_text(tei, encoding="utf-8")
    (folder / "leaf-10.png").write_bytes(_png(300, 420))
    page = folder / "record.html"
    page.write_text(Renderer().render_file(source, Options(to="html")), encoding="utf-8")
    return page


def test_the_page_image_stands_beside_its_text(page, edition: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page.route(
        "https://iiif.example.org/**",
        lambda route: route.fulfill(status=200, body=_png(300, 420), content_type="image/png"),
    )
    page.goto(edition.as_uri())
    figures = page.locator(".tk-facs")
    assert figures.count() == 2
    local = figures.nth(0)
    assert local.locator("img").get_attribute("src") == "leaf-10.png"
    assert local.locator("img").get_attribute("alt") == "Page 10"
    assert local.locator(".tk-facs-caption").inner_text() == "Page 10"
    iiif = figures.nth(1).locator("img").get_attribute("src")
    assert iiif == IIIF.replace("/info.json", "/full/800,/0/default.jpg")
    local.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.tk-facs img').naturalWidth > 0")
    image = local.locator("img").bounding_box()
    text = page.locator("xpath=//span[contains(@class, 'tk-facs')]/ancestor::p[1]").first.bounding_box()
    assert image is not None and text is not None
    # Beside the text: on the same lines as the paragraph it breaks, at its right.
    assert image["y"] < text["y"] + text["height"] and image["y"] + image["height"] > text["y"]
    assert image["x"] > text["x"] + text["width"] / 3
    page.screenshot(path=str(artifacts / "facsimile.png"))
    # Scrolls with its text: moving the page moves the image by as much.
    before = image["y"]
    page.mouse.wheel(0, 200)
    page.wait_for_timeout(200)
    after = local.locator("img").bounding_box()
    assert after is not None and abs((before - after["y"]) - 200) < 2
    assert page.errors == []


def test_a_built_site_shows_its_copy_of_a_local_page_image(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tei = tmp_path / "tei"
    tei.mkdir()
    text = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")
    (tei / "record.xml").write_text(text.replace("<pb/>against", '<pb n="10" facs="leaf-10.png"/>against', 1), "utf-8")
    (tei / "leaf-10.png").write_bytes(_png(300, 420))
    site = tmp_path / "site"
    assert build_site(tei, site, jobs=1).exit_code == 0
    page.goto((site / "record.html").as_uri())
    image = page.locator(".tk-facs img")
    assert image.get_attribute("src") == "facs/record/leaf-10.png"
    image.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.tk-facs img').naturalWidth === 300")
    assert page.errors == []
