"""The tamper-evident history: verify every dossier's event chain, store the daily digest.

``verify`` reads (it changes nothing); ``store_digest`` writes the day's digest and moves the
recorded heads forward. Both walk the dossiers in windows of ``WINDOW`` ids (keyset on the
primary key), reading each window's events in one query ordered by (dossier, version): memory
stays flat at a million dossiers and eight million events, and the same queries run on SQLite
and PostgreSQL. The hash itself is computed in ``dossiers.chain``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from motcua.core.dates import vn_date
from motcua.dossiers import chain
from motcua.dossiers.models import AuditDigest, AuditHead, Dossier, DossierEvent
from motcua.secops import events as security_events

WINDOW = 2000  # dossiers a query; about 16,000 events
KEPT = 1000  # problems kept in the summary (every one is passed to ``on_problem``)


@dataclass(frozen=True)
class Problem:
    code: str  # the dossier code, "" for a problem of the digests themselves
    version: int | None
    message: str

    def __str__(self) -> str:
        if not self.code:
            return self.message
        if self.version is None:
            return f"{self.code}: {self.message}"
        return _("%(code)s phiên bản %(version)s: %(message)s") % {
            "code": self.code, "version": self.version, "message": self.message}


@dataclass
class Summary:
    dossiers: int = 0
    events: int = 0
    digests: int = 0
    problem_count: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return self.problem_count == 0


class DigestRefused(Exception):
    """A digest that cannot be stored for the day asked (one exists for a later day)."""


class _Reporter:
    def __init__(self, summary: Summary, on_problem: Callable[[Problem], None] | None):
        self.summary, self.on_problem = summary, on_problem

    def __call__(self, code: str, version: int | None, message: str) -> None:
        problem = Problem(code, version, message)
        self.summary.problem_count += 1
        if len(self.summary.problems) < KEPT:
            self.summary.problems.append(problem)
        if self.on_problem is not None:
            self.on_problem(problem)


def _windows(window: int, *fields, annotate: dict | None = None):
    """(dossier rows, id range) for consecutive windows; the last range is open-ended."""
    last = 0
    while True:
        query = Dossier.objects.filter(pk__gt=last).order_by("pk")
        if annotate:
            query = query.annotate(**annotate)
        rows = list(query.values_list("pk", *fields)[:window])
        upper = rows[-1][0] if rows else None
        span = {"dossier_id__gt": last}
        if upper is not None:
            span["dossier_id__lte"] = upper
        yield rows, span
        if upper is None:
            return
        last = upper


# -- verify ---------------------------------------------------------------------------------------


def verify(on_problem: Callable[[Problem], None] | None = None,
           on_progress: Callable[[Summary], None] | None = None,
           window: int = WINDOW) -> Summary:
    """Check every event's hash and link, the version sequence, and the digests' heads."""
    summary = Summary()
    report = _Reporter(summary, on_problem)
    digests = list(AuditDigest.objects.order_by("day").values_list(
        "day", "dossiers", "events", "heads_hash", "prev_root", "root"))
    summary.digests = len(digests)
    _check_digests(digests, report)
    digest_days = {row[0] for row in digests}
    heads = chain.HeadsHash()
    head_days: set[dt.date] = set()
    columns = ("dossier_id", *chain.COVERED, "prev_hash", "hash")
    for dossiers, span in _windows(window, "code", "version"):
        events = DossierEvent.objects.filter(**span).order_by("dossier_id", "version") \
            .values_list(*columns)
        recorded = {}
        for row in AuditHead.objects.filter(**span).order_by("dossier_id").values_list(
                "dossier_id", "code", "version", "hash", "day"):
            recorded[row[0]] = row
            heads.add(*row[:4])
            head_days.add(row[4])
        known = {pk: (code, version) for pk, code, version in dossiers}
        seen = set()
        for dossier_id, rows in groupby(events.iterator(chunk_size=window * 8),
                                        key=lambda row: row[0]):
            seen.add(dossier_id)
            if dossier_id not in known:
                report(f"#{dossier_id}", None,
                       _("có dòng lịch sử của một hồ sơ không còn tồn tại."))
                continue
            code, version = known[dossier_id]
            summary.events += _check_chain(code, version, list(rows), recorded.get(dossier_id),
                                           report)
        for pk, code, version in dossiers:
            if pk not in seen:
                _check_chain(code, version, [], recorded.get(pk), report)
        for dossier_id, row in recorded.items():
            if dossier_id not in known:
                report(row[1], None, _("hồ sơ đã có trong bản tóm tắt ngày %(day)s nhưng không "
                                       "còn trong cơ sở dữ liệu: hồ sơ đã bị xoá.")
                       % {"day": vn_date(row[4])})
        summary.dossiers += len(dossiers)
        if on_progress is not None and dossiers:
            on_progress(summary)
    _check_heads(digests, digest_days, heads, head_days, report)
    if summary.problem_count:  # security-operations §3.5: an audit-chain mismatch
        security_events.record("integrity_fail", check="dossier_history_chain",
                               problems=summary.problem_count, object_type="dossier_history")
    return summary


def _check_chain(code: str, dossier_version: int, rows: list, recorded, report) -> int:
    """Walk one dossier's events (ordered by version); returns how many there were."""
    expected, prev = 1, chain.GENESIS
    head_hash = None
    for row in rows:
        version, prev_hash, hash_ = row[1], row[-2], row[-1]
        if version != expected:
            report(code, expected, _("thiếu dòng lịch sử từ phiên bản %(first)s đến %(last)s: "
                                     "các dòng này đã bị xoá.")
                   % {"first": expected, "last": version - 1})
        elif prev_hash != prev:
            report(code, version, _("liên kết với dòng trước bị hỏng: prev_hash không bằng mã "
                                    "băm của phiên bản %(previous)s (dòng trước đã bị thay hoặc "
                                    "tính lại mã băm).") % {"previous": version - 1})
        if chain.event_hash(prev_hash, code, *row[1:-2]) != hash_:
            report(code, version, _("nội dung đã bị sửa: mã băm không khớp với nội dung dòng."))
        if recorded is not None and version == recorded[2]:
            head_hash = hash_
        expected, prev = version + 1, hash_
    last = expected - 1
    truncated = dossier_version > last
    if not rows:
        report(code, None, _("hồ sơ không còn dòng lịch sử nào: lịch sử đã bị xoá."))
    elif truncated:
        report(code, last + 1, _("thiếu các dòng cuối: hồ sơ ở phiên bản %(version)s nhưng lịch "
                                 "sử dừng ở phiên bản %(last)s.")
               % {"version": dossier_version, "last": last})
    if recorded is not None and rows:
        if head_hash is None and not truncated:
            report(code, recorded[2], _("dòng cuối mà bản tóm tắt ngày %(day)s đã ghi không còn: "
                                        "các dòng cuối của lịch sử đã bị xoá.")
                   % {"day": vn_date(recorded[4])})
        elif head_hash is not None and head_hash != recorded[3]:
            report(code, recorded[2], _("dòng này khác với bản tóm tắt ngày %(day)s: lịch sử "
                                        "đã bị viết lại.") % {"day": vn_date(recorded[4])})
    return len(rows)


