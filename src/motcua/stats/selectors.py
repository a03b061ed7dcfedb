"""Reads for the reports: report 06a and the Decision 766 indicators, straight from the dossiers.

A period's figures come from timestamps that never change once passed (acceptance, decision,
closing, rating) and from the events (the due instant as it stood at the period's end), so a
closed period gives the same numbers whatever happens later. One query per report: every
column is a filtered count over the dossiers accepted before the period's end and not ended
before its start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan, LessThan
from django.utils import timezone

from motcua.catalog.models import Channel, OnlineLevel, ProcedureVersion, Sector
from motcua.dossiers.deadlines import Timeliness
from motcua.dossiers.models import (
    Attachment,
    Dossier,
    DossierEvent,
    DossierStep,
    MonthlyDelay,
    MonthlyFigure,
    Pause,
    PauseKind,
    Rating,
    Status,
)
from motcua.dossiers.selectors import overdue
from motcua.national.models import Origin
from motcua.org.models import Agency, Role, User, VneidLink
from motcua.org.selectors import agency_ids, holding
from motcua.payments.selectors import paid_online
from motcua.stats import figures_cache
from motcua.stats.feedback import feedback_dossiers, with_feedback
from motcua.stats.indicators import Indicator, digitisation_indicators, indicators
from motcua.stats.models import MonthEnd, MonthEndOpen
from motcua.stats.rules import Counts, Digitisation, Period, percent
from motcua.workcal.engine import HOURS_PER_WORKING_DAY

# Who reads an agency's figures: its leaders and the statistics viewers (with the agencies below).
READERS = (Role.AGENCY_LEADER, Role.STATISTICS_VIEWER)
WAITING = (PauseKind.SUPPLEMENT, PauseKind.PAYMENT)
# accepted and not ended: every status between acceptance and a result or a stop
RUNNING = (Status.ACCEPTED, Status.PROCESSING, Status.SUPPLEMENT_REQUESTED,
           Status.AWAITING_PAYMENT, Status.WITHDRAWAL_REQUESTED)


class By(StrEnum):
    AGENCY = "agency"
    PROCEDURE = "procedure"
    SECTOR = "sector"


class Side(StrEnum):
    DECIDING = "deciding"  # cơ quan giải quyết
    RECEIVING = "receiving"  # cơ quan tiếp nhận (NĐ 118/2025: may differ)


# -- scope -------------------------------------------------------------------------------------


def with_descendants(roots: Iterable[int]) -> set[int]:
    """The agencies and every agency below them."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in Agency.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, todo = set(), list(roots)
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, ()))
    return found


def readable_agencies(user: User) -> set[int]:
    """The agencies whose figures and overdue list ``user`` may read (empty: none)."""
    if not user.is_authenticated or user.is_applicant:
        return set()
    return with_descendants(agency_ids(holding(user, READERS)))


def reporting_unit(agencies: set[int] | None = None) -> str:
    """Who reports the figures of ``agencies`` (None: all): the agencies at the top of them."""
    scope = Agency.objects.all() if agencies is None else Agency.objects.filter(pk__in=agencies)
    tops = scope.exclude(parent__in=scope).order_by("identifier_code")
    return "; ".join(tops.values_list("name", flat=True))


# -- report 06a --------------------------------------------------------------------------------


def _dossiers(period: Period, agencies: set[int] | None, side: Side) -> QuerySet[Dossier]:
    """Received before the end and not ended before the start: the report's whole population."""
    dossiers = Dossier.objects.filter(accepted_at__lt=period.hi).annotate(
        end=Coalesce("finished_at", "closed_at"),
    ).filter(Q(end__isnull=True) | Q(end__gte=period.lo))
    if agencies is not None:
        dossiers = dossiers.filter(**{f"{side}_agency__in": agencies})
    return dossiers


@dataclass(frozen=True)
class _Then:
    """The state at the period's end that later activity changes: the due instant, a running
    wait for the citizen, the supplement requests so far. A period not yet over reads the
    dossier's current values; a closed one reads them back from the events and pauses."""

    due: object
    waiting: object
    supplements: object


