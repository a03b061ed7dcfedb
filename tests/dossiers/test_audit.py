"""The tamper-evident history: hash-chained events, `motcua audit verify`, the daily digest."""

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps
from django.db import connection

from motcua.dossiers import audit, chain
from motcua.dossiers.models import AuditDigest, AuditHead, Dossier, DossierEvent
from motcua.ops import jobs
from tests.dossiers.conftest import local

OFFICER, SPECIALIST, HEAD = "khcn.tiepnhan", "khcn.chuyenvien", "khcn.truongphong"
CLEAN = "không phát hiện vấn đề nào"


def drive(flow):
    """A dossier through six actions (versions 1-6): notes, payloads, a moved due instant."""
    run = flow(until="processing")  # submit, accept, forward at 02/03/2026
    run.ok(HEAD, "complete_step", at=local(2026, 3, 2, 11, 0), note="Đã thẩm định hồ sơ")
    run.ok(SPECIALIST, "request_payment", at=local(2026, 3, 3, 8, 0),
           reason="Lệ phí cấp giấy phép", amount_vnd=1_000_000)
    run.ok(SPECIALIST, "confirm_payment", at=local(2026, 3, 4, 8, 30), paid_online=True)
    assert run.dossier["version"] == 6
    return run


def events_of(code):
    return DossierEvent.objects.filter(dossier__code=code)


def verify(run_command):
    return run_command("audit", "verify")


def digest(run_command, *args, at=None):
    with time_machine.travel(at or local(2026, 3, 4, 18, 0), tick=False):
        return run_command("audit", "digest", *args)


# -- the chain ------------------------------------------------------------------------------------


def test_the_canonical_form_ignores_the_time_zone_and_the_payload_key_order():
    at = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    local_at = at.astimezone(dt.timezone(dt.timedelta(hours=7)))
    one = chain.canonical("X-1", 1, "submit", 4, "owner", at, None, 1, "", "", {"a": 1, "b": 2},
                          None)
    two = chain.canonical("X-1", 1, "submit", 4, "owner", local_at, None, 1, "", "",
                          {"b": 2, "a": 1}, None)
    assert one == two
    assert chain.link(chain.GENESIS, one) != chain.link(chain.GENESIS, one.replace(b"X-1", b"X-2"))


def test_a_dossier_driven_through_its_actions_verifies_clean(flow, run_command):
    run = drive(flow)
    rows = list(events_of(run.code).order_by("version").values_list("prev_hash", "hash"))
    assert rows[0][0] == chain.GENESIS
    assert all(len(hash_) == 64 for _prev, hash_ in rows)
    assert [prev for prev, _hash in rows[1:]] == [hash_ for _prev, hash_ in rows[:-1]]
    code, out, err = verify(run_command)
    assert code == 0, out
    assert "đã kiểm tra 1 hồ sơ, 6 dòng lịch sử, 0 bản tóm tắt" in out and CLEAN in out


# -- what verify finds ----------------------------------------------------------------------------


def test_an_edited_note_is_reported_with_the_dossier_code_and_version(flow, run_command):
    run = drive(flow)
    events_of(run.code).filter(version=4).update(note="Đã thẩm định, đạt")
    code, out, _err = verify(run_command)
    assert code == 1
    assert f"- {run.code} phiên bản 4: nội dung đã bị sửa" in out
    assert "phát hiện 1 vấn đề" in out


def test_an_edited_and_rehashed_row_breaks_the_next_link(flow, run_command):
    run = drive(flow)
    event = events_of(run.code).get(version=3)
    event.note = "chuyển xử lý lúc khác"
    audit.seal(event, run.code, event.prev_hash)  # whoever edits knows the algorithm
    event.save()
    code, out, _err = verify(run_command)
    assert code == 1
    assert f"- {run.code} phiên bản 4: liên kết với dòng trước bị hỏng" in out
    assert "phát hiện 1 vấn đề" in out


def test_a_deleted_middle_event_is_reported(flow, run_command):
    run = drive(flow)
    events_of(run.code).filter(version=3).delete()
    code, out, _err = verify(run_command)
    assert code == 1
    assert f"- {run.code} phiên bản 3: thiếu dòng lịch sử từ phiên bản 3 đến 3" in out
    assert "phát hiện 1 vấn đề" in out


def test_a_deleted_last_event_is_reported_while_the_dossier_still_counts_it(flow, run_command):
    run = drive(flow)
    events_of(run.code).filter(version=6).delete()
    code, out, _err = verify(run_command)
    assert code == 1
    assert f"- {run.code} phiên bản 6: thiếu các dòng cuối" in out


