"""Contract: schemathesis runs every operation of the live `/v1/openapi.json` with all its default checks.

One run per security scheme, each with the credential that scheme names: operator routes with a test-mode key,
admin routes with the admin token, client routes with a client session, public routes with none. `rotateAPIKey`
runs last with a key of its own, since a 0-second grace retires the key it runs with. 0 failures is the target:
the document is the contract, so a finding is fixed in the server or the document, never by loosening a check.
"""
import pathlib
import subprocess

import pytest

from support import ADMIN_TOKEN, API, LONG, client_session, seed_operator, seed_users

CONFIG = pathlib.Path(__file__).with_name("schemathesis.toml")
MAX_EXAMPLES = "100" if LONG else "12"
QUOTAS = {"requests_per_minute": 100_000_000, "requests_per_day": 100_000_000, "user_creations_per_hour": 100_000_000}


@pytest.fixture
def contract_server(binary, tmp_path):
    from conftest import Server
    s = Server(binary, tmp_path, {"OPERATOR_API_WEBHOOK_ALLOW_PRIVATE": "1", "OPERATOR_API_AUTH_FAILURES_PER_ADDRESS": "100000000"})
    yield s
    s.stop()


def schemathesis(server, token, *filters):
    # One worker: schemathesis' worker threads build Python ASTs concurrently, which CPython 3.11 before 3.11.8
    # sometimes fails with "SystemError: AST constructor recursion depth mismatch" (python/cpython#106905).
    command = ["schemathesis", "--config-file", str(CONFIG), "run", f"{server.base}/v1/openapi.json", "--checks", "all", "--max-examples", MAX_EXAMPLES,
               "--seed", "20261125", "--workers", "1", "--no-color", *filters]
    if token:
        command += ["--header", f"Authorization: Bearer {token}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-20_000:] + result.stderr[-2_000:]
    return result.stdout


def test_every_operation_honours_the_document(contract_server):
    base = contract_server.base
    operator = seed_operator(base, QUOTAS)
    api = API(base, operator["keys"]["test"])
    users = seed_users(api, 3)
    session = client_session(base, users[0])

    outputs = [
        schemathesis(contract_server, operator["keys"]["test"], "--include-path-regex", "^/v1/wl/", "--exclude-operation-id", "rotateAPIKey"),
        schemathesis(contract_server, ADMIN_TOKEN, "--include-path-regex", "^/v1/admin/"),
        schemathesis(contract_server, session, "--include-path-regex", "^/v1/client/broker$"),
        schemathesis(contract_server, None, "--exclude-path-regex", "^/v1/(wl|admin)/|^/v1/client/broker$"),
        schemathesis(contract_server, seed_operator(base, QUOTAS)["keys"]["test"], "--include-operation-id", "rotateAPIKey"),
    ]
    for output in outputs:
        assert "Tested:" in output
