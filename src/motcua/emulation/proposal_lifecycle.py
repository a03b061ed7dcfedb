"""The lifecycle of a proposal dossier (hồ sơ đề nghị khen thưởng) as one table: action, state,
who may act, named guards, next state.

Spec emulation-commendation §6.1 (rows 1-15: the public notice of row 8 is optional, the
office opens it or not; a revocation names some of the awarded nominees, and the dossier is
revoked once all are). Pure: ``proposals`` gathers the ``Facts`` of one dossier and one
request. The actors are the proposing agency's officers (``agency_officer``) and head
(``agency_head``), and the Department of Home Affairs' emulation office (``tdkt_office``),
which serves the council, records its votes and, for the awarding authority, its revocations.
Clocks (return within 5, appraise within 20, forward within 10 working days) are measured,
not enforced: a late step is still done, and shown late. The eligibility engine is an aid: while
it appraises, the office records its own finding on any nominee (``appraise_nominee``), and must
for one the catalogue holds no criteria for.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Forbidden, Refused
from motcua.core.lifecycle import Rule, Table, first_refusal, state_allows
from motcua.core.lifecycle import rows as _rule
from motcua.emulation.models import Component, RevocationGround
from motcua.emulation.models import ProposalStatus as Status


class Action(StrEnum):
    CREATE = "create"
    SUBMIT = "submit"
    RECEIVE = "receive"
    RETURN = "return"
    RESUBMIT = "resubmit"
    START_APPRAISAL = "start_appraisal"
    APPRAISE_NOMINEE = "appraise_nominee"  # the office's own finding on one nominee
    APPRAISE = "appraise"
    SCHEDULE = "schedule"
    RECORD_VOTE = "record_vote"
    DECIDE = "decide"
    FORWARD = "forward"
    CLOSE_UNAWARDED = "close_unawarded"
    HIGHER_DECISION = "higher_decision"
    HIGHER_REFUSAL = "higher_refusal"
    DISTRIBUTE = "distribute"
    PUBLISH_NOTICE = "publish_notice"
    CLOSE_NOTICE = "close_notice"
    REVOKE = "revoke"


AGENCY_OFFICER = "agency_officer"
AGENCY_HEAD = "agency_head"
OFFICE = "tdkt_office"


@dataclass
class Facts:
    """What the guards read: the dossier's state and the request's input."""

    components: frozenset[str] = frozenset()
    nominations: int = 0
    vote_required: bool = False  # some nominee's award is decided by ballot
    pending: int = 0  # nominees not yet judged, or waiting for the office's appraisal
    eligible: int = 0
    unballoted: int = 0  # eligible nominees without a ballot
    passed: int = 0
    passed_above_province: int = 0  # passed nominees decided by the PM or the President
    session_quorum: bool = False
    decision_issued: bool = False
    notice_running_until: str = ""  # dd/mm/yyyy while a public notice runs, else empty
    awarded: int = 0  # decided or awarded nominees not revoked
    # the request's input
    reason: str = ""  # also the basis of the office's finding on a nominee
    reference: str = ""
    ground: str = ""  # of a revocation
    revoking: int = 0  # nominees the revocation names


def state_guard(guard):
    guard.reads_state_only = True
    return guard


# -- guards: each returns the refusal (Vietnamese) or None -------------------------------------


@state_guard
def components_complete(facts: Facts) -> str | None:
    # Luật 06/2022 điều 84(1)(a)-(b): the submission and the achievement report
    missing = [Component(kind).label for kind in (Component.SUBMISSION,
                                                   Component.ACHIEVEMENT_REPORT)
               if kind not in facts.components]
    if not missing:
        return None
    return _("Hồ sơ còn thiếu: %(parts)s.") % {"parts": ", ".join(str(part) for part in missing)}


@state_guard
def minutes_where_vote_required(facts: Facts) -> str | None:
    # Luật 06/2022 điều 84(1)(c): the review minutes with the ballot result where a vote is due
    if not facts.vote_required or Component.MINUTES in facts.components:
        return None
    return _("Danh hiệu đề nghị phải bỏ phiếu: kèm biên bản họp xét có kết quả bỏ phiếu.")


@state_guard
def candidates_named(facts: Facts) -> str | None:
    # spec §6.1: a dossier carries one or more nominees
    return None if facts.nominations else _("Hồ sơ chưa có cá nhân, tập thể nào được đề nghị.")


def reason_given(facts: Facts) -> str | None:
    return None if facts.reason.strip() else _("Phải nêu rõ lý do.")


def reference_given(facts: Facts) -> str | None:
    return None if facts.reference.strip() else _("Ghi số, ngày của văn bản cấp trên.")


@state_guard
def every_nominee_judged(facts: Facts) -> str | None:
    # NĐ 152/2025 điều 4, spec §6.1 row 7: each nominee is marked eligible or not; one the
    # catalogue has no criteria for waits for the office's own finding
    if not facts.pending:
        return None
    return _("Còn %(n)s trường hợp chưa được xét điều kiện.") % {"n": facts.pending}


APPRAISAL_BASIS_WORDS = 3


def appraisal_basis_given(facts: Facts) -> str | None:
    # QĐ 311/QĐ-BNV: the appraisal is the emulation office's; its finding states its basis
    if len(facts.reason.split()) >= APPRAISAL_BASIS_WORDS:
        return None
    return _("Ghi căn cứ thẩm định, ít nhất %(words)d từ (ví dụ: báo cáo thành tích đã được "
             "Hội đồng cơ sở thông qua).") % {"words": APPRAISAL_BASIS_WORDS}


@state_guard
def some_nominee_eligible(facts: Facts) -> str | None:
    # QĐ 311/QĐ-BNV: a dossier with nobody eligible is returned, not put to the council
    if facts.eligible:
        return None
    return _("Không có trường hợp nào đủ điều kiện: trả lại hồ sơ kèm lý do.")


def session_has_quorum(facts: Facts) -> str | None:  # reads the session the officer picks
    # QĐ 86/2025/QĐ-UBND Bắc Ninh điều 8(4)(b): a session with ≥ 2/3 present, 80 % for awards
    if facts.session_quorum:
        return None
    return _("Chưa có phiên họp Hội đồng đủ số thành viên để đưa hồ sơ ra xét.")


@state_guard
def every_eligible_balloted(facts: Facts) -> str | None:
    # Nghị định 98/2023 điều 30(7), spec §7: each eligible nominee is voted on
    if not facts.unballoted:
        return None
    return _("Còn %(n)s trường hợp đủ điều kiện chưa có kết quả bỏ phiếu.") % {
        "n": facts.unballoted}


@state_guard
def some_passed(facts: Facts) -> str | None:
    return None if facts.passed else _("Không có trường hợp nào đạt tỷ lệ phiếu.")


@state_guard
def none_passed(facts: Facts) -> str | None:
    return _("Có trường hợp đạt tỷ lệ phiếu: ra quyết định.") if facts.passed else None


@state_guard
def within_provincial_authority(facts: Facts) -> str | None:
    # Luật 06/2022 điều 80; QĐ 86/2025 điều 5: the provincial chair decides these
    if not facts.passed_above_province:
        return None
    return _("Có danh hiệu, hình thức thuộc thẩm quyền cấp trên: trình Thủ tướng Chính phủ.")


@state_guard
def above_provincial_authority(facts: Facts) -> str | None:
    # QĐ 86/2025 điều 5; QĐ 311/QĐ-BNV: the higher awards go to the Prime Minister via MoHA
    if facts.passed and facts.passed_above_province == facts.passed:
        return None
    return _("Chỉ trình cấp trên khi mọi trường hợp đạt đều thuộc thẩm quyền cấp trên.")


@state_guard
def notice_not_running(facts: Facts) -> str | None:
    # Luật 06/2022 điều 84(5); QĐ 71/2025/QĐ-UBND Hà Nội điều 5: comments are taken until the
    # notice ends, then the council reviews
    if not facts.notice_running_until:
        return None
    return _("Đang công khai lấy ý kiến nhân dân đến hết ngày %(day)s: chưa đưa hồ sơ ra Hội "
             "đồng.") % {"day": facts.notice_running_until}


@state_guard
def some_awarded(facts: Facts) -> str | None:
    return None if facts.awarded else _("Không còn trường hợp nào được khen thưởng để thu hồi.")


def revocation_ground_given(facts: Facts) -> str | None:
    # Luật 06/2022 điều 93: an award is revoked only on one of the law's grounds
    if facts.ground in RevocationGround.values:
        return None
    return _("Chọn căn cứ thu hồi theo Điều 93 Luật Thi đua, khen thưởng.")


def revocation_decision_named(facts: Facts) -> str | None:
    # Luật 06/2022 điều 93: by a decision of the authority that awarded
    return None if facts.reference.strip() else _("Ghi số, ngày của quyết định thu hồi.")


def nominees_named(facts: Facts) -> str | None:
    if 0 < facts.revoking <= facts.awarded:
        return None
    return _("Chọn trường hợp bị thu hồi khen thưởng.")


@state_guard
def decision_issued(facts: Facts) -> str | None:
    # Nghị định 30/2020 điều 15: a decision is handed out once numbered and issued
    return None if facts.decision_issued else _("Quyết định khen thưởng chưa được ban hành.")


# -- the table ----------------------------------------------------------------------------------


A, S = Action, Status
DOSSIER_READY = [components_complete, minutes_where_vote_required, candidates_named]
REVOCATION = [some_awarded, revocation_ground_given, revocation_decision_named, reason_given,
              nominees_named]


def _revoked_when_all(facts: Facts) -> str | None:
    """The dossier is revoked once every awarded nominee is; a part stays decided."""
    return S.REVOKED if facts.revoking == facts.awarded else None

RULES: list[Rule] = [
    # action                from              who                guards                 to
    *_rule(A.CREATE, None, {AGENCY_OFFICER, AGENCY_HEAD}, [], S.DRAFT),  # 1
    *_rule(A.SUBMIT, S.DRAFT, {AGENCY_HEAD}, DOSSIER_READY, S.SUBMITTED),  # 2
    *_rule(A.RECEIVE, S.SUBMITTED, {OFFICE}, [], S.RECEIVED),  # 3: the clocks start
    *_rule(A.RETURN, (S.RECEIVED, S.IN_APPRAISAL, S.APPRAISED, S.PUBLIC_NOTICE), {OFFICE},
           [reason_given], S.RETURNED),  # 4: a comment may show the dossier ineligible
    *_rule(A.RESUBMIT, S.RETURNED, {AGENCY_HEAD}, DOSSIER_READY, S.SUBMITTED),  # 5
    *_rule(A.START_APPRAISAL, S.RECEIVED, {OFFICE}, [], S.IN_APPRAISAL),  # 6
    *_rule(A.APPRAISE_NOMINEE, S.IN_APPRAISAL, {OFFICE}, [appraisal_basis_given]),  # 7: stays
    *_rule(A.APPRAISE, S.IN_APPRAISAL, {OFFICE}, [every_nominee_judged, some_nominee_eligible],
           S.APPRAISED),  # 7
    *_rule(A.PUBLISH_NOTICE, S.APPRAISED, {OFFICE}, [some_nominee_eligible],
           S.PUBLIC_NOTICE),  # 8 (optional)
    *_rule(A.CLOSE_NOTICE, S.PUBLIC_NOTICE, {OFFICE}, [notice_not_running], S.APPRAISED),  # 8
    *_rule(A.SCHEDULE, (S.APPRAISED, S.PUBLIC_NOTICE), {OFFICE},
           [notice_not_running, session_has_quorum], S.COUNCIL_REVIEW),  # 9
    *_rule(A.RECORD_VOTE, S.COUNCIL_REVIEW, {OFFICE}, [every_eligible_balloted], S.VOTED),  # 10
    *_rule(A.DECIDE, S.VOTED, {OFFICE}, [some_passed, within_provincial_authority],
           S.DECIDED),  # 11
    *_rule(A.FORWARD, S.VOTED, {OFFICE}, [above_provincial_authority, reference_given],
           S.FORWARDED_UP),  # 12
    *_rule(A.CLOSE_UNAWARDED, S.VOTED, {OFFICE}, [none_passed], S.NOT_AWARDED),
    *_rule(A.HIGHER_DECISION, S.FORWARDED_UP, {OFFICE}, [reference_given], S.DECIDED),  # 13
    *_rule(A.HIGHER_REFUSAL, S.FORWARDED_UP, {OFFICE}, [reason_given], S.NOT_AWARDED),  # 13
    *_rule(A.DISTRIBUTE, S.DECIDED, {OFFICE}, [decision_issued], S.DISTRIBUTED),  # 14
    *_rule(A.REVOKE, (S.DECIDED, S.DISTRIBUTED), {OFFICE}, REVOCATION, _revoked_when_all),  # 15
]


class NotAllowed(Refused):
    """The action cannot happen now (422); not by this actor is ``Forbidden`` (403)."""


TABLE = Table(RULES, refused=NotAllowed, label=lambda status: (
    Status(status).label if status else _("chưa tạo")),
    not_possible=_("Không thể thực hiện “%(action)s” khi hồ sơ khen thưởng ở trạng thái "
                   "“%(state)s”."))
rule_for = TABLE.rule_for


def check(rule: Rule, actor_roles: set[str], facts: Facts) -> None:
    """Raise Forbidden, or NotAllowed with the first reason the action cannot happen."""
    if not actor_roles & rule.actors:
        raise Forbidden(_("Bạn không có vai trò được thực hiện thao tác này."))
    refusal = first_refusal(rule, facts)
    if refusal:
        raise NotAllowed(refusal[1])


def offered(rule: Rule, actor_roles: set[str], facts: Facts) -> bool:
    return bool(actor_roles & rule.actors) and state_allows(rule, facts)
