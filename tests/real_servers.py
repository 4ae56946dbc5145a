"""What the tests that start real server processes beside themselves share:
a free port, and the address of the test database they must all use."""

import socket

from django.db import connection


def free_port():
    # Chosen when the test runs, so that parallel runs and CI never collide.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def live_database_url():
    """The test database's own address: under pytest-xdist it is test_<name>_gw<n>."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
