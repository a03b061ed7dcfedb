"""The demo lets a newcomer run the vote and sign the decision: after `motcua demo`, the
demo's own accounts drive the cluster's proposal through the services, from its submission to
the certificates, with the demo's keys only (issue 27)."""

import datetime as dt
import io

import pytest
import time_machine
from pypdf import PdfReader

from motcua.core import demo_keys, signing
from motcua.core.dates import VN_TZ
from motcua.emulation import certificates, demo, proposals, votes
from motcua.emulation.models import (
    Council,
    Nomination,
    NominationResult,
    Proposal,
    ProposalStatus,
)
from motcua.emulation.proposal_lifecycle import Action
from motcua.exchange.services.outgoing import issue_document, seal_document, sign_document
from motcua.org.demo import DEMO_PASSWORD, PROVINCE
from motcua.org.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(province, media_in_tmp, settings, tmp_path):
    """`motcua demo` in December 2026 on a trial installation whose seal folder is set."""
    settings.MOTCUA_SIGNING = {**settings.MOTCUA_SIGNING, "SEAL_DIR": tmp_path / "keys",
                               "SEAL_PASSPHRASE": "mat-khau-con-dau"}
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, tzinfo=VN_TZ), tick=False):
        demo.load()
        demo.load()  # idempotent: nothing doubled, no key rewritten


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_demo_proposal_goes_to_the_sealed_decision_and_certificates_with_demo_accounts(loaded):
    proposal = Proposal.objects.get()
    assert proposal.status == ProposalStatus.DRAFT and proposal.nominations.count() == 3
    officer, chair, clerk = user("noivu.thidua"), user("ubnd.chutich"), user("ubnd.vanthu")
    # Monday 14/12/2026, after the cluster's year-end meeting
    with time_machine.travel(dt.datetime(2026, 12, 14, 9, tzinfo=VN_TZ), tick=False):
        proposal = proposals.act(user("khcn.giamdoc"), proposal, Action.SUBMIT)
        for action in (Action.RECEIVE, Action.START_APPRAISAL, Action.APPRAISE):
            proposal = proposals.act(officer, proposal, action)
        council = Council.objects.get()
        members = list(council.members.values_list("pk", flat=True))
        assert len(members) == 10
        session = proposals.open_session(officer, council, dt.date(2026, 12, 15),
                                         "Chủ tịch UBND tỉnh", members[:8], members[8:9])
        proposal = proposals.act(officer, proposal, Action.SCHEDULE, session=session)
        for nomination in proposal.nominations.all():
            ballot = proposals.record_ballot(officer, session, nomination, votes.Count(
                yes=7, no=0, blank=1, written_yes=1))
            assert ballot.passed  # 8 of 10: the flag's 80 %
        proposal = proposals.act(officer, proposal, Action.RECORD_VOTE)
        decision = proposals.draft_decision(officer, proposal, chair.get_full_name())
        document = decision.document
        key = demo_keys.person_key("ubnd.chutich")
        sign_document(chair, document, signing.SigningIdentity.from_pkcs12(
            key.read_bytes(), DEMO_PASSWORD))
        issue_document(clerk, document)
        seal_document(clerk, document)
        proposal = proposals.distribute(officer, proposal)
    document.refresh_from_db()
    assert document.agency.identifier_code == PROVINCE
    assert document.notation == "01/QĐ-UBND" and document.sealed_at
    assert proposal.status == ProposalStatus.DISTRIBUTED
    awarded = Nomination.objects.filter(proposal=proposal, result=NominationResult.AWARDED)
    assert awarded.count() == 3
    for nomination in awarded:
        text = PdfReader(io.BytesIO(certificates.certificate_pdf(nomination))).pages[0]
        assert nomination.printed_name in text.extract_text()


def test_demo_keys_are_written_once_and_never_in_production(loaded, settings):
    folder = settings.MOTCUA_SIGNING["SEAL_DIR"]
    seal = folder / f"{PROVINCE}.p12"
    identity = signing.seal_identity_for(PROVINCE)
    assert identity is not None and "DEMO" in (folder / "README.txt").read_text()
    assert demo_keys.write({PROVINCE: "x"}, {}, DEMO_PASSWORD) == []  # already there
    seal.unlink()
    settings.MOTCUA_ENV = "production"
    assert demo_keys.write({PROVINCE: "x"}, {}, DEMO_PASSWORD) == [] and not seal.exists()


def test_demo_prints_the_committees_chair_and_clerk(loaded):
    usernames = [login.username for login in demo.logins()]
    assert {"noivu.thidua", "ubnd.chutich", "ubnd.vanthu"} <= set(usernames)
    chair = next(login for login in demo.logins() if login.username == "ubnd.chutich")
    assert "ubnd.chutich.p12" in chair.description


def test_demo_keys_never_go_into_a_folder_of_real_keys(settings, tmp_path):
    """A staging or mis-set installation whose seal folder holds real keys, not the demo's."""
    real = tmp_path / "seals"
    real.mkdir()
    (real / "000.00.04.H42.p12").write_bytes(b"a real agency's key")
    settings.MOTCUA_SIGNING = {**settings.MOTCUA_SIGNING, "SEAL_DIR": real}
    assert demo_keys.write({PROVINCE: "x"}, {"ubnd.chutich": "x"}, DEMO_PASSWORD) == []
    assert sorted(p.name for p in real.iterdir()) == ["000.00.04.H42.p12"]


def test_demo_keys_are_readable_by_their_owner_only(settings, tmp_path):
    settings.MOTCUA_SIGNING = {**settings.MOTCUA_SIGNING, "SEAL_DIR": tmp_path / "keys"}
    written = demo_keys.write({PROVINCE: "x"}, {"ubnd.chutich": "x"}, DEMO_PASSWORD)
    assert len(written) == 2 and {p.stat().st_mode & 0o777 for p in written} == {0o600}
