"""The indexes of "Hồ sơ của tôi": its page, an applicant's dossiers newest first (empty dates
last, as core.paging orders), read off an index whatever their number, and the few dossiers that
wait for the applicant.

The page's index is PostgreSQL's only: SQLite has no NULLS LAST in an index (a trial
installation lists without it).
"""

from django.db import migrations, models

from motcua.core.migration_sql import on_postgresql

FORWARD = ["CREATE INDEX IF NOT EXISTS dossier_applicant_submitted ON dossiers_dossier "
           "(applicant_id, submitted_at DESC NULLS LAST, id DESC)"]
BACKWARD = ["DROP INDEX IF EXISTS dossier_applicant_submitted"]


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0012_version_due_index")]
    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(("status__in", (5, 6)), models.Q(
                    ("status", 1), ("sub_status", "awaiting_supplement")), _connector="OR"),
                fields=["applicant", "updated_at", "id"], name="dossier_applicant_awaiting"),
        ),
        on_postgresql(FORWARD, BACKWARD),
    ]
