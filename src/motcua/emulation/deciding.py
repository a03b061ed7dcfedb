"""Who decides an award and whose register numbers the decision.

The award type says who decides it (``AwardType.decided_by``, Luật Thi đua, khen thưởng 2022
điều 80): the provincial chair's awards (the province's Bằng khen and flag, the provincial
CSTĐ, TTLĐXS) are decisions of the Chairman of the provincial People's Committee, numbered in
the Committee's register (…/QĐ-UBND) and signed "CHỦ TỊCH"; an agency head's awards (Giấy
khen, LĐTT, CSTĐCS) and a commune chair's are decisions of the proposing agency itself, in its
own register, signed by its head (Giám đốc of a department, Chủ tịch of a commune). The
decision is numbered by the issuer per Nghị định 30/2020 điều 15. Awards above the province
(the Prime Minister's, the President's) are forwarded, not decided here.

One proposal goes to one deciding level: a nominee whose award another level decides is
refused, so that every proposal ends in one decision of one register.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from motcua.emulation.models import DecidedBy
from motcua.org.models import Agency

PROVINCE, OWN_AGENCY, ABOVE = "province", "own_agency", "above"
# Luật Thi đua, khen thưởng 2022 điều 80: the authority follows the award
LEVEL_OF = {
    DecidedBy.AGENCY_HEAD: OWN_AGENCY,
    DecidedBy.COMMUNE_CHAIR: OWN_AGENCY,
    DecidedBy.PROVINCE_CHAIR: PROVINCE,
    DecidedBy.PRIME_MINISTER: ABOVE,
    DecidedBy.PRESIDENT: ABOVE,
}
COMMITTEE_ABBREVIATION = "UBND"  # a People's Committee, whose head is its chair


@dataclass(frozen=True)
class Authority:
    """The issuer of the decision and the title printed above its signature."""

    agency: Agency
    position: str


def level_of(decided_by: str) -> str:
    return LEVEL_OF[DecidedBy(decided_by)]


def mixing_refusal(decided_by: str, others: set[str]) -> str | None:
    """Why a nominee decided by ``decided_by`` cannot join nominees decided by ``others``."""
    if not others or {level_of(other) for other in others} == {level_of(decided_by)}:
        return None
    return _("Mỗi hồ sơ chỉ đề nghị danh hiệu, hình thức thuộc một cấp quyết định (Luật Thi "
             "đua, khen thưởng điều 80): “%(authority)s” khác cấp với các trường hợp đã có "
             "trong hồ sơ. Lập hồ sơ riêng cho cấp này.") % {
        "authority": DecidedBy(decided_by).label}


def head_title(agency: Agency) -> str:
    """The head's title: the chair of a People's Committee, the director of a department."""
    if agency.abbreviation.upper() == COMMITTEE_ABBREVIATION:
        return str(_("Chủ tịch"))
    return str(_("Giám đốc"))


def province_committee(agency: Agency) -> Agency:
    """The provincial People's Committee: the top of the agency's chain of parents."""
    while agency.parent_id is not None:
        agency = agency.parent
    return agency


def deciding_authority(proposing: Agency, decided_by: str) -> Authority:
    # Luật Thi đua, khen thưởng 2022 điều 80; Nghị định 30/2020 điều 15: the issuer numbers it
    issuer = province_committee(proposing) if level_of(decided_by) == PROVINCE else proposing
    return Authority(agency=issuer, position=head_title(issuer))
