"""The peers teikit is measured against, and how each benchmark times a command.

Peers are the tools TEI projects run today: jing (Debian 'jing') for RELAX NG
and Saxon-HE for Java (Debian 'libsaxonhe-java') for XSLT, both started as a
build script starts them.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from corpus import ROOT

TEI_ALL = ROOT.parent / "shared" / "reference" / "tei_all.rng"
TEIKIT_RNG = ROOT / "schemas" / "teikit.rng"
SAXON_JARS = [Path("/usr/share/java/Saxon-HE.jar"), *sorted(Path("/usr/share/java").glob("Saxon-HE-*.jar"))]


def timed(command: list[str]) -> float:
    """Wall-clock seconds of ``command``; a failing command stops the benchmark with its output."""
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(
            f"{' '.join(command[:6])} ... failed:\n{completed.stdout.decode(errors='replace')[-2000:]}"
            f"\n{completed.stderr.decode(errors='replace')[-3000:]}"
        )
    return elapsed


def best_of(runs: int, command: list[str]) -> float:
    return min(timed(command) for _ in range(runs))


def jing(schema: Path, files: list[Path]) -> list[str] | None:
    """jing validating ``files`` in one call, or None when jing is not installed."""
    executable = shutil.which("jing")
    return [executable, str(schema), *map(str, files)] if executable else None


def saxon(stylesheet: Path, source: Path, output: Path, **parameters: str) -> list[str] | None:
    """Saxon-HE Java transforming a file, or a folder in one batch call; None when it is not installed."""
    java = shutil.which("java")
    jar = next((jar for jar in SAXON_JARS if jar.is_file()), None)
    if not (java and jar):
        return None
    if source.is_dir():
        output.mkdir(parents=True, exist_ok=True)
    command = [java, "-cp", str(jar), "net.sf.saxon.Transform", f"-s:{source}", f"-xsl:{stylesheet}", f"-o:{output}"]
    return command + [f"{name}={value}" for name, value in parameters.items()]


def schxslt(schema: Path, source: Path, work: Path) -> list[list[str]] | None:
    """The fair peer's Schematron: SchXslt2 (the copy teikit ships) compiling ``schema`` to XSLT on
    Saxon-HE Java, then that XSLT run over ``source`` (a folder: one batch call); two commands, or None."""
    compiled = work / "schema.xsl"
    transpile = saxon(ROOT / "src" / "teikit" / "check" / "schxslt2" / "transpile.xsl", schema, compiled)
    run = saxon(compiled, source, work / "svrl")
    return [transpile, run] if transpile and run else None
