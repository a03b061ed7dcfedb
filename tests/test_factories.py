"""Each factory trait gives the state it names, made through the services, and its history
chain verifies."""

import pytest

from motcua.dossiers import audit
from motcua.dossiers.models import Status
from tests.factories.dossiers import SCRIPTS, DossierFactory

EXPECTED = {
    "submitted": (Status.SUBMITTED, ""),
    "received": (Status.ACCEPTED, ""),
    "in_step": (Status.PROCESSING, ""),
    "assigned": (Status.PROCESSING, ""),
    "awaiting_supplement": (Status.SUPPLEMENT_REQUESTED, ""),
    "payment_requested": (Status.AWAITING_PAYMENT, ""),
    "approved": (Status.FINISHED, ""),
    "delivered": (Status.DELIVERED, ""),
    "refused": (Status.REFUSED, ""),
    "withdrawal_requested": (Status.WITHDRAWAL_REQUESTED, ""),
}


def test_every_script_has_its_expected_state():
    assert set(SCRIPTS) == set(EXPECTED)


@pytest.mark.parametrize("state", EXPECTED)
def test_a_dossier_factory_trait_reaches_its_state_with_a_whole_history(world, media_in_tmp,
                                                                      state):
    dossier = DossierFactory(world=world, **{state: True})
    status, sub = EXPECTED[state]
    assert dossier.status == status
    assert dossier.events.count() == 1 + len(SCRIPTS[state])
    assert dossier.sub_status == sub
    assert audit.verify().clean


def test_a_procedure_version_is_published_with_the_usual_process_within_its_limit(db):
    from motcua.catalog.selectors import current_version
    from motcua.catalog.services import process_errors
    from tests.factories.catalog import ProcedureVersionFactory

    version = ProcedureVersionFactory(with_fee=True, calendar_days=True)
    assert current_version(version.procedure.code) == version
    assert [s.key for s in version.steps.order_by("order")] == ["B1", "B2", "B3", "B4", "B5"]
    assert process_errors(version) == []
    assert (version.time_limit_unit, version.fees.count(), version.components.count()) == (
        "calendar_days", 1, 2)


def test_a_sent_document_arrives_at_its_recipient(db, media_in_tmp):
    from motcua.exchange.models import IncomingState, OutgoingState
    from tests.factories.exchange import OfficeFactory, OutgoingFactory, incoming_for

    sender, recipient = OfficeFactory(), OfficeFactory()
    assert OutgoingFactory(office=sender).state == OutgoingState.DRAFT
    assert OutgoingFactory(office=sender, issued=True).number == 1
    sent = OutgoingFactory(office=sender, to=[recipient.agency], sent=True)
    assert sent.state == OutgoingState.SENT
    assert incoming_for(recipient.agency, sent).state == IncomingState.RECEIVED


def _as_in(expected, actual):
    """``actual`` cut down to what ``expected`` states (the keys of its dicts), recursively."""
    if isinstance(expected, dict):
        return {key: _as_in(value, actual.get(key)) for key, value in expected.items()}
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [_as_in(e, a) for e, a in zip(expected, actual, strict=True)]
    return actual


def _as_the_demo_states(version) -> None:
    """``version`` is what the demo's entry would import, every field the entry states (the
    blank form aside, attached under the procedure's code)."""
    from motcua.catalog import demo
    from motcua.catalog.transfer import export_procedure

    code = version.procedure.code
    [expected] = demo._document(next(s for s in demo.PROCEDURES if s["code"] == code))["versions"]
    [built] = export_procedure(version.procedure)["versions"]
    assert built["components"][0].pop("template").endswith(f"{code}.pdf")
    expected["components"][0].pop("template")
    assert _as_in(expected, built) == expected, code


@pytest.mark.parametrize("code", ["DP.BC001", "1.009374", "2.001171", "2.001173"])
def test_a_demo_procedure_is_built_as_the_demo_catalogue_states_it(province, media_in_tmp, code):
    """demo_procedure follows the demo's entry, in the minimal world and its neighbours."""
    from tests.factories.catalog import demo_procedure

    _as_the_demo_states(demo_procedure(code))


def test_the_demo_catalogue_is_built_as_the_demo_states_it(db, media_in_tmp):
    """demo_catalogue builds every procedure of the demo's catalogue (2.001098's consultation
    of the Department of Science and the two communes' procedure too) as its entry states."""
    from motcua.catalog import demo
    from tests.factories.catalog import demo_catalogue

    built = demo_catalogue()
    assert [version.procedure.code for version in built] == [
        spec["code"] for spec in demo.PROCEDURES]
    for version in built:
        _as_the_demo_states(version)
