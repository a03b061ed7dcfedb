"""The legal time limits of the three tracks as they stood on 05/12/2026 (domain
feedback-complaints §3.3, §4.3, §5.3, §9). A later change of the law is a new row with its own
effective date, never an edit of these."""

import datetime as dt

from django.db import migrations

WD, CD = "working_days", "calendar_days"
PAKN_766 = "QĐ 766/QĐ-TTg (23/6/2022) chỉ số 5.2; Quy chế Cổng DVCQG"
COMPLAINT_LAW = dt.date(2012, 7, 1)  # Luật Khiếu nại 02/2011/QH13 in force
DENUNCIATION_LAW = dt.date(2019, 1, 1)  # Luật Tố cáo 25/2018/QH14 in force
DECREE_155 = dt.date(2026, 7, 1)  # NĐ 155/2026/NĐ-CP amending NĐ 124/2020 in force

# track, clock, variant, value, unit, starts at, legal source, effective from
RULES = [
    ("feedback", "transfer", "", 5, WD, "ngày nhận phản ánh, kiến nghị",
     "NĐ 20/2008/NĐ-CP điều 9(1)(d)", dt.date(2008, 3, 14)),  # the date is uncertain
    # domain §3.6 P3: the national portal's 2 working days are the stricter, so they apply
    ("feedback", "transfer", "", 2, WD, "ngày gửi (hoặc ngày chuyển đến gần nhất)",
     PAKN_766, dt.date(2022, 6, 23)),
    ("feedback", "refuse", "", 2, WD, "ngày gửi (hoặc ngày chuyển đến gần nhất)",
     PAKN_766, dt.date(2022, 6, 23)),
    ("feedback", "supplement", "", 5, WD, "ngày gửi (hoặc ngày chuyển đến gần nhất)",
     PAKN_766, dt.date(2022, 6, 23)),
    ("feedback", "answer", "", 15, WD, "ngày gửi (hoặc ngày chuyển đến gần nhất)",
     PAKN_766, dt.date(2022, 6, 23)),
    ("feedback", "publish", "", 2, WD, "ngày lãnh đạo duyệt trả lời",
     PAKN_766, dt.date(2022, 6, 23)),
    ("complaint", "accept", "", 10, CD, "ngày nhận đơn",
     "Luật Khiếu nại 02/2011/QH13 điều 27", COMPLAINT_LAW),
    ("complaint", "accept", "", 7, WD, "ngày nhận đơn",
     "NĐ 124/2020/NĐ-CP điều 16(1), sửa đổi bởi NĐ 155/2026/NĐ-CP", DECREE_155),
    ("complaint", "resolve", "", 30, CD, "ngày thụ lý",
     "Luật Khiếu nại 02/2011/QH13 điều 28", COMPLAINT_LAW),
    ("complaint", "resolve", "complex", 45, CD, "ngày thụ lý",
     "Luật Khiếu nại 02/2011/QH13 điều 28", COMPLAINT_LAW),
    ("complaint", "resolve", "remote", 45, CD, "ngày thụ lý",
     "Luật Khiếu nại 02/2011/QH13 điều 28", COMPLAINT_LAW),
    ("complaint", "resolve", "remote_complex", 60, CD, "ngày thụ lý",
     "Luật Khiếu nại 02/2011/QH13 điều 28", COMPLAINT_LAW),
    ("complaint", "resolve_appeal", "", 45, CD, "ngày thụ lý",
     "Luật Khiếu nại 02/2011/QH13 điều 37", COMPLAINT_LAW),
    ("complaint", "resolve_appeal", "complex", 60, CD, "ngày thụ lý",
     "Luật Khiếu nại 02/2011/QH13 điều 37", COMPLAINT_LAW),
    ("complaint", "resolve_appeal", "remote", 60, CD, "ngày thụ lý",
     "Luật Khiếu nại 02/2011/QH13 điều 37", COMPLAINT_LAW),
    ("complaint", "resolve_appeal", "remote_complex", 70, CD, "ngày thụ lý",
     "Luật Khiếu nại 02/2011/QH13 điều 37", COMPLAINT_LAW),
    ("denunciation", "accept", "", 7, WD, "ngày nhận đơn",
     "Luật Tố cáo 25/2018/QH14 điều 24(1)", DENUNCIATION_LAW),
    ("denunciation", "accept", "complex", 10, WD, "ngày nhận đơn",
     "Luật Tố cáo 25/2018/QH14 điều 24(1)", DENUNCIATION_LAW),
    ("denunciation", "transfer", "", 5, WD, "ngày nhận đơn",
     "Luật Tố cáo 25/2018/QH14 điều 24(2)", DENUNCIATION_LAW),
    ("denunciation", "resolve", "", 30, CD, "ngày thụ lý",
     "Luật Tố cáo 25/2018/QH14 điều 30(1)", DENUNCIATION_LAW),
]


def seed(apps, schema_editor):
    ClockRule = apps.get_model("voice", "ClockRule")
    ClockRule.objects.bulk_create([
        ClockRule(track=track, clock=clock, variant=variant, value=value, unit=unit,
                  starts_at=starts_at, legal_source=source, effective_from=effective_from)
        for track, clock, variant, value, unit, starts_at, source, effective_from in RULES
    ])


def unseed(apps, schema_editor):
    apps.get_model("voice", "ClockRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("voice", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
