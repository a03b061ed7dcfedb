"""SQLite's index of "Hồ sơ của tôi" (PostgreSQL's is migration 0013's): an applicant's
dossiers by submission time. SQLite sorts empty dates first, so walking this index backwards
gives the page's order (newest first, empty dates last) for one applicant, instead of walking
every dossier's submission time looking for theirs (a citizen with no dossier among 200,000:
a whole scan).
"""

from django.db import migrations

from motcua.core.migration_sql import on_vendor

FORWARD = ["CREATE INDEX IF NOT EXISTS dossier_applicant_submitted ON dossiers_dossier "
           "(applicant_id, submitted_at, id)"]
BACKWARD = ["DROP INDEX IF EXISTS dossier_applicant_submitted"]


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0015_submitter_id_index")]
    operations = [on_vendor("sqlite", FORWARD, BACKWARD)]
