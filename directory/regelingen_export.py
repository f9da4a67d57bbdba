"""The regelingen as a second file for Excel, and as Open Referral HSDS services of their uitvoerder.

Excel: the same safe file as the organisation export (UTF-8 with BOM, `;`, CRLF, every cell
quoted, formulas neutralised by `directory.export.neutralise`), for reading, not for reading back.

HSDS 3.0 has no table for an income scheme; a scheme is a *service* of the organisation that
carries it out. So each scheme becomes one service row under its uitvoerder: the organisation of
the list when `uitvoerder_id` names one (the same uuid the organisation export gives it), else an
organisation row of its own for the uitvoerder (say Belastingdienst/Toeslagen). Themes link to the
theme terms of the organisation export; columns HSDS has no place for (soort, bedrag, peiljaar,
inkomensgrens, ...) travel as attributes in a taxonomy "Vangnet regelingen". The README has the
mapping column by column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from directory import csvfile
from directory.export import neutralise
from directory.hsds.export import attribute  # the same attribute row as the organisation export
from directory.hsds.spec import hsds_id
from directory.model import Directory
from directory.regelingen_schema import (
    COLUMN_HELP,
    COLUMN_ORDER,
    FILE_NAME,
    Regeling,
    Regelingen,
    load_regelingen,
    to_cells,
)
from directory.schema import format_value
from directory.text import fold

SCHEME_TAXONOMY = "Vangnet regelingen"
# Columns with no HSDS field of their own; they travel as attributes of the service.
ATTRIBUTE_COLUMNS = (
    "soort",
    "huishoudens",
    "kinderen",
    "leeftijd_min",
    "leeftijd_max",
    "inkomensgrens",
    "inkomensvoorwaarde",
    "vermogensgrens",
    "bedrag",
    "hulp_bij_aanvragen",
    "peiljaar",
    "bron",
)


def excel_csv(regelingen: Regelingen) -> bytes:
    """All schemes, closed ones too, for reading in Dutch Excel; never a formula in a cell."""
    extra = [name for name in regelingen.columns if name not in COLUMN_ORDER]
    header = [*COLUMN_ORDER, *extra]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([neutralise(name) for name in header])
    for regeling in regelingen.regelingen:
        cells = to_cells(regeling)
        writer.writerow([neutralise(cells.get(name, "")) for name in header])
    return buffer.getvalue().encode("utf-8-sig")


def schemes_beside(directory: Directory) -> Regelingen | None:
    """The regelingen.csv beside the organisation list, checked against it; None when there is none."""
    if directory.source is None:
        return None
    path = Path(directory.source).with_name(FILE_NAME)
    return load_regelingen(path, directory) if path.is_file() else None


def excel_path_beside(organisations_file: Path) -> Path:
    """lijst.csv -> lijst-regelingen.csv: the schemes' file beside the organisations' export."""
    return organisations_file.with_name(f"{organisations_file.stem}-regelingen{organisations_file.suffix or '.csv'}")


def write_excel(regelingen: Regelingen, path: str | Path) -> Path:
    """The Excel file of the schemes at `path`, written whole or not at all; the second file beside the
    organisation export (for example lijst.csv and lijst-regelingen.csv)."""
    path = Path(path)
    csvfile.write_atomic(path, excel_csv(regelingen))
    return path


# --- HSDS ----------------------------------------------------------------------------------------


def hsds_tables(regelingen: Regelingen) -> dict[str, list[dict[str, str]]]:
    """HSDS rows (resource name -> rows) to add to the organisation export of `regelingen.directory`."""
    tables: dict[str, list[dict[str, str]]] = {
        "organization": [],
        "service": [],
        "attribute": [],
        "taxonomy": [_taxonomy_row()],
        "taxonomy_term": [_term_row(column) for column in ATTRIBUTE_COLUMNS],
    }
    executors: dict[str, dict[str, str]] = {}
    for regeling in regelingen.regelingen:
        organization_id = _organization_id(regeling, regelingen, executors)
        tables["service"].append(_service_row(regeling, organization_id))
        tables["attribute"].extend(_attribute_rows(regeling, {t.id for t in regelingen.themes}))
    tables["organization"] = list(executors.values())
    return tables


def service_id(regeling: Regeling) -> str:
    return hsds_id("service", "regeling", regeling.id)


def _organization_id(regeling: Regeling, regelingen: Regelingen, executors: dict[str, dict[str, str]]) -> str:
    if regeling.uitvoerder_id and regelingen.directory.get(regeling.uitvoerder_id) is not None:
        return hsds_id("organization", regeling.uitvoerder_id)  # the organisation export's own id
    key = fold(regeling.uitvoerder) or regeling.id
    row = executors.setdefault(
        key,
        {
            "id": hsds_id("organization", "uitvoerder", key),
            "name": regeling.uitvoerder or regeling.naam,
            "description": f"Voert regelingen uit voor inwoners, zoals {regeling.naam}.",
        },
    )
    return row["id"]


def _service_row(regeling: Regeling, organization_id: str) -> dict[str, str]:
    eligibility = [regeling.voor_wie, regeling.inkomensvoorwaarde]
    # HSDS ages are the age of the person served; for a scheme for children they are the child's,
    # which the eligibility text already says, so only the applicant's ages are fields.
    ages = {} if regeling.kinderen else {"minimum_age": regeling.leeftijd_min, "maximum_age": regeling.leeftijd_max}
    return {
        "id": service_id(regeling),
        "organization_id": organization_id,
        "name": regeling.naam,
        "description": regeling.omschrijving,
        "url": regeling.bron[0] if regeling.bron else "",
        "status": "active" if regeling.actief else "inactive",
        "application_process": regeling.aanvragen,
        "eligibility_description": "\n".join(part for part in eligibility if part),
        "assured_date": format_value(regeling.laatst_gecontroleerd),
        **{name: format_value(value) for name, value in ages.items()},
    }


def _attribute_rows(regeling: Regeling, theme_ids: set[str]) -> Iterator[dict[str, str]]:
    link = service_id(regeling)
    for theme in regeling.themas:
        if theme in theme_ids:  # the same term id the organisation export gives the theme
            term = hsds_id("taxonomy_term", "thema", theme)
            yield attribute(hsds_id("attribute", "regeling", regeling.id, "thema", theme), link, term)
    for column in ATTRIBUTE_COLUMNS:
        value = getattr(regeling, column)
        values = [format_value(v) for v in value] if isinstance(value, tuple) else [format_value(value)]
        for index, text in enumerate(v for v in values if v):
            attribute_id = hsds_id("attribute", "regeling", regeling.id, column, str(index))
            yield attribute(attribute_id, link, _term_id(column), text)


def _taxonomy_row() -> dict[str, str]:
    return {
        "id": hsds_id("taxonomy", "regeling"),
        "name": SCHEME_TAXONOMY,
        "description": "Kolommen van regelingen.csv zonder eigen plek in HSDS; de waarde staat in attribute.value.",
    }


def _term_id(column: str) -> str:
    return hsds_id("taxonomy_term", "regeling", column)


def _term_row(column: str) -> dict[str, str]:
    return {
        "id": _term_id(column),
        "code": f"vangnet-regeling:{column}",
        "name": column,
        "description": COLUMN_HELP[column],
        "taxonomy": SCHEME_TAXONOMY,
        "language": "nl",
        "taxonomy_id": hsds_id("taxonomy", "regeling"),
    }
