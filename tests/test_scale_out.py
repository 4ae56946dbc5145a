"""Scale-out (issue 19): two app processes (`joinedup serve`) and two `joinedup worker`
processes, started as real subprocesses against one PostgreSQL database, share one portfolio
review, and every partnership is reviewed exactly once.

Some of the partnerships are added through the REST API of both app processes in turn (the
rest straight into the database: a few hundred requests would be most of the test's time and
prove nothing more); the reviewer signs in through one app process and starts the review of
every partnership through the other (the session lives in the database, so either serves
it). The review is split into chunks (`review.services.CHUNK_SIZE`), each a task in
django-tasks-db's table; a worker claims one with `SELECT ... FOR UPDATE SKIP LOCKED` and
writes its id on the task's row (`worker_ids`), which is what shows here which worker ran
which chunk.

PostgreSQL only: SQLite has one writer and no row locks to share, and a server beside the
test needs a database server. CI runs this suite on PostgreSQL too."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from joinedup.api.models import ApiToken
from joinedup.partnerships.models import Partnership
from joinedup.review.models import Review, ReviewRun
from joinedup.review.services import CHUNK_SIZE
from tests.real_servers import free_port, live_database_url

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[1]
# Three chunks: two workers polling every 0.2 s cannot both miss the queue while one of
# them reviews a chunk of CHUNK_SIZE partnerships (seconds), so both take work.
PARTNERSHIPS = 2 * CHUNK_SIZE + 20
THROUGH_THE_API = 20  # half through each app process
WORKER_IDS = ["scale-out-worker-1", "scale-out-worker-2"]
START_TIMEOUT = 120  # s; a busy shared machine stretches a few seconds of imports
REVIEW_TIMEOUT = 120


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("several processes sharing one database need a database server (PostgreSQL); "
                    "SQLite has one writer and no row locks. CI runs this suite on PostgreSQL too")


class Processes:
    """The app and worker processes, each in a process group of its own, with their
    output in files of the test's temporary folder (shown when something fails)."""

    def __init__(self, folder):
        self.folder = folder
        self.env = {
            **os.environ, "DATABASE_URL": live_database_url(), "DJANGO_SETTINGS_MODULE": "joinedup.settings",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend", "SECRET_KEY": settings.SECRET_KEY,
            "JOINEDUP_DATA_DIR": str(folder), "DEBUG": "", "PYTHONPATH": str(ROOT / "src"),
            "LOG_LEVEL": "WARNING", "CONN_MAX_AGE": "0",
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.started = []  # (name, Popen, log path)
        self.apps = []  # base addresses

    def start(self, name, *args):
        log = self.folder / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "joinedup", *args], env=self.env, cwd=ROOT,
                start_new_session=True, stdout=out, stderr=subprocess.STDOUT,
            )
        self.started.append((name, process, log))
        return process

    def start_app(self, name):
        port = free_port()
        self.start(name, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1")
        self.apps.append(f"http://127.0.0.1:{port}")

    def start_worker(self, worker_id):
        self.start(worker_id, "worker", "--worker-id", worker_id, "--interval", "0.2",
                   "--no-startup-delay", "--no-reload")

    def logs(self):
        return "\n".join(f"--- {name}:\n{log.read_text(errors='replace')[-3000:]}" for name, _, log in self.started)

    def wait_until_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        waiting = set(self.apps) | set(WORKER_IDS)
        while waiting and time.monotonic() < deadline:
            for name, process, _ in self.started:
                assert process.poll() is None, f"{name} stopped while starting\n{self.logs()}"
            for base in [b for b in self.apps if b in waiting]:
                try:
                    if httpx.get(base + "/health/", timeout=10).status_code == 200:
                        waiting.discard(base)
                except httpx.HTTPError:
                    pass
            for worker_id in [w for w in WORKER_IDS if w in waiting]:
                if f"Starting worker worker_id={worker_id}" in (self.folder / f"{worker_id}.log").read_text():
                    waiting.discard(worker_id)
            time.sleep(0.2)
        assert not waiting, f"not ready after {START_TIMEOUT} s: {sorted(waiting)}\n{self.logs()}"

    def stop(self):
        for _, process, _ in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _, process, _ in self.started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


@pytest.fixture
def processes(tmp_path):
    started = Processes(tmp_path)
    yield started
    started.stop()


def _add_partnership(base, token, number):
    added = httpx.post(f"{base}/api/v1/partnerships", timeout=60, headers={"Authorization": f"Bearer {token}"},
                       json={"name": f"Scale-out partnership {number:03}", "purpose": "Share one review.",
                             "form": "joint_commissioning", "status": "active", "start_date": "2024-04-01"})
    assert added.status_code == 201, added.text
    return added.json()["id"]


def _sign_in(base):
    client = httpx.Client(base_url=base, timeout=60)
    page = client.get("/sign-in/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    signed_in = client.post("/sign-in/", data={"username": "editor", "password": PASSWORD,
                                                "csrfmiddlewaretoken": token})
    assert signed_in.status_code == 302, signed_in.text
    return client


