"""Moving up: an SQLite installation with real data (an operator and its keys, clients, a webhook endpoint with its
secret, deliveries, the wallet ledger, live strategies) is copied with `operator-api copy` into an empty PostgreSQL
database; a server on PostgreSQL then takes the same API key, lists the same clients, and signs new webhooks with the
copied secret, which the receiver verifies. The copy refuses while the SQLite server runs, without the installation's
master key file, and into a target that already holds data."""
import subprocess

import pytest

from conftest import Server, postgres_database
from support import ADMIN_TOKEN, API, Receiver, all_pages, live_strategy, new_user, seed_operator, unique, wait_for

pytestmark = pytest.mark.postgres

ENV = {"OPERATOR_API_WEBHOOK_ALLOW_PRIVATE": "1", "OPERATOR_API_WEBHOOK_RETRY_BASE_MS": "100"}
TABLES = ["users", "api_keys", "strategies", "webhook_endpoints", "webhook_deliveries", "billing_wallet_entries", "bus_events"]


def copy(binary, env, *args):
    return subprocess.run([binary, "copy", *args], env=env, capture_output=True, text=True, timeout=120)


def counts(server):
    return {table: int(server.query(f"SELECT COUNT(*) FROM {table}")[0][0]) for table in TABLES}


def test_an_sqlite_installation_copied_to_postgres_serves_the_same_keys_clients_and_secrets(binary, tmp_path):
    receiver = Receiver()
    sqlite = Server(binary, tmp_path, ENV, db=str(tmp_path / "old.sqlite"), log_name="sqlite.log")
    try:
        operator = seed_operator(sqlite.base)
        api = API(sqlite.base, operator["keys"]["live"])
        API(sqlite.base, ADMIN_TOKEN).ok("POST", f"/v1/admin/operators/{operator['id']}/wallet/credits",
                                          {"amount_paise": 500_000, "reference": unique("pay")})
        receiver.secret = api.ok("POST", "/v1/wl/webhook-endpoints", {"url": receiver.url, "events": ["user.created", "strategy.deployed"]})["secret"]
        plan = api.ok("POST", "/v1/wl/plans", {"name": "Copied plan"})["id"]
        live_strategy(sqlite.base, api, plan)
        live_strategy(sqlite.base, api, plan)
        wait_for(lambda: receiver.count() >= 4, 20, message="the deliveries of two users and two deployments")
        users_before = sorted(u["id"] for u in all_pages(api, "/v1/wl/users"))

        target = postgres_database()
        running = copy(binary, sqlite.env, "--from", sqlite.db, "--to", target)
        assert running.returncode == 2 and running.stderr.startswith("error: another process has") and len(running.stderr.splitlines()) == 1
    finally:
        sqlite.stop()
    before = counts(sqlite)

    keyless = copy(binary, sqlite.env, "--from", sqlite.db, "--to", target, "--master-key-file", str(tmp_path / "no-such-key"))
    assert keyless.returncode == 2 and keyless.stderr.startswith("error: no master key file at") and len(keyless.stderr.splitlines()) == 1

    copied = copy(binary, sqlite.env, "--from", sqlite.db, "--to", target)
    assert copied.returncode == 0, copied.stderr
    key_file = sqlite.db + ".master-key"
    assert f"--master-key-file {key_file}" in copied.stdout
    assert all(f"  {table} " in copied.stdout for table in TABLES)
    again = copy(binary, sqlite.env, "--from", sqlite.db, "--to", target)
    assert again.returncode == 2 and "not empty" in again.stderr and len(again.stderr.splitlines()) == 1

    postgres = Server(binary, tmp_path, dict(ENV, OPERATOR_API_MASTER_KEY_FILE=key_file), db=target, log_name="postgres.log")
    try:
        assert counts(postgres) == before
        api = API(postgres.base, operator["keys"]["live"])
        assert sorted(u["id"] for u in all_pages(api, "/v1/wl/users")) == users_before
        received = receiver.count()
        user = api.ok("POST", "/v1/wl/users", new_user(plan))
        wait_for(lambda: receiver.count() > received, 20, message="a webhook signed with the copied secret")
        assert receiver.bad_signatures == 0
        assert any(user["id"] in r["body"].decode() for r in receiver.received[received:])
    finally:
        postgres.stop()
        receiver.close()
