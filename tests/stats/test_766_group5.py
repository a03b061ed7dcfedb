"""QĐ 766 group 5 (domain feedback-complaints §3.3) on PAKN worked out by hand.

Sở KH&CN, March 2026 (no holiday). Each PAKN is filed on the portal at 09:00 and its steps run
five minutes apart unless said; T0 is the filing, the dues those of the seeded rows (2, 5, 15
working days; publication 2 after the approval):

  A  02/03, accepted (classed), answered, approved, published the same morning: on time
  B  02/03, refused at 09:05 (due 04/03 09:00): on time; never received (out of 5.3)
  C  02/03, accepted (classed), still open on 31/03 (answer due 23/03 09:00): late
  D  16/03, first supplement request on 24/03 09:00 (due 23/03 09:00): late; not classed
  E  20/03, accepted (classed), open on 31/03 (answer due 10/04 09:00): on time
  F  25/02: another period, not counted

Received in March: A B C D E = 5. 5.1: classed A C E = 3 of 5 = 60.00 %. 5.2: on time A B E =
3 of 5 = 60.00 %. 5.3: B refused, so 4; late C D = 2 (no dislike, none raised again):
(4 − 2) ÷ 4 = 50.00 %.

5.4 (dossiers): P and Q decided on time in March; a PAKN was sent about Q, none was rated:
100 − (0 late + 1 with a PAKN) ÷ 2 × 100 = 50.00 %. Before this counted only dislikes: 100 %.

5.4 with complaints: P, Q, R and S decided on time in March. Q has a PAKN (13/03); R a complaint
the citizen filed naming it (13/03); S a complaint filed without a dossier (16/03) that the
leader linked to S on accepting it (17/03); a complaint about P filed on 02/04 is after the
period. With a PAKN or a complaint: Q R S = 3 of 4: 100 − 3 ÷ 4 × 100 = 25.00 % (P alone,
1 of 4). Counting PAKN alone it would be 75.00 %.
"""

from decimal import Decimal

import time_machine
from django.test import Client

from motcua.dossiers.models import Dossier, Status
from motcua.stats import feedback, selectors
from motcua.voice import services
from motcua.voice.models import ComplaintCase
from tests.factories.voice import FeedbackFactory, act, act_on_complaint, complaint, sender
from tests.helpers import local
from tests.stats.conftest import MARCH, make


def _march_pakn(world):
    FeedbackFactory(world=world, state="published", at=local(2026, 3, 2, 9))
    FeedbackFactory(world=world, state="refused", at=local(2026, 3, 2, 9))
    FeedbackFactory(world=world, state="processing", at=local(2026, 3, 2, 9))
    late = FeedbackFactory(world=world, state="submitted", at=local(2026, 3, 16, 9))
    act(world.officer, late, "request_supplement", local(2026, 3, 24, 9), reason="Số hồ sơ")
    FeedbackFactory(world=world, state="processing", at=local(2026, 3, 20, 9))
    FeedbackFactory(world=world, state="processing", at=local(2026, 2, 25, 9))


def test_qd_766_indicators_5_1_to_5_3_from_the_pakn_of_the_period(world):
    _march_pakn(world)

    found = {i.code: i for i in feedback.index_766_group_5(MARCH)}

    assert {code: (i.value, i.numerator, i.denominator) for code, i in found.items()} == {
        "5.1": (Decimal("60.00"), 3, 5), "5.2": (Decimal("60.00"), 3, 5),
        "5.3": (Decimal("50.00"), 2, 4)}
    assert feedback.feedback_counts(MARCH, {-1}).total == 0


def test_qd_766_indicator_5_4_counts_a_dossier_with_a_pakn(world):
    decided = {"due": local(2026, 3, 31, 17), "status": Status.FINISHED,
               "timeliness": "on_time"}
    make("P", accepted=local(2026, 3, 2, 9), finished=local(2026, 3, 10, 9), **decided)
    q = make("Q", accepted=local(2026, 3, 3, 9), finished=local(2026, 3, 12, 9), **decided)
    Dossier.objects.filter(pk=q.pk).update(applicant=world.citizen)
    with time_machine.travel(local(2026, 3, 13, 9), tick=False):
        services.submit_feedback(world.citizen, services.FeedbackIn(
            sender=sender(world), title="Hồ sơ chậm", content="Trả kết quả chậm",
            subject="dossier", dossier_code=q.code))

    [satisfaction] = [i for i in selectors.index_766(MARCH) if i.code == "5.4"]

    assert (satisfaction.value, satisfaction.numerator, satisfaction.denominator) == (
        Decimal("50.00"), 1, 2)


def test_qd_766_indicator_5_4_counts_a_dossier_with_a_complaint(world):
    decided = {"due": local(2026, 3, 31, 17), "status": Status.FINISHED,
               "timeliness": "on_time"}
    p, q, r, s = (make(name, accepted=local(2026, 3, 2, 9), finished=local(2026, 3, 10, 9),
                       **decided) for name in "PQRS")
    Dossier.objects.filter(pk__in=[p.pk, q.pk, r.pk]).update(applicant=world.citizen)
    with time_machine.travel(local(2026, 3, 13, 9), tick=False):
        services.submit_feedback(world.citizen, services.FeedbackIn(
            sender=sender(world), title="Hồ sơ chậm", content="Trả kết quả chậm",
            subject="dossier", dossier_code=q.code))
    about_r = complaint(world, at=local(2026, 3, 13, 9), dossier_code=r.code)
    about_s = complaint(world, at=local(2026, 3, 16, 9))
    act_on_complaint(world.leader, about_s, "accept", local(2026, 3, 17, 9),
                     dossier_code=s.code)
    complaint(world, at=local(2026, 4, 2, 9), dossier_code=p.code)

    [satisfaction] = [i for i in selectors.index_766(MARCH) if i.code == "5.4"]

    assert (about_r.dossier, ComplaintCase.objects.get(pk=about_s.pk).dossier) == (r, s)
    assert (satisfaction.value, satisfaction.numerator, satisfaction.denominator) == (
        Decimal("25.00"), 1, 4)


def test_qd_766_group_5_on_the_public_page(world):
    _march_pakn(world)

    page = Client().get("/thong-ke?start=01/03/2026&end=31/03/2026").content.decode()

    rows = [page.index(f'id="indicator-{code}"') for code in ("5.1", "5.2", "5.3", "5.4")]
    assert rows == sorted(rows)
    row = page[rows[1]:page.index("</tr>", rows[1])]
    assert "đúng hạn" in row and "60,00 %" in row and "3 / 5" in row
