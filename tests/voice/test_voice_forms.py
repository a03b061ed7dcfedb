"""The forms of domain feedback-complaints §7 beyond the notices of acceptance: the minutes of a
complaint's dialogue (NĐ 124/2020 Mẫu 14), the notice of a denunciation's content to the accused
(NĐ 31/2019 Mẫu 06) and the decision extending its time limit (Mẫu 01), read back from the
sealed PDFs; neither denunciation form names the denouncer, whoever prints it."""

import datetime as dt

from django.urls import reverse

from motcua.core.dates import to_local
from motcua.voice import parties
from tests.backoffice.conftest import pdf_text
from tests.factories.dossiers import MONDAY_MORNING
from tests.factories.voice import act_on_complaint, complaint
from tests.helpers import local
from tests.voice.test_denunciation_secrecy import SECRETS
from tests.voice.test_denunciations import act, denunciation

DAY = dt.timedelta(days=1)


def _text(response) -> str:
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    return " ".join(pdf_text(response.content).split())


def test_the_dialogue_minutes_mau_14_luat_khieu_nai_art_30(world, client_as):
    case = complaint(world, co_complainants=[parties.Party("Trần Thị Bình", "Ninh Nhất",
                                                           representative=True)])
    leader = client_as(world.leader)
    url = reverse("backoffice:complaint_notice", args=[case.code, "bien-ban-doi-thoai"])
    case = act_on_complaint(world.leader, case, "accept", MONDAY_MORNING + DAY,
                            appointment_checked=True)
    case = act_on_complaint(world.specialist, case, "verify", MONDAY_MORNING + 2 * DAY)
    assert leader.get(url).status_code == 404  # no dialogue yet
    act_on_complaint(world.specialist, case, "hold_dialogue", local(2026, 3, 5, 14, 30),
                     reason="Người khiếu nại giữ nguyên yêu cầu hủy quyết định")
    text = _text(leader.get(url))
    assert "Mẫu số 14" in text and "BIÊN BẢN ĐỐI THOẠI" in text
    assert "14:30 05/03/2026" in text or "05/03/2026 14:30" in text
    assert "Người khiếu nại giữ nguyên yêu cầu hủy quyết định" in text
    assert "Trần Thị Bình (người đại diện)" in text and "ít nhất 03 bản" in text
    # the complainant reads it among their notices on the portal
    citizen = client_as(world.citizen)
    assert "Biên bản đối thoại" in citizen.get(reverse("portal:complaint",
                                                       args=[case.code])).text
    assert "BIÊN BẢN ĐỐI THOẠI" in _text(citizen.get(reverse(
        "portal:complaint_notice", args=[case.code, "bien-ban-doi-thoai"])))


def test_the_accused_is_told_the_content_mau_06_luat_to_cao_art_29_3(world, client_as):
    case = denunciation(world, "verifying")
    for user in (world.leader, world.specialist):
        text = _text(client_as(user).get(reverse(
            "backoffice:denunciation_notice", args=[case.code, "thong-bao-noi-dung"])))
        assert "Mẫu số 06" in text and "THÔNG BÁO VỀ NỘI DUNG TỐ CÁO" in text
        assert case.accused in text and "khoản 3 Điều 29" in text
        assert not [secret for secret in SECRETS if secret in text]


def test_the_extension_decision_mau_01_luat_to_cao_art_30_1(world, client_as):
    case = denunciation(world, "verifying")
    url = reverse("backoffice:denunciation_notice", args=[case.code, "quyet-dinh-gia-han"])
    leader = client_as(world.leader)
    assert leader.get(url).status_code == 404  # not extended
    case = act(world.leader, case, "extend", local(2026, 3, 20, 9), complexity=1,
               reason="Cần xác minh tại hai địa điểm")
    text = _text(leader.get(url))
    assert "Mẫu số 01" in text and "GIA HẠN GIẢI QUYẾT TỐ CÁO" in text
    assert "lần 1" in text and f"{to_local(case.resolve_due):%d/%m/%Y}" in text
    assert "Cần xác minh tại hai địa điểm" in text
    assert not [secret for secret in SECRETS if secret in text]


def test_the_suspension_and_resumption_decisions_mau_14a_14b_nd_155_2026(world, client_as):
    case = complaint(world)
    case = act_on_complaint(world.leader, case, "accept", MONDAY_MORNING + DAY)
    leader = client_as(world.leader)

    def decision(slug):
        return leader.get(reverse("backoffice:complaint_notice", args=[case.code, slug]))

    assert decision("quyet-dinh-tam-dinh-chi").status_code == 404  # not suspended yet
    case = act_on_complaint(world.leader, case, "suspend", local(2026, 7, 6, 9),
                            reason="Chờ kết quả giám định của cơ quan chuyên môn")
    case = act_on_complaint(world.leader, case, "resume", local(2026, 7, 20, 9))
    suspended, resumed = (_text(decision("quyet-dinh-tam-dinh-chi")),
                          _text(decision("quyet-dinh-tiep-tuc")))
    assert "Mẫu số 14a" in suspended and "Nghị định 155/2026/NĐ-CP" in suspended
    assert "TẠM ĐÌNH CHỈ VIỆC GIẢI QUYẾT KHIẾU NẠI" in suspended
    assert "Chờ kết quả giám định của cơ quan chuyên môn" in suspended
    assert "Mẫu số 14b" in resumed and "Tiếp tục giải quyết khiếu nại" in resumed
    assert "20/07/2026" in resumed and "Hạn giải quyết khiếu nại" in resumed


def test_a_suspension_before_nd_155_2026_prints_no_form_number(world, client_as):
    case = act_on_complaint(world.leader, complaint(world), "accept", MONDAY_MORNING + DAY)
    act_on_complaint(world.leader, case, "suspend", MONDAY_MORNING + 3 * DAY,
                     reason="Chờ kết quả giám định")
    text = _text(client_as(world.leader).get(reverse(
        "backoffice:complaint_notice", args=[case.code, "quyet-dinh-tam-dinh-chi"])))
    assert "TẠM ĐÌNH CHỈ" in text and "Mẫu số" not in text


def test_a_withdrawal_ends_the_resolution_by_decision_mau_14a_luat_khieu_nai_art_10(
        world, client_as):
    case = act_on_complaint(world.leader, complaint(world), "accept", local(2026, 7, 6, 9))
    act_on_complaint(world.citizen, case, "withdraw", local(2026, 7, 8, 9),
                     reason="Hai bên đã thỏa thuận được")
    text = _text(client_as(world.leader).get(reverse(
        "backoffice:complaint_notice", args=[case.code, "quyet-dinh-dinh-chi"])))
    assert "Mẫu số 14a" in text and "ĐÌNH CHỈ VIỆC GIẢI QUYẾT KHIẾU NẠI" in text
    assert "đã rút đơn khiếu nại (Điều 10 Luật Khiếu nại)" in text
    assert "Hai bên đã thỏa thuận được" in text


def test_a_letter_withdrawn_before_acceptance_has_no_termination_decision(world, client_as):
    case = act_on_complaint(world.citizen, complaint(world), "withdraw", MONDAY_MORNING + DAY,
                            reason="Không khiếu nại nữa")
    assert client_as(world.leader).get(reverse(
        "backoffice:complaint_notice", args=[case.code, "quyet-dinh-dinh-chi"])).status_code \
        == 404
