"""The small WSGI toolkit the sandbox's fakes share (``motcua sandbox``, integrations §7).

Each fake of a national or commercial service is a ``SandboxPart``: it answers every path under
its ``prefix``, draws its own section of the sandbox's home page, and forgets what it received on
``reset``. The helpers below read a request's body and write text, JSON and redirects, so a fake
is only its contract.
"""

from __future__ import annotations

import html
import json
import threading
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext as _

MAX_BODY = 10 * 1024 * 1024
REASONS = {200: "OK", 201: "Created", 302: "Found", 303: "See Other", 400: "Bad Request",
           401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
           409: "Conflict", 429: "Too Many Requests", 500: "Internal Server Error",
           503: "Service Unavailable"}


@dataclass(frozen=True)
class SandboxContext:
    """What every part may need to know of the world around it."""

    motcua_url: str = "http://127.0.0.1:8000"  # motcua's base URL: callbacks and pushes go there
    push_token: str = ""  # the token motcua's DVCQG receiver expects


class SandboxPart(Protocol):
    name: str  # short, unique: "dvcqg", "sso", "payment"...
    prefix: str  # every path starting with it is this part's, e.g. "/sso/"

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]: ...

    def section(self) -> str:
        """This part's HTML on the sandbox's home page (a heading, what it holds, its buttons)."""

    def reset(self) -> None: ...


def escape(value) -> str:
    return html.escape(str(value))


def body(environ: dict) -> str:
    """The request's body as text, at most ``MAX_BODY`` bytes."""
    try:
        length = min(int(environ.get("CONTENT_LENGTH") or 0), MAX_BODY)
    except ValueError:
        length = 0
    return environ["wsgi.input"].read(length).decode("utf-8", "replace") if length else ""


def form(environ: dict) -> dict[str, str]:
    """A form-encoded body, or the query string of a GET."""
    raw = body(environ) if environ["REQUEST_METHOD"] == "POST" else environ.get("QUERY_STRING", "")
    return dict(urllib.parse.parse_qsl(raw, keep_blank_values=True))


def query(environ: dict) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))


def headers(environ: dict) -> dict[str, str]:
    """The request's headers, lower case with dashes."""
    found = {key[5:].lower().replace("_", "-"): value for key, value in environ.items()
             if key.startswith("HTTP_")}
    if environ.get("CONTENT_TYPE"):
        found["content-type"] = environ["CONTENT_TYPE"]
    return found


def send(start_response: Callable, status: int, text: str | bytes,
         kind: str = "text/plain; charset=utf-8", extra: list | None = None) -> list[bytes]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    start_response(f"{status} {REASONS.get(status, 'Status')}",
                   [("Content-Type", kind), ("Content-Length", str(len(data))), *(extra or [])])
    return [data]


def send_json(start_response: Callable, status: int, value) -> list[bytes]:
    return send(start_response, status, json.dumps(value, ensure_ascii=False),
                "application/json; charset=utf-8")


def redirect(start_response: Callable, location: str) -> list[bytes]:
    start_response("303 See Other", [("Location", location), ("Content-Length", "0")])
    return [b""]


def not_found(start_response: Callable) -> list[bytes]:
    return send(start_response, 404, "Not Found")


def page(title: str, content: str) -> str:
    """A whole small Vietnamese HTML page around ``content`` (a part's own pages)."""
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title></head><body>"
            f'<p><a href="/">{escape(_("Hộp cát"))}</a></p><h1>{escape(title)}</h1>{content}'
            f"</body></html>")


def buttons(prefix: str, actions: Iterable[tuple[str, str]]) -> str:
    """One form button per (control name, label), posting to ``{prefix}__control/<name>``."""
    return "".join(
        f'<form method="post" action="{prefix}__control/{name}" style="display:inline">'
        f'<button type="submit">{escape(label)}</button></form> ' for name, label in actions)


class OutageSwitch:
    """The switches of a part that can only be down or up: ``POST __control/outage-503`` (every
    call answers 503), ``normal`` and ``reset``. The part has ``name``, ``lock``, ``reset`` and an
    ``unavailable`` flag its routes honour; the home page's buttons come back to its section."""

    name: str
    lock: threading.RLock
    unavailable: bool

    def control(self, scenario: str, environ: dict, start_response: Callable) -> Iterable[bytes]:
        actions = {"outage-503": lambda: setattr(self, "unavailable", True),
                   "normal": lambda: setattr(self, "unavailable", False),
                   "reset": self.reset}
        action = actions.get(scenario)
        if action is None:
            return send_json(start_response, 404, {"scenarios": sorted(actions)})
        with self.lock:
            action()
        if "text/html" in environ.get("HTTP_ACCEPT", ""):  # the home page's buttons
            return redirect(start_response, f"/#{self.name}")
        return send_json(start_response, 200, {"unavailable": self.unavailable})
