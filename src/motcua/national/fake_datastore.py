"""The sandbox's fake of the citizen's data store (Kho quản lý dữ liệu điện tử của tổ chức, cá
nhân, linked to DVCQG's; integrations §6.3, §7.6).

``POST /datastore/GetKetQuaGiayTo`` lists the results held for ``SoDinhDanhChuSoHuu``, filtered
by ``DanhSachDanhMucKetQua[].MaKetQua`` when given: ``{errorCode, message, signature, result:
{DanhSachGiayToKetQua: [{MaKetQua, TenGiayTo, SoKyHieu, CoQuanChuQuan, DanhSachTepDinhKem:
[{TenTep, DuongDan}]}]}}``, an empty list for an unknown person. ``POST
/datastore/GetGiayToByUrl`` ``{CoQuanChuQuan, DuongDan}`` answers the file as a base64 string,
or an error for an unknown path. Every request is logged (``GET /datastore/__journal``).
Controls (``POST /datastore/__control/<scenario>``): ``outage-503``, ``normal``, ``reset``.
The reply texts are the store's own words: they are not translated.
"""

from __future__ import annotations

import base64
import copy
import json
import threading
from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from motcua.core.fakehttp import (
    OutageSwitch,
    SandboxContext,
    body,
    buttons,
    escape,
    not_found,
    send,
    send_json,
)

LIST, FILE = "GetKetQuaGiayTo", "GetGiayToByUrl"
HOLDER = "Sở Thông tin và Truyền thông"
# a small PDF with the marks of a signature, as the store's results are signed
RESULT_PDF = b"%PDF-1.4\n1 0 obj<</Type/Sig/ByteRange[0 0 0 0]>>endobj\ntrailer<<>>\n%%EOF\n"


def fixture() -> dict[str, list[dict]]:
    """The results held per ID number: the minimal world's citizen (037090001234) has an
    earlier postal licence."""
    return {"037090001234": [{
        "MaKetQua": "KQ.1.000001", "TenGiayTo": "Giấy phép bưu chính", "SoKyHieu": "12/GP-STTTT",
        "CoQuanChuQuan": HOLDER,
        "DanhSachTepDinhKem": [{"TenTep": "giay-phep-buu-chinh.pdf",
                                "DuongDan": "kho/037090001234/giay-phep-buu-chinh.pdf"}],
    }]}


class FakeDatastore(OutageSwitch):
    name = "datastore"
    prefix = "/datastore/"

    def __init__(self, context: SandboxContext | None = None):
        self.context = context or SandboxContext()
        self.lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.results: dict[str, list[dict]] = fixture()
            self.files: dict[str, bytes] = {
                item["DuongDan"]: RESULT_PDF for held in self.results.values()
                for result in held for item in result["DanhSachTepDinhKem"]}
            self.journal: list[dict] = []
            self.unavailable = False

    def hold(self, id_number: str, result: dict, data: bytes) -> None:
        """Keep one more result (and its files, all with ``data``) for ``id_number``."""
        with self.lock:
            self.results.setdefault(id_number, []).append(copy.deepcopy(result))
            for item in result["DanhSachTepDinhKem"]:
                self.files[item["DuongDan"]] = data

    # -- HTTP -----------------------------------------------------------------------------------

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO", "/").removeprefix(self.prefix)
        if method == "GET" and path == "__journal":
            with self.lock:
                return send_json(start_response, 200, {"journal": self.journal})
        if method == "POST" and path.startswith("__control/"):
            return self.control(path.removeprefix("__control/"), environ, start_response)
        if path not in (LIST, FILE):
            return not_found(start_response)
        try:
            request = json.loads(body(environ) or "{}")
        except ValueError:
            request = None
        with self.lock:
            self.journal.append({"service": path, "request": request})
            if self.unavailable:
                return send(start_response, 503, "Service Unavailable")
            if method != "POST":
                return send(start_response, 405, "Method Not Allowed")
            if not isinstance(request, dict):
                return send_json(start_response, 400,
                                 {"errorCode": "-1", "message": "Dữ liệu không hợp lệ"})
            if path == LIST:
                return send_json(start_response, 200, self.listed(request))
            data = self.files.get(str(request.get("DuongDan", "")))
            if data is None:
                return send_json(start_response, 404, {"errorCode": "-1",
                                                       "message": "Không tìm thấy giấy tờ"})
            return send(start_response, 200, base64.b64encode(data).decode("ascii"))

    def listed(self, request: dict) -> dict:
        """GetKetQuaGiayTo's reply: the person's results, those of the asked codes only."""
        held = self.results.get(str(request.get("SoDinhDanhChuSoHuu", "")), [])
        asked = {str(item.get("MaKetQua", "")) for item in
                 request.get("DanhSachDanhMucKetQua") or [] if isinstance(item, dict)}
        found = [copy.deepcopy(r) for r in held if not asked or r["MaKetQua"] in asked]
        return {"errorCode": "0", "message": "Thành công", "signature": "",
                "result": {"DanhSachGiayToKetQua": found}}


    # -- the home page's section ----------------------------------------------------------------

    def section(self) -> str:
        with self.lock:
            held = [(owner, copy.deepcopy(r)) for owner, results in self.results.items()
                    for r in results]
            calls = len(self.journal)
            state = (_("Đang giả lập sự cố: trả lỗi HTTP 503") if self.unavailable
                     else _("Đang hoạt động bình thường"))
        rows = "".join(
            f"<tr><td>{escape(owner)}</td><td>{escape(r['MaKetQua'])}</td>"
            f"<td>{escape(r['TenGiayTo'])}</td><td>{escape(r['SoKyHieu'])}</td>"
            f"<td>{escape(r['CoQuanChuQuan'])}</td></tr>" for owner, r in held)
        controls = buttons(self.prefix, (("normal", _("Hoạt động bình thường")),
                                         ("outage-503", _("Giả lập sự cố (503)")),
                                         ("reset", _("Khôi phục dữ liệu ban đầu"))))
        return (f'<h2 id="datastore">{escape(_("Kho dữ liệu điện tử của công dân (giả lập)"))}'
                f"</h2><p>{escape(state)} — {escape(_('số lần gọi đã nhận'))}: {calls}</p>"
                f"<p>{controls}</p><table border=1 cellpadding=4><tr>"
                f"<th>{escape(_('Số định danh'))}</th><th>MaKetQua</th><th>TenGiayTo</th>"
                f"<th>SoKyHieu</th><th>CoQuanChuQuan</th></tr>{rows}</table>")
