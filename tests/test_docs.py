"""The documentation keeps up with the command line: every ``communique`` command and every
option of each command is named in the README or in ``docs/*.md``.

A command counts as documented when ``communique NAME`` appears; an option when its long
spelling (``--max-bytes``) appears in a paragraph (or a code block) that also names its
command, so that ``--json`` documented for one command does not count for another. The
test walks the real argument parser, so a new option without a line of documentation
fails here. (``tests/test_readme.py`` runs the README's examples.)
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from communique.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]


def _docs_text() -> str:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages)


PARAGRAPHS = re.split(r"\n\s*\n", _docs_text())


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> list[str]:
    """The long option strings of a command, without --help."""
    found: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        longs = [s for s in action.option_strings if s.startswith("--")]
        found += longs[:1] if longs else []
    return found


COMMANDS = _subcommands(build_parser())
OPTIONS = [(name, option) for name, sub in sorted(COMMANDS.items())
           for option in _options(sub)]


def test_the_parser_has_commands_and_options() -> None:
    assert {"extract", "ingest", "evaluate", "serve"} <= set(COMMANDS)
    assert ("extract", "--max-bytes") in OPTIONS


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_documented(command: str) -> None:
    assert re.search(rf"communique {command}\b", _docs_text()), \
        f"`communique {command}` appears in neither README.md nor docs/*.md"


@pytest.mark.parametrize(("command", "option"), OPTIONS,
                         ids=[f"{c} {o}" for c, o in OPTIONS])
def test_every_option_is_documented(command: str, option: str) -> None:
    spelled = re.compile(rf"{re.escape(option)}(?![\w-])")
    named = re.compile(rf"\b{command}\b")
    assert any(spelled.search(p) and named.search(p) for p in PARAGRAPHS), \
        f"`communique {command} {option}`: no paragraph of README.md or docs/*.md names both"
