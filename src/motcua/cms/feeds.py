"""RSS 2.0 and Atom 1.0 feeds of one agency's latest news."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from motcua.cms import selectors


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, home, feed_type):
        super().__init__()
        self.home, self.feed_type = home, feed_type

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.home

    def title(self, home):
        return _("Tin tức — %(portal)s") % {"portal": home.title}

    def link(self, home):
        return home.get_url(self.request)

    def description(self, home):
        return home.intro or home.title

    def items(self, home):
        return selectors.latest_articles(home)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_author_name(self, item):
        return item.author_display


def respond(request, home, kind: str):
    return NewsFeed(home, Atom1Feed if kind == "atom" else Rss201rev2Feed)(request)
