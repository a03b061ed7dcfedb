"""The reception of citizens (domain feedback-complaints §6): the published schedule, the
register of visits and its answer clock; the time limit a forwarded letter ran under."""

import datetime as dt

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

RECEPTION_LAW = dt.date(2014, 7, 1)  # Luật Tiếp công dân 42/2013/QH13 in force
WD = "working_days"
# track, clock, value, unit, starts at, legal source
RULES = [
    ("reception", "answer", 10, WD, "ngày tiếp công dân, nhận đơn",
     "Luật Tiếp công dân 42/2013/QH13 điều 28(1)"),
    ("reception", "notice", 5, WD, "ngày công bố lịch tiếp",
     "Luật Tiếp công dân 42/2013/QH13 điều 24(2), (4)"),
]


def seed(apps, schema_editor):
    ClockRule = apps.get_model("voice", "ClockRule")
    ClockRule.objects.bulk_create([
        ClockRule(track=track, clock=clock, variant="", value=value, unit=unit,
                  starts_at=starts_at, legal_source=source, effective_from=RECEPTION_LAW)
        for track, clock, value, unit, starts_at, source in RULES
    ])


def unseed(apps, schema_editor):
    apps.get_model("voice", "ClockRule").objects.filter(track="reception").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0005_vneid_link'),
        ('voice', '0007_event_due'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='clockrule',
            name='clock',
            field=models.CharField(choices=[('refuse', 'Từ chối hoặc trả lại'), ('transfer', 'Chuyển cơ quan có thẩm quyền'), ('supplement', 'Yêu cầu bổ sung thông tin lần đầu'), ('answer', 'Có kết quả trả lời'), ('publish', 'Công khai sau khi duyệt'), ('accept', 'Thụ lý'), ('resolve', 'Giải quyết'), ('resolve_appeal', 'Giải quyết lần hai'), ('time_bar', 'Thời hiệu khiếu nại'), ('appeal', 'Khiếu nại lần hai hoặc khởi kiện'), ('final', 'Quyết định có hiệu lực pháp luật'), ('notice', 'Công bố lịch tiếp trước')], max_length=14, verbose_name='thời hạn'),
        ),
        migrations.AddField(
            model_name='letter',
            name='transfer_due',
            field=models.DateTimeField(blank=True, null=True, verbose_name='hạn chuyển'),
        ),
        migrations.AlterField(
            model_name='clockrule',
            name='track',
            field=models.CharField(choices=[('feedback', 'Phản ánh, kiến nghị'), ('complaint', 'Khiếu nại'), ('denunciation', 'Tố cáo'), ('reception', 'Tiếp công dân')], max_length=12, verbose_name='loại đơn'),
        ),
        migrations.CreateModel(
            name='ReceptionSchedule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='ngày tiếp')),
                ('starts', models.TimeField(verbose_name='từ giờ')),
                ('ends', models.TimeField(verbose_name='đến giờ')),
                ('place', models.CharField(max_length=255, verbose_name='địa điểm')),
                ('host', models.CharField(max_length=255, verbose_name='người tiếp')),
                ('by_head', models.BooleanField(default=False, verbose_name='người đứng đầu trực tiếp tiếp')),
                ('published_at', models.DateTimeField(verbose_name='ngày công bố')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reception_sessions', to='org.agency', verbose_name='cơ quan')),
                ('published_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người công bố')),
            ],
            options={
                'verbose_name': 'lịch tiếp công dân',
                'verbose_name_plural': 'lịch tiếp công dân',
                'ordering': ['day', 'starts'],
            },
        ),
        migrations.CreateModel(
            name='ReceptionSequence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField()),
                ('last', models.PositiveIntegerField(default=0)),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.agency')),
            ],
        ),
        migrations.CreateModel(
            name='ReceptionVisit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm sổ')),
                ('number', models.PositiveIntegerField(verbose_name='số thứ tự')),
                ('visited_at', models.DateTimeField(verbose_name='thời gian tiếp')),
                ('visitor_name', models.CharField(max_length=255, verbose_name='họ và tên')),
                ('visitor_address', models.CharField(max_length=500, verbose_name='địa chỉ')),
                ('visitor_id_number', models.CharField(max_length=20, verbose_name='số giấy tờ tùy thân')),
                ('people', models.PositiveSmallIntegerField(default=1, verbose_name='số người')),
                ('subject', models.TextField(verbose_name='nội dung')),
                ('received_documents', models.TextField(blank=True, verbose_name='tài liệu đã nhận')),
                ('rules_on', models.DateField(verbose_name='áp dụng thời hạn hiệu lực ngày')),
                ('answer_due', models.DateTimeField(verbose_name='hạn trả lời')),
                ('outcome', models.CharField(blank=True, choices=[('', 'Chưa trả lời'), ('accepted', 'Thụ lý giải quyết'), ('checking', 'Cần xem xét, kiểm tra thêm'), ('refused', 'Không thụ lý'), ('forwarded', 'Chuyển cơ quan có thẩm quyền'), ('guided', 'Hướng dẫn đến cơ quan có thẩm quyền')], max_length=10, verbose_name='kết quả')),
                ('outcome_note', models.TextField(blank=True, verbose_name='nội dung trả lời')),
                ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='ngày trả lời')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reception_visits', to='org.agency', verbose_name='cơ quan')),
                ('letter', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='visits', to='voice.letter', verbose_name='đơn liên quan')),
                ('officer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='cán bộ tiếp')),
                ('session', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='visits', to='voice.receptionschedule', verbose_name='buổi tiếp')),
            ],
            options={
                'verbose_name': 'lượt tiếp công dân',
                'verbose_name_plural': 'sổ tiếp công dân',
                'ordering': ['-year', '-number'],
            },
        ),
        migrations.AddConstraint(
            model_name='receptionschedule',
            constraint=models.CheckConstraint(condition=models.Q(('ends__gt', models.F('starts'))), name='reception_session_ends_after_start'),
        ),
        migrations.AddConstraint(
            model_name='receptionsequence',
            constraint=models.UniqueConstraint(fields=('agency', 'year'), name='reception_sequence_agency_year'),
        ),
        migrations.AddConstraint(
            model_name='receptionvisit',
            constraint=models.UniqueConstraint(fields=('agency', 'year', 'number'), name='reception_visit_number_per_agency_year'),
        ),
        migrations.AddConstraint(
            model_name='receptionvisit',
            constraint=models.CheckConstraint(condition=models.Q(('people__gt', 0)), name='reception_visit_people'),
        ),
        migrations.RunPython(seed, unseed),
    ]
