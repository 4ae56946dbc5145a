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
