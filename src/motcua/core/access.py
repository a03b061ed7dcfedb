"""Who may open a page, as a view decorator shared by the UI and the domain apps' pages."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _


def applicant_required(view):
    """Signed in with a citizen or business account (staff have the back office)."""

    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not request.user.is_applicant:
            raise PermissionDenied(_("Trang này dành cho tài khoản công dân, doanh nghiệp."))
        return view(request, *args, **kwargs)

    return wrapped
