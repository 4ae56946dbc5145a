"""Cold starts (issue 19): what a new process pays before its first answer.

- `joinedup review PARTNERSHIP --format text` and `--format pdf --output FILE`, each run as a
  new process (the whole process's wall time, and its CPU time, which a busy machine
  stretches less);
- the first request after `joinedup serve` starts: from the moment its worker logs that it is
  warmed (gunicorn's "Booting worker" for a server without the warm-up), the first GET of a
  review's report page (signed in; it draws charts) and then the same page again, warm.
  `--compare` also starts gunicorn as `joinedup serve` did before it preloaded and warmed the
  app (no `--config`), for the difference.

Beside each figure: the floor, a new process that does nothing but
`import django; django.setup()` with joinedup's settings (its apps and models), measured in
the same run, and the ratio to it; and the target (issue 19: a text review in a new process
under 2 s; the first request after a start under 1 s). Each figure is the median of
`--repeat` runs. The load average is printed at the start and the end: the machine is shared.

Uses the Northshire demo in its own SQLite data directory (`bench/.data/cold_start`, made on
the first run with `migrate` and `loaddemo`) unless JOINEDUP_DATA_DIR or DATABASE_URL say
otherwise.

    uv run python bench/cold_start.py [--repeat 3] [--compare] [--port 0]
"""

import argparse
import os
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEXT_TARGET = 2.0
FIRST_REQUEST_TARGET = 1.0
ENV = {**os.environ, "DJANGO_SETTINGS_MODULE": "joinedup.settings", "PYTHONPATH": str(ROOT / "src")}
ENV.setdefault("JOINEDUP_DATA_DIR", str(HERE / ".data" / "cold_start"))
ENV.pop("TASKS_BACKEND", None)  # inline: nothing queued for a worker
ENV["LOG_LEVEL"] = "WARNING"


def load_average():
    return Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"] * 3


def timed(args):
    """(wall seconds, CPU seconds of the child) of one new process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(args, env=ENV, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_of(repeat, args):
    runs = [timed(args) for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def joinedup(*args):
    return [sys.executable, "-m", "joinedup", *args]


def prepare():
    """The demo in the data directory; (a partnership's id, a signed-in session key, its review's id)."""
    os.environ.update(ENV)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from joinedup.partnerships.models import Partnership

    if not Partnership.objects.filter(workspace__slug="northshire").exists():
        call_command("loaddemo", verbosity=0)
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    from joinedup.review.models import Review
    from joinedup.workspaces.models import UserRole

    partnership = Partnership.objects.filter(workspace__slug="northshire").order_by("pk").first()
    review = Review.objects.filter(partnership=partnership).order_by("-run_at", "-id").first()
    if review is None:
        call_command("review", str(partnership.pk), verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        review = Review.objects.filter(partnership=partnership).order_by("-run_at", "-id").first()
    user = get_user_model().objects.get(pk=UserRole.objects.filter(workspace=partnership.workspace)
                                        .values_list("user", flat=True).order_by("user")[0])
    session = SessionStore()
    session.update({SESSION_KEY: str(user.pk), HASH_SESSION_KEY: user.get_session_auth_hash(),
                    BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend"})
    session.create()
    return partnership.pk, session.session_key, f"/w/{partnership.workspace.slug}/reviews/{review.pk}/"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_request(command, port, path, session_key, warmed_line=None):
    """(seconds from the start until the worker is ready, first request, second request) of one
    server: ready when gunicorn logs that it booted the worker or, given `warmed_line`, when
    the worker logs that line (joinedup serve's worker, once warmed)."""
    log = tempfile.TemporaryFile()
    began = time.perf_counter()
    server = subprocess.Popen(command, env=ENV, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        while True:
            if server.poll() is not None:
                log.seek(0)
                raise SystemExit(f"the server stopped:\n{log.read().decode(errors='replace')}")
            log.seek(0)
            if re.search(rb"Booting worker with pid" if warmed_line is None else warmed_line, log.read()):
                break
            if time.perf_counter() - began > 300:
                raise SystemExit("the server's worker did not boot within 300 s")
            time.sleep(0.02)
        booted = time.perf_counter() - began
        cookies = {"sessionid": session_key}
        times = []
        for _ in range(2):
            sent = time.perf_counter()
            page = httpx.get(f"http://127.0.0.1:{port}{path}", cookies=cookies, timeout=300)
            times.append(time.perf_counter() - sent)
            if page.status_code != 200:
                raise SystemExit(f"{path} answered {page.status_code}")
        return booted, *times
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def line(label, seconds, floor, target=None, cpu=None):
    ratio = f"; ÷ floor {seconds / floor:.2f}"
    goal = f" (target {target:.2f} s; ratio {seconds / target:.2f})" if target else ""
    spent = f", CPU {cpu:.2f} s" if cpu is not None else ""
    print(f"{label}: {seconds:.2f} s{spent}{goal}{ratio}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--compare", action="store_true",
                        help="also start gunicorn without joinedup serve's warm-up, as before")
    parser.add_argument("--port", type=int, default=0, help="the server's port (default: any free one)")
    options = parser.parse_args()

    partnership, session_key, path = prepare()
    print(f"load average at the start: {' '.join(load_average())}")
    print(f"data: {os.environ.get('DATABASE_URL') or ENV['JOINEDUP_DATA_DIR']}; partnership {partnership}; "
          f"median of {options.repeat}")
    floor, floor_cpu = median_of(options.repeat, [sys.executable, "-c", "import django; django.setup()"])
    print(f"floor, a new process with django.setup(): {floor:.2f} s, CPU {floor_cpu:.2f} s")

    text, text_cpu = median_of(options.repeat, joinedup("review", str(partnership), "--format", "text"))
    line("joinedup review --format text, new process", text, floor, TEXT_TARGET, text_cpu)
    with tempfile.TemporaryDirectory() as folder:
        pdf, pdf_cpu = median_of(options.repeat, joinedup(
            "review", str(partnership), "--format", "pdf", "--output", str(Path(folder) / "review.pdf")))
    line("joinedup review --format pdf, new process", pdf, floor, None, pdf_cpu)

    servers = [("joinedup serve", rb"Worker warmed", lambda port: joinedup(
        "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"))]
    if options.compare:
        servers.append(("gunicorn without the warm-up (as before)", None, lambda port: [
            sys.executable, "-m", "gunicorn", "joinedup.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", "1", "--timeout", "300"]))
    for name, warmed_line, command in servers:
        runs = []
        for _ in range(options.repeat):
            port = options.port or free_port()
            runs.append(first_request(command(port), port, path, session_key, warmed_line))
        booted, first, warm = (statistics.median(r[i] for r in runs) for i in range(3))
        print(f"{name}: worker ready {booted:.2f} s after the start")
        line(f"  first request after the worker is ready ({path})", first, floor, FIRST_REQUEST_TARGET)
        print(f"  the same page again, warm: {warm:.2f} s; first ÷ warm {first / warm:.2f}")
    print(f"load average at the end: {' '.join(load_average())}")


if __name__ == "__main__":
    main()
