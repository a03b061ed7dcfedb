"""The denouncer's identity kept apart (Luật Tố cáo 2018 art. 40(3), 47, 56; domain §5.5): a walk
through every page and PDF a verifier, another officer or another citizen can reach on a
denunciation, from filing to the published conclusion, finds no trace of the denouncer's name,
ID number, address, phone or e-mail, in the answers nor in the log lines written meanwhile; the
resolver's page and the denouncer's own copy of a notice do show it."""

import logging

import pytest
from django.urls import reverse

from motcua.voice import denunciation_selectors as reads
from tests.backoffice.conftest import pdf_text
from tests.factories.dossiers import MONDAY_MORNING
from tests.factories.voice import sender
from tests.voice.test_denunciations import DAY, act, denunciation

SECRETS = ("Nguyễn Văn An", "037090001234", "Trần Hưng Đạo", "0912345678", "an@example.vn")
DENOUNCER_COPIES = ("thong-bao-thu-ly",)


def _traces(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


def _body(response) -> str:
    data = response.content
    return pdf_text(data) if data.startswith(b"%PDF") else data.decode()


def _published(world):
    case = denunciation(world, "published")
    # a second case, refused: its notice too
    refused = denunciation(world)
    refused = act(world.leader, refused, "refuse", MONDAY_MORNING + DAY, refusal_reason="t3",
                  reason="Không có cơ sở")
    return case, refused


def _urls(case, refused) -> list[str]:
    urls = [reverse("backoffice:denunciation_queue"),
            reverse("backoffice:denunciation_queue") + "?trang-thai=published",
            reverse("backoffice:letters"),
            reverse("portal:denunciation_conclusions"),
            reverse("portal:denunciation_follow") + f"?code={case.code}&phone=0900000000"]
    for one in (case, refused):
        urls.append(reverse("backoffice:denunciation", args=[one.code]))
        urls += [reverse("backoffice:denunciation_notice", args=[one.code, slug])
                 for slug in ("thong-bao-thu-ly", "thong-bao-noi-dung", "thong-bao-khong-thu-ly",
                              "quyet-dinh-gia-han", "ket-luan")]
    return urls


@pytest.mark.django_db
def test_no_page_pdf_or_log_line_reaches_others_with_the_denouncer(world, staff, caplog):
    case, refused = _published(world)
    caplog.set_level(logging.DEBUG)
    walked = found = 0
    others = [world.specialist, world.division_head, world.officer, world.clerk,
              world.other_citizen]
    for user in others:
        for url in _urls(case, refused):
            response = staff(user).get(url)
            if response.status_code != 200:
                continue
            walked += 1
            assert not _traces(_body(response)), (user.username, url, _traces(_body(response)))
            found += 1
    anonymous = staff(world.other_citizen).get(reverse("portal:denunciation_conclusions"))
    assert case.accused in anonymous.content.decode()
    # the verifiers read the case page, its queue and the three notices (agency copies)
    assert walked == found >= 20
    assert not _traces(caplog.text), _traces(caplog.text)


@pytest.mark.django_db
def test_the_resolver_alone_sees_the_denouncer_and_the_denouncer_their_copy(world, staff,
                                                                            caplog):
    case, _ = _published(world)
    caplog.set_level(logging.INFO)
    page = staff(world.leader).get(reverse("backoffice:denunciation", args=[case.code]))
    assert "Nguyễn Văn An" in page.content.decode() and 'id="denouncer"' in page.content.decode()
    copy = staff(world.citizen).get(reverse("portal:denunciation_notice",
                                            args=[case.code, "thong-bao-thu-ly"]))
    assert "Nguyễn Văn An" in pdf_text(copy.content)
    conclusion = staff(world.citizen).get(reverse("portal:denunciation_notice",
                                                  args=[case.code, "ket-luan"]))
    assert not _traces(pdf_text(conclusion.content))
    verifier = staff(world.specialist).get(reverse("backoffice:denunciation", args=[case.code]))
    assert "được giữ bí mật" in verifier.content.decode()
    # every read of the identity is logged, without the identity
    assert f"denouncer identity of {case.code} read by user {world.leader.pk}" in caplog.text
    assert not _traces(caplog.text)


@pytest.mark.django_db
def test_the_register_keeps_no_trace_once_classified_as_denunciation(world, staff):
    import time_machine

    from motcua.voice import services
    from motcua.voice.models import Classification

    with time_machine.travel(MONDAY_MORNING, tick=False):
        letter = services.register_letter(world.officer, services.LetterIn(
            channel="desk", sender=sender(world), title="Đơn tố cáo", content="Nội dung"))
        services.classify_letter(world.officer, letter.pk, Classification.DENUNCIATION)
    register = staff(world.officer).get(reverse("backoffice:letters")).content.decode()
    assert "Đơn tố cáo" in register and not _traces(register)
    case = reads.visible_denunciations(world.leader).get()
    assert case.denouncer.name == "Nguyễn Văn An"
