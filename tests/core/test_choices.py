"""A choice's label read through ChoiceLabels is Django's own, in the active language."""

import pytest
from django.db import models
from django.utils import translation

from motcua.dossiers.models import Dossier, Status

ALL_STATUSES = [pytest.param(status, id=f"status-{status.value}") for status in Status]


@pytest.mark.parametrize("status", ALL_STATUSES)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_label_is_djangos_own_in_the_active_language(status, language):
    dossier = Dossier(status=status)
    field = Dossier._meta.get_field("status")
    with translation.override(language):
        assert dossier.get_status_display() == models.Model._get_FIELD_display(dossier, field)


def test_the_label_is_not_kept_in_the_language_it_was_first_read_in():
    dossier = Dossier(status=Status.FINISHED)
    shown = {}
    for language in ("vi", "en", "vi"):
        with translation.override(language):
            shown[language] = dossier.get_status_display()
            assert shown[language] == str(Status.FINISHED.label)
    assert shown["vi"] != shown["en"]


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert Dossier(status=99).get_status_display() == 99
    assert Dossier(channel="fax").get_channel_display() == "fax"
