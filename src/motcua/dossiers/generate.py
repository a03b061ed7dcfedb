"""Synthetic dossiers at province scale, for benchmarks and trials (``motcua gen_dossiers``).

It lives in the dossiers app because the management command ``gen_dossiers`` runs it (the
benchmarks in bench/ call that command, or this module, on a scratch database).

Every dossier is consistent with what the engine would have written: acceptance in office
hours of a working day, the due instant from the receiving agency's calendar, the process
steps in order with their own due instants and overruns, supplement and payment pauses that
move the due instants as the services move them (``deadlines.due_after_pause``: recounted
under the restart policy, else shifted by the pause), events carrying the due instant, the
figures fixed at the decision (``deadlines.timeliness``, ``resolution_hours``). The
mix: channels as the procedure allows (mostly online), about 12 % decided late, 10 % with one
supplement request and 2 % with two, 5 % paying a fee (most online), 3 % stopped or withdrawn,
1 % refused, 40 % of delivered results rated. Whatever would end after ``end`` is still open.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from motcua.catalog.models import Channel, ProcedureVersion, SupplementPolicy
from motcua.catalog.process import working_hours_of
from motcua.core.dates import to_local
from motcua.core.text import fold
from motcua.dossiers import chain, deadlines
from motcua.dossiers.codes import format_code
from motcua.dossiers.models import (
    DailySequence,
    Dossier,
    DossierEvent,
    DossierStep,
    OwnerType,
    Pause,
    PauseKind,
    Rating,
    Status,
    StepState,
)
from motcua.workcal.engine import Calendar, Unit
from motcua.workcal.selectors import calendar_for

CHUNK = 2000
CHANNEL_WEIGHTS = {Channel.ONLINE: 60, Channel.DIRECT: 35, Channel.POSTAL: 5}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Thu", "Đức", "Ngọc", "Hữu", "Thanh", "Xuân"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Hà", "Thắng", "Tuyết", "Lan", "Hùng", "Phương",
         "Sơn", "Trang", "Long", "Yến", "Nam", "Hương", "Tuấn", "Mai", "Quyết", "Nhung"]
RATINGS = [Rating.SATISFIED] * 86 + [Rating.NORMAL] * 9 + [Rating.DISSATISFIED] * 5
H = Unit.WORKING_HOURS


@dataclass
class _Step:
    step: object
    agency: object
    calendar: Calendar
    hours: float


@dataclass
class _Procedure:
    version: ProcedureVersion
    receivers: list
    channels: list[str]
    weights: list[int]
    limit_hours: float
    steps: list[_Step]


@dataclass
class _Built:
    """One dossier's rows, as column values (model instances cost more than the rest)."""

    dossier: dict
    steps: list[dict] = field(default_factory=list)
    pauses: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)


def _procedures() -> list[_Procedure]:
    found = []
    versions = ProcedureVersion.objects.filter(effective_to__isnull=True).select_related(
        "deciding_agency", "procedure").prefetch_related(
        "receiving_agencies", "steps__agency", "channel_limits")
    for version in versions:
        steps = sorted(version.steps.all(), key=lambda s: s.order)
        if not steps:
            continue
        channels = [c for c in version.channels if c in CHANNEL_WEIGHTS] or [Channel.DIRECT]
        limit = working_hours_of(version.time_limit_value or Decimal(5), version.time_limit_unit)
        found.append(_Procedure(
            version, version.receivers(), channels, [CHANNEL_WEIGHTS[c] for c in channels],
            float(limit),
            [_Step(s, s.agency or version.deciding_agency,
                   calendar_for(s.agency or version.deciding_agency),
                   float(working_hours_of(s.duration_value, s.duration_unit))) for s in steps],
        ))
    return found


