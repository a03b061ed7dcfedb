"""The eligibility engine (pure): each rung of the ladders and each blocker, hand-worked cases
named after their rule, on the seeded catalogue (data/catalogue.json) without a database."""

import datetime as dt
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.emulation import eligibility as e
from motcua.emulation.eligibility import Case, Discipline, Held, Initiative, Rating, Record, Scope

DATA = Path(e.__file__).parent / "data" / "catalogue.json"
CATALOGUE = e.catalogue_of(
    e.Rule(row["code"], row["name"], rule["subject"], rule["criteria"], rule["source"],
           row["family"], short=row.get("short", ""))
    for row in json.loads(DATA.read_text(encoding="utf-8"))["types"] for rule in row["rules"])
Y = 2025


def person(ratings=None, held=(), initiatives=(), cases=(), **kwargs) -> Record:
    return Record(id=kwargs.pop("id", "p"), ratings=ratings or {}, held=tuple(held),
                  initiatives=tuple(initiatives), cases=tuple(cases), **kwargs)


def good_years(*years, rating=Rating.HTTNV):
    return dict.fromkeys(years, rating)


def held(code, *years, kind=e.MERIT):
    return [Held(code, year, kind) for year in years]


def verdict(record, code, year=Y):
    return e.judge(record, code, year, CATALOGUE)


def text(v) -> str:
    return " | ".join(str(reason) for reason in v.reasons)


# -- individual ladder ------------------------------------------------------------------------

def test_l22_art24_ldtt_needs_httnv():
    assert verdict(person(good_years(Y)), "LDTT").eligible
    refused = verdict(person({Y: Rating.HTNV}), "LDTT")
    assert not refused.eligible
    assert "cần xếp loại từ HTTNV năm 2025 — có HTNV" in text(refused)
    assert "Luật 06/2022/QH15 điều 24(1)" in text(refused)


def test_l22_art23_cstdcs_by_excellent_rating_or_initiative():
    assert verdict(person(good_years(Y, rating=Rating.HTXSNV)), "CSTDCS").eligible
    with_initiative = verdict(person(good_years(Y), initiatives=[
        Initiative("s1", Y, Scope.CO_SO)]), "CSTDCS")
    assert with_initiative.eligible and with_initiative.uses == {"initiative:s1"}
    neither = verdict(person(good_years(Y)), "CSTDCS")
    assert not neither.eligible
    assert "không đạt điều kiện nào" in text(neither)


def test_l22_art23_cstdcs_needs_ldtt_first():
    refused = verdict(person({Y: Rating.HTNV}, initiatives=[Initiative("s1", Y, Scope.TINH)]),
                      "CSTDCS")
    assert not refused.eligible
    assert "cần đạt LĐTT năm 2025 — chưa đạt" in text(refused)


def test_l22_art22_cstd_tinh_three_consecutive_cstdcs_and_provincial_initiative():
    record = person(good_years(Y, rating=Rating.HTXSNV), held=held("CSTDCS", 2023, 2024),
                    initiatives=[Initiative("t1", 2024, Scope.TINH)])
    v = verdict(record, "CSTD_TINH")
    assert v.eligible, text(v)
    assert "initiative:t1" in v.uses


def test_l22_art22_cstd_tinh_refused_with_two_years_only():
    record = person(good_years(Y), held=held("CSTDCS", 2024, 2025),
                    initiatives=[Initiative("t1", Y, Scope.TINH)])
    v = verdict(record, "CSTD_TINH")
    assert not v.eligible
    assert "CSTĐ cấp tỉnh: cần 3 năm liên tục đạt CSTĐCS — mới có 2 (2024, 2025)" in text(v)
    assert "Luật 06/2022/QH15 điều 22" in text(v)


def test_l22_art22_cstd_tinh_needs_initiative_at_provincial_scope():
    record = person(good_years(Y), held=held("CSTDCS", 2023, 2024, 2025),
                    initiatives=[Initiative("c1", Y, Scope.CO_SO)])
    v = verdict(record, "CSTD_TINH")
    assert not v.eligible
    assert "phạm vi từ TINH" in text(v)


def test_l22_art21_cstd_toan_quoc_two_consecutive_provincial_and_national_initiative():
    base = {"ratings": good_years(Y),
            "held": held("CSTDCS", 2021, 2022, 2023, 2024, 2025) + held("CSTD_TINH", 2024, 2025)}
    assert verdict(person(**base, initiatives=[Initiative("n1", Y, Scope.TOAN_QUOC)]),
                   "CSTD_TQ").eligible
    refused = verdict(person(**base, initiatives=[Initiative("t1", Y, Scope.TINH)]), "CSTD_TQ")
    assert not refused.eligible and "TOAN_QUOC" in text(refused)


# -- collective ladder ------------------------------------------------------------------------

def staff(n, rating=Rating.HTTNV, **kwargs):
    return tuple(person({Y: rating}, id=f"m{n}-{i}", **kwargs) for i in range(n))


def unit(members, rating=Rating.HTTNV, **kwargs):
    return Record(id="u", collective=True, ratings={Y: rating}, members=members, **kwargs)


