"""2025 and 2026 are announced years: their seeded schedules (0002) are the government's.

Their days off then no longer come from the `holidays` library's estimate; the seeded rows give
the same working days (checked when this was written).
"""

import datetime as dt

from django.db import migrations

ANNOUNCED = [
    (2025, "CV 8726/VPCP-KGVX; TB 6150/TB-BLĐTBXH"),
    (2026, "CV 9859/VPCP-KGVX"),
]


def mark(apps, schema_editor):
    AnnouncedYear = apps.get_model("workcal", "AnnouncedYear")
    for year, source in ANNOUNCED:
        AnnouncedYear.objects.update_or_create(
            year=year,
            defaults={
                "legal_source": source,
                "announced_at": dt.datetime(year - 1, 12, 1, tzinfo=dt.UTC),
            },
        )


def unmark(apps, schema_editor):
    AnnouncedYear = apps.get_model("workcal", "AnnouncedYear")
    AnnouncedYear.objects.filter(year__in=[year for year, _source in ANNOUNCED]).delete()


class Migration(migrations.Migration):
    dependencies = [("workcal", "0003_announced_year")]
    operations = [migrations.RunPython(mark, unmark)]
