"""Table locks for the rare writes that must not interleave with any other (a rebuild)."""

from __future__ import annotations

from django.db import connection, models


def lock_exclusive(*tables: type[models.Model]) -> None:
    """Inside a transaction: the tables' other writers wait until it ends, and it waits for
    theirs (PostgreSQL; SQLite lets one writer at a time anyway). Readers are not stopped."""
    if connection.vendor == "postgresql":
        names = ", ".join(model._meta.db_table for model in tables)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {names} IN EXCLUSIVE MODE")
