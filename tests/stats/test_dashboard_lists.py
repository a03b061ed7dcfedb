"""The leaders' dashboard lists: each overdue dossier links to its back-office page, and a step
late by less than a tenth of a working day does not read "0,0" days."""

import re
from decimal import Decimal

from django.test import Client

from motcua.dossiers.models import DossierStep, Status
from motcua.org.models import User
from tests.helpers import local
from tests.stats.conftest import SCIENCE, imported, make

MARCH_QUERY = "start=01/03/2026&end=31/03/2026"


def dashboard(username) -> tuple[Client, str]:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client, client.get(f"/can-bo/thong-ke/?{MARCH_QUERY}").content.decode()


def table(page, name) -> str:
    return re.search(rf'<table class="table table-sm" id="{name}">(.*?)</table>', page,
                     re.S).group(1)


def test_each_overdue_dossier_links_to_its_page_for_those_who_work_on_dossiers(march):
    _leader, page = dashboard("khcn.giamdoc")
    code = f"{SCIENCE}-TEST-N"
    link = f'<a href="/can-bo/ho-so/{code}/">{code}</a>'
    assert link in table(page, "overdue")
    _viewer, page = dashboard("motcua.thongke")  # reads the figures, works on no dossier
    assert code in table(page, "overdue") and "/can-bo/ho-so/" not in table(page, "overdue")


def test_a_step_late_by_minutes_reads_under_a_tenth_of_a_day(march):
    late = make("Z", accepted=local(2026, 3, 5, 9), due=local(2026, 3, 19, 17),
                finished=local(2026, 3, 20, 9), status=Status.FINISHED, timeliness="late",
                hours=81)
    DossierStep.objects.create(
        dossier=late, step=late.procedure_version.steps.get(key="B3"),
        agency=late.deciding_agency, state="done", started_at=local(2026, 3, 6, 8),
        due_at=local(2026, 3, 9, 8), ended_at=local(2026, 3, 9, 8, 12),
        overrun_hours=Decimal("0.2"))
    imported()
    _leader, page = dashboard("khcn.giamdoc")
    rows = [" ".join(re.sub(r"<[^>]+>", " ", row).split())
            for row in re.findall(r"<tr>(.*?)</tr>", table(page, "delays"), re.S)]
    [minutes] = [row for row in rows if " B3. " in row]
    assert minutes.endswith(" 1 dưới 0,1"), minutes
    assert not any(row.endswith(" 0,0") for row in rows), rows
