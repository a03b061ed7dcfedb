"""Helpers of the tests that run motcua in real processes: a fresh PostgreSQL database, plain
HTTP requests (multipart too), the wait for a server's /healthz, and the demo's API token and
procedure as a submitter needs them. A free port: tests.outbox.mailserver.free_port."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import secrets
from collections.abc import Iterator
from urllib.parse import urlsplit


def libpq_url(database_url: str) -> str:
    """DATABASE_URL as psycopg connects to it (the scheme libpq knows)."""
    return urlsplit(database_url)._replace(scheme="postgresql").geturl()


@contextlib.contextmanager
def fresh_database(prefix: str) -> Iterator[str]:
    """A new PostgreSQL database next to DATABASE_URL's, its URL; dropped whatever happens."""
    import psycopg

    url = urlsplit(libpq_url(os.environ["DATABASE_URL"]))
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin_url = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def http_request(base: str, method: str, path: str, body: bytes = b"",
                 headers: dict[str, str] | None = None, timeout: float = 30) -> tuple[int, bytes]:
    address = urlsplit(base)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        content = response.read()
        if response.getheader("Content-Length") is None and not response.chunked:
            # Every answer of ours declares its length; one without was cut inside its headers
            # (runserver writes the status line on its own, so a SIGKILL can fall between the
            # two and http.client would take the status alone for a whole, empty answer).
            raise http.client.IncompleteRead(content)
        return response.status, content
    finally:
        conn.close()


def answers_health(base: str) -> bool:
    """Whether the server at ``base`` answers /healthz with 200 now (not up yet: False)."""
    with contextlib.suppress(OSError, http.client.HTTPException):
        return http_request(base, "GET", "/healthz", timeout=2)[0] == 200
    return False


def multipart(data: dict, files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    """A form with a JSON ``data`` field and PDF files; the body and its content type."""
    boundary = secrets.token_hex(16)
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n'.encode()
             + json.dumps(data).encode() + b"\r\n"]
    for name, (filename, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                     + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def pdf(tag: str) -> bytes:
    """A small valid PDF, different for every tag, so each one's SHA-256 is its own."""
    return f"%PDF-1.4\n% {tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()


def api_token(base: str, username: str) -> str:
    """A bearer token of the demo user ``username`` from the server at ``base``."""
    from motcua.org.demo import DEMO_PASSWORD

    status, content = http_request(base, "POST", "/api/v1/auth/token",
                                   json.dumps({"username": username,
                                               "password": DEMO_PASSWORD}).encode(),
                                   {"Content-Type": "application/json"})
    assert status == 200, content
    return json.loads(content)["token"]


def required_orders(base: str, procedure: str) -> list[int]:
    """The orders of the components an online submission of ``procedure`` must attach."""
    status, content = http_request(base, "GET", f"/api/v1/procedures/{procedure}")
    assert status == 200, content
    return [c["order"] for c in json.loads(content)["components"]
            if c["required"] and not c["from_national_database"]]