def test_a_deleted_last_event_is_reported_once_a_digest_recorded_the_head(flow, run_command):
    run = drive(flow)
    assert digest(run_command)[0] == 0
    # the whole tail removed and the dossier's own counter put back: only the digest knows
    events_of(run.code).filter(version=6).delete()
    Dossier.objects.filter(code=run.code).update(version=5)
    code, out, _err = verify(run_command)
    assert code == 1
    assert (f"- {run.code} phiên bản 6: dòng cuối mà bản tóm tắt ngày 04/03/2026 đã ghi không "
            "còn") in out


def test_without_a_digest_a_removed_tail_cannot_be_seen(flow, run_command):
    """Why the digest exists: a tail cut cleanly, counter included, leaves a valid chain."""
    run = drive(flow)
    events_of(run.code).filter(version=6).delete()
    Dossier.objects.filter(code=run.code).update(version=5)
    assert verify(run_command)[0] == 0


def test_a_rewritten_tail_is_reported_against_the_digest(flow, run_command):
    run = drive(flow)
    assert digest(run_command)[0] == 0
    event = events_of(run.code).get(version=6)
    event.payload = {"paid_online": False}
    audit.seal(event, run.code, event.prev_hash)
    event.save()
    code, out, _err = verify(run_command)
    assert code == 1
    assert f"- {run.code} phiên bản 6: dòng này khác với bản tóm tắt ngày 04/03/2026" in out
    # the next digest keeps the recorded head and says so
    code, out, _err = digest(run_command, at=local(2026, 3, 5, 18, 0))
    assert code == 1 and f"{run.code} phiên bản 6" in out
    assert AuditHead.objects.get().day == dt.date(2026, 3, 4)
    assert verify(run_command)[0] == 1


def test_a_deleted_dossier_is_reported_once_a_digest_recorded_it(flow, run_command):
    run = drive(flow)
    assert digest(run_command)[0] == 0
    Dossier.objects.filter(code=run.code).delete()
    code, out, _err = verify(run_command)
    assert code == 1
    assert f"- {run.code}: hồ sơ đã có trong bản tóm tắt ngày 04/03/2026" in out


# -- the digest -----------------------------------------------------------------------------------


def test_digest_twice_on_one_day_stores_one(flow, run_command):
    drive(flow)
    code, out, _err = digest(run_command)
    assert code == 0
    assert "đã lưu bản tóm tắt ngày 04/03/2026: 1 hồ sơ, 6 dòng lịch sử" in out
    code, out, _err = digest(run_command)
    assert code == 0 and "đã có bản tóm tắt ngày 04/03/2026" in out
    assert AuditDigest.objects.count() == 1
    assert AuditHead.objects.get().version == 6
    code, out, _err = verify(run_command)
    assert code == 0 and "1 bản tóm tắt" in out and CLEAN in out


def test_the_nightly_job_seals_yesterday_once(db):
    with time_machine.travel(local(2026, 3, 5, 0, 30), tick=False):  # local date, not UTC
        first = jobs.audit_digest()
        second = jobs.audit_digest()
    assert first and first == second
    assert AuditDigest.objects.get().day == dt.date(2026, 3, 4)


def test_digests_chain_day_after_day_and_a_deleted_one_is_reported(flow, run_command):
    run = flow(until="processing")
    assert digest(run_command, at=local(2026, 3, 2, 18, 0))[0] == 0
    run.ok(HEAD, "complete_step", at=local(2026, 3, 3, 9, 0))
    assert digest(run_command, at=local(2026, 3, 3, 18, 0))[0] == 0
    first, second = AuditDigest.objects.order_by("day")
    assert first.prev_root == chain.GENESIS and second.prev_root == first.root
    assert verify(run_command)[0] == 0

    first.delete()
    code, out, _err = verify(run_command)
    assert code == 1
    assert "- Bản tóm tắt ngày 03/03/2026 không nối với bản tóm tắt trước nó" in out


def test_deleting_the_latest_digest_is_reported(flow, run_command):
    run = flow(until="processing")
    assert digest(run_command, at=local(2026, 3, 2, 18, 0))[0] == 0
    run.ok(HEAD, "complete_step", at=local(2026, 3, 3, 9, 0))
    assert digest(run_command, at=local(2026, 3, 3, 18, 0))[0] == 0
    AuditDigest.objects.filter(day=dt.date(2026, 3, 3)).delete()
    code, out, _err = verify(run_command)
    assert code == 1
    assert "- Bản tóm tắt ngày 03/03/2026 đã bị xoá" in out


