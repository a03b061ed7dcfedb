"""A small SMTP server for tests: it accepts every message and keeps it in memory.

Enough of RFC 5321 for Django's SMTP backend (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT),
no authentication, no TLS. ``received`` holds the parsed messages in arrival order.
"""

from __future__ import annotations

import email
import email.policy
import socket
import socketserver
import threading
from email.message import EmailMessage


def free_port() -> int:
    """A local TCP port nothing listens on (yet)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Session(socketserver.StreamRequestHandler):
    server: MailServer

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode("ascii"))

    def handle(self) -> None:
        self.reply("220 localhost ESMTP")
        recipients: list[str] = []
        while line := self.rfile.readline(65536):
            verb = line[:4].decode("ascii", "replace").upper()
            if verb == "EHLO":
                self.wfile.write(b"250-localhost\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(line.decode("utf-8").split(":", 1)[1].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.server.keep(self._data(), recipients)
                self.reply("250 OK: queued")
            elif verb in ("HELO", "RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def _data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline(65536)) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b".") else line)  # RFC 5321 4.5.2
        return b"".join(lines)


class MailServer(socketserver.ThreadingTCPServer):
    """Listens on 127.0.0.1:``port`` while used as a context manager."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port: int):
        self.received: list[EmailMessage] = []
        self._lock = threading.Lock()
        super().__init__(("127.0.0.1", port), _Session)

    def keep(self, data: bytes, recipients: list[str]) -> None:
        message = email.message_from_bytes(data, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(recipients)
        with self._lock:
            self.received.append(message)

    def __enter__(self) -> MailServer:
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)
