"""Shared fixtures: every test gets its own copy of the data in tmp_path."""

from __future__ import annotations

import contextlib
import csv
import fnmatch
import io
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "organisaties.csv"
THEMES = ROOT / "data" / "themas.csv"
SHARED = ROOT.parent / "shared"  # reference data beside the checkout; absent in a plain clone

# Where a server could leave a client's words behind: the project, temporary files, Streamlit's own folders.
SERVER_PLACES = (ROOT, Path(tempfile.gettempdir()), Path.home() / ".streamlit", Path.home() / ".cache")
# The browser's profile and Playwright's copies of downloads are the user's machine, not the server's.
NOT_SERVER = (".venv", ".git", "node_modules", "playwright*", "ms-playwright*")

THEMES_CSV = """id,naam,omschrijving,woorden
voedsel,Eten en boodschappen,,eten;boodschappen;voedselpakket
wonen-huur,Wonen en huur,,huur;huurachterstand
geldzorgen-schulden,Geldzorgen en schulden,,schulden;deurwaarder
"""

HEADER = ["id", "naam", "domein", "omschrijving", "themas", "aanmelden", "actief", "lat", "lon"]
VALID_ROW = {
    "id": "voedselbank",
    "naam": "Voedselbank",
    "domein": "ondersteuning",
    "omschrijving": "Geeft voedselpakketten.",
    "themas": "voedsel",
    "aanmelden": "Na een intake.",
    "actief": "ja",
    "lat": "52.15",
    "lon": "5.38",
}


def csv_text(rows: list[dict[str, str]], header: list[str] | None = None, delimiter: str = ",") -> str:
    header = header or list(dict.fromkeys(name for row in rows for name in row)) or HEADER
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return buffer.getvalue()


def shared_file(relative: str) -> Path:
    """A file from ../shared, or skip the test with the reason when this checkout has none beside it."""
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(f"{path} ontbreekt: deze test vergelijkt met de referentiegegevens in ../shared naast de checkout")
    return path


def open_app(monkeypatch, data_path: Path, page: str | None = None):
    """The app on `data_path`, run once, optionally switched to `page` (as pages/x.py); no exception."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("VANGNET_DATA", str(data_path))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    if page:
        app.switch_page(page).run()
    assert not app.exception
    return app


def refer_to(app, org_id: str):
    """Tick "Verwijs hierheen" on the first card of `org_id` on the Hulpvraag page, as a volunteer does."""
    boxes = [
        box for box in app.checkbox if box.key and box.key.startswith("verwijs_") and box.key.endswith(f"_{org_id}")
    ]
    assert boxes, f"geen kaart met Verwijs hierheen voor {org_id}"
    boxes[0].check().run()
    assert not app.exception
    return app


def shown_block(app, css_class: str) -> str:
    """The text of the st.html block with this class (the handover message or the client note), unescaped."""
    import html

    body = next(h.proto.body for h in app.get("html") if f"class='{css_class}'" in h.proto.body)
    return html.unescape(body[body.index(">") + 1 : body.rindex("</div>")])


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder with the small theme vocabulary beside where the list will be written."""
    (tmp_path / "themas.csv").write_text(THEMES_CSV, encoding="utf-8")
    return tmp_path


@pytest.fixture
def write_list(workdir: Path) -> Callable[..., Path]:
    """Write organisation rows (dicts) as a CSV in workdir and return its path."""

    def write(rows: list[dict[str, str]], header: list[str] | None = None, name: str = "organisaties.csv") -> Path:
        path = workdir / name
        path.write_text(csv_text(rows, header or HEADER), encoding="utf-8")
        return path

    return write


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled list, its vocabulary and its region (regio.toml with its wijken and
    postcodes), as a coordinator would copy the data folder."""
    for name in ("organisaties.csv", "themas.csv", "regio.toml", "wijken.csv", "postcodes.csv"):
        shutil.copy(DATA.parent / name, tmp_path / name)
    return tmp_path / "organisaties.csv"


def files_containing(needle: bytes, roots: tuple[Path, ...], newer_than: float) -> list[Path]:
    """Files under `roots` changed since `newer_than` that contain `needle` (AVG checks)."""
    found = []
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not any(fnmatch.fnmatch(d, pattern) for pattern in NOT_SERVER)]
            for name in files:
                path = Path(folder, name)
                try:
                    if path.stat().st_mtime >= newer_than and needle in path.read_bytes():
                        found.append(path)
                except OSError:
                    continue
    return found


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> CliResult:
    """python -m directory ARGS, in-process through main(argv): the same code without a second interpreter.
    An unexpected exception propagates, so a would-be traceback fails the test."""
    from directory.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return CliResult(code, out.getvalue(), err.getvalue())


# --- PostgreSQL (issue #14): one throwaway server per test process, a fresh database per test ---------


@pytest.fixture(scope="session")
def postgres_cluster():
    from tests.pgcluster import start_cluster

    # Not under pytest's own temp folder: that is private to root, and as root the server runs as another user.
    folder = Path(tempfile.mkdtemp(prefix="vangnet-pg-"))
    try:
        cluster = start_cluster(folder)
        yield cluster
        cluster.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def database_url(postgres_cluster) -> str:
    """postgresql://… of an empty database of its own (no tables yet)."""
    return postgres_cluster.fresh_database()
