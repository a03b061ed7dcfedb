"""The time limits of data-subject requests as they stood on 05/12/2026 (security-operations
§2.4; NĐ 356/2025/NĐ-CP art. 5, in force 01/01/2026), and the personal-data officers' group. A
later change of the law is a new row with its own effective date, never an edit of these.

The decree counts the acknowledgement in working days; the other limits are written as "ngày"
(days), counted here as calendar days (security-operations §2.4: uncertain)."""

import datetime as dt

from django.db import migrations

WD, CD = "working_days", "calendar_days"
DECREE_356 = "NĐ 356/2025/NĐ-CP điều 5"
IN_FORCE = dt.date(2026, 1, 1)

# kind ("" every kind), clock, value, unit
RULES = [
    ("", "acknowledge", 2, WD),
    ("access", "answer", 10, CD), ("access", "extension", 10, CD),
    ("restrict", "answer", 15, CD), ("restrict", "extension", 15, CD),
    ("delete", "answer", 20, CD), ("delete", "extension", 20, CD),
    ("protect", "answer", 15, CD), ("protect", "extension", 15, CD),
]
OFFICER_GROUP = "Cán bộ bảo vệ dữ liệu cá nhân"


def seed(apps, schema_editor):
    rule = apps.get_model("privacy", "ClockRule")
    for kind, clock, value, unit in RULES:
        rule.objects.get_or_create(kind=kind, clock=clock, effective_from=IN_FORCE, defaults={
            "value": value, "unit": unit, "legal_source": DECREE_356})
    apps.get_model("auth", "Group").objects.get_or_create(name=OFFICER_GROUP)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
