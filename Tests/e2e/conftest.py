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
        self.port = free_port()
        self.db = str(folder / "server.sqlite")
        env = dict(os.environ, OPERATOR_API_PORT=str(self.port), OPERATOR_API_DB=self.db,
                   OPERATOR_API_ADMIN_TOKEN="admin-token-for-tests-0123456789")
        env.update(extra_env or {})
        self.log = open(folder / "server.log", "w+")
        self.process = subprocess.Popen([binary, "serve"], env=env, stderr=self.log, stdout=self.log)
        self.wait_until_started()

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
