"""The monthly figures the reports read: a running period's 06a, QĐ 766 and delays, and any
period of whole months' trend and delays (stats.selectors).

A dossier adds to the month it was accepted in (received, per channel) and to the month it
ended in (decided early, on time or late, or returned without a result; its working time; the
QĐ 766 and satisfaction counts; where a late one's time went), keyed by its receiving and
deciding agency and its procedure version. ``share`` says what one dossier adds, from its own
columns (and, decided late, its steps' overruns); every lifecycle write takes the dossier's
share before and after the change and appends the difference (``record``), in the same
transaction as the event: committed with it or not at all, so nothing acknowledged is lost and
nothing rolled back is counted. Appending, never updating, means no two transactions wait on
the same row (an updated counter row would be held from the update to the commit, as the
daily code counter is). ``compact`` folds a month's rows into one, ``rebuild`` recomputes every
row from the dossiers with SQL (``motcua monthly_figures``), a second computation the tests
compare with the kept one.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, DateField, Exists, F, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth

from motcua.catalog.models import Channel
from motcua.core.dates import to_local
from motcua.core.locks import lock_exclusive
from motcua.dossiers.deadlines import Timeliness
from motcua.dossiers.models import (
    Dossier,
    DossierStep,
    MonthlyDelay,
    MonthlyFigure,
    Rating,
)

COLUMNS = ("received_online", "received_direct", "received_postal", "ended", "early", "on_time",
           "late", "returned", "on_time_766", "resolution_hours", "dissatisfied_rated",
           "late_unexplained")
FIGURE_KEY = ("month", "receiving_agency_id", "deciding_agency_id", "procedure_version_id")
DELAY_KEY = ("month", "receiving_agency_id", "deciding_agency_id", "step_agency_id", "step_id")
RECEIVED = {Channel.ONLINE: "received_online", Channel.DIRECT: "received_direct",
            Channel.POSTAL: "received_postal"}


def month_of(instant: dt.datetime) -> dt.date:
    """The first day of the instant's month, Vietnam date."""
    return to_local(instant).date().replace(day=1)


@dataclass
class Share:
    """What one dossier adds to the monthly tables: per key, the columns' values."""

    figures: dict[tuple, Counter] = field(default_factory=dict)
    delays: dict[tuple, Counter] = field(default_factory=dict)


def share(dossier: Dossier) -> Share:
    """The dossier's part of the monthly figures as it stands (nothing before acceptance)."""
    found = Share()
    if dossier.accepted_at is None:
        return found
    keys = (dossier.receiving_agency_id, dossier.deciding_agency_id,
            dossier.procedure_version_id)
    received = found.figures.setdefault((month_of(dossier.accepted_at), *keys), Counter())
    received[RECEIVED[Channel(dossier.channel)]] += 1
    end = dossier.finished_at or dossier.closed_at
    if end is None:
        return found
    ended = found.figures.setdefault((month_of(end), *keys), Counter())
    ended["ended"] += 1
    one_supplement = dossier.supplement_requests <= 1
    if dossier.finished_at is None:
        ended["returned"] += 1
        # QĐ 766 indicator 2.1: stopped before its due instant, at most one supplement request
        due = dossier.due_at
        ended["on_time_766"] += one_supplement and (due is None or dossier.closed_at <= due)
    else:
        late = dossier.timeliness == Timeliness.LATE
        if dossier.timeliness:
            ended[dossier.timeliness] += 1
        ended["resolution_hours"] += dossier.resolution_hours or Decimal(0)
        # QĐ 766 indicator 2.1: more than one supplement request counts as late
        ended["on_time_766"] += one_supplement and not late
        if late:
            _late_steps(dossier, found, month_of(end))
    # QĐ 766 indicator 5.4: rated "không hài lòng" (a PAKN about it is read from the PAKN)
    ended["dissatisfied_rated"] += dossier.rating == Rating.DISSATISFIED
    return found


def _late_steps(dossier: Dossier, found: Share, month: dt.date) -> None:
    """Where a late dossier's time went: each step (agency, process step) over its time."""
    over = defaultdict(Decimal)
    for agency, step, hours in dossier.steps.filter(overrun_hours__gt=0).values_list(
            "agency_id", "step_id", "overrun_hours"):
        over[agency, step] += hours
    if not over:
        found.figures[(month, dossier.receiving_agency_id, dossier.deciding_agency_id,
                       dossier.procedure_version_id)]["late_unexplained"] += 1
    for (agency, step), hours in over.items():
        found.delays[(month, dossier.receiving_agency_id, dossier.deciding_agency_id, agency,
                      step)] = Counter(dossiers=1, hours=hours)


def _difference(before: dict[tuple, Counter], after: dict[tuple, Counter]
                ) -> Iterable[tuple[tuple, dict]]:
    for key in before.keys() | after.keys():
        old, new = before.get(key, Counter()), after.get(key, Counter())
        change = {name: new[name] - old[name] for name in old.keys() | new.keys()}
        if any(change.values()):
            yield key, change


