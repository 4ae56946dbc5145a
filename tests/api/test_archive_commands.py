"""`joinedup export_workspace` and `import_workspace` as a user runs them,
moving the demo workspace from SQLite to a fresh database (PostgreSQL when
the suite runs on it) and back: the three archives are identical apart from
the time they were written."""

import contextlib
import os
import shutil

import psycopg
from django.db import connection

from ..test_cli import run_joinedup
from .archive_files import without_timestamps


@contextlib.contextmanager
def fresh_postgresql_database():
    settings = connection.settings_dict
    name = f"{settings['NAME']}_archive_{os.getpid()}"
    server = {"host": settings["HOST"] or "127.0.0.1", "port": settings["PORT"] or 5432,
              "user": settings["USER"], "password": settings["PASSWORD"] or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{server['password']}" if server["password"] else ""
    try:
        yield {"DATABASE_URL": f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"}
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def joinedup(*args, data_dir, env=None):
    data_dir.mkdir(exist_ok=True)
    result = run_joinedup(*args, tmp_path=data_dir, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_demo_moves_to_another_database_and_back_unchanged(tmp_path):
    first, second, third = tmp_path / "first", tmp_path / "second", tmp_path / "third"
    joinedup("migrate", data_dir=first)
    # Fresh SQLite databases for the later steps: copies of the first, migrated and still
    # empty (each migrate of its own is half a minute of the suite).
    shutil.copytree(first, third)
    if connection.vendor != "postgresql":
        shutil.copytree(first, second)
    joinedup("loaddemo", data_dir=first)
    said = joinedup("export_workspace", "northshire", str(tmp_path / "a.zip"), data_dir=first)
    assert "Exported Northshire (demo) (" in said

    elsewhere = fresh_postgresql_database() if connection.vendor == "postgresql" else contextlib.nullcontext({})
    with elsewhere as env:
        if env:
            joinedup("migrate", data_dir=second, env=env)
        said = joinedup("import_workspace", str(tmp_path / "a.zip"), data_dir=second, env=env)
        assert "Imported Northshire (demo) as /w/northshire/" in said
        joinedup("export_workspace", "northshire", str(tmp_path / "b.zip"), data_dir=second, env=env)

    joinedup("import_workspace", str(tmp_path / "b.zip"), data_dir=third)
    joinedup("export_workspace", "northshire", str(tmp_path / "c.zip"), data_dir=third)

    a, b, c = (without_timestamps(tmp_path / f"{name}.zip") for name in "abc")
    assert a == b == c
    assert a[1]["tables"]["indicators.measurement"]["rows"] > 1000

    again = run_joinedup("import_workspace", str(tmp_path / "a.zip"), tmp_path=third)
    assert again.returncode != 0
    assert "Nothing was imported. A workspace with the short name “northshire” already exists here" in again.stderr
    renamed = joinedup("import_workspace", str(tmp_path / "a.zip"), "--slug", "northshire-copy", data_dir=third)
    assert "as /w/northshire-copy/" in renamed


    missing = run_joinedup("export_workspace", "nowhere", str(tmp_path / "x.zip"), tmp_path=third)
    assert missing.returncode != 0
    assert "There is no workspace with the address “nowhere”" in missing.stderr
    assert not (tmp_path / "x.zip").exists()
