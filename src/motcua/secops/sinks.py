"""Where the security events go (``SECOPS_SINK``), one row at a time through the outbox's loop.

- ``file:///var/log/motcua/security.jsonl``: the line appended to a file that a collection agent
  (Wazuh, Filebeat, Fluent Bit, Graylog Sidecar) reads;
- ``syslog+tls://collector:6514``: RFC 5424 messages over TLS (RFC 5425 octet counting);
- ``https://collector/path``: the line POSTed as JSON, with ``SECOPS_SINK_TOKEN`` as a bearer
  token when set.

Not set: the events stay in the table (the admin shows them) and nothing is sent. A sink that is
down makes the send raise: the row stays due and is retried with the outbox's backoff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import ssl
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings

KIND = "secops"
TIMEOUT = 10  # seconds: a stuck collector must not hold a worker
APP_NAME = "motcua"
_SYSLOG_FACILITY = 10  # authpriv (RFC 5424 §6.2.1): security and authorisation messages


def sink_url() -> str:
    return getattr(settings, "SECOPS_SINK", "")


def configured() -> bool:
    return bool(sink_url())


def send(row, **context) -> dict:
    """The outbox's sender: the row's line to the sink, raising on any fault."""
    url = urllib.parse.urlsplit(sink_url())
    if url.scheme == "file":
        _append_to_file(Path(urllib.parse.unquote(url.path)), row.line)
    elif url.scheme == "syslog+tls":
        _syslog(url.hostname, url.port or 6514, rfc5424(row.line, row.severity, row.at))
    elif url.scheme in ("https", "http"):
        _post(sink_url(), row.line)
    else:
        raise ValueError(f"SECOPS_SINK: unknown scheme {url.scheme!r}")
    return {}


def _append_to_file(path: Path, line: str) -> None:
    """One line, written whole with O_APPEND (several workers may write), flushed to disk."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, (line + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def rfc5424(line: str, severity: int, at: dt.datetime) -> bytes:
    """The line as an RFC 5424 message, octet-counted for a TLS stream (RFC 5425 §4.3)."""
    event = json.loads(line)
    stamp = at.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    header = (f"<{_SYSLOG_FACILITY * 8 + severity}>1 {stamp} {socket.gethostname()} {APP_NAME}"
              f" {os.getpid()} {event['event.name']} - ")
    message = (header + line).encode()
    return f"{len(message)} ".encode() + message


def _syslog(host: str | None, port: int, frame: bytes) -> None:
    context = ssl.create_default_context()
    with socket.create_connection((host, port), timeout=TIMEOUT) as raw, \
            context.wrap_socket(raw, server_hostname=host) as stream:
        stream.sendall(frame)


def _post(url: str, line: str) -> None:
    request = urllib.request.Request(  # noqa: S310 (the scheme was checked: https or http)
        url, data=line.encode(), method="POST", headers={"Content-Type": "application/json"})
    token = getattr(settings, "SECOPS_SINK_TOKEN", "")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
        if response.status >= 300:
            raise OSError(f"collector answered {response.status}")
