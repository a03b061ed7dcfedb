"""The daily pull of the national procedure catalogue (integrations §1.6, key rule 8).

Through the provincial proxy (gateway ``dvcqg_catalogue``): ``LayDanhSachTTHCDonVi`` lists the
province's procedures, ``LayThuTuc`` gives each one, ``LayQDCB`` each decision that published
them. Everything is fetched first: a reply that cannot be read (an outage, a broken double
encoding) fails the whole pull, recorded with its reason, and the catalogue is not touched.
Then, in one transaction, each procedure goes through the catalogue's own import
(``catalog.services.import_entry``): new → created; changed (limit per channel, fees,
components, name, legal basis …) → a new version from the pull's day, or from the publishing
decision's when later; unchanged → nothing; a procedure a ``NationalCode`` maps that the list
no longer holds → ended, never deleted. A record motcua cannot read (an unknown agency, a limit
that could be read two ways) is left out with its reason. The run, its figures, its change
report and the raw package are a ``CatalogueSync``.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.catalog.models import (
    CatalogueSync,
    Channel,
    CopyForm,
    FeeKind,
    Level,
    NationalCode,
    PullOutcome,
    PullState,
)
from motcua.catalog.selectors import procedure_by_code, today, version_in_force
from motcua.catalog.services import (
    CatalogueEntry,
    ChannelSpec,
    ComponentSpec,
    FeeSpec,
    Outcome,
    change_labels,
    draft_next_version,
    end_procedure,
    import_entry,
    publish_version,
)
from motcua.catalog.spreadsheet import (
    LEGAL_BASIS,
    MISSING_LIMIT,
    agencies_named,
    channel_fees,
    default_limit,
    sector_named,
    time_limit_of,
)
from motcua.core.text import fold
from motcua.national import gateways
from motcua.national.catalogue_wire import (
    RecordProblem,
    ReplyError,
    ReplyProblem,
    WireChannel,
    WireProcedure,
    read_procedure,
    result_of,
    text,
    wire_date,
)

logger = logging.getLogger(__name__)

GATEWAY = "dvcqg_catalogue"
PROXY = "/KetNoiMotCuaQuocGia/"
LIST, PROCEDURE, DECISION = "LayDanhSachTTHCDonVi", "LayThuTuc", "LayQDCB"
NAME_LENGTH = 500  # Component.name
REPLY_PROBLEMS = {
    ReplyProblem.NOT_JSON: gettext_lazy("%(service)s trả về nội dung không phải JSON: %(detail)s"),
    ReplyProblem.NO_MESSAGE: gettext_lazy(
        "%(service)s trả về JSON không có trường message (không đúng gói tin của trục kết nối): "
        "%(detail)s"),
    ReplyProblem.INNER_NOT_JSON: gettext_lazy(
        "%(service)s trả về message không đọc được thành JSON (mã hóa hai lớp bị hỏng): "
        "%(detail)s"),
    ReplyProblem.NO_RESULT: gettext_lazy("%(service)s trả về gói tin không có danh sách result: "
                                         "%(detail)s"),
    ReplyProblem.REFUSED: gettext_lazy("%(service)s báo lỗi: %(detail)s"),
}
RECORD_PROBLEMS = {
    RecordProblem.MISSING: gettext_lazy("thiếu %(value)s"),
    RecordProblem.LEVEL: gettext_lazy("cấp thực hiện %(value)r không thực hiện tại tỉnh"),
    RecordProblem.CHANNEL: gettext_lazy("không rõ kênh KENH=%(value)r (1, 2 hoặc 3)"),
}
REACTIVATED = gettext_lazy("hiệu lực trở lại")
# the outcome of each procedure in the report, and the CatalogueSync figure it counts in
CREATED, CHANGED, UNCHANGED, DEACTIVATED, FAILED = PullOutcome.values


class PullFailed(Exception):
    """The catalogue could not be read as a whole: nothing is stored."""


class RecordRefused(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def scheduled_pull() -> CatalogueSync | None:
    """The daily job (01:00): a pull when the gateway is set up, else nothing."""
    if not gateways.configured(GATEWAY):
        return None
    return pull()


def pull(*, dry_run: bool = False) -> CatalogueSync:
    """Pull the catalogue and bring the local one in line (``dry_run``: say what it would do,
    store nothing but the run)."""
    day = today()
    run = CatalogueSync.objects.create(dry_run=dry_run, effective_from=day)
    try:
        gateway = gateways.gateway(GATEWAY)
        run.agency_code = gateway.agency_code
        run.package = fetch_package(gateway)
    except (PullFailed, gateways.GatewayError) as error:
        return _finish(run, PullState.FAILED, str(error))
    try:
        with transaction.atomic():
            run.report = apply_package(run.package, day)
            transaction.set_rollback(dry_run)
    except Exception as error:  # recorded for the operator, then raised for the job's log
        _finish(run, PullState.FAILED, _("Lỗi khi ghi danh mục, không lưu gì: %(error)s")
                % {"error": error})
        raise
    for row in run.report:
        setattr(run, row["outcome"], getattr(run, row["outcome"]) + 1)
    return _finish(run, PullState.DONE, "")


def _finish(run: CatalogueSync, state: str, reason: str) -> CatalogueSync:
    run.state, run.reason, run.finished_at = state, reason, timezone.now()
    run.save()
    if state == PullState.FAILED:
        logger.warning("national catalogue pull %s failed: %s", run.pk, reason)
    return run


# -- fetching ------------------------------------------------------------------------------------


def fetch_package(gateway: gateways.Gateway) -> dict:
    """The list, each listed procedure's record (None when LayThuTuc has none) and each
    publishing decision, as received (the raw package kept with the run)."""
    listing = _result(gateway, LIST, {"maDonVi": gateway.agency_code})
    procedures, decisions = {}, {}
    for item in listing:
        code = text(item.get("MATTHC"))
        if not code or code in procedures:
            continue
        found = _result(gateway, PROCEDURE, {"maTTHC": code})
        procedures[code] = found[0] if found else None
        decision = text(found[0].get("IDQUYETDINHCONGBO")) if found else ""
        if decision and decision not in decisions:
            published = _result(gateway, DECISION, {"idQDCB": decision})
            decisions[decision] = published[0] if published else None
    return {"list": listing, "procedures": procedures, "decisions": decisions}


def _result(gateway: gateways.Gateway, service: str, params: dict[str, str]) -> list[dict]:
    answer = gateway.fetch(PROXY + service, params)
    if answer.status != 200:
        raise PullFailed(_("%(service)s trả lỗi HTTP %(status)s: %(reply)s")
                         % {"service": service, "status": answer.status,
                            "reply": answer.text()[:200]})
    try:
        return result_of(answer.text())
    except ReplyError as error:
        raise PullFailed(REPLY_PROBLEMS[error.problem]
                         % {"service": service, "detail": error.detail}) from None


# -- applying ------------------------------------------------------------------------------------


def apply_package(package: dict, day) -> list[dict]:
    """Bring the catalogue in line with ``package``; one report row per procedure touched or
    seen. Call inside a transaction."""
    report = []
    for code, record in package["procedures"].items():
        if record is None:
            report.append(_row(code, "", FAILED, reason=_(
                "%(service)s không trả về thủ tục có trong danh sách") % {"service": PROCEDURE}))
            continue
        report.append(apply_record(read_procedure(record), package["decisions"], day))
    listed = set(package["procedures"])
    for link in NationalCode.objects.exclude(matthc__in=listed).select_related("procedure"):
        version = version_in_force(link.procedure, day)
        if version is not None and end_procedure(link.procedure, day):
            report.append(_row(link.matthc, version.name, DEACTIVATED,
                               local=link.procedure.code))
    return report


def apply_record(wire: WireProcedure, decisions: dict, day) -> dict:
    """One procedure, in its own savepoint: left out with the reasons when it cannot be read."""
    local = _local_code(wire.code)
    try:
        with transaction.atomic():
            entry = entry_from(wire, local)
            existing = procedure_by_code(local)
            start = _effective_from(wire, decisions, day, new=existing is None)
            outcome, changed = import_entry(entry, start)
            procedure = procedure_by_code(local)
            labels = change_labels(changed)
            if outcome is Outcome.UNCHANGED and version_in_force(procedure, day) is None:
                publish_version(draft_next_version(procedure.pk, start), imported=True)
                outcome, labels = Outcome.CHANGED, [str(REACTIVATED)]
            NationalCode.objects.get_or_create(matthc=wire.code,
                                               defaults={"procedure": procedure})
    except RecordRefused as refusal:
        return _row(wire.code, wire.name, FAILED, reason="; ".join(refusal.problems), local=local)
    except ValidationError as error:
        return _row(wire.code, wire.name, FAILED, reason=" ".join(error.messages), local=local)
    return _row(wire.code, wire.name, str(outcome), changes=labels, local=local,
                effective_from=start.isoformat() if outcome is not Outcome.UNCHANGED else "")


def _row(code: str, name: str, outcome: str, *, changes=(), reason: str = "", local: str = "",
         effective_from: str = "") -> dict:
    return {"code": code, "local": local or code, "name": name, "outcome": outcome,
            "changes": list(changes), "reason": reason, "effective_from": effective_from}


def _local_code(matthc: str) -> str:
    """The local procedure the operator mapped to ``matthc``, else the national code itself."""
    link = NationalCode.objects.filter(matthc=matthc).select_related("procedure").first()
    return link.procedure.code if link else matthc


def _effective_from(wire: WireProcedure, decisions: dict, day, *, new: bool):
    """A new procedure applies from its publishing decision's effective day (or today); a change
    from today, or from that day when later (never back in time: dossiers received meanwhile
    keep the rules they were received under)."""
    decision = decisions.get(wire.decision_id) or {}
    published = wire_date(decision.get("NGAYHIEULUC")) or wire_date(decision.get("NGAYBANHANH"))
    if published is None:
        return day
    return published if new else max(published, day)


# -- a record as a catalogue entry ---------------------------------------------------------------


def entry_from(wire: WireProcedure, local: str, bare_days: str | None = None) -> CatalogueEntry:
    """The catalogue entry the record states; every unreadable value is reported."""
    problems = [_record_problem(problem) for problem in wire.problems]

    def check(read, *args):
        try:
            return read(*args)
        except ValueError as error:
            problems.append(str(error))
        return None

    sector = check(sector_named, wire.sector_name, wire.sector_code) if wire.sector_name else None
    agencies = check(agencies_named, "\n".join(wire.agencies)) if wire.agencies else None
    ways = [(check(_channel_spec, way, bare_days), _fees(way, problems)) for way in wire.channels]
    if problems:
        raise RecordRefused(list(dict.fromkeys(problems)))
    ways.sort(key=lambda way: Channel.values.index(way[0].channel))
    specs = [spec for spec, _fees in ways]
    return CatalogueEntry(
        code=local, name=wire.name, sector=sector, agencies=agencies,
        levels=sorted(wire.levels, key=Level.values.index),
        limit=default_limit(specs), channels=specs, fees=channel_fees(ways),
        legal_basis=wire.legal_basis, components=_components(wire), result=wire.result,
    )


def _record_problem(problem: str) -> str:
    kind, _sep, value = problem.partition(":")
    return str(RECORD_PROBLEMS[RecordProblem(kind)] % {"value": value})


def _channel_spec(way: WireChannel, bare_days: str | None) -> ChannelSpec:
    """KENH's limit (THOIGIANGIAIQUYET and DONVITINH read as the export's cells are); several
    different limits for one channel are refused, not guessed."""
    if not way.limit_texts:
        raise ValueError(str(MISSING_LIMIT))
    return ChannelSpec(way.channel, time_limit_of("; ".join(way.limit_texts), bare_days),
                       way.description)


def _fees(way: WireChannel, problems: list[str]) -> list[FeeSpec]:
    """PHILEPHI of a channel: the name and legal basis from MOTA, the sum from SOTIEN."""
    fees = []
    for fee in way.fees:
        if fee.amount_vnd is None:
            problems.append(_("không rõ mức thu của khoản %(name)r") % {"name": fee.description})
            continue
        if not fee.amount_vnd:
            continue
        basis = LEGAL_BASIS.search(fee.description)
        name = (fee.description.replace(basis.group(0), " ") if basis else fee.description)
        name = " ".join(name.split()).strip(" :-–") or _("Phí, lệ phí")
        kind = FeeKind.CHARGE if fold(name).startswith("le phi") else FeeKind.FEE
        fees.append(FeeSpec(kind, name, fee.amount_vnd,
                            basis.group(1).strip(" .") if basis else "", way.channel))
    return fees


def _components(wire: WireProcedure) -> list[ComponentSpec]:
    """THANHPHANHOSO: with several cases (TRUONGHOP) each paper is named with its case and
    asked only in that case, so none is required of every dossier."""
    several = len({doc.case for doc in wire.documents}) > 1
    specs = []
    for doc in wire.documents:
        name = f"{doc.name} ({doc.case})" if several and doc.case else doc.name
        form, copies = ((CopyForm.ORIGINAL, doc.originals) if doc.originals
                        else (CopyForm.COPY, doc.copies) if doc.copies
                        else (CopyForm.ORIGINAL, 1))
        specs.append(ComponentSpec(name[:NAME_LENGTH], not several, form, copies))
    return specs


def outcome_label(outcome: str) -> str:
    return str(PullOutcome(outcome).label)



def report_lines(run: CatalogueSync) -> list[str]:
    """The run's figures, then one line per procedure that did not stay as it was."""
    lines = [_("Chạy thử: chưa lưu gì vào danh mục.")] if run.dry_run else []
    lines.append(_("Thêm mới %(created)d, phiên bản mới %(changed)d, hết hiệu lực "
                   "%(deactivated)d, không đổi %(unchanged)d, bỏ qua vì lỗi %(failed)d.") % {
        "created": run.created, "changed": run.changed, "deactivated": run.deactivated,
        "unchanged": run.unchanged, "failed": run.failed})
    for row in run.report:
        if row["outcome"] == UNCHANGED:
            continue
        detail = "; ".join(row["changes"]) or row["reason"]
        since = (_(" (hiệu lực từ %(date)s)") % {"date": _vn_date(row["effective_from"])}
                 if row["effective_from"] else "")
        lines.append(f"  {row['local']} {row['name']} — {outcome_label(row['outcome'])}"
                     f"{': ' + detail if detail else ''}{since}")
    return lines


def _vn_date(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")
