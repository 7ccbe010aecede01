"""`/metrics` behind `--metrics-token` (issue 15, finding 7), against the real binary.

Before, `/metrics` was open to anyone who could reach the port, with no way to close it. With the token set it
answers only `Authorization: Bearer <token>`; without it, it stays open (the README says so).
"""
import subprocess

import pytest
import requests

from conftest import Server

TOKEN = "scrape-token-for-tests-0123456789"


@pytest.fixture
def guarded_server(binary, tmp_path):
    s = Server(binary, tmp_path, {"OPERATOR_API_METRICS_TOKEN": TOKEN})
    yield s
    s.stop()


def test_with_a_token_metrics_answer_only_that_bearer(guarded_server):
    url = guarded_server.base + "/metrics"
    for headers in [{}, {"Authorization": "Bearer not-the-token-0123456789"}, {"Authorization": f"Basic {TOKEN}"}]:
        refused = requests.get(url, headers=headers, timeout=10)
        assert refused.status_code == 401, headers
        assert refused.headers["WWW-Authenticate"].startswith("Bearer")
        assert "http_requests_total" not in refused.text
    scraped = requests.get(url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    assert scraped.status_code == 200 and "# TYPE http_requests_total counter" in scraped.text
    assert TOKEN not in guarded_server.logs(), "the token is never logged"


def test_without_a_token_metrics_stay_open(server):
    assert requests.get(server.base + "/metrics", timeout=10).status_code == 200


def test_a_short_metrics_token_exits_2(binary, tmp_path):
    result = subprocess.run([binary, "serve", "--metrics-token", "short", "--db", str(tmp_path / "db.sqlite")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--metrics-token" in result.stderr, result.stderr
