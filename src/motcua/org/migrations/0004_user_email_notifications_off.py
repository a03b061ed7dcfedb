from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0003_applicant_identity_verified"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="email_notifications_off",
            field=models.JSONField(blank=True, default=list,
                                   verbose_name="không nhận thư điện tử về"),
        ),
    ]
