"""The ranking inside a cluster (pure): totals, shared ranks, ties settled by the head."""

from decimal import Decimal as D

from motcua.emulation.ranking import (
    BONUS,
    PENALTY,
    Criterion,
    leader,
    points_problem,
    rank,
    total,
)

TABLE = [Criterion(1, D(60)), Criterion(2, D(40)), Criterion(3, D(5), BONUS),
         Criterion(4, D(10), PENALTY)]


def test_l22_art16_points_stay_within_the_criterion():
    assert points_problem(TABLE[0], D(60)) is None
    assert points_problem(TABLE[0], D("60.5")) == "above_max"
    assert points_problem(TABLE[0], D(-1)) == "negative"


def test_total_adds_bonus_and_subtracts_penalty():
    # 55 + 38 + 2 (bonus) - 3 (penalty) = 92; an unscored criterion counts 0
    assert total(TABLE, {1: D(55), 2: D(38), 3: D(2), 4: D(3)}) == D(92)
    assert total(TABLE, {1: D(50)}) == D(50)


def test_ranked_by_total_highest_first():
    standings = rank({10: D(90), 11: D(95), 12: D("80.5")})
    assert [(s.member, s.rank, s.tied) for s in standings] == [
        (11, 1, False), (10, 2, False), (12, 3, False)]


def test_tandtc_equal_totals_share_a_rank_until_the_head_decides():
    standings = rank({1: D(95), 2: D(95), 3: D(90)})
    assert [(s.member, s.rank, s.tied) for s in standings] == [
        (1, 1, True), (2, 1, True), (3, 3, False)]
    settled = rank({1: D(95), 2: D(95), 3: D(90)}, settled=[2, 1])
    assert [(s.member, s.rank, s.tied) for s in settled] == [
        (2, 1, False), (1, 2, False), (3, 3, False)]


def test_bn86_art3_flag_leader_is_the_one_first():
    assert leader(rank({1: D(95), 2: D(90)})) == 1
    assert leader(rank({1: D(95), 2: D(95)})) is None  # an unsettled tie at the top
    assert leader(rank({1: D(95), 2: D(95)}, settled=[2, 1])) == 2
    assert leader([]) is None


def test_a_tie_below_the_top_leaves_the_leader():
    standings = rank({1: D(99), 2: D(80), 3: D(80), 4: D(70)})
    assert [s.rank for s in standings] == [1, 2, 2, 4]
    assert leader(standings) == 1
