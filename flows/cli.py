"""The `figwatch` command: argument parsing and clean errors; the work is in flows/commands.py.

Prefect is imported only when a run goes through a flow (flows/runner.py), so the everyday
commands stay fast. Any FigwatchError becomes one line on stderr (a config file's errors, one line
each) and a non-zero exit, never a traceback. Exit status: 0 all well; 1 something failed (a
source, a delivery: recorded, and retried later); 2 a usage or config error; 130 interrupted.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any, NoReturn

from figwatch.errors import ConfigError, FigwatchError, UsageError

EXIT_ERROR, EXIT_USAGE = 1, 2
MAX_ID = 2**31 - 1  # ids are INTEGER columns (32 bits on PostgreSQL): a larger id cannot exist


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors as one line (and exit 2), like every other figwatch error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} -h)\n")

DESCRIPTION = """Watch news feeds for reported figures (North Korean troops in Russia, casualties,
weapons), fold them into one baseline per figure and send a digest when one changes.

Without --config, figwatch watches the embedded seed corpus and keeps its state in
$FIGWATCH_HOME (default ./.figwatch)."""
EPILOG = """exit status: 0 all well; 1 something failed (a source or a delivery; it is recorded and
retried on the next run); 2 a usage or config error. `figwatch COMMAND --help` tells more."""
RUN_WHERE = ("Runs the plain steps in this process, unless a Prefect server is configured and answers "
             "(PREFECT_API_URL): then through the Prefect flow, so the run shows in Prefect's UI.")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("figwatch")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _command(sub: Any, name: str, summary: str, *, more: str = "", parents: list[argparse.ArgumentParser]
             ) -> argparse.ArgumentParser:
    """A subcommand whose one-line summary shows in `figwatch --help` and leads its own --help."""
    return sub.add_parser(name, parents=parents, help=summary, description=f"{summary}. {more}".strip())


def _where(parser: argparse.ArgumentParser) -> None:
    """--prefect / --direct: where run and backfill run (flows/runner.py)."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--prefect", action="store_true",
                       help="run through the Prefect flow even without a server (Prefect then starts a temporary one)")
    where.add_argument("--direct", action="store_true",
                       help="run the plain steps, without Prefect, even if a server answers")


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
    common.add_argument("--config", metavar="FILE",
                        help="TOML settings; replaces the embedded defaults, seed source included (see README)")
    parser = _Parser(prog="figwatch", description=DESCRIPTION, epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = _command(sub, "run", "harvest every source once, fold new figures, send a digest if one changed",
                   more=RUN_WHERE, parents=[common])
    run.add_argument("--json", action="store_true", help="print the run report as one JSON object")
    _where(run)

    back = _command(sub, "backfill", "fold historical articles in publication order",
                    more="History without alerts unless --notify. Idempotent and resumable. " + RUN_WHERE,
                    parents=[common])
    back.add_argument("--since", type=_date, metavar="DATE", help="only articles published on or after this day")
    back.add_argument("--until", type=_date, metavar="DATE", help="only articles published on or before this day")
    back.add_argument("--source", action="append", default=[], metavar="NAME", help="only this source (repeatable)")
    back.add_argument("--notify", action="store_true", help="send one digest for the whole backfill")
    back.add_argument("--dry-run", action="store_true", help="report what would change; store nothing")
    back.add_argument("--json", action="store_true", help="print the run report as one JSON object")
    _where(back)

    ext = _command(sub, "extract", "print the figures in article files, without a database",
                   more="A folder is read as its article files (.txt, .html).", parents=[common])
    ext.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of them")
    ext.add_argument("--format", choices=("jsonl", "table"), default="table",
                     help="a table to read (default) or one JSON object per figure")
    ext.add_argument("--topic", metavar="FILE", help="a topic file (default: the configured or shipped one)")
    ext.add_argument("--why", action="store_true",
                     help="show each figure's metric rule, source rule and confidence reasons")

    _command(sub, "sources", "show each source's health: last success, failures in a row, the error",
             parents=[common])
    _command(sub, "deliveries", "list the outbox: pending, sent, skipped and failed deliveries", parents=[common])
    _command(sub, "deliver", "send pending deliveries and retry failed ones now, whatever their backoff",
             parents=[common])
    dig = _command(sub, "digest", "write a digest as HTML and text files to look at", parents=[common])
    dig.add_argument("--preview", nargs="?", type=_digest_id, const="latest", default="latest", metavar="ID",
                     help="the digest to write (default: the latest)")
    dig.add_argument("--out", metavar="DIR", help="where to write (default: <home>/preview)")
    rev = _command(sub, "review", "list, confirm or reject figures held back for a person",
                   more="Projections and hedges (confidence below 0.5) wait here, with ids.", parents=[common])
    rev.add_argument("--json", action="store_true", help="list the waiting figures as JSON lines")
    verdict = rev.add_mutually_exclusive_group()
    verdict.add_argument("--confirm", type=_id, nargs="+", metavar="ID",
                         help="these figures are right: they join the figures")
    verdict.add_argument("--reject", type=_id, nargs="+", metavar="ID", help="these figures are wrong: they stay out")
    verdict.add_argument("--export", metavar="DIR", help="write the decided cases as labelled fixtures")
    db = _command(sub, "db", "database maintenance", parents=[common])
    db.add_argument("action", choices=("upgrade",), help="upgrade: apply the migrations (figwatch also does on open)")
    serve = _command(sub, "serve", "serve the deployments on their schedules until interrupted",
                     more="Starts a local Prefect server when PREFECT_API_URL is not set.", parents=[common])
    serve.add_argument("--interval", type=float, metavar="MINUTES", help="override the monitor interval")
    rep = _command(sub, "report", "write the static timeline site of every figure", parents=[common])
    rep.add_argument("--out", metavar="DIR", help="where to write (default: <home>/report)")
    rep.add_argument("--serve", action="store_true", help="serve it on 127.0.0.1 for a quick look")
    rep.add_argument("--port", type=_port, default=8765, help="the port for --serve (default: 8765)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from flows import commands

    try:
        return commands.COMMANDS[args.command](args)
    except ConfigError as exc:
        for line in str(exc).splitlines():  # a file's errors, all of them, one line each
            print(f"figwatch: config error: {line}", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:
        print(f"figwatch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except FigwatchError as exc:
        print(f"figwatch: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("figwatch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `figwatch extract ... | head` stopped reading: not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit flush stays quiet
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
