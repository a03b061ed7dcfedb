"""The cluster head in real Chromium: the demo's cluster of nine departments at its year-end
meeting; the head records two scores and the ranking changes; axe finds no WCAG 2.1 A/AA
violation at 1280 and 360 px."""

import datetime as dt

import pytest
import time_machine

from motcua.core.dates import VN_TZ
from tests.e2e.test_back_office_pages import accessible_at_each_width, sign_in  # noqa: F401


@pytest.mark.django_db(transaction=True)
def test_the_cluster_head_records_scores_and_sees_the_ranking(sign_in):  # noqa: F811
    from motcua.emulation import demo
    from motcua.emulation.models import Cluster

    with time_machine.travel(dt.datetime(2026, 12, 10, 9, tzinfo=VN_TZ), tick=False):
        demo.load()
    cluster = Cluster.objects.get(code="CUM-03")
    page = sign_in("khcn.giamdoc", f"/can-bo/thi-dua/cum/{cluster.pk}/2026/")
    ranking = page.locator("#ranking tbody tr")
    assert ranking.count() == 9
    assert "Sở Tài chính" in ranking.first.inner_text()
    assert "Bằng điểm" in ranking.nth(6).inner_text()  # agriculture and health, 89 each
    accessible_at_each_width(page, "emulation-cluster")

    culture = "Sở Văn hóa, Thể thao và Du lịch"
    page.get_by_label(f"{culture} — 1", exact=True).fill("40")
    page.get_by_label(f"{culture} — 5", exact=True).fill("3.5")
    page.get_by_role("button", name="Ghi điểm").click()
    page.wait_for_load_state()
    assert "Đã ghi 54 điểm; xếp hạng đã tính lại." in page.content()  # 9 members × 6 criteria
    first = page.locator("#ranking tbody tr").first.inner_text()
    assert culture in first and "100" in first
    assert "Sở Văn hóa" in page.locator("#proposals").inner_text()
