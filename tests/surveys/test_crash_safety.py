"""Crash safety of survey submissions (issue 14): the real server (gunicorn,
as bench/survey_load.py runs it) takes answers from concurrent respondents,
is killed with SIGKILL, process group and all, in the middle of the load,
and is started again; the respondents carry on. Afterwards every answer the
server acknowledged (the thank-you page) is stored exactly once, and an
answer that was not acknowledged is either stored whole with its link used,
or not stored at all with its link still usable, which each such link is
then shown to be by sending again.

Each answer carries its own text so that the test can tell them apart; the
app's answers carry nothing that leads back to a link. PostgreSQL only, like
the other tests that need a real server and concurrent connections; CI runs
this suite on it too."""

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.db import connection

from joinedup.surveys.invitations import hash_secret
from joinedup.surveys.models import Invitation, Response
from tests.real_servers import free_port, live_database_url

from .conftest import make_links

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 8
LINKS = 400
KILL_AFTER = 100  # acknowledged answers before the kill


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("a real server beside the test needs a shared database server; CI runs this suite on PostgreSQL too")


# Loaded in gunicorn's master before it forks the workers, so that a start
# imports the app and its URLs once rather than once per worker: on a busy
# shared machine that import is most of the test's time.
GUNICORN_CONFIG = """
preload_app = True

def when_ready(server):
    from django.urls import get_resolver
    get_resolver().url_patterns
"""


class Server:
    """gunicorn with two workers of four threads each, in a process group of
    its own so that one SIGKILL takes the master, the workers and their
    sealer threads at once."""

    def __init__(self, data_dir):
        self.config = data_dir / "gunicorn.conf.py"
        self.config.write_text(GUNICORN_CONFIG)
        self.env = {
            **os.environ, "DATABASE_URL": live_database_url(), "DJANGO_SETTINGS_MODULE": "joinedup.settings",
            "SECRET_KEY": settings.SECRET_KEY, "JOINEDUP_DATA_DIR": str(data_dir), "DEBUG": "",
            "PYTHONPATH": str(ROOT / "src"), "LOG_LEVEL": "CRITICAL",
        }
        self.process = None
        self.base = None

    def start(self):
        port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "joinedup.wsgi:application", "--workers", "2",
             "--threads", "4", "--config", str(self.config), "--bind", f"127.0.0.1:{port}", "--log-level", "critical", "--timeout", "60"],
            env=self.env, cwd=ROOT, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        # Generous: about 6 s of CPU, which a busy shared machine stretches.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "gunicorn stopped while starting"
            try:
                if httpx.get(base + "/s/", timeout=10).status_code == 200:
                    self.base = base
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise AssertionError("gunicorn did not start within two minutes")

    def kill(self):
        self.base = None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@pytest.fixture
def server(tmp_path):
    server = Server(tmp_path)
    yield server
    server.stop()


def _send(client, base, token, text):
    """One respondent's answers; "acknowledged" (sent to the thank-you page),
    "refused" (another answer, a 4xx page), "error" (a 5xx) or "unknown" (no
    answer from the server: cut off by the kill, or sent while it was down)."""
    try:
        response = client.post(f"{base}/s/{token}/", timeout=30, data={
            "told_story": "2", "passed_between": "no", "what_matters": text, "action": "send",
        })
    except httpx.HTTPError:
        return "unknown"
    if response.status_code >= 500:
        return "error"
    if response.status_code == 302 and "/s/thank-you/" in response.headers["location"]:
        return "acknowledged"
    return "refused"


def test_answers_survive_a_sigkill_of_the_server_mid_load(wave, server):
    links = make_links(wave, count=LINKS)
    texts = {link.token: f"crash test answer {n}" for n, link in enumerate(links)}
    outcomes, lock, running = {}, threading.Lock(), threading.Event()
    tally = Counter()
    began = time.monotonic()
    server.start()
    started = time.monotonic()
    running.set()

    def respondent(mine):
        # One client each, as a browser keeps its connection: a new httpx
        # client per request costs more CPU than the server's answer.
        with httpx.Client() as client:
            for link in mine:
                running.wait(60)
                outcome = _send(client, server.base or "http://127.0.0.1:9", link.token, texts[link.token])
                with lock:
                    outcomes[link.token] = outcome
                    tally[outcome] += 1

    threads = [threading.Thread(target=respondent, args=(links[c::CLIENTS],), daemon=True) for c in range(CLIENTS)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while tally["acknowledged"] < KILL_AFTER and time.monotonic() < deadline:
        time.sleep(0.005)
    running.clear()  # respondents already sending are cut off by the kill
    server.kill()
    killed_at, killed = tally.total(), time.monotonic()
    server.start()
    restarted = time.monotonic()
    running.set()
    for thread in threads:
        thread.join(120)
    assert not any(thread.is_alive() for thread in threads)

    counts = Counter(outcomes.values())
    stored = Counter(Response.stored.values_list("answers__what_matters", flat=True))
    used = {i.token_hash for i in Invitation.objects.filter(used_on__isnull=False).only("token_hash")}
    acknowledged = [t for t, o in outcomes.items() if o == "acknowledged"]
    unacknowledged = [t for t, o in outcomes.items() if o != "acknowledged"]
    print(f"\n{LINKS} answers sent by {CLIENTS} clients, SIGKILL after {killed_at}: {counts['acknowledged']} "
          f"acknowledged, {counts['unknown']} cut off or sent while the server was down (of which "
          f"{sum(stored[texts[t]] for t in unacknowledged)} stored whole, the rest not at all), "
          f"{counts['refused']} refused; start {started - began:.1f} s, load until the kill {killed - started:.1f} s, "
          f"restart {restarted - killed:.1f} s, the rest {time.monotonic() - restarted:.1f} s")

    assert len(outcomes) == LINKS
    assert counts["acknowledged"] >= KILL_AFTER, "the server was not killed mid-load"
    assert counts["error"] == 0
    assert counts["refused"] == 0  # every link was sent once, so none was found used
    # Every acknowledged answer is stored exactly once, with its link used.
    assert all(stored[texts[t]] == 1 and hash_secret(t) in used for t in acknowledged)
    # Nothing half-stored: an answer is stored exactly when its link is used,
    # and nothing is stored twice or out of nowhere.
    assert all(stored[texts[t]] == (hash_secret(t) in used) for t in unacknowledged)
    assert set(stored) <= set(texts.values()) and max(stored.values()) == 1
    assert len(used) == sum(stored.values())

    # Carrying on: every unacknowledged link that is still unused takes its
    # answer now; one whose answer was stored is refused as used, and its
    # answer is still stored once.
    verified = len(acknowledged)
    with httpx.Client() as client:
        for token in unacknowledged:
            outcome = _send(client, server.base, token, texts[token])
            assert outcome == ("refused" if hash_secret(token) in used else "acknowledged")
            verified += 1
    stored = Counter(Response.stored.values_list("answers__what_matters", flat=True))
    assert stored == Counter(texts.values())
    assert Invitation.objects.filter(used_on__isnull=False).count() == LINKS
    print(f"after sending the {len(unacknowledged)} unacknowledged again: {verified} of {LINKS} verified, "
          f"each stored exactly once")