def _then(hi: dt.datetime) -> _Then:
    if hi >= timezone.now():
        return _Then(F("due_at"), Q(status__in=[Status.SUPPLEMENT_REQUESTED,
                                                Status.AWAITING_PAYMENT]),
                     F("supplement_requests"))
    due = DossierEvent.objects.filter(dossier=OuterRef("pk"), at__lt=hi).order_by(
        "-at", "-version").values("due_at")[:1]
    waiting = Pause.objects.filter(dossier=OuterRef("pk"), kind__in=WAITING,
                                   requested_at__lt=hi).filter(
        Q(completed_at__isnull=True) | Q(completed_at__gte=hi))
    supplements = Pause.objects.filter(
        dossier=OuterRef("pk"), kind=PauseKind.SUPPLEMENT, requested_at__lt=hi,
    ).order_by().values("dossier").annotate(n=Count("pk")).values("n")
    return _Then(Coalesce(Subquery(due), "due_at"), Exists(waiting),
                 Coalesce(Subquery(supplements, output_field=IntegerField()), Value(0)))


def _running(period: Period) -> Q:
    return Q(end__isnull=True) | Q(end__gte=period.hi)


def _settled_columns(period: Period) -> dict:
    """Received and ended in the period: plain columns, which PostgreSQL counts in parallel."""
    lo, hi = period.lo, period.hi
    new = Q(accepted_at__gte=lo)
    ended = Q(end__lt=hi)
    decided = ended & Q(finished_at__isnull=False)
    returned = ended & Q(finished_at__isnull=True)
    one_supplement = Q(supplement_requests__lte=1)
    count = lambda condition: Count("pk", filter=condition)  # noqa: E731
    return {
        "received_online": count(new & Q(channel=Channel.ONLINE)),
        "received_direct": count(new & Q(channel=Channel.DIRECT)),
        "received_postal": count(new & Q(channel=Channel.POSTAL)),
        "carried_over": count(~new),
        "early": count(decided & Q(timeliness=Timeliness.EARLY)),
        "on_time": count(decided & Q(timeliness=Timeliness.ON_TIME)),
        "late": count(decided & Q(timeliness=Timeliness.LATE)),
        "returned": count(returned),
        # QĐ 766 indicator 2.1: more than one supplement request counts as late
        "on_time_766": count(
            (decided & ~Q(timeliness=Timeliness.LATE) & one_supplement)
            | (returned & (Q(due_at__isnull=True) | Q(closed_at__lte=F("due_at")))
               & one_supplement)),
        "resolution_hours": Coalesce(Sum("resolution_hours", filter=decided), Value(0),
                                     output_field=Dossier._meta.get_field("resolution_hours")),
        # QĐ 766 indicator 5.4: a dossier with a PAKN about it, or rated "không hài lòng"
        "dissatisfied": count(ended & (Q(rating=Rating.DISSATISFIED, rated_at__lt=hi)
                                       | with_feedback(hi))),
    }


def _running_columns(period: Period) -> dict:
    """Still in progress at the period's end: the state of that time (events, pauses)."""
    then = _then(period.hi)
    cut = min(period.hi, timezone.now())  # a period not over yet: past due as of now
    # 06a: in progress past due, unless the clock stands still waiting for the citizen (§5.1)
    # (no time limit: never overdue; the comparison must not be NULL, or NOT would lose it)
    past_due = Q(LessThan(Coalesce(then.due, Value(cut)), cut)) & ~Q(then.waiting)
    return {
        "within": Count("pk", filter=~past_due),
        "overdue": Count("pk", filter=past_due),
        # QĐ 766 indicator 2.1: more than one supplement request counts as late
        "on_time_766": Count("pk", filter=~past_due & ~Q(GreaterThan(then.supplements, 1))),
    }


def _rows(subset: QuerySet, group: str | None, columns: dict) -> Iterable[dict]:
    """``columns`` over ``subset``, per value of ``group`` (None: one row of totals)."""
    return subset.values(group).annotate(**columns).order_by() if group \
        else [subset.aggregate(**columns)]


def _add(found: dict[object, Counts], rows: Iterable[dict], group: str | None) -> None:
    for row in rows:
        key = row.pop(group) if group else None
        found[key] = found.get(key, Counts()) + Counts(**row)


def _counted(dossiers: QuerySet[Dossier], period: Period,
             group: str | None = None) -> dict[object, Counts]:
    """The report's counts per value of ``group`` (None: one total), in two queries: the
    dossiers received and ended, and the few still running at the period's end."""
    found: dict[object, Counts] = {}
    _add(found, _rows(dossiers, group, _settled_columns(period)), group)
    _add(found, _rows(dossiers.filter(_running(period)), group, _running_columns(period)), group)
    return found


OPEN_KEY = ("receiving_agency", "deciding_agency", "procedure_version")


