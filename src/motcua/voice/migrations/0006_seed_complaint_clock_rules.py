"""The complainant's own time limits (domain feedback-complaints §4.3, key rule 7): to complain,
to complain a second time or sue, and when a decision becomes final. Rows of the versioned
ClockRule table like those of 0002; a later change of the law is a new row, never an edit."""

import datetime as dt

from django.db import migrations

CD = "calendar_days"
COMPLAINT_LAW = dt.date(2012, 7, 1)  # Luật Khiếu nại 02/2011/QH13 in force
LAW = "Luật Khiếu nại 02/2011/QH13"

# track, clock, variant, value, unit, starts at, legal source, effective from
RULES = [
    ("complaint", "time_bar", "", 90, CD, "ngày nhận được hoặc biết quyết định, hành vi",
     f"{LAW} điều 9", COMPLAINT_LAW),
    ("complaint", "appeal", "", 30, CD,
     "ngày nhận quyết định lần đầu, hoặc hết hạn giải quyết lần đầu",
     f"{LAW} điều 33", COMPLAINT_LAW),
    ("complaint", "appeal", "remote", 45, CD,
     "ngày nhận quyết định lần đầu, hoặc hết hạn giải quyết lần đầu",
     f"{LAW} điều 33", COMPLAINT_LAW),
    ("complaint", "final", "", 30, CD, "ngày ban hành quyết định giải quyết",
     f"{LAW} điều 44", COMPLAINT_LAW),
    ("complaint", "final", "remote", 45, CD, "ngày ban hành quyết định giải quyết",
     f"{LAW} điều 44", COMPLAINT_LAW),
]
KEYS = [(track, clock, variant, effective) for track, clock, variant, *_, effective in RULES]


def seed(apps, schema_editor):
    ClockRule = apps.get_model("voice", "ClockRule")
    ClockRule.objects.bulk_create([
        ClockRule(track=track, clock=clock, variant=variant, value=value, unit=unit,
                  starts_at=starts_at, legal_source=source, effective_from=effective_from)
        for track, clock, variant, value, unit, starts_at, source, effective_from in RULES
    ])


def unseed(apps, schema_editor):
    ClockRule = apps.get_model("voice", "ClockRule")
    for track, clock, variant, effective in KEYS:
        ClockRule.objects.filter(track=track, clock=clock, variant=variant,
                                 effective_from=effective).delete()


class Migration(migrations.Migration):
    dependencies = [("voice", "0005_complaints")]

    operations = [migrations.RunPython(seed, unseed)]
