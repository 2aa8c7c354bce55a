"""Hostile XML given to validate, render and build: a clear message, no leak, bounded memory.

Each case runs the real command in a child process; the command's own peak
memory (resident set) must stay under MEMORY_BOUND_MB, and no byte of
the secret file, nor any connection to the listening socket, may appear.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECRET = "SECRET-TEIKIT-LEAK-CANARY-7731"
MEMORY_BOUND_MB = 400
"""Peak resident memory allowed to one teikit command on these inputs (Saxon's runtime included)."""

HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt>"
    "<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
)


def tei(body: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER}<text><body>{body}</body></text></TEI>\n'
    ).encode()


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.fixture
def listener():  # type: ignore[no-untyped-def]
    """A TCP port that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    connections: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
                connections.append(connection)
                connection.close()
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join()
    server.close()


def cases(secret: Path, port: int) -> dict[str, tuple[bytes, str]]:
    """name -> (document, the rule id of the expected message)."""
    laughs = "".join(
        f'<!ENTITY l{i} "{"&l" + str(i - 1) + ";" * 1 if i else "lol"}{("&l" + str(i - 1) + ";") * 9 if i else ""}">'
        for i in range(10)
    )
    return {
        "external entity (file)": (
            tei("<p>&xxe;</p>", f'<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'),
            "xml-entity",
        ),
        "external entity (network)": (
            tei("<p>&xxe;</p>", f'<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "http://127.0.0.1:{port}/secret">]>\n'),
            "xml-entity",
        ),
        "billion laughs": (tei("<p>&l9;</p>", f"<!DOCTYPE TEI [{laughs}]>\n"), "xml-entity"),
        "external DTD (file)": (tei("<p>x</p>", f'<!DOCTYPE TEI SYSTEM "{secret.as_uri()}">\n'), "xml-dtd"),
        "external DTD (network)": (
            tei("<p>x</p>", f'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:{port}/tei.dtd">\n'),
            "xml-dtd",
        ),
        "XInclude": (
            tei(
                f'<p><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.as_uri()}" parse="text"/></p>'
            ),
            "xml-xinclude",
        ),
        "huge text node": (tei("<p>" + "a" * 12_000_000 + "</p>"), "xml-malformed"),
        "nesting 100,000 deep": (tei("<p>" + "<hi>" * 100_000 + "x" + "</hi>" * 100_000 + "</p>"), "xml-malformed"),
        "invalid UTF-8": (tei("<p>caf\xe9</p>".replace("\xe9", "@@")).replace(b"@@", b"\xff\xfe"), "xml-malformed"),
        "NUL bytes": (tei("<p>a\x00b</p>".replace("\x00", "@@")).replace(b"@@", b"\x00"), "xml-malformed"),
    }


# A process's peak memory, as wait4 reports it, starts from its parent's: the kernel carries it
# across fork and exec. This test process is large, so a small launcher runs each command and
# reports the peak of its own child.
PEAK_LAUNCHER = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); sys.exit(code)"
)


def run(arguments: list[str], cwd: Path) -> tuple[int, str, int]:
    """Exit code, all output, and the peak resident memory (MB) of a teikit command."""
    peak = cwd / ".peak"
    completed = subprocess.run(
        [sys.executable, "-c", PEAK_LAUNCHER, str(peak), sys.executable, "-m", "teikit", *arguments],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
    )
    return completed.returncode, completed.stdout.decode("utf-8", errors="replace"), int(peak.read_text()) // 1024


def no_leak(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file() and path.name != "secret.txt":
            assert SECRET.encode() not in path.read_bytes(), path


@pytest.mark.parametrize("name", list(cases(Path("/x"), 1)))
def test_hostile_input(name: str, tmp_path: Path, secret_file: Path, listener) -> None:  # type: ignore[no-untyped-def]
    port, connections = listener
    document, rule = cases(secret_file, port)[name]
    folder = tmp_path / "tei"
    folder.mkdir()
    (folder / "hostile.xml").write_bytes(document)
    (folder / "good.xml").write_bytes((ROOT / "tei" / "wilson-111240.xml").read_bytes())

    code, output, memory = run(["validate", str(folder / "hostile.xml")], tmp_path)
    assert code == 1 and f"[{rule}]" in output and SECRET not in output, output[:2000]
    assert output.startswith(f"{folder / 'hostile.xml'}:"), output[:300]
    assert memory < MEMORY_BOUND_MB, memory

    code, output, memory = run(["render", str(folder / "hostile.xml"), "-d", str(tmp_path / "out")], tmp_path)
    assert code == 1 and f"[{rule}]" in output and SECRET not in output, output[:2000]
    assert memory < MEMORY_BOUND_MB, memory

    code, output, memory = run(["build", str(folder), "-d", str(tmp_path / "site"), "--jobs", "1"], tmp_path)
    assert code == 1 and f"[{rule}]" in output and "built 1, skipped 0, failed 1" in output, output[-2000:]
    assert (tmp_path / "site" / "good.html").is_file() and not (tmp_path / "site" / "hostile.html").exists()
    assert memory < MEMORY_BOUND_MB, memory

    no_leak(tmp_path)
    assert connections == []


def test_xml_stylesheet_instruction_is_never_applied(tmp_path: Path, secret_file: Path) -> None:
    stylesheet = tmp_path / "evil.xsl"
    stylesheet.write_text(
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        f'<xsl:template match="/"><xsl:copy-of select="document(\'{secret_file.as_uri()}\')"/>{SECRET}</xsl:template></xsl:stylesheet>',
        encoding="utf-8",
    )
    seed = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")
    path = tmp_path / "record.xml"
    path.write_text(
        seed.replace("?>\n<TEI", f'?>\n<?xml-stylesheet type="text/xsl" href="{stylesheet.as_uri()}"?>\n<TEI', 1),
        encoding="utf-8",
    )
    code, output, _memory = run(["validate", str(path)], tmp_path)
    assert code == 0 and "warning: the xml-stylesheet instruction is ignored" in output and "[xml-stylesheet]" in output
    code, output, _memory = run(["render", str(path), "-d", str(tmp_path / "out")], tmp_path)
    assert code == 0
    page = (tmp_path / "out" / "record.html").read_text(encoding="utf-8")
    assert SECRET not in page and "Record of Conversation" in page
