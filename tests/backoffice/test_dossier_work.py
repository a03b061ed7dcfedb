"""Counter intake and the dossier page: exactly the allowed actions, errors that keep the input."""

import re

import time_machine

from motcua.dossiers import services
from motcua.dossiers.models import Dossier, PaperDocument
from motcua.org.models import User
from tests.backoffice.conftest import INTAKE, act, intake, received
from tests.dossiers.conftest import local, pdf
from tests.factories.world import culture_department


def page(client, dossier, at=None):
    with time_machine.travel(at or local(2026, 3, 2, 10, 30), tick=False):
        return client.get(f"/can-bo/ho-so/{dossier.code}/")


def offered(response) -> set[str]:
    return set(re.findall(r'/thao-tac/([a-z_]+)/"', response.content.decode()))


def post_action(client, dossier, action, at=None, **fields):
    dossier.refresh_from_db()
    data = {f"{action}-version": dossier.version,
            **{f"{action}-{name}": value for name, value in fields.items()}}
    with time_machine.travel(at or local(2026, 3, 2, 10, 30), tick=False):
        return client.post(f"/can-bo/ho-so/{dossier.code}/thao-tac/{action}/", data)


def test_counter_intake_records_the_papers_and_applies_the_cutoff(staff):
    # NĐ 118/2025, as NĐ 61/2018 art. 18(2): received after 15:00, counted from the next working day
    officer = staff("khcn.tiepnhan")
    with time_machine.travel(local(2026, 3, 6, 15, 30), tick=False):  # Friday
        response = intake(officer, c1_scan=pdf("thong-bao.pdf"))
    assert response.status_code == 302, response.content.decode()[-3000:]
    dossier = Dossier.objects.get()
    assert (dossier.status, dossier.channel, dossier.owner_name) == (
        2, "direct", "Nguyễn Thị Ánh Tuyết")
    assert dossier.due_at == local(2026, 3, 20, 17, 0)  # 10 working days from Monday 09/03
    papers = PaperDocument.objects.get(dossier=dossier, component__order=2)
    assert (papers.originals, papers.certified_copies, papers.photocopies) == (0, 2, 0)
    assert dossier.attachments.get().original_name == "thong-bao.pdf"
    shown = officer.get(response.url).content.decode()
    assert "17:00 20/03/2026" in shown and "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in shown


def test_intake_refuses_bad_input_and_keeps_what_was_typed(staff):
    response = intake(staff("khcn.tiepnhan"), owner_name="", delivery="post")
    assert response.status_code == 422
    text = response.content.decode()
    assert "037190009999" in text and 'aria-invalid="true"' in text
    assert "Nhập địa chỉ nhận kết quả qua bưu chính." in text
    assert not Dossier.objects.exists()


def test_intake_finds_procedures_without_diacritics_for_the_officers_counter(staff):
    officer = staff("khcn.tiepnhan")
    found = officer.get("/can-bo/tiep-nhan/", {"q": "buu chinh"}).content.decode()
    assert "DP.BC002" in found and "báo chí" not in found.lower()
    assert officer.get("/can-bo/tiep-nhan/", {"thu-tuc": "DP.BC999"}).status_code == 404
    # a procedure of another department is not received at this counter
    assert officer.get("/can-bo/tiep-nhan/", {"thu-tuc": "1.010050"}).status_code == 404
    assert staff("khcn.chuyenvien").get("/can-bo/tiep-nhan/").status_code == 403


def test_the_page_offers_exactly_what_the_lifecycle_allows_this_user(staff):
    dossier = received()
    for username in ("khcn.tiepnhan", "khcn.vanthu", "khcn.chuyenvien", "khcn.truongphong"):
        user = User.objects.get(username=username)
        expected = set(services.allowed_actions(user, Dossier.objects.get(pk=dossier.pk)))
        assert offered(page(staff(username), dossier)) == expected, username
    assert offered(page(staff("khcn.tiepnhan"), dossier)) == {"forward", "stop"}
    assert offered(page(staff("khcn.chuyenvien"), dossier)) == set()


def test_actions_through_the_page_move_the_dossier(staff):
    dossier = received()
    assert post_action(staff("khcn.tiepnhan"), dossier, "forward").status_code == 302
    assert post_action(staff("khcn.truongphong"), dossier, "complete_step",
                       step="B1", note="Giao chuyên viên Thắng").status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == 4
    assert [s.step.key for s in dossier.steps.filter(state="active")] == ["B2"]
    assert "Giao chuyên viên Thắng" in page(staff("khcn.chuyenvien"), dossier).content.decode()


