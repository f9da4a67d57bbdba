"""Command line: python -m directory check | suggest | map | export.

Output is Dutch and for people; exit 0 means all is well, 1 means the input has problems,
2 means the command was called wrongly. It never shows a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from directory.loading import default_data_path, load_directory
from directory.model import DirectoryError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class DutchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print English and a usage dump
        self.print_usage(sys.stderr)
        print(f"fout in de opdracht: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def cmd_check(args: argparse.Namespace) -> int:
    directory = load_directory(args.file)
    for warning in directory.warnings:
        print(f"let op: {warning}")
    active = len(directory.active)
    print(
        f"in orde: {len(directory.organisations)} organisaties ({active} actief), "
        f"{len(directory.themes)} thema's; bestand {directory.dialect.describe()}"
    )
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"check": cmd_check}


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(prog="python -m directory", description="Vangnet: de organisatielijst gebruiken.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=DutchArgumentParser)
    check = sub.add_parser("check", help="controleer een organisatielijst (CSV)")
    check.add_argument(
        "file",
        nargs="?",
        default=None,
        help="het CSV-bestand (standaard: $VANGNET_DATA of de meegeleverde lijst)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "file", None) is None and hasattr(args, "file"):
        args.file = default_data_path()
    try:
        return COMMANDS[args.command](args)
    except DirectoryError as exc:
        for problem in exc.problems:
            print(problem)
        count = len(exc.problems)
        print(f"{count} {'probleem' if count == 1 else 'problemen'} gevonden", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return EXIT_USAGE
    except Exception as exc:  # a bug of ours must still not end in a traceback for the user
        print(f"interne fout in Vangnet ({type(exc).__name__}); meld dit bij de beheerder", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
