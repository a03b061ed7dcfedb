"""The e-portal's footer and Dublin Core metadata (TT 24/2011 art. 4, legacy; NĐ 224/2026
art. 11(5)): title, creator, date, description, publisher, identifier on every item."""

from django import template
from django.template.loader import render_to_string

from motcua.cms import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def dublin_core(context, page, home):
    request = context.get("request")
    portal = selectors.settings_for(home)
    publisher = (portal.agency_name if portal else "") or home.title
    published = getattr(page, "published", None)
    dc = {
        "title": page.seo_title or page.title,
        "creator": getattr(page, "author_display", "") or publisher,
        "date": (published or page.last_published_at or page.latest_revision_created_at)
        .isoformat() if (published or page.last_published_at) else "",
        "description": getattr(page, "lead", "") or getattr(page, "intro", "") or page.title,
        "publisher": publisher,
        "identifier": page.get_full_url(request) or "",
        "type": "Text",
    }
    return render_to_string("cms/_dublin_core.html", {"dc": dc})


@register.simple_tag(takes_context=True)
def portal_footer(context, home):
    parent = home.get_parent().specific
    return render_to_string("cms/_footer.html", {
        "home": home, "portal": selectors.settings_for(home),
        "parent_portal": parent if hasattr(parent, "agency") else None,
    }, request=context.get("request"))


@register.simple_tag(takes_context=True)
def portal_url(context, page) -> str:
    """The page's address as this request's site reaches it: a path below /cong/ on one host,
    its own hostname's /cong/... when the page's Site is another host."""
    return page.get_url(context.get("request")) or ""


@register.simple_tag
def downtime_banner(home) -> str:
    """The planned interruption readers of this portal are told about now (NĐ 224/2026 art. 13),
    or nothing."""
    notice = selectors.downtime_notice(home)
    return render_to_string("cms/_downtime.html", {"notice": notice}) if notice else ""
