"""A nominee whose award the catalogue holds no criteria for waits for the emulation office's own
appraisal ("Chờ Sở Nội vụ thẩm định")."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("emulation", "0007_notice_revocation_staff"),
    ]

    operations = [
        migrations.AlterField(
            model_name="nomination",
            name="result",
            field=models.CharField(
                choices=[("pending", "Chưa xét"), ("to_appraise", "Chờ Sở Nội vụ thẩm định"),
                         ("eligible", "Đủ điều kiện"), ("ineligible", "Không đủ điều kiện"),
                         ("deferred", "Tạm hoãn (đang có vụ việc)"),
                         ("passed_vote", "Đạt tỷ lệ phiếu"),
                         ("failed_vote", "Không đạt tỷ lệ phiếu"),
                         ("awarded", "Được khen thưởng"),
                         ("not_awarded", "Không được khen thưởng"),
                         ("revoked", "Bị thu hồi khen thưởng")],
                default="pending", max_length=12, verbose_name="kết quả"),
        ),
    ]
