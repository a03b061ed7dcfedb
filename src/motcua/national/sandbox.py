"""``motcua sandbox``: the fakes of the national services over real HTTP on 127.0.0.1.

A small WSGI application on the standard library's server, one thread per request. Routes
(integrations §7): the DVCQG adapter's ``/dvcqg/auth`` and ``/dvcqg/sync``, the LGSP's
``/lgsp/token``; ``GET /`` a page listing what motcua sent, with the outage switch;
``POST /__control/{scenario}`` (``outage-503``, ``outage-refuse``, ``slow`` (answers after
10 s, past the adapter's 6 s), ``normal``, ``expire-sessions``, ``list-broken`` (TraCuuHoSo,
which lists the dossiers filed on the fake for a polling motcua, answers garbage), ``reset``) and
``GET /__journal`` for tests and the curious. The push driver (integrations §1.3, §7.1): the
page's form "Nộp hồ sơ trên DVCQG" (``POST /__file``) files a dossier on the fake and pushes it
to motcua's receiver with its token; ``GET /dvcqg/files/<key>`` serves the dossier's files.
The other fakes (``PARTS``) each answer under their own prefix and add their section to the home
page; ``reset`` empties them all.
"""

from __future__ import annotations

import json
import socketserver
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from motcua.core.fakehttp import (
    SandboxContext,
    SandboxPart,
    body,
    escape,
    headers,
    not_found,
    redirect,
    send,
    send_json,
)
from motcua.national import gateways
from motcua.national.fakes import SAMPLE_PDF, FakeDvcqg, Outage

HOST = "127.0.0.1"
DEFAULT_PORT = 8100
CONTROLS = {
    "outage-503": lambda fake: setattr(fake, "outage", Outage.UNAVAILABLE),
    "outage-refuse": lambda fake: setattr(fake, "outage", Outage.REFUSE),
    "slow": lambda fake: setattr(fake, "delay", SLOW_SECONDS),
    "normal": lambda fake: (setattr(fake, "outage", Outage.NONE), setattr(fake, "delay", 0.0)),
    "expire-sessions": FakeDvcqg.expire_sessions,
    "list-broken": lambda fake: setattr(fake, "broken_list", True),  # TraCuuHoSo answers garbage
    "reset": FakeDvcqg.reset,
}
PUSH_TIMEOUT_SECONDS = 60.0  # motcua fetches the dossier's files before it answers
SLOW_SECONDS = 10.0  # past the adapter's 6 s read timeout (integrations §1.2, §7.1)


FILES = "/dvcqg/files/"
# the other fakes, each a SandboxPart answering under its own prefix (motcua.core.fakehttp)
PARTS: tuple[str, ...] = (
    "motcua.national.fake_catalogue.FakeCatalogue",
    "motcua.national.fake_sso.FakeSso",
    "motcua.post.fake.FakeVnpost",
    "motcua.messaging.fakes.FakeSms",
    "motcua.messaging.fakes.FakeZalo",
    "motcua.payments.fake.FakePaymentPlatform",
    "motcua.national.fake_datastore.FakeDatastore",
    "motcua.voice.fake_pakn.FakePakn",
    "motcua.secops.fake_soc.FakeSoc",
)
PUSH_FIELDS = ("MaTTHC", "ChuHoSo", "SoGiayToChuHoSo", "TrichYeuHoSo", "MaHoSoQG")
FILES_FIELD = "SoTep"  # how many sample files the filing carries: one per component, in order
MAX_FILES = 20


