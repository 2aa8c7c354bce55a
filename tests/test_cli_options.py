"""One vocabulary across commands: -q/-v everywhere, -o is a file, -d a folder, one --jobs.

The first tests read every command's declared options (commands of groups
too), so a command added later is held to the same words; the last one runs
each command on real data quietly, normally and verbosely.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from teikit.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED_TEI = ROOT / "tei" / "wilson-111240.xml"
SEED = ROOT / "examples" / "records" / "wilson-111240.md"
#: Spellings of an output option that the vocabulary replaces.
RETIRED = {"--out", "--outdir", "--output-dir", "--output-folder", "--dest", "--destination", "--site"}


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, click.Command]]:
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))
        else:
            yield " ".join((*prefix, name)), command


COMMANDS = dict(_commands(cli))


def _option(command: click.Command, flag: str) -> click.Option | None:
    found = [param for param in command.params if isinstance(param, click.Option) and flag in param.opts]
    return found[0] if found else None


def test_there_are_commands_to_check() -> None:
    assert {"convert", "brackets", "validate", "render", "build", "init"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_speaks_the_same_options(name: str) -> None:
    command = COMMANDS[name]
    quiet, verbose = _option(command, "-q"), _option(command, "-v")
    assert quiet is not None and quiet.opts == ["-q", "--quiet"] and quiet.is_flag, f"{name}: -q/--quiet"
    assert verbose is not None and verbose.opts == ["-v", "--verbose"] and verbose.is_flag, f"{name}: -v/--verbose"
    for param in command.params:
        assert not RETIRED & set(param.opts), f"{name}: {param.opts} is spelt -o/--output or -d/--out-dir"
    output, out_dir = _option(command, "--output"), _option(command, "--out-dir")
    assert _option(command, "-o") is output and _option(command, "-d") is out_dir
    if output is not None:
        assert output.opts == ["-o", "--output"]
        assert isinstance(output.type, click.Path) and not output.type.dir_okay, f"{name}: -o is a file"
        assert output.type.allow_dash, f"{name}: -o - is standard output"
    if out_dir is not None:
        assert out_dir.opts == ["-d", "--out-dir"]
        assert isinstance(out_dir.type, click.Path) and not out_dir.type.file_okay, f"{name}: -d is a folder"
    folder_argument = any(
        isinstance(param, click.Argument) and isinstance(param.type, click.Path) and not param.type.file_okay
        for param in command.params
    )
    assert output or out_dir or folder_argument, f"{name}: says where its output goes with -o or -d"
    jobs = _option(command, "--jobs")
    if jobs is not None:
        assert jobs.opts == ["-j", "--jobs"] and jobs.default is None
        assert jobs.callback is _jobs_callback(), f"{name}: --jobs resolves like every other command's"


def _jobs_callback() -> object:
    jobs = _option(COMMANDS["validate"], "--jobs")
    assert jobs is not None
    return jobs.callback


def test_jobs_default_is_the_cores_this_process_may_use() -> None:
    from teikit.core.workers import default_jobs

    callback = _jobs_callback()
    assert callable(callback)
    assert callback(None, None, None) == default_jobs() and callback(None, None, 0) == default_jobs()
    assert callback(None, None, 3) == 3


def _invocation(name: str, tmp: Path) -> list[str]:
    """A real run of each command that succeeds, on the seed."""
    tei = tmp / "tei"
    tei.mkdir(exist_ok=True)
    shutil.copy(SEED_TEI, tei / "wilson.xml")
    return {
        "convert": ["convert", str(SEED), "-o", str(tmp / "out.xml")],
        "brackets": ["brackets", str(SEED), "-o", str(tmp / "brackets.txt")],
        "validate": ["validate", str(tei)],
        "render": ["render", str(tei), "--to", "text", "-d", str(tmp / "text")],
        "build": ["build", str(tei), "-d", str(tmp / "site"), "--jobs", "1"],
        "init": ["init", str(tmp / "project")],
    }[name]


@pytest.mark.parametrize("name", ["convert", "brackets", "validate", "render", "build", "init"])
def test_quiet_prints_nothing_and_verbose_prints_more(name: str, tmp_path: Path) -> None:
    runs = {}
    for flag in ("-q", "", "-v"):
        folder = tmp_path / (flag.strip("-") or "normal")
        folder.mkdir()
        arguments = _invocation(name, folder) + ([flag] if flag else [])
        result = CliRunner().invoke(cli, arguments)
        assert result.exit_code == 0, result.stderr
        runs[flag] = result.stderr.splitlines()
    assert runs["-q"] == [], runs["-q"]
    assert len(runs["-v"]) > len(runs[""]), (runs[""], runs["-v"])
    folder = tmp_path / "both"
    folder.mkdir()
    both = CliRunner().invoke(cli, [*_invocation(name, folder), "-q", "-v"])
    assert both.exit_code == 2 and "give -q/--quiet or -v/--verbose, not both" in both.stderr
