"""The eligibility engine for emulation titles and commendations, pure: no Django import.

Input is plain dataclasses (a ``Record`` of a person or a unit with its yearly ratings, titles
and forms already received, initiatives, cases and, for a unit, its members) and the catalogue's
``Rule`` rows, whose ``criteria`` is a small dict of checks (all must hold; ``any_of`` takes the
first branch that holds). The answer is a ``Verdict``: eligible or not, every reason citing its
rule, and the achievements it spends (``uses``: an initiative, or the years a form is based on).

Guards applied to every rule (NĐ 152/2025 art. 4): nothing while a case is pending; a year under
discipline does not count; one award per title and year; one achievement serves one award (an
initiative once, CV 5007); thematic and one-off awards never feed a merit chain (art. 4(3));
ties go to women where the rule says so (art. 4(6)). Criteria keys are listed in ``CHECKS`` and
in docs/emulation.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum


def gettext_noop(message: str) -> str:
    """Marks a message for translation (Django's makemessages extracts it); the Django side
    translates it (``Reason.render``)."""
    return message


class Rating(IntEnum):
    """The yearly rating (NĐ 233/2026; NĐ 335/2025 for cadres): higher is better."""

    KHTNV = 0
    HTNV = 1
    HTTNV = 2
    HTXSNV = 3


class Scope(IntEnum):
    """Where an initiative's effect was recognised (L22 arts. 21(2), 22(2), 23)."""

    CO_SO = 1
    TINH = 2
    TOAN_QUOC = 3


class Discipline(IntEnum):
    """Disciplinary forms, lightest first (L. Cán bộ, công chức art. 79)."""

    KHIEN_TRACH = 1
    CANH_CAO = 2
    HA_BAC_LUONG = 3
    GIANG_CHUC = 4
    CACH_CHUC = 5
    BUOC_THOI_VIEC = 6


# words put in reasons' values, translated with them (Reason.render)
YES, NOT_YET, NONE_YET, NOBODY = (gettext_noop("có"), gettext_noop("chưa đạt"),
                                  gettext_noop("chưa có"), gettext_noop("không ai"))
CASE_KINDS = {"discipline": gettext_noop("kỷ luật"),
              "inspection": gettext_noop("thanh tra, kiểm tra"),
              "complaint": gettext_noop("khiếu nại, tố cáo"),
              "investigation": gettext_noop("điều tra")}
WORDS = frozenset({YES, NOT_YET, NONE_YET, NOBODY, *CASE_KINDS.values()})

MERIT = "merit"  # the award kind (loại hình) that feeds chains; the others never do


@dataclass(frozen=True)
class Held:
    """A title or form already received: its code, year, kind and the achievements it spent."""

    code: str
    year: int
    kind: str = MERIT
    basis: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Initiative:
    id: str
    year: int
    scope: Scope
    used: bool = False  # already served an award (Initiative.used_by in the register)


@dataclass(frozen=True)
class Case:
    """A discipline, inspection, complaint or investigation; ``pending`` while not concluded."""

    kind: str
    start: dt.date
    end: dt.date | None = None
    pending: bool = False
    form: Discipline | None = None

    def disciplines_in(self, year: int) -> bool:
        """A discipline in force during ``year`` (NĐ 152/2025 art. 4(5))."""
        return (self.form is not None and self.start <= dt.date(year, 12, 31)
                and (self.end is None or self.end >= dt.date(year, 1, 1)))


@dataclass(frozen=True)
class Record:
    """A person (or a unit, ``collective``) as the engine sees it."""

    id: str
    name: str = ""
    female: bool = False
    collective: bool = False
    ratings: Mapping[int, Rating] = field(default_factory=dict)
    held: tuple[Held, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    cases: tuple[Case, ...] = ()
    members: tuple[Record, ...] = ()
    cluster_rank: Mapping[int, int] = field(default_factory=dict)

    @property
    def subject(self) -> str:
        return "collective" if self.collective else "individual"


@dataclass(frozen=True)
class Rule:
    """One catalogue row for one subject: ``criteria`` as data, its legal ``source``."""

    code: str
    name: str
    subject: str
    criteria: Mapping
    source: str
    family: str = "title"
    tie_break_female: bool = False
    short: str = ""  # as printed in reasons, e.g. "CSTĐCS"; the code when empty

    @property
    def label(self) -> str:
        return self.short or self.code


@dataclass(frozen=True)
class Reason:
    ok: bool
    message: str  # a Vietnamese template, %-style, translated on the Django side
    params: Mapping = field(default_factory=dict)
    rule: str = ""  # the rule's name, e.g. "CSTĐ cấp tỉnh"
    source: str = ""

    def render(self, translate: Callable[[str], str] = str) -> str:
        params = {key: translate(value) if isinstance(value, str) and value in WORDS else value
                  for key, value in self.params.items()}
        text = translate(self.message) % params
        head = f"{self.rule}: " if self.rule else ""
        return f"{head}{text} ({self.source})" if self.source else f"{head}{text}"

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True)
class Verdict:
    """``judged`` is False when the catalogue holds no criteria to judge by (no rule for the
    subject, or a form judged by its text): not a failed check, the appraisal is a person's."""

    code: str
    year: int
    eligible: bool
    reasons: tuple[Reason, ...]
    uses: frozenset[str] = frozenset()
    judged: bool = True

    @property
    def failures(self) -> tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if not reason.ok)


