"""Fixtures for the end-to-end suites: the real binary, a fresh database folder, a free port."""
import os
import pathlib
import socket
import subprocess
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build" / "debug" / "operator-api"


@pytest.fixture
def binary():
    assert BINARY.exists(), "run `swift build` first (scripts/test does)"
    return str(BINARY)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`operator-api serve` on a free port with its own database; stopped with SIGTERM at the end."""

    def __init__(self, binary, folder, extra_env=None):
        self.binary, self.port = binary, free_port()
        self.db = str(folder / "server.sqlite")
        self.env = dict(os.environ, OPERATOR_API_PORT=str(self.port), OPERATOR_API_DB=self.db,
                        OPERATOR_API_ADMIN_TOKEN="admin-token-for-tests-0123456789")
        self.env.update(extra_env or {})
        self.log = open(folder / "server.log", "w+")
        self.start()

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
