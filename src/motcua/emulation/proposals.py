"""Writes of the proposal dossiers, the council's sessions and ballots, and the decision, each
in one transaction, every transition through ``proposal_lifecycle`` and kept as an event.

- ``create_proposal``, ``add_component``, ``add_nomination`` (the engine's verdict and its
  reasons kept on the nominee) while the agency drafts or after a return;
- ``act``: one action of the table; receiving starts the clocks (return within 5, appraise
  within 20 working days of the Home Affairs calendar, values as in force that day); starting
  the appraisal marks every nominee (eligible, ineligible with the reasons, deferred while a
  case is pending, waiting for the office where the catalogue holds no criteria); a return
  carries the reasons of every ineligible nominee;
- ``appraise_nominee``: the emulation office's own finding on a nominee while it appraises,
  over the engine's verdict, with its basis;
- ``open_session``, ``record_ballot``: the council's session (membership on its date, quorum
  and attendance) and the count per nominee against its title's threshold;
- ``draft_decision``: the decision as a draft outgoing document of the deciding authority's
  register (``deciding``: the provincial Committee's for the chair's awards, the proposing
  agency's for its head's), which the exchange numbers, signs and seals; ``distribute``
  registers each award with its bonus once the decision is issued.
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from motcua.core.dates import to_local, vn_date
from motcua.core.errors import Forbidden, InvalidInput
from motcua.core.files import accepted
from motcua.emulation import certificates, deciding, proposal_selectors, selectors, votes
from motcua.emulation import proposal_lifecycle as lifecycle
from motcua.emulation.models import (
    Award,
    AwardType,
    Ballot,
    Case,
    Component,
    Council,
    CouncilSession,
    DecidedBy,
    Decision,
    Nomination,
    NominationResult,
    Parameter,
    Proposal,
    ProposalComponent,
    ProposalEvent,
    ProposalStatus,
    Subject,
)
from motcua.emulation.proposal_lifecycle import Action
from motcua.emulation.services import record_award
from motcua.exchange.models import DocumentType, OutgoingState
from motcua.org.models import Agency, User
from motcua.workcal.selectors import calendar_for

ABOVE_PROVINCE = {DecidedBy.PRIME_MINISTER, DecidedBy.PRESIDENT}
EDITABLE = {ProposalStatus.DRAFT, ProposalStatus.RETURNED}
R = NominationResult


def _now():
    return timezone.now()


def _event(proposal: Proposal, action: str, actor: User | None, from_status: str,
           note: str = "") -> None:
    ProposalEvent.objects.create(proposal=proposal, action=action, actor=actor, at=_now(),
                                 from_status=from_status, to_status=proposal.status, note=note)


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().select_related("agency").get(pk=proposal.pk)


def _editable_by(user: User, proposal: Proposal) -> None:
    if not proposal_selectors.actor_roles(user, proposal.agency_id) & {
            lifecycle.AGENCY_OFFICER, lifecycle.AGENCY_HEAD}:
        raise Forbidden(_("Bạn không có vai trò được thực hiện thao tác này."))
    if proposal.status not in EDITABLE:
        raise lifecycle.NotAllowed(_("Chỉ sửa hồ sơ khi đang soạn hoặc đã bị trả lại."))


# -- the agency's dossier ---------------------------------------------------------------------


@transaction.atomic
def create_proposal(user: User, agency: Agency, title: str, year: int) -> Proposal:
    rule = lifecycle.rule_for(Action.CREATE, None)
    lifecycle.check(rule, proposal_selectors.actor_roles(user, agency.pk), lifecycle.Facts())
    if not title.strip():
        raise InvalidInput(_("Nhập trích yếu của hồ sơ."))
    proposal = Proposal.objects.create(
        code=f"KT{year}{secrets.token_hex(3).upper()}", title=title.strip(), year=year,
        agency=agency, created_by=user, status=ProposalStatus.DRAFT)
    _event(proposal, Action.CREATE, user, "")
    return proposal


def add_component(user: User, proposal: Proposal, kind: str, upload) -> ProposalComponent:
    if kind not in Component.values:
        raise InvalidInput(_("Chọn thành phần hồ sơ."))
    checked = accepted(upload)
    with transaction.atomic():
        proposal = _locked(proposal)
        _editable_by(user, proposal)
        component = ProposalComponent(proposal=proposal, kind=kind, name=checked.name)
        component.file.save(f"{proposal.code}-{kind}{checked.extension}", upload, save=False)
        component.save()
    return component


def _judged(nomination: Nomination, day) -> tuple[str, list[dict]]:
    """The engine's verdict on the nominee (eligibility), as a result and its reasons."""
    subject = nomination.staff or nomination.agency
    verdict = selectors.verdict(subject, nomination.award_type.code, nomination.proposal.year,
                                decided_on=day)
    with translation.override("vi"):  # kept as the record says it, in Vietnamese
        reasons = [{"ok": reason.ok, "text": reason.render(_)} for reason in verdict.reasons]
    if verdict.eligible:
        return R.ELIGIBLE, reasons
    # NĐ 152/2025 điều 4(4): a pending discipline, inspection or complaint defers, not refuses
    if _case_pending(nomination):
        return R.DEFERRED, reasons
    # QĐ 311/QĐ-BNV: the appraisal is the emulation office's, the engine only an aid: what the
    # catalogue has no criteria for (Giấy khen, orders…) the office appraises by the text
    if verdict.judged:
        return R.INELIGIBLE, reasons
    with translation.override("vi"):
        return R.TO_APPRAISE, [{"ok": False, "text": _(
            "Danh mục chưa có tiêu chí xét tự động cho %(award)s: Sở Nội vụ thẩm định theo hồ "
            "sơ, thành tích cụ thể.") % {"award": nomination.award_type.name}}]