Catalogue = Mapping[tuple[str, str], Rule]  # (code, subject) → rule


def catalogue_of(rules: Iterable[Rule]) -> dict[tuple[str, str], Rule]:
    return {(rule.code, rule.subject): rule for rule in rules}


def _years(year: int, count: int) -> range:
    return range(year - count + 1, year + 1)


def _listed(years: Iterable[int]) -> str:
    return ", ".join(str(year) for year in sorted(years)) or "—"


@dataclass
class _Outcome:
    ok: bool
    reasons: list[Reason]
    uses: set[str] = field(default_factory=set)


class Judge:
    """Judges one round year against a catalogue; ``spent`` grows as awards are planned, so
    one achievement serves one award."""

    def __init__(self, catalogue: Catalogue, year: int) -> None:
        self.catalogue = catalogue
        self.year = year
        self.spent: set[str] = set()
        self.granted: dict[str, set[str]] = {}  # record id → codes planned this round
        self._busy: set[tuple[str, str]] = set()

    def label(self, code: str, subject: str = "individual") -> str:
        rule = self.catalogue.get((code, subject))
        return rule.label if rule else code

    # -- facts -----------------------------------------------------------------------------

    def spent_by(self, record: Record) -> set[str]:
        used = {f"initiative:{item.id}" for item in record.initiatives if item.used}
        return used.union(*(held.basis for held in record.held)) | self.spent

    def disciplined(self, record: Record, year: int) -> bool:
        return any(case.disciplines_in(year) for case in record.cases)

    def holds(self, record: Record, code: str, year: int) -> tuple[bool, set[str]]:
        """Whether ``record`` holds merit title ``code`` for ``year``: received, planned this
        round, or (round year only) eligible now. A year under discipline never counts."""
        if self.disciplined(record, year):
            return False, set()
        if any(h.code == code and h.year == year and h.kind == MERIT for h in record.held):
            return True, set()
        if year != self.year:
            return False, set()
        if code in self.granted.get(record.id, set()):
            return True, set()
        rule = self.catalogue.get((code, record.subject))
        if rule is None or (record.id, code) in self._busy:
            return False, set()
        verdict = self.judge(record, rule)
        return verdict.eligible, set(verdict.uses)

    # -- the verdict -----------------------------------------------------------------------

    def judge(self, record: Record, rule: Rule) -> Verdict:
        self._busy.add((record.id, rule.code))
        judged = True
        try:
            outcome = self._guards(record, rule)
            if outcome.ok and not rule.criteria:
                judged = False
                outcome = _Outcome(False, [Reason(False, gettext_noop(
                    "không tính tự động: Hội đồng thi đua, khen thưởng xét thành tích cụ thể"))])
            elif outcome.ok:
                outcome = _merge(outcome, self._criteria(record, rule, rule.criteria))
        finally:
            self._busy.discard((record.id, rule.code))
        reasons = tuple(Reason(r.ok, r.message, r.params, rule.label, r.source or rule.source)
                        for r in outcome.reasons)
        return Verdict(rule.code, self.year, outcome.ok, reasons,
                       frozenset(outcome.uses) if outcome.ok else frozenset(), judged)

    def _guards(self, record: Record, rule: Rule) -> _Outcome:
        reasons = []
        for kind in sorted({case.kind for case in record.cases if case.pending}):
            reasons.append(Reason(False, gettext_noop(
                "chưa xét khi đang có vụ việc chưa kết luận: %(case)s"),
                {"case": CASE_KINDS.get(kind, kind)}, source="NĐ 152/2025 điều 4(4)"))
        if self.disciplined(record, self.year):
            reasons.append(Reason(False, gettext_noop(
                "năm %(year)s đang trong thời gian bị kỷ luật, thành tích chỉ tính từ khi hết "
                "thời hạn kỷ luật"), {"year": self.year}, source="NĐ 152/2025 điều 4(5)"))
        if rule.family == "title" and any(h.code == rule.code and h.year == self.year
                                          for h in record.held):
            reasons.append(Reason(False, gettext_noop("đã được tặng cho năm %(year)s"),
                                  {"year": self.year}, source="Luật 06/2022 điều 5(2)"))
        return _Outcome(not reasons, reasons)

    def _criteria(self, record: Record, rule: Rule, criteria: Mapping) -> _Outcome:
        outcome = _Outcome(True, [])
        for key, value in criteria.items():
            check = CHECKS.get(key)
            if check is None:
                part = _Outcome(False, [Reason(False, gettext_noop(
                    "tiêu chí không hiểu được: %(key)s"), {"key": key})])
            else:
                part = check(self, record, rule, value)
            outcome = _merge(outcome, part)
        return outcome

    # -- planning ---------------------------------------------------------------------------

    def plan(self, record: Record, codes: Sequence[str]) -> list[Verdict]:
        """Judge ``codes`` in order (the ladder, lowest first); each eligible one is planned and
        spends its achievements, so a later one cannot use them again."""
        verdicts = []
        for code in codes:
            rule = self.catalogue.get((code, record.subject))
            if rule is None:
                continue
            verdict = self.judge(record, rule)
            if verdict.eligible:
                self.spent |= verdict.uses
                self.granted.setdefault(record.id, set()).add(code)
            verdicts.append(verdict)
        return verdicts