class Generator:
    def __init__(self, end: dt.datetime, years: int, seed: int):
        self.end = end
        self.rng = random.Random(seed)  # noqa: S311 (synthetic data, not secrets)
        self.procedures = _procedures()
        if not self.procedures:
            raise ValueError("no procedure with a process")
        first = to_local(end).date() - dt.timedelta(days=365 * years)
        default = calendar_for()
        every = (first + dt.timedelta(days=n) for n in range((to_local(end).date() - first).days))
        self.days = [day for day in every if default.is_working_day(day)]
        self.sequences = {(a, d): n for a, d, n in
                          DailySequence.objects.values_list("agency_id", "day", "last")}
        self.calendars: dict[int, Calendar] = {}

    def _calendar(self, agency) -> Calendar:
        if agency.pk not in self.calendars:
            self.calendars[agency.pk] = calendar_for(agency)
        return self.calendars[agency.pk]

    def _code(self, agency, instant: dt.datetime) -> str:
        day = to_local(instant).date()
        number = self.sequences.get((agency.pk, day), 0) + 1
        self.sequences[(agency.pk, day)] = number
        return format_code(agency.identifier_code, day, number)

    def dossier(self) -> _Built:
        rng = self.rng
        procedure = rng.choice(self.procedures)
        version = procedure.version
        agency = rng.choice(procedure.receivers)
        calendar = self._calendar(agency)
        channel = rng.choices(procedure.channels, procedure.weights)[0]
        day = rng.choice(self.days)
        opening = calendar.opening(day)
        accepted = calendar.due(opening, rng.uniform(0, 7.5), H)
        submitted = accepted - dt.timedelta(hours=rng.uniform(0, 40)) \
            if channel == Channel.ONLINE else accepted
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        dossier = {
            "procedure_version_id": version.pk, "receiving_agency_id": agency.pk,
            "deciding_agency_id": version.deciding_agency_id, "channel": channel,
            "owner_type": OwnerType.CITIZEN, "owner_name": name,
            "owner_id_number": f"0{rng.randrange(10**11):011d}", "subject": version.name[:500],
            "submitted_at": submitted, "status": Status.ACCEPTED, "supplement_requests": 0,
            "code": self._code(agency, submitted),
        }
        dossier["search_text"] = fold(f"{dossier['code']} {name} {dossier['owner_id_number']} "
                                      f"{dossier['subject']}")
        built = _Built(dossier)
        if channel == Channel.ONLINE:
            self._event(built, "submit", submitted, None, Status.SUBMITTED)
            if rng.random() < 0.01:  # refused at reception
                dossier["closed_at"] = accepted
                dossier["close_reason"] = "Hồ sơ không thuộc thẩm quyền giải quyết."
                self._event(built, "refuse", accepted, Status.SUBMITTED, Status.REFUSED)
                return built
        dossier["accepted_at"] = accepted
        limit = version.limit_for(channel)
        dossier["due_at"] = dossier["original_due_at"] = deadlines.due_after_acceptance(
            calendar, accepted, limit.value, limit.unit, version.cutoff, limit.months)
        action = "accept" if channel == Channel.ONLINE else "receive"
        self._event(built, action, accepted, dossier["status"] if action == "accept" else None,
                    Status.ACCEPTED)
        self._process(built, procedure, calendar)
        return built

    def _process(self, built: _Built, procedure: _Procedure, calendar: Calendar) -> None:
        rng, dossier = self.rng, built.dossier
        draw = rng.random()
        ratio = rng.uniform(1.02, 1.8) if draw < 0.12 else rng.uniform(0.94, 1.0) \
            if draw < 0.35 else rng.uniform(0.3, 0.94)
        work = ratio * procedure.limit_hours
        allowance = sum(step.hours for step in procedure.steps)
        late_step = rng.randrange(len(procedure.steps)) if ratio > 1 else -1
        supplements = 2 if draw > 0.98 else 1 if draw > 0.88 else 0
        pays = rng.random() < 0.05
        stops = rng.random() < 0.03
        t = dossier["accepted_at"] + dt.timedelta(minutes=rng.randrange(5, 60))
        if t > self.end:
            return
        self._event(built, "forward", t, Status.ACCEPTED, Status.PROCESSING)
        for index, spec in enumerate(procedure.steps):
            share = spec.hours / allowance * min(work, 0.9 * procedure.limit_hours)
            if index == late_step:
                share += work - 0.9 * procedure.limit_hours
            step = {"step_id": spec.step.pk, "agency_id": spec.agency.pk,
                    "state": StepState.ACTIVE, "started_at": t,
                    # the step's own limit, as services._activate sets it
                    "due_at": spec.calendar.due(t, spec.step.duration_value,
                                                spec.step.duration_unit)}
            built.steps.append(step)
            t = spec.calendar.due(t, max(share, 0.25), H)
            last = index == len(procedure.steps) - 1
            if t > self.end:
                return
            if index < supplements or (pays and last):
                kind = PauseKind.PAYMENT if pays and last else PauseKind.SUPPLEMENT
                t = self._pause(built, procedure, calendar, t, kind, step, spec)
                if t is None:
                    return
            step.update(state=StepState.DONE, ended_at=t,
                        overrun_hours=deadlines.overrun_hours(spec.calendar, step["due_at"], t))
            if stops and index == 0:
                self._stop(built, t)
                return
            if last:
                self._decide(built, t, spec.step.key)
            else:
                self._event(built, "complete_step", t, Status.PROCESSING, Status.PROCESSING,
                            spec.step.key)

    def _pause(self, built: _Built, procedure: _Procedure, calendar: Calendar, t: dt.datetime,
               kind: PauseKind, step: dict, spec: _Step) -> dt.datetime | None:
        """A wait for the citizen from ``t`` during ``step``: its end, or None if still waiting.
        When it ends, the dossier's and the step's due instants move as the services move them
        (deadlines.due_after_pause: recounted under the restart policy, else shifted)."""
        rng, dossier, version = self.rng, built.dossier, procedure.version
        hours = rng.uniform(2, 16) if kind == PauseKind.PAYMENT else rng.uniform(8, 40)
        done = calendar.due(t, hours, H)
        pause = {"kind": kind, "requested_at": t, "reason": "Sinh tự động"}
        built.pauses.append(pause)
        waiting = Status.AWAITING_PAYMENT if kind == PauseKind.PAYMENT \
            else Status.SUPPLEMENT_REQUESTED
        request = "request_payment" if kind == PauseKind.PAYMENT else "request_supplement"
        if kind == PauseKind.SUPPLEMENT:
            dossier["supplement_requests"] += 1
        self._event(built, request, t, Status.PROCESSING, waiting)
        if done > self.end:
            return None
        pause["completed_at"] = done
        # NĐ 61/2018 art. 19(4): a supplement under the restart policy recounts the limit
        restart = kind == PauseKind.SUPPLEMENT \
            and version.supplement_policy == SupplementPolicy.RESTART
        limit = version.limit_for(dossier["channel"])
        dossier["due_at"] = deadlines.due_after_pause(
            calendar, dossier["due_at"], t, done, limit.value, limit.unit, version.cutoff,
            restart=restart, months=limit.months)
        step["due_at"] = deadlines.due_after_pause(
            spec.calendar, step["due_at"], t, done, spec.step.duration_value,
            spec.step.duration_unit, restart=restart)
        answer = "confirm_payment" if kind == PauseKind.PAYMENT else "supplement"
        payload = {"paid_online": rng.random() < 0.7} if kind == PauseKind.PAYMENT else {}
        self._event(built, answer, done, waiting, Status.PROCESSING, payload=payload)
        return done

    def _stop(self, built: _Built, t: dt.datetime) -> None:
        dossier = built.dossier
        if self.rng.random() < 0.3:
            self._event(built, "withdraw", t, Status.PROCESSING, Status.WITHDRAWAL_REQUESTED)
        dossier["closed_at"] = t + dt.timedelta(minutes=30)
        dossier["close_reason"] = "Dừng xử lý theo đề nghị"
        self._event(built, "stop", dossier["closed_at"], dossier["status"], Status.STOPPED)

    def _decide(self, built: _Built, t: dt.datetime, step_key: str) -> None:
        rng, dossier = self.rng, built.dossier
        calendar = self.calendars[dossier["receiving_agency_id"]]
        dossier["finished_at"] = t
        dossier["timeliness"] = deadlines.timeliness(t, dossier["due_at"]).value
        dossier["resolution_hours"] = deadlines.resolution_hours(
            calendar, dossier["accepted_at"], t,
            [(p["requested_at"], p.get("completed_at")) for p in built.pauses])
        self._event(built, "approve", t, Status.PROCESSING, Status.FINISHED, step_key)
        returned = calendar.due(t, rng.uniform(0.5, 16), H)
        if returned > self.end:
            return
        dossier["returned_at"] = returned
        dossier["result_received_by"] = dossier["owner_name"]
        self._event(built, "deliver", returned, Status.FINISHED, Status.DELIVERED)
        if rng.random() < 0.4 and returned + dt.timedelta(hours=2) <= self.end:
            dossier["rating"] = rng.choice(RATINGS).value
            dossier["rated_at"] = returned + dt.timedelta(hours=2)
            self._event(built, "rate", dossier["rated_at"], Status.DELIVERED, Status.DELIVERED,
                        payload={"rating": dossier["rating"]})

    def _event(self, built: _Built, action: str, at: dt.datetime, before, after,
               step_key: str = "", payload: dict | None = None) -> None:
        dossier = built.dossier
        dossier["status"] = after
        event = {
            "action": action, "actor_id": None, "role": "", "at": at, "from_status": before,
            "to_status": after, "step_key": step_key, "note": "", "payload": payload or {},
            "version": len(built.events) + 1, "due_at": dossier.get("due_at"),
        }
        # chained as services._record chains a real event (dossiers.chain)
        event["prev_hash"] = built.events[-1]["hash"] if built.events else chain.GENESIS
        event["hash"] = chain.event_hash(event["prev_hash"], dossier["code"],
                                         *(event[name] for name in chain.COVERED))
        built.events.append(event)


