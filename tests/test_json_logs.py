"""JOINEDUP_LOG_FORMAT=json: one JSON object per line (time, level, logger,
message, and for requests their method, path, status and duration), secrets
in paths kept out; plain text stays the default."""

import json
import logging
import os
import subprocess
import sys

import pytest

from joinedup.json_logs import JsonLines

REQUESTS = """
import os
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.settings")
django.setup()
import logging
from django.test import Client
client = Client(raise_request_exception=False)
client.get("/health/", headers={"host": "127.0.0.1"})
client.get("/no-such-page/", headers={"host": "127.0.0.1"})
# The database is not migrated: this page fails, and Django logs the error with its path.
client.get("/password-reset/MQ/SECRET-TOKEN/", headers={"host": "127.0.0.1"})
logging.getLogger("joinedup.anything").warning("a line with a ü and \\"quotes\\"")
"""


def run(tmp_path, code, **env):
    environment = {name: value for name, value in os.environ.items()
                   if name not in {"JOINEDUP_LOG_FORMAT", "LOG_LEVEL"}}
    environment.update(JOINEDUP_DATA_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **env)
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True,
                          timeout=120)


def record(message="done", level=logging.WARNING, exc_info=None, **extra):
    made = logging.LogRecord("joinedup.test", level, __file__, 1, message, (), exc_info)
    made.__dict__.update(extra)
    return made


def test_a_record_is_one_line_of_json_with_time_level_logger_and_message():
    line = JsonLines().format(record("3 reviews queued"))
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed.keys() == {"time", "level", "logger", "message"}
    assert (parsed["level"], parsed["logger"], parsed["message"]) == ("WARNING", "joinedup.test", "3 reviews queued")
    assert parsed["time"].endswith("+00:00") and "T" in parsed["time"]


def test_request_fields_are_kept_and_other_extras_are_not():
    line = json.loads(JsonLines().format(record(
        method="GET", path="/health/", status=200, duration_ms=1.5, request=object(), answers={"morale": 1})))
    assert {k: line[k] for k in ("method", "path", "status", "duration_ms")} == {
        "method": "GET", "path": "/health/", "status": 200, "duration_ms": 1.5}
    assert "request" not in line and "answers" not in line


def test_an_exception_goes_in_the_same_line():
    try:
        raise ValueError("broken")
    except ValueError:
        line = JsonLines().format(record("failed", exc_info=sys.exc_info()))
    assert "\n" not in line
    assert "ValueError: broken" in json.loads(line)["exception"]


@pytest.mark.django_db
def test_a_survey_links_key_is_not_logged(client, caplog):
    caplog.set_level(logging.INFO, logger="joinedup.requests")
    client.get("/s/SECRETKEY123/")
    [line] = [r for r in caplog.records if r.name == "joinedup.requests"]
    assert line.path == "/s/…/" and "SECRETKEY123" not in line.getMessage()
    assert line.method == "GET" and isinstance(line.status, int) and line.duration_ms >= 0


def test_with_json_every_line_is_json_and_each_request_has_a_line(tmp_path):
    done = run(tmp_path, REQUESTS, JOINEDUP_LOG_FORMAT="json")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stderr.splitlines()]
    requests = [line for line in lines if line["logger"] == "joinedup.requests"]
    assert [(r["method"], r["path"], r["status"]) for r in requests] == [
        ("GET", "/health/", 200), ("GET", "/no-such-page/", 404), ("GET", "/password-reset/…/…/", 500)]
    assert all(r["level"] == "INFO" and r["duration_ms"] >= 0 for r in requests)
    assert {"logger": "django.request", "status": 404, "level": "WARNING"}.items() <= next(
        line for line in lines if line["logger"] == "django.request").items()
    assert lines[-1]["message"] == 'a line with a ü and "quotes"'
    assert "SECRET-TOKEN" not in done.stderr


def test_plain_text_is_the_default(tmp_path):
    done = run(tmp_path, REQUESTS)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert "Not Found: /no-such-page/" in lines and lines[-1] == 'a line with a ü and "quotes"'
    assert "Internal Server Error: /password-reset/…/…/" in lines and "SECRET-TOKEN" not in done.stderr
    # The line per request, its secret parts masked, is the only access log in plain text too.
    assert any(line.startswith("GET /password-reset/…/…/ 500 ") for line in lines), lines
    assert not any(line.startswith("{") for line in lines)


@pytest.mark.django_db
def test_django_s_own_line_about_a_request_keeps_the_secret_out(client, viewer, caplog):
    """Django logs "Forbidden: <path>" itself; the console's filter masks the path in it."""
    from joinedup.json_logs import SecretPaths

    caplog.handler.addFilter(SecretPaths())
    client.force_login(viewer)
    client.get("/w/northshire/imports/SECRETKEY123/")  # imports need an editor: Django logs "Forbidden"
    assert "Forbidden (Permission denied): /w/northshire/imports/…/" in caplog.text
    assert "SECRETKEY123" not in caplog.text


def test_an_unknown_format_is_refused_with_what_to_say(tmp_path):
    done = run(tmp_path, "import joinedup.settings", JOINEDUP_LOG_FORMAT="yaml")
    assert done.returncode != 0
    assert "JOINEDUP_LOG_FORMAT is 'yaml': say plain or json." in done.stderr
