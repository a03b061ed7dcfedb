"""Validation of the internal process graph: one test per fault, and sound graphs."""

from decimal import Decimal

from motcua.catalog.process import StepSpec, validate_process
from motcua.org.models import Role

ROLES = Role.values


def step(key, hours="8", role="specialist"):
    return StepSpec(key, f"Bước {key}", role, Decimal(hours))


def check(steps, edges, limit="80"):
    return validate_process(steps, edges, Decimal(limit) if limit else None, ROLES)


def test_a_straight_process_within_the_limit_is_sound():
    assert check([step("B1"), step("B2"), step("B3")], [("B1", "B2"), ("B2", "B3")]) == []


def test_parallel_consultation_counts_its_longest_branch():
    steps = [step("B1", "4"), step("LT1", "40"), step("LT2", "16"), step("B2", "8")]
    edges = [("B1", "LT1"), ("B1", "LT2"), ("LT1", "B2"), ("LT2", "B2")]
    # the longest branch B1 → LT1 → B2 takes 52 hours: it fits in 52, not in 51
    assert check(steps, edges, "52") == []
    assert "vượt thời hạn" in check(steps, edges, "51")[0]


def test_durations_over_the_legal_limit_are_refused():
    errors = check([step("B1", "44"), step("B2", "44")], [("B1", "B2")], "80")
    assert errors == [
        "Tổng thời gian các bước (11 ngày làm việc theo nhánh dài nhất) vượt thời hạn giải "
        "quyết (10 ngày làm việc)."
    ]


def test_no_limit_means_no_sum_check():
    assert check([step("B1", "400")], [], limit=None) == []


def test_unknown_role_is_named():
    assert check([step("B1", role="chief_wizard")], []) == [
        "Bước B1: vai trò 'chief_wizard' không tồn tại."
    ]


def test_exactly_one_start():
    errors = check([step("B1"), step("B2"), step("B3")], [("B1", "B3"), ("B2", "B3")])
    assert errors == ["Quy trình phải có đúng một bước bắt đầu (đang có: B1, B2)."]


def test_every_path_reaches_an_end_no_cycle():
    errors = check([step("B1"), step("B2"), step("B3")],
                   [("B1", "B2"), ("B2", "B3"), ("B3", "B2")])
    assert errors == ["Quy trình có vòng lặp: B2 → B3 → B2."]


def test_a_cycle_with_no_start_is_reported_too():
    errors = check([step("B1"), step("B2")], [("B1", "B2"), ("B2", "B1")])
    assert "đúng một bước bắt đầu" in errors[0]
    assert "vòng lặp" in errors[1]


def test_edge_to_a_missing_step_and_duplicate_keys():
    assert check([step("B1"), step("B1")], []) == ["Mã bước B1 bị trùng."]
    assert check([step("B1")], [("B1", "B9")]) == ["Liên kết B1 → B9: không có bước B9."]


def test_empty_process_and_negative_duration():
    assert check([], []) == ["Quy trình chưa có bước nào."]
    assert check([step("B1", "-1")], []) == ["Bước B1: thời gian không được âm."]
