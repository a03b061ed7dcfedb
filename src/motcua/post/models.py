"""Orders to the public post (integrations §4): a pick-up of a paper dossier, or the delivery of
a result, and what VNPost reported of each.

An order is a ``Deliverable`` (kind ``post``): written in the transaction of the request, sent
to VNPost after commit by the outbox's one delivery loop, retried with backoff. A result's
order waits (``next_attempt_at`` = ``WAITING``) until an officer hands the result to the post.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier
from motcua.org.models import Agency
from motcua.outbox.models import Deliverable

WAITING = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)  # not due until the result is handed over


class Kind(models.TextChoices):
    PICKUP = "pickup", _("Bưu điện đến lấy hồ sơ giấy")
    RESULT = "result", _("Gửi kết quả qua bưu điện")


class State(models.TextChoices):
    REQUESTED = "requested", _("Đã đăng ký, chưa chuyển bưu điện")
    SENDING = "sending", _("Đang chuyển yêu cầu sang bưu điện")
    CREATED = "created", _("Bưu điện đã nhận yêu cầu")
    COLLECTED = "collected", _("Bưu điện đã nhận hàng")
    IN_TRANSIT = "in_transit", _("Đang vận chuyển")
    DELIVERED = "delivered", _("Đã phát thành công")
    RETURNED = "returned", _("Chuyển hoàn, không phát được")
    CANCELLED = "cancelled", _("Đã hủy")
    REFUSED = "refused", _("Bưu điện từ chối yêu cầu")


ENDED = ("returned", "cancelled", "refused")  # State values: the order is over, not delivered


class PostalOrder(Deliverable):
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices)
    # OrderNumber: the dossier code (integrations key rule 13); a pick-up, whose dossier is
    # registered only when the package reaches the agency, has its own reference BD-…
    order_number = models.CharField(_("mã đơn hàng"), max_length=60)
    dossier = models.ForeignKey(Dossier, models.PROTECT, null=True, blank=True,
                                related_name="postal_orders", verbose_name=_("hồ sơ"))
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT,
                                  related_name="postal_orders", verbose_name=_("người yêu cầu"))
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="postal_orders",
                               verbose_name=_("cơ quan tiếp nhận"))
    procedure_code = models.CharField(_("mã thủ tục"), max_length=40, blank=True)
    subject = models.CharField(_("trích yếu"), max_length=500, blank=True)
    result_by_post = models.BooleanField(_("nhận kết quả qua bưu điện"), default=False)
    name = models.CharField(_("họ và tên"), max_length=255)
    address = models.CharField(_("địa chỉ"), max_length=500)
    phone = models.CharField(_("điện thoại"), max_length=15)
    province = models.PositiveIntegerField(_("mã tỉnh (VNPost)"))
    district = models.PositiveIntegerField(_("mã quận, huyện (VNPost)"))
    fee_vnd = models.PositiveIntegerField(_("cước (đồng)"))
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices,
                             default=State.REQUESTED)
    status_code = models.CharField(_("mã trạng thái VNPost"), max_length=10, blank=True)
    status_message = models.CharField(_("trạng thái VNPost"), max_length=500, blank=True)
    item_code = models.CharField(_("mã vận đơn"), max_length=40, blank=True)
    recipient = models.CharField(_("người nhận"), max_length=255, blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("cán bộ giao bưu điện"))
    problem = models.TextField(_("cần cán bộ xử lý"), blank=True)
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("đơn bưu chính")
        verbose_name_plural = _("đơn bưu chính")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["delivered_at", "failed_at", "next_attempt_at"],
                         name="post_order_due"),
            models.Index(fields=["agency", "state"], name="post_order_agency_state"),
        ]
        constraints = [
            # one live order per order number (a result's is its dossier's code): another may
            # follow one that was returned, cancelled or refused
            models.UniqueConstraint(fields=["order_number"], condition=~models.Q(
                state__in=ENDED), name="post_order_one_live"),
        ]

    def __str__(self) -> str:
        return f"{self.order_number} ({self.get_state_display()})"

    @property
    def awaits_acceptance(self) -> bool:
        """A pick-up the post handed to the agency, not yet received at the desk."""
        return self.kind == Kind.PICKUP and self.state == State.DELIVERED and not self.dossier_id


class PostalEvent(models.Model):
    """One tracking report of VNPost (``rhDoc``), kept as received."""

    order = models.ForeignKey(PostalOrder, models.CASCADE, related_name="events",
                              verbose_name=_("đơn bưu chính"))
    oid = models.CharField(_("mã bản tin"), max_length=40, unique=True)
    status_code = models.CharField(_("mã trạng thái"), max_length=10)
    message = models.CharField(_("nội dung"), max_length=500, blank=True)
    recipient = models.CharField(_("người nhận"), max_length=255, blank=True)
    received_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bản tin hành trình")
        verbose_name_plural = _("hành trình bưu gửi")
        ordering = ["received_at", "pk"]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.status_code}"


class TrackingCursor(models.Model):
    """Where the tracking poll stopped: VNPost's last ``_id.$oid`` read (one row)."""

    last_id = models.CharField(_("mã bản tin cuối đã đọc"), max_length=40)
    polled_at = models.DateTimeField(_("đọc lúc"), auto_now=True)

    class Meta:
        verbose_name = _("vị trí đọc hành trình")
        verbose_name_plural = _("vị trí đọc hành trình")

    def __str__(self) -> str:
        return self.last_id


class PostalCancel(Deliverable):
    """The citizen's cancellation of a pick-up VNPost has not collected yet, sent to VNPost by
    the outbox's delivery loop (kind ``post_cancel``)."""

    order = models.OneToOneField(PostalOrder, models.CASCADE, related_name="cancellation",
                                 verbose_name=_("đơn bưu chính"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                     verbose_name=_("người yêu cầu"))
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    outcome = models.CharField(_("trả lời của bưu điện"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("yêu cầu hủy đơn bưu chính")
        verbose_name_plural = _("yêu cầu hủy đơn bưu chính")

    def __str__(self) -> str:
        return f"{self.order_id} ({self.outcome or '…'})"