def _merge(first: _Outcome, second: _Outcome) -> _Outcome:
    return _Outcome(first.ok and second.ok, first.reasons + second.reasons,
                    first.uses | second.uses)


def _pass(ok: bool, message: str, params: Mapping, uses: Iterable[str] = ()) -> _Outcome:
    return _Outcome(ok, [Reason(ok, message, params)], set(uses) if ok else set())


# -- the checks: one per criteria key -------------------------------------------------------

def _rating_at_least(judge: Judge, record: Record, rule: Rule, value: str) -> _Outcome:
    need = Rating[value]
    have = record.ratings.get(judge.year)
    label = have.name if have is not None else NONE_YET
    return _pass(have is not None and have >= need, gettext_noop(
        "cần xếp loại từ %(need)s năm %(year)s — có %(have)s"),
        {"need": need.name, "year": judge.year, "have": label})


def _rating_streak(judge: Judge, record: Record, rule: Rule, value: Mapping) -> _Outcome:
    need, count = Rating[value["at_least"]], int(value["years"])
    good = [year for year in _years(judge.year, count)
            if not judge.disciplined(record, year)
            and record.ratings.get(year) is not None and record.ratings[year] >= need]
    return _pass(len(good) == count, gettext_noop(
        "cần %(count)s năm liên tục xếp loại từ %(need)s — có %(have)s (%(years)s)"),
        {"count": count, "need": need.name, "have": len(good), "years": _listed(good)})


def _holds_check(judge: Judge, record: Record, rule: Rule, value: str) -> _Outcome:
    ok, uses = judge.holds(record, value, judge.year)
    return _pass(ok, gettext_noop("cần đạt %(code)s năm %(year)s — %(state)s"),
                 {"code": judge.label(value, record.subject), "year": judge.year,
                  "state": YES if ok else NOT_YET},
                 uses)


