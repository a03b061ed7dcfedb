"""Demo emulation cycle (``motcua demo``): one cluster of nine departments at the year-end meeting
stage, as in SAMPLE-004. The Department of Science heads the cluster this year; the pledge was
signed at the opening meeting, the movement launched, the scores recorded, and the year-end
meeting ranked the members, proposed one flag (the leader) and two Bằng khen and acclaimed the
leader as next year's head. The Department of Home Affairs' emulation officer (``noivu.thidua``)
sees every cluster, the register and the reports. Idempotent: a second run changes nothing.

So that a newcomer can run the vote and sign the decision (docs/emulation-proposals.md, "The
demo, step by step"): the three units' ratings for the two years their titles need, the
provincial council of ten members, the Department of Science's proposal of the flag and the two
Bằng khen with its three papers, ready for its director (``khcn.giamdoc``) to sign and submit;
the provincial People's Committee's chair (``ubnd.chutich``), who signs the decision, and
clerk (``ubnd.vanthu``), who numbers and seals it; and, when a seal folder is configured
outside production, demo-only keys: the Committee's seal and the chair's own key
(``motcua.core.demo_keys``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from motcua.core import demo_keys
from motcua.emulation import clusters, proposals
from motcua.emulation.models import (
    Appraisal,
    Award,
    AwardType,
    Cluster,
    ClusterKind,
    ClusterMeeting,
    ClusterMembership,
    ClusterTerm,
    Component,
    Council,
    CouncilMember,
    CriterionKind,
    MeetingKind,
    Movement,
    MovementCriterion,
    MovementForm,
    MovementKind,
    MovementScope,
    Pledge,
    Proposal,
    ProposalComponent,
    Rating,
    ScoreCriterion,
)
from motcua.emulation.proposal_selectors import OFFICE_GROUP
from motcua.org.demo import DEMO_PASSWORD, PROVINCE, DemoLogin
from motcua.org.models import AccountKind, Agency, Role, User
from motcua.org.services import assign_role, split_full_name

HOME_AFFAIRS = ("000.00.04.H42", "Sở Nội vụ", "SNV")
OFFICER = ("noivu.thidua", "Lê Thị Thu Hà")
# the provincial People's Committee's chair, who signs its decisions, and its clerk
CHAIR = ("ubnd.chutich", "Phạm Quang Vinh")
COMMITTEE_CLERK = ("ubnd.vanthu", "Hà Thị Lan")
PROPOSER = "khcn.chuyenvien"  # the Department of Science's officer (motcua.org.demo)
SCIENCE, CULTURE, FINANCE = "000.00.15.H42", "000.00.12.H42", "000.00.03.H42"
# the nine members: (code, name, abbreviation, the cluster's points on each criterion)
MEMBERS = [
    (FINANCE, "Sở Tài chính", "STC", (39, 19, 19.5, 19, 3, 0)),
    (SCIENCE, "Sở Khoa học và Công nghệ", "SKHCN", (38.5, 19.5, 18.5, 19, 2, 0)),
    (CULTURE, "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", (38, 19, 19, 18.5, 1.5, 0)),
    ("000.00.05.H42", "Sở Tư pháp", "STP", (37, 18, 18, 18, 1, 0)),
    ("000.00.06.H42", "Sở Xây dựng", "SXD", (37.5, 17.5, 18, 18, 0, 0)),
    ("000.00.07.H42", "Sở Công Thương", "SCT", (36, 18, 17.5, 18, 1, 1)),
    ("000.00.08.H42", "Sở Nông nghiệp và Môi trường", "SNNMT", (36.5, 17, 18, 17.5, 0, 0)),
    ("000.00.09.H42", "Sở Y tế", "SYT", (36, 17.5, 17, 17, 1.5, 0)),
    ("000.00.10.H42", "Sở Giáo dục và Đào tạo", "SGDĐT", (35, 17, 17, 17, 0, 2)),
]
CRITERIA = [
    ("1", "Thực hiện nhiệm vụ chính trị, chỉ tiêu kế hoạch được giao", CriterionKind.REGULAR, 40),
    ("2", "Cải cách hành chính, chuyển đổi số", CriterionKind.REGULAR, 20),
    ("3", "Tổ chức phong trào thi đua, công tác khen thưởng", CriterionKind.REGULAR, 20),
    ("4", "Thực hiện giao ước thi đua của cụm", CriterionKind.REGULAR, 20),
    ("5", "Điểm thưởng: mô hình, sáng kiến được nhân rộng", CriterionKind.BONUS, 5),
    ("6", "Điểm trừ: chậm báo cáo, vi phạm kỷ luật", CriterionKind.PENALTY, 5),
]
# what the year-end meeting agreed to propose: the leader's flag, the next two's Bằng khen
AWARDEES = [(FINANCE, "CO_TINH"), (SCIENCE, "BK_TINH"), (CULTURE, "BK_TINH")]
COUNCIL = "Hội đồng Thi đua - Khen thưởng tỉnh"
COUNCIL_MEMBERS = [
    ("Phạm Quang Vinh", "Chủ tịch UBND tỉnh, Chủ tịch Hội đồng"),
    ("Nguyễn Thị Hồng", "Phó Chủ tịch UBND tỉnh, Phó Chủ tịch Hội đồng"),
    ("Trần Văn Khải", "Giám đốc Sở Nội vụ, Phó Chủ tịch thường trực Hội đồng"),
    ("Lê Minh Đức", "Giám đốc Sở Tài chính, Ủy viên"),
    ("Hoàng Thị Thu", "Chủ tịch Liên đoàn Lao động tỉnh, Ủy viên"),
    ("Vũ Đình Nam", "Chánh Văn phòng UBND tỉnh, Ủy viên"),
    ("Đặng Thị Mai", "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh, Ủy viên"),
    ("Bùi Văn Hải", "Bí thư Tỉnh đoàn, Ủy viên"),
    ("Ngô Quang Huy", "Giám đốc Sở Khoa học và Công nghệ, Ủy viên"),
    ("Lê Thị Thu Hà", "Trưởng phòng Thi đua, khen thưởng Sở Nội vụ, Ủy viên thư ký"),
]
PAPERS = [
    (Component.SUBMISSION, "Tờ trình đề nghị khen thưởng",
     "Sở Khoa học và Công nghệ, cụm trưởng Cụm thi đua số 3, đề nghị tặng Cờ thi đua cho Sở "
     "Tài chính và Bằng khen cho Sở Khoa học và Công nghệ, Sở Văn hóa, Thể thao và Du lịch."),
    (Component.ACHIEVEMENT_REPORT, "Báo cáo thành tích",
     "Thành tích của ba đơn vị trong năm, theo kết quả chấm điểm của Cụm."),
    (Component.MINUTES, "Biên bản họp tổng kết Cụm thi đua số 3",
     "Hội nghị tổng kết Cụm thống nhất đề nghị khen thưởng, có kết quả bỏ phiếu."),
]
PLEDGE = ("Các sở trong Cụm thi đua số 3 giao ước thi đua năm {year}: hoàn thành vượt mức các "
          "chỉ tiêu kế hoạch được giao; 100% thủ tục hành chính đủ điều kiện được cung cấp trực "
          "tuyến toàn trình; không có hồ sơ giải quyết quá hạn; đẩy mạnh phong trào thi đua "
          "gắn với nhiệm vụ chính trị của tỉnh; thực hiện nghiêm chế độ báo cáo của Cụm.")


def demo_year(today: dt.date) -> int:
    """The year whose cycle is at its year-end meeting: this year from November on."""
    return today.year if today.month >= 11 else today.year - 1


def load() -> None:
    today = timezone.localdate()
    year = demo_year(today)
    agencies = _agencies()
    officer = _officer()
    cluster, _made = Cluster.objects.get_or_create(code="CUM-03", defaults={
        "name": "Cụm thi đua số 3 (các sở)", "kind": ClusterKind.CUM,
        "organiser": "Hội đồng Thi đua - Khen thưởng tỉnh"})
    for code, *_rest in MEMBERS:
        ClusterMembership.objects.get_or_create(cluster=cluster, agency=agencies[code],
                                                valid_from=dt.date(year, 1, 1))
    ClusterTerm.objects.get_or_create(cluster=cluster, year=year, defaults={
        "head": agencies[SCIENCE], "deputy": agencies[CULTURE],
        "acclaimed_on": dt.date(year - 1, 12, 12)})
    _movement(year)
    opening = dt.date(year, 2, 20)
    pledge, made = Pledge.objects.get_or_create(cluster=cluster, year=year, defaults={
        "signed_on": opening, "text": PLEDGE.format(year=year)})
    if made:
        pledge.signatories.set([agencies[code] for code, *_rest in MEMBERS])
    ClusterMeeting.objects.get_or_create(cluster=cluster, year=year, kind=MeetingKind.OPENING,
                                         defaults={"held_on": opening, "chair": agencies[SCIENCE],
                                                   "place": "Sở Khoa học và Công nghệ",
                                                   "minutes": PLEDGE.format(year=year)})
    if not ScoreCriterion.objects.filter(cluster=cluster, year=year).exists():
        _scores(officer, cluster, year, agencies)
    if clusters.year_end(cluster, year) is None:
        clusters.record_year_end(officer, cluster, year, clusters.MeetingIn(
            held_on=min(today, dt.date(year, 12, 5)), place="Sở Khoa học và Công nghệ",
            minutes=f"Cụm tổng kết công tác thi đua, khen thưởng năm {year}, thống nhất đề nghị "
                    "Cờ thi đua cho đơn vị dẫn đầu, Bằng khen cho hai đơn vị tiếp theo và suy tôn "
                    "đơn vị dẫn đầu làm cụm trưởng năm sau.",
            next_head=agencies[FINANCE].pk, next_deputy=agencies[SCIENCE].pk,
            proposals=((agencies[FINANCE].pk, "CO_TINH"), (agencies[SCIENCE].pk, "BK_TINH"),
                       (agencies[CULTURE].pk, "BK_TINH"))))
    _past_awards(year, agencies)
    _ratings(year, agencies)
    _council(year, agencies[HOME_AFFAIRS[0]])
    committee = Agency.objects.get(identifier_code=PROVINCE)
    _staff(*CHAIR, committee, Role.AGENCY_LEADER)
    _staff(*COMMITTEE_CLERK, committee, Role.CLERK)
    _proposal(year, agencies)
    demo_keys.write({PROVINCE: committee.name}, {CHAIR[0]: CHAIR[1]}, DEMO_PASSWORD)


def logins() -> list[DemoLogin]:
    if not User.objects.filter(username=OFFICER[0]).exists():
        return []
    return [
        DemoLogin(OFFICER[0], OFFICER[1], "Thi đua, khen thưởng — Sở Nội vụ (xem mọi cụm, "
                  "tiếp nhận, thẩm định, phiên họp Hội đồng, dự thảo quyết định, sổ khen thưởng)"),
        DemoLogin(CHAIR[0], CHAIR[1], "Chủ tịch UBND tỉnh — ký quyết định khen thưởng"
                  + _key_note(CHAIR[0])),
        DemoLogin(COMMITTEE_CLERK[0], COMMITTEE_CLERK[1],
                  "Văn thư UBND tỉnh — cấp số, đóng dấu quyết định khen thưởng"),
    ]


def _key_note(username: str) -> str:
    key = demo_keys.person_key(username)
    return f" (khóa ký số dùng thử: {key})" if key else ""


def _agencies() -> dict[str, Agency]:
    province = Agency.objects.filter(identifier_code=PROVINCE).first()
    unit = (province or Agency.objects.get(identifier_code=SCIENCE)).admin_unit
    made = {}
    for code, name, abbreviation, *_rest in [*MEMBERS, HOME_AFFAIRS]:
        made[code], _created = Agency.objects.get_or_create(identifier_code=code, defaults={
            "name": name, "abbreviation": abbreviation, "parent": province, "admin_unit": unit})
    return made


def _officer() -> User:
    user = _staff(*OFFICER, Agency.objects.get(identifier_code=HOME_AFFAIRS[0]),
                  Role.SPECIALIST)
    if not user.is_staff:  # the emulation office's pages (proposal_selectors.is_office)
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get_or_create(name=OFFICE_GROUP)[0])
    return user


def _staff(username: str, full_name: str, agency: Agency, role: Role) -> User:
    first_name, last_name = split_full_name(full_name)
    user, created = User.objects.get_or_create(username=username, defaults={
        "first_name": first_name, "last_name": last_name, "kind": AccountKind.STAFF,
        "email": f"{username}@example.vn"})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        assign_role(user, agency, role)
    return user


def _movement(year: int) -> None:
    movement, made = Movement.objects.get_or_create(code=f"PT-{year}-CCHC", defaults={
        "title": f"Thi đua đẩy mạnh cải cách hành chính, chuyển đổi số năm {year}",
        "form": MovementForm.REGULAR, "kind": MovementKind.YEARLY,
        "scope": MovementScope.PROVINCE, "launched_by": "Chủ tịch UBND tỉnh",
        "launch_decision": f"Kế hoạch số 15/KH-UBND ngày 15/01/{year}",
        "starts_on": dt.date(year, 1, 15), "ends_on": dt.date(year, 12, 31),
        "intake_from": dt.date(year, 11, 1), "intake_to": dt.date(year, 12, 10)})
    if made:
        MovementCriterion.objects.bulk_create([
            MovementCriterion(movement=movement, order=1, text="100% thủ tục đủ điều kiện "
                              "cung cấp dịch vụ công trực tuyến toàn trình"),
            MovementCriterion(movement=movement, order=2, text="Không có hồ sơ quá hạn"),
            MovementCriterion(movement=movement, order=3, mandatory=False,
                              text="Có mô hình, sáng kiến cải cách được nhân rộng")])


def _scores(officer: User, cluster: Cluster, year: int, agencies: dict[str, Agency]) -> None:
    rows = [ScoreCriterion.objects.create(cluster=cluster, year=year, code=code, name=name,
                                          kind=kind, max_points=max_points, order=order)
            for order, (code, name, kind, max_points) in enumerate(CRITERIA)]
    clusters.record_scores(officer, cluster, year, [
        clusters.ScoreIn(agencies[code].pk, row.pk, Decimal(str(value)), Decimal(str(value)))
        for code, _name, _abbreviation, values in MEMBERS
        for row, value in zip(rows, values, strict=True)])


def _past_awards(year: int, agencies: dict[str, Agency]) -> None:
    past = [("CO_TINH", SCIENCE, "1520/QĐ-UBND"), ("BK_TINH", CULTURE, "1521/QĐ-UBND"),
            ("BK_TINH", FINANCE, "1521/QĐ-UBND"), ("TTLDXS", SCIENCE, "1519/QĐ-UBND")]
    for code, agency, number in past:
        Award.objects.get_or_create(
            award_type=AwardType.objects.get(code=code), agency=agencies[agency],
            year=year - 1, decision_number=number,
            defaults={"decision_date": dt.date(year - 1, 12, 28),
                      "issuer": "Chủ tịch UBND tỉnh"})


def _ratings(year: int, agencies: dict[str, Agency]) -> None:
    """The units' yearly ratings, as their decisions gave them (entered in the admin): the
    flag and the collective Bằng khen look at two years (Luật 06/2022 điều 26, 74(2))."""
    for code, _award in AWARDEES:
        for rated in (year - 1, year):
            Appraisal.objects.get_or_create(agency=agencies[code], year=rated, defaults={
                "rating": Rating.HTXSNV,
                "decision": f"Quyết định xếp loại năm {rated} của UBND tỉnh"})


def _council(year: int, home_affairs: Agency) -> None:
    council, made = Council.objects.get_or_create(name=COUNCIL, agency=home_affairs)
    if made:
        CouncilMember.objects.bulk_create([
            CouncilMember(council=council, name=name, position=position,
                          joined_on=dt.date(year - 1, 1, 1))
            for name, position in COUNCIL_MEMBERS])


def _proposal(year: int, agencies: dict[str, Agency]) -> None:
    """The cluster head's proposal of what the year-end meeting agreed, with its three papers,
    for its director to sign and submit."""
    science = agencies[SCIENCE]
    title = f"Đề nghị khen thưởng Cụm thi đua số 3 năm {year}"
    if Proposal.objects.filter(agency=science, year=year, title=title).exists():
        return
    proposer = User.objects.get(username=PROPOSER)
    proposal = proposals.create_proposal(proposer, science, title, year)
    for kind, paper, text in PAPERS:
        ProposalComponent.objects.create(proposal=proposal, kind=kind, name=f"{paper}.pdf",
                                         file=_paper(kind, paper, text))
    for code, award in AWARDEES:
        proposals.add_nomination(proposer, proposal, AwardType.objects.get(code=award),
                                 agency=agencies[code], printed_name=agencies[code].name)


def _paper(kind: str, title: str, text: str) -> str:
    """The demo paper's file, stored once and shared by every demo database."""
    from motcua.slips import render

    name = f"emulation/demo/{kind}.pdf"
    storage = ProposalComponent._meta.get_field("file").storage
    if not storage.exists(name):
        name = storage.save(name, ContentFile(render.pdf("emulation/demo_component.html", {
            "title": title, "text": text})))
    return name