def _check_digests(digests: list, report) -> None:
    prev_root = chain.GENESIS
    for day, dossiers, events, heads_hash, prev, root in digests:
        if prev != prev_root:
            report("", None, _("Bản tóm tắt ngày %(day)s không nối với bản tóm tắt trước nó: một "
                               "bản tóm tắt trước đó đã bị xoá hoặc bị sửa.")
                   % {"day": vn_date(day)})
        if chain.digest_root(prev, day, dossiers, events, heads_hash) != root:
            report("", None, _("Bản tóm tắt ngày %(day)s đã bị sửa: gốc không khớp nội dung.")
                   % {"day": vn_date(day)})
        prev_root = root


def _check_heads(digests: list, digest_days: set, heads: chain.HeadsHash, head_days: set,
                 report) -> None:
    for day in sorted(head_days - digest_days):
        report("", None, _("Bản tóm tắt ngày %(day)s đã bị xoá: các đầu chuỗi nó ghi vẫn còn.")
               % {"day": vn_date(day)})
    if digests:
        day, dossiers, _events, heads_hash = digests[-1][:4]
        problem = _heads_problem(heads, day, dossiers, heads_hash)
    else:
        problem = _heads_problem(heads)
    if problem:
        report("", None, problem)


def _heads_problem(heads: chain.HeadsHash, day: dt.date | None = None, dossiers: int = 0,
                   heads_hash: str = "") -> str | None:
    """What is wrong when the recorded ``heads`` do not match the latest digest (``day``,
    ``dossiers``, ``heads_hash``; no day: there is no digest); None when they match."""
    if day is None:
        return _("Có đầu chuỗi đã ghi nhưng không còn bản tóm tắt nào: các bản tóm tắt đã bị xoá, "
                 "hoặc lần lập bản tóm tắt đầu tiên bị gián đoạn.") if heads.count else None
    if heads.hexdigest() != heads_hash or heads.count != dossiers:
        return _("Các đầu chuỗi không khớp bản tóm tắt mới nhất (ngày %(day)s): một bản tóm tắt "
                 "sau ngày đó đã bị xoá, một lần lập bản tóm tắt bị gián đoạn, hoặc bảng đầu "
                 "chuỗi đã bị sửa.") % {"day": vn_date(day)}
    return None


# -- the daily digest -----------------------------------------------------------------------------


