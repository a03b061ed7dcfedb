"""QĐ 766/QĐ-TTg group 5 on feedback and petitions (PAKN): the on-time tests of indicator 5.2
and the counts of 5.1-5.3 (domain feedback-complaints §3.3; 766F §5.2). Pure: the cases come
from ``stats.feedback`` as objects with the PAKN's stored instants.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

# the statuses that end a PAKN at intake: refused ("Từ chối tiếp nhận", never received) or
# sent to the competent body
REFUSED, TRANSFERRED, ANSWERED_PRIVATE = "refused", "transferred", "answered_private"


class Pakn(Protocol):
    status: str
    class_766: str
    refuse_due: dt.datetime
    transfer_due: dt.datetime
    supplement_due: dt.datetime
    answer_due: dt.datetime
    publish_due: dt.datetime | None
    supplement_requested_at: dt.datetime | None
    approved_at: dt.datetime | None
    published_at: dt.datetime | None
    closed_at: dt.datetime | None


def _by(done: dt.datetime | None, due: dt.datetime | None, hi: dt.datetime) -> bool | None:
    """None when the step was not taken before ``hi``; else whether it was in time."""
    if done is None or done >= hi:
        return None
    return due is None or done <= due


def on_time(case: Pakn, hi: dt.datetime) -> bool:
    """QĐ 766 indicator 5.2 as of ``hi`` (the first instant after the period): every test that
    applies holds. Refused or returned ≤ T0 + 2 WD; the first supplement request ≤ T0 + 5;
    handled (start of "chờ công khai") ≤ T0 + 15; published ≤ 2 WD after that; still open at
    the period's end: the end ≤ T0 + 15 (the dues were computed from T0 with these rows)."""
    ending = {REFUSED: case.refuse_due, TRANSFERRED: case.transfer_due}.get(case.status)
    tests = [
        _by(case.closed_at, ending, hi) if ending else None,
        _by(case.supplement_requested_at, case.supplement_due, hi),
        _by(case.approved_at, case.answer_due, hi),
        _by(case.published_at, case.publish_due, hi),
        _by(case.closed_at, case.publish_due, hi) if case.status == ANSWERED_PRIVATE else None,
    ]
    done = case.closed_at is not None and case.closed_at < hi
    handled = case.approved_at is not None and case.approved_at < hi
    if not done and not handled:
        tests.append(hi <= case.answer_due)  # open at the period's end
    return all(test is not False for test in tests)


@dataclass(frozen=True)
class FeedbackCounts:
    """What QĐ 766 group 5 counts of the PAKN first received in the period."""

    total: int = 0  # received in the period (by first reception)
    classed: int = 0  # of them, classed "quy định, chính sách, TTHC" or "hành vi của CBCC"
    on_time: int = 0  # of them, passing every test of 5.2
    received: int = 0  # of them, not refused at intake (5.3's population)
    late: int = 0  # of those, failing a test of 5.2
    disliked: int = 0  # of those, more dislikes than likes
    raised_again: int = 0  # of those, raised again with dissatisfaction

    @property
    def satisfied(self) -> int:
        # QĐ 766 indicator 5.3: total − (disliked + late + raised again)
        return self.received - self.disliked - self.late - self.raised_again


def count(cases, hi: dt.datetime) -> FeedbackCounts:
    """The group 5 counts of ``cases`` (each once) as of ``hi``."""
    cases = list(cases)
    timely = {id(case): on_time(case, hi) for case in cases}
    received = [case for case in cases if case.status != REFUSED]
    return FeedbackCounts(
        total=len(cases), classed=sum(1 for case in cases if case.class_766),
        on_time=sum(timely.values()), received=len(received),
        late=sum(1 for case in received if not timely[id(case)]))
