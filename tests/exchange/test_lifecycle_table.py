"""The documents' lifecycle table itself, row by row and guard by guard: pure, no database.

Each row is written out below as the rule reads (NĐ 30/2020/NĐ-CP, QĐ 28/2018/QĐ-TTg, domain
§2.3); the test fails when a row of ``OUTGOING`` or ``INCOMING`` changes (its source or next
state, who may act, its guards or their order) or when a row is added or dropped. Each named guard
has tests of its own, named after the rule it enforces. The same rules with real documents,
through the services, the pages and the API, are in test_lifecycle.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from motcua.core.errors import Forbidden, InvalidInput
from motcua.exchange import lifecycle as lc
from motcua.exchange.lifecycle import (
    ASSIGNEE,
    ASSIGNERS,
    CLERK,
    DRAFTERS,
    LEADER,
    SIGNERS,
    Facts,
    NotAllowed,
)
from motcua.exchange.lifecycle import IncomingAction as IA
from motcua.exchange.lifecycle import OutgoingAction as OA
from motcua.exchange.models import IncomingState as In
from motcua.exchange.models import OutgoingState as Out
from motcua.org.models import Role

HANDLING = {ASSIGNEE, CLERK, LEADER}
ANSWERING = {CLERK, LEADER}
HELD = (In.RECEIVED, In.REGISTERED, In.ASSIGNED, In.PROCESSING, In.COMPLETED)


@dataclass(frozen=True)
class Row:
    rule: str
    action: str
    source: str
    who: frozenset[str]
    guards: tuple[str, ...]
    target: str | None  # None: the state stays; "replaced?" for the accepted change


def rows(rule, action, sources, who, guards, target=None) -> list[Row]:
    sources = sources if isinstance(sources, tuple) else (sources,)
    return [Row(rule, action, source, frozenset(who), tuple(guards), target)
            for source in sources]


OUTGOING = [
    *rows("NĐ 30/2020 art. 15: only a draft is edited, by whoever drafts", OA.EDIT, Out.DRAFT,
          DRAFTERS, []),
    *rows("NĐ 30/2020 art. 13: the competent person signs the PDF before it is sent",
          OA.SIGN, (Out.DRAFT, Out.ISSUED), SIGNERS, ["main_file_present", "not_signed_yet"]),
    *rows("NĐ 30/2020 art. 15(1): the clerk numbers the draft when issuing it", OA.ISSUE,
          Out.DRAFT, {CLERK}, ["signed_before_issue", "notation_can_be_written"], Out.ISSUED),
    *rows("NĐ 30/2020 Phụ lục I: the agency's signature covers the signer's after issue",
          OA.SEAL, Out.ISSUED, {CLERK}, ["signed_by_person", "not_sealed_yet"]),
    *rows("QĐ 28/2018 art. 2(2): the clerk sends an issued document, never a secret over the "
          "axis", OA.SEND, (Out.ISSUED, Out.SENT), {CLERK},
          ["recipients_left", "signed_before_sending", "no_state_secret_over_axis"], Out.SENT),
    *rows("QĐ 28/2018 art. 9: a sent document is recalled once, with a reason", OA.RECALL,
          Out.SENT, ANSWERING, ["recall_reason_given", "recall_not_requested_yet"]),
    *rows("Luật Tiếp cận thông tin art. 19(1)(a): the clerk puts an issued document on the "
          "portal, never a state secret", OA.PUBLISH, (Out.ISSUED, Out.SENT), {CLERK},
          ["not_on_portal", "not_state_secret", "file_to_publish", "signed_before_publishing",
           "recall_not_requested_yet"]),
    *rows("NĐ 30/2020 art. 15: a draft is never published", OA.PUBLISH, Out.DRAFT, {CLERK},
          ["issued_first"]),
    *rows("Luật Tiếp cận thông tin art. 19(1)(a): the clerk takes it off the portal",
          OA.WITHDRAW, (Out.ISSUED, Out.SENT), {CLERK}, ["on_portal"]),
]

INCOMING = [
    *rows("NĐ 30/2020 art. 22: the clerk registers what arrived, after any recall is answered",
          IA.REGISTER, In.RECEIVED, {CLERK}, ["no_recall_pending"], In.REGISTERED),
    *rows("NĐ 30/2020 art. 21(2): the clerk returns an invalid document with a reason",
          IA.REFUSE, In.RECEIVED, {CLERK}, ["refusal_reason_given"], In.REFUSED),
    *rows("domain §2.3: a registered document is assigned (and reassigned while handled)",
          IA.ASSIGN, (In.REGISTERED, In.ASSIGNED, In.PROCESSING), ASSIGNERS, ["assignee_named"],
          In.ASSIGNED),
    *rows("domain §2.3: handling starts once assigned (05)", IA.PROCESS, In.ASSIGNED, HANDLING,
          [], In.PROCESSING),
    *rows("domain §2.3: handling ends (06)", IA.COMPLETE, (In.ASSIGNED, In.PROCESSING), HANDLING,
          [], In.COMPLETED),
    *rows("QĐ 28/2018 art. 9: a recall is agreed to (15) on a document still held",
          IA.ACCEPT_RECALL, HELD, ANSWERING, ["recall_pending"], In.RECALLED),
    *rows("QĐ 28/2018 art. 9: a recall is refused (16) with a reason", IA.REFUSE_RECALL, HELD,
          ANSWERING, ["recall_pending", "recall_refusal_reason_given"]),
    *rows("domain §2.3(5): an update or a replacement is agreed to (15)", IA.ACCEPT_CHANGE, HELD,
          ANSWERING, ["change_pending"], "replaced?"),
    *rows("domain §2.3(5): an update or a replacement is refused (16) with a reason",
          IA.REFUSE_CHANGE, HELD, ANSWERING, ["change_pending", "change_refusal_reason_given"]),
]


def written(rule: lc.Rule) -> tuple:
    target = "replaced?" if callable(rule.target) else rule.target
    return (rule.action, rule.source, rule.actors, tuple(g.__name__ for g in rule.guards),
            target)


@pytest.mark.parametrize("row", OUTGOING + INCOMING, ids=lambda r: f"{r.action}-{r.source}")
def test_each_row_reads_as_its_rule(row):
    rule = lc.rule_for(row.action, row.source)
    assert written(rule) == (row.action, row.source, row.who, row.guards, row.target), row.rule


def test_the_tables_have_no_row_but_these():
    assert [written(r)[:2] for r in lc.OUTGOING] == [(r.action, r.source) for r in OUTGOING]
    assert [written(r)[:2] for r in lc.INCOMING] == [(r.action, r.source) for r in INCOMING]


def test_outgoing_documents_run_draft_issued_sent():
    # NĐ 30/2020 art. 15: numbered at issue, then sent; never back to a draft
    assert lc.rule_for(OA.ISSUE, Out.DRAFT).next_state(Facts()) == Out.ISSUED
    assert lc.rule_for(OA.SEND, Out.ISSUED).next_state(Facts()) == Out.SENT
    for action, state in ((OA.SEND, Out.DRAFT), (OA.EDIT, Out.ISSUED), (OA.ISSUE, Out.SENT),
                          (OA.SIGN, Out.SENT)):
        with pytest.raises(NotAllowed):
            lc.rule_for(action, state)


def test_incoming_refusal_only_before_registration():
    # NĐ 30/2020 art. 21(2): an invalid document is returned when it arrives, not once registered
    with pytest.raises(NotAllowed):
        lc.rule_for(IA.REFUSE, In.REGISTERED)


def test_incoming_documents_are_registered_before_handling():
    # NĐ 30/2020 art. 22: registered (số đến) before it is assigned or handled
    for action in (IA.ASSIGN, IA.PROCESS, IA.COMPLETE):
        with pytest.raises(NotAllowed):
            lc.rule_for(action, In.RECEIVED)
    with pytest.raises(NotAllowed):
        lc.rule_for(IA.PROCESS, In.COMPLETED)


def test_a_recalled_refused_or_replaced_document_is_final():
    # QĐ 28/2018 art. 9, domain §2.3(5): nothing more happens to a document given up
    for final in (In.REFUSED, In.RECALLED, In.REPLACED):
        assert lc.rules_from(lc.INCOMING, final) == []


def test_an_accepted_replacement_supersedes_the_document_an_update_keeps_its_state():
    # domain §2.3(5): on accepting a replacement, the documents it replaces are superseded
    for state in HELD:
        rule = lc.rule_for(IA.ACCEPT_CHANGE, state)
        assert rule.next_state(Facts(change_pending=True, change_is_replacement=True)) == (
            In.REPLACED)
        assert rule.next_state(Facts(change_pending=True)) == state


# -- the guards, each named after its rule --------------------------------------------------------


def test_reasons_are_required_for_refusals_and_recalls():
    # NĐ 30/2020 art. 21(2), QĐ 28/2018 art. 9, domain §2.2
    for guard, words in ((lc.refusal_reason_given, "từ chối tiếp nhận"),
                         (lc.recall_reason_given, "thu hồi văn bản"),
                         (lc.recall_refusal_reason_given, "từ chối thu hồi"),
                         (lc.change_refusal_reason_given, "từ chối cập nhật")):
        assert words in str(guard(Facts(reason="  ")))
        assert guard(Facts(reason="Sai nơi nhận")) is None


def test_signed_before_issue_and_sending_where_the_agency_requires_it_nd30_art13():
    # NĐ 30/2020 art. 13(5): an electronic document the agency requires signed must be
    unsigned = Facts(has_main_file=True, signature_required=True, agency_name="Sở Nội vụ")
    assert "Sở Nội vụ yêu cầu" in str(lc.signed_before_issue(unsigned))
    assert "chưa gửi được" in str(lc.signed_before_sending(unsigned))
    for guard in (lc.signed_before_issue, lc.signed_before_sending):
        assert guard(Facts(has_main_file=True, signature_required=True,
                           signed_by_person=True)) is None
        assert guard(Facts(has_main_file=True)) is None  # the agency does not require it
        assert guard(Facts(signature_required=True)) is None  # a paper document


def test_notation_can_be_written_nd30_annex_i():
    # NĐ 30/2020 Phụ lục I §II.3: the notation needs the agency's abbreviation
    assert lc.notation_can_be_written(Facts(notation_problem="Chưa có chữ viết tắt")) == (
        "Chưa có chữ viết tắt")
    assert lc.notation_can_be_written(Facts()) is None


def test_a_document_is_signed_once_and_only_with_its_pdf():
    assert lc.main_file_present(Facts()) and lc.main_file_present.refusal is InvalidInput
    assert lc.main_file_present(Facts(has_main_file=True)) is None
    assert lc.not_signed_yet(Facts(signed_by_person=True))
    assert lc.not_signed_yet(Facts()) is None


def test_seal_covers_the_signers_signature_nd30_annex_i():
    # NĐ 30/2020 Phụ lục I: the agency's signature comes after the signer's, once
    assert lc.signed_by_person(Facts())
    assert lc.signed_by_person(Facts(signed_by_person=True)) is None
    assert lc.not_sealed_yet(Facts(sealed=True))
    assert lc.not_sealed_yet(Facts()) is None


def test_sending_needs_a_recipient_not_yet_sent_to():
    assert lc.recipients_left(Facts()) and lc.recipients_left.refusal is InvalidInput
    assert lc.recipients_left(Facts(recipients_left=True)) is None


def test_no_state_secret_over_the_axis_qd28_art2():
    # QĐ 28/2018/QĐ-TTg art. 2(2): state secrets stay outside the electronic exchange
    assert "Mật" in str(lc.no_state_secret_over_axis(Facts(secret="Mật", outside_recipients=True)))
    assert lc.no_state_secret_over_axis(Facts(secret="Mật")) is None  # inside the agency
    assert lc.no_state_secret_over_axis(Facts()) is None


def test_a_recall_is_requested_once_qd28_art9():
    assert lc.recall_not_requested_yet(Facts(recall_requested=True))
    assert lc.recall_not_requested_yet(Facts()) is None


def test_a_pending_recall_is_answered_before_registration_qd28_art9():
    assert "thu hồi" in str(lc.no_recall_pending(Facts(recall_requested=True)))
    assert lc.no_recall_pending(Facts()) is None
    assert lc.recall_pending(Facts())
    assert lc.recall_pending(Facts(recall_requested=True)) is None


def test_only_a_pending_update_or_replacement_is_answered():
    # domain §2.3(5): 15 or 16 answers the change waiting for an answer
    assert lc.change_pending(Facts())
    assert lc.change_pending(Facts(change_pending=True)) is None


def test_an_assignment_names_someone():
    assert lc.assignee_named(Facts())
    assert lc.assignee_named(Facts(assignee_named=True)) is None


# -- check and offered ------------------------------------------------------------------------


def test_check_refuses_a_role_not_in_the_row_with_403():
    rule = lc.rule_for(OA.ISSUE, Out.DRAFT)
    with pytest.raises(Forbidden):
        lc.check(rule, {Role.SPECIALIST.value}, Facts())
    lc.check(rule, {CLERK}, Facts())


def test_check_refuses_the_state_with_409_and_the_input_with_422():
    rule = lc.rule_for(OA.RECALL, Out.SENT)
    with pytest.raises(InvalidInput, match="lý do"):
        lc.check(rule, {CLERK}, Facts())
    with pytest.raises(NotAllowed) as refused:
        lc.check(rule, {CLERK}, Facts(reason="Sai", recall_requested=True))
    assert refused.value.status == 409


def test_offered_reads_the_state_guards_not_the_input():
    recall = lc.rule_for(OA.RECALL, Out.SENT)
    assert lc.offered(recall, {LEADER}, Facts())  # the reason comes with the request
    assert not lc.offered(recall, {LEADER}, Facts(recall_requested=True))
    assert not lc.offered(recall, {Role.SPECIALIST.value}, Facts())
    # an unsigned document is offered for issue: the page warns, the request is refused
    issue = lc.rule_for(OA.ISSUE, Out.DRAFT)
    assert lc.offered(issue, {CLERK}, Facts(has_main_file=True, signature_required=True))


def test_the_assignee_handles_the_document():
    rule = lc.rule_for(IA.COMPLETE, In.PROCESSING)
    assert lc.offered(rule, {ASSIGNEE}, Facts())
    assert not lc.offered(rule, {Role.SPECIALIST.value}, Facts())


def test_luat_tiep_can_thong_tin_art_6_no_state_secret_on_the_portal():
    assert lc.not_state_secret(Facts()) is None
    assert "“Mật” không được đăng lên cổng" in lc.not_state_secret(Facts(secret="Mật"))


def test_a_document_is_published_once_with_its_pdf_and_withdrawn_once_published():
    assert lc.not_on_portal(Facts()) is None and lc.not_on_portal(Facts(on_portal=True))
    assert lc.on_portal(Facts(on_portal=True)) is None and lc.on_portal(Facts())
    assert lc.file_to_publish(Facts(has_main_file=True)) is None
    assert "chưa có tệp PDF để đăng" in lc.file_to_publish(Facts())
    assert "đã ban hành" in lc.issued_first(Facts())


def test_signed_before_publishing_where_the_agency_requires_it_nd30_art13():
    unsigned = Facts(has_main_file=True, signature_required=True, agency_name="Sở A")
    assert "chưa đăng lên cổng thông tin được" in lc.signed_before_publishing(unsigned)
    assert lc.signed_before_publishing(Facts(has_main_file=True)) is None
