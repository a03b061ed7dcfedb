"""No one sees what is not theirs: an officer of another agency finds none of these dossiers."""

import time_machine

from motcua.backoffice.selectors import Queue
from motcua.dossiers.models import Dossier
from motcua.org.models import Role
from motcua.slips.regimes import Slip
from tests.backoffice.conftest import INTAKE, act, intake, pdf_text, received
from tests.dossiers.conftest import local, pdf
from tests.factories.org import StaffFactory
from tests.factories.world import culture_department, two_communes

OUTSIDERS = ("motcua.tiepnhan", "motcua.chuyenvien", "motcua.truongphong", "motcua.giamdoc",
             "motcua.vanthu", "hoalu.tiepnhan", "hoalu.chutich")


def science_dossiers(staff) -> list[Dossier]:
    """Dossiers of the Department of Science in every kind of state, one with a scan."""
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        intake(staff("khcn.tiepnhan"), c1_scan=pdf("quet.pdf"))
    scanned = Dossier.objects.get()
    processing, supplement, finished, stopped = (received() for _ in range(4))
    for dossier in (processing, supplement, finished):
        act("khcn.tiepnhan", dossier, "forward")
        act("khcn.truongphong", dossier, "complete_step")
    act("khcn.chuyenvien", supplement, "request_supplement", items=["Giấy phép"], reason="Thiếu")
    for username in ("khcn.chuyenvien", "khcn.truongphong", "khcn.giamdoc"):
        act(username, finished, "complete_step")
    act("khcn.vanthu", finished, "approve")
    act("khcn.tiepnhan", stopped, "stop", reason="Rút hồ sơ")
    return [scanned, processing, supplement, finished, stopped]


def outsiders(world) -> None:
    """The Department of Culture's staff, Hoa Lư's one-stop officer and its chairman."""
    culture_department(world)
    hoa_lu, _ = two_communes(world)
    StaffFactory(username="hoalu.chutich", role=Role.AGENCY_LEADER, agency=hoa_lu)


def test_an_officer_of_another_agency_sees_none_of_them_anywhere(staff, world):
    outsiders(world)
    dossiers = science_dossiers(staff)
    codes = [d.code for d in dossiers]
    versions = dict(Dossier.objects.values_list("pk", "version"))
    attachment = dossiers[0].attachments.get()
    for username in OUTSIDERS:
        client = staff(username)
        for queue in Queue:
            for q in ("", "Ánh Tuyết", codes[0]):
                with time_machine.travel(local(2026, 3, 2, 11), tick=False):
                    text = client.get("/can-bo/", {"hang": queue.value, "q": q}).content.decode()
                # the search box repeats what was typed; the rows show nothing
                assert "Không có hồ sơ nào." in text, (username, queue, q)
                assert not any(f"/ho-so/{code}/" in text for code in codes), (username, queue)
        for dossier in dossiers:
            assert client.get(f"/can-bo/ho-so/{dossier.code}/").status_code == 404
            for slip in Slip:
                assert client.get(f"/phieu/{dossier.code}/{slip.value}.pdf").status_code == 404
            data = {"forward-version": dossier.version, "stop-version": dossier.version,
                    "stop-reason": "x"}
            for action in ("forward", "stop", "deliver"):
                response = client.post(f"/can-bo/ho-so/{dossier.code}/thao-tac/{action}/", data)
                assert response.status_code == 404, (username, action)
        url = f"/ho-so/{dossiers[0].code}/tep/{attachment.pk}/"
        assert client.get(url).status_code == 404
        # the register offers only their own agencies, and their own holds none of these
        refused = client.get("/can-bo/so-theo-doi/", {
            "agency": INTAKE["receiving_agency"], "start": "2026-03-01", "end": "2026-03-31"})
        assert refused.status_code == 400
    own = staff("motcua.tiepnhan").get("/can-bo/so-theo-doi/", {
        "agency": "000.00.12.H42", "start": "2026-03-01", "end": "2026-03-31", "format": "pdf"})
    text = pdf_text(own.content)
    assert "Tổng số: 0 hồ sơ" in text and not any(code in text for code in codes)
    assert dict(Dossier.objects.values_list("pk", "version")) == versions  # nothing changed
