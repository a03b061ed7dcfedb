"""Readers counted in the cache, off the request's database path, and folded into the days'
rows by the scheduler: the count shown is the rows plus what the counters still hold, and each
view reaches a row exactly once (e-portal spec §5.2, §9.2)."""

from __future__ import annotations

import os

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from tests.cms.conftest import local, path_of, publish_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache(monkeypatch):
    """The cache as Redis is in production: one that every process counts into (the tests'
    local cache stands in for it; the fold runs in the same process here)."""
    from motcua.cms import view_counts

    monkeypatch.setattr(view_counts, "shared_cache", lambda: True)


def rows(article) -> int:
    from django.db.models import Sum

    from motcua.cms.models import PageViewDay

    return PageViewDay.objects.filter(page_id=article.pk).aggregate(n=Sum("count"))["n"] or 0


def read(article, times: int) -> None:
    for _ in range(times):
        assert Client().get(path_of(article)).status_code == 200


def test_views_are_counted_in_the_cache_and_shown_before_any_fold(portals, shared_cache):
    from motcua.cms import selectors

    article = publish_article(portals.science, title="Tin được đọc nhiều")
    read(article, 3)  # rendered once, then from the page cache
    assert rows(article) == 0  # no database write on the readers' path
    assert selectors.view_count(article) == 3
    fresh = Client().get(f"{path_of(article)}?moi=1").content.decode()  # made afresh: 4th
    assert "Số lượt xem: 4" in fresh


def test_the_fold_moves_the_views_to_the_rows_once_even_when_run_twice(portals, shared_cache):
    from motcua.cms import selectors, services

    article = publish_article(portals.science, title="Tin được đọc")
    other = publish_article(portals.science, title="Tin khác")
    read(article, 4)
    read(other, 1)
    assert services.fold_view_counts() == 5
    assert rows(article) == 4 and rows(other) == 1
    assert services.fold_view_counts() == 0
    assert rows(article) == 4
    read(article, 2)
    assert selectors.view_count(article) == 6
    assert services.fold_view_counts() == 2
    assert rows(article) == 6 and selectors.view_count(article) == 6


def test_views_counted_while_the_fold_runs_are_neither_lost_nor_counted_twice(
        portals, shared_cache, monkeypatch):
    from motcua.cms import selectors, services

    article = publish_article(portals.science, title="Tin đang được đọc")
    read(article, 3)
    write_row = services._add_views

    def readers_arrive_meanwhile(page_id, day, views):
        write_row(page_id, day, views)
        services.count_view(page_id)  # between reading the counter and taking from it
        services.count_view(page_id)

    monkeypatch.setattr(services, "_add_views", readers_arrive_meanwhile)
    assert services.fold_view_counts() == 3
    monkeypatch.setattr(services, "_add_views", write_row)
    assert rows(article) == 3 and selectors.view_count(article) == 5
    assert services.fold_view_counts() == 2
    assert rows(article) == 5 and selectors.view_count(article) == 5


def test_a_fold_that_fails_gives_its_views_back_to_the_counters(portals, shared_cache,
                                                                 monkeypatch):
    from motcua.cms import selectors, services, view_counts

    first = publish_article(portals.science, title="Tin thứ nhất")
    second = publish_article(portals.science, title="Tin thứ hai")
    read(first, 2)
    read(second, 3)
    take = view_counts.take
    taken = []

    def database_fails_after_the_first(page_id, day, views):
        if taken:
            raise RuntimeError("the database went away")
        take(page_id, day, views)
        taken.append(page_id)

    monkeypatch.setattr(view_counts, "take", database_fails_after_the_first)
    with pytest.raises(RuntimeError):
        services.fold_view_counts()
    monkeypatch.setattr(view_counts, "take", take)
    assert rows(first) == rows(second) == 0  # the transaction rolled back
    assert selectors.view_count(first) == 2 and selectors.view_count(second) == 3
    assert services.fold_view_counts() == 5
    assert rows(first) == 2 and rows(second) == 3


def test_the_views_of_yesterday_are_folded_into_yesterdays_row(portals, shared_cache):
    from motcua.cms import services
    from motcua.cms.models import PageViewDay

    article = publish_article(portals.science, title="Tin đọc trước nửa đêm")
    with time_machine.travel(local(2026, 12, 4, 23, 59), tick=False):
        services.count_view(article.pk)
    with time_machine.travel(local(2026, 12, 5, 0, 5), tick=False):
        services.count_view(article.pk)
        services.fold_view_counts()
    days = dict(PageViewDay.objects.filter(page_id=article.pk).values_list("day", "count"))
    assert {f"{day:%d/%m/%Y}": count for day, count in days.items()} == {
        "04/12/2026": 1, "05/12/2026": 1}


def test_a_local_cache_counts_straight_into_the_row(portals):
    """Without Redis each process has its own cache, which the scheduler never sees."""
    from motcua.cms import services

    article = publish_article(portals.science, title="Tin máy phát triển")
    read(article, 2)
    assert rows(article) == 2
    assert services.fold_view_counts() == 0
    assert rows(article) == 2


def test_the_scheduler_folds_the_view_counts():
    from motcua.ops import schedule

    job = {job.name: job for job in schedule.jobs()}["cms_view_counts"]
    assert job.resolve().__name__ == "fold_view_counts"


ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL=postgres://...)")
@pytest.mark.django_db(transaction=True)
def test_a_fold_waits_for_the_one_running_and_finds_what_it_took_gone(portals, shared_cache):
    import threading
    from urllib.parse import urlsplit

    import psycopg
    from django.db import connections
    from django.utils import timezone

    from motcua.cms import selectors, services, view_counts

    article = publish_article(portals.science, title="Tin đọc khi đang gộp")
    for _ in range(3):
        services.count_view(article.pk)
    db = settings.DATABASES["default"]
    url = urlsplit(os.environ["DATABASE_URL"])._replace(scheme="postgresql",
                                                         path=f"/{db['NAME']}").geturl()
    results = []

    def second_fold():
        try:
            results.append(services.fold_view_counts())
        finally:
            connections.close_all()

    with psycopg.connect(url) as first:  # a fold of another machine, holding its turn
        first.execute("SELECT pg_advisory_xact_lock(%s)", [services.FOLD_LOCK])
        waiting = threading.Thread(target=second_fold)
        waiting.start()
        waiting.join(timeout=1)
        assert waiting.is_alive()  # the second fold waits for the first one's turn
        view_counts.take(article.pk, timezone.localdate(), 3)
        first.execute("INSERT INTO cms_pageviewday (page_id, day, count) VALUES (%s, %s, 3)",
                      [article.pk, timezone.localdate()])
    waiting.join(timeout=30)
    assert results == [0]  # what the first fold took is not counted again
    assert rows(article) == 3 and selectors.view_count(article) == 3