def generate(count: int, end: dt.datetime, years: int = 2, seed: int = 20261121,
             progress: Callable[[int], None] = lambda done: None) -> int:
    """Insert ``count`` dossiers accepted over ``years`` years up to ``end``; returns count."""
    generator = Generator(end, years, seed)
    tables = {model: _Table(model) for model in (Dossier, DossierStep, Pause, DossierEvent)}
    done = 0
    while done < count:
        built = [generator.dossier() for _ in range(min(CHUNK, count - done))]
        with transaction.atomic():
            _save(tables, built)
        done += len(built)
        progress(done)
    _save_sequences(generator.sequences)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(tables)):
            cursor.execute(sql)
    return done


class _Table:
    """Plain INSERTs of column values with the model's defaults: a million rows in minutes."""

    def __init__(self, model):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.defaults = {f.attname: None if f.null else f.get_default() for f in self.fields}
        self.adapt = {f.attname: _adapter(f) for f in self.fields}
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        table = connection.ops.quote_name(model._meta.db_table)  # names from the model only
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
        self.copy = f"COPY {table} ({columns}) FROM STDIN"
        self.next_id = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    def insert(self, rows: list[dict]) -> None:
        now = timezone.now()
        values = []
        for row in rows:
            row["id"] = self.next_id
            self.next_id += 1
            full = {**self.defaults, "created_at": now, "updated_at": now, **row}
            values.append([self.adapt[name](full[name]) for name in self.adapt])
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":  # COPY: ten times the rows of INSERTs
                with cursor.cursor.copy(self.copy) as copy:
                    for line in values:
                        copy.write_row(line)
            else:
                cursor.executemany(self.sql, values)


