"""Examples in the OpenAPI document where a reader needs one: the bodies of the dossier operations
read by hand (a registration, an action), and the error shapes.

The example values are what a caller sends (sample data, in Vietnamese as the service's data is);
their titles and the error sentences are the ones the service itself uses, in the site's language.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.api.messages import invalid
from motcua.core.identifiers import PERSONAL_ID_MESSAGE

BUSINESS = {
    "type": "business",
    "name": "Công ty TNHH Chuyển phát An Bình",
    "id_number": "2700123456",
    "phone": "0912345678",
    "address": "Số 12 đường Lê Hồng Phong, phường Hoa Lư, tỉnh Ninh Bình",
}
POSTAL_NOTICE = "Thông báo hoạt động bưu chính của Công ty TNHH Chuyển phát An Bình"

# By operation id: the request body's examples, each a (title, value).
BODIES = {
    "motcua_dossiers_api_create_dossier": {
        "online": (gettext_lazy("Nộp hồ sơ trực tuyến"), {
            "procedure": "DP.BC002",
            "subject": POSTAL_NOTICE,
            "delivery": "online",
            "attachments": [{"component": 1, "upload": 101}, {"component": 2, "upload": 102}],
        }),
        "counter": (gettext_lazy("Tiếp nhận hồ sơ tại quầy"), {
            "procedure": "DP.BC002",
            "subject": POSTAL_NOTICE,
            "channel": "direct",
            "owner": BUSINESS,
            "documents": [{"component": 1, "originals": 1},
                          {"component": 2, "certified_copies": 1}],
            "sets": 1,
        }),
    },
    "motcua_dossiers_api_act_on_dossier": {
        "accept": (gettext_lazy("Tiếp nhận hồ sơ"), {"version": 2}),
        "request_supplement": (gettext_lazy("Yêu cầu bổ sung, hoàn thiện hồ sơ"), {
            "version": 2,
            "reason": "Hồ sơ còn thiếu giấy tờ theo quy định của thủ tục.",
            "items": ["Bản sao Giấy chứng nhận đăng ký doanh nghiệp"],
        }),
        "request_payment": (gettext_lazy("Yêu cầu thực hiện nghĩa vụ tài chính"), {
            "version": 4,
            "amount_vnd": 500000,
        }),
        "extend": (gettext_lazy("Xin lỗi và hẹn lại ngày trả kết quả"), {
            "version": 6,
            "reason": "Cần xác minh thêm thông tin với cơ quan có liên quan.",
            "new_due_at": "2026-12-15T17:00:00+07:00",
        }),
    },
}


def error_examples() -> dict:
    """By error schema: answers as the API words them (``Message``; ``Invalid``, the 422)."""
    refused = invalid([
        {"loc": ("body", "subject"), "type": "missing"},
        {"loc": ("body", "owner", "id_number"), "type": "value_error",
         "ctx": {"error": str(PERSONAL_ID_MESSAGE)}},
    ])
    return {
        "Message": [{"detail": _("Bạn không có quyền thực hiện yêu cầu này.")},
                    {"detail": _("Không tìm thấy.")}],
        "Invalid": [refused],
    }


def with_examples(schema: dict) -> dict:
    """The schema with the examples above in place."""
    for operations in schema["paths"].values():
        for operation in operations.values():
            bodies = BODIES.get(operation["operationId"], {})
            if bodies:
                operation["requestBody"]["content"]["application/json"]["examples"] = {
                    name: {"summary": str(title), "value": value}
                    for name, (title, value) in bodies.items()
                }
    components = schema["components"]["schemas"]
    for name, examples in error_examples().items():
        components[name]["examples"] = examples
    return schema
