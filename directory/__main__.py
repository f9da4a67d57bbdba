"""Command line: python -m directory check | suggest | thema-tips | map | export | regelingen | copy | db.

Output is Dutch and for people; exit 0 means all is well, 1 means the input has problems,
2 means the command was called wrongly. It never shows a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from directory import copying, regelingen_cli
from directory.csvfile import write_atomic
from directory.loading import default_data_path, load_directory
from directory.model import DirectoryError, summarised
from directory.regelingen_export import excel_path_beside, hsds_tables, schemes_beside, write_excel
from directory.selection import entry_point_names, select

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class DutchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print English and a usage dump
        self.print_usage(sys.stderr)
        print(f"fout in de opdracht: {dutch_usage_error(message)}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


USAGE_ERRORS = (
    (re.compile(r"the following arguments are required: (.+)"), "dit ontbreekt nog: {0}"),
    (re.compile(r"argument (\S+): invalid choice: '(.*?)' \(choose from (.+)\)"), "'{1}' bestaat niet; kies uit {2}"),
    (re.compile(r"argument (\S+): expected one argument"), "na {0} hoort een waarde"),
    (re.compile(r"unrecognized arguments: (.+)"), "onbekend: {0}"),
    (re.compile(r"argument (\S+): (.+)"), "{0}: {1}"),
)


def dutch_usage_error(message: str) -> str:
    for pattern, template in USAGE_ERRORS:
        match = pattern.fullmatch(message)
        if match:
            return template.format(*match.groups())
    return message


def cmd_check(args: argparse.Namespace) -> int:
    other = regelingen_cli.check_other_list(args.file)  # a regelingen or bijstandsnormen list, by its columns
    if other is not None:
        return other
    directory = load_directory(args.file)
    for warning in summarised(directory.warnings):
        print(f"let op: {warning}")
    active = len(directory.active)
    print(
        f"in orde: {len(directory.organisations)} organisaties ({active} actief), "
        f"{len(directory.themes)} thema's; bestand {directory.dialect.describe()}"
    )
    return EXIT_OK


def cmd_suggest(args: argparse.Namespace) -> int:
    from directory.matching import analyse, theme_need

    text = (args.text or "").strip()
    if bool(text) == bool(args.thema):
        print("fout in de opdracht: geef een hulpvraag, of een onderwerp met --thema (niet allebei)", file=sys.stderr)
        return EXIT_USAGE
    directory = load_directory(args.data)
    if args.thema:
        if args.thema not in {t.id for t in directory.themes}:
            known = ", ".join(t.id for t in directory.themes)
            print(f"fout in de opdracht: onderwerp '{args.thema}' bestaat niet; kies uit {known}", file=sys.stderr)
            return EXIT_USAGE
        picked = theme_need(args.thema, directory, limit=args.limit)
        needs = (picked,) if picked else ()
        suggestions = picked.suggestions if picked else ()
    else:
        analysis = analyse(text, directory, limit=args.limit)
        needs, suggestions = analysis.needs, analysis.suggestions
    if args.json:
        rows = [
            {
                "id": s.organisation.id,
                "naam": s.organisation.naam,
                "domein": s.organisation.domein.value,
                "score": s.score,
                "redenen": list(s.reasons),
            }
            for s in suggestions
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not suggestions:
        print(
            f"Geen organisatie gevonden die past. Probeer andere woorden, of begin bij {entry_point_names(directory)}."
        )
        return EXIT_OK
    for need in needs:
        print(f"{need.label}:")
        for s in need.suggestions:
            print(f"  {s.organisation.naam} ({s.organisation.domein.value}) - {'; '.join(s.reasons)}")
    return EXIT_OK


def cmd_theme_hints(args: argparse.Namespace) -> int:
    """Themes the organisations' own words point to but their themes lack: for a list converted from a catalogue."""
    from directory.matching import FIELD_REASONS, theme_hints

    directory = load_directory(args.data)
    hints = theme_hints(directory)
    if args.json:
        rows = [
            {"id": h.organisation.id, "naam": h.organisation.naam, "thema": h.theme, "woord": h.word, "veld": h.field}
            for h in hints[: args.limit]
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not hints:
        print("Bij geen enkele organisatie wijst de eigen tekst duidelijk naar een thema dat ze nog niet heeft.")
        return EXIT_OK
    shown = f"; hieronder de {args.limit} duidelijkste" if len(hints) > args.limit else ""
    print(
        f"{len(hints)} keer staat er in de naam, de trefwoorden of de beschrijving een woord van een thema dat de "
        f"organisatie nog niet heeft{shown}. Klopt het, zet het thema-id dan bij die organisatie in de kolom themas."
    )
    for h in hints[: args.limit]:
        print(
            f"  {h.organisation.naam} ({h.organisation.id}): misschien ook {h.theme} ({h.theme_name}); er staat "
            f"'{h.word}' ({FIELD_REASONS[h.field]})"
        )
    return EXIT_OK


def cmd_map(args: argparse.Namespace) -> int:
    from directory.mapping import TILES, export_html

    directory = load_directory(args.data)
    organisations = select(directory, doelgroep=args.doelgroep, thema=args.thema, domein=args.domein)
    region = directory.region
    tiles = args.tiles if args.tiles in TILES else region.tiles
    html = export_html(organisations, tiles=tiles, center=region.map_centre, zoom=region.map_zoom)
    try:
        Path(args.output).write_text(html, encoding="utf-8")
    except OSError as exc:
        del exc  # its text is English; say what to check instead
        print(f"kan {args.output} niet schrijven; bestaat de map, en mag je daar schrijven?", file=sys.stderr)
        return EXIT_PROBLEMS
    located = sum(1 for o in organisations if o.has_location)
    print(f"kaart geschreven naar {args.output}: {located} organisaties op de kaart ({len(html) // 1024} kB)")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    directory = load_directory(args.data)
    output = Path(args.output)
    if _same_file(output, args.data):
        print(
            f"{args.output} is de organisatielijst zelf; kies een andere naam, anders raak je de lijst kwijt",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    try:
        message = EXPORTS[args.format](directory, output)
    except IsADirectoryError:
        example = "lijst.csv" if args.format == "excel" else "pakket.zip"
        print(f"{args.output} is een map; geef een bestandsnaam, bijvoorbeeld {example}", file=sys.stderr)
        return EXIT_PROBLEMS
    except FileExistsError:
        print(f"{args.output} is een bestand, geen map; kies een nieuwe map of een naam op .zip", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError:  # its text is English; say what to check instead
        print(f"kan {args.output} niet schrijven; bestaat de map, en mag je daar schrijven?", file=sys.stderr)
        return EXIT_PROBLEMS
    print(message)
    return EXIT_OK


def _export_excel(directory, output: Path) -> str:
    from directory.export import excel_csv

    if output.is_dir():
        raise IsADirectoryError(output)
    write_atomic(output, excel_csv(directory))
    message = f"lijst voor Excel geschreven naar {output}: {len(directory.organisations)} organisaties. "
    schemes = schemes_beside(directory)
    if schemes is not None:
        second = write_excel(schemes, excel_path_beside(output))
        message += f"De regelingen staan in {second} ({len(schemes.regelingen)} regelingen). "
    return message + "Dit bestand is om te lezen; pas de lijst zelf aan in Beheer of in het CSV-bestand."


def _export_hsds(org_list, output: Path) -> str:
    from directory import hsds  # imported only here: only this command needs it

    schemes = schemes_beside(org_list)
    extra = hsds_tables(schemes) if schemes is not None else None  # schemes as services of their uitvoerder
    if output.suffix.lower() == ".zip":
        write_atomic(output, hsds.datapackage_zip(org_list, extra))
        return f"HSDS-datapakket (zip) geschreven naar {output}"
    if output.exists() and not output.is_dir():
        raise FileExistsError(output)
    output.mkdir(exist_ok=True)
    files = hsds.write_datapackage(org_list, output, extra)
    return f"HSDS-datapakket geschreven naar de map {output}: {len(files)} bestanden"


def _same_file(output: Path, data: str | Path) -> bool:
    try:
        return output.resolve() == Path(data).resolve()
    except OSError:
        return False


EXPORTS: dict[str, Callable[..., str]] = {"excel": _export_excel, "hsds": _export_hsds}


def positive_int(value: str) -> int:
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= 100:
        raise argparse.ArgumentTypeError(f"'{value}' is geen heel getal van 1 tot 100")
    return int(value)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": cmd_check,
    "suggest": cmd_suggest,
    "thema-tips": cmd_theme_hints,
    "map": cmd_map,
    "export": cmd_export,
    "regelingen": regelingen_cli.cmd_regelingen,
    "copy": copying.cmd_copy,  # the list between a CSV file and a database (issue #14)
    "db": copying.cmd_db,
}


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(prog="python -m directory", description="Vangnet: de organisatielijst gebruiken.")
    sub = parser.add_subparsers(dest="command", metavar="opdracht", required=True, parser_class=DutchArgumentParser)
    check = sub.add_parser("check", help="controleer een organisatielijst, regelingenlijst of bijstandsnormen (CSV)")
    check.add_argument(
        "file",
        metavar="BESTAND",
        nargs="?",
        default=None,
        help="het CSV-bestand (standaard: $VANGNET_DATA of de meegeleverde lijst)",
    )
    suggest = sub.add_parser("suggest", help="zoek organisaties bij een hulpvraag, of bij een onderwerp")
    suggest.add_argument("text", metavar="HULPVRAAG", nargs="?", default="", help="de hulpvraag in gewone woorden")
    suggest.add_argument(
        "--thema",
        metavar="ID",
        help="in plaats van een hulpvraag: de organisaties bij dit onderwerp (id uit themas.csv)",
    )
    suggest.add_argument(
        "--data", default=None, help="het CSV-bestand (standaard: $VANGNET_DATA of de meegeleverde lijst)"
    )
    suggest.add_argument("--limit", type=positive_int, default=5, help="hoeveel organisaties (standaard 5)")
    suggest.add_argument("--json", action="store_true", help="uitvoer als JSON")
    tips = sub.add_parser(
        "thema-tips", help="thema's die de eigen tekst van organisaties noemt, maar die ze niet hebben"
    )
    tips.add_argument(
        "--data", default=None, help="het CSV-bestand (standaard: $VANGNET_DATA of de meegeleverde lijst)"
    )
    tips.add_argument("--limit", type=positive_int, default=50, help="hoeveel er te zien zijn (standaard 50)")
    tips.add_argument("--json", action="store_true", help="uitvoer als JSON")
    kaart = sub.add_parser("map", help="schrijf een losse kaart (één HTML-bestand) om op een website te zetten")
    kaart.add_argument(
        "--data", default=None, help="het CSV-bestand (standaard: $VANGNET_DATA of de meegeleverde lijst)"
    )
    kaart.add_argument("--domein", choices=["preventie", "ondersteuning", "curatief"], help="alleen deze groep")
    kaart.add_argument("--thema", help="alleen organisaties met dit thema-id")
    kaart.add_argument("--doelgroep", help="alleen organisaties voor deze doelgroep (of voor iedereen)")
    kaart.add_argument(
        "--tiles", choices=["pdok", "osm", "geen"], help="achtergrondkaart (standaard: die van regio.toml, anders pdok)"
    )
    kaart.add_argument("-o", "--output", required=True, metavar="BESTAND", help="waar de kaart komt, bijv. kaart.html")
    export = sub.add_parser("export", help="schrijf de lijst voor Excel of als Open Referral HSDS-datapakket")
    export.add_argument(
        "--format",
        required=True,
        choices=list(EXPORTS),
        help="excel: een CSV-bestand om in Excel te lezen; hsds: een HSDS-datapakket (map, of .zip)",
    )
    export.add_argument(
        "--data", default=None, help="het CSV-bestand (standaard: $VANGNET_DATA of de meegeleverde lijst)"
    )
    export.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PAD",
        help="waar het komt: bijv. lijst.csv (excel), een map of pakket.zip (hsds)",
    )
    regelingen_cli.add_parser(sub)
    copying.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    for name in ("file", "data"):
        if hasattr(args, name) and getattr(args, name) is None:
            setattr(args, name, default_data_path())
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
    except BrokenPipeError:
        # The reader stopped early (`... | head`): nothing went wrong. Point stdout at nothing, so Python's
        # own flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug of ours must still not end in a traceback for the user
        print(f"interne fout in Vangnet ({type(exc).__name__}); meld dit bij de beheerder", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
