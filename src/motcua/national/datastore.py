"""The citizen's data store linked to DVCQG (domain integrations §6.3): what it holds of a person,
and "Lấy từ kho dữ liệu": an officer takes one of its files into a dossier's component.

The file is fetched (``GetGiayToByUrl``, base64), checked and stored like an upload, attached to
the component, and its origin recorded (``DocumentOrigin``: the store, the path, the holder,
the result's code standing in for the document). That row is the evidence behind DVCQG's
DuocLayTuKhoDMQG, DuocTaiSuDung 2 with MaKetQuaThayThe, and the 766 group-4 figures; only this
service writes it.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.errors import Forbidden, InvalidInput, NotFound
from motcua.dossiers import services as dossiers
from motcua.dossiers.models import Attachment, Dossier
from motcua.dossiers.selectors import staff_roles_in, visible_dossiers
from motcua.national import gateways, services
from motcua.national.models import DocumentOrigin, Origin
from motcua.org.models import User

DATASTORE = "datastore"
LIST, FILE = "/GetKetQuaGiayTo", "/GetGiayToByUrl"
AT_THE_COUNTER = "1"  # KenhThucHien: "1" an officer at the counter, "2" the citizen online


class DatastoreError(gateways.GatewayError):
    """The data store could not be read, or refused the request."""


@dataclass(frozen=True)
class StoredFile:
    name: str
    path: str  # DuongDan


@dataclass(frozen=True)
class StoredResult:
    """One result the store holds for a person (an earlier procedure's)."""

    code: str  # MaKetQua
    name: str
    number: str  # SoKyHieu
    holder: str  # CoQuanChuQuan
    files: tuple[StoredFile, ...]


def configured() -> bool:
    return gateways.configured(DATASTORE)


def results_of(user: User, dossier: Dossier) -> list[StoredResult]:
    """GetKetQuaGiayTo: what the store holds for the dossier's owner, asked by an officer."""
    gateway = gateways.gateway(DATASTORE)
    request = {"SoDinhDanhChuSoHuu": dossier.owner_id_number,
               "HoTenNguoiYeuCau": user.get_full_name() or user.username,
               "KenhThucHien": AT_THE_COUNTER, "SoDinhDanhNguoiYeuCau": "",
               "MaThuTuc": dossier.procedure_version.procedure.national_code}
    answer = gateways.post(gateway.url(LIST), request, {}, gateway.timeout)
    reply = answer.json()
    if answer.status != 200 or not isinstance(reply, dict) or str(reply.get("errorCode")) != "0":
        raise DatastoreError(_("Kho dữ liệu không trả lời được: %(reply)s")
                             % {"reply": answer.text()[:200]})
    found = (reply.get("result") or {}).get("DanhSachGiayToKetQua") or []
    return [_result(item) for item in found if isinstance(item, dict)]


def _result(item: dict) -> StoredResult:
    files = tuple(StoredFile(str(f.get("TenTep", "")), str(f.get("DuongDan", "")))
                  for f in item.get("DanhSachTepDinhKem") or [] if isinstance(f, dict))
    return StoredResult(str(item.get("MaKetQua", "")), str(item.get("TenGiayTo", "")),
                        str(item.get("SoKyHieu", "")), str(item.get("CoQuanChuQuan", "")), files)


def take(user: User, code: str, component_order: int, result: StoredResult,
         stored: StoredFile) -> Attachment:
    """"Lấy từ kho dữ liệu": ``stored`` (a file of ``result``) fetched, checked and attached to
    the component ``component_order`` of dossier ``code``, with its origin recorded; the
    dossier goes to DVCQG again."""
    dossier = visible_dossiers(user).filter(code=code).select_related(
        "receiving_agency", "procedure_version").first()
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
    if user.is_applicant or not staff_roles_in(user, dossier.receiving_agency):
        raise Forbidden(_("Chỉ cán bộ của cơ quan tiếp nhận được lấy giấy tờ từ kho dữ liệu."))
    component = dossier.procedure_version.components.filter(order=component_order).first()
    if component is None:
        raise InvalidInput(_("Thủ tục không có thành phần hồ sơ số %(n)s.")
                           % {"n": component_order})
    data = _fetch(result.holder, stored.path)
    upload = dossiers.upload(user, ContentFile(data, name=stored.name or "giay-to.pdf"))
    with transaction.atomic():
        attachment = Attachment.objects.select_for_update().get(pk=upload.pk)
        attachment.dossier, attachment.component = dossier, component
        attachment.save(update_fields=["dossier", "component"])
        # NĐ 45/2020 art. 16 (as amended by NĐ 118/2025 art. 40(8)): the store's data reused
        DocumentOrigin.objects.create(attachment=attachment, origin=Origin.DATA_STORE,
                                      reference=stored.path[:1000], holder=result.holder[:255],
                                      result_code=result.code[:60])
        services.mark_pending(dossier)
    return attachment


def _fetch(holder: str, path: str) -> bytes:
    """GetGiayToByUrl: the file, from its base64 answer."""
    gateway = gateways.gateway(DATASTORE)
    answer = gateways.post(gateway.url(FILE), {"CoQuanChuQuan": holder, "DuongDan": path}, {},
                           gateway.timeout)
    text = answer.text().strip().strip('"')
    try:
        data = base64.b64decode(text, validate=True) if answer.status == 200 else b""
    except (binascii.Error, ValueError):
        data = b""
    if not data:
        raise DatastoreError(_("Kho dữ liệu không trả tệp %(path)s: %(reply)s")
                             % {"path": path, "reply": answer.text()[:200]})
    return data
