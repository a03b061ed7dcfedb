"""The demo's denunciations: a few at different stages, made through the services, loaded
once."""

import time_machine

from motcua.voice import denunciation_demo
from motcua.voice.models import Denouncer, DenunciationCase
from motcua.voice.models import DenunciationStatus as S
from tests.helpers import local


def test_the_demo_has_denunciations_at_different_stages_and_loads_once(demo_data):
    with time_machine.travel(local(2026, 12, 4, 16), tick=False):
        made = denunciation_demo.load()
        assert denunciation_demo.load() == 0
    assert made == len(denunciation_demo.CASES) == DenunciationCase.objects.count()
    assert set(DenunciationCase.objects.values_list("status", flat=True)) == {
        S.PUBLISHED, S.VERIFYING, S.NOT_ACCEPTED, S.RECEIVED}
    assert DenunciationCase.objects.get(status=S.VERIFYING).extensions == 1
    # the identity in its own table, the letters without it
    assert Denouncer.objects.count() == made
    assert set(DenunciationCase.objects.values_list("letter__sender_name", flat=True)) == {""}
