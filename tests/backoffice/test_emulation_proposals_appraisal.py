"""The office's own finding on a nominee, on the proposal page: a form beside each nominee for
the emulation office while it appraises, nobody else; the refusals come back on the page."""

import pytest
from django.urls import reverse

from motcua.emulation import proposals
from motcua.emulation.models import NominationResult, ProposalEvent
from motcua.emulation.proposal_lifecycle import Action
from tests.emulation.test_office_appraisal import BASIS, in_appraisal
from tests.emulation.test_proposals import home, received  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def page(client, proposal) -> str:
    return client.get(reverse("backoffice:emulation_proposal", args=[proposal.pk])).text


def appraise_url(proposal, nomination) -> str:
    return reverse("backoffice:emulation_appraise_nominee", args=[proposal.pk, nomination.pk])


def test_the_office_records_its_finding_beside_the_nominee(world, home, client_as):  # noqa: F811
    proposal = in_appraisal(world, home, code="GK")
    nomination = proposal.nominations.get()
    office = client_as(home.officer)
    shown = page(office, proposal)
    assert f'id="appraise-{nomination.pk}"' in shown and "Chờ Sở Nội vụ thẩm định" in shown
    assert "Ghi kết quả thẩm định" in shown and "Căn cứ thẩm định" in shown
    response = office.post(appraise_url(proposal, nomination),
                           {"eligible": "eligible", "note": BASIS}, follow=True)
    assert "Đã thực hiện: Ghi kết quả thẩm định (Bùi Đức Thắng)." in response.text
    assert f"Sở Nội vụ thẩm định: {BASIS}" in response.text
    nomination.refresh_from_db()
    assert nomination.result == NominationResult.ELIGIBLE
    assert ProposalEvent.objects.filter(proposal=proposal,
                                        action=Action.APPRAISE_NOMINEE).count() == 1
    office.post(reverse("backoffice:emulation_action", args=[proposal.pk, "appraise"]))
    proposal.refresh_from_db()
    assert proposal.status == "appraised"
    assert f'id="appraise-{nomination.pk}"' not in page(office, proposal)  # appraised: no form


def test_others_never_see_the_form_and_are_refused(world, home, client_as):  # noqa: F811
    proposal = in_appraisal(world, home, code="GK")
    nomination = proposal.nominations.get()
    for user in (world.leader, world.specialist):
        client = client_as(user)
        assert 'id="appraise-' not in page(client, proposal)
        assert client.post(appraise_url(proposal, nomination),
                           {"eligible": "eligible", "note": BASIS}).status_code == 403
    nomination.refresh_from_db()
    assert nomination.result == NominationResult.TO_APPRAISE


def test_a_refused_finding_names_what_is_missing(world, home, client_as):  # noqa: F811
    proposal = in_appraisal(world, home, code="GK")
    nomination = proposal.nominations.get()
    office = client_as(home.officer)
    empty = office.post(appraise_url(proposal, nomination), {"eligible": "eligible",
                                                             "note": " "}, follow=True)
    assert "Ghi căn cứ thẩm định, ít nhất 3 từ" in empty.text
    back = office.post(appraise_url(proposal, nomination), {"note": BASIS})
    assert back["Location"].endswith(f"#appraise-{nomination.pk}")  # to the nominee's form
    unchosen = office.post(appraise_url(proposal, nomination), {"note": BASIS}, follow=True)
    assert "Kết quả thẩm định: " in unchosen.text
    nomination.refresh_from_db()
    assert nomination.result == NominationResult.TO_APPRAISE


def test_a_finding_is_refused_outside_the_appraisal(world, home, client_as):  # noqa: F811
    proposal = received(world, home)
    nomination = proposal.nominations.get()
    office = client_as(home.officer)
    assert 'id="appraise-' not in page(office, proposal)
    response = office.post(appraise_url(proposal, nomination),
                           {"eligible": "ineligible", "note": BASIS}, follow=True)
    assert "khi hồ sơ đang được thẩm định" in response.text


def test_the_finding_is_not_an_action_button_nor_another_proposals_nominee(world, home,  # noqa: F811
                                                                          client_as):
    proposal = in_appraisal(world, home, code="GK")
    other = proposals.create_proposal(world.specialist, world.agency, "Hồ sơ khác", 2025)
    office = client_as(home.officer)
    assert office.post(reverse("backoffice:emulation_action",
                               args=[proposal.pk, Action.APPRAISE_NOMINEE]),
                       {"reason": BASIS}).status_code == 404
    assert office.post(appraise_url(other, proposal.nominations.get()),
                       {"eligible": "eligible", "note": BASIS}).status_code == 404
