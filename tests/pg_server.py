"""A throw-away PostgreSQL server from the installed binaries: `initdb` in a temporary folder,
a free port on loopback, stopped (and the folder removed) at the end.

The tests and `make bench` start their own with this, so no test needs a server that the run
did not start. As root (CI), the server runs as the `postgres` account the Debian package
creates, because PostgreSQL refuses to run as root.

    python -m tests.pg_server DIR [--port N]   # a lasting server for trying the app by hand
    python -m tests.pg_server DIR --stop       # and stopping it
"""

from __future__ import annotations

import argparse
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg


def bin_dir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4]))
    if not versions:
        raise RuntimeError(
            "PostgreSQL's server binaries (initdb, pg_ctl) are not installed: "
            "run scripts/system-deps, or apt-get install postgresql"
        )
    return Path(versions[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    def __init__(self, base: Path | None = None, port: int | None = None, fast: bool = True):
        self.base = base or Path(tempfile.mkdtemp(prefix="replayshop-pg-"))
        self.owned = base is None  # a temporary folder is removed at stop
        self.port = port or free_port()
        # Tests trade durability for speed; benchmarks measure the server as shipped.
        self.fast = fast
        self.data = self.base / "data"
        self._as: list[str] = []
        self.base.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            self._as = ["runuser", "-u", "postgres", "--"]
            account = pwd.getpwnam("postgres")
            os.chown(self.base, account.pw_uid, account.pw_gid)

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self._as, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )

    def start(self) -> PgServer:
        tools = bin_dir()
        if not self.data.exists():
            self._run(
                str(tools / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--no-sync",
            )  # fmt: skip
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1"
        options += " -c max_connections=200"
        if self.fast:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            str(tools / "pg_ctl"), "-D", str(self.data), "-l", str(self.base / "server.log"),
            "-o", options, "-w", "start",
        )  # fmt: skip
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def running(self) -> bool:
        status = subprocess.run(
            [*self._as, str(bin_dir() / "pg_ctl"), "-D", str(self.data), "status"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        return status.returncode == 0

    def stop(self, mode: str = "immediate") -> None:
        try:
            self._run(str(bin_dir() / "pg_ctl"), "-D", str(self.data), "-m", mode, "stop")
        finally:
            if self.owned:
                shutil.rmtree(self.base, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="Start a lasting PostgreSQL server for the shop")
    parser.add_argument("dir", type=Path, help="where its data lives (created on first start)")
    parser.add_argument("--port", type=int, default=5433)
    parser.add_argument("--stop", action="store_true", help="stop the server kept in DIR")
    args = parser.parse_args()
    server = PgServer(args.dir.resolve(), args.port, fast=False)
    if args.stop:
        server.stop("fast")
        print(f"stopped the server in {args.dir}")
        return
    if server.running():
        print(f"a server is already running in {args.dir}: {server.url('replayshop')}")
        return
    server.start()
    url = server.create_database("replayshop") if not (args.dir / "created").exists() else None
    (args.dir / "created").touch()
    print(url or server.url("replayshop"))


if __name__ == "__main__":
    main()
