"""`make demo` takes a port and a host on its command line, and only there."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def planned(*args, env=None):
    """What make would run (-n runs nothing)."""
    result = subprocess.run(
        ["make", "-n", "demo", *args], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_demo_takes_a_port_and_a_host():
    assert "joinedup demo --host 0.0.0.0 --port 8080\n" in planned("PORT=8080", "HOST=0.0.0.0")


def test_make_demo_defaults_to_this_machine_on_8000():
    assert "joinedup demo --host 127.0.0.1 --port 8000\n" in planned()


def test_make_demo_ignores_host_and_port_in_the_environment():
    # zsh sets HOST to the machine's name; the demo must not follow it.
    assert "--host 127.0.0.1 --port 8000\n" in planned(env={"HOST": "elsewhere", "PORT": "1"})


def planned_bench(*args, env=None):
    result = subprocess.run(
        ["make", "-n", "bench", *args], cwd=ROOT, capture_output=True, text=True,
        env={k: v for k, v in {**os.environ, **(env or {})}.items() if not k.startswith("BENCH_") or env},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_bench_runs_the_suite_on_a_tenth_of_the_national_set_by_default():
    assert ("BENCH_POSTGRES=postgres://postgres@127.0.0.1:5432 BENCH_SCALE=0.1 "
            ".tools/bin/uv run --frozen python bench/run.py\n") in planned_bench()


def test_make_bench_takes_the_scale_and_the_server():
    planned = planned_bench(env={"BENCH_SCALE": "national", "BENCH_POSTGRES": "postgres://bench@db:5432"})
    assert "BENCH_POSTGRES=postgres://bench@db:5432 BENCH_SCALE=national " in planned
