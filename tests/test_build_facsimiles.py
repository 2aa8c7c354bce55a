"""``teikit build`` copies the local page images a record names into the site, and only those."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import html5lib

from teikit.publish.build import build_site
from teikit.publish.manifest import ManifestStore

ROOT = Path(__file__).resolve().parent.parent
IIIF = "https://iiif.example.org/iiif/2/f12/info.json"
XHTML = "{http://www.w3.org/1999/xhtml}"


def png(width: int) -> bytes:
    """A grey PNG ``width`` pixels wide, made here so the test needs no image file."""
    rows = b"".join(b"\x00" + b"\xc0" * width for _ in range(4))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, 4, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def record(folder: Path, *, with_leaf: bool = True) -> Path:
    """The seed with page images: a file beside it, one in a subfolder, one outside, one absolute, IIIF."""
    tei = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")
    leaf = 'facs="leaf-10.png"' if with_leaf else ""
    tei = tei.replace("<pb/>against imperialist", f'<pb n="10" {leaf}/>against imperialist', 1)
    tei = tei.replace("<pb/>в этом районе", '<pb n="11" facs="#f11"/>в этом районе', 1)
    tei = tei.replace('<pb break="no"/>', '<pb break="no" n="12" facs="#f14"/>', 1)
    surfaces = (
        '<surface xml:id="f11"><graphic url="images/leaf-11.png"/></surface>'
        '<surface xml:id="f12"><graphic url="../outside.png"/></surface>'
        '<surface xml:id="f13"><graphic url="/etc/secret.png"/></surface>'
        f'<surface xml:id="f14"><graphic url="{IIIF}"/></surface>'
    )
    tei = tei.replace("</teiHeader>", f"</teiHeader>\n<facsimile>{surfaces}</facsimile>", 1)
    path = folder / "wilson-111240.xml"
    path.write_text(tei, encoding="utf-8")
    return path


def images_of(page: Path) -> list[str]:
    tree = html5lib.parse(page.read_bytes(), namespaceHTMLElements=True)
    return [str(img.get("src")) for img in tree.iter(f"{XHTML}img")]


def test_local_images_are_copied_and_linked_urls_kept_escapes_refused(tmp_path: Path) -> None:
    tei = tmp_path / "tei"
    (tei / "images").mkdir(parents=True)
    record(tei)
    (tei / "leaf-10.png").write_bytes(png(30))
    (tei / "images" / "leaf-11.png").write_bytes(png(31))
    (tmp_path / "outside.png").write_bytes(png(32))
    site = tmp_path / "site"
    report = build_site(tei, site, jobs=1)
    assert report.exit_code == 0 and len(report.of("built")) == 1
    copies = site / "facs" / "wilson-111240"
    assert (copies / "leaf-10.png").read_bytes() == png(30)
    assert (copies / "images" / "leaf-11.png").read_bytes() == png(31)
    assert sorted(path.name for path in (site / "facs").rglob("*.png")) == ["leaf-10.png", "leaf-11.png"]
    assert images_of(site / "wilson-111240.html") == [
        "facs/wilson-111240/leaf-10.png",
        "facs/wilson-111240/images/leaf-11.png",
        IIIF.replace("/info.json", "/full/800,/0/default.jpg"),
    ]
    page = (site / "wilson-111240.html").read_text(encoding="utf-8")
    assert 'src="../' not in page and 'href="../' not in page and '/etc/secret.png"' not in page
    # The refused ones: a warning at the attribute, saying what to do.
    warnings = [d for d in report.outcomes[0].diagnostics if d.code == "facsimile-not-copied"]
    assert [w.level for w in warnings] == ["warning", "warning"]
    assert "'../outside.png' leads out of the TEI file's folder" in warnings[0].message
    assert "'/etc/secret.png' is an absolute path" in warnings[1].message
    lines = (tei / "wilson-111240.xml").read_text(encoding="utf-8").splitlines()
    for warning in warnings:
        assert warning.location is not None and warning.location.line > 0 and warning.location.col > 0
        assert lines[warning.location.line - 1][warning.location.col - 1 :].startswith("url=")
    # What the manifest vouches for includes the copies.
    with ManifestStore(site) as store:
        outputs = store.load().records["wilson-111240"].outputs
    assert "facs/wilson-111240/leaf-10.png" in outputs and "facs/wilson-111240/images/leaf-11.png" in outputs


def test_a_changed_image_is_copied_again_and_one_no_longer_named_removed(tmp_path: Path) -> None:
    tei = tmp_path / "tei"
    (tei / "images").mkdir(parents=True)
    record(tei)
    (tei / "leaf-10.png").write_bytes(png(30))
    (tei / "images" / "leaf-11.png").write_bytes(png(31))
    site = tmp_path / "site"
    assert build_site(tei, site, jobs=1).exit_code == 0
    copy = site / "facs" / "wilson-111240" / "leaf-10.png"
    assert [o.status for o in build_site(tei, site, jobs=1).outcomes] == ["skipped"]
    # The image changes, the TEI does not: the copy follows.
    (tei / "leaf-10.png").write_bytes(png(40))
    os.utime(tei / "leaf-10.png", ns=(1_000_000_000, 1_000_000_000))
    assert [o.status for o in build_site(tei, site, jobs=1).outcomes] == ["built"]
    assert copy.read_bytes() == png(40)
    # The record no longer names it: the copy goes; the other stays.
    record(tei, with_leaf=False)
    assert [o.status for o in build_site(tei, site, jobs=1).outcomes] == ["built"]
    assert not copy.exists()
    assert (site / "facs" / "wilson-111240" / "images" / "leaf-11.png").is_file()
    assert images_of(site / "wilson-111240.html")[:1] == ["facs/wilson-111240/images/leaf-11.png"]


def test_a_named_image_that_is_not_there_is_a_warning_and_no_broken_image(tmp_path: Path) -> None:
    tei = tmp_path / "tei"
    tei.mkdir()
    record(tei)
    site = tmp_path / "site"
    report = build_site(tei, site, jobs=1)
    assert report.exit_code == 0
    missing = [d.message for d in report.outcomes[0].diagnostics if d.code == "facsimile-not-copied"]
    assert any("'leaf-10.png' is not there" in message for message in missing)
    assert images_of(site / "wilson-111240.html") == [IIIF.replace("/info.json", "/full/800,/0/default.jpg")]
    assert not (site / "facs").exists()
