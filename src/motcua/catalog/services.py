"""Writes to the catalogue: publishing versions, each checked and in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.catalog.limits import TimeLimit
from motcua.catalog.models import (
    Channel,
    ChannelLimit,
    Component,
    CopyForm,
    Fee,
    OnlineLevel,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    ResultType,
    Sector,
)
from motcua.catalog.process import StepSpec, validate_process
from motcua.catalog.selectors import parse_code, procedure_by_code
from motcua.org.models import Agency, Role


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
def publish_version(version: ProcedureVersion, *, imported: bool = False) -> ProcedureVersion:
    """Put a prepared version in force from its effective_from date.

    The version in force before it ends the day before; versions already received by
    dossiers are never changed otherwise. A version with a faulty process is refused; one
    ``imported`` from the national catalogue, which states no internal process, may have none.
    """
    version.full_clean(validate_constraints=False)
    checked = not imported or version.steps.exists()
    errors = process_errors(version) if checked else []
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
    for name, value in changes.items():
        setattr(draft, name, value)
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


# -- import of the national catalogue ------------------------------------------------------------


@dataclass(frozen=True)
class FeeSpec:
    kind: str
    name: str
    amount_vnd: int
    legal_basis: str = ""
    channel: str = ""


@dataclass(frozen=True)
class ChannelSpec:
    channel: str
    limit: TimeLimit | None  # None only while the file is read: a blank cell, the procedure's
    description: str = ""


@dataclass(frozen=True)
class ComponentSpec:
    name: str
    required: bool = True
    form: str = CopyForm.ORIGINAL
    copies: int = 1


@dataclass
class CatalogueEntry:
    """One procedure as the national catalogue states it, read and checked. ``limit``,
    ``channels`` and ``fees`` are None when the file does not state them (no such column, no
    channel rows): the catalogue's own are then kept."""

    code: str
    name: str
    sector: Sector
    levels: list[str]
    agencies: list[Agency]  # the first decides; all receive
    limit: TimeLimit | None  # the default, for channels not listed
    channels: list[ChannelSpec] | None = None
    fees: list[FeeSpec] | None = None
    legal_basis: list[str] | None = None
    components: list[ComponentSpec] | None = None
    result: tuple[str, str] | None = None  # MAKETQUA, TENKETQUA

    def fields(self) -> dict:
        fields = {
            "name": self.name, "sector": self.sector, "level": self.levels[0],
            "levels": ",".join(self.levels), "deciding_agency": self.agencies[0],
        }
        if self.limit is not None:
            fields |= {"time_limit_value": self.limit.value, "time_limit_unit": self.limit.unit,
                       "time_limit_months": self.limit.months,
                       "time_limit_text": self.limit.text}
        if self.channels is not None:
            fields["channels"] = [spec.channel for spec in self.channels]
        if self.legal_basis is not None:
            fields["legal_basis"] = list(self.legal_basis)
        if self.result is not None:
            fields["result_code"], fields["result_name"] = self.result
        return fields

    def state(self, current: dict) -> dict:
        """The compared state (see ``_state``) the catalogue asks for, given the current one."""
        wanted = {
            "name": self.name, "sector": self.sector.pk, "levels": tuple(self.levels),
            "deciding": self.agencies[0].pk, "receiving": frozenset(a.pk for a in self.agencies),
        }
        if self.limit is not None:
            wanted["limit"] = _limit_key(self.limit)
        if self.channels is not None:
            wanted["channels"] = tuple(spec.channel for spec in self.channels)
            wanted["channel_limits"] = frozenset(
                (spec.channel, _limit_key(spec.limit), spec.description)
                for spec in self.channels)
        if self.fees is not None:
            wanted["fees"] = sorted(_fee_key(fee) for fee in self.fees)
        if self.legal_basis is not None:
            wanted["legal_basis"] = tuple(self.legal_basis)
        if self.components is not None:
            wanted["components"] = tuple(_component_key(c) for c in self.components)
        if self.result is not None:
            wanted["result"] = tuple(self.result)
        return {**current, **wanted}


# what changed in a procedure, by the keys of ``_state`` (reports of the imports and pulls)
CHANGES = {
    "name": gettext_lazy("tên"), "sector": gettext_lazy("lĩnh vực"),
    "levels": gettext_lazy("cấp thực hiện"), "deciding": gettext_lazy("cơ quan thực hiện"),
    "receiving": gettext_lazy("cơ quan thực hiện"), "limit": gettext_lazy("thời hạn giải quyết"),
    "channels": gettext_lazy("hình thức nộp"),
    "channel_limits": gettext_lazy("thời hạn theo hình thức nộp"),
    "fees": gettext_lazy("phí, lệ phí"), "legal_basis": gettext_lazy("căn cứ pháp lý"),
    "components": gettext_lazy("thành phần hồ sơ"), "result": gettext_lazy("kết quả thực hiện"),
}


def change_labels(keys: Iterable[str]) -> list[str]:
    """'thời hạn theo hình thức nộp', 'phí, lệ phí' … for the keys of ``_state`` that changed."""
    return list(dict.fromkeys(str(CHANGES[key]) for key in keys))


class Outcome(StrEnum):
    CREATED = "created"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


