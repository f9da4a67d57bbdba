"""Open Referral HSDS 3.0: the list as a tabular data package, and such a package back as rows.

Export: every row of organisaties.csv becomes one HSDS organization with one service (and a
location, address, phone and schedule where the row has them). Ids are uuid5 values derived from
the Vangnet id, so exporting the same list again gives the same ids. Themes become taxonomy terms;
Vangnet columns that have no place in HSDS travel as attributes of the service: a term of the
taxonomy "Vangnet velden" (code `vangnet:<kolom>`) with the cell in `attribute.value`. So an
export imports back into the same rows.

Import: a folder, a datapackage.json or a zip (an upload) with HSDS CSV files, version 3.0 or the
older Ohana/HSDS 1.0 form (services.location_id, no datapackage.json). Every HSDS service becomes
one Vangnet row. What cannot be taken over is reported as a Dutch Problem naming the HSDS file,
line and column; the import itself only fails (DirectoryError) when there is nothing to read.
"""

from __future__ import annotations

from directory.hsds.export import (
    datapackage_zip,
    descriptor,
    export_tables,
    package_files,
    write_datapackage,
)
from directory.hsds.importer import HsdsImport, read_datapackage
from directory.hsds.spec import RESOURCE_BY_NAME, RESOURCES, hsds_id

__all__ = [
    "RESOURCES",
    "RESOURCE_BY_NAME",
    "HsdsImport",
    "datapackage_zip",
    "descriptor",
    "export_tables",
    "hsds_id",
    "package_files",
    "read_datapackage",
    "write_datapackage",
]
