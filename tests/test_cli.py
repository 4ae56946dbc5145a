"""The `joinedup` command, run as a user would run it: in a subprocess, on a
fresh database in a temporary data directory."""

import os
import subprocess
import sys

import pytest

from joinedup.__main__ import main


def run_joinedup(*args, env=None, tmp_path):
    environment = {**os.environ, "JOINEDUP_DATA_DIR": str(tmp_path), **(env or {})}
    environment.pop("DATABASE_URL", None)
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "-m", "joinedup", *args], capture_output=True, text=True,
        env=environment, timeout=300,
    )


def test_migrate_loaddemo_and_demo_without_serving(tmp_path):
    assert run_joinedup("migrate", tmp_path=tmp_path).returncode == 0
    loaded = run_joinedup("loaddemo", tmp_path=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert "Loaded Northshire (demo)" in loaded.stdout
    demo = run_joinedup("demo", "--no-serve", tmp_path=tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert "already present" in demo.stdout
    assert "user name: demo" in demo.stdout
    assert (tmp_path / "joinedup.sqlite3").exists()
    assert (tmp_path / "secret_key").exists()


def test_createsuperuser_without_questions(tmp_path):
    run_joinedup("migrate", tmp_path=tmp_path)
    made = run_joinedup(
        "createsuperuser", "--noinput", "--username", "admin", "--email", "admin@example.org",
        env={"DJANGO_SUPERUSER_PASSWORD": "a-long-unusual-passphrase"}, tmp_path=tmp_path,
    )
    assert made.returncode == 0, made.stderr
    assert "Superuser created successfully." in made.stdout


def test_an_unknown_command_is_an_error(tmp_path):
    result = run_joinedup("frobnicate", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "Unknown command: 'frobnicate'" in result.stderr


def test_check_deploy_passes_in_production_mode(tmp_path):
    result = run_joinedup(
        "check", "--deploy", "--fail-level", "WARNING",
        env={"DEBUG": "false", "JOINEDUP_HTTPS": "true", "ALLOWED_HOSTS": "joinedup.example.org",
             "SECRET_KEY": "k" * 20 + "-production-secret-from-the-environment-0123456789"},
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_generated_secret_key_is_kept_between_runs(tmp_path):
    run_joinedup("check", tmp_path=tmp_path)
    first = (tmp_path / "secret_key").read_text()
    run_joinedup("check", tmp_path=tmp_path)
    assert (tmp_path / "secret_key").read_text() == first
    assert len(first) >= 50
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


def test_worker_is_the_database_task_worker(capsys):
    with pytest.raises(SystemExit):
        main(["worker", "--help"])
    assert "--queue-name" in capsys.readouterr().out
