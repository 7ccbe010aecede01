"""The binary's command line: exit codes, help, migrate, backup, and a graceful SIGTERM."""
import os
import sqlite3
import subprocess


def run(binary, *args, env=None):
    return subprocess.run([binary, *args], capture_output=True, text=True, env=env, timeout=60)


def test_bad_flag_prints_one_line_error_and_usage_and_exits_2(binary):
    result = run(binary, "serve", "--no-such-flag")
    assert result.returncode == 2
    first_line = result.stderr.splitlines()[0]
    assert first_line == "error: unknown option '--no-such-flag'"
    assert "usage: operator-api serve" in result.stderr


def test_bad_value_exits_2(binary):
    assert run(binary, "serve", "--port", "99999").returncode == 2
    assert run(binary, "frobnicate").returncode == 2


def test_bad_test_knob_exits_2_instead_of_being_ignored(binary):
    env = dict(os.environ, OPERATOR_API_WEBHOOK_TIMEOUT_MS="soon")
    result = run(binary, "serve", "--port", "0", env=env)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == "error: OPERATOR_API_WEBHOOK_TIMEOUT_MS must be 1…3600000 (ms), not 'soon'"


def test_help_and_version_exit_0(binary):
    for args in (["help"], ["--help"], ["serve", "--help"], ["backup", "--help"], ["version"]):
        result = run(binary, *args)
        assert result.returncode == 0, args
        assert result.stdout
    assert run(binary, "version").stdout.startswith("operator-api ")


def test_migrate_then_backup_produces_a_sound_copy(binary, tmp_path):
    db = tmp_path / "nested" / "data.sqlite"
    assert run(binary, "migrate", "--db", str(db)).returncode == 0
    copy = tmp_path / "copy.sqlite"
    result = run(binary, "backup", str(copy), "--db", str(db))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        modules = {row[0] for row in conn.execute("SELECT module FROM schema_migrations")}
    assert "kernel" in modules


def test_serve_stops_gracefully_on_sigterm_with_exit_0(server):
    assert server.stop() == 0
    logs = server.logs()
    assert '"message":"stopped"' in logs
    for line in logs.splitlines():
        assert line.startswith("{") and line.endswith("}"), f"not a JSON log line: {line}"


def test_sigterm_stops_the_services_in_reverse_start_order(server):
    import json
    assert server.stop() == 0
    entries = [json.loads(line) for line in server.logs().splitlines()]
    started = [e["service"] for e in entries if e["message"] == "service started"]
    stopped = [e["service"] for e in entries if e["message"] == "service stopped"]
    assert started[0] == "bus" and started[-1] == "http"
    assert stopped == list(reversed(started))


def test_operators_create_prints_the_operator_with_both_keys_once(binary, tmp_path):
    import json
    db = str(tmp_path / "cli.sqlite")
    result = run(binary, "operators", "create", "--name", "Acme", "--slug", "acme", "--db", db)
    assert result.returncode == 0, result.stderr
    created = json.loads(result.stdout)
    assert created["slug"] == "acme" and created["id"].startswith("op_")
    assert created["keys"]["live"].startswith("tt_wl_acme_live_") and created["keys"]["test"].startswith("tt_wl_acme_test_")
    again = run(binary, "operators", "create", "--name", "Acme", "--slug", "acme", "--db", db)
    assert again.returncode == 1 and "slug_taken" in again.stderr
    with sqlite3.connect(db) as conn:
        stored = [row[0] for row in conn.execute("SELECT hex(hash) FROM api_keys")]
    assert len(stored) == 2 and all(created["keys"]["live"] not in h for h in stored)


def test_a_postgres_db_without_libpq_is_one_error_line_and_status_2(binary, tmp_path):
    env = dict(os.environ, OPERATOR_API_LIBPQ=str(tmp_path / "no-libpq.so.5"))
    result = run(binary, "migrate", "--db", "postgres://app:secret@127.0.0.1:1/ops", env=env)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("error: PostgreSQL needs the libpq client library")
    assert "secret" not in result.stderr


def test_backup_of_a_postgres_db_prints_the_pg_dump_command_without_the_password_and_exits_2(binary, tmp_path):
    result = run(binary, "backup", str(tmp_path / "ops.dump"), "--db", "postgres://app:secret@127.0.0.1:1/ops")
    assert result.returncode == 2
    assert result.stdout.strip() == f"pg_dump --format=custom --file='{tmp_path / 'ops.dump'}' --dbname='postgres://app@127.0.0.1:1/ops'"
    assert "pg_dump" in result.stderr and "secret" not in result.stdout + result.stderr
    assert not (tmp_path / "ops.dump").exists()
