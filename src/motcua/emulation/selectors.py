"""Reads of the emulation records, and the engine's input built from them.

``catalogue_on(day)`` is the catalogue in force on a decision date; ``person_record`` and
``unit_record`` turn the yearly records into the engine's ``Record`` (a unit's members are its
``UnitMember`` rows in force during the year, each with their own records, so the ratios are
computed, never typed in); ``verdict`` and ``verdicts`` answer "is X eligible for T in year Y".
These are read by the Department of Home Affairs' staff (the admin); the scoping of proposals by
agency comes with them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from motcua.emulation import clusters
from motcua.emulation import eligibility as engine
from motcua.emulation.models import Appraisal, Award, AwardRule, Case, Initiative, UnitMember
from motcua.org.models import Agency, User


def catalogue_on(day: dt.date) -> dict[tuple[str, str], engine.Rule]:
    """Every active award type's rules in force on ``day`` (the decision date)."""
    rules = (AwardRule.objects.in_force(day).filter(award_type__is_active=True)
             .select_related("award_type").order_by("award_type__order", "-effective_from"))
    catalogue: dict[tuple[str, str], engine.Rule] = {}
    for rule in rules:  # the latest start wins where two overlap
        catalogue.setdefault((rule.award_type.code, rule.subject), engine.Rule(
            code=rule.award_type.code, name=rule.award_type.name, subject=rule.subject,
            criteria=rule.criteria, source=rule.legal_source, family=rule.award_type.family,
            tie_break_female=rule.tie_break_female, short=rule.award_type.short_name))
    return catalogue


def ladder_on(day: dt.date, subject: str) -> list[str]:
    """The codes of ``subject`` in the order they are judged (lowest rung first)."""
    return [code for code, rule_subject in catalogue_on(day) if rule_subject == subject]


def held_awards(**subject):
    """The awards in force of a person or unit: a revoked award no longer feeds a chain
    (Luật 06/2022 điều 93)."""
    return Award.objects.filter(revoked_by__isnull=True, **subject).select_related("award_type")


def _held(awards) -> tuple[engine.Held, ...]:
    return tuple(engine.Held(award.award_type.code, award.year, award.kind,
                             frozenset(award.basis or ())) for award in awards)


def _cases(cases) -> tuple[engine.Case, ...]:
    return tuple(engine.Case(case.kind, case.started_on, case.ended_on, case.pending,
                             engine.Discipline[case.discipline] if case.discipline else None)
                 for case in cases)


def person_record(user: User, female: bool | None = None) -> engine.Record:
    if female is None:
        female = UnitMember.objects.filter(staff=user, is_female=True).exists()
    ratings = {row.year: engine.Rating[row.rating]
               for row in Appraisal.objects.filter(staff=user)}
    awards = held_awards(staff=user)
    initiatives = tuple(
        engine.Initiative(str(item.pk), item.year, engine.Scope[item.scope],
                          used=item.used_by_id is not None)
        for item in Initiative.objects.filter(authors=user))
    return engine.Record(
        id=f"staff:{user.pk}", name=user.get_full_name() or user.username, female=female,
        ratings=ratings, held=_held(awards), initiatives=initiatives,
        cases=_cases(Case.objects.filter(staff=user)))


def members_in(agency: Agency, year: int):
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (UnitMember.objects.filter(agency=agency, joined_on__lte=end)
            .filter(Q(left_on__isnull=True) | Q(left_on__gte=start))
            .select_related("staff"))


def unit_record(agency: Agency, year: int) -> engine.Record:
    members = tuple(person_record(member.staff, member.is_female)
                    for member in members_in(agency, year))
    return engine.Record(
        id=f"agency:{agency.pk}", name=agency.name, collective=True,
        ratings={row.year: engine.Rating[row.rating]
                 for row in Appraisal.objects.filter(agency=agency)},
        held=_held(held_awards(agency=agency)),
        initiatives=tuple(
            engine.Initiative(str(item.pk), item.year, engine.Scope[item.scope],
                              used=item.used_by_id is not None)
            for item in Initiative.objects.filter(agency=agency)),
        cases=_cases(Case.objects.filter(agency=agency)), members=members,
        cluster_rank=clusters.ranks_of(agency))


def verdicts(subject: User | Agency, year: int, codes: Sequence[str] | None = None,
             decided_on: dt.date | None = None) -> list[engine.Verdict]:
    """The verdicts on ``codes`` (all of the subject's ladder by default) for round ``year``,
    one achievement serving one award, under the rules in force on ``decided_on`` (today)."""
    day = decided_on or timezone.localdate()
    record = unit_record(subject, year) if isinstance(subject, Agency) else person_record(subject)
    catalogue = catalogue_on(day)
    return engine.plan(record, year, codes or ladder_on(day, record.subject), catalogue)


def verdict(subject: User | Agency, code: str, year: int,
            decided_on: dt.date | None = None) -> engine.Verdict:
    """The verdict on one title or form, alone (its lower rungs judged on the way)."""
    day = decided_on or timezone.localdate()
    record = unit_record(subject, year) if isinstance(subject, Agency) else person_record(subject)
    return engine.judge(record, code, year, catalogue_on(day))


def reasons_text(verdict: engine.Verdict) -> list[str]:
    """The verdict's reasons in the reader's language."""
    return [reason.render(gettext) for reason in verdict.reasons]
