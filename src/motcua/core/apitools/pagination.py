"""The API's pagination: page numbers, a default page size and a hard cap, bounded pages.

The total (``count``) is exact while it is small; a large one (more than ``KEEP_COUNT_ABOVE``
rows, e.g. every dossier an officer of a big agency may see) is counted once and kept for
``COUNT_SECONDS`` per person and query, as the back office's queue counts are: counting half a
million dossiers costs half a second at a million in the table, the page itself a few
milliseconds.
"""

import hashlib

from django.core.cache import cache
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000
KEEP_COUNT_ABOVE = 10_000
COUNT_SECONDS = 15
PAGING_PARAMETERS = {"page", "page_size"}


def _count_key(request) -> str:
    query = sorted((name, value) for name, values in request.GET.lists()
                   if name not in PAGING_PARAMETERS for value in values)
    digest = hashlib.sha256(repr((request.path, query)).encode()).hexdigest()[:32]
    return f"api:count:{getattr(request.user, 'pk', None)}:{digest}"


class Pagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)

    def __init__(self, **kwargs):
        super().__init__(page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)

    def paginate_queryset(self, queryset, pagination: Input, request, **params):
        page_size = self._get_page_size(pagination.page_size)
        offset = (pagination.page - 1) * page_size
        return {self.items_attribute: queryset[offset:offset + page_size],
                "count": self._count(queryset, request)}

    def _count(self, queryset, request) -> int:
        key = _count_key(request)
        count = cache.get(key)
        if count is None:
            count = self._items_count(queryset)
            if count > KEEP_COUNT_ABOVE:
                cache.set(key, count, COUNT_SECONDS)
        return count
