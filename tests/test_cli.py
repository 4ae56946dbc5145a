"""The `joinedup` command, run as a user would run it: in a subprocess, on a
fresh database in a temporary data directory."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import joinedup
from joinedup.__main__ import main
from joinedup.settings import default_data_dir

PACKAGE = Path(joinedup.__file__).resolve().parent


def run_joinedup(*args, env=None, tmp_path, cwd=None, without=()):
    environment = {**os.environ, "JOINEDUP_DATA_DIR": str(tmp_path)}
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "TASKS_BACKEND", *without):
        environment.pop(name, None)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "joinedup", *args], capture_output=True, text=True,
        env=environment, timeout=300, cwd=cwd,
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
    assert f"Data directory (JOINEDUP_DATA_DIR): {tmp_path.resolve()}\n" in demo.stdout
    assert f"Database (DATABASE_URL): SQLite {tmp_path.resolve() / 'joinedup.sqlite3'}\n" in demo.stdout
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


def test_worker_is_the_database_task_worker_under_our_name(capsys):
    with pytest.raises(SystemExit):
        main(["worker", "--help"])
    shown = capsys.readouterr().out
    assert shown.startswith("usage: joinedup worker ")
    assert "--queue-name" in shown
    assert "TASKS_BACKEND=django_tasks_db.DatabaseBackend" in " ".join(shown.split())


def test_worker_with_the_inline_backend_says_what_to_set(tmp_path):
    result = run_joinedup("worker", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ImmediateBackend" in result.stderr
    assert "    TASKS_BACKEND=django_tasks_db.DatabaseBackend\n" in result.stderr
    assert "then run `joinedup worker`" in result.stderr
    assert "usage:" not in result.stderr


def test_worker_runs_the_queue_with_the_database_backend(tmp_path):
    env = {"TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
    assert run_joinedup("migrate", env=env, tmp_path=tmp_path).returncode == 0
    result = run_joinedup("worker", "--batch", "--no-startup-delay", env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"Data directory (JOINEDUP_DATA_DIR): {tmp_path.resolve()}" in result.stdout


def test_an_unknown_worker_backend_is_named(tmp_path):
    result = run_joinedup("worker", "--backend", "elsewhere", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "elsewhere" in result.stderr


def joinedup_management_commands():
    return sorted(
        path.stem for path in PACKAGE.glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    )


@pytest.mark.parametrize("asking", [[], ["help"], ["--help"], ["-h"]])
def test_help_lists_every_joinedup_command_before_djangos(asking, tmp_path):
    result = run_joinedup(*asking, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    ours, _, djangos = result.stdout.partition("Django's own commands")
    assert djangos, result.stdout
    ours = ours.partition("joinedup's commands:\n")[2]
    listed = {line.split()[0] for line in ours.splitlines() if line.startswith("  ")}
    expected = {*joinedup_management_commands(), "analyse", "migrate", "createsuperuser"}
    assert {"demo", "serve", "worker", "review", "close_lapsed_waves", "loaddemo"} <= expected
    assert listed == expected  # every command, and none that no longer exists
    assert all(len(line) > 25 for line in ours.splitlines() if line.startswith("  "))
    assert "dumpdata" in djangos and "dumpdata" not in ours


def test_the_data_dir_does_not_follow_the_current_folder(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_joinedup(
        "shell", "--no-imports", "-c", "from django.conf import settings; print(settings.DATA_DIR)",
        tmp_path=tmp_path, cwd=elsewhere, without=["JOINEDUP_DATA_DIR"],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(default_data_dir())
    assert result.stdout.strip() == str(PACKAGE.parent.parent / "data")
    assert list(elsewhere.iterdir()) == []


def test_the_default_data_dir_of_a_checkout_is_its_data_folder(tmp_path):
    (tmp_path / "src" / "joinedup").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    assert default_data_dir(tmp_path / "src" / "joinedup", {}) == tmp_path / "data"


def test_the_default_data_dir_of_an_installed_package_follows_xdg(tmp_path):
    package = tmp_path / "lib" / "python3.11" / "site-packages" / "joinedup"
    package.mkdir(parents=True)
    home = tmp_path / "home"
    assert default_data_dir(package, {"HOME": str(home)}) == home / ".local/share/joinedup"
    assert (default_data_dir(package, {"HOME": str(home), "XDG_DATA_HOME": str(tmp_path / "xdg")})
            == tmp_path / "xdg" / "joinedup")
    # The XDG specification says a relative XDG_DATA_HOME is to be ignored.
    assert (default_data_dir(package, {"HOME": str(home), "XDG_DATA_HOME": "relative"})
            == home / ".local/share/joinedup")