def test_an_interrupted_digest_is_reported_once_and_the_next_one_seals_its_heads(
        flow, run_command, monkeypatch):
    run = flow(until="processing")
    assert digest(run_command, at=local(2026, 3, 2, 18, 0))[0] == 0
    run.ok(HEAD, "complete_step", at=local(2026, 3, 3, 9, 0))
    monkeypatch.setattr(AuditDigest.objects, "create", lambda **fields: 1 / 0)  # the crash
    with pytest.raises(ZeroDivisionError):
        digest(run_command, at=local(2026, 3, 3, 18, 0))
    monkeypatch.undo()
    assert AuditHead.objects.get().day == dt.date(2026, 3, 3)
    code, out, _err = verify(run_command)
    assert code == 1 and "- Bản tóm tắt ngày 03/03/2026 đã bị xoá" in out
    code, out, _err = digest(run_command, at=local(2026, 3, 4, 18, 0))
    assert code == 1
    assert "- Các đầu chuỗi không khớp bản tóm tắt mới nhất (ngày 02/03/2026)" in out
    assert AuditHead.objects.get().day == dt.date(2026, 3, 4)
    code, out, _err = verify(run_command)
    assert code == 0, out


def test_an_edited_digest_is_reported(flow, run_command):
    drive(flow)
    assert digest(run_command)[0] == 0
    AuditDigest.objects.update(events=5)
    code, out, _err = verify(run_command)
    assert code == 1 and "- Bản tóm tắt ngày 04/03/2026 đã bị sửa" in out


def test_digest_refuses_a_bad_day(db, run_command):
    assert digest(run_command, "--day", "31/02/2026")[0] == 2
    code, _out, err = digest(run_command, "--day", "05/03/2026")  # "today" is 04/03/2026
    assert code == 2 and "chưa tới" in err
    assert digest(run_command, "--day", "03/03/2026")[0] == 0
    code, _out, err = digest(run_command, "--day", "02/03/2026")
    assert code == 2 and "đã có bản tóm tắt của ngày 03/03/2026" in err
    code, _out, err = run_command("audit", "verify", "--day", "03/03/2026")
    assert code == 2 and "--day" in err
    assert run_command("audit", "check")[0] == 2


# -- generated data and upgraded databases --------------------------------------------------------


def generate(run_command, count):
    code, out, _err = run_command("gen_dossiers", "--count", str(count), "--seed", "1",
                                  "--years", "1", "--end", "20/11/2026")
    assert code == 0, out


def test_generated_dossiers_verify_clean(world, run_command):
    generate(run_command, 50)
    events = DossierEvent.objects.count()
    code, out, _err = verify(run_command)
    assert code == 0, out
    assert f"đã kiểm tra 50 hồ sơ, {events} dòng lịch sử" in out and CLEAN in out
    assert digest(run_command, at=local(2026, 11, 21, 7, 0))[0] == 0
    assert AuditDigest.objects.get().events == events
    assert verify(run_command)[0] == 0


def test_windows_of_dossiers_meet_without_a_seam(world, run_command):
    generate(run_command, 30)
    with time_machine.travel(local(2026, 11, 21, 7, 0), tick=False):
        audit.store_digest(dt.date(2026, 11, 21), window=7)
    assert audit.verify(window=7).clean
    found = []
    last = DossierEvent.objects.order_by("dossier_id", "version").last()
    last.delete()
    Dossier.objects.filter(pk=last.dossier_id).update(version=last.version - 1)
    summary = audit.verify(on_problem=found.append, window=7)
    assert summary.dossiers == 30 and summary.problem_count == 1
    assert found[0].version == last.version


def test_the_migration_chains_existing_rows_as_the_writer_does(flow, run_command):
    generate(run_command, 10)
    drive(flow)
    written = dict(DossierEvent.objects.values_list("pk", "hash"))
    DossierEvent.objects.update(prev_hash="", hash="")
    assert verify(run_command)[0] == 1
    migration = importlib.import_module("motcua.dossiers.migrations.0007_audit_chain")
    migration.chain_events(apps, SimpleNamespace(connection=connection))
    assert dict(DossierEvent.objects.values_list("pk", "hash")) == written
    assert verify(run_command)[0] == 0


def test_history_stays_read_only_in_the_admin():
    from django.contrib.admin.sites import site

    from motcua.dossiers.admin import DossierAdmin

    inline = next(cls for cls in DossierAdmin.inlines if cls.model is DossierEvent)
    request = SimpleNamespace(user=None)
    instance = inline(Dossier, site)
    assert not instance.has_change_permission(request)
    assert not instance.has_delete_permission(request)
    assert not instance.has_add_permission(request)
    assert DossierEvent not in site._registry
    digests = site._registry[AuditDigest]
    assert not digests.has_change_permission(request)
    assert not digests.has_delete_permission(request)