@transaction.atomic
def add_nomination(user: User, proposal: Proposal, award_type: AwardType, *,
                   staff: User | None = None, agency: Agency | None = None,
                   printed_name: str = "", position: str = "",
                   summary: str = "") -> Nomination:
    proposal = _locked(proposal)
    _editable_by(user, proposal)
    if bool(staff) == bool(agency):
        raise InvalidInput(_("Chọn đúng một: cá nhân hoặc tập thể."))
    name = printed_name.strip() or (staff.get_full_name() if staff else agency.name)
    nomination = Nomination(proposal=proposal, award_type=award_type, staff=staff,
                            agency=agency, printed_name=name, position=position.strip(),
                            summary=summary.strip())
    if Nomination.objects.filter(proposal=proposal, award_type=award_type, staff=staff,
                                 agency=agency).exists():
        raise InvalidInput(_("Trường hợp này đã có trong hồ sơ."))
    refusal = deciding.mixing_refusal(award_type.decided_by, set(
        proposal.nominations.values_list("award_type__decided_by", flat=True)))
    if refusal:
        raise InvalidInput(refusal)
    nomination.result, nomination.reasons = R.PENDING, []
    nomination.save()
    # shown to the agency at once; the office judges again when it appraises
    _result, nomination.reasons = _judged(nomination, to_local(_now()).date())
    nomination.save(update_fields=["reasons"])
    return nomination


# -- the table's actions -----------------------------------------------------------------------