class SandboxApp:
    """The home page, the parts of ``PARTS`` by their prefix, and the DVCQG adapter's routes."""

    def __init__(self, fake: FakeDvcqg | None = None, push_to: str = "", push_token: str = "",
                 context: SandboxContext | None = None):
        self.fake = fake or FakeDvcqg()
        self.push_to, self.push_token = push_to, push_token
        self.context = context or SandboxContext(push_token=push_token)
        self.parts = [import_string(path)(self.context) for path in PARTS]

    def part(self, name: str) -> SandboxPart:
        return next(part for part in self.parts if part.name == name)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        if method == "GET" and path == "/":
            return send(start_response, 200, self.page(), "text/html; charset=utf-8")
        if path == "/favicon.ico":  # browsers ask for it; there is none
            return not_found(start_response)
        for part in self.parts:
            if path.startswith(part.prefix):
                return part(environ, start_response)
        return self.dvcqg(method, path, environ, start_response)

    def dvcqg(self, method: str, path: str, environ: dict,
              start_response: Callable) -> Iterable[bytes]:
        if method == "GET" and path == "/__journal":
            with self.fake.lock:
                return send_json(start_response, 200, {"journal": self.fake.journal,
                                                       "dossiers": self.fake.dossiers,
                                                       "progress": self.fake.progress,
                                                       "fetches": self.fake.fetches})
        if method == "POST" and path.startswith("/__control/"):
            return self.control(path.removeprefix("/__control/"), environ, start_response)
        if method == "POST" and path == "/__file":
            self.file_and_push(environ, dict(urllib.parse.parse_qsl(body(environ))))
            return redirect(start_response, "/")
        if method == "GET" and path.startswith(FILES):
            with self.fake.lock:
                data = self.fake.served_files.get(path.removeprefix(FILES))
            if data is None:
                return not_found(start_response)
            return send(start_response, 200, data, "application/octet-stream")
        if self.fake.delay:
            time.sleep(self.fake.delay)
        if self.fake.outage == Outage.UNAVAILABLE:
            return send(start_response, 503, "Service Unavailable")
        if method != "POST":
            return send(start_response, 405, "Method Not Allowed")
        raw = body(environ)
        if path == "/lgsp/token":
            return send_json(start_response, *self.fake.token(dict(urllib.parse.parse_qsl(raw))))
        try:
            parsed = json.loads(raw or "{}")
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict):
            return send_json(start_response, 400,
                             {"error_code": -1, "message": "JSON không hợp lệ"})
        if path == "/dvcqg/auth":
            return send_json(start_response, *self.fake.log_in(headers(environ), parsed))
        if path == "/dvcqg/sync":
            status, reply = self.fake.call(headers(environ), parsed)
            if isinstance(reply, str):  # the progress replies are plain text (§7.1)
                return send(start_response, status, reply)
            return send_json(start_response, status, reply)
        return not_found(start_response)

    def control(self, scenario: str, environ: dict, start_response: Callable) -> Iterable[bytes]:
        action = CONTROLS.get(scenario)
        if action is None:
            return send_json(start_response, 404, {"scenarios": sorted(CONTROLS)})
        with self.fake.lock:
            action(self.fake)
        if scenario == "reset":
            for part in self.parts:
                part.reset()
        if "text/html" in environ.get("HTTP_ACCEPT", ""):  # the page's buttons
            return redirect(start_response, "/")
        return send_json(start_response, 200, {"outage": self.fake.outage})

    def file_and_push(self, environ: dict, form: dict[str, str]) -> dict:
        """A dossier filed on the fake DVCQG, pushed to motcua; the push and motcua's answer go
        in the fake's ``pushes``."""
        host = f"http://{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
        push = self.fake.filed_dossier(
            f"{host}{FILES.rstrip('/')}", form.get("MaTTHC", ""), form.get("ChuHoSo", ""),
            form.get("SoGiayToChuHoSo", ""), form.get("TrichYeuHoSo", ""),
            code=form.get("MaHoSoQG", ""), files=_sample_files(form.get(FILES_FIELD, "")))
        try:
            answer = gateways.post(self.push_to, push, {"X-DVCQG-Token": self.push_token},
                                   PUSH_TIMEOUT_SECONDS)
            outcome = {"status": answer.status, "reply": answer.text()[:500]}
        except (gateways.GatewayError, ValueError) as error:
            outcome = {"status": 0, "reply": str(error)}
        with self.fake.lock:
            self.fake.pushes.append({"push": push, **outcome})
        return outcome

    def page(self) -> str:
        """What motcua sent, newest dossier first, and the switch."""
        with self.fake.lock:
            dossiers = list(self.fake.dossiers.values())[::-1]
            outage = self.fake.outage
            calls = len(self.fake.journal)
        rows = "".join(
            f"<tr><td>{_e(d['MaHoSo'])}</td><td>{_e(d.get('TenTTHC', ''))}</td>"
            f"<td>{_e(d.get('ChuHoSo', ''))}</td><td>{_e(d['TrangThaiHoSo'])}</td>"
            f"<td>{_e(d.get('NgayHenTra', ''))}</td><td>{self._history(d['MaHoSo'])}</td></tr>"
            for d in dossiers)
        state = {Outage.NONE: _("Đang hoạt động bình thường"),
                 Outage.UNAVAILABLE: _("Đang giả lập sự cố: trả lỗi HTTP 503"),
                 Outage.REFUSE: _("Đang giả lập sự cố: từ chối mọi kết nối")}[outage]
        buttons = "".join(
            f'<form method="post" action="/__control/{name}" style="display:inline">'
            f'<button type="submit">{_e(label)}</button></form> '
            for name, label in (("normal", _("Hoạt động bình thường")),
                                ("outage-503", _("Giả lập sự cố (503)")),
                                ("slow", _("Giả lập trả lời chậm (10 giây)")),
                                ("outage-refuse", _("Giả lập sự cố (từ chối kết nối)")),
                                ("expire-sessions", _("Hủy các phiên đăng nhập")),
                                ("list-broken", _("Giả lập danh sách hồ sơ hỏng (TraCuuHoSo)")),
                                ("reset", _("Xóa dữ liệu đã nhận"))))
        return (
            f'<!doctype html><html lang="vi"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(_('Hộp cát DVCQG'))}</title></head><body>"
            f"<h1>{_e(_('Hộp cát: Cổng Dịch vụ công quốc gia (giả lập)'))}</h1>"
            f"<p>{_e(state)} — {_e(_('số lần gọi đã nhận'))}: {calls}</p><p>{buttons}</p>"
            f"<h2>{_e(_('Hồ sơ motcua đã đồng bộ'))}</h2><table border=1 cellpadding=4>"
            f"<tr><th>MaHoSo</th><th>TenTTHC</th><th>ChuHoSo</th><th>TrangThaiHoSo</th>"
            f"<th>NgayHenTra</th><th>{_e(_('Tiến độ đã nhận'))}</th></tr>{rows}</table>"
            f"{self._fetched()}{self._filing()}"
            f"{''.join(part.section() for part in self.parts)}</body></html>")

    def _filing(self) -> str:
        """The form that files a dossier on DVCQG and pushes it, and what motcua answered."""
        hints = {"MaTTHC": _("vd. 2.001173"), "MaHoSoQG": _("để trống: mã mới")}
        inputs = "".join(
            f'<label>{name} <input name="{name}" placeholder="{_e(hints.get(name, ""))}">'
            f"</label><br>" for name in PUSH_FIELDS)
        inputs += (f'<label>{_e(_("Số tệp đính kèm"))} <input name="{FILES_FIELD}" '
                   f'type="number" min="1" max="{MAX_FILES}" value="1"></label><br>')
        explained = _(
            "Mỗi tệp mẫu là một thành phần hồ sơ, theo thứ tự 1, 2, 3…: DVCQG giả lập không "
            "biết danh mục thủ tục của motcua, nên hãy nhập đúng số thành phần của thủ tục; "
            "thiếu thành phần bắt buộc hoặc thừa thành phần thì motcua từ chối (HTTP 422). "
            "Trong dữ liệu mẫu, thủ tục 2.001171 và 2.001173 cần 1 tệp.")
        with self.fake.lock:
            answers = "".join(
                f"<li>{_e(item['push']['data']['MaHoSoQG'])}: HTTP {item['status']} "
                f"{_e(_readable(item['reply']))}</li>" for item in self.fake.pushes[::-1])
            filed = len(self.fake.filed)
            accepted = sum(1 for item in self.fake.pushes if item["status"] == 200)
        listed = _("Hồ sơ đã nộp trên DVCQG (kể cả hồ sơ motcua đã từ chối), motcua hỏi được "
                   "bằng TraCuuHoSo")
        return (f"<h2>{_e(_('Nộp hồ sơ trên DVCQG'))}</h2><p>{_e(self.push_to)}</p>"
                f'<p>{_e(listed)}: <span id="filed-count">{filed}</span>; '
                f"{_e(_('motcua đã nhận'))}: "
                f'<span id="accepted-count">{accepted}</span></p><p>{_e(explained)}</p>'
                f'<form method="post" action="/__file">{inputs}'
                f'<button type="submit">{_e(_("Nộp và đẩy sang motcua"))}</button></form>'
                f"<ul>{answers}</ul>")

    def _fetched(self) -> str:
        """The file links of the snapshots, as the fake fetched them (integrations §7.6)."""
        with self.fake.lock:
            fetches = list(self.fake.fetches)[::-1]
        yes, no = _("có"), _("không")
        rows = "".join(
            f"<tr><td>{_e(item['MaHoSo'])}</td><td>{_e(item['field'])}</td>"
            f"<td>{item['status']}</td><td>{_e(item['content_type'])}</td><td>{item['size']}</td>"
            f"<td>{_e(yes if item['signed'] else no)}</td></tr>" for item in fetches)
        return (f"<h2>{_e(_('Tệp kết quả và giấy tờ đã tải về'))}</h2>"
                f"<table border=1 cellpadding=4><tr><th>MaHoSo</th><th>{_e(_('Trường'))}</th>"
                f"<th>HTTP</th><th>{_e(_('Kiểu nội dung'))}</th><th>{_e(_('Dung lượng (byte)'))}"
                f"</th><th>{_e(_('Có chữ ký số'))}</th></tr>{rows}</table>")

    def _history(self, code: str) -> str:
        return "<br>".join(f"{_e(row['ThoiDiemXuLy'])} — {_e(row['TrangThai'])} — "
                           f"{_e(row.get('NoiDungXuLy', ''))}"
                           for row in self.fake.history_of(code))


