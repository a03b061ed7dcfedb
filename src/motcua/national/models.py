"""What motcua has told DVCQG about each dossier (domain integrations §1.5).

One row per dossier that DVCQG must know, written in the transaction of every state change
(``services.mark_pending``): pending while ``delivered_at`` is empty. Its delivery columns are
the outbox's ``Deliverable``: a row is claimed, retried with backoff and swept by the outbox's
one delivery loop (kind ``dvcqg``), like an e-mail.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier
from motcua.outbox.models import Deliverable


class SyncState(models.TextChoices):
    PENDING = "pending", _("Chờ đồng bộ")
    SYNCED = "synced", _("Đã đồng bộ")
    FAILED = "failed", _("Ngừng thử, chờ gửi lại")


class DvcqgSync(Deliverable):
    dossier = models.OneToOneField(Dossier, models.CASCADE, related_name="dvcqg_sync",
                                   verbose_name=_("hồ sơ"))
    # MaHoSo as DVCQG knows it: stored at the first accepted push, reused on every update
    national_code = models.CharField(_("mã hồ sơ trên DVCQG"), max_length=60, blank=True)
    synced_version = models.PositiveIntegerField(
        _("phiên bản lịch sử đã đồng bộ"), default=0,
        help_text=_("Các dòng lịch sử sau phiên bản này chưa gửi DVCQG."))
    marked_at = models.DateTimeField(_("thay đổi lúc"), default=timezone.now)
    delivered_at = models.DateTimeField(_("đồng bộ xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đồng bộ hồ sơ lên DVCQG")
        verbose_name_plural = _("đồng bộ hồ sơ lên DVCQG")
        indexes = [
            models.Index(fields=["delivered_at", "failed_at", "next_attempt_at"],
                         name="dvcqg_sync_due"),
        ]
        constraints = [
            # one dossier per DVCQG code: the key of the inbound upsert (integrations §1.3)
            models.UniqueConstraint(fields=["national_code"], condition=~models.Q(national_code=""),
                                    name="dvcqg_sync_national_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} → DVCQG ({self.state})"

    @property
    def state(self) -> SyncState:
        if self.delivered_at is not None:
            return SyncState.SYNCED
        return SyncState.FAILED if self.failed_at is not None else SyncState.PENDING


class RefusedPush(models.Model):
    """A push from DVCQG that motcua refused (unreadable, unknown procedure, a bad file): kept
    as received, with the reason, for the operator to look at and try again."""

    received_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)
    national_code = models.CharField(_("mã hồ sơ trên DVCQG"), max_length=60, blank=True)
    reason = models.TextField(_("lý do từ chối"))
    body = models.TextField(_("nội dung nhận được"))
    # unreadable (HTTP 400): the same body can never be taken, so it is not offered again
    malformed = models.BooleanField(_("gói tin sai cấu trúc"), default=False)
    resolved_at = models.DateTimeField(_("đã nhận lại lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ DVCQG bị từ chối")
        verbose_name_plural = _("hồ sơ DVCQG bị từ chối")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.national_code or '?'} ({self.received_at:%Y-%m-%d %H:%M})"


class DvcqgPoll(models.Model):
    """Where the inbound poller stands with one list service of DVCQG: the filing instant
    (NgayNopHoSo) of the newest dossier taken, asked from on the next poll."""

    service = models.CharField(_("dịch vụ"), max_length=60, unique=True)
    watermark = models.DateTimeField(_("đã nhận đến"), null=True, blank=True)
    polled_at = models.DateTimeField(_("lần hỏi gần nhất"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    last_error_at = models.DateTimeField(_("lỗi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hỏi hồ sơ nộp trên DVCQG")
        verbose_name_plural = _("hỏi hồ sơ nộp trên DVCQG")

    def __str__(self) -> str:
        return f"{self.service} ({self.watermark:%Y-%m-%d %H:%M:%S})" if self.watermark \
            else self.service


class Origin(models.TextChoices):
    # NĐ 45/2020 art. 16 (as amended by NĐ 118/2025 art. 40(8)): the person's data store
    DATA_STORE = "datastore", _("Kho dữ liệu điện tử của tổ chức, cá nhân")
    # TT 01/2023/TT-VPCP art. 5: a result of an earlier procedure, used again
    EARLIER_RESULT = "result", _("Kết quả giải quyết thủ tục trước")


class DocumentOrigin(models.Model):
    """Where a dossier's file came from when motcua fetched it instead of receiving it
    (integrations §6.3): written only by the service that fetched it, read by the DVCQG sync
    (DuocLayTuKhoDMQG, DuocTaiSuDung, MaKetQuaThayThe) and by the 766 group-4 figures."""

    attachment = models.OneToOneField("dossiers.Attachment", models.CASCADE,
                                      related_name="origin", verbose_name=_("tệp"))
    origin = models.CharField(_("nguồn"), max_length=10, choices=Origin.choices)
    reference = models.CharField(_("đường dẫn tại nguồn"), max_length=1000)
    holder = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    # MaKetQua of the earlier result that stands in for the document (MaKetQuaThayThe); empty
    # when the document itself was reused
    result_code = models.CharField(_("mã kết quả thay thế"), max_length=60, blank=True)
    fetched_at = models.DateTimeField(_("lấy về lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("nguồn của giấy tờ")
        verbose_name_plural = _("nguồn của giấy tờ")

    def __str__(self) -> str:
        return f"{self.attachment_id} ← {self.origin} {self.reference}"