def facts_of(proposal: Proposal, reason: str = "", reference: str = "",
             session: CouncilSession | None = None, ground: str = "",
             revoking: int = 0) -> lifecycle.Facts:
    nominations = list(proposal.nominations.select_related("award_type"))
    day = to_local(_now()).date()
    balloted = set(Ballot.objects.filter(nomination__proposal=proposal)
                   .values_list("nomination_id", flat=True))
    eligible = [n for n in nominations if n.result in (R.ELIGIBLE, R.PASSED_VOTE, R.FAILED_VOTE)]
    passed = [n for n in nominations if n.result == R.PASSED_VOTE]
    return lifecycle.Facts(
        components=frozenset(proposal.components.values_list("kind", flat=True)),
        nominations=len(nominations),
        vote_required=any(proposal_selectors.threshold_of(
            n.award_type_id, _subject(n), day) is not None for n in nominations),
        pending=sum(1 for n in nominations if n.result in (R.PENDING, R.TO_APPRAISE)),
        eligible=len(eligible),
        unballoted=sum(1 for n in eligible if n.pk not in balloted),
        passed=len(passed),
        passed_above_province=sum(1 for n in passed if n.award_type.decided_by in ABOVE_PROVINCE),
        session_quorum=session is not None and session_valid(session),
        decision_issued=_decision_issued(proposal),
        notice_running_until=_notice_end(proposal),
        awarded=sum(1 for n in nominations if n.result in (R.PASSED_VOTE, R.AWARDED)),
        reason=reason, reference=reference, ground=ground, revoking=revoking)


def _decision_issued(proposal: Proposal) -> bool:
    decision = Decision.objects.filter(proposal=proposal).select_related("document").first()
    return bool(decision and decision.document.state != OutgoingState.DRAFT)


def _notice_end(proposal: Proposal) -> str:
    notice = proposal_selectors.running_notice(proposal, _now())
    return f"{to_local(notice.ends_at):%d/%m/%Y}" if notice else ""


def _subject(nomination: Nomination) -> str:
    return Subject.INDIVIDUAL if nomination.staff_id else Subject.COLLECTIVE


def offered_actions(user: User, proposal: Proposal) -> list[str]:
    roles = proposal_selectors.actor_roles(user, proposal.agency_id)
    facts = facts_of(proposal)
    return [rule.action for rule in lifecycle.RULES
            if rule.source == proposal.status and lifecycle.offered(rule, roles, facts)]


def act(user: User, proposal: Proposal, action: str, *, reason: str = "", reference: str = "",
        session: CouncilSession | None = None) -> Proposal:
    """One action of the table, with what it changes; refused as the table says."""
    with transaction.atomic():
        proposal = _locked(proposal)
        rule = lifecycle.rule_for(action, proposal.status)
        facts = facts_of(proposal, reason, reference, session)
        lifecycle.check(rule, proposal_selectors.actor_roles(user, proposal.agency_id), facts)
        from_status = proposal.status
        now = _now()
        note = reason.strip() or reference.strip()
        if action in (Action.SUBMIT, Action.RESUBMIT):
            proposal.submitted_at = now
        elif action == Action.RECEIVE:
            _start_clocks(proposal, now)
        elif action == Action.START_APPRAISAL:
            _judge_all(proposal, to_local(now).date())
        elif action == Action.RETURN:
            note = _return_note(proposal, reason)
            proposal.return_reasons = note
        elif action == Action.APPRAISE:
            proposal.appraised_at = now
        elif action == Action.SCHEDULE:
            session.proposals.add(proposal)
        elif action in (Action.DECIDE, Action.HIGHER_DECISION):
            _start_forward_clock(proposal, now)
        elif action in (Action.CLOSE_UNAWARDED, Action.HIGHER_REFUSAL):
            proposal.nominations.exclude(result=R.INELIGIBLE).update(result=R.NOT_AWARDED)
        proposal.status = rule.next_state(facts)
        proposal.save()
        _event(proposal, action, user, from_status, note)
    return proposal


def _start_clocks(proposal: Proposal, now) -> None:
    # QĐ 311/QĐ-BNV, QĐ 638/QĐ-BNV: the clocks run from the receipt of the dossier; a
    # resubmitted dossier is received again and its clocks start again (spec §6.1 row 5 (uncertain))
    calendar = calendar_for(None)
    day = to_local(now).date()
    proposal.received_at = now
    proposal.return_due = calendar.due(now, proposal_selectors.value_on(
        Parameter.RETURN_DAYS, day), "working_days")
    proposal.appraise_due = calendar.due(now, proposal_selectors.value_on(
        Parameter.APPRAISE_DAYS, day), "working_days")


