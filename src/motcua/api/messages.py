"""pydantic's messages in Vietnamese: one sentence per error type, filled from the error's context.

pydantic writes its messages in English only; the API's 422 names each field at fault with the
sentence here instead. A type not listed gets a plain "invalid value", never the English text.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

_NUMBER = gettext_noop("Cần một số.")
_INTEGER = gettext_noop("Cần một số nguyên.")
_DATE = gettext_noop("Cần một ngày dạng YYYY-MM-DD.")
_INSTANT = gettext_noop("Cần một thời điểm dạng ISO 8601, ví dụ 2026-03-02T09:30:00+07:00.")
_OBJECT = gettext_noop("Cần một đối tượng JSON.")
_TRUTH = gettext_noop("Cần giá trị true hoặc false.")

MESSAGES = {
    "missing": gettext_noop("Thiếu trường bắt buộc này."),
    "extra_forbidden": gettext_noop("Không có trường này."),
    "string_type": gettext_noop("Cần một chuỗi ký tự."),
    "string_too_short": gettext_noop("Cần ít nhất %(min_length)s ký tự."),
    "string_too_long": gettext_noop("Tối đa %(max_length)s ký tự."),
    "string_pattern_mismatch": gettext_noop("Không đúng định dạng."),
    "int_type": _INTEGER, "int_parsing": _INTEGER, "int_from_float": _INTEGER,
    "float_type": _NUMBER, "float_parsing": _NUMBER,
    "decimal_type": _NUMBER, "decimal_parsing": _NUMBER,
    "decimal_max_digits": gettext_noop("Tối đa %(max_digits)s chữ số."),
    "decimal_max_places": gettext_noop("Tối đa %(decimal_places)s chữ số sau dấu thập phân."),
    "bool_type": _TRUTH, "bool_parsing": _TRUTH,
    "greater_than": gettext_noop("Phải lớn hơn %(gt)s."),
    "greater_than_equal": gettext_noop("Phải lớn hơn hoặc bằng %(ge)s."),
    "less_than": gettext_noop("Phải nhỏ hơn %(lt)s."),
    "less_than_equal": gettext_noop("Phải nhỏ hơn hoặc bằng %(le)s."),
    "enum": gettext_noop("Phải là một trong các giá trị: %(expected)s."),
    "literal_error": gettext_noop("Phải là một trong các giá trị: %(expected)s."),
    "date_type": _DATE, "date_parsing": _DATE, "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "datetime_type": _INSTANT, "datetime_parsing": _INSTANT, "datetime_from_date_parsing": _INSTANT,
    "uuid_type": gettext_noop("Cần một UUID."), "uuid_parsing": gettext_noop("Cần một UUID."),
    "list_type": gettext_noop("Cần một danh sách."),
    "too_short": gettext_noop("Cần ít nhất %(min_length)s phần tử."),
    "too_long": gettext_noop("Tối đa %(max_length)s phần tử."),
    "dict_type": _OBJECT, "model_type": _OBJECT, "model_attributes_type": _OBJECT,
    "json_invalid": gettext_noop("JSON không hợp lệ."),
    "url_type": gettext_noop("Cần một địa chỉ URL."),
    "url_parsing": gettext_noop("Cần một địa chỉ URL."),
}
INVALID = gettext_noop("Giá trị không hợp lệ.")
OUR_OWN = ("value_error", "assertion_error")  # raised by our validators, already in Vietnamese


def field_message(error: dict) -> str:
    """The Vietnamese sentence for one of pydantic's errors."""
    context = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    if error.get("type") in OUR_OWN and context.get("error"):
        return context["error"]
    if "expected" in context:  # pydantic lists the choices as "'a', 'b' or 'c'"
        context["expected"] = context["expected"].replace(" or ", " hoặc ")
    try:
        return _(MESSAGES[error["type"]]) % context
    except (KeyError, TypeError):
        return _(INVALID)


def _field_error(error: dict) -> dict:
    return {"loc": list(error.get("loc", ())), "msg": field_message(error),
            "type": str(error.get("type", ""))}


def invalid(errors: list[dict]) -> dict:
    """The 422 body for pydantic's errors: a sentence naming the fields, then each error."""
    errors = [_field_error(error) for error in errors]
    listed = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors[:5])
    if len(errors) > 5:
        listed += " …"
    return {"detail": _("Dữ liệu gửi lên không hợp lệ: %(errors)s") % {"errors": listed},
            "errors": errors}
