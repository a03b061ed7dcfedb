"""The sandbox's fake of the national procedure catalogue, in the provincial proxy's mode.

``GET /catalogue/KetNoiMotCuaQuocGia/LayDanhSachTTHCDonVi?maDonVi=``, ``…/LayThuTuc?maTTHC=``
and ``…/LayQDCB?idQDCB=`` answer as the proxy of HV does (integrations §1.6, §7.1): the reply is
double-encoded, ``{"message": "<JSON string>"}``, and the inner JSON holds ``"result": […]``
with the catalogue's own keys. The records are real published procedures
(``sandbox_data/catalogue.json``, its ``_source`` says from where).

Controls (``POST /catalogue/__control/<scenario>``, or GET with the query): ``remove?code=`` (the
procedure leaves the list), ``change-limit?code=&days=`` (every channel's limit becomes
``days`` working days), ``outage-503``, ``broken`` (the inner message is not JSON), ``normal``,
``reset``; ``GET /catalogue/__journal`` lists the calls received.
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from django.utils.translation import gettext as _

from motcua.core.fakehttp import (
    SandboxContext,
    buttons,
    escape,
    form,
    not_found,
    query,
    redirect,
    send,
    send_json,
)

FIXTURE = Path(__file__).parent / "sandbox_data" / "catalogue.json"
PROXY = "KetNoiMotCuaQuocGia/"
LIST, PROCEDURE, DECISION = "LayDanhSachTTHCDonVi", "LayThuTuc", "LayQDCB"
# what LayDanhSachTTHCDonVi lists of each procedure
LIST_KEYS = ("ID", "MATTHC", "TENTTHC", "IDQUYETDINHCONGBO")


def load_fixture() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def double_encoded(result: list) -> dict:
    """The proxy's reply: the inner JSON as a string in ``message`` (integrations §1.6)."""
    inner = {"error_code": 0, "message": "Thành công", "result": result}
    return {"message": json.dumps(inner, ensure_ascii=False)}


