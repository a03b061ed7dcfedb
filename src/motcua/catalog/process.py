"""Validation of a procedure's internal process graph (quy trình nội bộ). Pure: no Django.

Steps are nodes; an edge says which step follows which. A step with several successors opens
parallel branches (liên thông: several agencies consulted at once, each with its own time);
a step with several predecessors waits for all of them. The time the process needs is its
longest path, which must fit in the legal limit (domain/onestop.md §1.4).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal

from motcua.workcal.engine import HOURS_PER_WORKING_DAY, Unit


def working_hours_of(value: Decimal, unit: str) -> Decimal:
    """A step duration or a time limit in working hours, for comparing the two.

    Calendar days count as at most that many working days (an upper bound on the working
    time they can hold).
    """
    return value if unit == Unit.WORKING_HOURS else value * HOURS_PER_WORKING_DAY


@dataclass(frozen=True)
class StepSpec:
    key: str
    name: str
    role: str
    duration_hours: Decimal


def validate_process(
    steps: Iterable[StepSpec],
    edges: Iterable[tuple[str, str]],
    limit_hours: Decimal | None,
    known_roles: Collection[str],
) -> list[str]:
    """Every fault of the graph, each as one Vietnamese sentence; empty when it is sound."""
    steps = list(steps)
    edges = list(edges)
    if not steps:
        return ["Quy trình chưa có bước nào."]
    errors = _step_errors(steps, known_roles)
    keys = {step.key for step in steps}
    for source, target in edges:
        for end in (source, target):
            if end not in keys:
                errors.append(f"Liên kết {source} → {target}: không có bước {end}.")
    if errors:
        return errors
    successors = {key: [t for s, t in edges if s == key] for key in keys}
    starts = sorted(keys - {target for _s, target in edges})
    if len(starts) != 1:
        listed = ", ".join(starts) or "không có"
        errors.append(f"Quy trình phải có đúng một bước bắt đầu (đang có: {listed}).")
    cycle = _find_cycle(keys, successors)
    if cycle:
        errors.append("Quy trình có vòng lặp: " + " → ".join(cycle) + ".")
        return errors
    if len(starts) == 1:
        reached = _reachable(starts[0], successors)
        for key in sorted(keys - reached):
            errors.append(f"Bước {key} không nằm trên đường đi nào từ bước bắt đầu.")
    hours = {step.key: step.duration_hours for step in steps}
    longest = _longest_path_hours(keys, successors, hours)
    if limit_hours is not None and longest > limit_hours:
        errors.append(
            f"Tổng thời gian các bước ({_days(longest)} ngày làm việc theo nhánh dài nhất) "
            f"vượt thời hạn giải quyết ({_days(limit_hours)} ngày làm việc)."
        )
    return errors


def _step_errors(steps: list[StepSpec], known_roles: Collection[str]) -> list[str]:
    errors, seen = [], set()
    for step in steps:
        if step.key in seen:
            errors.append(f"Mã bước {step.key} bị trùng.")
        seen.add(step.key)
        if step.role not in known_roles:
            errors.append(f"Bước {step.key}: vai trò {step.role!r} không tồn tại.")
        if step.duration_hours < 0:
            errors.append(f"Bước {step.key}: thời gian không được âm.")
    return errors


def _find_cycle(keys: set[str], successors: dict[str, list[str]]) -> list[str]:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(key: str) -> list[str]:
        state[key] = 1
        path.append(key)
        for nxt in successors[key]:
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[key] = 2
        return []

    for key in sorted(keys):
        if key not in state and (found := visit(key)):
            return found
    return []


def _reachable(start: str, successors: dict[str, list[str]]) -> set[str]:
    seen, stack = {start}, [start]
    while stack:
        for nxt in successors[stack.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _longest_path_hours(
    keys: set[str], successors: dict[str, list[str]], hours: dict[str, Decimal]
) -> Decimal:
    memo: dict[str, Decimal] = {}

    def longest_from(key: str) -> Decimal:
        if key not in memo:
            memo[key] = hours[key] + max(
                (longest_from(nxt) for nxt in successors[key]), default=Decimal(0)
            )
        return memo[key]

    return max((longest_from(key) for key in keys), default=Decimal(0))


def _days(hours: Decimal) -> str:
    days = (hours / HOURS_PER_WORKING_DAY).normalize()
    return f"{days:f}".replace(".", ",")
