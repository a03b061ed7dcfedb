"""One procedure with all its versions and processes as JSON, and back. Round-trips exactly.

Agencies are referred to by identifier code, sectors by code, divisions by name within the
step's agency (the deciding agency when the step has none), steps by key.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from motcua.catalog.limits import TimeLimit
from motcua.catalog.models import (
    ChannelLimit,
    Component,
    Fee,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    Sector,
)
from motcua.catalog.services import process_errors
from motcua.org.models import Agency, Division

FORMAT = "motcua.procedure/1"


class ProcedureImportError(ValueError):
    """The JSON cannot be imported; ``errors`` lists every fault. Nothing was saved."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


# -- export ------------------------------------------------------------------------------------


def export_procedure(procedure: Procedure) -> dict[str, Any]:
    versions = (
        procedure.versions.order_by("number")
        .select_related("sector", "deciding_agency")
        .prefetch_related("receiving_agencies", "components", "fees", "channel_limits",
                          "steps__next_steps", "steps__agency", "steps__division")
    )
    return {
        "format": FORMAT,
        "national_code": procedure.national_code,
        "local_suffix": procedure.local_suffix,
        "versions": [_export_version(version) for version in versions],
    }


def _export_limit(limit: TimeLimit) -> dict[str, Any] | None:
    """None for a version without any limit; a limit in months or with its text says so."""
    if limit.value is None and not limit.text:
        return None
    exported = {"value": _number(limit.value) if limit.value is not None else None,
                "unit": limit.unit}
    if limit.months or limit.text:
        exported |= {"months": limit.months, "text": limit.text}
    return exported


def _import_limit(limit: dict[str, Any] | None) -> dict[str, Any]:
    """The model fields of an exported limit (files written before months and texts too)."""
    limit = limit or {}
    value = limit.get("value")
    return {"value": Decimal(str(value)) if value is not None else None,
            "unit": limit.get("unit", ""), "months": int(limit.get("months", 0)),
            "text": limit.get("text", "")}


def _export_version(version: ProcedureVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "effective_from": version.effective_from.isoformat(),
        "effective_to": version.effective_to.isoformat() if version.effective_to else None,
        "name": version.name,
        "sector": {"code": version.sector.code, "name": version.sector.name},
        "level": version.level,
        "levels": version.level_set,
        "deciding_agency": version.deciding_agency.identifier_code,
        "receiving_agencies": sorted(a.identifier_code for a in version.receiving_agencies.all()),
        "channels": list(version.channels),
        "online_level": version.online_level,
        "result_type": version.result_type,
        "result_code": version.result_code,
        "result_name": version.result_name,
        "time_limit": _export_limit(version.default_limit),
        "channel_limits": [
            {"channel": c.channel, "limit": _export_limit(c.limit), "description": c.description}
            for c in version.channel_limits.all()
        ],
        "cutoff": version.cutoff.strftime("%H:%M") if version.cutoff else None,
        "supplement_policy": version.supplement_policy,
        "immediate_result": version.immediate_result,
        "legal_basis": list(version.legal_basis),
        "description": version.description,
        "applicants": version.applicants,
        "requirements": version.requirements,
        "components": [
            {"order": c.order, "name": c.name, "required": c.required, "form": c.form,
             "copies": c.copies, "template": c.template.name or "",
             "from_national_database": c.from_national_database}
            for c in version.components.all()
        ],
        "fees": [
            {"kind": f.kind, "name": f.name, "amount_vnd": f.amount_vnd,
             "legal_basis": f.legal_basis, "channel": f.channel}
            for f in version.fees.all()
        ],
        "steps": [
            {"key": s.key, "order": s.order, "name": s.name, "role": s.role,
             "agency": s.agency.identifier_code if s.agency else None,
             "division": s.division.name if s.division else None,
             "duration": {"value": _number(s.duration_value), "unit": s.duration_unit},
             "can_send_back": s.can_send_back,
             "next": sorted(n.key for n in s.next_steps.all())}
            for s in version.steps.all()
        ],
    }


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


# -- import ------------------------------------------------------------------------------------


