"""The group of the Department of Home Affairs' emulation office: every permission of the
emulation app (catalogue and records in the admin). Put its staff in it, with "Trạng thái nhân
viên" (is_staff) on: docs/emulation.md."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Thi đua, khen thưởng (Sở Nội vụ)"


def create_group(apps, schema_editor):
    config = apps.get_app_config("emulation")
    config.models_module = True  # the historical app's stub: create_permissions skips without
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="emulation"))


def drop_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("emulation", "0002_seed_catalogue"),
                    ("auth", "0012_alter_user_first_name_max_length"),
                    ("contenttypes", "0002_remove_content_type_name")]
    operations = [migrations.RunPython(create_group, drop_group)]
