"""Following a feedback, a complaint or a denunciation by code and phone is a POST: the phone
never lands in an address (access logs, history, referrers); the answer shows on the same page,
and a link with the code opens the form ready."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories.voice import FeedbackFactory, complaint
from tests.voice.test_denunciations import denunciation

PHONE = "0912345678"


@pytest.fixture(params=["feedback_follow", "complaint_follow", "denunciation_follow"])
def followed(request, world):
    """(the follow page's address, a case sent by the world's citizen from PHONE)"""
    make = {"feedback_follow": lambda: FeedbackFactory(world=world, state="published"),
            "complaint_follow": lambda: complaint(world, "decided"),
            "denunciation_follow": lambda: denunciation(world)}[request.param]
    return reverse(f"portal:{request.param}"), make()


def test_the_form_is_posted_with_its_csrf_token_and_answers_on_the_same_page(followed):
    url, case = followed
    form = Client().get(url).text
    assert '<form method="post"' in form and 'name="csrfmiddlewaretoken"' in form
    found = Client().post(url, {"code": case.code, "phone": PHONE})
    assert found.status_code == 200 and f'<h2 class="h5">{case.code}</h2>' in found.text
    assert found["Cache-Control"] == "private, no-store"
    wrong = Client().post(url, {"code": case.code, "phone": "0900000000"})
    assert f'<h2 class="h5">{case.code}</h2>' not in wrong.text and "Không tìm thấy" in wrong.text


def test_a_post_without_the_csrf_token_is_refused(followed):
    url, case = followed
    client = Client(enforce_csrf_checks=True)
    assert client.post(url, {"code": case.code, "phone": PHONE}).status_code == 403


def test_a_link_with_the_code_opens_the_form_ready_and_searches_nothing(followed):
    url, case = followed
    page = Client().get(url, {"code": case.code, "phone": PHONE})
    main = page.text.split("<main", 1)[1].split("</main>", 1)[0]
    assert page.status_code == 200
    assert f'value="{case.code}"' in main and PHONE not in main
    assert f'<h2 class="h5">{case.code}</h2>' not in main and "Không tìm thấy" not in main