def test_bn86_art4_2_ttldtt_needs_70_percent_ldtt_computed_from_members():
    seven_of_ten = staff(7) + staff(3, rating=Rating.HTNV)
    assert verdict(unit(seven_of_ten), "TTLDTT").eligible
    six_of_ten = staff(6) + staff(4, rating=Rating.HTNV)
    v = verdict(unit(six_of_ten), "TTLDTT")
    assert not v.eligible
    assert "có 6/10 (60.0%)" in text(v)


def test_bn86_art4_2_ttldtt_refused_when_a_member_got_a_warning():
    warned = person({Y: Rating.HTTNV}, id="w", name="Nguyễn Văn Cảnh", cases=[
        Case("discipline", dt.date(Y, 3, 1), dt.date(Y + 1, 3, 1), form=Discipline.CANH_CAO)])
    v = verdict(unit(staff(9) + (warned,)), "TTLDTT")
    assert not v.eligible
    assert "bị kỷ luật: Nguyễn Văn Cảnh" in text(v)
    reprimanded = person({Y: Rating.HTTNV}, id="r", cases=[
        Case("discipline", dt.date(Y, 3, 1), dt.date(Y, 9, 1), form=Discipline.KHIEN_TRACH)])
    assert verdict(unit(staff(9) + (reprimanded,)), "TTLDTT").eligible


def test_bn86_art3_2_ttldxs_needs_excellent_unit_all_complete_and_one_cstdcs():
    members = staff(7) + staff(2, rating=Rating.HTNV) + staff(1, rating=Rating.HTXSNV)
    assert verdict(unit(members, rating=Rating.HTXSNV), "TTLDXS").eligible
    assert not verdict(unit(members, rating=Rating.HTTNV), "TTLDXS").eligible
    failing = members[:-1] + staff(1, rating=Rating.KHTNV)
    v = verdict(unit(failing, rating=Rating.HTXSNV), "TTLDXS")
    assert not v.eligible
    assert "cần có thành viên đạt CSTĐCS — chưa có" in text(v)
    assert "cần mọi thành viên xếp loại từ HTNV" in text(v)


def test_bn86_art3_1_co_tinh_goes_to_the_cluster_leader():
    members = staff(10, rating=Rating.HTXSNV)
    assert verdict(unit(members, rating=Rating.HTXSNV, cluster_rank={Y: 1}), "CO_TINH").eligible
    v = verdict(unit(members, rating=Rating.HTXSNV, cluster_rank={Y: 2}), "CO_TINH")
    assert not v.eligible and "hạng 2" in text(v)


# -- forms --------------------------------------------------------------------------------

def test_l22_art74_1_d_bk_tinh_two_consecutive_cstdcs():
    v = verdict(person(good_years(Y), held=held("CSTDCS", 2024, 2025)), "BK_TINH")
    assert v.eligible
    assert v.uses == {"BK_TINH:CSTDCS:2024", "BK_TINH:CSTDCS:2025"}


def test_l22_art74_1_d_bk_tinh_two_excellent_years_and_two_initiatives():
    record = person(good_years(2024, Y, rating=Rating.HTXSNV), initiatives=[
        Initiative("a", 2024, Scope.CO_SO), Initiative("b", Y, Scope.CO_SO)])
    v = e.plan(record, Y, ["BK_TINH"], CATALOGUE)[0]
    assert v.eligible and {"initiative:a", "initiative:b"} <= v.uses


def test_l22_art74_bk_tinh_not_twice_on_the_same_years():
    first = Held("BK_TINH", 2025, basis=frozenset({"BK_TINH:CSTDCS:2024",
                                                   "BK_TINH:CSTDCS:2025"}))
    v = verdict(person(good_years(Y), held=held("CSTDCS", 2024, 2025) + [first]), "BK_TINH")
    assert not v.eligible
    assert "đã được dùng để khen thưởng" in text(v)


def test_l22_art73_1_b_bk_ttg_five_years_and_three_cstdcs():
    years = range(2021, 2026)
    record = person(good_years(*years), held=held("BK_TINH", 2022)
                    + held("CSTDCS", 2021, 2023, 2025))
    assert verdict(record, "BK_TTG").eligible
    short = person(good_years(*years), held=held("BK_TINH", 2022) + held("CSTDCS", 2023, 2025))
    v = verdict(short, "BK_TTG")
    assert not v.eligible and "cần 3 lần đạt CSTĐCS trong 5 năm — có 2" in text(v)
    no_bk = person(good_years(*years), held=held("CSTDCS", 2021, 2023, 2025))
    refused = text(verdict(no_bk, "BK_TTG"))
    assert "cần đã được tặng Bằng khen UBND tỉnh / BK_BO — chưa có" in refused


def test_council_judged_forms_are_not_computed():
    v = verdict(person(good_years(Y)), "HCLD_3")
    assert not v.eligible and "Hội đồng" in text(v)


# -- blockers and guards (NĐ 152/2025 art. 4) -------------------------------------------------

