"""Template filters of the documents pages (the header's link, the numbers as written)."""

from django import template

from motcua.exchange.rules import format_number
from motcua.exchange.selectors import document_holds, sees_failed_packages

register = template.Library()


@register.filter
def works_on_documents(user) -> bool:
    """Whether ``user`` holds a document role somewhere (the "Văn bản" link in the header)."""
    return bool(user) and bool(document_holds(user))


@register.filter
def sees_failed(user) -> bool:
    """Whether ``user`` sees the packages that could not be taken in (the "Gói tin lỗi" tab)."""
    return bool(user) and sees_failed_packages(user)


@register.filter
def doc_number(number: int | None) -> str:
    """An arrival or document number as every paper writes it: 01, 02, … 10."""
    return format_number(number) if number else ""
