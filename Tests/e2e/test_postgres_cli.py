"""The maintenance commands on a real PostgreSQL database: `migrate` applies every step once (and nothing the second
time), and `backup` prints the exact `pg_dump` command for the URL (host, port, database, user; never the password;
the custom format), which, run as printed, writes a dump pg_restore reads."""
import subprocess
import urllib.parse

import pytest

from conftest import postgres_database

pytestmark = pytest.mark.postgres


def run(binary, *args):
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=120)


def test_migrate_applies_every_step_once_then_nothing(binary):
    db = postgres_database()
    first = run(binary, "migrate", "--db", db)
    assert first.returncode == 0, first.stderr
    assert int(first.stdout.split()[1]) > 10, first.stdout
    again = run(binary, "migrate", "--db", db)
    assert (again.returncode, again.stdout.strip()) == (0, "applied 0 migration(s)")


def test_backup_prints_the_pg_dump_command_that_dumps_the_database(binary, tmp_path):
    db = postgres_database()
    assert run(binary, "migrate", "--db", db).returncode == 0
    parts = urllib.parse.urlsplit(db)
    with_password = urllib.parse.urlunsplit(parts._replace(netloc=f"{parts.username}:not-the-secret@{parts.hostname}:{parts.port}"))
    dump = tmp_path / "ops.dump"

    result = run(binary, "backup", str(dump), "--db", with_password)
    assert result.returncode == 2 and "pg_dump" in result.stderr
    command = result.stdout.strip()
    assert command == f"pg_dump --format=custom --file='{dump}' --dbname='{db}'"
    assert "not-the-secret" not in result.stdout + result.stderr

    assert subprocess.run(command, shell=True, capture_output=True, timeout=120).returncode == 0
    listing = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0 and "TABLE public webhook_deliveries" in listing.stdout
