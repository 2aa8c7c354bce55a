"""teikit serve: the site folder over HTTP on the loopback interface, and nothing outside it."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit.cli import cli
from teikit.publish.serve import make_server


def test_serves_the_site_and_nothing_above_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "index.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    (site / "pagefind" / "pagefind.js").write_text("export {};", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not for the web", encoding="utf-8")
    server = make_server(site, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with urllib.request.urlopen(base + "index.html") as response:
            assert response.read().startswith(b"<!DOCTYPE html>")
        with urllib.request.urlopen(base + "pagefind/pagefind.js") as response:
            assert response.read() == b"export {};"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + "../secret.txt")
        assert refused.value.code == 404
        refused.value.close()
    finally:
        server.shutdown()
        server.server_close()


def test_a_folder_without_a_site_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", str(tmp_path)])
    assert result.exit_code == 2
    assert "no built site" in result.output and "teikit build" in result.output
