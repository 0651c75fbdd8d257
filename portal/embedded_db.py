"""Embedded PostgreSQL for development and tests, used when DATABASE_URL is unset.

pgserver ships PostgreSQL binaries on PyPI. The server keeps its data in a git-ignored folder
and is shared by every process of the project (web server, task worker, tests); it stops when
the last of them exits.
"""

from pathlib import Path

DATABASE_NAME = "interkommunales"


def database_settings(data_dir: Path) -> dict:
    """Start (or reuse) the embedded server and return a Django DATABASES entry for it."""
    import warnings

    # pgserver keeps its lock under the runtime folder; without XDG_RUNTIME_DIR it uses /tmp, which is fine.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver

    server = pgserver.get_server(data_dir, cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port) if info.port else "",
        "CONN_MAX_AGE": 0,
    }
