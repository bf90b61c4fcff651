"""The `figwatch` command: argument parsing and clean errors; the work is in flows/commands.py.

Prefect is imported only by the commands that run flows, so `figwatch extract` stays fast.
Any FigwatchError becomes one line on stderr and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from typing import NoReturn

from figwatch.errors import ConfigError, FigwatchError

EXIT_ERROR, EXIT_USAGE = 1, 2
MAX_ID = 2**31 - 1  # ids are INTEGER columns (32 bits on PostgreSQL): a larger id cannot exist


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors as one line (and exit 2), like every other figwatch error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} -h)\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _id(text: str) -> int:
    """A database id: ASCII digits only ("²" is a digit to str.isdigit, not to int) and in range."""
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        raise argparse.ArgumentTypeError(f"not an id (a whole number): {text!r}")
    return int(text)


def _digest_id(text: str) -> int | str:
    return text if text == "latest" else _id(text)


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a port (0 to 65535; 0 picks a free one): {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--config", metavar="FILE", help="TOML settings (default: the embedded defaults)")
    parser = _Parser(prog="figwatch", description="Watch the news for reported figures.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", parents=[common], help="run the monitor flow once")
    run.add_argument("--json", action="store_true", help="print the run report as one JSON object")
    run.add_argument("--direct", action="store_true", help="run the steps without Prefect")

    back = sub.add_parser("backfill", parents=[common], help="fold historical articles in publication order")
    back.add_argument("--since", type=_date, metavar="DATE")
    back.add_argument("--until", type=_date, metavar="DATE")
    back.add_argument("--source", action="append", default=[], metavar="NAME", help="only this source (repeatable)")
    back.add_argument("--notify", action="store_true", help="send one digest for the whole backfill")
    back.add_argument("--dry-run", action="store_true", help="report what would change; store nothing")
    back.add_argument("--json", action="store_true")
    back.add_argument("--direct", action="store_true", help="run the steps without Prefect")

    ext = sub.add_parser("extract", parents=[common], help="print the figures in article files")
    ext.add_argument("paths", nargs="+", metavar="PATH")
    ext.add_argument("--format", choices=("jsonl", "table"), default="table")
    ext.add_argument("--topic", metavar="FILE", help="a topic file (default: the configured or shipped one)")
    ext.add_argument("--why", action="store_true",
                     help="show each figure's metric rule, source rule and confidence reasons")

    sub.add_parser("sources", parents=[common], help="show each source's health")
    sub.add_parser("deliveries", parents=[common], help="list pending, sent and failed deliveries")
    sub.add_parser("deliver", parents=[common], help="send pending deliveries now")
    dig = sub.add_parser("digest", parents=[common], help="write a digest as files to look at")
    dig.add_argument("--preview", nargs="?", type=_digest_id, const="latest", default="latest", metavar="ID")
    dig.add_argument("--out", metavar="DIR", help="where to write (default: <home>/preview)")
    rev = sub.add_parser("review", parents=[common], help="list, confirm or reject figures held back for a person")
    rev.add_argument("--json", action="store_true")
    verdict = rev.add_mutually_exclusive_group()
    verdict.add_argument("--confirm", type=_id, nargs="+", metavar="ID",
                         help="these figures are right: they join the figures")
    verdict.add_argument("--reject", type=_id, nargs="+", metavar="ID", help="these figures are wrong: they stay out")
    verdict.add_argument("--export", metavar="DIR", help="write the decided cases as labelled fixtures")
    db = sub.add_parser("db", parents=[common], help="database maintenance")
    db.add_argument("action", choices=("upgrade",))
    serve = sub.add_parser("serve", parents=[common], help="serve the deployments on their schedules")
    serve.add_argument("--interval", type=float, metavar="MINUTES", help="override the monitor interval")
    rep = sub.add_parser("report", parents=[common], help="write the static timeline site")
    rep.add_argument("--out", metavar="DIR")
    rep.add_argument("--serve", action="store_true", help="serve it on 127.0.0.1 for a quick look")
    rep.add_argument("--port", type=_port, default=8765)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from flows import commands

    try:
        return commands.COMMANDS[args.command](args)
    except ConfigError as exc:
        print(f"figwatch: config error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except FigwatchError as exc:
        print(f"figwatch: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("figwatch: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