def _chain(judge: Judge, record: Record, rule: Rule, code: str,
           years: Iterable[int]) -> tuple[list[int], set[str], set[str]]:
    """Years of ``years`` in which ``record`` holds ``code``, the achievements spent on the way
    and, for a form, the tokens of the years it is based on."""
    held, uses, tokens = [], set(), set()
    for year in years:
        ok, more = judge.holds(record, code, year)
        if ok:
            held.append(year)
            uses |= more
            if rule.family == "form":
                tokens.add(f"{rule.code}:{code}:{year}")
    return held, uses, tokens


def _consecutive(judge: Judge, record: Record, rule: Rule, value: Mapping) -> _Outcome:
    code, count = value["code"], int(value["years"])
    held, uses, tokens = _chain(judge, record, rule, code, _years(judge.year, count))
    reused = tokens & judge.spent_by(record)
    if len(held) == count and reused:
        return _pass(False, gettext_noop(
            "thành tích %(code)s các năm %(years)s đã được dùng để khen thưởng"),
            {"code": judge.label(code, record.subject),
             "years": _listed(int(t.rsplit(":", 1)[1]) for t in reused)})
    ok = len(held) == count
    return _pass(ok, gettext_noop("đạt %(code)s %(count)s năm liên tục (%(years)s)") if ok
                 else gettext_noop(
                     "cần %(count)s năm liên tục đạt %(code)s — mới có %(have)s (%(years)s)"),
        {"count": count, "code": judge.label(code, record.subject), "have": len(held),
         "years": _listed(held)},
        uses | tokens)


def _count_in_window(judge: Judge, record: Record, rule: Rule, value: Mapping) -> _Outcome:
    code, count, window = value["code"], int(value["count"]), int(value["years"])
    held, uses, tokens = _chain(judge, record, rule, code, _years(judge.year, window))
    fresh = sorted(int(t.rsplit(":", 1)[1]) for t in tokens - judge.spent_by(record))
    chosen = fresh[-count:]
    return _pass(len(fresh) >= count, gettext_noop(
        "cần %(count)s lần đạt %(code)s trong %(window)s năm — có %(have)s (%(years)s)"),
        {"count": count, "code": judge.label(code, record.subject), "window": window,
         "have": len(fresh),
         "years": _listed(fresh)},
        uses | {f"{rule.code}:{code}:{year}" for year in chosen})


def _held_before(judge: Judge, record: Record, rule: Rule, value: Sequence[str]) -> _Outcome:
    years = [h.year for h in record.held
             if h.code in value and h.kind == MERIT and h.year <= judge.year]
    return _pass(bool(years), gettext_noop("cần đã được tặng %(codes)s — %(state)s"),
                 {"codes": " / ".join(judge.label(code, record.subject) for code in value),
                  "state": _listed(years) if years else NONE_YET})


def _initiative(judge: Judge, record: Record, rule: Rule, value: Mapping) -> _Outcome:
    scope, count = Scope[value["scope"]], int(value.get("count", 1))
    window = _years(judge.year, int(value.get("years", 1)))
    spent = judge.spent_by(record)
    free = sorted((item for item in record.initiatives
                   if item.scope >= scope and item.year in window
                   and f"initiative:{item.id}" not in spent),
                  key=lambda item: (item.scope, item.year, item.id))  # the smallest that serves
    chosen = free[:count]
    return _pass(len(chosen) == count, gettext_noop(
        "cần %(count)s sáng kiến chưa dùng, phạm vi từ %(scope)s, công nhận trong các năm "
        "%(window)s — có %(have)s"),
        {"count": count, "scope": scope.name, "window": _listed(window), "have": len(free)},
        {f"initiative:{item.id}" for item in chosen})


def _any_of(judge: Judge, record: Record, rule: Rule, value: Sequence[Mapping]) -> _Outcome:
    failures = []
    for branch in value:
        outcome = judge._criteria(record, rule, branch)
        if outcome.ok:
            return outcome
        failures += [reason for reason in outcome.reasons if not reason.ok]
    return _Outcome(False, [Reason(False, gettext_noop("không đạt điều kiện nào trong số:"),
                                   {})] + failures)


