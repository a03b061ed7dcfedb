"""Raw SQL that only PostgreSQL runs, as a migration operation: an extension or an index SQLite
has no form of (a trial installation goes without it)."""

from __future__ import annotations

from django.db import migrations


def on_postgresql(forward: list[str], backward: list[str]) -> migrations.RunPython:
    return migrations.RunPython(_runner(forward), _runner(backward))


def _runner(statements: list[str]):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply
