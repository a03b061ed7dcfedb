"""Where each person goes: the page a login lands on, and the header's links they may open.

Each role lands on its own page: an applicant on their dossiers, an officer on their queues, a
statistics viewer on the leaders' dashboard, a system administrator on the administration site.
The predicates are those of the pages' own guards, so a link is shown only when it opens.
"""

from __future__ import annotations

from motcua.dossiers.selectors import held_working_roles
from motcua.national.selectors import is_operator
from motcua.org.models import User
from motcua.org.selectors import holding
from motcua.stats.selectors import READERS


def _staff(user) -> bool:
    return bool(user) and user.is_authenticated and not user.is_applicant


def works_on_dossiers(user: User) -> bool:
    """Holds a role that handles dossiers: the back office's queues, and the emulation pages
    (every unit proposes awards; the emulation office's staff hold such a role too)."""
    return _staff(user) and bool(held_working_roles(user))


def reads_dashboard(user: User) -> bool:
    """Holds a role that reads an agency's figures (the leaders' dashboard)."""
    return _staff(user) and bool(holding(user, READERS))


def runs_integrations(user: User) -> bool:
    """A system administrator: the national connections' operator page."""
    return _staff(user) and is_operator(user)


def administers(user: User) -> bool:
    """May open the administration site."""
    return _staff(user) and user.is_staff


def landing(user: User) -> str:
    """The URL name of the page ``user`` lands on after signing in."""
    if user.is_applicant:
        return "portal:mine"
    for may, page in ((works_on_dossiers, "backoffice:queues"),
                      (reads_dashboard, "stats:dashboard"), (administers, "admin:index")):
        if may(user):
            return page
    return "home"