class FakeCatalogue:
    name = "catalogue"
    prefix = "/catalogue/"

    def __init__(self, context: SandboxContext | None = None):
        self.context = context or SandboxContext()
        self.lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            data = load_fixture()
            self.procedures: dict[str, dict] = {p["MATTHC"]: p for p in data["procedures"]}
            self.decisions: dict[str, dict] = {d["ID"]: d for d in data["decisions"]}
            self.journal: list[dict] = []
            self.unavailable = False
            self.broken = False

    # -- the state the controls change ----------------------------------------------------------

    def remove(self, code: str) -> bool:
        with self.lock:
            return self.procedures.pop(code, None) is not None

    def change_limit(self, code: str, days: str) -> bool:
        """Every channel of ``code`` now takes ``days`` working days."""
        with self.lock:
            procedure = self.procedures.get(code)
            if procedure is None or not days.strip().isdigit():
                return False
            for way in procedure["CACHTHUCTHUCHIEN"]:
                for limit in way["THOIGIAN"]:
                    limit.update(THOIGIANGIAIQUYET=days.strip(), DONVITINH="Ngày làm việc")
            return True

    def fault(self, unavailable: bool = False, broken: bool = False) -> bool:
        with self.lock:
            self.unavailable, self.broken = unavailable, broken
            return True

    def record(self, code: str) -> dict | None:
        with self.lock:
            found = self.procedures.get(code)
            return copy.deepcopy(found) if found else None

    # -- HTTP -----------------------------------------------------------------------------------

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO", "/").removeprefix(self.prefix)
        if method == "GET" and path == "__journal":
            with self.lock:
                return send_json(start_response, 200, {"journal": self.journal})
        if path.startswith("__control/"):
            return self.control(path.removeprefix("__control/"), environ, start_response)
        if not path.startswith(PROXY):
            return not_found(start_response)
        service, params = path.removeprefix(PROXY), query(environ)
        with self.lock:
            self.journal.append({"method": method, "service": service, "params": params})
            if self.unavailable:
                return send(start_response, 503, "Service Unavailable")
            if method != "GET":
                return send(start_response, 405, "Method Not Allowed")
            reply = self.answer(service, params)
            if reply is None:
                return not_found(start_response)
            if self.broken:  # the inner message cut short: not JSON any more
                reply = {"message": reply["message"][: len(reply["message"]) // 2]}
            return send_json(start_response, 200, reply)

    def answer(self, service: str, params: dict[str, str]) -> dict | None:
        if service == LIST:
            if not params.get("maDonVi"):
                return {"message": json.dumps({"error_code": -1, "message": "Thiếu maDonVi",
                                               "result": []}, ensure_ascii=False)}
            return double_encoded([{key: p.get(key, "") for key in LIST_KEYS}
                                   for p in self.procedures.values()])
        if service == PROCEDURE:
            found = self.procedures.get(params.get("maTTHC", ""))
            return double_encoded([found] if found else [])
        if service == DECISION:
            found = self.decisions.get(params.get("idQDCB", ""))
            return double_encoded([found] if found else [])
        return None

    def control(self, scenario: str, environ: dict, start_response: Callable) -> Iterable[bytes]:
        posted = form(environ) if environ["REQUEST_METHOD"] == "POST" else {}
        values = {**query(environ), **posted}
        code = values.get("code", "")
        actions = {
            "remove": lambda: self.remove(code),
            "change-limit": lambda: self.change_limit(code, values.get("days", "")),
            "outage-503": lambda: self.fault(unavailable=True),
            "broken": lambda: self.fault(broken=True),
            "normal": lambda: self.fault(),
            "reset": lambda: self.reset() or True,
        }
        action = actions.get(scenario)
        if action is None:
            return send_json(start_response, 404, {"scenarios": sorted(actions)})
        with self.lock:
            done = action()
        if "text/html" in environ.get("HTTP_ACCEPT", ""):  # the home page's buttons
            return redirect(start_response, "/#catalogue")
        return send_json(start_response, 200 if done else 400, {"done": bool(done)})

    # -- the home page's section ----------------------------------------------------------------

    def section(self) -> str:
        with self.lock:
            procedures = [copy.deepcopy(p) for p in self.procedures.values()]
            state = (_("Đang giả lập sự cố: trả lỗi HTTP 503") if self.unavailable
                     else _("Đang giả lập trả lời hỏng") if self.broken
                     else _("Đang hoạt động bình thường"))
            calls = len(self.journal)
        rows = "".join(self._row(p) for p in procedures)
        controls = buttons(self.prefix, (("normal", _("Hoạt động bình thường")),
                                         ("outage-503", _("Giả lập sự cố (503)")),
                                         ("broken", _("Giả lập trả lời hỏng")),
                                         ("reset", _("Khôi phục danh mục ban đầu"))))
        return (f'<h2 id="catalogue">{escape(_("CSDL quốc gia về TTHC (giả lập)"))}</h2>'
                f"<p>{escape(state)} — {escape(_('số lần gọi đã nhận'))}: {calls}</p>"
                f"<p>{controls}</p><table border=1 cellpadding=4><tr><th>MATTHC</th>"
                f"<th>TENTTHC</th><th>{escape(_('Thời hạn'))}</th><th></th></tr>{rows}</table>")

    def _row(self, procedure: dict) -> str:
        code = escape(procedure["MATTHC"])
        limits = "; ".join(
            f"{way['KENH']}: {limit['THOIGIANGIAIQUYET']} {limit['DONVITINH']}".strip()
            for way in procedure["CACHTHUCTHUCHIEN"] for limit in way["THOIGIAN"])
        remove = (f'<form method="post" action="{self.prefix}__control/remove" '
                  f'style="display:inline"><input type="hidden" name="code" value="{code}">'
                  f'<button type="submit">{escape(_("Gỡ thủ tục"))}</button></form>')
        change = (f'<form method="post" action="{self.prefix}__control/change-limit" '
                  f'style="display:inline"><input type="hidden" name="code" value="{code}">'
                  f'<label>{escape(_("Số ngày làm việc"))} <input name="days" size="3" '
                  f'inputmode="numeric" required></label> '
                  f'<button type="submit">{escape(_("Đổi thời hạn"))}</button></form>')
        return (f"<tr><td>{code}</td><td>{escape(procedure['TENTTHC'])}</td>"
                f"<td>{escape(limits)}</td><td>{remove} {change}</td></tr>")