def _start_forward_clock(proposal: Proposal, now) -> None:
    # QĐ 311/QĐ-BNV, QĐ 638/QĐ-BNV: the decision goes on within 10 working days per level
    proposal.decided_at = now
    proposal.forward_due = calendar_for(None).due(now, proposal_selectors.value_on(
        Parameter.FORWARD_DAYS, to_local(now).date()), "working_days")


def _judge_all(proposal: Proposal, day) -> None:
    for nomination in proposal.nominations.select_related("award_type", "proposal"):
        nomination.result, nomination.reasons = _judged(nomination, day)
        nomination.save(update_fields=["result", "reasons"])


OFFICE_FINDING = "office"  # a reason's "by": the office's own finding, not the engine's


def _case_pending(nomination: Nomination) -> bool:
    """A discipline, inspection, complaint or investigation of the nominee not yet concluded."""
    return Case.objects.filter(staff=nomination.staff, agency=nomination.agency,
                               pending=True).exists()


def appraise_nominee(user: User, nomination: Nomination, eligible: bool,
                     note: str) -> Nomination:
    """The emulation office's own finding on one nominee while it appraises the dossier
    (QĐ 311/QĐ-BNV; Luật Thi đua, khen thưởng 2022: the appraisal is the office's, the engine
    an aid whose records can be incomplete): eligible or not, over the engine's verdict, whose
    reasons are kept; the finding and its basis are added (a new finding replaces the office's
    last one) and kept as an event of the dossier."""
    _require_office(user)
    with transaction.atomic():
        proposal = _locked(nomination.proposal)
        if proposal.status != ProposalStatus.IN_APPRAISAL:
            raise lifecycle.NotAllowed(_("Chỉ ghi kết quả thẩm định từng trường hợp khi hồ sơ "
                                         "đang được thẩm định."))
        rule = lifecycle.rule_for(Action.APPRAISE_NOMINEE, proposal.status)
        # the rule reads only the basis given: not the dossier's whole facts (a query a nominee)
        lifecycle.check(rule, proposal_selectors.actor_roles(user, proposal.agency_id),
                        lifecycle.Facts(reason=note))
        nomination = (Nomination.objects.select_for_update().select_related("award_type")
                      .get(pk=nomination.pk, proposal=proposal))
        if eligible and _case_pending(nomination):
            # NĐ 152/2025 điều 4(4): no award while a case of the nominee is pending
            raise InvalidInput(_("Chưa thể ghi đủ điều kiện: đang có vụ việc (kỷ luật, thanh tra, "
                                 "khiếu nại, tố cáo) chưa có kết luận (Nghị định 152/2025/NĐ-CP, "
                                 "điều 4 khoản 4)."))
        result = R.ELIGIBLE if eligible else R.INELIGIBLE
        officer = user.get_full_name() or user.username
        with translation.override("vi"):  # kept as the record says it, in Vietnamese
            finding = _("Sở Nội vụ thẩm định: %(note)s (%(officer)s, %(day)s)") % {
                "note": " ".join(note.split()), "officer": officer,
                "day": vn_date(_now())}
            event_note = f"{nomination.printed_name} — {nomination.award_type.name}: " \
                f"{R(result).label}. {note.strip()}"
        nomination.result = result
        nomination.reasons = [reason for reason in nomination.reasons
                              if reason.get("by") != OFFICE_FINDING] + [
            {"ok": eligible, "text": finding, "by": OFFICE_FINDING}]
        nomination.save(update_fields=["result", "reasons"])
        _event(proposal, Action.APPRAISE_NOMINEE, user, proposal.status, event_note)  # stays
    return nomination