def _members_ratio(judge: Judge, record: Record, rule: Rule, value: Mapping) -> _Outcome:
    code, need = value["code"], float(value["at_least"])
    members = record.members
    have = sum(1 for member in members if judge.holds(member, code, judge.year)[0])
    ratio = have / len(members) if members else 0.0
    return _pass(bool(members) and ratio >= need, gettext_noop(
        "cần từ %(need)s%% thành viên đạt %(code)s — có %(have)s/%(total)s (%(ratio)s%%)"),
        {"need": round(need * 100), "code": judge.label(code), "have": have,
         "total": len(members),
         "ratio": round(ratio * 100, 1)})


def _all_members_rating(judge: Judge, record: Record, rule: Rule, value: str) -> _Outcome:
    need = Rating[value]
    below = [member.name or member.id for member in record.members
             if record.members and (member.ratings.get(judge.year) is None
                                    or member.ratings[judge.year] < need)]
    return _pass(bool(record.members) and not below, gettext_noop(
        "cần mọi thành viên xếp loại từ %(need)s — chưa đạt: %(below)s"),
        {"need": need.name, "below": ", ".join(below) or NOBODY})


def _any_member_holds(judge: Judge, record: Record, rule: Rule, value: str) -> _Outcome:
    have = [member.name or member.id for member in record.members
            if judge.holds(member, value, judge.year)[0]]
    return _pass(bool(have), gettext_noop("cần có thành viên đạt %(code)s — %(who)s"),
                 {"code": judge.label(value), "who": ", ".join(have) or NONE_YET})


def _no_member_discipline(judge: Judge, record: Record, rule: Rule, value: str) -> _Outcome:
    floor = Discipline[value]
    hit = [member.name or member.id for member in record.members
           if any(case.disciplines_in(judge.year) and case.form >= floor
                  for case in member.cases)]
    return _pass(not hit, gettext_noop(
        "không thành viên nào bị kỷ luật từ %(form)s trong năm — bị kỷ luật: %(who)s"),
        {"form": floor.name, "who": ", ".join(hit) or NOBODY})


def _cluster_rank(judge: Judge, record: Record, rule: Rule, value: int) -> _Outcome:
    rank = record.cluster_rank.get(judge.year)
    return _pass(rank is not None and rank <= int(value), gettext_noop(
        "cần xếp hạng từ %(need)s trở lên trong cụm, khối thi đua — hạng %(rank)s"),
        {"need": value, "rank": rank if rank is not None else NONE_YET})


CHECKS: dict[str, Callable[[Judge, Record, Rule, object], _Outcome]] = {
    "rating_at_least": _rating_at_least,
    "rating_streak": _rating_streak,
    "holds": _holds_check,
    "consecutive": _consecutive,
    "count_in_window": _count_in_window,
    "held_before": _held_before,
    "initiative": _initiative,
    "any_of": _any_of,
    "members_ratio": _members_ratio,
    "all_members_rating_at_least": _all_members_rating,
    "any_member_holds": _any_member_holds,
    "no_member_discipline_at_least": _no_member_discipline,
    "cluster_rank": _cluster_rank,
}


def judge(record: Record, code: str, year: int, catalogue: Catalogue) -> Verdict:
    """The verdict on one title or form for ``record`` in round ``year``."""
    rule = catalogue.get((code, record.subject))
    if rule is None:
        return Verdict(code, year, False, (Reason(False, gettext_noop(
            "danh mục không có %(code)s cho đối tượng này"), {"code": code}),), judged=False)
    return Judge(catalogue, year).judge(record, rule)


def plan(record: Record, year: int, codes: Sequence[str], catalogue: Catalogue) -> list[Verdict]:
    """Verdicts on ``codes`` in order, one achievement serving one award (``Judge.plan``)."""
    return Judge(catalogue, year).plan(record, codes)


def break_ties(candidates: Sequence[tuple[Record, float]], rule: Rule) -> list[Record]:
    """Candidates best score first; on equal scores, women first where ``rule`` says so
    (NĐ 152/2025 art. 4(6))."""
    def key(item: tuple[Record, float]) -> tuple:
        record, score = item
        return (-score, not record.female if rule.tie_break_female else False)
    return [record for record, _score in sorted(candidates, key=key)]
