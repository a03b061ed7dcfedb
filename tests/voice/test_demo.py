"""The demo's feedback cases and complaints: a handful at every stage, made through the
services."""

import time_machine

from motcua.dossiers.models import Dossier
from motcua.voice import demo
from motcua.voice.models import ComplaintCase, FeedbackCase, Letter, LetterOutcome
from motcua.voice.models import ComplaintStatus as C
from motcua.voice.models import FeedbackStatus as S
from tests.helpers import local


def test_the_demo_has_feedback_at_every_stage_and_loads_once(demo_data):
    with time_machine.travel(local(2026, 12, 4, 16), tick=False):
        made = demo.load()
        assert demo.load() == 0
    assert made == len(demo.CASES) == FeedbackCase.objects.count()
    assert set(FeedbackCase.objects.values_list("status", flat=True)) == {
        S.PUBLISHED, S.ANSWERED_PRIVATE, S.APPROVED, S.AWAITING_APPROVAL, S.PROCESSING,
        S.AWAITING_SUPPLEMENT, S.REFUSED, S.TRANSFERRED, S.SUBMITTED}
    assert FeedbackCase.objects.filter(status=S.PUBLISHED).count() == 2
    assert set(Letter.objects.filter(feedback__isnull=True).values_list(
        "classification", "outcome")) == {("complaint", LetterOutcome.OPENED_CASE),
                                          ("", LetterOutcome.FORWARDED)}
    # complaints at every stage (domain §4.4), the desk's letter among them
    assert set(ComplaintCase.objects.values_list("status", flat=True)) == {
        C.DECIDED, C.DIALOGUE, C.ACCEPTED, C.NOT_ACCEPTED, C.RECEIVED}
    assert ComplaintCase.objects.count() == len(demo.COMPLAINTS) + 1
    # one complaint of three people, its dialogue held; the newest about the citizen's dossier
    together = ComplaintCase.objects.get(parties__representative=True)
    assert (together.status, together.parties.count()) == (C.DIALOGUE, 2)
    assert ComplaintCase.objects.filter(dossier__isnull=False).count() == int(
        Dossier.objects.filter(applicant__username=demo.CITIZEN).exists())
