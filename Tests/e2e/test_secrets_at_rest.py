"""Secrets at rest (issue 15, finding 3), the red team's reproduction against the real binary.

Before, the idempotency store kept whole answers for 24 h in plain text, the operator's live and test keys and
one-time login links among them, and webhook signing secrets sat in plain text in `webhook_endpoints`; a backup
carried all of it. After a realistic session (an operator created, its key rotated, clients created with login
links, an endpoint created and its secret rotated, every write under an Idempotency-Key), the database file, its WAL
and a backup taken while the server runs are scanned for secrets: none is readable. Then the master key is rotated
with the documented command.
"""
import json
import os
import re
import stat
import subprocess
import urllib.parse

import pytest

from conftest import Server
from support import ADMIN_TOKEN, API, Receiver, admin, new_user, unique, wait_for

# Reads the SQLite file, its WAL and an SQLite backup byte by byte.
pytestmark = pytest.mark.sqlite_only

# A whole secret of each kind: an API key's 40 random characters, a signing secret's base64, a login link's token.
PATTERNS = {
    "API key": re.compile(rb"tt_wl_[a-z0-9]+_(live|test)_[A-Za-z0-9]{40}"),
    "signing secret": re.compile(rb"whsec_[A-Za-z0-9+/]{20,}"),
    "login token": re.compile(rb"lt_[A-Za-z0-9]{20,}"),
}


@pytest.fixture
def secrets_server(binary, tmp_path):
    s = Server(binary, tmp_path, {"OPERATOR_API_WEBHOOK_ALLOW_PRIVATE": "1", "OPERATOR_API_WEBHOOK_RETRY_BASE_MS": "100"})
    yield s
    s.stop()


def once(api, method, path, body=None):
    """A write under its own Idempotency-Key, as careful clients send them."""
    return api.ok(method, path, body, headers={"Idempotency-Key": unique("idem")})


def realistic_session(server, receiver):
    """Everything that used to leave a secret behind; returns the secrets it saw."""
    operator = once(admin(server.base), "POST", "/v1/admin/operators", {"name": "Secret Ops", "slug": unique("sec")})
    seen = [operator["keys"]["live"], operator["keys"]["test"]]
    live = API(server.base, once(API(server.base, operator["keys"]["live"]), "POST", "/v1/wl/api-keys/rotate",
                                 {"expire_old_in_seconds": 3600})["secret"])
    seen.append(live.token)
    plan = once(live, "POST", "/v1/wl/plans", {"name": "Secrets"})["id"]
    for _ in range(3):
        user = once(live, "POST", "/v1/wl/users", new_user(plan))
        link = once(live, "POST", f"/v1/wl/users/{user['id']}/login-links")
        seen += [token(user["login_url"]), token(link["login_url"])]
    endpoint = once(live, "POST", "/v1/wl/webhook-endpoints", {"url": receiver.url, "events": ["user.created"]})
    rotated = once(live, "POST", f"/v1/wl/webhook-endpoints/{endpoint['id']}/rotate-secret", {"expire_old_in_seconds": 3600})
    seen += [endpoint["secret"], rotated["secret"]]
    receiver.secret = rotated["secret"]
    once(live, "POST", f"/v1/wl/webhook-endpoints/{endpoint['id']}/test", {"type": "user.created"})
    wait_for(lambda: receiver.count() >= 1, 10, message="the test delivery")
    assert receiver.bad_signatures == 0, "deliveries are signed with the opened secrets"
    return live, endpoint, seen


def token(login_url):
    return urllib.parse.parse_qs(urllib.parse.urlparse(login_url).query)["token"][0]


def readable_secrets(path, seen):
    data = open(path, "rb").read()
    found = [kind for kind, pattern in PATTERNS.items() if pattern.search(data)]
    found += [secret[:12] + "…" for secret in seen if secret.encode() in data or secret.split("_")[-1].encode() in data]
    return found


def test_no_secret_is_readable_in_the_database_its_wal_or_a_backup(secrets_server, binary, tmp_path):
    receiver = Receiver()
    try:
        _, _, seen = realistic_session(secrets_server, receiver)
    finally:
        receiver.close()
    backup = tmp_path / "backup.sqlite"
    result = subprocess.run([binary, "backup", str(backup)], env=secrets_server.env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for path in [secrets_server.db, secrets_server.db + "-wal", str(backup)]:
        assert os.path.getsize(path) > 0, path
        assert readable_secrets(path, seen) == [], path

    key_file = secrets_server.db + ".master-key"
    assert key_file in result.stdout, "backup reminds that restoring needs the master key file"

    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600 and os.path.getsize(key_file) == 32
    created = [json.loads(line) for line in secrets_server.logs().splitlines() if '"master key created"' in line]
    assert created and created[0]["path"] == key_file, "serve says where it created the key"
    key = open(key_file, "rb").read()
    for path in [secrets_server.db, str(backup)]:
        assert key not in open(path, "rb").read(), "the key is never inside the database"


def test_the_master_key_rotates_with_the_documented_command(secrets_server, binary, tmp_path):
    receiver = Receiver()
    try:
        live, endpoint, _ = realistic_session(secrets_server, receiver)
        assert secrets_server.stop() == 0
        new_key = tmp_path / "rotated.master-key"
        rotated = subprocess.run([binary, "master-key", "rotate", "--new-key-file", str(new_key)], env=secrets_server.env,
                                 capture_output=True, text=True, timeout=60)
        assert rotated.returncode == 0, rotated.stderr
        assert "Re-sealed 2 webhook signing secret(s)" in rotated.stdout, rotated.stdout
        assert stat.S_IMODE(os.stat(new_key).st_mode) == 0o600

        stale = subprocess.run([binary, "serve"], env=secrets_server.env, capture_output=True, text=True, timeout=60)
        assert stale.returncode == 1 and "master-key rotate" in stale.stderr, "the old key no longer opens the secrets"

        secrets_server.env["OPERATOR_API_MASTER_KEY_FILE"] = str(new_key)
        secrets_server.start()
        before = receiver.count()
        once(live, "POST", f"/v1/wl/webhook-endpoints/{endpoint['id']}/test", {"type": "user.created"})
        wait_for(lambda: receiver.count() > before, 10, message="a delivery after the rotation")
        assert receiver.bad_signatures == 0, "the same secrets, re-sealed, still sign"
    finally:
        receiver.close()


def test_a_malformed_key_file_stops_the_start(binary, tmp_path):
    key = tmp_path / "short.key"
    key.write_bytes(b"12345")
    env = dict(os.environ, OPERATOR_API_DB=str(tmp_path / "db.sqlite"), OPERATOR_API_MASTER_KEY_FILE=str(key))
    result = subprocess.run([binary, "serve"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "must hold 32 bytes" in result.stderr, result.stderr
    empty = subprocess.run([binary, "serve", "--master-key-file="], env=env, capture_output=True, text=True, timeout=60)
    assert empty.returncode == 2, empty.stderr