def store_digest(day: dt.date, on_problem: Callable[[Problem], None] | None = None,
                 window: int = WINDOW) -> tuple[AuditDigest, bool, Summary]:
    """Record every dossier's head and seal the day: (digest, created, summary).

    Idempotent: a digest that exists for ``day`` is returned as it is. A recorded head moves
    forward only when the dossier's history still holds it unchanged; otherwise it is kept (so
    ``verify`` keeps reporting) and the problem is reported here too.

    The heads are written window by window (no long write transaction), the digest row last. A
    run interrupted in between leaves heads stamped with a day that has no digest; the next run
    reports that the heads no longer match the latest digest (as it would if that digest had
    been deleted: the two look the same), stamps those heads with its own day and seals them.
    """
    existing = AuditDigest.objects.filter(day=day).first()
    if existing is not None:
        return existing, False, Summary(digests=1)
    latest = AuditDigest.objects.order_by("-day").first()
    if latest is not None and latest.day > day:
        raise DigestRefused(_("đã có bản tóm tắt của ngày %(day)s, sau ngày %(asked)s.")
                            % {"day": vn_date(latest.day), "asked": vn_date(day)})
    summary = Summary()
    report = _Reporter(summary, on_problem)
    heads, before = chain.HeadsHash(), chain.HeadsHash()  # after this run; as recorded
    sealed = latest.day if latest is not None else None
    events = DossierEvent.objects.filter(dossier=OuterRef("pk")).order_by("-version")
    annotate = {"head_version": Subquery(events.values("version")[:1]),
                "head_hash": Subquery(events.values("hash")[:1])}
    still = Subquery(DossierEvent.objects.filter(
        dossier_id=OuterRef("dossier_id"), version=OuterRef("version")).values("hash")[:1])
    for dossiers, span in _windows(window, "code", "head_version", "head_hash",
                                   annotate=annotate):
        current = {row[0]: row for row in dossiers}
        recorded = {head.dossier_id: head for head in
                    AuditHead.objects.filter(**span).annotate(still=still)}
        created, moved = [], []
        for dossier_id in sorted(current.keys() | recorded.keys()):
            head = recorded.get(dossier_id)
            row = current.get(dossier_id)
            if head is not None:
                before.add(dossier_id, head.code, head.version, head.hash)
            if head is None:
                _pk, code, version, hash_ = row
                if version is None:
                    report(code, None, _("hồ sơ không còn dòng lịch sử nào: lịch sử đã bị xoá."))
                    continue
                head = AuditHead(dossier_id=dossier_id, code=code, version=version, hash=hash_,
                                 day=day)
                created.append(head)
            elif row is None:
                report(head.code, None, _("hồ sơ đã có trong bản tóm tắt ngày %(day)s nhưng không "
                                          "còn trong cơ sở dữ liệu: hồ sơ đã bị xoá.")
                       % {"day": vn_date(head.day)})
            elif head.still != head.hash:
                report(head.code, head.version, _("dòng này khác với bản tóm tắt ngày %(day)s "
                                                  "hoặc không còn: lịch sử đã bị viết lại hoặc "
                                                  "bị xoá; đầu chuỗi cũ được giữ.")
                       % {"day": vn_date(head.day)})
            elif row[2] > head.version:
                head.version, head.hash, head.day = row[2], row[3], day
                moved.append(head)
            elif head.day != day and (sealed is None or head.day > sealed):
                # stamped by an interrupted run (reported below): sealed by this one
                head.day = day
                moved.append(head)
            heads.add(dossier_id, head.code, head.version, head.hash)
        with transaction.atomic():
            AuditHead.objects.bulk_create(created, batch_size=1000)
            AuditHead.objects.bulk_update(moved, ["version", "hash", "day"], batch_size=500)
        summary.dossiers += len(dossiers)
    summary.events = heads.events
    problem = _heads_problem(before, latest.day, latest.dossiers, latest.heads_hash) \
        if latest is not None else _heads_problem(before)
    if problem:
        report("", None, problem)
    prev_root = latest.root if latest is not None else chain.GENESIS
    heads_hash = heads.hexdigest()
    try:
        with transaction.atomic():
            digest = AuditDigest.objects.create(
                day=day, dossiers=heads.count, events=heads.events, heads_hash=heads_hash,
                prev_root=prev_root,
                root=chain.digest_root(prev_root, day, heads.count, heads.events, heads_hash))
    except IntegrityError:  # another run stored the day's digest meanwhile
        return AuditDigest.objects.get(day=day), False, summary
    summary.digests = 1
    return digest, True, summary


# -- writing the chain ----------------------------------------------------------------------------


def seal(event: DossierEvent, code: str, prev_hash: str) -> None:
    """Set ``prev_hash`` and ``hash`` of an event about to be saved."""
    event.prev_hash = prev_hash
    covered = (getattr(event, name) for name in chain.COVERED)
    event.hash = chain.event_hash(prev_hash, code, *covered)
