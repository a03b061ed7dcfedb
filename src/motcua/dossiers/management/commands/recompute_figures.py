"""Rebuild the figures the reports read (after an import, or a fix in how they are computed)."""

from __future__ import annotations

from motcua.core.commands import OneLineCommand
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import recompute_figures
from motcua.stats.services import rebuild_figures


class Command(OneLineCommand):
    help = ("Tính lại các số liệu báo cáo của hồ sơ (đúng hạn, thời gian giải quyết, số lần bổ "
            "sung, thời gian vượt của từng bước) từ các mốc thời gian đã lưu.")

    def handle(self, *args, **options) -> None:
        dossiers = Dossier.objects.filter(accepted_at__isnull=False).select_related(
            "receiving_agency").order_by("pk")
        total = dossiers.count()
        for done, dossier in enumerate(dossiers.iterator(chunk_size=2000), 1):
            recompute_figures(dossier)
            if done % 10_000 == 0:
                self.stderr.write(f"{done:,}/{total:,}")
        rebuild_figures()  # the monthly figures read the same columns; cached reports stale
        self.stdout.write(f"đã tính lại số liệu của {total:,} hồ sơ")
