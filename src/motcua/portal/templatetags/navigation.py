"""The header's links: only those the signed-in person may open (motcua.portal.navigation)."""

from django import template

from motcua.portal import navigation

register = template.Library()

register.filter("works_on_dossiers", navigation.works_on_dossiers)
register.filter("reads_dashboard", navigation.reads_dashboard)
register.filter("runs_integrations", navigation.runs_integrations)
register.filter("administers", navigation.administers)