def open_at_end(period: Period) -> list[dict]:
    """The dossiers in progress at a closed period's end, per receiving agency, deciding
    agency and procedure version: what a month's end keeps (``services.take_month_ends``)."""
    dossiers = _dossiers(period, None, Side.DECIDING).filter(_running(period))
    return list(dossiers.values(*OPEN_KEY).annotate(**_running_columns(period)).order_by())


def _scope_counts(period: Period, agencies: set[int] | None, side: Side,
                  group: str | None = None) -> dict[object, Counts]:
    """``_counted`` over the scope's dossiers. A period of whole months from the monthly
    figures while it runs; a closed one from the cache after the first time
    (stats.figures_cache), computed as ``_closed_counts`` says."""
    if _from_months(period):
        return _monthly_counts(period, agencies, side, group, closed=False)
    return figures_cache.remembered(
        "06a", period, agencies, group or "total", side,
        lambda: _closed_counts(period, agencies, side, group))


def _closed_counts(period: Period, agencies: set[int] | None, side: Side,
                   group: str | None) -> dict[object, Counts]:
    """From the monthly figures and the counted end of its last month when there is one (whole
    months), else from the dossiers and the events."""
    if _month_end_taken(period):
        return _monthly_counts(period, agencies, side, group, closed=True)
    return _counted(_dossiers(period, agencies, side), period, group)


def _whole_months(period: Period) -> bool:
    """From the first of a month to the last day of a month."""
    return period.start.day == 1 and (period.end + dt.timedelta(days=1)).day == 1


def _from_months(period: Period) -> bool:
    """Read from the monthly figures (dossiers.figures): a period of whole months still running
    (it includes today). A closed period's state at its end comes from the events (``_then``),
    counted once per month's end (``_month_end_taken``) or cached once computed; a running
    one's is the dossiers' state now."""
    return period.start.day == 1 and not figures_cache.is_closed(period)


def _month_end_taken(period: Period) -> bool:
    """A closed period of whole months whose last month's open dossiers have been counted."""
    return (figures_cache.is_closed(period) and _whole_months(period)
            and MonthEnd.objects.filter(month=period.end.replace(day=1)).exists())


def _ended_from_months(period: Period) -> bool:
    """What ended in the period (the monthly trend, the delay attribution) is read from the
    monthly figures for a running period of whole months and for a closed one too: the figures
    put a dossier's end, and whether it was late, in the month it ended, as the live query
    counts them today (a later correction moves both alike), whereas 06a counts the state at
    the period's end, which the figures do not keep (``MonthEndOpen`` does, per month)."""
    return _from_months(period) or _whole_months(period)


def _month_sums(period: Period, agencies: set[int] | None, side: Side,
                group: str | None) -> dict[object, Counts]:
    """What was received and ended in the period, and carried over into it, from the monthly
    figures."""
    months = MonthlyFigure.objects.filter(month__lte=period.end)
    if agencies is not None:
        months = months.filter(**{f"{side}_agency__in": agencies})
    inside, before = Q(month__gte=period.start), Q(month__lt=period.start)
    total = lambda column, where: Coalesce(Sum(column, filter=where), 0)  # noqa: E731
    columns = {f"sum_{name}": total(name, inside) for name in (
        "received_online", "received_direct", "received_postal", "early", "on_time", "late",
        "returned", "on_time_766")}
    columns["sum_resolution_hours"] = Coalesce(
        Sum("resolution_hours", filter=inside), Value(Decimal(0)),
        output_field=MonthlyFigure._meta.get_field("resolution_hours"))
    columns["sum_dissatisfied"] = total("dissatisfied_rated", inside)
    # open at the period's start: received before it and not ended before it
    columns["sum_carried_over"] = total(F("received_online") + F("received_direct")
                                        + F("received_postal") - F("ended"), before)
    found: dict[object, Counts] = {}
    _add(found, ({name.removeprefix("sum_"): value for name, value in row.items()}
                 for row in _rows(months, group, columns)), group)
    return found


def _open_at(period: Period, agencies: set[int] | None, side: Side, group: str | None,
             closed: bool) -> Iterable[dict]:
    """The dossiers in progress at the period's end: counted live while it runs (by status, so
    that its index finds them), read from its last month's end once closed."""
    if not closed:
        running = _dossiers(period, agencies, side).filter(_running(period),
                                                           status__in=RUNNING)
        return _rows(running, group, _running_columns(period))
    kept = MonthEndOpen.objects.filter(month_end__month=period.end.replace(day=1))
    if agencies is not None:
        kept = kept.filter(**{f"{side}_agency__in": agencies})
    return _rows(kept, group, {name: Coalesce(Sum(name), 0)
                               for name in ("within", "overdue", "on_time_766")})


