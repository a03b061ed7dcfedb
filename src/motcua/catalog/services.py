"""Writes to the catalogue: publishing versions, each checked and in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.catalog.models import ProcedureVersion, ProcessStep
from motcua.catalog.process import StepSpec, validate_process
from motcua.org.models import Role


def process_errors(version: ProcedureVersion) -> list[str]:
    """Every fault of the version's internal process, in Vietnamese (empty when sound)."""
    steps = list(version.steps.all())
    return validate_process(
        [StepSpec(s.key, s.name, s.role, s.duration_hours) for s in steps],
        _edges(steps),
        version.time_limit_hours,
        Role.values,
    )


def _edges(steps: Iterable[ProcessStep]) -> list[tuple[str, str]]:
    return [(step.key, nxt.key) for step in steps for nxt in step.next_steps.all()]


@transaction.atomic
def publish_version(version: ProcedureVersion) -> ProcedureVersion:
    """Put a prepared version in force from its effective_from date.

    The version in force before it ends the day before; versions already received by
    dossiers are never changed otherwise. A version with a faulty process is refused.
    """
    version.full_clean(validate_constraints=False)
    errors = process_errors(version)
    if errors:
        raise ValidationError(errors)
    previous = (
        ProcedureVersion.objects.select_for_update()
        .filter(procedure=version.procedure, effective_from__lt=version.effective_from)
        .exclude(pk=version.pk)
        .order_by("-effective_from")
        .first()
    )
    later = ProcedureVersion.objects.filter(
        procedure=version.procedure, effective_from__gte=version.effective_from
    ).exclude(pk=version.pk)
    if later.exists():
        raise ValidationError(
            "Đã có phiên bản hiệu lực từ ngày này trở về sau; chọn ngày hiệu lực muộn hơn."
        )
    day_before = version.effective_from - dt.timedelta(days=1)
    if previous and (previous.effective_to is None or previous.effective_to > day_before):
        previous.effective_to = day_before
        previous.save(update_fields=["effective_to"])
    return version


def next_version_number(procedure_id: int) -> int:
    last = (
        ProcedureVersion.objects.filter(procedure_id=procedure_id)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


@transaction.atomic
def draft_next_version(
    procedure_id: int, effective_from: dt.date, **changes
) -> ProcedureVersion:
    """A copy of the latest version (components, fees, limits per channel, process) to edit,
    then publish."""
    latest = ProcedureVersion.objects.filter(procedure_id=procedure_id).order_by("-number").first()
    if latest is None:
        raise ValidationError("Thủ tục chưa có phiên bản nào để sao chép.")
    if ProcedureVersion.objects.filter(procedure_id=procedure_id,
                                       effective_from=effective_from).exists():
        raise ValidationError(_("Đã có phiên bản hiệu lực từ ngày này; chọn ngày khác."))
    receiving = list(latest.receiving_agencies.all())
    copied = [*latest.components.all(), *latest.fees.all(), *latest.channel_limits.all()]
    steps = list(latest.steps.prefetch_related("next_steps"))
    edges = _edges(steps)
    draft = latest
    draft.pk = None
    draft.number = next_version_number(procedure_id)
    draft.effective_from, draft.effective_to = effective_from, None
    for field, value in changes.items():
        setattr(draft, field, value)
    draft.save()
    draft.receiving_agencies.set(receiving)
    for item in copied:
        item.pk, item.version = None, draft
        item.save()
    copies = {}
    for step in steps:
        step.pk, step.version = None, draft
        step.save()
        copies[step.key] = step
    for source, target in edges:
        copies[source].next_steps.add(copies[target])
    return draft


def reindex_versions(versions: Iterable[ProcedureVersion]) -> int:
    """Rebuild the search columns of ``versions`` (after their sector or agency was renamed)."""
    versions = list(versions)
    for version in versions:
        version.index_for_search()
    return ProcedureVersion.objects.bulk_update(versions, ["search_text", "search_marked"])
