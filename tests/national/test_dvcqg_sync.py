"""Outbound sync to DVCQG over real HTTP: dossiers of the minimal world move through their
lifecycle, the sync sends them to the sandbox's fake, which must hold every status in order
(domain integrations §1.4, §1.5, §7.1 "Assertions")."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command

from motcua.dossiers.models import Dossier
from motcua.national import services
from motcua.national.dvcqg import DvcqgClient
from motcua.national.fakes import Outage
from motcua.national.gateways import gateway
from motcua.national.models import DvcqgSync, SyncState
from tests.helpers import CITIZEN, local

OFFICER, SPECIALIST, HEAD = "khcn.tiepnhan", "khcn.chuyenvien", "khcn.truongphong"
LEADER, CLERK = "khcn.giamdoc", "khcn.vanthu"


def sync_at(instant):
    with time_machine.travel(instant, tick=False):
        return services.deliver_due()


def row_of(run) -> DvcqgSync:
    return DvcqgSync.objects.get(dossier__code=run.code)


def to_the_end(run, day=3):
    """Supplement asked and given, the process B1-B5, the result handed over."""
    run.ok(SPECIALIST, "request_supplement", at=local(2026, 3, day, 9, 0), items=["Bảng giá"],
           reason="Thiếu bảng giá")
    run.ok(CITIZEN, "supplement", at=local(2026, 3, day, 14, 0))
    for username in (HEAD, SPECIALIST, HEAD, LEADER):
        run.ok(username, "complete_step", at=local(2026, 3, day + 1, 9, 0))
    run.ok(CLERK, "approve", at=local(2026, 3, day + 1, 10, 0))
    run.ok(OFFICER, "deliver", at=local(2026, 3, day + 1, 15, 0),
           recipient="Nguyễn Văn An (CCCD 037090001234)")


EVERY_STATUS = ["1", "2", "4", "5", "4", "4", "4", "4", "4", "9", "10"]


def test_a_dossier_not_yet_accepted_is_not_marked(flow, dvcqg):
    run = flow()
    assert not DvcqgSync.objects.filter(dossier__code=run.code).exists()
    run.ok(OFFICER, "accept")
    assert row_of(run).state == SyncState.PENDING


def test_nd_118_2025_art_27_every_status_reaches_dvcqg_in_order(flow, dvcqg):
    # NĐ 118/2025/NĐ-CP art. 27: every accepted dossier and each of its steps shared with DVCQG
    run = flow(until="processing")
    assert sync_at(local(2026, 3, 2, 10, 5)) == (1, 0)
    assert [r["TrangThai"] for r in dvcqg.history_of(run.code)] == ["1", "2", "4"]
    to_the_end(run)
    assert sync_at(local(2026, 3, 4, 15, 5)) == (1, 0)

    record = dvcqg.dossiers[run.code]
    dossier = Dossier.objects.get(code=run.code)
    assert record["TrangThaiHoSo"] == "10" and record["KenhThucHien"] == "2"
    assert record["SoGiayToChuHoSo"] == dossier.owner_id_number != ""
    assert record["NgayTiepNhan"] == "20260302100000"  # accepted 10:00, Vietnam time
    assert record["NgayTra"] == "20260304150000"  # handed over at 15:00, a 24-hour clock
    assert record["NgayHenTra"] == dossier.due_at.astimezone(local(2026, 1, 1).tzinfo) \
        .strftime("%Y%m%d%H%M%S")
    history = dvcqg.history_of(run.code)
    assert [r["TrangThai"] for r in history] == EVERY_STATUS  # each row once, in order
    assert history[3]["NoiDungXuLy"].endswith("Thiếu bảng giá")
    assert history[3]["ThoiDiemXuLy"] == "20260303090000"
    assert {r["MaHoSo"] for r in history} == {run.code}
    assert row_of(run).state == SyncState.SYNCED
    assert row_of(run).synced_version == len(EVERY_STATUS)


def test_integrations_1_4_history_goes_ten_rows_a_call_after_the_snapshot(flow, dvcqg):
    run = flow(until="processing")
    to_the_end(run)
    sync_at(local(2026, 3, 4, 15, 5))
    calls = [(c["service"], len(c["data"])) for c in dvcqg.journal if c["service"] != "auth"]
    assert calls == [("DongBoHoSoMC", 1), ("CapNhatTienDoHoSoMC", 10),
                     ("CapNhatTienDoHoSoMC", 1)]
    assert dvcqg.journal[1]["isUpdating"] == "False"


def test_the_same_state_pushed_twice_makes_one_record(flow, dvcqg):
    run = flow(until="accepted")
    sync_at(local(2026, 3, 2, 10, 5))
    assert sync_at(local(2026, 3, 2, 10, 6)) == (0, 0)  # nothing is behind
    assert services.resend() == 0
    row = row_of(run)
    row.delivered_at = None  # as if the dossier were marked again without a new event
    row.save()
    assert sync_at(local(2026, 3, 2, 10, 7)) == (1, 0)
    assert list(dvcqg.dossiers) == [run.code]
    assert [r["TrangThai"] for r in dvcqg.history_of(run.code)] == ["1", "2"]
    pushes = [c["isUpdating"] for c in dvcqg.journal if c["service"] == "DongBoHoSoMC"]
    assert pushes == ["False", "True"]  # the stored code is updated, not inserted again


def test_integrations_1_5_already_there_switches_to_update_and_keeps_the_code(flow, dvcqg):
    run = flow(until="accepted")
    dvcqg.dossiers[run.code] = {"MaHoSo": run.code, "TrangThaiHoSo": "1"}
    sync_at(local(2026, 3, 2, 10, 5))
    pushes = [c["isUpdating"] for c in dvcqg.journal if c["service"] == "DongBoHoSoMC"]
    assert pushes == ["False", "True"]
    assert dvcqg.dossiers[run.code]["TrangThaiHoSo"] == "2"
    assert row_of(run).national_code == run.code
    run.ok(OFFICER, "forward", at=local(2026, 3, 2, 11, 0))
    sync_at(local(2026, 3, 2, 11, 5))
    pushes = [c["isUpdating"] for c in dvcqg.journal if c["service"] == "DongBoHoSoMC"]
    assert pushes == ["False", "True", "True"]  # the stored code, updated from now on


@pytest.mark.parametrize("outage", [Outage.UNAVAILABLE, Outage.REFUSE])
def test_nothing_is_lost_in_a_ten_minute_outage(flow, dvcqg, outage):
    # integrations §1.5: retries with backoff; the history arrives in order once DVCQG is back
    run = flow(until="processing")
    start = local(2026, 3, 3, 9, 0)
    dvcqg.outage = outage
    run.ok(SPECIALIST, "request_supplement", at=start, items=["Bảng giá"], reason="Thiếu")
    assert sync_at(start + dt.timedelta(minutes=1)) == (0, 1)
    row = row_of(run)
    assert row.state == SyncState.PENDING and row.attempts == 1 and row.last_error
    assert row.next_attempt_at == start + dt.timedelta(minutes=2)  # 1 minute later
    # a change while waiting keeps the dossier's turn: one push per dossier at a time
    run.ok(CITIZEN, "supplement", at=start + dt.timedelta(minutes=4))
    assert row_of(run).next_attempt_at == start + dt.timedelta(minutes=2)
    assert sync_at(start + dt.timedelta(minutes=5)) == (0, 1)
    assert row_of(run).next_attempt_at == start + dt.timedelta(minutes=7)  # then 2 minutes
    assert sync_at(start + dt.timedelta(minutes=6)) == (0, 0)  # not due yet
    assert sync_at(start + dt.timedelta(minutes=7)) == (0, 1)
    assert row_of(run).next_attempt_at == start + dt.timedelta(minutes=11)  # then 4 minutes
    assert dvcqg.dossiers == {}
    dvcqg.outage = Outage.NONE  # back after 10 minutes
    assert sync_at(start + dt.timedelta(minutes=10)) == (0, 0)
    assert sync_at(start + dt.timedelta(minutes=11)) == (1, 0)
    assert [r["TrangThai"] for r in dvcqg.history_of(run.code)] == ["1", "2", "4", "5", "4"]
    assert dvcqg.dossiers[run.code]["TrangThaiHoSo"] == "4"
    row = row_of(run)
    assert row.state == SyncState.SYNCED and row.last_error == ""
    assert row.attempts == 4  # three failures, then the push that went through


def test_a_change_while_sending_is_sent_again_at_once(flow, dvcqg):
    run = flow(until="accepted")

    class ForwardedMeanwhile(DvcqgClient):
        def push_dossier(self, record, updating):
            super().push_dossier(record, updating)
            if record["TrangThaiHoSo"] == "2":  # committed while the push is out
                run.ok(OFFICER, "forward", at=local(2026, 3, 2, 10, 5))

    with time_machine.travel(local(2026, 3, 2, 10, 5), tick=False):
        assert services.deliver_due(client=ForwardedMeanwhile(gateway("dvcqg"))) == (0, 1)
    row = row_of(run)  # sent, but no longer the latest: due again at once
    assert row.state == SyncState.PENDING and row.next_attempt_at == local(2026, 3, 2, 10, 5)
    assert dvcqg.dossiers[run.code]["TrangThaiHoSo"] == "2"
    assert sync_at(local(2026, 3, 2, 10, 5)) == (1, 0)
    assert dvcqg.dossiers[run.code]["TrangThaiHoSo"] == "4"
    assert [r["TrangThai"] for r in dvcqg.history_of(run.code)] == ["1", "2", "4"]


def test_a_failure_half_way_resends_only_what_dvcqg_has_not_taken(flow, dvcqg):
    run = flow(until="processing")
    to_the_end(run)
    original = dvcqg._progress
    calls = []

    def second_chunk_fails(rows):
        calls.append(len(rows))
        return "Cập nhật không thành công" if len(calls) == 2 else original(rows)

    dvcqg._progress = second_chunk_fails
    try:
        assert sync_at(local(2026, 3, 4, 15, 5)) == (0, 1)
    finally:
        dvcqg._progress = original
    assert row_of(run).synced_version == 10
    assert sync_at(local(2026, 3, 4, 15, 7)) == (1, 0)
    assert [r["TrangThai"] for r in dvcqg.history_of(run.code)] == EVERY_STATUS


def test_the_nightly_sweep_resends_what_was_given_up(flow, dvcqg):
    run = flow(until="accepted")
    DvcqgSync.objects.filter(dossier__code=run.code).update(
        attempts=10, failed_at=local(2026, 3, 2, 18, 0), last_error="GatewayError: 503")
    assert row_of(run).state == SyncState.FAILED
    assert sync_at(local(2026, 3, 2, 23, 0)) == (0, 0)  # the tasks gave up
    with time_machine.travel(local(2026, 3, 3, 1, 0), tick=False):
        assert services.sweep() == (1, 0)
    assert row_of(run).state == SyncState.SYNCED
    assert run.code in dvcqg.dossiers


def test_without_a_gateway_the_sweep_sends_nothing_and_keeps_the_backlog(flow, settings):
    settings.MOTCUA_NATIONAL = {}
    run = flow(until="accepted")
    assert services.sweep() == (0, 0)
    assert row_of(run).state == SyncState.PENDING


def command(*argv) -> str:
    out = io.StringIO()
    call_command("dvcqg_sync", *argv, stdout=out)
    return out.getvalue()


def test_the_command_sweeps_and_says_how_many(flow, dvcqg):
    run = flow(until="accepted")
    DvcqgSync.objects.filter(dossier__code=run.code).update(failed_at=local(2026, 3, 2, 18, 0))
    assert command().startswith("Đã đồng bộ 0 hồ sơ")  # given up: not due
    assert command("--sweep").startswith("Đã đồng bộ 1 hồ sơ, 0 hồ sơ lỗi")
    assert run.code in dvcqg.dossiers


def test_the_command_without_a_gateway_says_so(db, settings, run_command):
    settings.MOTCUA_NATIONAL = {}
    code, _out, err = run_command("dvcqg_sync")
    assert code == 1 and "DVCQG_URL" in err


def test_the_scheduler_has_the_nightly_sweep_and_the_requeue():
    from motcua.ops.schedule import jobs

    table = {job.name: job for job in jobs()}
    assert table["dvcqg_sweep"].period == dt.timedelta(days=1)
    assert table["dvcqg_requeue"].period == dt.timedelta(minutes=1)