def import_entry(entry: CatalogueEntry, effective_from: dt.date) -> tuple[Outcome, list[str]]:
    """Bring one procedure in line with the catalogue: a new procedure gets its first version,
    a changed one a new version from ``effective_from`` (the one before ends the day before,
    dossiers keep theirs), an unchanged one nothing. Call inside a transaction. Returns the
    outcome and what changed (the keys of ``_state``: name, limit, fees …)."""
    changed: list[str] = []
    procedure = procedure_by_code(entry.code)
    if procedure is None:
        national_code, suffix = parse_code(entry.code)
        procedure = Procedure(national_code=national_code, local_suffix=suffix)
        procedure.full_clean()
        procedure.save()
        version = ProcedureVersion(
            procedure=procedure, number=1, effective_from=effective_from,
            online_level=OnlineLevel.INFORMATION, result_type=ResultType.PAPER,
            **{"channels": [Channel.DIRECT.value], **entry.fields()})
        outcome = Outcome.CREATED
    else:
        current = _state(_latest(procedure, effective_from))
        wanted = entry.state(current)
        changed = [key for key, value in current.items() if wanted[key] != value]
        if not changed:
            return Outcome.UNCHANGED, changed
        version = draft_next_version(procedure.pk, effective_from, **entry.fields())
        if entry.fees is not None:
            version.fees.all().delete()
        if entry.channels is not None:
            version.channel_limits.all().delete()
        if entry.components is not None:
            templates = {c.name: c.template for c in version.components.all() if c.template}
            version.components.all().delete()
            _write_components(version, entry.components, templates)
        outcome = Outcome.CHANGED
    version.full_clean(validate_constraints=False)
    version.save()
    version.receiving_agencies.set(entry.agencies)
    _write_channels_and_fees(version, entry)
    if outcome is Outcome.CREATED:
        _write_components(version, entry.components or [], {})
    if outcome is Outcome.CHANGED:
        publish_version(version, imported=True)
    return outcome, changed


def deactivate_missing(codes: set[str], levels: set[str], effective_from: dt.date) -> list[str]:
    """End on the day before ``effective_from`` the procedures in force then that the catalogue
    no longer lists, of the ``levels`` it covers: one carried out at another level too stays
    (the file does not say it is gone there). Never deleted: dossiers keep their version."""
    day_before = effective_from - dt.timedelta(days=1)
    ended = []
    in_force = ProcedureVersion.objects.in_force(effective_from).select_related("procedure")
    for version in in_force.filter(effective_from__lte=day_before).order_by("procedure"):
        if version.procedure.code in codes or not set(version.level_set) <= levels:
            continue
        version.effective_to = day_before
        version.save(update_fields=["effective_to"])
        ended.append(version.procedure.code)
    return ended


@transaction.atomic
def end_procedure(procedure: Procedure, first_day_out: dt.date) -> bool:
    """The procedure no longer applies from ``first_day_out``: its version in force then ends
    the day before (not before its own first day). Never deleted: dossiers keep their version.
    False when no version was in force."""
    version = (ProcedureVersion.objects.select_for_update().in_force(first_day_out)
               .filter(procedure=procedure).first())
    if version is None:
        return False
    version.effective_to = max(version.effective_from, first_day_out - dt.timedelta(days=1))
    version.save(update_fields=["effective_to"])
    return True


def _latest(procedure: Procedure, on: dt.date) -> ProcedureVersion:
    return (ProcedureVersion.objects.in_force(on).filter(procedure=procedure).first()
            or procedure.versions.order_by("-number").first())


def _write_channels_and_fees(version: ProcedureVersion, entry: CatalogueEntry) -> None:
    ChannelLimit.objects.bulk_create(
        ChannelLimit(version=version, channel=spec.channel, value=spec.limit.value,
                     unit=spec.limit.unit, months=spec.limit.months, text=spec.limit.text,
                     description=spec.description)
        for spec in entry.channels or [])
    Fee.objects.bulk_create(
        Fee(version=version, kind=fee.kind, name=fee.name, amount_vnd=fee.amount_vnd,
            legal_basis=fee.legal_basis, channel=fee.channel)
        for fee in entry.fees or [])


def _write_components(version: ProcedureVersion, specs: list[ComponentSpec],
                      templates: dict) -> None:
    """The components ``specs`` in their order; a blank form a component of the same name had
    is kept (the national catalogue names its form, motcua holds the file)."""
    Component.objects.bulk_create(
        Component(version=version, order=order, name=spec.name, required=spec.required,
                  form=spec.form, copies=spec.copies, template=templates.get(spec.name, ""))
        for order, spec in enumerate(specs, start=1))


def _component_key(component: Component | ComponentSpec) -> tuple:
    return (component.name, component.required, component.form, component.copies)


def _limit_key(limit: TimeLimit) -> tuple:
    """What a limit says: its text counts only when it states no fixed limit."""
    if limit.value is None:
        return (None, "", 0, limit.text)
    return (limit.value, limit.unit, limit.months, "")


def _fee_key(fee: Fee | FeeSpec) -> tuple:
    return (fee.kind, fee.name, fee.amount_vnd, fee.legal_basis, fee.channel)


def _state(version: ProcedureVersion) -> dict:
    """What the catalogue import sets on a version, in a form to compare."""
    return {
        "name": version.name, "sector": version.sector_id, "levels": tuple(version.level_set),
        "deciding": version.deciding_agency_id,
        "receiving": frozenset(version.receiving_agencies.values_list("pk", flat=True)),
        "limit": _limit_key(version.default_limit), "channels": tuple(version.channels),
        "channel_limits": frozenset((c.channel, _limit_key(c.limit), c.description)
                                    for c in version.channel_limits.all()),
        "fees": sorted(_fee_key(fee) for fee in version.fees.all()),
        "legal_basis": tuple(version.legal_basis or ()),
        "components": tuple(_component_key(c) for c in version.components.order_by("order")),
        "result": (version.result_code, version.result_name),
    }
