"""The header's unread count (the "Thông báo" link)."""

from django import template

from motcua.outbox.selectors import unread_count

register = template.Library()


@register.filter
def unread_notifications(user) -> int:
    return unread_count(user)
