"""Template filters about a dossier's due instant, for the citizens' and the officers' pages."""

from __future__ import annotations

from django import template

from motcua.dossiers.selectors import due_is_estimated

register = template.Library()

register.filter("due_is_estimated", due_is_estimated)
