"""The proposal pages: an agency builds and submits its dossier; Home Affairs receives,
appraises, puts it to a session, records the ballot, drafts the decision; the register issues
it; the awards, the certificate and the public page of published decisions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.emulation.models import AwardType, Component, CouncilSession, Proposal
from motcua.exchange.services.outgoing import issue_document
from tests.emulation.test_proposals import PDF, home  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def post(client, name, data=None, **kwargs):
    response = client.post(reverse(f"backoffice:{name}", kwargs=kwargs), data or {})
    assert response.status_code == 302, response.content[:300]
    return response


def test_a_proposal_from_the_agency_to_the_decision_through_the_pages(world, home, client_as):  # noqa: F811
    agency_officer, leader, office = (client_as(user) for user in (
        world.specialist, world.leader, home.officer))
    post(agency_officer, "emulation_proposal_create", {
        "agency": world.agency.pk, "title": "Chiến sĩ thi đua cấp tỉnh năm 2025", "year": 2025})
    proposal = Proposal.objects.get()
    for kind in (Component.SUBMISSION, Component.ACHIEVEMENT_REPORT, Component.MINUTES):
        post(agency_officer, "emulation_component", {
            "kind": kind, "file": SimpleUploadedFile(f"{kind}.pdf", PDF, "application/pdf")},
            pk=proposal.pk)
    post(agency_officer, "emulation_nominate", {
        "award_type": AwardType.objects.get(code="CSTD_TINH").pk,
        "username": home.person.username, "printed_name": "Bùi Đức Thắng"}, pk=proposal.pk)
    page = agency_officer.get(reverse("backoffice:emulation_proposal", args=[proposal.pk]))
    assert "CSTĐ cấp tỉnh: đạt CSTĐCS 3 năm liên tục" in page.content.decode()
    assert "Ký, trình hồ sơ" not in page.content.decode()  # the head signs, not the officer
    post(leader, "emulation_action", pk=proposal.pk, action="submit")
    for action in ("receive", "start_appraisal", "appraise"):
        post(office, "emulation_action", pk=proposal.pk, action=action)
    post(office, "emulation_session_open", {
        "council": home.council.pk, "held_on": "20/01/2026", "chair": "Chủ tịch UBND tỉnh",
        "present": "1,2,3,4,5,6,7,8", "in_writing": "9,10"})
    session = CouncilSession.objects.get()
    post(office, "emulation_action", {"session": session.pk}, pk=proposal.pk, action="schedule")
    nomination = proposal.nominations.get()
    post(office, "emulation_ballot", {"nomination": nomination.pk, "yes": 7, "no": 0,
                                      "blank": 1, "written_yes": 2}, pk=session.pk)
    ballots = office.get(reverse("backoffice:emulation_session", args=[session.pk])).text
    assert 'aria-label="Đồng ý" value="7"' in ballots  # the counts as recorded, not zeros
    assert 'aria-label="Đồng ý bằng văn bản" value="2"' in ballots
    minutes = office.get(reverse("backoffice:emulation_minutes", args=[session.pk]))
    assert minutes["Content-Type"] == "application/pdf"
    post(office, "emulation_action", pk=proposal.pk, action="record_vote")
    voted = office.get(reverse("backoffice:emulation_session", args=[session.pk])).text
    assert "Bùi Đức Thắng" in voted and 'name="yes"' not in voted  # kept, read only
    post(office, "emulation_action", {"signer": "Nguyễn Văn Chủ"}, pk=proposal.pk,
         action="decide")
    proposal.refresh_from_db()
    assert proposal.status == "decided"
    # the subject does not repeat the proposal's own "Đề nghị khen thưởng…" title
    assert proposal.decision.document.subject == (
        "Về việc khen thưởng các tập thể, cá nhân có thành tích năm 2025")
    drafted = office.get(reverse("backoffice:emulation_proposal", args=[proposal.pk])).text
    assert "Chờ người có thẩm quyền ký số, văn thư ban hành" in drafted  # where it goes next
    issue_document(home.committee_clerk, proposal.decision.document)  # the UBND register
    post(office, "emulation_action", pk=proposal.pk, action="distribute")
    nomination.refresh_from_db()
    assert nomination.result == "awarded" and nomination.bonus
    page = office.get(reverse("backoffice:emulation_proposal", args=[proposal.pk]))
    assert proposal.decision.document.notation in page.content.decode()
    assert "Bằng (PDF)" in page.content.decode()
    assert f"{nomination.bonus:,} đồng".replace(",", ".") in page.content.decode()
    certificate = agency_officer.get(reverse("backoffice:emulation_certificate",
                                             args=[proposal.pk, nomination.pk]))
    assert certificate["Content-Type"] == "application/pdf"
    public = client_as(world.citizen).get(reverse("portal:emulation_decisions"))
    assert "Bùi Đức Thắng" not in public.content.decode()  # not published yet
    post(office, "emulation_publish", pk=proposal.pk)
    public = agency_officer.get(reverse("portal:emulation_decisions"))
    assert "Bùi Đức Thắng" in public.content.decode()
    assert proposal.decision.document.notation in public.content.decode()


def test_an_appraised_proposal_offers_the_session_to_pick(world, home, client_as):  # noqa: F811
    from tests.emulation.test_proposals import received

    proposal = received(world, home)
    office = client_as(home.officer)
    for action in ("start_appraisal", "appraise"):
        post(office, "emulation_action", pk=proposal.pk, action=action)
    page = office.get(reverse("backoffice:emulation_proposal", args=[proposal.pk]))
    assert "Đưa ra phiên họp Hội đồng" in page.content.decode()  # the session is picked there


def test_a_refusal_comes_back_as_a_message(world, home, client_as):  # noqa: F811
    officer = client_as(world.specialist)
    post(officer, "emulation_proposal_create", {
        "agency": world.agency.pk, "title": "Hồ sơ", "year": 2025})
    proposal = Proposal.objects.get()
    response = client_as(world.leader).post(
        reverse("backoffice:emulation_action", args=[proposal.pk, "submit"]), follow=True)
    assert "Hồ sơ còn thiếu" in response.content.decode()


def test_sessions_are_home_affairs_only(world, home, client_as):  # noqa: F811
    assert client_as(world.leader).get(reverse("backoffice:emulation_sessions")
                                       ).status_code == 403
    assert client_as(home.officer).get(reverse("backoffice:emulation_sessions")
                                       ).status_code == 200


def test_the_one_council_is_chosen_on_the_session_form(world, home, client_as):  # noqa: F811
    page = client_as(home.officer).get(reverse("backoffice:emulation_sessions")).text
    council = page.split('name="council"')[1].split("</select>")[0]
    assert "---------" not in council and f'value="{home.council.pk}" selected' in council


def test_a_refused_form_names_the_fields_in_its_message(world, home, client_as):  # noqa: F811
    response = client_as(home.officer).post(reverse("backoffice:emulation_session_open"), {
        "council": home.council.pk}, follow=True)
    assert "Ngày họp: " in response.text and "Chủ trì: " in response.text


def test_nominees_are_chosen_by_the_titles_names(world, home, client_as):  # noqa: F811
    officer = client_as(world.specialist)
    post(officer, "emulation_proposal_create", {
        "agency": world.agency.pk, "title": "Hồ sơ", "year": 2025})
    page = officer.get(reverse("backoffice:emulation_proposal",
                               args=[Proposal.objects.get().pk])).text
    choices = page.split('name="award_type"')[1].split("</select>")[0]
    assert ">Lao động tiên tiến</option>" in choices and "LDTT" not in choices
