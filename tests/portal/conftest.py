import pytest
from django.test import Client

from motcua.org.models import User

# helpers, imported from here by the portal's tests (the api and flow fixtures: root conftest)
from tests.helpers import CITIZEN, OTHER_CITIZEN, PDF, PNG, local, pdf  # noqa: F401


@pytest.fixture(autouse=True)
def _empty_cache():
    """Figures are cached for an hour: every test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def citizen(demo_data, media_in_tmp):
    """A signed-in web session of a demo citizen (username = ID number)."""

    def client_for(username=CITIZEN):
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    return client_for


def fill_draft(client, procedure="DP.BC002", **details):
    """Start a draft and save step 1 with the account's data; the draft's id."""
    response = client.post(f"/thu-tuc/{procedure}/nop-truc-tuyen/")
    assert response.status_code == 302, response.content
    pk = int(response.url.rstrip("/").split("/")[-1])
    form = client.get(response.url).context["form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    data.update({"delivery": "online", "receiving_agency": form.fields["receiving_agency"]
                 .choices[0][0], **details})
    answer = client.post(response.url, data)
    assert answer.status_code == 302, answer.context["form"].errors
    return pk
