"""A dossier's due instant reads the time limit of its own channel (the catalogue's "Cách thức
thực hiện": e.g. 5 working days online, 15 at the counter), else the version's default."""

from decimal import Decimal

import pytest

from motcua.catalog.models import ChannelLimit
from motcua.dossiers.selectors import suggested_new_due
from tests.factories.dossiers import DossierFactory, act
from tests.factories.world import minimal_world
from tests.helpers import local

pytestmark = pytest.mark.django_db

MONDAY_9 = local(2026, 3, 2, 9, 0)  # both dossiers' clocks start here


def counter_and_online(default, online):
    """The world's procedure with ``default`` = (months, value, unit) and its own ``online``
    limit; a dossier received at the counter and one accepted online, both on Monday 09:00."""
    world = minimal_world()
    version = world.version
    (version.time_limit_months, version.time_limit_value, version.time_limit_unit) = default
    version.save()
    months, value, unit = online
    ChannelLimit.objects.create(
        version=version, channel="online", months=months, value=value, unit=unit
    )
    counter = DossierFactory(world=world, at=MONDAY_9)
    online_dossier = DossierFactory(world=world, submitted=True, at=local(2026, 3, 2, 8, 0))
    online_dossier = act(world.officer, online_dossier, "accept", MONDAY_9)
    counter.refresh_from_db()
    return counter, online_dossier


@pytest.mark.parametrize(
    ("default", "online", "counter_due", "online_due"),
    [
        # working days: 15 at the counter, 5 online
        (
            (0, Decimal(15), "working_days"),
            (0, Decimal(5), "working_days"),
            local(2026, 3, 23, 9, 0),
            local(2026, 3, 9, 9, 0),
        ),
        # working hours: 8 (next morning) and 4 (09:00-11:30, then 13:30-15:00)
        (
            (0, Decimal(8), "working_hours"),
            (0, Decimal(4), "working_hours"),
            local(2026, 3, 3, 9, 0),
            local(2026, 3, 2, 15, 0),
        ),
        # calendar days: 30 and 10
        (
            (0, Decimal(30), "calendar_days"),
            (0, Decimal(10), "calendar_days"),
            local(2026, 4, 1, 9, 0),
            local(2026, 3, 12, 9, 0),
        ),
        # Civil Code 2015 art. 148(3): "02 tháng và 15 ngày làm việc" at the counter (Saturday
        # 02/05, then 15 working days from Monday 04/05), "01 tháng" online (Thursday 02/04)
        (
            (2, Decimal(15), "working_days"),
            (1, Decimal(0), "calendar_days"),
            local(2026, 5, 22, 17, 0),
            local(2026, 4, 2, 9, 0),
        ),
        # "Trong ngày" online (NĐ 118/2025, as NĐ 61/2018 art. 18(2): received before the
        # 15:00 cut-off, by the close of that working day), 3 working days at the counter
        (
            (0, Decimal(3), "working_days"),
            (0, Decimal(0), "same_day"),
            local(2026, 3, 5, 9, 0),
            local(2026, 3, 2, 17, 0),
        ),
    ],
    ids=["working_days", "working_hours", "calendar_days", "months", "same_day"],
)
def test_each_channel_gets_its_own_due_instant(default, online, counter_due, online_due):
    counter, online_dossier = counter_and_online(default, online)
    assert (counter.channel, online_dossier.channel) == ("direct", "online")
    assert counter.due_at == counter_due
    assert online_dossier.due_at == online_due


def test_a_channel_without_a_limit_of_its_own_keeps_the_default():
    counter, online_dossier = counter_and_online((0, Decimal(10), "working_days"), (0, None, ""))
    assert counter.due_at == local(2026, 3, 16, 9, 0)
    assert online_dossier.due_at is None  # the online channel states no fixed limit ("Khác")


def test_the_extension_suggests_the_channels_own_limit_again():
    counter, online_dossier = counter_and_online(
        (0, Decimal(15), "working_days"), (0, Decimal(5), "working_days")
    )
    assert suggested_new_due(online_dossier) == local(2026, 3, 16, 9, 0)
    assert suggested_new_due(counter) == local(2026, 4, 13, 9, 0)
