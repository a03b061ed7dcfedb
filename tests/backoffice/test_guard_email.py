"""The late-dossier digest, like every e-mail the project sends, names the agency and links to
the site: each dossier with its deciding agency and its back-office page."""

import time_machine
from django.conf import settings

from motcua.dossiers import guard
from motcua.outbox.models import OutboxMessage
from tests.backoffice.test_slips import in_processing
from tests.dossiers.conftest import local


def test_the_digest_names_the_deciding_agency_and_links_each_dossier(staff):
    at_risk = in_processing()  # due 16/03/2026 09:00
    with time_machine.travel(local(2026, 3, 13, 10, 0), tick=False):
        assert guard.run(local(2026, 3, 13, 10, 0)) == 2
    for message in OutboxMessage.objects.filter(topic="late_guard"):
        assert at_risk.deciding_agency.name in message.body
        assert f"{settings.MOTCUA_PUBLIC_URL}/can-bo/ho-so/{at_risk.code}/" in message.body
        assert settings.MOTCUA_SITE_NAME in message.body
