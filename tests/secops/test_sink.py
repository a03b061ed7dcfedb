"""The feed to the SOC: nothing lost while the sink is down, the chain's verify command finds an
edited or removed line, events kept at least 3 months (security-operations §3.4, §3.6)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine

from motcua.config import ConfigError, load_config
from motcua.ops.schedule import jobs
from motcua.secops import chain, events, services, sinks
from motcua.secops.models import SecurityEvent

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_the_sink_down_for_ten_minutes_loses_nothing(settings, tmp_path, clock):
    collector = tmp_path / "collector"  # not there yet: every write fails
    settings.SECOPS_SINK = f"file://{collector}/security.jsonl"
    for minute in range(10):
        events.record("authn_login_fail", reason="bad_credentials", attempt=minute)
        sent, failed = services.ship()  # the scheduler's secops_ship, each minute
        assert sent == 0 and failed >= 1
        clock.shift(MINUTE)
    assert SecurityEvent.objects.filter(delivered_at__isnull=True).count() == 10
    collector.mkdir()  # the sink is back
    assert services.ship() == (10, 0)
    lines = (collector / "security.jsonl").read_text().splitlines()
    assert sorted(json.loads(line)["attempt"] for line in lines) == list(range(10))
    assert list(chain.verify(chain.ordered(lines))) == []
    assert not SecurityEvent.objects.filter(delivered_at__isnull=True).exists()


def test_given_up_events_go_when_the_sink_returns(sink, clock):
    event = events.record("integrity_fail", check="payment_notification")
    SecurityEvent.objects.filter(pk=event.pk).update(failed_at=START, attempts=10)
    events.record("sys_startup")
    assert services.ship() == (2, 0)
    assert [e["event.name"] for e in sink.events()] == ["sys_startup", "integrity_fail"]


def test_verify_finds_an_edited_line_in_the_sinks_file(sink, run_command):
    for reason in ("bad_credentials", "bad_credentials", "unknown_user"):
        events.record("authn_login_fail", reason=reason)
    services.ship()
    assert run_command("secops", "verify", str(sink.file))[0] == 0
    lines = sink.lines()
    lines[1] = lines[1].replace("bad_credentials", "unknown_user")
    sink.file.write_text("\n".join(lines) + "\n")
    code, out, _err = run_command("secops", "verify", str(sink.file))
    assert code == 1
    assert "dòng 2 (sự kiện số 2): nội dung đã bị sửa" in out


def test_verify_finds_a_removed_line_and_an_edited_row(sink, run_command):
    for _number in range(3):
        events.record("sys_startup")
    services.ship()
    lines = sink.lines()
    sink.file.write_text("\n".join([lines[0], lines[2]]) + "\n")
    code, out, _err = run_command("secops", "verify", str(sink.file))
    assert code == 1 and "thiếu các dòng trước dòng này" in out
    assert run_command("secops", "verify")[0] == 0  # the table
    row = SecurityEvent.objects.get(sequence=2)
    SecurityEvent.objects.filter(pk=row.pk).update(line=row.line.replace("motcua", "khac"))
    code, out, _err = run_command("secops", "verify")
    assert code == 1 and "nội dung đã bị sửa" in out


def test_verify_finds_the_last_rows_deleted(run_command):
    for _number in range(2):
        events.record("sys_startup")
    SecurityEvent.objects.filter(sequence=2).delete()
    code, out, _err = run_command("secops", "verify")
    assert code == 1 and "các dòng cuối của chuỗi đã bị xoá" in out


def test_security_events_kept_at_least_3_months_tcvn_14423_5_8_2_1(settings, clock):
    settings.SECOPS_RETENTION_DAYS = 90
    events.record("sys_startup")
    clock.shift(dt.timedelta(days=10))
    kept = events.record("sys_startup")
    clock.shift(dt.timedelta(days=81))
    assert services.purge() == 1
    assert list(SecurityEvent.objects.values_list("pk", flat=True)) == [kept.pk]
    with pytest.raises(ConfigError):
        load_config({"SECOPS_RETENTION_DAYS": "60"})
    assert load_config({}).secops_retention_days == 365  # 12 months recommended


def test_the_jobs_are_scheduled():
    table = {job.name: job for job in jobs()}
    assert table["secops_ship"].period == MINUTE
    assert table["secops_retention"].period == dt.timedelta(days=1)


def test_no_sink_keeps_the_events_in_the_table(settings):
    settings.SECOPS_SINK = ""
    events.record("sys_startup")
    assert services.ship() == (0, 0) and not sinks.configured()
    assert SecurityEvent.objects.get().delivered_at is None


def test_syslog_frame_is_rfc_5424_octet_counted():
    event = events.record("authn_login_fail", reason="bad_credentials")
    frame = sinks.rfc5424(event.line, event.severity, event.at)
    length, _space, message = frame.partition(b" ")
    assert int(length) == len(message)
    assert message.startswith(b"<84>1 ")  # authpriv (10) * 8 + warning (4)
    assert b" motcua " in message and b" authn_login_fail - {" in message