def _dissatisfied_besides(period: Period, agencies: set[int] | None, side: Side,
                          group: str | None, closed: bool) -> Iterable[dict]:
    """What "không hài lòng" adds to the figures' ratings: the ended dossiers with a PAKN or a
    complaint about them not rated so before the period's end, less (a closed period) the
    ones rated so only after it (QĐ 766 indicator 5.4)."""
    ended = _dossiers(period, agencies, side).filter(end__lt=period.hi)
    rated = Q(rating=Rating.DISSATISFIED)
    found = list(_rows(ended.filter(pk__in=feedback_dossiers(period.hi)).exclude(
        rated & Q(rated_at__lt=period.hi)), group, {"dissatisfied": Count("pk")}))
    if closed:
        found += _rows(ended.filter(rated, rated_at__gte=period.hi), group,
                       {"dissatisfied": Value(0) - Count("pk")})
    return found


def _monthly_counts(period: Period, agencies: set[int] | None, side: Side,
                    group: str | None, closed: bool) -> dict[object, Counts]:
    """``_counted``'s numbers for a period of whole months, running or ``closed`` (decided
    once by the caller, so that midnight cannot fall between two parts): what was received
    and ended from the monthly figures, the dossiers open at its end, and the ended ones with
    a PAKN about them not already counted for their rating."""
    found = _month_sums(period, agencies, side, group)
    _add(found, _open_at(period, agencies, side, group, closed), group)
    _add(found, _dissatisfied_besides(period, agencies, side, group, closed), group)
    return {key: counts for key, counts in found.items() if counts != Counts()}


@dataclass(frozen=True)
class Row:
    key: int | None
    code: str
    name: str
    counts: Counts


def totals(period: Period, agencies: set[int] | None = None,
           side: Side = Side.DECIDING) -> Counts:
    """Report 06a's figures for the whole scope."""
    return _scope_counts(period, agencies, side).get(None, Counts())


def report_06a(period: Period, by: By, agencies: set[int] | None = None,
               side: Side = Side.DECIDING) -> list[Row]:
    """Report 06a per agency, procedure or sector; rows with no dossier are left out.

    Grouped on the dossier's own columns (agency, procedure version), then versions are added
    up per procedure or sector here: a join in the query made PostgreSQL loop over the rows.
    The counts come as ``_scope_counts`` says; the names are read fresh.
    """
    group = f"{side}_agency" if by == By.AGENCY else "procedure_version"
    counts: dict[int, Counts] = {}
    owner = _owners(by)
    for key, found in _scope_counts(period, agencies, side, group).items():
        counts[owner(key)] = counts.get(owner(key), Counts()) + found
    names = _names(by, counts)
    rows = [Row(key, *names.get(key, ("", "")), counts=value) for key, value in counts.items()]
    return sorted(rows, key=lambda row: (row.code, row.name))


def _owners(by: By):
    """Maps the grouped key to the row's key: a version to its procedure or sector."""
    if by == By.AGENCY:
        return lambda key: key
    field = "procedure_id" if by == By.PROCEDURE else "sector_id"
    versions = dict(ProcedureVersion.objects.values_list("pk", field))
    return versions.__getitem__


def summed(rows: list[Row]) -> Counts:
    """The scope's totals from a report's rows: each dossier is in exactly one row."""
    return sum((row.counts for row in rows), Counts())


def _names(by: By, keys: Iterable[int]) -> dict[int, tuple[str, str]]:
    if by == By.PROCEDURE:
        latest = {}
        for version in ProcedureVersion.objects.filter(procedure__in=keys).select_related(
                "procedure").order_by("effective_from"):
            latest[version.procedure_id] = (version.procedure.code, version.name)
        return latest
    if by == By.SECTOR:
        return {s.pk: (s.code, s.name) for s in Sector.objects.filter(pk__in=keys)}
    return {a.pk: (a.identifier_code, a.name) for a in Agency.objects.filter(pk__in=keys)}


# -- Decision 766 -------------------------------------------------------------------------------


