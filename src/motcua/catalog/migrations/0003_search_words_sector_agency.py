"""Search by words: the folded and the marked documents of every version, with the sector's and
the deciding agency's names (see ProcedureVersion.index_for_search)."""

from django.db import migrations, models

from motcua.core.text import search_document


def index_versions(apps, schema_editor):
    versions = apps.get_model("catalog", "ProcedureVersion").objects.select_related(
        "procedure", "sector", "deciding_agency")
    for version in versions:
        sections = (version.name, version.sector.name, version.deciding_agency.name,
                    f"{version.procedure.national_code} {version.procedure.local_suffix}")
        version.search_text = search_document(sections)
        version.search_marked = search_document(sections, marks=True)
        version.save(update_fields=["search_text", "search_marked"])


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0002_search_index_postgres"),
    ]

    operations = [
        migrations.AddField(
            model_name="procedureversion",
            name="search_marked",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(index_versions, migrations.RunPython.noop),
    ]
