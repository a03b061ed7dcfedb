"""The emulation office's group gets the permissions of the models added since migration 0003
(proposals, councils, decisions, movements, clusters), so the office edits them in the admin:
the same grant as 0003, run again."""

from importlib import import_module

from django.db import migrations

office_group = import_module("motcua.emulation.migrations.0003_emulation_office_group")


class Migration(migrations.Migration):
    dependencies = [("emulation", "0005_clusters")]
    operations = [migrations.RunPython(office_group.create_group, migrations.RunPython.noop)]
