"""The command line for regelingen: `check` of a regelingen or bijstandsnormen list, and `regelingen`.

Kept apart from __main__ so that file only dispatches. Output is Dutch; exit 0 ok, 1 data problems,
2 a wrong call, as for the other commands.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

from directory import csvfile
from directory.model import DirectoryError
from directory.regelingen_schema import HOUSEHOLDS, is_regelingen_header

EXIT_OK, EXIT_USAGE = 0, 2
_PERCENTAGE = re.compile(r"^\d{1,4}(?:[.,]\d{1,2})?%?$")


# --- check ---------------------------------------------------------------------------------------


def check_other_list(path: str | Path) -> int | None:
    """Check `path` when its columns say it is a regelingen or bijstandsnormen list; None for any other file."""
    try:
        header = csvfile.header_of(path)
    except DirectoryError:
        return None  # unreadable: the organisation check reports why, in the same words
    if is_regelingen_header(header):
        return _check_regelingen(Path(path))
    if "netto_per_maand" in header:
        return _check_normen(Path(path))
    return None


def _check_regelingen(path: Path) -> int:
    from directory.regelingen import stale
    from directory.regelingen_schema import load_regelingen

    regelingen = load_regelingen(path)
    for regeling, note in stale(regelingen):
        print(f"let op: {regeling.id}: {note}")
    table = csvfile.load(path)
    print(
        f"in orde: {len(regelingen.regelingen)} regelingen ({len(regelingen.active)} actief), gekoppeld aan "
        f"{regelingen.directory.source.name if regelingen.directory.source else 'de organisatielijst'}; "
        f"bestand {table.dialect.describe()}"
    )
    return EXIT_OK


def _check_normen(path: Path) -> int:
    from directory.normen import load_normen

    norms = load_normen(path)
    years = sorted({n.peiljaar for n in norms})
    print(f"in orde: {len(norms)} bijstandsnormen (peiljaar {', '.join(map(str, years)) or 'geen'})")
    return EXIT_OK


# --- regelingen ----------------------------------------------------------------------------------


def percentage(value: str) -> Decimal:
    from directory.regelingen import MAX_INCOME

    raw = value.strip()
    number = Decimal(raw.rstrip("%").replace(",", ".")) if _PERCENTAGE.match(raw) else None
    if number is None or not 0 <= number <= MAX_INCOME:  # 0: no income at all
        raise argparse.ArgumentTypeError(f"'{value}' is geen percentage van het sociaal minimum; bijvoorbeeld 105")
    return number


def whole_number(low: int, high: int):
    def parse(value: str) -> int:
        if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
            raise argparse.ArgumentTypeError(f"'{value}' is geen heel getal van {low} tot {high}")
        return int(value)

    return parse


def add_parser(sub) -> None:
    from directory.regelingen import CHILD_AGE_GROUPS, MAX_CHILDREN

    parser = sub.add_parser("regelingen", help="welke regelingen kunnen gelden (er wordt niets bewaard)")
    parser.add_argument("--huishouden", choices=HOUSEHOLDS, help="het soort huishouden")
    parser.add_argument("--inkomen", type=percentage, metavar="PCT", help="inkomen als % van het sociaal minimum")
    parser.add_argument("--netto", metavar="EURO", help="netto inkomen per maand; rekent met bijstandsnormen.csv")
    parser.add_argument("--kinderen", type=whole_number(0, MAX_CHILDREN), metavar="N", help="aantal kinderen")
    parser.add_argument(
        "--kind-leeftijd", action="append", choices=list(CHILD_AGE_GROUPS), default=[], help="leeftijd van een kind"
    )
    parser.add_argument("--leeftijd", type=whole_number(0, 120), metavar="N", help="leeftijd van de aanvrager")
    parser.add_argument("--vraag", metavar="TEKST", help="de hulpvraag in gewone woorden")
    parser.add_argument("--limit", type=whole_number(1, 100), default=5, help="hoeveel bij --vraag (standaard 5)")
    parser.add_argument(
        "--data", default=None, metavar="MAP", help="de map met regelingen.csv (standaard: naast de organisatielijst)"
    )
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")


def cmd_regelingen(args: argparse.Namespace) -> int:
    from directory.regelingen import SituationError, regelingen_bij_vraag, welke_regelingen
    from directory.regelingen_schema import load_regelingen, regelingen_path

    regelingen = load_regelingen(regelingen_path(args.data))
    try:
        situatie = _situation(args)
    except (SituationError, ValueError) as exc:
        print(f"fout in de opdracht: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.vraag is not None:
        uitkomst = regelingen_bij_vraag(args.vraag, regelingen, situatie, limit=args.limit)
    else:
        uitkomst = welke_regelingen(situatie, regelingen)
    if args.json:
        rows = [
            {
                "id": m.regeling.id,
                "naam": m.regeling.naam,
                "redenen": list(m.redenen),
                "hulp_bij_aanvragen": [org.id for org in m.hulp],
            }
            for m in uitkomst.mogelijk
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    _print_text(uitkomst)
    return EXIT_OK


def _situation(args: argparse.Namespace):
    from directory.normen import income_percentage, load_normen, normen_path
    from directory.regelingen import Situatie

    income = args.inkomen
    if args.netto is not None:
        if income is not None:
            raise ValueError("kies --inkomen of --netto, niet allebei")
        if args.huishouden is None:
            raise ValueError("bij --netto hoort --huishouden: de bijstandsnorm hangt af van het huishouden")
        income = income_percentage(args.netto, args.huishouden, load_normen(normen_path(args.data))).percentage
    return Situatie(args.huishouden, args.kinderen, tuple(args.kind_leeftijd), args.leeftijd, income)


def _print_text(uitkomst) -> None:
    from directory.regelingen import NOTHING_FITS

    if uitkomst.niets_past:
        print(NOTHING_FITS)
    for m in uitkomst.mogelijk:
        print(f"{m.regeling.naam} ({m.regeling.soort})")
        print(f"  waarom: {'; '.join(m.redenen)}")
        print(f"  voor wie: {m.hoofdvoorwaarde}")
        for check in m.na_te_gaan:
            print(f"  nog nagaan: {check}")
        if m.regeling.bedrag:
            print(f"  bedrag: {m.regeling.bedrag}")
        if m.hulp:
            print(f"  hulp bij aanvragen: {', '.join(org.naam for org in m.hulp)}")
        if m.actualiteit:
            print(f"  let op: {m.actualiteit}")
    print(uitkomst.uitleg)
