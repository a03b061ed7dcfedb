"""The sandbox's fake of the national PAKN system (voice.national_pakn, whose docstring gives
the wire: the domain texts give none, so it is this adapter's own minimal JSON).

``POST /pakn/CongKhaiPAKN`` keeps a published answer and answers its national code (the one
sent, or a new ``QG-PAKN-<n>``); ``POST /pakn/LayDanhSachPAKN`` lists every PAKN filed on the
fake (whatever ``MaDonVi``: motcua skips those it already holds). ``POST /pakn/__file`` (the
home page's form, or JSON with ``MaDonVi, TieuDe, NoiDung, HoTen, DiaChi, SoDienThoai, Email``)
files one as a citizen would on the national system. Every call is logged (``GET
/pakn/__journal``). Controls (``POST /pakn/__control/<scenario>``): ``outage-503``, ``normal``,
``reset``. The reply texts are the system's own words: they are not translated.
"""

from __future__ import annotations

import copy
import itertools
import json
import threading
import urllib.parse
from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from motcua.core.fakehttp import (
    OutageSwitch,
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

PUBLISH, LIST, FILE = "CongKhaiPAKN", "LayDanhSachPAKN", "__file"
FILED_FIELDS = ("MaDonVi", "TieuDe", "NoiDung", "HoTen", "DiaChi", "SoDienThoai", "Email")
SAMPLE = {"MaDonVi": "000.00.15.H42", "TieuDe": "Đề nghị niêm yết thêm thủ tục bưu chính",
          "NoiDung": "Bộ phận một cửa chưa niêm yết thủ tục cấp giấy phép bưu chính.",
          "HoTen": "Phạm Văn Dũng", "DiaChi": "Ninh Xuân, Hoa Lư", "SoDienThoai": "0987654321",
          "Email": ""}


class FakePakn(OutageSwitch):
    name = "pakn"
    prefix = "/pakn/"

    def __init__(self, context: SandboxContext | None = None):
        self.context = context or SandboxContext()
        self.lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.published: list[dict] = []
            self.filed: list[dict] = []
            self.journal: list[dict] = []
            self.unavailable = False
            self.numbers = itertools.count(1)

    def file(self, fields: dict) -> dict:
        """A PAKN filed on the national system: kept for motcua to list, with its new code."""
        with self.lock:
            item = {name: str(fields.get(name, ""))[:2000] for name in FILED_FIELDS}
            item["MaPAKNQG"] = f"QG-PAKN-{next(self.numbers):05d}"
            self.filed.append(item)
            return copy.deepcopy(item)

    # -- HTTP -----------------------------------------------------------------------------------

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO", "/").removeprefix(self.prefix)
        if method == "GET" and path == "__journal":
            with self.lock:
                return send_json(start_response, 200, {"journal": self.journal})
        if method == "POST" and path.startswith("__control/"):
            return self.control(path.removeprefix("__control/"), environ, start_response)
        if path not in (PUBLISH, LIST, FILE):
            return not_found(start_response)
        if method != "POST":
            return send(start_response, 405, "Method Not Allowed")
        raw = body(environ)
        if path == FILE and "json" not in headers(environ).get("content-type", ""):
            self.file(dict(urllib.parse.parse_qsl(raw)) or SAMPLE)
            return redirect(start_response, "/#pakn")
        try:
            request = json.loads(raw or "{}")
        except ValueError:
            request = None
        with self.lock:
            self.journal.append({"service": path, "request": request})
            if self.unavailable:
                return send(start_response, 503, "Service Unavailable")
            if not isinstance(request, dict):
                return send_json(start_response, 400,
                                 {"error_code": -1, "message": "Dữ liệu không hợp lệ"})
            if path == FILE:
                return send_json(start_response, 200, {"error_code": 0, **self.file(request)})
            if path == LIST:
                return send_json(start_response, 200, {"error_code": 0, "message": "Thành công",
                                                       "DanhSach": copy.deepcopy(self.filed)})
            return send_json(start_response, 200, self.keep(request))

    def keep(self, request: dict) -> dict:
        """CongKhaiPAKN: the answer kept (a second publication of a code replaces the first)."""
        if not request.get("MaPAKN") or not request.get("NoiDungTraLoi"):
            return {"error_code": -1, "message": "Thiếu mã hoặc nội dung trả lời"}
        code = str(request.get("MaPAKNQG") or f"QG-PAKN-{next(self.numbers):05d}")
        self.published = [one for one in self.published if one["MaPAKNQG"] != code]
        self.published.append({**copy.deepcopy(request), "MaPAKNQG": code})
        return {"error_code": 0, "message": "Thành công", "MaPAKNQG": code}


    # -- the home page's section ----------------------------------------------------------------

    def section(self) -> str:
        with self.lock:
            published, filed = copy.deepcopy(self.published), copy.deepcopy(self.filed)
            state = (_("Đang giả lập sự cố: trả lỗi HTTP 503") if self.unavailable
                     else _("Đang hoạt động bình thường"))
        answers = "".join(
            f"<tr><td>{escape(one['MaPAKNQG'])}</td><td>{escape(one.get('MaPAKN', ''))}</td>"
            f"<td>{escape(one.get('TieuDe', ''))}</td><td>{escape(one.get('TieuDeTraLoi', ''))}"
            f"</td></tr>" for one in published)
        waiting = "".join(
            f"<li>{escape(one['MaPAKNQG'])} — {escape(one['MaDonVi'])}: {escape(one['TieuDe'])}"
            f"</li>" for one in filed)
        inputs = "".join(
            f'<label>{escape(name)} <input name="{escape(name)}" value="{escape(value)}">'
            f"</label> " for name, value in SAMPLE.items())
        controls = buttons(self.prefix, (("normal", _("Hoạt động bình thường")),
                                         ("outage-503", _("Giả lập sự cố (503)")),
                                         ("reset", _("Khôi phục dữ liệu ban đầu"))))
        return (f'<h2 id="pakn">{escape(_("Hệ thống phản ánh, kiến nghị quốc gia (giả lập)"))}'
                f"</h2><p>{escape(state)}</p><p>{controls}</p>"
                f'<form method="post" action="{self.prefix}{FILE}">{inputs}'
                f'<button type="submit">{escape(_("Gửi phản ánh trên hệ thống quốc gia"))}'
                f"</button></form><ul>{waiting}</ul>"
                f"<table border=1 cellpadding=4><tr><th>MaPAKNQG</th><th>MaPAKN</th>"
                f"<th>TieuDe</th><th>TieuDeTraLoi</th></tr>{answers}</table>")
