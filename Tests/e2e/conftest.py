"""Fixtures for the end-to-end suites: the real binary, a fresh database (an SQLite file in the test's folder, or with
OPERATOR_API_E2E_POSTGRES_URL set, a fresh database on that PostgreSQL cluster), a free port."""
import contextlib
import os
import pathlib
import socket
import sqlite3
import subprocess
import time
import urllib.parse
import uuid

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build" / "debug" / "operator-api"
# The PostgreSQL cluster of the second end-to-end pass (scripts/test starts one and sets it): every server then runs
# on a database of its own there. Unset: SQLite.
POSTGRES_URL = os.environ.get("OPERATOR_API_E2E_POSTGRES_URL") or None


def psql(url, sql):
    """Runs one statement with psql on `url`; its rows, each a tuple of text fields."""
    result = subprocess.run(["psql", "--no-psqlrc", "--quiet", "--no-align", "--tuples-only", "--field-separator=|",
                             "--set=ON_ERROR_STOP=1", "--dbname", url, "--command", sql],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return [tuple(line.split("|")) for line in result.stdout.splitlines() if line]


def postgres_database(cluster_url=None):
    """A new, empty database on the cluster; its URL."""
    cluster_url = cluster_url or POSTGRES_URL
    name = "e2e_" + uuid.uuid4().hex[:16]
    psql(cluster_url, f"CREATE DATABASE {name}")  # a generated name: letters, digits and _ only
    parts = urllib.parse.urlsplit(cluster_url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def pytest_collection_modifyitems(config, items):
    """`sqlite_only` tests (they read the SQLite file) are skipped on PostgreSQL; `postgres` tests need a cluster."""
    for item in items:
        if POSTGRES_URL and item.get_closest_marker("sqlite_only"):
            item.add_marker(pytest.mark.skip(reason="reads the SQLite file itself"))
        if not POSTGRES_URL and item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.skip(reason="needs OPERATOR_API_E2E_POSTGRES_URL (scripts/test's PostgreSQL pass)"))


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: reads or writes the SQLite file directly")
    config.addinivalue_line("markers", "postgres: needs the PostgreSQL cluster of OPERATOR_API_E2E_POSTGRES_URL")


@pytest.fixture
def binary():
    assert BINARY.exists(), "run `swift build` first (scripts/test does)"
    return str(BINARY)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`operator-api serve` on a free port with its own database (SQLite, or PostgreSQL when the pass has a cluster;
    `db` names another, e.g. one a second replica shares); stopped with SIGTERM at the end."""

    def __init__(self, binary, folder, extra_env=None, db=None, log_name="server.log"):
        self.binary, self.port = binary, free_port()
        self.db = db or (postgres_database() if POSTGRES_URL else str(folder / "server.sqlite"))
        self.env = dict(os.environ, OPERATOR_API_PORT=str(self.port), OPERATOR_API_DB=self.db,
                        OPERATOR_API_ADMIN_TOKEN="admin-token-for-tests-0123456789")
        if self.on_postgres:
            # PostgreSQL has no "beside the database": every server on one database shares this key file.
            self.env["OPERATOR_API_MASTER_KEY_FILE"] = str(folder / "master-key")
        self.env.update(extra_env or {})
        self.log = open(folder / log_name, "w+")
        self.start()

    @property
    def on_postgres(self):
        return self.db.startswith("postgres://")

    def query(self, sql):
        """The rows of `sql` on the server's database, read beside it (values as the engine's client returns them:
        SQLite's typed, psql's text)."""
        if self.on_postgres:
            return psql(self.db, sql)
        with contextlib.closing(sqlite3.connect(self.db)) as db:
            return db.execute(sql).fetchall()

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        """Starts the binary (again) on the same port and database, and waits for its start-up line."""
        self.log.seek(0)
        self.log.truncate()
        self.process = subprocess.Popen([self.binary, "serve"], env=self.env, stderr=self.log, stdout=self.log)
        self.wait_until_started()

    def kill(self):
        """SIGKILL: no drain, no checkpoint, no goodbye."""
        self.process.kill()
        self.process.wait(timeout=30)

    def wait_until_started(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.logs()
            if '"operator-api started"' in self.logs() or '"message":"operator-api started"' in self.logs():
                return
            time.sleep(0.05)
        raise AssertionError("server did not start:\n" + self.logs())

    def logs(self):
        self.log.flush()
        return pathlib.Path(self.log.name).read_text()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            return self.process.wait(timeout=30)
        return self.process.returncode


@pytest.fixture
def server(binary, tmp_path):
    s = Server(binary, tmp_path)
    yield s
    s.stop()


class Receiver:
    """A webhook receiver on 127.0.0.1: answers 200 and keeps every request it got."""

    def __init__(self):
        import http.server
        import threading

        received = self.requests = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received.append({"headers": dict(self.headers), "body": body.decode()})
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hooks"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.stop()


@pytest.fixture
def webhook_server(binary, tmp_path):
    """A server that may deliver webhooks to 127.0.0.1 over http, retrying after 100 ms, 500 ms, 2.5 s."""
    s = Server(binary, tmp_path, {"OPERATOR_API_WEBHOOK_ALLOW_PRIVATE": "1", "OPERATOR_API_WEBHOOK_RETRY_BASE_MS": "100"})
    yield s
    s.stop()
