"""The catalogue of titles and forms with their criteria, coefficients and legal sources, as in
force from 01/7/2025 (NĐ 152/2025/NĐ-CP replaced NĐ 98/2023/NĐ-CP that day): data/catalogue.json.
Editing that file later changes nothing installed: the Department of Home Affairs edits the rows
in the admin, and a change of law is a new AwardRule row from its date."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations

IN_FORCE_FROM = dt.date(2025, 7, 1)  # NĐ 152/2025/NĐ-CP art. 59: in force from 01/7/2025
DATA = Path(__file__).resolve().parent.parent / "data" / "catalogue.json"


def seed(apps, schema_editor):
    AwardType = apps.get_model("emulation", "AwardType")
    AwardRule = apps.get_model("emulation", "AwardRule")
    for row in json.loads(DATA.read_text(encoding="utf-8"))["types"]:
        award_type, _created = AwardType.objects.update_or_create(code=row["code"], defaults={
            key: row[key] for key in ("name", "family", "level", "decided_by", "cadence",
                                      "order")} | {"legal_source": row["source"], "short_name": row.get("short", "")})
        for rule in row["rules"]:
            AwardRule.objects.update_or_create(
                award_type=award_type, subject=rule["subject"], effective_from=IN_FORCE_FROM,
                defaults={
                    "criteria": rule["criteria"], "legal_source": rule["source"],
                    "bonus_coefficient": rule["coefficient"] and Decimal(rule["coefficient"]),
                    "ballot_threshold": rule["ballot"] and Decimal(rule["ballot"]),
                })


def unseed(apps, schema_editor):
    apps.get_model("emulation", "AwardType").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("emulation", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
