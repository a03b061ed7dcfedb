"""The admin's index in Vietnamese: every section's name, the greeting by given name."""

import re

import pytest

from tests.core.test_admin_pages import admin_session  # noqa: F401

pytestmark = pytest.mark.django_db


def test_every_admin_section_has_a_vietnamese_name(admin_session):  # noqa: F811
    page = admin_session.get("/admin/").content.decode()
    sections = re.findall(r'class="section"[^>]*>([^<]+)</a>', page)
    assert sorted(sections) == sorted([
        "Giao diện lập trình (API)", "Đăng nhập sai và khóa đăng nhập", "Hồ sơ", "Hộp thư đi",
        "Kết nối hệ thống quốc gia", "An ninh hệ thống", "Bưu chính công ích",
        "Thanh toán trực tuyến", "Thi đua, khen thưởng", "Tin nhắn SMS và Zalo",
        "Lịch làm việc", "Xác thực hai bước", "Tác vụ chạy nền", "Thủ tục hành chính",
        "Thống kê, báo cáo",
        "Tiếp nhận đơn, phản ánh, kiến nghị",
        "Tổ chức, cán bộ", "Văn bản, liên thông văn bản", "Vận hành", "Xác thực và ủy quyền",
        "Bảo vệ dữ liệu cá nhân"])


def test_the_admin_greets_by_given_name(admin_session):  # noqa: F811
    # Vietnamese order: family and middle names first, the given name last
    from motcua.org.models import User

    administrator = User.objects.get(username="motcua.quantri")
    given = administrator.get_full_name().split()[-1]
    page = admin_session.get("/admin/").content.decode()
    assert re.search(r"Chào mừng bạn,\s*<strong>([^<]+)</strong>", page)[1] == given


def test_section_titles_read_as_vietnamese(admin_session):  # noqa: F811
    # Django's own Vietnamese catalogue reads "Các mô models trong …"; ours corrects it
    page = admin_session.get("/admin/").content.decode()
    assert "models" not in page.lower().replace("/models", "")
    assert "Các danh mục dữ liệu của phần Hồ sơ" in page


ENGLISH_LEFT_BY_DJANGO = ["Skip to main content", "Toggle theme", "Model name", "Add link",
                          "Change or view list link", "Task Results", "TOTP device",
                          "Access attempts", "Access failures", "Access logs", "Show counts",
                          "Breadcrumbs"]


def test_the_admin_shows_no_english_its_catalogue_left(admin_session):  # noqa: F811
    # Django's Vietnamese catalogue lacks its newer admin strings; the other projects' model
    # names are English or untranslated: ours completes them (locale/vi)
    pages = [admin_session.get(path).content.decode()
             for path in ("/admin/", "/admin/dossiers/dossier/")]
    left = [text for text in ENGLISH_LEFT_BY_DJANGO if any(text in page for page in pages)]
    assert left == []
    assert "Chuyển đến nội dung chính" in pages[0] and "Hiện số lượng" in pages[1]
    assert "Thiết bị xác thực hai bước (TOTP)" in pages[0]
