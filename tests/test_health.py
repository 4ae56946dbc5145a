"""The health check at /health/ for load balancers: 200 while the database
answers, 503 when it does not (a real refused connection, in a process of its
own), never cached, open without signing in, and nothing of any workspace."""

import json
import os
import socket
import subprocess
import sys

import pytest
from django.urls import reverse

FETCH = """
import json, os
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.settings")
django.setup()
from django.test import Client
answer = Client().get("/health/", headers={"host": "127.0.0.1"})
print(json.dumps({"status": answer.status_code, "body": answer.content.decode(),
                  "cache": answer.get("Cache-Control", "")}))
"""


def closed_port():
    """A port nothing listens on: bound by the system, then let go."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def health_in_a_new_process(tmp_path, **env):
    environment = {**os.environ, "JOINEDUP_DATA_DIR": str(tmp_path), **env}
    done = subprocess.run([sys.executable, "-c", FETCH], env=environment, capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


@pytest.mark.django_db
def test_the_health_check_answers_ok_without_signing_in(client, workspace):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    assert workspace.name.encode() not in response.content and "Set-Cookie" not in response.headers


@pytest.mark.django_db
def test_the_health_check_only_reads(client):
    assert client.post(reverse("health")).status_code == 405


def test_the_health_check_says_503_when_the_database_refuses_connections(tmp_path):
    answer, log = health_in_a_new_process(
        tmp_path, DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port()}/joinedup")
    assert answer["status"] == 503
    assert json.loads(answer["body"]) == {"status": "unavailable", "database": "unavailable"}
    assert "no-store" in answer["cache"]
    assert "health check: the database is unavailable (OperationalError)" in log


def test_behind_https_the_health_check_is_not_redirected(tmp_path):
    """Load balancers check each host over plain HTTP inside the network."""
    answer, _ = health_in_a_new_process(
        tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", JOINEDUP_HTTPS="true", SECRET_KEY="x" * 50)
    assert (answer["status"], json.loads(answer["body"])) == (200, {"status": "ok", "database": "ok"})
