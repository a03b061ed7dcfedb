"""Template filters about where a person works (the header, the staff's home page)."""

from django import template

from motcua.org.selectors import Held, held_roles, workplace_names

register = template.Library()


@register.filter
def workplaces(user) -> list[str]:
    """The names of the agencies where ``user`` holds a role, for the header; [] for others."""
    if not user or not user.is_authenticated or user.is_applicant:
        return []
    return workplace_names(user)


@register.filter
def roles_held(user) -> tuple[Held, ...]:
    """The user's active roles and where they hold them (the request's one role read)."""
    return held_roles(user)
