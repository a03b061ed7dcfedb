"""The sandbox's fake SOC collector (``/soc/``, a SandboxPart): it receives the security events
the HTTPS JSON sink posts (``SECOPS_SINK=<sandbox>/soc/events``) and keeps them in its journal.

- ``POST /soc/events``: one event, a JSON object with its ``event.id``; 200 and the id.
- ``GET /soc/__journal``: the events received, in order, and the switch.
- ``POST /soc/__control/down``: every event refused with 503 (the collector unreachable), until
  ``__control/normal``; ``__control/reset`` forgets everything.

An event sent twice (a retry after a lost answer) is kept once and counted in ``repeats``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from motcua.core.fakehttp import (
    SandboxContext,
    body,
    buttons,
    escape,
    headers,
    not_found,
    redirect,
    send,
    send_json,
)

SWITCHES = {"down": _lazy("Ngừng nhận (503)"), "normal": _lazy("Bình thường")}
SHOWN = 10  # the latest events listed on the sandbox's home page


class FakeSoc:
    name, prefix = "soc", "/soc/"

    def __init__(self, context: SandboxContext | None = None):
        self.context = context or SandboxContext()
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.events: list[dict] = []
            self.seen: set[str] = set()
            self.repeats = self.refused = 0
            self.switch = "normal"

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        local = path.removeprefix(self.prefix)
        if method == "GET" and local == "__journal":
            with self.lock:
                return send_json(start_response, 200, {
                    "events": self.events, "repeats": self.repeats, "refused": self.refused,
                    "switch": self.switch})
        if method == "POST" and local.startswith("__control/"):
            return self.control(local.removeprefix("__control/"), environ, start_response)
        if method == "POST" and local == "events":
            return self.receive(environ, start_response)
        return not_found(start_response)

    def control(self, switch: str, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if switch == "reset":
            self.reset()
        elif switch in SWITCHES:
            with self.lock:
                self.switch = switch
        else:
            return send_json(start_response, 404, {"switches": [*SWITCHES, "reset"]})
        if "text/html" in environ.get("HTTP_ACCEPT", ""):
            return redirect(start_response, "/")
        return send_json(start_response, 200, {"switch": self.switch})

    def receive(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        with self.lock:
            if self.switch == "down":
                self.refused += 1
                return send(start_response, 503, "Service Unavailable")
        try:
            event = json.loads(body(environ))
        except ValueError:
            event = None
        if not isinstance(event, dict) or not isinstance(event.get("event.id"), str):
            return send_json(start_response, 400, {"error": "one JSON event with its event.id"})
        with self.lock:
            if event["event.id"] in self.seen:
                self.repeats += 1
            else:
                self.seen.add(event["event.id"])
                self.events.append({**event, "_authorized": "authorization" in
                                    headers(environ)})
        return send_json(start_response, 200, {"received": event["event.id"]})

    def section(self) -> str:
        with self.lock:
            latest = self.events[-SHOWN:]
            count, switch = len(self.events), SWITCHES[self.switch]
        rows = "".join(f"<li>{escape(event.get('@timestamp', ''))} "
                       f"<strong>{escape(event.get('event.name', ''))}</strong> "
                       f"{escape(event.get('event.outcome', ''))}</li>"
                       for event in reversed(latest))
        return (f"<section><h2>{escape(_('Trung tâm giám sát an ninh mạng (SOC)'))}</h2>"
                f"<p>{escape(_('Trạng thái: %(switch)s') % {'switch': switch})} · "
                f"{escape(_('%(count)s sự kiện an ninh đã nhận') % {'count': count})}</p>"
                f"<ul>{rows or '<li>' + escape(_('Chưa nhận sự kiện nào.')) + '</li>'}</ul>"
                f"{buttons(self.prefix, SWITCHES.items())}</section>")
