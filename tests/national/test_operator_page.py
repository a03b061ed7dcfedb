"""The operator's page of the national integrations: what it tells and its "Gửi lại"."""

from django.test import Client
from django.urls import reverse

from motcua.national.models import DvcqgSync, SyncState
from motcua.org.models import Role, User
from motcua.org.services import assign_role
from tests.helpers import bearer_headers, local

OFFICER = "khcn.tiepnhan"


def admin_of(world) -> User:
    admin = User.objects.create(username="quantri.tinh", first_name="Bảo")
    agency = User.objects.get(username=OFFICER).role_assignments.get().agency
    assign_role(admin, agency, Role.SYSTEM_ADMIN)
    return admin


def test_the_page_tells_backlog_last_error_and_last_success(flow, world, client_as, settings):
    settings.MOTCUA_NATIONAL = {}
    run = flow(until="accepted")
    other = flow()
    other.ok(OFFICER, "accept")
    DvcqgSync.objects.filter(dossier__code=run.code).update(
        delivered_at=local(2026, 3, 2, 10, 5))
    DvcqgSync.objects.filter(dossier__code=other.code).update(
        attempts=10, failed_at=local(2026, 3, 2, 18, 0), last_error="GatewayError: HTTP 503",
        last_error_at=local(2026, 3, 2, 18, 0))
    page = client_as(admin_of(world)).get(reverse("national:operator"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Chưa cấu hình" in html
    assert "10:05 02/03/2026" in html  # the last success
    assert "18:00 02/03/2026" in html and "GatewayError: HTTP 503" in html
    assert 'id="backlog-dvcqg">1 (1 hồ sơ đã ngừng thử)' in html
    assert other.code in html and run.code not in html.split('id="behind"')[1]


def test_gui_lai_makes_the_given_up_dossiers_due_again(flow, world, client_as):
    run = flow(until="accepted")
    DvcqgSync.objects.filter(dossier__code=run.code).update(
        attempts=10, failed_at=local(2026, 3, 2, 18, 0))
    response = client_as(admin_of(world)).post(reverse("national:resend"))
    assert response.status_code == 302
    row = DvcqgSync.objects.get(dossier__code=run.code)
    assert row.state == SyncState.PENDING and row.attempts == 0


def test_an_officer_is_refused(world, client_as):
    assert client_as(OFFICER).get(reverse("national:operator")).status_code == 403
    assert client_as(OFFICER).post(reverse("national:resend")).status_code == 403


def test_the_api_tells_the_same_and_resends(flow, world, settings):
    settings.MOTCUA_NATIONAL = {}
    run = flow(until="accepted")
    DvcqgSync.objects.filter(dossier__code=run.code).update(
        attempts=10, failed_at=local(2026, 3, 2, 18, 0))
    client = Client(headers=bearer_headers(admin_of(world).username))
    answer = client.get("/api/v1/integrations").json()
    assert [(i["name"], i["configured"], i["backlog"], i["given_up"]) for i in answer] == [
        ("dvcqg", False, 1, 1)]
    assert client.post("/api/v1/integrations/dvcqg/resend").json() == {"queued": 1}
    assert DvcqgSync.objects.get(dossier__code=run.code).state == SyncState.PENDING
    officer = Client(headers=bearer_headers(OFFICER))
    assert officer.get("/api/v1/integrations").status_code == 403


def test_the_header_links_the_page_for_the_system_administrator_only(world, client_as):
    link = f'href="{reverse("national:operator")}"'
    assert link in client_as(admin_of(world)).get(reverse("portal:profile")).text
    assert link not in client_as(OFFICER).get(reverse("backoffice:queues")).text


def test_the_wide_table_scrolls_in_a_named_region_reachable_by_keyboard(world, client_as):
    html = client_as(admin_of(world)).get(reverse("national:operator")).text
    region = html.split('id="behind"')[0].rsplit("<div", 1)[1]
    assert 'role="region"' in region and 'tabindex="0"' in region
    assert "Bảng hồ sơ chưa đồng bộ xong" in region