def test_two_apps_and_two_workers_review_every_partnership_exactly_once(processes, workspace, editor):
    # The app processes know only the production hashers, not the tests' fast MD5 one.
    editor.password = PBKDF2PasswordHasher().encode(PASSWORD, "scaleoutsalt", iterations=1000)
    editor.save(update_fields=["password"])
    began = time.monotonic()
    processes.start_app("app-1")
    processes.start_app("app-2")
    for worker_id in WORKER_IDS:
        processes.start_worker(worker_id)
    processes.wait_until_ready()
    ready = time.monotonic()
    print(f"scale-out: processes ready in {ready - began:.1f} s", file=sys.stderr)

    token = ApiToken.issue(workspace, editor, "scale-out test", "write", 1)[1]
    with ThreadPoolExecutor(4) as pool:
        ids = list(pool.map(lambda n: _add_partnership(processes.apps[n % 2], token, n), range(THROUGH_THE_API)))
    assert len(set(ids)) == THROUGH_THE_API
    assert set(ids) == set(Partnership.objects.filter(workspace=workspace).values_list("pk", flat=True))
    with transaction.atomic():
        ids += [Partnership.objects.create(workspace=workspace, name=f"Scale-out partnership {number:03}",
                                           purpose="Share one review.", form="joint_commissioning",
                                           status="active", start_date=date(2024, 4, 1)).pk
                for number in range(THROUGH_THE_API, PARTNERSHIPS)]
    assert set(ids) == set(Partnership.objects.filter(workspace=workspace).values_list("pk", flat=True))
    assert len(ids) == PARTNERSHIPS
    added = time.monotonic()
    print(f"scale-out: {PARTNERSHIPS} partnerships added in {added - ready:.1f} s", file=sys.stderr)

    # Signed in through one app process, the review started through the other.
    first, second = processes.apps
    client = _sign_in(first)
    client.base_url = second
    portfolio = client.get(f"/w/{workspace.slug}/portfolio/")
    assert portfolio.status_code == 200, portfolio.text
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', portfolio.text).group(1)
    started = client.post(f"/w/{workspace.slug}/portfolio/review-all/", data={"csrfmiddlewaretoken": csrf})
    assert started.status_code == 302, started.text
    run_id = int(re.search(r"/portfolio/runs/(\d+)/$", started.headers["location"]).group(1))

    deadline = time.monotonic() + REVIEW_TIMEOUT
    run = ReviewRun.objects.get(pk=run_id)
    while run.finished_at is None:
        assert time.monotonic() < deadline, (
            f"run {run_id}: {run.done} of {run.total} done after {REVIEW_TIMEOUT} s\n{processes.logs()}")
        for name, process, _ in processes.started:
            assert process.poll() is None, f"{name} stopped\n{processes.logs()}"
        print(f"review run {run_id}: {run.done} of {run.total} done", file=sys.stderr)
        time.sleep(0.5)
        run.refresh_from_db()
    reviewed = time.monotonic()
    status_page = client.get(started.headers["location"])
    assert status_page.status_code == 200 and "Review finished" in status_page.text

    # Every partnership reviewed exactly once in this run, none failed.
    assert (run.total, run.done, run.failed) == (PARTNERSHIPS, PARTNERSHIPS, 0)
    per_partnership = Counter(Review.objects.filter(run=run).values_list("partnership_id", flat=True))
    assert set(per_partnership) == set(ids)
    assert set(per_partnership.values()) == {1}

    # Each chunk a task run once, by one worker; the chunks cover every partnership once;
    # both workers took some.
    chunks = [t for t in DBTaskResult.objects.filter(task_path="joinedup.review.tasks.review_chunk")
              if t.args_kwargs["args"][0] == run_id]
    assert len(chunks) == -(-PARTNERSHIPS // CHUNK_SIZE)
    assert all(t.status == "SUCCESSFUL" and len(t.worker_ids) == 1 for t in chunks), [
        (t.status, t.worker_ids, t.traceback) for t in chunks]
    in_chunks = Counter(pk for t in chunks for pk in t.args_kwargs["args"][1])
    assert set(in_chunks) == set(ids) and set(in_chunks.values()) == {1}
    by_worker = Counter(t.worker_ids[0] for t in chunks)
    assert set(by_worker) == set(WORKER_IDS), by_worker
    assert sum(t.return_value["done"] for t in chunks) == PARTNERSHIPS

    # Both app processes still answer the health check.
    for base in processes.apps:
        health = httpx.get(base + "/health/", timeout=10)
        assert health.status_code == 200 and json.loads(health.text)["status"] == "ok"

    print(f"scale-out: processes ready in {ready - began:.1f} s, {PARTNERSHIPS} partnerships added ("
          f"{THROUGH_THE_API} through the API) in {added - ready:.1f} s, reviewed in {reviewed - added:.1f} s; chunks by worker: "
          f"{dict(by_worker)}", file=sys.stderr)
