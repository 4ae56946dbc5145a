"""Logs for machines (JOINEDUP_LOG_FORMAT=json, docs/configuration.md): one
JSON object per line, which log collectors (journald, CloudWatch, Loki, ...)
read without a parsing rule, and a line per request with its method, path,
status and duration. Standard library only."""

import json
import logging
import time
from datetime import UTC, datetime

REQUESTS = logging.getLogger("joinedup.requests")

# What a record may carry beyond its message, from `extra=`: the request
# line's own fields, and Django's status_code on its 4xx/5xx warnings. Nothing
# else is copied, so a request object or a survey answer in `extra` never is.
FIELDS = {"method": "method", "path": "path", "status": "status", "duration_ms": "duration_ms",
          "status_code": "status"}
# URL arguments that are secrets (survey links, invitations, import and
# password-reset tokens): a log keeps their place, not their value.
SECRET_ARGUMENTS = {"key", "token", "uidb64"}


class JsonLines(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for attribute, name in FIELDS.items():
            value = getattr(record, attribute, None)
            if isinstance(value, str | int | float):
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def loggable_path(request):
    """The path with each secret URL argument replaced by "…"; no query string."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_ARGUMENTS and value:
                path = path.replace(str(value), "…")
    return path


class SecretPaths(logging.Filter):
    """Django's own lines about a request ("Not Found: /s/<key>/") carry its
    path in their arguments: write it as `loggable_path` does, in either format."""

    def filter(self, record):
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if path and isinstance(record.args, tuple) and path in record.args:
            safe = loggable_path(request)
            record.args = tuple(safe if argument == path else argument for argument in record.args)
        return True


class RequestLog:
    """One INFO line per request on `joinedup.requests`, after the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration = round((time.perf_counter() - started) * 1000, 1)
        if REQUESTS.isEnabledFor(logging.INFO):
            path = loggable_path(request)
            REQUESTS.info("%s %s %s %.1f ms", request.method, path, response.status_code, duration,
                          extra={"method": request.method, "path": path, "status": response.status_code,
                                 "duration_ms": duration})
        return response
