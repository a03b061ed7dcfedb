"""The world the authorization matrix is checked against: one of each kind of thing, owned.

It is built by the factories, not loaded from the demo province: the minimal world
(tests/factories/world.py) with the Department of Culture as the agency that is not involved,
and the province's statistics viewer and administrator."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import time_machine
from django.test import Client

from motcua.org.models import User
from tests.helpers import (
    CITIZEN,
    OTHER_CITIZEN,
    PDF,
    Flow,
    api_clients,
    bearer_headers,
    fill_draft,
    local,
    pdf,
    submit_online,
)

# who asks: a name in the matrix -> a login (None: nobody signed in)
ACTORS = {
    "anonymous": None,
    "owner": CITIZEN,  # the applicant of every dossier and draft below
    "other_citizen": OTHER_CITIZEN,
    "reception": "khcn.tiepnhan",  # the receiving agency's staff, each role
    "specialist": "khcn.chuyenvien",
    "division_head": "khcn.truongphong",
    "leader": "khcn.giamdoc",
    "clerk": "khcn.vanthu",
    "other_agency": "motcua.tiepnhan",  # staff of an agency that is not involved
    "other_leader": "motcua.giamdoc",
    "statistics": "motcua.thongke",  # reads the whole province's figures
    "admin": "motcua.quantri",  # system administrator (superuser)
}


@dataclass
class World:
    """The objects the URLs point at, all the owner's, received at the Department of Science."""

    supplement: str  # a dossier waiting for the owner's supplement
    delivered: str  # a dossier whose result was delivered (can be rated)
    attachment: int  # a file of the supplement dossier
    draft: int  # an online draft with one file
    draft_file: int
    notification: int  # one of the owner's notifications
    officer_notification: int  # one of the specialist's

    def values(self) -> dict:
        from motcua.dossiers import links
        from motcua.dossiers.models import Attachment, Dossier

        versions = dict(Dossier.objects.values_list("code", "version"))
        signed = links.key_for(Attachment.objects.select_related("dossier").get(
            pk=self.attachment))
        return {"code": self.supplement, "delivered": self.delivered, "pk": self.draft,
                "file_pk": self.draft_file, "attachment": self.attachment,
                "attachment_key": signed,
                "notification": self.notification,
                "officer_notification": self.officer_notification,
                "version": versions[self.supplement]}


@pytest.fixture
def api(province):
    """API clients per login, in the minimal world with the Department of Culture and the
    province's roles (root conftest); ``world`` below is what the URLs point at."""
    return api_clients()


@pytest.fixture
def world(api, media_in_tmp) -> World:
    from django.core.files.base import ContentFile

    from motcua.catalog.selectors import current_version
    from motcua.dossiers.models import Dossier
    from motcua.outbox.selectors import inbox
    from motcua.portal import services as portal_services
    from motcua.portal.models import Draft

    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        supplement = Flow(api, submit_online(api))
        delivered = Flow(api, submit_online(api))
    supplement.ok("khcn.tiepnhan", "accept")
    supplement.ok("khcn.tiepnhan", "forward")
    supplement.ok("khcn.truongphong", "complete_step")
    supplement.ok("khcn.chuyenvien", "request_supplement", items=["Giấy phép"], reason="Thiếu")
    for username, action in [("khcn.tiepnhan", "accept"), ("khcn.tiepnhan", "forward"),
                             ("khcn.truongphong", "complete_step"),
                             ("khcn.chuyenvien", "complete_step"),
                             ("khcn.truongphong", "complete_step"),
                             ("khcn.giamdoc", "complete_step"), ("khcn.vanthu", "approve")]:
        delivered.ok(username, action)
    delivered.ok("khcn.tiepnhan", "deliver", recipient="Nguyễn Văn An")
    component = current_version("DP.BC002").components.get(order=1)
    component.template.save("mau-don.pdf", ContentFile(PDF))
    owner = Client()
    owner.force_login(User.objects.get(username=CITIZEN))
    draft = Draft.objects.get(pk=fill_draft(owner))
    draft_file = portal_services.add_file(owner_user := draft.applicant, draft, 1, pdf("don.pdf"))
    assert owner_user.username == CITIZEN
    return World(
        supplement=supplement.code, delivered=delivered.code,
        attachment=Dossier.objects.get(code=supplement.code).attachments.first().pk,
        draft=draft.pk, draft_file=draft_file.pk, notification=inbox(owner_user).first().pk,
        officer_notification=inbox(User.objects.get(username="khcn.chuyenvien")).first().pk,
    )


@pytest.fixture
def users(world):
    """Per actor: the user (None for nobody) and the API's Authorization header."""
    made = {}
    for actor, username in ACTORS.items():
        user = User.objects.get(username=username) if username else None
        made[actor] = (user, bearer_headers(username) if username else {})
    return made