def _return_note(proposal: Proposal, reason: str) -> str:
    # QĐ 311/QĐ-BNV: an ineligible dossier goes back with the reasons
    lines = [reason.strip()]
    for nomination in proposal.nominations.filter(result__in=(R.INELIGIBLE, R.DEFERRED)):
        failures = [reason["text"] for reason in nomination.reasons if not reason["ok"]]
        lines.append(f"{nomination.printed_name} — {nomination.award_type.name}: "
                     + "; ".join(failures))
    return "\n".join(line for line in lines if line)


def is_late(proposal: Proposal, clock: str) -> bool:
    """A clock passed without its step: the return (before appraisal), the appraisal, or the
    handing out of the decision."""
    due = getattr(proposal, f"{clock}_due")
    done = {"appraise": proposal.appraised_at,
            "forward": proposal.events.filter(action=Action.DISTRIBUTE).values_list(
                "at", flat=True).first()}.get(clock)
    return due is not None and (done or _now()) > due


# -- the council ------------------------------------------------------------------------------


def session_valid(session: CouncilSession) -> bool:
    day = session.held_on
    present = session.present.count()
    quorum = proposal_selectors.value_on(Parameter.QUORUM, day)
    attendance = proposal_selectors.value_on(Parameter.ATTENDANCE, day)
    return votes.has_quorum(present, session.members_total, quorum) and \
        votes.award_session_valid(present, session.in_writing.count(), session.members_total,
                                  attendance)


def _require_office(user: User) -> None:
    if not proposal_selectors.is_office(user):
        raise Forbidden(_("Chỉ Sở Nội vụ (Phòng Thi đua, khen thưởng) được thực hiện."))


@transaction.atomic
def open_session(user: User, council: Council, held_on, chair: str, present_ids,
                 in_writing_ids=()) -> CouncilSession:
    """A session with the membership on its date; refused without the quorum and attendance."""
    _require_office(user)
    members = proposal_selectors.members_on(council.pk, held_on)
    total = members.count()
    present = list(members.filter(pk__in=present_ids))
    writing = list(members.filter(pk__in=in_writing_ids).exclude(pk__in=present_ids))
    session = CouncilSession.objects.create(council=council, held_on=held_on, chair=chair,
                                            members_total=total)
    session.present.set(present)
    session.in_writing.set(writing)
    if not session_valid(session):
        raise InvalidInput(_("Phiên họp không đủ số thành viên: cần ít nhất 2/3 thành viên để "
                             "họp và 80%% thành viên dự họp xét khen thưởng (có %(present)s/"
                             "%(total)s).") % {"present": len(present), "total": total})
    return session


@transaction.atomic
def record_ballot(user: User, session: CouncilSession, nomination: Nomination,
                  count: votes.Count) -> Ballot:
    """The count for one nominee; passed against its title's threshold of all members."""
    _require_office(user)
    proposal = _locked(nomination.proposal)
    if proposal.status != ProposalStatus.COUNCIL_REVIEW or not session.proposals.filter(
            pk=proposal.pk).exists():
        raise lifecycle.NotAllowed(_("Hồ sơ chưa được đưa ra phiên họp này."))
    if nomination.result not in (R.ELIGIBLE, R.PASSED_VOTE, R.FAILED_VOTE):
        raise lifecycle.NotAllowed(_("Chỉ bỏ phiếu cho trường hợp đủ điều kiện."))
    written = count.written_yes + count.written_no
    if count.yes + count.no + count.blank + count.invalid > session.present.count() \
            or written > session.in_writing.count():
        raise InvalidInput(_("Số phiếu nhiều hơn số thành viên dự họp hoặc có ý kiến bằng "
                             "văn bản."))
    threshold = proposal_selectors.threshold_of(nomination.award_type_id, _subject(nomination),
                                                session.held_on)
    passed = votes.ballot_passed(count, session.members_total, threshold)
    ballot, _created = Ballot.objects.update_or_create(
        session=session, nomination=nomination, defaults={
            "yes": count.yes, "no": count.no, "blank": count.blank, "invalid": count.invalid,
            "written_yes": count.written_yes, "written_no": count.written_no,
            "threshold": threshold, "passed": passed})
    nomination.result = R.PASSED_VOTE if passed else R.FAILED_VOTE
    nomination.save(update_fields=["result"])
    return ballot


