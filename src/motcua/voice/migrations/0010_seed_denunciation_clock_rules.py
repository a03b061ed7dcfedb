"""The denunciation clocks not seeded by 0002 (domain feedback-complaints §5.3-5.4): the
extension, the notices, the publication of the conclusion and how long it stays on show. Rows
of the versioned ClockRule table; a later change of the law is a new row, never an edit. The
acceptance (7 working days, art. 24(1)) and resolution (30 days, art. 30(1)) rows are in 0002:
no 01/7/2026 change to them is known (domain §0, §5.3)."""

import datetime as dt

from django.db import migrations

WD, CD = "working_days", "calendar_days"
LAW = "Luật Tố cáo 25/2018/QH14"
DENUNCIATION_LAW = dt.date(2019, 1, 1)  # Luật Tố cáo 25/2018/QH14 in force
DECREE_31 = dt.date(2019, 5, 28)  # NĐ 31/2019/NĐ-CP in force

# track, clock, variant, value, unit, starts at, legal source, effective from
RULES = [
    ("denunciation", "extend", "", 30, CD, "hạn giải quyết trước khi gia hạn",
     f"{LAW} điều 30(1); NĐ 31/2019/NĐ-CP điều 3", DENUNCIATION_LAW),
    ("denunciation", "notify", "", 5, WD, "ngày thụ lý, tạm đình chỉ, đình chỉ hoặc kết luận",
     f"{LAW} điều 29(3), 34(4), 35(3)", DENUNCIATION_LAW),
    ("denunciation", "publish", "", 7, WD, "ngày ban hành kết luận",
     f"{LAW} điều 40(1)", DENUNCIATION_LAW),
    ("denunciation", "display", "", 15, CD, "ngày công khai kết luận",
     f"{LAW} điều 40(2); NĐ 31/2019/NĐ-CP điều 6", DECREE_31),
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
    dependencies = [("voice", "0009_denunciations")]

    operations = [migrations.RunPython(seed, unseed)]
