"""Who is the emulation office: the staff of the Department of Home Affairs in the group made by
migration 0003 (docs/emulation.md). They see every cluster, the whole register and the reports."""

from __future__ import annotations

OFFICE_GROUP = "Thi đua, khen thưởng (Sở Nội vụ)"


def is_office(user) -> bool:
    return bool(user is not None and user.is_authenticated
                and user.groups.filter(name=OFFICE_GROUP).exists())
