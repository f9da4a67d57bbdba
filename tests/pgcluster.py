"""A throwaway PostgreSQL server for the tests: initdb + pg_ctl in a temp folder, on a free local port.

Only 127.0.0.1 and a unix socket in the temp folder; trust authentication for the cluster the test made
itself, so no password is needed. PostgreSQL refuses to run as root: then the server runs as the
`postgres` user (Debian's package makes it) or `nobody`. Outside CI, tests that need it are skipped with
the reason when no server can be started; with CI=true they fail instead.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SEARCH = ("/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin", "/usr/pgsql-*/bin")


def server_binaries() -> Path | None:
    """The folder with initdb and pg_ctl: on PATH, or Debian's versioned folder (newest first)."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    for pattern in SEARCH:
        for folder in sorted(glob.glob(pattern), reverse=True):
            if Path(folder, "initdb").is_file() and Path(folder, "pg_ctl").is_file():
                return Path(folder)
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def unavailable(reason: str):
    """Skip with the reason, or fail in CI (CI must run these tests against a real server)."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is nodig in CI: {reason}", pytrace=False)
    pytest.skip(f"geen PostgreSQL-server te starten: {reason}")


@dataclass
class Cluster:
    binaries: Path
    folder: Path
    port: int
    user: str | None  # the OS user the server runs as, when we are root
    durable: bool = False  # fsync on, as a real server (the benchmark); off for the tests' speed
    _names: itertools.count = field(default_factory=itertools.count)

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def fresh_database(self) -> str:
        """A new, empty database for one test (CREATE DATABASE from template0 takes milliseconds)."""
        import psycopg

        name = f"test_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(self.binaries / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            timeout=120,
            user=self.user,
            cwd=self.folder,
        )

    def start(self) -> None:
        data, sockets = self.folder / "data", self.folder / "sockets"
        sockets.mkdir()
        if self.user:
            for path in (self.folder, sockets):
                os.chown(path, pwd.getpwnam(self.user).pw_uid, -1)
        done = self._run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        if done.returncode != 0:
            raise RuntimeError(f"initdb: {done.stderr.strip()[-500:]}")
        # A test server: durability off (fsync) is fine for a cluster thrown away after the run.
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {sockets} -c max_connections=60"
        options += "" if self.durable else " -c fsync=off"
        done = self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(self.folder / "server.log"), "-w", "start")
        if done.returncode != 0:
            log = (self.folder / "server.log").read_text(errors="replace")[-800:]
            raise RuntimeError(f"pg_ctl start: {done.stderr.strip()[-300:]} {log}")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")


def start_cluster(folder: Path, durable: bool = False) -> Cluster:
    """A running cluster in `folder`, or skip/fail (see `unavailable`) with the reason."""
    binaries = server_binaries()
    if binaries is None:
        unavailable("initdb en pg_ctl niet gevonden; installeer Debians pakket postgresql")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("psycopg is niet geïnstalleerd")
    user = None
    if os.geteuid() == 0:  # initdb refuses root
        user = next((name for name in ("postgres", "nobody") if _user_exists(name)), None)
        if user is None:
            unavailable("als root, en er is geen gebruiker postgres of nobody om de server onder te draaien")
    cluster = Cluster(binaries, folder, free_port(), user, durable=durable)
    try:
        cluster.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        unavailable(str(exc))
    return cluster


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
