"""What each operation does, in Vietnamese: the headings of the API's docs page (OpenAPI
``summary``, by operation id) and what each group of operations holds (the tags)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SUMMARIES = {
    "motcua_api_auth_issue_token": _("Cấp mã truy cập"),
    "motcua_workcal_api_due": _("Tính ngày hẹn trả theo ngày làm việc"),
    "motcua_workcal_api_year": _("Lịch ngày nghỉ, ngày làm bù của một năm"),
    "motcua_catalog_api_list_procedures": _("Tìm thủ tục hành chính"),
    "motcua_catalog_api_get_procedure": _("Xem một thủ tục hành chính"),
    "motcua_dossiers_api_create_upload": _("Tải lên một tệp"),
    "motcua_dossiers_api_create_dossier": _("Nộp hoặc tiếp nhận hồ sơ"),
    "motcua_dossiers_api_list_dossiers": _("Danh sách hồ sơ"),
    "motcua_dossiers_api_get_dossier": _("Xem một hồ sơ"),
    "motcua_dossiers_api_act_on_dossier": _("Xử lý hồ sơ (một bước của quy trình)"),
    "motcua_dossiers_api_lookup": _("Tra cứu tình trạng hồ sơ"),
    "motcua_stats_api_report_06a": _("Báo cáo 06a: tình hình, kết quả giải quyết"),
    "motcua_stats_api_report_766": _("Chỉ số phục vụ người dân, doanh nghiệp (766)"),
    "motcua_exchange_api_list_outgoing": _("Sổ văn bản đi"),
    "motcua_exchange_api_create_outgoing": _("Soạn văn bản đi"),
    "motcua_exchange_api_get_outgoing": _("Xem một văn bản đi"),
    "motcua_exchange_api_act_on_outgoing": _("Xử lý văn bản đi (cấp số, gửi, thu hồi)"),
    "motcua_exchange_api_list_incoming": _("Sổ văn bản đến"),
    "motcua_exchange_api_get_incoming": _("Xem một văn bản đến"),
    "motcua_exchange_api_act_on_incoming": _("Xử lý văn bản đến (vào sổ, phân công, xử lý)"),
}

TAGS = {
    "auth": _("Đăng nhập và mã truy cập"),
    "calendar": _("Lịch làm việc và thời hạn"),
    "procedures": _("Thủ tục hành chính"),
    "dossiers": _("Hồ sơ thủ tục hành chính"),
    "reports": _("Báo cáo thống kê"),
    "documents": _("Văn bản điện tử"),
}


def in_vietnamese(schema: dict) -> dict:
    """The schema with the summaries and the tags' descriptions above."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            summary = SUMMARIES.get(operation.get("operationId"), operation.get("summary"))
            operation["summary"] = str(summary)
    schema["tags"] = [{"name": name, "description": str(text)} for name, text in TAGS.items()]
    return schema