# -- the decision -----------------------------------------------------------------------------


def _passed(proposal: Proposal) -> list[Nomination]:
    return list(proposal.nominations.filter(result=R.PASSED_VOTE)
                .select_related("award_type", "staff", "agency"))


def draft_decision(user: User, proposal: Proposal, signer: str) -> Decision:
    """The decision as a draft of the deciding authority's register, prepared by the emulation
    office (the council's standing agency, QĐ 86/2025 điều 8): the authority's leader signs,
    its clerk numbers and seals it through the exchange (NĐ 30/2020); the proposal is
    decided."""
    from motcua.exchange.services.outgoing import DraftInput, FileInput, prepare_draft

    if not signer.strip():
        raise InvalidInput(_("Ghi họ tên người ký quyết định."))
    lifecycle.check(lifecycle.rule_for(Action.DECIDE, proposal.status),
                    proposal_selectors.actor_roles(user, proposal.agency_id),
                    facts_of(proposal))
    nominations = _passed(proposal)
    authority = _authority(proposal, nominations)
    pdf = certificates.decision_pdf(proposal, nominations, authority, signer.strip(),
                                    to_local(_now()).date())
    with transaction.atomic():
        document = prepare_draft(user, authority.agency, DraftInput(
            document_type=DocumentType.DECISION,
            subject=certificates.decision_subject(proposal)[:500],
            signer_position=authority.position,
            main_file=FileInput(name=f"quyet-dinh-{proposal.code}.pdf", content=pdf)))
        decision = Decision.objects.create(proposal=proposal, document=document,
                                           signer=signer.strip())
        act(user, proposal, Action.DECIDE)
    return decision


def _authority(proposal: Proposal, nominations: list[Nomination]) -> deciding.Authority:
    """The one authority deciding every passed nominee (Luật Thi đua, khen thưởng điều 80)."""
    first = nominations[0].award_type.decided_by
    refusal = deciding.mixing_refusal(first, {n.award_type.decided_by for n in nominations})
    if refusal:
        raise lifecycle.NotAllowed(refusal)
    return deciding.deciding_authority(proposal.agency, first)


@transaction.atomic
def distribute(user: User, proposal: Proposal) -> Proposal:
    """After the register issued the decision: each passed nominee is awarded, registered with
    its bonus (base salary on the decision date), and its certificate can be printed."""
    proposal = act(user, proposal, Action.DISTRIBUTE)
    document = proposal.decision.document
    day = to_local(document.issued_at).date()
    base = proposal_selectors.value_on(Parameter.BASE_SALARY, day)
    for nomination in _passed(proposal):
        award = record_award(Award(
            staff=nomination.staff, agency=nomination.agency, award_type=nomination.award_type,
            kind=proposal.kind, year=proposal.year, decision_number=document.notation,
            decision_date=day, issuer=document.agency.name))
        coefficient = proposal_selectors.coefficient_of(nomination.award_type_id,
                                                        _subject(nomination), day)
        nomination.award, nomination.result, nomination.base_salary = award, R.AWARDED, base
        nomination.bonus = certificates.bonus(coefficient, base) if coefficient else None
        nomination.save(update_fields=["award", "result", "base_salary", "bonus"])
    return proposal


def publish_decision(user: User, decision: Decision) -> Decision:
    _require_office(user)
    if decision.document.state == OutgoingState.DRAFT:
        raise lifecycle.NotAllowed(_("Quyết định chưa được ban hành."))
    decision.published = True
    decision.save(update_fields=["published"])
    return decision

