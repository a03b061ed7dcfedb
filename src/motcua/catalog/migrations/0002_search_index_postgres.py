"""On PostgreSQL: unaccent and pg_trgm, and a trigram index on the folded search column.

SQLite searches the same folded column without an index (fine for a trial installation).
"""

from django.db import migrations

from motcua.core.migration_sql import on_postgresql

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE INDEX IF NOT EXISTS catalog_version_search_trgm "
    "ON catalog_procedureversion USING gin (search_text gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS catalog_version_search_trgm"]


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [on_postgresql(FORWARD, BACKWARD)]
