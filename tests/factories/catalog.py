"""Sectors, procedures and their published versions: components, fees, limits, the process.

``ProcedureVersionFactory(procedure__national_code="DP.BC002", deciding_agency=a,
steps__division=d)`` builds version 1 in force from 01/07/2025 with the usual internal process
(B1 assign, B2 appraise, B3 review, B4 decide, B5 issue: domain §1.4) and publishes it through
``catalog.services.publish_version``. Traits: ``calendar_days``, ``no_limit``, ``pause_policy``,
``with_fee``. ``demo_procedure("DP.BC001")``: a procedure of the demo's catalogue, as it is there;
``demo_catalogue()``: all of them, with the agencies and divisions they name.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, Decimal

import factory
from factory.django import DjangoModelFactory

from motcua.catalog.models import (
    Component,
    CopyForm,
    Fee,
    FeeKind,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    Sector,
)
from motcua.catalog.process import working_hours_of
from motcua.catalog.services import publish_version
from motcua.org.models import Role
from motcua.workcal.engine import Unit
from tests.factories.org import AgencyFactory

IN_FORCE_FROM = dt.date(2025, 7, 1)  # NĐ 118/2025 in force, two-tier local government

# (share of the limit, name, role, in the division?): the usual process, as the demo's
USUAL_PROCESS = [
    ("0.05", "Phân công thụ lý", Role.DIVISION_HEAD, True),
    ("0.60", "Thẩm định hồ sơ, dự thảo kết quả", Role.SPECIALIST, True),
    ("0.10", "Xem xét, ký nháy dự thảo", Role.DIVISION_HEAD, True),
    ("0.10", "Phê duyệt, ký kết quả", Role.AGENCY_LEADER, False),
    ("0.05", "Vào sổ, đóng dấu, phát hành kết quả", Role.CLERK, False),
]

# (name, required, form, from the national database)
APPLICATION = ("Đơn đề nghị theo mẫu", True, CopyForm.ORIGINAL, False)
BUSINESS_REGISTRATION = ("Giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập", True,
                         CopyForm.CERTIFIED_COPY, True)


class SectorFactory(DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = "BUUCHINH"
    name = "Bưu chính"


class ProcedureFactory(DjangoModelFactory):
    class Meta:
        model = Procedure
        django_get_or_create = ("national_code", "local_suffix")

    national_code = factory.Sequence(lambda n: f"9.{n:06d}")
    local_suffix = ""


class ProcedureVersionFactory(DjangoModelFactory):
    class Meta:
        model = ProcedureVersion
        skip_postgeneration_save = True

    class Params:
        calendar_days = factory.Trait(time_limit_value=Decimal(30),
                                      time_limit_unit=Unit.CALENDAR_DAYS)
        no_limit = factory.Trait(time_limit_value=None, time_limit_unit="")
        pause_policy = factory.Trait(supplement_policy="pause")
        with_fee = factory.Trait(fee=factory.RelatedFactory(
            "tests.factories.catalog.FeeFactory", factory_related_name="version"))

    procedure = factory.SubFactory(ProcedureFactory)
    number = 1
    effective_from = IN_FORCE_FROM
    name = "Cấp văn bản xác nhận thông báo hoạt động bưu chính"
    sector = factory.SubFactory(SectorFactory)
    level = "province"
    deciding_agency = factory.SubFactory(AgencyFactory)
    channels = factory.LazyFunction(lambda: ["direct", "online", "postal"])
    online_level = "full"
    result_type = "both"
    time_limit_value = Decimal(10)
    time_limit_unit = Unit.WORKING_DAYS
    cutoff = dt.time(15, 0)
    supplement_policy = "restart"
    legal_basis = factory.LazyFunction(lambda: ["Nghị định 47/2011/NĐ-CP, Điều 8"])

    @factory.post_generation
    def receiving_agencies(version, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            version.receiving_agencies.set(extracted)

    @factory.post_generation
    def components(version, create, extracted, **kwargs):  # noqa: N805
        """``components=[(name, required, form, from_national_database), ...]``."""
        if not create:
            return
        for order, (name, required, form, from_db) in enumerate(
                extracted if extracted is not None else [APPLICATION, BUSINESS_REGISTRATION], 1):
            Component.objects.create(version=version, order=order, name=name, required=required,
                                     form=form, from_national_database=from_db)

    @factory.post_generation
    def fees(version, create, extracted, **kwargs):  # noqa: N805
        """``fees=[(name, amount in đồng), ...]``; none by default."""
        for name, amount in (extracted or []) if create else []:
            Fee.objects.create(version=version, kind=FeeKind.FEE, name=name, amount_vnd=amount,
                               legal_basis="Thông tư 291/2016/TT-BTC")

    @factory.post_generation
    def steps(version, create, extracted, division=None, **kwargs):  # noqa: N805
        """The usual process; ``steps__division=d``: the division of B1-B3; ``steps=False``:
        none."""
        if not create or extracted is False:
            return
        made = [ProcessStep.objects.create(
            version=version, key=f"B{number}", order=number, name=name, role=role,
            division=division if in_division else None, duration_value=hours,
            duration_unit=Unit.WORKING_HOURS, can_send_back=number > 1,
        ) for number, (name, role, in_division, hours) in enumerate(_usual(version), 1)]
        for step, nxt in zip(made, made[1:], strict=False):
            step.next_steps.add(nxt)

    @factory.post_generation
    def published(version, create, extracted, **kwargs):  # noqa: N805
        if create and extracted is not False:
            publish_version(version)


class FeeFactory(DjangoModelFactory):
    class Meta:
        model = Fee

    kind = FeeKind.FEE
    name = "Phí thẩm định điều kiện hoạt động bưu chính (phạm vi nội tỉnh)"
    amount_vnd = 10_000_000
    legal_basis = "Thông tư 291/2016/TT-BTC"


def _usual(version: ProcedureVersion) -> list[tuple[str, str, bool, Decimal]]:
    """Each step's share of the limit in working hours, down to the half hour (no limit:
    plan 10 working days)."""
    total = (working_hours_of(version.time_limit_value, version.time_limit_unit)
             if version.time_limit_value is not None else Decimal(80))
    return [(name, role, in_division,
             max((total * Decimal(share) * 2).to_integral_value(ROUND_FLOOR) / 2, Decimal("0.5")))
            for share, name, role, in_division in USUAL_PROCESS]


def consultation(version: ProcedureVersion, agency) -> ProcessStep:
    """LT1 (liên thông): ``agency``'s opinion, asked after B1 in parallel with the appraisal
    and as long as it, before B3, as the demo's process has it. On a version not yet
    published."""
    steps = {step.key: step for step in version.steps.all()}
    consult = ProcessStep.objects.create(
        version=version, key="LT1", order=len(steps) + 1, name="Lấy ý kiến cơ quan phối hợp",
        role=Role.SPECIALIST, agency=agency, duration_value=steps["B2"].duration_value,
        duration_unit=steps["B2"].duration_unit)
    steps["B1"].next_steps.add(consult)
    consult.next_steps.add(steps["B3"])
    return consult


def demo_procedure(code: str) -> ProcedureVersion:
    """The demo catalogue's procedure ``code`` as the demo has it (motcua/catalog/demo.py: name,
    sector, level, limits, texts, components, fees, the usual process with its consultation if
    any and the blank form of its first component), built by the factories. Its agencies and
    division must exist: the minimal world's for DP.BC…, ``culture_department``'s for the press
    procedures. tests/test_factories.py checks it against the demo's own entry."""
    from django.core.files import File

    from motcua.catalog import demo
    from motcua.catalog.models import ChannelLimit
    from motcua.org.models import Agency, Division

    spec = next(spec for spec in demo.PROCEDURES if spec["code"] == code)
    agency = Agency.objects.get(identifier_code=spec["agency"])
    value, unit = spec["limit"] or (None, "")
    version = ProcedureVersionFactory(
        procedure__national_code=code, name=spec["name"], level=spec["level"],
        sector=SectorFactory(**demo.SECTORS[spec["sector"]]), deciding_agency=agency,
        receiving_agencies=Agency.objects.filter(
            identifier_code__in=spec.get("receiving", [spec["agency"]])),
        time_limit_value=value and Decimal(value), time_limit_unit=unit,
        supplement_policy=spec.get("policy", "restart"),
        online_level=spec.get("online_level", "full"), legal_basis=spec["legal_basis"],
        description=spec.get("steps_text", demo.STEPS_TEXT),
        applicants=spec.get("applicants", demo.BUSINESSES),
        requirements=spec.get("requirements", demo.NO_REQUIREMENT),
        components=spec["components"], published=False,
        steps__division=Division.objects.get(agency=agency, name=spec["division"]))
    if consult := spec.get("consult"):
        consultation(version, Agency.objects.get(identifier_code=consult))
    for fee in spec.get("fees", []):
        FeeFactory(version=version, **fee)
    for channel, (value, unit, text), description in spec.get("channel_limits", []):
        ChannelLimit.objects.create(version=version, channel=channel, value=Decimal(value),
                                    unit=unit, text=text, description=description)
    with (demo.FORMS / f"{code}.pdf").open("rb") as blank:
        version.components.get(order=1).template.save(f"{code}.pdf", File(blank))
    return publish_version(version)


# the agencies the demo catalogue names, by identifier code: (name, abbreviation), as the demo's
DEMO_AGENCIES = {
    "000.00.12.H42": ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    "000.00.15.H42": ("Sở Khoa học và Công nghệ", "SKHCN"),
    "000.21.30.H42": ("Ủy ban nhân dân phường Hoa Lư", "UBND"),
    "000.22.30.H42": ("Ủy ban nhân dân xã Gia Viễn", "UBND"),
}


def demo_catalogue() -> list[ProcedureVersion]:
    """Every procedure of the demo catalogue (13), in its order, each as ``demo_procedure``
    builds it, with the agencies that decide and receive them and the divisions of their
    process (the demo's codes and names): a search over the demo's real names without the rest
    of the demo province."""
    from motcua.catalog import demo
    from tests.factories.org import DivisionFactory

    for code, (name, abbreviation) in DEMO_AGENCIES.items():
        AgencyFactory(identifier_code=code, name=name, abbreviation=abbreviation)
    for spec in demo.PROCEDURES:
        DivisionFactory(agency=AgencyFactory(identifier_code=spec["agency"]),
                        name=spec["division"])
    return [demo_procedure(spec["code"]) for spec in demo.PROCEDURES]