_e = escape


def _sample_files(count: str) -> list[tuple[str, bytes]]:
    """One sample PDF per component, ``count`` of them (1 when unreadable, at most 20)."""
    number = min(max(int(count), 1), MAX_FILES) if count.strip().isdigit() else 1
    return [(f"thanh-phan-{order}.pdf", SAMPLE_PDF) for order in range(1, number + 1)]


def _readable(reply: str) -> str:
    """motcua's answer as a person reads it: the JSON decoded (its message first), else as is."""
    try:
        parsed = json.loads(reply)
    except ValueError:
        return reply
    if not isinstance(parsed, dict):
        return json.dumps(parsed, ensure_ascii=False)
    rest = {key: value for key, value in parsed.items() if key != "message"}
    extra = json.dumps(rest, ensure_ascii=False) if rest else ""
    return " ".join(part for part in (str(parsed.get("message", "")), extra) if part)


class _Handler(WSGIRequestHandler):
    def handle(self) -> None:
        if self.server.app.fake.outage == Outage.REFUSE:  # hang up without a word
            return
        super().handle()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base's name)
        if self.server.verbose:
            super().log_message(format, *args)


class _Server(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    verbose = False

    @property
    def app(self) -> SandboxApp:
        return self.get_app()


def serve(port: int = DEFAULT_PORT, fake: FakeDvcqg | None = None, verbose: bool = False,
          push_to: str = "", push_token: str = "",
          motcua_url: str = "http://127.0.0.1:8000") -> _Server:
    """A sandbox server bound to 127.0.0.1:``port`` (0: a free port), not yet serving; its
    push driver posts to ``push_to`` with ``push_token``; the other fakes call ``motcua_url``."""
    context = SandboxContext(motcua_url=motcua_url, push_token=push_token)
    server = make_server(HOST, port, SandboxApp(fake, push_to, push_token, context),
                         server_class=_Server, handler_class=_Handler)
    server.verbose = verbose
    return server


def start_in_thread(port: int = 0, fake: FakeDvcqg | None = None,
                    motcua_url: str = "http://127.0.0.1:8000") -> tuple[_Server, str]:
    """Serve in a daemon thread (tests); the server and its base URL."""
    server = serve(port, fake, motcua_url=motcua_url)
    threading.Thread(target=server.serve_forever, daemon=True, name="sandbox").start()
    return server, f"http://{HOST}:{server.server_port}"