def import_procedure(data: dict[str, Any]) -> Procedure:
    """Create the procedure with its versions. Refuses a code that exists already."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProcedureImportError([f"Không phải tệp thủ tục của motcua (format {FORMAT})."])
    try:
        with transaction.atomic():
            return _import(data)
    except ProcedureImportError:
        raise
    except ValidationError as error:
        raise ProcedureImportError(_messages(error)) from None
    except (KeyError, TypeError, ValueError, InvalidOperation) as error:
        raise ProcedureImportError([f"Dữ liệu thiếu hoặc sai kiểu: {error!r}"]) from None


def _import(data: dict[str, Any]) -> Procedure:
    national_code, suffix = data["national_code"], data.get("local_suffix", "")
    if Procedure.objects.filter(national_code=national_code, local_suffix=suffix).exists():
        raise ProcedureImportError([f"Thủ tục {national_code} {suffix} đã có trong danh mục."])
    procedure = Procedure(national_code=national_code, local_suffix=suffix)
    procedure.full_clean()
    procedure.save()
    for number, entry in enumerate(data["versions"], start=1):
        _import_version(procedure, entry, number)
    return procedure


def _import_version(procedure: Procedure, entry: dict[str, Any], number: int) -> None:
    label = f"Phiên bản {entry.get('number', number)}"
    sector, _ = Sector.objects.get_or_create(
        code=entry["sector"]["code"], defaults={"name": entry["sector"]["name"]}
    )
    limit = _import_limit(entry.get("time_limit"))
    cutoff = entry.get("cutoff")
    version = ProcedureVersion(
        procedure=procedure, number=entry.get("number", number),
        effective_from=dt.date.fromisoformat(entry["effective_from"]),
        effective_to=dt.date.fromisoformat(entry["effective_to"]) if entry.get("effective_to")
        else None,
        name=entry["name"], sector=sector, level=entry["level"],
        levels=",".join(entry.get("levels", [])),
        deciding_agency=_agency(entry["deciding_agency"], label),
        channels=list(entry["channels"]), online_level=entry["online_level"],
        result_type=entry["result_type"],
        result_code=entry.get("result_code", ""), result_name=entry.get("result_name", ""),
        time_limit_value=limit["value"], time_limit_unit=limit["unit"],
        time_limit_months=limit["months"], time_limit_text=limit["text"],
        cutoff=dt.time.fromisoformat(cutoff) if cutoff else None,
        supplement_policy=entry["supplement_policy"],
        immediate_result=bool(entry.get("immediate_result", False)),
        legal_basis=list(entry.get("legal_basis", [])),
        description=entry.get("description", ""),
        applicants=entry.get("applicants", ""), requirements=entry.get("requirements", ""),
    )
    version.full_clean(exclude=["procedure"], validate_constraints=False)
    version.save()
    version.receiving_agencies.set([_agency(code, label) for code in entry["receiving_agencies"]])
    for item in entry.get("components", []):
        component = Component(version=version, **item)
        component.full_clean(exclude=["version", "template"])
        component.save()
    for item in entry.get("fees", []):
        fee = Fee(version=version, **item)
        fee.full_clean(exclude=["version"])
        fee.save()
    for item in entry.get("channel_limits", []):
        way = ChannelLimit(version=version, channel=item["channel"],
                           description=item.get("description", ""),
                           **_import_limit(item.get("limit")))
        way.full_clean(exclude=["version"])
        way.save()
    _import_steps(version, entry.get("steps", []), label)


def _import_steps(version: ProcedureVersion, items: list[dict[str, Any]], label: str) -> None:
    steps: dict[str, ProcessStep] = {}
    for item in items:
        agency = _agency(item["agency"], label) if item.get("agency") else None
        division = None
        if item.get("division"):
            owner = agency or version.deciding_agency
            division = Division.objects.filter(agency=owner, name=item["division"]).first()
            if division is None:
                raise ProcedureImportError(
                    [f"{label}, bước {item['key']}: {owner.name} không có {item['division']}."]
                )
        step = ProcessStep(
            version=version, key=item["key"], order=item["order"], name=item["name"],
            role=item["role"], agency=agency, division=division,
            duration_value=Decimal(str(item["duration"]["value"])),
            duration_unit=item["duration"]["unit"],
            can_send_back=bool(item.get("can_send_back", False)),
        )
        step.full_clean(exclude=["version", "role"], validate_constraints=False)
        step.save()
        steps[step.key] = step
    for item in items:
        missing = [key for key in item.get("next", []) if key not in steps]
        if missing:
            raise ProcedureImportError(
                [f"{label}, bước {item['key']}: không có bước tiếp theo {', '.join(missing)}."]
            )
        steps[item["key"]].next_steps.set([steps[key] for key in item.get("next", [])])
    errors = process_errors(version) if steps else []
    if errors:
        raise ProcedureImportError([f"{label}: {message}" for message in errors])


def _agency(code: str, label: str) -> Agency:
    agency = Agency.objects.filter(identifier_code=code).first()
    if agency is None:
        raise ProcedureImportError([f"{label}: không có cơ quan mã định danh {code}."])
    return agency


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()]
    return list(error.messages)
