"""The citizen's data store (domain integrations §6.3, §7.6) over real HTTP against the sandbox's
fake: an officer lists what it holds of the dossier's owner and takes a file into a component;
the recorded origin becomes DVCQG's flags."""

import pytest

from motcua.core.errors import Forbidden, NotFound
from motcua.dossiers.models import Dossier
from motcua.national import datastore, services
from motcua.national import dvcqg_wire as wire
from motcua.national.models import DocumentOrigin, DvcqgSync, Origin, SyncState
from motcua.org.models import User
from tests.helpers import CITIZEN, OTHER_CITIZEN

OFFICER = "khcn.tiepnhan"


@pytest.fixture
def store(sandbox_server, settings, world, media_in_tmp):
    """The fake data store, emptied, with motcua's gateway pointed at it."""
    server, url = sandbox_server
    fake = server.app.part("datastore")
    fake.reset()
    settings.MOTCUA_NATIONAL = {**settings.MOTCUA_NATIONAL, "datastore": {
        "URL": f"{url}/datastore", "AUTH": "none", "AGENCY_CODE": "", "TIMEOUT": 5.0}}
    return fake


def officer() -> User:
    return User.objects.get(username=OFFICER)


def test_integrations_6_3_a_file_taken_from_the_store_carries_its_origin(flow, store):
    run = flow(until="accepted")
    dossier = Dossier.objects.get(code=run.code)
    [result] = datastore.results_of(officer(), dossier)
    assert (result.code, result.holder) == ("KQ.1.000001", "Sở Thông tin và Truyền thông")

    taken = datastore.take(officer(), run.code, 1, result, result.files[0])

    origin = DocumentOrigin.objects.get(attachment=taken)
    assert (origin.origin, origin.reference, origin.result_code) == (
        Origin.DATA_STORE, "kho/037090001234/giay-phep-buu-chinh.pdf", "KQ.1.000001")
    assert taken.dossier_id == dossier.pk and taken.component.order == 1
    assert taken.file.read().startswith(b"%PDF")
    record = wire.dossier_record(services.snapshot(dossier), dossier.code)
    [item] = [i for i in record["TaiLieuNop"] if i["TepDinhKemId"] == str(taken.pk)]
    assert (item["DuocSoHoa"], item["DuocLayTuKhoDMQG"], item["DuocTaiSuDung"],
            item["MaKetQuaThayThe"]) == ("1", "1", "2", "KQ.1.000001")
    assert DvcqgSync.objects.get(dossier=dossier).state == SyncState.PENDING
    asked = [call["service"] for call in store.journal]
    assert asked == ["GetKetQuaGiayTo", "GetGiayToByUrl"]
    assert store.journal[0]["request"]["SoDinhDanhChuSoHuu"] == CITIZEN
    assert store.journal[0]["request"]["KenhThucHien"] == "1"


def test_integrations_7_6_an_unknown_person_has_nothing_in_the_store(flow, store):
    dossier = Dossier.objects.get(code=flow(until="accepted").code)
    Dossier.objects.filter(pk=dossier.pk).update(owner_id_number=OTHER_CITIZEN)
    dossier.refresh_from_db()
    assert datastore.results_of(officer(), dossier) == []


def test_an_unknown_path_is_refused_and_nothing_is_attached(flow, store):
    run = flow(until="accepted")
    dossier = Dossier.objects.get(code=run.code)
    [result] = datastore.results_of(officer(), dossier)
    before = dossier.attachments.count()
    with pytest.raises(datastore.DatastoreError, match="kho/khong-co.pdf"):
        datastore.take(officer(), run.code, 1, result,
                       datastore.StoredFile("x.pdf", "kho/khong-co.pdf"))
    assert dossier.attachments.count() == before and not DocumentOrigin.objects.exists()


def test_only_the_receiving_agencys_officers_take_from_the_store(flow, store):
    run = flow(until="accepted")
    dossier = Dossier.objects.get(code=run.code)
    [result] = datastore.results_of(officer(), dossier)
    with pytest.raises(Forbidden):
        datastore.take(User.objects.get(username=CITIZEN), run.code, 1, result,
                       result.files[0])
    with pytest.raises(NotFound):
        datastore.take(User.objects.get(username=OTHER_CITIZEN), run.code, 1, result,
                       result.files[0])
    assert not DocumentOrigin.objects.exists()


def test_the_officer_takes_a_file_from_the_dossier_page(flow, store, staff):
    run = flow(until="accepted")
    page = staff(OFFICER).get(f"/can-bo/ho-so/{run.code}/").content.decode()
    assert f'href="/can-bo/ho-so/{run.code}/kho-du-lieu/"' in page  # "Lấy từ kho dữ liệu"
    listing = staff(OFFICER).get(f"/can-bo/ho-so/{run.code}/kho-du-lieu/")
    assert listing.status_code == 200 and "Giấy phép bưu chính" in listing.content.decode()

    answer = staff(OFFICER).post(f"/can-bo/ho-so/{run.code}/kho-du-lieu/", {
        "ma": "KQ.1.000001", "duong_dan": "kho/037090001234/giay-phep-buu-chinh.pdf",
        "thanh_phan": "1"})

    assert answer.status_code == 302 and answer["Location"] == f"/can-bo/ho-so/{run.code}/"
    origin = DocumentOrigin.objects.get()
    assert origin.attachment.dossier.code == run.code and origin.result_code == "KQ.1.000001"
    forged = staff(OFFICER).post(f"/can-bo/ho-so/{run.code}/kho-du-lieu/", {
        "ma": "KQ.1.000001", "duong_dan": "kho/cua-nguoi-khac.pdf", "thanh_phan": "1"})
    assert forged.status_code == 302 and DocumentOrigin.objects.count() == 1  # not the store's


def test_the_page_chooses_no_component_for_the_officer_unless_one_plainly_fits(flow, store,
                                                                                staff):
    run = flow(until="accepted")
    page = staff(OFFICER).get(f"/can-bo/ho-so/{run.code}/kho-du-lieu/").content.decode()
    select = page.split('name="thanh_phan"')[1].split("</select>")[0]
    assert '<option value="" selected>— Chọn thành phần —</option>' in select
    assert select.count(" selected") == 1


def test_a_component_named_as_the_stored_paper_is_suggested():
    from types import SimpleNamespace as Component

    from motcua.backoffice.datastore import suggested_component

    components = [Component(order=1, name="Tờ khai đề nghị cấp giấy phép"),
                  Component(order=2, name="Bản sao Giấy phép bưu chính đã được cấp"),
                  Component(order=3, name="Thông báo hoạt động bưu chính (Phụ lục II)")]
    assert suggested_component("GIẤY PHÉP BƯU CHÍNH", components) == 2
    assert suggested_component("Giấy phép", components) is None  # two fit: the officer chooses
    assert suggested_component("Căn cước", components) is None
