"""`figwatch --help`, each command's help and every flag say what they do; `--version` exists."""
from __future__ import annotations

import argparse

from flows.cli import build_parser
from tests.cli.helpers import figwatch


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_every_command_and_every_flag_has_help():
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    summaries = {a.dest: a.help for a in sub._choices_actions}
    missing = []
    for name, command in _commands(parser).items():
        if not summaries.get(name) or not command.description:
            missing.append(name)
        missing += [f"{name} {a.option_strings or a.dest}" for a in command._actions
                    if not isinstance(a, argparse._HelpAction) and not a.help]
    assert missing == []


def test_version_and_top_level_help():
    version = figwatch("--version")
    assert version.returncode == 0 and version.stdout.startswith("figwatch ") and version.stdout.split()[1][0].isdigit()
    top = figwatch("--help").stdout
    assert "exit status" in top and all(f"    {name}" in top for name in _commands(build_parser()))
