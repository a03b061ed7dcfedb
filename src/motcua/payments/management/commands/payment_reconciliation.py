"""`motcua payment_reconciliation`: settle the pending online payments (QUERY), then write the
reconciliation workbook of a day (yesterday by default) for one agency or for every agency
(what the scheduler's daily `payment_reconciliation` job does, kept in the file storage)."""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.org.models import Agency
from motcua.payments import reconciliation, services


class Command(BaseCommand):
    help = gettext_lazy("Đối soát thanh toán trực tuyến của một ngày: tra cứu các giao dịch "
                        "đang chờ, rồi ghi bảng đối soát (Excel).")

    def add_arguments(self, parser):
        parser.add_argument("--date", help="dd/mm/yyyy (mặc định: hôm qua)")
        parser.add_argument("--agency", help="mã định danh cơ quan (mặc định: mọi cơ quan)")
        parser.add_argument("--output", type=Path, help="tệp .xlsx (mặc định: trong thư mục lưu "
                                                         "tệp của hệ thống)")

    def handle(self, *args, date: str | None, agency: str | None, output: Path | None,
               **options):
        day = None
        if date:
            try:
                day = dt.datetime.strptime(date, "%d/%m/%Y").date()
            except ValueError:
                raise CommandError(_("Ngày phải viết dd/mm/yyyy.")) from None
        if output is None and agency is None:
            for path in reconciliation.daily(day):
                self.stdout.write(path)
            return
        services.settle_pending()
        day = day or reconciliation.yesterday()
        found = Agency.objects.filter(identifier_code=agency).first() if agency else None
        if agency and found is None:
            raise CommandError(_("Không có cơ quan mã %(code)s.") % {"code": agency})
        data = reconciliation.workbook({found.pk} if found else None, day)
        target = output or Path(reconciliation.file_name(day, agency or ""))
        target.write_bytes(data)
        self.stdout.write(str(target))