def online_procedures(period: Period, agencies: set[int] | None = None) -> tuple[int, int]:
    """Procedures in force at the period's end offered online (one part or full), and all."""
    versions = ProcedureVersion.objects.in_force(period.end)
    if agencies is not None:
        versions = versions.filter(deciding_agency__in=agencies)
    found = versions.aggregate(
        online=Count("pk", filter=Q(online_level__in=[OnlineLevel.FULL, OnlineLevel.PARTIAL])),
        every=Count("pk"))
    return found["online"], found["every"]


def payments(period: Period, agencies: set[int] | None = None,
             side: Side = Side.DECIDING) -> tuple[int, int]:
    """QĐ 766 indicator 3.6: the dossiers whose fee was confirmed in the period, those settled
    by a paid attempt on an online payment platform, and all of them.

    F766 3.6 counts DuocThanhToanTrucTuyen 1 (paid on DVCQG's platform) or 2 (the province's
    payment gateway) (integrations §3.1): the paid attempt named by the confirmation is the
    evidence, so an officer's "paid online" tick at the counter does not count."""
    events = DossierEvent.objects.filter(action="confirm_payment", at__gte=period.lo,
                                         at__lt=period.hi)
    if agencies is not None:
        events = events.filter(**{f"dossier__{side}_agency__in": agencies})
    online = events.annotate(reference=KT("payload__reference")).filter(
        Exists(paid_online(OuterRef("reference"), OuterRef("dossier"))))
    return _dossiers_of(online), _dossiers_of(events)


def _dossiers_of(events: QuerySet[DossierEvent]) -> int:
    return events.values("dossier").distinct().count()


def index_766(period: Period, agencies: set[int] | None = None, side: Side = Side.DECIDING,
              counts: Counts | None = None) -> list[Indicator]:
    """The indicators; ``counts``: the scope's 06a totals when the caller has them already."""
    return indicators(counts or totals(period, agencies, side),
                      online_procedures(period, agencies), payments(period, agencies, side))


def digitisation(period: Period, agencies: set[int] | None = None,
                 side: Side = Side.DECIDING) -> Digitisation:
    """QĐ 766 group 4's counts (integrations §6.4) from the stored evidence: the component
    files and result files kept, the recorded origin of the files motcua fetched, and the
    filing account's link to VNeID made before it filed."""
    dossiers = Dossier.objects.all()
    if agencies is not None:
        dossiers = dossiers.filter(**{f"{side}_agency__in": agencies})
    files = Attachment.objects.filter(dossier=OuterRef("pk")).exclude(file="")
    papers = files.filter(is_result=False, component__isnull=False)
    received = Q(accepted_at__gte=period.lo, accepted_at__lt=period.hi)
    resolved = Q(finished_at__gte=period.lo, finished_at__lt=period.hi)
    found = dossiers.annotate(
        has_papers=Exists(papers), has_result=Exists(files.filter(is_result=True)),
        has_reused=Exists(papers.filter(origin__isnull=False)),
        has_stored=Exists(papers.filter(origin__origin=Origin.DATA_STORE)),
        has_vneid=Exists(VneidLink.objects.filter(user=OuterRef("applicant"),
                                                  linked_at__lte=OuterRef("submitted_at"))),
    ).aggregate(
        received=Count("pk", filter=received),
        digitised=Count("pk", filter=received & Q(has_papers=True)),
        reused=Count("pk", filter=received & Q(has_reused=True)),
        identified=Count("pk", filter=received & (Q(has_stored=True) | Q(has_vneid=True))),
        resolved=Count("pk", filter=resolved),
        e_result=Count("pk", filter=resolved & Q(has_result=True)),
        fully_digitised=Count("pk", filter=resolved & Q(has_result=True, has_papers=True)),
    )
    return Digitisation(**found)


def index_766_group_4(period: Period, agencies: set[int] | None = None,
                      side: Side = Side.DECIDING) -> list[Indicator]:
    return digitisation_indicators(digitisation(period, agencies, side))


# -- the dashboard -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    period: Period
    resolved: int
    on_time: int

    @property
    def rate(self):
        return percent(self.on_time, self.resolved)