def test_nd152_art4_4_pending_case_blocks_every_award():
    for kind, label in (("inspection", "thanh tra, kiểm tra"), ("complaint", "khiếu nại, tố cáo"),
                        ("discipline", "kỷ luật"), ("investigation", "điều tra")):
        record = person(good_years(Y, rating=Rating.HTXSNV),
                        cases=[Case(kind, dt.date(Y, 10, 1), pending=True)])
        v = verdict(record, "LDTT")
        assert not v.eligible
        assert f"chưa kết luận: {label}" in text(v) and "NĐ 152/2025 điều 4(4)" in text(v)


def test_nd152_art4_5_achievements_count_only_after_the_discipline_ends():
    discipline = Case("discipline", dt.date(2024, 2, 1), dt.date(2025, 1, 31),
                      form=Discipline.KHIEN_TRACH)
    during = verdict(person(good_years(Y), cases=[discipline]), "LDTT")
    assert not during.eligible and "NĐ 152/2025 điều 4(5)" in text(during)
    assert verdict(person(good_years(2026), cases=[discipline]), "LDTT", 2026).eligible
    # a title held in a disciplined year does not count in a chain
    chain = person(good_years(2026), held=held("CSTDCS", 2025, 2026), cases=[discipline])
    assert not verdict(chain, "BK_TINH", 2026).eligible


def test_l22_art5_2_one_title_per_year():
    v = verdict(person(good_years(Y), held=held("LDTT", Y)), "LDTT")
    assert not v.eligible and "đã được tặng cho năm 2025" in text(v)


def test_nd152_art4_3_thematic_awards_never_feed_merit_chains():
    record = person(good_years(Y), held=held("CSTDCS", 2024, kind="thematic")
                    + held("CSTDCS", 2025, kind="one_off"))
    v = verdict(record, "BK_TINH")
    assert not v.eligible and "mới có 0" in text(v)


def test_cv5007_an_initiative_serves_once():
    used = Initiative("t1", Y, Scope.TINH, used=True)
    record = person(good_years(Y), held=held("CSTDCS", 2023, 2024, 2025), initiatives=[used])
    assert not verdict(record, "CSTD_TINH").eligible
    # in one round: the initiative that made CSTĐCS cannot also make the provincial title
    one = person(good_years(2023, 2024, Y), held=held("CSTDCS", 2023, 2024),
                 initiatives=[Initiative("t2", Y, Scope.TINH)])
    planned = {v.code: v for v in e.plan(one, Y, ["LDTT", "CSTDCS", "CSTD_TINH"], CATALOGUE)}
    assert planned["CSTDCS"].eligible and planned["CSTDCS"].uses == {"initiative:t2"}
    assert not planned["CSTD_TINH"].eligible


def test_nd152_art4_6_ties_go_to_women():
    rule = CATALOGUE["CSTD_TINH", "individual"]
    man, woman, best = (Record(id="a"), Record(id="b", female=True), Record(id="c"))
    ranked = e.break_ties([(man, 8.0), (woman, 8.0), (best, 9.0)],
                          e.Rule(**{**rule.__dict__, "tie_break_female": True}))
    assert [r.id for r in ranked] == ["c", "b", "a"]
    unchanged = e.break_ties([(man, 8.0), (woman, 8.0)],
                             e.Rule(**{**rule.__dict__, "tie_break_female": False}))
    assert [r.id for r in unchanged] == ["a", "b"]


def test_unknown_criteria_key_is_refused_not_passed():
    rule = e.Rule("X", "X", "individual", {"made_up": 1}, "test")
    assert not e.judge(person(good_years(Y)), "X", Y, {("X", "individual"): rule}).eligible


# -- property: one achievement, one award --------------------------------------------------------

CODES = [code for code, subject in CATALOGUE if subject == "individual"]
ratings = st.dictionaries(st.integers(2019, Y), st.sampled_from(list(Rating)), max_size=7)
initiatives = st.lists(st.builds(Initiative, id=st.text("abcdef", min_size=1, max_size=3),
                                 year=st.integers(2019, Y), scope=st.sampled_from(list(Scope)),
                                 used=st.booleans()),
                       max_size=6, unique_by=lambda item: item.id)
helds = st.lists(st.builds(Held, code=st.sampled_from(CODES), year=st.integers(2019, Y),
                           kind=st.sampled_from([e.MERIT, e.MERIT, "thematic", "one_off"])),
                 max_size=12)


@settings(max_examples=300, deadline=None)
@given(ratings=ratings, initiatives=initiatives, held=helds,
       order=st.permutations(CODES))
def test_property_one_achievement_never_serves_two_awards(ratings, initiatives, held, order):
    record = person(ratings, held=held, initiatives=initiatives)
    granted = [v for v in e.plan(record, Y, order, CATALOGUE) if v.eligible]
    tokens = [token for v in granted for token in v.uses]
    assert len(tokens) == len(set(tokens)), "an achievement served two awards"
    used_before = {f"initiative:{item.id}" for item in initiatives if item.used}
    assert not used_before & set(tokens), "an initiative already used served again"
    assert len({v.code for v in granted}) == len(granted)
    titles_held = {(h.code, h.year) for h in held}
    assert not [v for v in granted
                if CATALOGUE[v.code, "individual"].family == "title" and (v.code, Y) in titles_held]