def record(before: Share, dossier: Dossier) -> None:
    """Append the change of the dossier's share since ``before`` (inside the event's
    transaction; nothing is written when the figures did not move)."""
    after = share(dossier)
    figures = [MonthlyFigure(**dict(zip(FIGURE_KEY, key, strict=True)), **change)
               for key, change in _difference(before.figures, after.figures)]
    delays = [MonthlyDelay(**dict(zip(DELAY_KEY, key, strict=True)), **change)
              for key, change in _difference(before.delays, after.delays)]
    if figures:
        MonthlyFigure.objects.bulk_create(figures)
    if delays:
        MonthlyDelay.objects.bulk_create(delays)


# -- folding and rebuilding ---------------------------------------------------------------------


def compact() -> int:
    """Fold each key's rows into one (a scheduled job); the rows folded.

    Deletes exactly the rows it summed, by id: a row committed meanwhile stays as it is. The
    rows read are locked, so a rebuild (which locks the tables) waits for the fold or the fold
    for it, never mixing the two."""
    folded = 0
    for model, key, columns in ((MonthlyFigure, FIGURE_KEY, COLUMNS),
                                (MonthlyDelay, DELAY_KEY, ("dossiers", "hours"))):
        with transaction.atomic():
            groups: dict[tuple, list] = defaultdict(list)
            for row in model.objects.select_for_update().values("pk", *key, *columns):
                groups[tuple(row[name] for name in key)].append(row)
            ids, sums = [], []
            for values, rows in groups.items():
                if len(rows) > 1:
                    ids += [row["pk"] for row in rows]
                    sums.append(model(**dict(zip(key, values, strict=True)),
                                      **{c: sum(row[c] for row in rows) for c in columns}))
            model.objects.filter(pk__in=ids).delete()
            model.objects.bulk_create(sums)
            folded += len(ids)
    return folded


VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")  # by name: SQLite's truncation needs one


def _month(instant) -> TruncMonth:
    return TruncMonth(instant, output_field=DateField(), tzinfo=VIETNAM)


def rebuild() -> int:
    """Every monthly row again from the dossiers (after an import or ``recompute_figures``),
    in one transaction; the dossiers counted. The tables are locked meanwhile (PostgreSQL), so
    an event's change waits and lands on the rebuilt rows."""
    with transaction.atomic():
        lock_exclusive(MonthlyFigure, MonthlyDelay)
        MonthlyFigure.objects.all().delete()
        MonthlyDelay.objects.all().delete()
        rows = _received_rows() + _ended_rows()
        MonthlyFigure.objects.bulk_create(rows, batch_size=2000)
        MonthlyDelay.objects.bulk_create(_delay_rows(), batch_size=2000)
    return sum(row.received_online + row.received_direct + row.received_postal for row in rows)


GROUP = ("receiving_agency_id", "deciding_agency_id", "procedure_version_id")


def _received_rows() -> list[MonthlyFigure]:
    found = Dossier.objects.filter(accepted_at__isnull=False).annotate(
        month=_month("accepted_at")).values("month", *GROUP).annotate(
        **{column: Count("pk", filter=Q(channel=channel))
           for channel, column in RECEIVED.items()}).order_by()
    return [MonthlyFigure(**row) for row in found]


def _ended_rows() -> list[MonthlyFigure]:
    overrun = DossierStep.objects.filter(dossier=OuterRef("pk"), overrun_hours__gt=0)
    decided = Q(finished_at__isnull=False)
    returned = Q(finished_at__isnull=True)
    one_supplement = Q(supplement_requests__lte=1)
    late = decided & Q(timeliness=Timeliness.LATE)
    count = lambda condition: Count("pk", filter=condition)  # noqa: E731
    found = Dossier.objects.filter(accepted_at__isnull=False).annotate(
        end=Coalesce("finished_at", "closed_at")).filter(end__isnull=False).annotate(
        month=_month("end")).values("month", *GROUP).annotate(
        ended=Count("pk"),
        early=count(decided & Q(timeliness=Timeliness.EARLY)),
        on_time=count(decided & Q(timeliness=Timeliness.ON_TIME)),
        late=count(late),
        returned=count(returned),
        on_time_766=count(one_supplement & (
            (decided & ~Q(timeliness=Timeliness.LATE))
            | (returned & (Q(due_at__isnull=True) | Q(closed_at__lte=F("due_at")))))),
        resolution_hours=Coalesce(Sum("resolution_hours", filter=decided), Value(Decimal(0))),
        dissatisfied_rated=count(Q(rating=Rating.DISSATISFIED)),
        late_unexplained=count(late & ~Exists(overrun)),
    ).order_by()
    return [MonthlyFigure(**row) for row in found]


def _delay_rows() -> list[MonthlyDelay]:
    found = DossierStep.objects.filter(
        overrun_hours__gt=0, dossier__accepted_at__isnull=False,
        dossier__finished_at__isnull=False, dossier__timeliness=Timeliness.LATE,
    ).annotate(month=_month("dossier__finished_at"),
               receiving_agency_id=F("dossier__receiving_agency"),
               deciding_agency_id=F("dossier__deciding_agency"),
               step_agency_id=F("agency")).values(*DELAY_KEY).annotate(
        dossiers=Count("dossier", distinct=True), hours=Sum("overrun_hours")).order_by()
    return [MonthlyDelay(**row) for row in found]
