"""Reads for QĐ 766/QĐ-TTg group 5: the feedback and petitions (PAKN) of a period, and the
dossiers a PAKN or a complaint was about (indicator 5.4). Public figures: counts only, no
personal data."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from motcua.stats.feedback_rules import FeedbackCounts, count
from motcua.stats.indicators import Indicator, feedback_indicators
from motcua.stats.rules import Period
from motcua.voice.models import ComplaintCase, FeedbackCase

FIELDS = ("status", "class_766", "refuse_due", "transfer_due", "supplement_due", "answer_due",
          "publish_due", "supplement_requested_at", "approved_at", "published_at", "closed_at")


def feedback_counts(period: Period, agencies: set[int] | None = None) -> FeedbackCounts:
    """The PAKN first received in the period (each once, by its letter's reception), as they
    stood at the period's end."""
    cases = FeedbackCase.objects.filter(letter__received_at__gte=period.lo,
                                        letter__received_at__lt=period.hi)
    if agencies is not None:
        cases = cases.filter(agency__in=agencies)
    return count(cases.only(*FIELDS), period.hi)


def index_766_group_5(period: Period, agencies: set[int] | None = None) -> list[Indicator]:
    return feedback_indicators(feedback_counts(period, agencies))


def with_feedback(hi) -> Q:
    """A dossier someone sent a PAKN or a complaint about before ``hi`` (QĐ 766 indicator 5.4:
    "hồ sơ có phản ánh, kiến nghị" counts both; domain §3.3)."""
    return Q(Exists(FeedbackCase.objects.filter(dossier=OuterRef("pk"),
                                                letter__received_at__lt=hi))) | Q(
        Exists(ComplaintCase.objects.filter(dossier=OuterRef("pk"),
                                            letter__received_at__lt=hi)))


def feedback_dossiers(hi) -> set[int]:
    """The ids of the dossiers ``with_feedback(hi)`` selects, read from the cases' side (a few
    rows) instead of testing every dossier."""
    found: set[int] = set()
    for cases in (FeedbackCase.objects, ComplaintCase.objects):
        found.update(cases.filter(dossier__isnull=False, letter__received_at__lt=hi)
                     .values_list("dossier", flat=True))
    return found