def _adapter(field) -> Callable:
    if field.get_internal_type() == "DateTimeField":
        return lambda value: value if value is None else \
            connection.ops.adapt_datetimefield_value(value)
    if field.get_internal_type() == "DecimalField":
        return lambda value: value if value is None else \
            connection.ops.adapt_decimalfield_value(value, field.max_digits, field.decimal_places)
    if field.get_internal_type() == "JSONField":
        return json.dumps
    return lambda value: value


def _save(tables: dict, built: list[_Built]) -> None:
    for item in built:
        item.dossier["version"] = len(item.events)
    tables[Dossier].insert([item.dossier for item in built])
    for model, rows in ((DossierStep, "steps"), (Pause, "pauses"), (DossierEvent, "events")):
        objects = []
        for item in built:
            for row in getattr(item, rows):
                row["dossier_id"] = item.dossier["id"]
                objects.append(row)
        tables[model].insert(objects)


def _save_sequences(sequences: dict) -> None:
    """Carry the numbers used forward, so the next real dossier of the day gets a new code."""
    known = {(a, d): n for a, d, n in DailySequence.objects.values_list(
        "agency_id", "day", "last")}
    with transaction.atomic():
        DailySequence.objects.bulk_create(
            [DailySequence(agency_id=a, day=d, last=n) for (a, d), n in sequences.items()
             if (a, d) not in known], batch_size=5000)
        for (agency, day), number in sequences.items():
            if (agency, day) in known and known[(agency, day)] < number:
                DailySequence.objects.filter(agency_id=agency, day=day).update(last=number)
