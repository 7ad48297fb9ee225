"""A PostgreSQL cluster of the tests' own, in a temporary folder (Debian's packages
postgresql and postgis), and databases in it."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


class Unavailable(RuntimeError):
    """No PostgreSQL server with PostGIS can be started here."""


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise Unavailable("initdb not found (apt-get install postgresql postgis)")
    bindir = Path(found[-1]).parent
    version = bindir.parent.name
    if not glob.glob(f"/usr/share/postgresql/{version}/extension/postgis.control"):
        raise Unavailable(f"PostGIS for PostgreSQL {version} is not installed "
                          "(apt-get install postgis)")
    return bindir


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalCluster:
    """initdb + pg_ctl start on a free port on 127.0.0.1 (as the user postgres when run as
    root, which PostgreSQL refuses)."""

    def __init__(self) -> None:
        self.bindir = _bindir()
        # (under /tmp itself: pytest's own temporary folders are closed to other users)
        folder = self.folder = Path(tempfile.mkdtemp(prefix="gebrookerbos-pg-"))
        self.data = folder / "data"
        self.port = _free_port()
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            runuser = shutil.which("runuser")
            if runuser is None:
                raise Unavailable("running as root without runuser")
            self.prefix = [runuser, "-u", "postgres", "--"]
            shutil.chown(folder, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--locale=C.UTF-8")
        self._run("pg_ctl", "-D", str(self.data), "-w", "-l", str(folder / "server.log"),
                  "-o", f"-p {self.port} -k {folder} -c listen_addresses=127.0.0.1 "
                        "-c fsync=off -c max_connections=200", "start")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise Unavailable("the PostgreSQL server did not start: "
                          + (folder / "server.log").read_text(errors="replace")[-500:])

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run([*self.prefix, str(self.bindir / tool), *args],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise Unavailable(f"{tool} failed: {done.stderr.strip()[-500:]}")

    def stop(self) -> None:
        subprocess.run([*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.data),
                        "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def _psql(server: str, sql: str) -> None:
    psql = shutil.which("psql") or str(_bindir() / "psql")
    done = subprocess.run([psql, f"{server}/postgres", "-v", "ON_ERROR_STOP=1", "-qc", sql],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)


def create_database(server: str, name: str, template: str | None = None) -> str:
    _psql(server, f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return f"{server}/{name}"


def drop_database(server: str, name: str) -> None:
    _psql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
