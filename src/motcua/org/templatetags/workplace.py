"""Template filters about where a person works (the back office's header)."""

from django import template

from motcua.org.selectors import agencies_of

register = template.Library()


@register.filter
def workplaces(user) -> list[str]:
    """The names of the agencies where ``user`` holds a role, for the header; [] for others."""
    if not user or not user.is_authenticated or user.is_applicant:
        return []
    return list(agencies_of(user).order_by("name").values_list("name", flat=True))
