"""The announced civil-servant schedules for 2025 and 2026 (domain/onestop.md §6).

Days the `holidays` library also knows are stored anyway: the announcement is the source the
deadline calendar follows, and it names its legal document.
"""

import datetime as dt

from django.db import migrations

CV_2025 = "CV 8726/VPCP-KGVX; TB 6150/TB-BLĐTBXH"
CV_2026 = "CV 9859/VPCP-KGVX"
LABOUR_CODE = "Bộ luật Lao động 2019, Điều 112"

DAY_OFF, WORKING_DAY = "day_off", "working_day"

SCHEDULE = [
    # 2025
    (dt.date(2025, 1, 1), DAY_OFF, "Tết Dương lịch", LABOUR_CODE),
    *[(dt.date(2025, 1, d), DAY_OFF, "Nghỉ Tết Nguyên đán Ất Tỵ", CV_2025) for d in range(27, 32)],
    (dt.date(2025, 4, 7), DAY_OFF, "Giỗ Tổ Hùng Vương (10/3 âm lịch)", CV_2025),
    (dt.date(2025, 4, 26), WORKING_DAY, "Làm bù cho ngày nghỉ 02/05/2025", CV_2025),
    (dt.date(2025, 4, 30), DAY_OFF, "Ngày Chiến thắng", CV_2025),
    (dt.date(2025, 5, 1), DAY_OFF, "Ngày Quốc tế Lao động", CV_2025),
    (dt.date(2025, 5, 2), DAY_OFF, "Nghỉ hoán đổi, làm bù thứ Bảy 26/04/2025", CV_2025),
    (dt.date(2025, 9, 1), DAY_OFF, "Nghỉ lễ Quốc khánh", CV_2025),
    (dt.date(2025, 9, 2), DAY_OFF, "Quốc khánh", CV_2025),
    # 2026
    (dt.date(2026, 1, 1), DAY_OFF, "Tết Dương lịch", CV_2026),
    *[(dt.date(2026, 2, d), DAY_OFF, "Nghỉ Tết Nguyên đán Bính Ngọ", CV_2026) for d in range(16, 21)],
    (dt.date(2026, 4, 27), DAY_OFF, "Nghỉ bù Giỗ Tổ Hùng Vương (26/04 là Chủ nhật)", CV_2026),
    (dt.date(2026, 4, 30), DAY_OFF, "Ngày Chiến thắng", CV_2026),
    (dt.date(2026, 5, 1), DAY_OFF, "Ngày Quốc tế Lao động", CV_2026),
    (dt.date(2026, 8, 22), WORKING_DAY, "Làm bù cho ngày nghỉ 31/08/2026", CV_2026),
    (dt.date(2026, 8, 31), DAY_OFF, "Nghỉ hoán đổi, làm bù thứ Bảy 22/08/2026", CV_2026),
    (dt.date(2026, 9, 1), DAY_OFF, "Nghỉ lễ Quốc khánh", CV_2026),
    (dt.date(2026, 9, 2), DAY_OFF, "Quốc khánh", CV_2026),
    (dt.date(2026, 11, 24), DAY_OFF, "Ngày Văn hóa Việt Nam", "NQ 28/2026/QH16"),
]


def seed(apps, schema_editor):
    CalendarOverride = apps.get_model("workcal", "CalendarOverride")
    for day, kind, reason, source in SCHEDULE:
        CalendarOverride.objects.update_or_create(
            date=day, defaults={"kind": kind, "reason": reason, "legal_source": source}
        )


def unseed(apps, schema_editor):
    CalendarOverride = apps.get_model("workcal", "CalendarOverride")
    CalendarOverride.objects.filter(date__in=[row[0] for row in SCHEDULE]).delete()


class Migration(migrations.Migration):
    dependencies = [("workcal", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
