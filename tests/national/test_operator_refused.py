"""The operator's queue of pushes from DVCQG that motcua refused (/can-bo/ket-noi/): what
"Thử lại" says, and no "Thử lại" for a push that could not be read (integrations §1.3)."""

from django.urls import reverse

from motcua.national.models import RefusedPush
from tests.national import test_dvcqg_receiver as receiving
from tests.national.test_operator_page import admin_of

push = receiving.push
receiver = receiving.receiver  # the fixture: the receiver with its token, a push of the fake


def test_an_unreadable_push_is_kept_without_a_retry_button_and_cannot_be_retried(
        receiver, world, client_as):
    assert push(b"{not json").status_code == 400
    unreadable = RefusedPush.objects.get()
    assert unreadable.malformed
    message = receiver()
    message["data"]["MaTTHC"] = "9.999999"  # an unknown procedure: worth trying again later
    assert push(message).status_code == 422
    operator = client_as(admin_of(world))

    html = operator.get(reverse("national:operator")).content.decode()

    assert html.count(">Thử lại</button>") == 1
    assert reverse("national:retry_push", args=[unreadable.pk]) not in html
    assert "Gói tin sai cấu trúc: không thử lại được" in html
    answer = operator.post(reverse("national:retry_push", args=[unreadable.pk]))
    assert answer.status_code == 404


def test_retrying_a_push_without_a_code_names_the_package_not_a_question_mark(
        receiver, world, client_as):
    kept = RefusedPush.objects.create(reason="JSON không hợp lệ", body="{not json")  # kept before

    answer = client_as(admin_of(world)).post(
        reverse("national:retry_push", args=[kept.pk]), follow=True)

    html = answer.content.decode()
    assert "Gói tin vẫn bị từ chối: " in html and "Hồ sơ ? vẫn" not in html


def test_the_operators_tables_scroll_in_the_sites_labelled_container_with_a_caption(
        world, client_as):
    html = client_as(admin_of(world)).get(reverse("national:operator")).content.decode()
    for table in ("catalogue-pulls", "behind", "refused"):
        before, after = html.split(f'id="{table}">', 1)
        region = 'class="table-responsive table-scroll position-relative" role="region"'
        assert region in before[-400:]
        assert after.lstrip().startswith('<caption class="visually-hidden">')
