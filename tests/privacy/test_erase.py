"""Erasure of what may be erased (L91/2025 art. 14): a dossier within its legal retention keeps
its owner's details, with the reason told; one past it is anonymised; the account goes only
when nothing kept needs it. A deletion request answered runs it."""

import datetime as dt

import pytest
import time_machine

from motcua.dossiers.models import Dossier
from motcua.org.models import User
from motcua.privacy import services
from motcua.privacy.rules import DOSSIER_RETENTION_YEARS
from tests.helpers import CITIZEN, local, submit_online

pytestmark = pytest.mark.django_db
NOW = local(2026, 12, 5, 9, 0)


@pytest.fixture
def dossiers(api, world, media_in_tmp):
    """Three dossiers of the citizen: one still open, one ended this year, one ended past its
    retention."""
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        codes = [submit_online(api)["code"] for _ in range(3)]
    long_ago = NOW - dt.timedelta(days=366 * DOSSIER_RETENTION_YEARS + 30)
    Dossier.objects.filter(code=codes[1]).update(returned_at=local(2026, 3, 20, 9, 0))
    Dossier.objects.filter(code=codes[2]).update(returned_at=long_ago, finished_at=long_ago)
    return codes


def test_a_dossier_within_its_retention_is_kept_with_the_reason_l91_art_14_2(world, dossiers):
    open_, recent, old = dossiers
    with time_machine.travel(NOW, tick=False):
        done = services.erase(world.citizen)
    kept = {item["what"]: item["reason"] for item in done.kept}
    assert "đang được giải quyết" in kept[f"Hồ sơ {open_}"]
    assert "20/03/2036" in kept[f"Hồ sơ {recent}"]
    assert f"Hồ sơ {old}" not in kept and "Tài khoản" in kept
    erased = Dossier.objects.get(code=old)
    assert erased.owner_name == services.ERASED
    assert erased.owner_id_number == erased.owner_phone == erased.owner_address == ""
    assert Dossier.objects.get(code=recent).owner_id_number == CITIZEN
    assert User.objects.get(pk=world.citizen.pk).username == CITIZEN


def test_the_account_is_erased_when_nothing_kept_needs_it(world):
    with time_machine.travel(NOW, tick=False):
        done = services.erase(world.other_citizen)
    assert done.kept == []
    gone = User.objects.get(pk=world.other_citizen.pk)
    assert gone.username == f"da-xoa-{gone.pk}" and not gone.is_active
    assert gone.email == gone.phone == gone.first_name == "" and not gone.has_usable_password()


def test_an_answered_deletion_request_erases_and_lists_what_is_kept(world, dossiers, officer):
    with time_machine.travel(NOW, tick=False):
        made = services.submit_request(world.citizen, "delete", "Xóa dữ liệu của tôi")
        made = services.act(officer, made.code, "acknowledge", made.version)
        made = services.act(officer, made.code, "answer", made.version,
                            services.StepInput(answer="Đã xóa phần được phép xóa."))
    assert {item["what"] for item in made.kept} >= {f"Hồ sơ {dossiers[0]}", "Tài khoản"}
    assert Dossier.objects.get(code=dossiers[2]).owner_name == services.ERASED


def test_a_counter_dossier_under_the_verified_id_number_is_erased_past_its_retention(world,
                                                                                    api):
    from motcua.org.models import ApplicantProfile
    from motcua.org.services import verify_identity
    from tests.dossiers.test_registration import receipt

    status, counter = receipt(api, owner={"name": "Nguyễn Văn An", "id_number": CITIZEN})
    assert status == 201, counter
    long_ago = NOW - dt.timedelta(days=366 * DOSSIER_RETENTION_YEARS + 30)
    Dossier.objects.filter(code=counter["code"]).update(returned_at=long_ago,
                                                        finished_at=long_ago)
    verify_identity(ApplicantProfile.objects.get(user=world.citizen),
                    by=User.objects.filter(is_superuser=True).first())
    with time_machine.travel(NOW, tick=False):
        done = services.erase(User.objects.get(pk=world.citizen.pk))
    assert f"Hồ sơ {counter['code']}: thông tin chủ hồ sơ, người nộp" in done.erased
    assert Dossier.objects.get(code=counter["code"]).owner_id_number == ""
