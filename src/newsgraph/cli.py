"""The `newsgraph` command. Thin: parses arguments and hands over to the layers below.

Subcommands are plugins: each module in COMMANDS has `register(subparsers)` that adds its
parser and sets `func(args) -> exit status`.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import signal
import sys
import threading

from . import __version__
from .errors import Failure

COMMANDS = (
    "newsgraph.commands.analyze",   # analyze
    "newsgraph.commands.kb",        # ingest, recluster, stories, story, actors, actor, timeline, search, export
    "newsgraph.commands.serve",     # serve
    "newsgraph.commands.eval",      # eval
    "newsgraph.commands.watch",     # watch, sources
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsgraph",
        description="Read news articles (English, Ukrainian, Russian) as structured, sourced "
                    "records: actors, events, numbers, dates and every claim with who says it.",
        epilog="Run 'newsgraph COMMAND --help' for each command's options.")
    parser.add_argument("--version", action="version", version=f"newsgraph {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:     # command not part of this build
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="newsgraph: %(message)s")
    if not args.verbose:
        # their warnings ("discarding data: None") say what our one-line errors say better
        for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    if threading.current_thread() is threading.main_thread():
        # SIGTERM (kill, a service manager) unwinds like Ctrl-C: open transactions roll back,
        # worker processes are stopped, what was stored stays stored
        signal.signal(signal.SIGTERM, _terminated)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("newsgraph: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("newsgraph: terminated", file=sys.stderr)
        return 143
    except Failure as exc:
        print(f"newsgraph: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader (head, less) went away; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except UsageError as exc:
        print(f"newsgraph: {exc}", file=sys.stderr)
        return 2


class Terminated(BaseException):
    """The process was sent SIGTERM (a BaseException, like KeyboardInterrupt: no per-article
    `except Exception` may take it for that article's failure)."""


def _terminated(signum, frame) -> None:
    raise Terminated()


class UsageError(Exception):
    """A mistake in how the command was called: printed as one line, exit status 2."""


if __name__ == "__main__":  # pragma: no cover
    # `python -m newsgraph.cli`: run the imported module's main, whose UsageError is the one the
    # commands raise (this __main__ copy of the module has a class of its own)
    from newsgraph.cli import main as _main

    sys.exit(_main())
