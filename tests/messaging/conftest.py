"""The messaging tests talk to the sandbox's fakes of the SMS brandname and of Zalo over real
HTTP (tests/national/conftest.py's sandbox server), with the templates registered on them."""

import io

import pytest
from django.core.management import call_command

from motcua.messaging import fakes
from motcua.messaging.models import Notice, PhoneChannel, PhonePreference, Template
from motcua.org.models import User
from tests.helpers import CITIZEN
from tests.national.conftest import sandbox_server  # noqa: F401

MOBILE = "0912 345 678"
# each notice's templates as registered on the fakes (docs/messages.md): SMS id, ZNS id, params
REGISTERED = {
    notice: (sms_id, zns_id, fakes.ZNS_TEMPLATES[zns_id])
    for notice, sms_id, zns_id in zip(Notice.values, fakes.SMS_TEMPLATES, fakes.ZNS_TEMPLATES,
                                      strict=True)
}


@pytest.fixture
def providers(sandbox_server, settings):  # noqa: F811
    """The fakes, emptied, with motcua's SMS and Zalo settings pointed at them."""
    server, url = sandbox_server
    sms, zalo = server.app.part("sms"), server.app.part("zalo")
    sms.reset()
    zalo.reset()
    settings.MOTCUA_MESSAGING = {
        "SMS": {"URL": f"{url}/sms/send", "APIUSER": "motcua", "APIPASS": "sandbox",
                "USERNAME": "motcua", "LABELID": "UBND", "CONTRACTID": "1",
                "CONTRACTTYPEID": "1", "AGENTID": "1"},
        "ZALO": {"ZNS_URL": f"{url}/zalo/message/template",
                 "OAUTH_URL": f"{url}/zalo/v4/oa/access_token", "APP_ID": fakes.SANDBOX_APP_ID,
                 "SECRET_KEY": fakes.SANDBOX_SECRET_KEY,
                 "REFRESH_TOKEN": fakes.SANDBOX_REFRESH_TOKEN, "REFRESH_EARLY_SECONDS": 3600},
        "TIMEOUT": 5.0,
    }
    return sms, zalo


@pytest.fixture
def templates(db):
    """The fakes' templates in the template table, as ``make run`` records them."""
    call_command("sandbox_templates", stdout=io.StringIO())
    assert Template.objects.count() == 2 * len(REGISTERED)


def citizen_chooses(channel: PhoneChannel, phone: str = MOBILE) -> User:
    user = User.objects.get(username=CITIZEN)
    user.phone = phone
    user.save(update_fields=["phone"])
    PhonePreference.objects.update_or_create(user=user, defaults={"channel": channel})
    return user
