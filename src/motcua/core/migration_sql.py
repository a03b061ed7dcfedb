"""Raw SQL that one database runs, as a migration operation: an extension or an index SQLite has
no form of (a trial installation goes without it), or SQLite's own form of one."""

from __future__ import annotations

from django.db import migrations


def on_postgresql(forward: list[str], backward: list[str]) -> migrations.RunPython:
    return on_vendor("postgresql", forward, backward)


def on_vendor(vendor: str, forward: list[str], backward: list[str]) -> migrations.RunPython:
    """``forward`` (and ``backward`` to undo it) run on ``vendor``'s databases only."""
    return migrations.RunPython(_runner(vendor, forward), _runner(vendor, backward))


def _runner(vendor: str, statements: list[str]):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == vendor:
            for statement in statements:
                schema_editor.execute(statement)

    return apply