def test_a_reason_the_law_requires_is_asked_for_and_the_input_is_kept(staff):
    # NĐ 118/2025, as NĐ 61/2018 art. 19(4): the supplement request lists every item and says why
    dossier = received()
    act("khcn.tiepnhan", dossier, "forward")
    act("khcn.truongphong", dossier, "complete_step")
    response = post_action(staff("khcn.chuyenvien"), dossier, "request_supplement",
                           items="Bản sao giấy phép kinh doanh", reason="")
    assert response.status_code == 422
    text = response.content.decode()
    assert "Bản sao giấy phép kinh doanh" in text and "<details" in text and " open>" in text
    dossier.refresh_from_db()
    assert dossier.status == 4


def test_a_stale_form_is_refused_with_the_newer_version_ready(staff):
    dossier = received()
    stale_version = dossier.version
    act("khcn.tiepnhan", dossier, "stop", reason="Công dân xin dừng")  # someone else acted
    with time_machine.travel(local(2026, 3, 2, 11), tick=False):
        response = staff("khcn.tiepnhan").post(
            f"/can-bo/ho-so/{dossier.code}/thao-tac/forward/", {"forward-version": stale_version})
    assert response.status_code == 422
    assert "đã được người khác cập nhật" in response.content.decode()


def test_an_action_the_user_cannot_do_changes_nothing(staff):
    dossier = received()
    response = post_action(staff("khcn.chuyenvien"), dossier, "forward")
    assert response.status_code == 422
    assert "không có vai trò" in response.content.decode()
    assert post_action(staff("khcn.tiepnhan"), dossier, "rate").status_code == 404
    dossier.refresh_from_db()
    assert dossier.status == 2


def test_attachments_are_previewed_for_those_who_may_see_the_dossier(staff, world):
    culture_department(world)  # another agency's one-stop officer, motcua.tiepnhan
    officer = staff("khcn.tiepnhan")
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        intake(officer, c1_scan=pdf("thong-bao.pdf"))
    attachment = Dossier.objects.get().attachments.get()
    url = f"/ho-so/{attachment.dossier.code}/tep/{attachment.pk}/"
    response = officer.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert staff("motcua.tiepnhan").get(url).status_code == 404
    assert staff("037090001234").get(url).status_code == 404


def test_intake_form_initially_suggests_the_procedure_name(staff):
    text = staff("khcn.tiepnhan").get("/can-bo/tiep-nhan/?thu-tuc=DP.BC002").content.decode()
    assert 'value="Cấp văn bản xác nhận thông báo hoạt động bưu chính"' in text
    assert INTAKE["receiving_agency"] in text


def test_the_step_the_approval_ended_reads_done_with_a_result_not_passed_on(staff):
    dossier = received()
    act("khcn.tiepnhan", dossier, "forward")
    for username in ("khcn.truongphong", "khcn.chuyenvien", "khcn.truongphong", "khcn.giamdoc"):
        act(username, dossier, "complete_step")
    act("khcn.vanthu", dossier, "approve")
    text = page(staff("khcn.vanthu"), dossier, at=local(2026, 3, 3, 10)).content.decode()
    states = [" ".join(re.sub(r"<[^>]+>", " ", s).split())
              for s in re.findall(r'<td class="step-state">(.*?)</td>', text, re.S)]
    assert states[-1] == "Đã hoàn thành, có kết quả"
    assert set(states[:-1]) == {"Đã chuyển tiếp"}


def test_an_event_without_an_actor_is_shown_without_a_name(staff):
    # imported or generated histories (the bench generator, a national portal's sync) may carry
    # events no officer did: the page lists them instead of failing
    from motcua.dossiers.models import DossierEvent

    dossier = received()
    DossierEvent.objects.filter(dossier=dossier).update(actor=None)
    response = page(staff("khcn.tiepnhan"), dossier)
    assert response.status_code == 200
    items = re.findall(r'<li class="list-group-item"><strong>[^<]+</strong> — ([^<]*)',
                       response.content.decode())
    assert items and not any(": " in item.split(" → ")[0] for item in items), items


def test_the_dossier_page_reads_a_fixed_number_of_queries(staff, django_assert_max_num_queries):
    # the session, the user and their roles, the dossier with its steps, pauses, files, papers
    # and history, the national code, the unread notices, the postal orders; then what the
    # page shows besides: the choices of the forms offered (here none), the next steps of a
    # finished dossier's steps (one query for all). It was a query per step, and per form.
    dossier = received()
    officer, clerk = staff("khcn.tiepnhan"), staff("khcn.vanthu")
    page(officer, dossier)  # the first request of the session fills the caches
    with django_assert_max_num_queries(12):
        assert offered(page(officer, dossier)) == {"forward", "stop"}
    act("khcn.tiepnhan", dossier, "forward")
    for username in ("khcn.truongphong", "khcn.chuyenvien", "khcn.truongphong", "khcn.giamdoc"):
        act(username, dossier, "complete_step")
    act("khcn.vanthu", dossier, "approve")
    page(clerk, dossier)
    with django_assert_max_num_queries(13):
        text = page(clerk, dossier).content.decode()
    assert text.count('<td class="step-state">') == 5 and "Đã hoàn thành, có kết quả" in text
