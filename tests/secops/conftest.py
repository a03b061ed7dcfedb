"""The security events' tests: a file sink in a temporary directory."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def sink(settings, tmp_path):
    """``SECOPS_SINK`` as a file under tmp_path; ``sink.events(name)`` reads the lines sent."""
    path = tmp_path / "security.jsonl"
    settings.SECOPS_SINK = f"file://{path}"

    class Sink:
        file = path

        @staticmethod
        def lines() -> list[str]:
            return path.read_text().splitlines() if path.exists() else []

        @classmethod
        def events(cls, name: str | None = None) -> list[dict]:
            found = [json.loads(line) for line in cls.lines()]
            return [event for event in found if name is None or event["event.name"] == name]

    return Sink


@pytest.fixture
def stored():
    """The events written so far (shipped or not), oldest first, as dicts."""
    from motcua.secops.models import SecurityEvent

    def read(name: str | None = None) -> list[dict]:
        rows = SecurityEvent.objects.order_by("sequence")
        return [json.loads(row.line) for row in rows if name in (None, row.name)]

    return read