def monthly(period: Period, agencies: set[int] | None = None,
            side: Side = Side.DECIDING) -> list[Month]:
    """Resolved and resolved on time (06a) per month of the period, in one query (a period of
    whole months, running or closed: from the monthly figures, ``_ended_from_months``)."""
    months = period.months()
    if _ended_from_months(period):
        rows = MonthlyFigure.objects.filter(month__gte=period.start, month__lte=period.end)
        if agencies is not None:
            rows = rows.filter(**{f"{side}_agency__in": agencies})
        kept = {row["month"]: row for row in rows.order_by().values("month").annotate(
            ended=Sum("ended"), late=Sum("late"))}
        return [Month(month, kept.get(month.start, {}).get("ended", 0),
                      kept.get(month.start, {}).get("ended", 0)
                      - kept.get(month.start, {}).get("late", 0)) for month in months]
    on_time = Q(finished_at__isnull=True) | ~Q(timeliness=Timeliness.LATE)
    columns = {}
    for n, month in enumerate(months):
        inside = Q(end__gte=month.lo, end__lt=month.hi)
        columns[f"r{n}"] = Count("pk", filter=inside)
        columns[f"t{n}"] = Count("pk", filter=inside & on_time)
    found = _dossiers(period, agencies, side).aggregate(**columns)
    return [Month(month, found[f"r{n}"], found[f"t{n}"]) for n, month in enumerate(months)]


def ratings(period: Period, agencies: set[int] | None = None,
            side: Side = Side.DECIDING) -> dict[str, int]:
    """The ratings given in the period, by level."""
    dossiers = Dossier.objects.filter(rated_at__gte=period.lo, rated_at__lt=period.hi)
    if agencies is not None:
        dossiers = dossiers.filter(**{f"{side}_agency__in": agencies})
    found = dict(dossiers.order_by().values_list("rating").annotate(n=Count("pk")))
    return {level: found.get(level, 0) for level in Rating.values}


@dataclass(frozen=True)
class Delay:
    agency: str
    step_key: str
    step_name: str
    dossiers: int
    hours: Decimal

    @property
    def days(self) -> Decimal:
        return (self.hours / HOURS_PER_WORKING_DAY).quantize(Decimal("0.1"))


def delays(period: Period, agencies: set[int] | None = None,
           side: Side = Side.DECIDING) -> tuple[list[Delay], int]:
    """Where the late dossiers decided in the period lost their time: per agency and step,
    the dossiers whose step ran past its own allowance and the working time over. Also how
    many late dossiers had no step over its allowance (the process itself exceeds the limit,
    or the time went between steps). A running period of whole months reads the monthly
    figures (dossiers.figures), and so does a closed one (``_ended_from_months``)."""
    if _ended_from_months(period):
        return _monthly_delays(period, agencies, side)
    late = _dossiers(period, agencies, side).filter(
        finished_at__gte=period.lo, finished_at__lt=period.hi, timeliness=Timeliness.LATE)
    steps = DossierStep.objects.filter(dossier__in=late.values("pk"), overrun_hours__gt=0)
    found = steps.order_by().values(
        "agency__name", "step__key", "step__name").annotate(
        dossiers=Count("dossier", distinct=True), hours=Sum("overrun_hours"))
    unexplained = late.exclude(pk__in=steps.values("dossier")).count()
    return _delay_rows(found), unexplained


def _delay_rows(found: Iterable[dict], agency: str = "agency__name") -> list[Delay]:
    return sorted((Delay(r[agency], r["step__key"], r["step__name"], r["dossiers"], r["hours"])
                   for r in found), key=lambda d: -d.hours)


def _monthly_delays(period: Period, agencies: set[int] | None,
                    side: Side) -> tuple[list[Delay], int]:
    months = {"month__gte": period.start, "month__lte": period.end}
    if agencies is not None:
        months[f"{side}_agency__in"] = agencies
    found = MonthlyDelay.objects.filter(**months).order_by().values(
        "step_agency__name", "step__key", "step__name").annotate(
        dossiers=Sum("dossiers"), hours=Sum("hours"))
    unexplained = MonthlyFigure.objects.filter(**months).aggregate(
        n=Coalesce(Sum("late_unexplained"), 0))["n"]
    return _delay_rows((row for row in found if row["dossiers"]), "step_agency__name"), unexplained


def overdue_now(agencies: set[int], limit: int = 100) -> QuerySet[Dossier]:
    """Dossiers of these agencies still in progress past their due instant, most overdue first.
    No personal data: code, procedure, agencies, dates."""
    return Dossier.objects.filter(
        Q(receiving_agency__in=agencies) | Q(deciding_agency__in=agencies),
        overdue(timezone.now()),
    ).select_related("procedure_version", "deciding_agency").only(
        "code", "due_at", "accepted_at", "status", "procedure_version__name",
        "deciding_agency__name").order_by("due_at")[:limit]
