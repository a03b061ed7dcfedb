"""Template filters of the documents pages (the header's link)."""

from django import template

from motcua.exchange.selectors import document_agencies

register = template.Library()


@register.filter
def works_on_documents(user) -> bool:
    """Whether ``user`` holds a document role somewhere (the "Văn bản" link in the header)."""
    return bool(user and user.is_authenticated) and document_agencies(user).exists()
