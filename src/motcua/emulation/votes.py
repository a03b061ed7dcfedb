"""The council's vote rules (spec §7), pure: quorum, attendance, and a nominee's ballot.

Every ratio is of the council's **whole** membership on the session's date, never of those
present; an absent member's written opinion counts as a vote; an abstention (a blank ballot)
and an invalid ballot are recorded and are not "yes". The ratios are data
(``ProcedureValue`` quorum and attendance, ``AwardRule.ballot_threshold`` per title).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal


def needed(ratio: Decimal, members_total: int) -> int:
    """The smallest count reaching ``ratio`` of ``members_total`` (ceil)."""
    return math.ceil(Decimal(ratio) * members_total)


def has_quorum(present: int, members_total: int, quorum: Decimal) -> bool:
    # QĐ 86/2025/QĐ-UBND Bắc Ninh điều 8(4)(b); TT 25/2025/TT-BKHCN điều 23: ≥ 2/3 present
    return members_total > 0 and present >= needed(quorum, members_total)


def award_session_valid(present: int, in_writing: int, members_total: int,
                        attendance: Decimal) -> bool:
    # QĐ 86/2025/QĐ-UBND Bắc Ninh điều 8(4)(b): ≥ 80 % attend; absentees give written opinions
    return members_total > 0 and present >= needed(attendance, members_total) \
        and present + in_writing <= members_total


@dataclass(frozen=True)
class Count:
    yes: int
    no: int
    blank: int = 0  # abstentions
    invalid: int = 0
    written_yes: int = 0
    written_no: int = 0

    @property
    def cast(self) -> int:
        return (self.yes + self.no + self.blank + self.invalid + self.written_yes
                + self.written_no)


def ballot_passed(count: Count, members_total: int, threshold: Decimal | None) -> bool:
    """Nghị định 98/2023 điều 30(7) (restated by the provincial rules): passed ⇔ yes + written
    yes ≥ threshold × all members. Without a threshold (no ballot required) a simple majority
    of all members decides (QĐ 86/2025 điều 8(4))."""
    if count.cast > members_total:
        raise ValueError("more votes than members")
    yes = count.yes + count.written_yes
    if threshold is None:
        return yes * 2 > members_total
    return yes >= needed(threshold, members_total)
