"""Several people complaining together (domain feedback-complaints §4.2): the others named beside
the one who filed, and who among them represents the rest. Pure.

Luật Khiếu nại 2011 art. 8(4) and NĐ 124/2020 art. 6 (as amended by NĐ 155/2026): several
people complaining about one content appoint representatives from among themselves; the one who
filed the letter on the portal or at the desk writes for the group and is a representative.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

# Luật Tiếp công dân 42/2013/QH13 art. 30(1): a group names at most five representatives
MAX_REPRESENTATIVES = 5
MAX_PARTIES = 200
REPRESENTATIVE_MARK = "đại diện"


@dataclass(frozen=True)
class Party:
    name: str
    address: str
    id_number: str = ""
    representative: bool = False


class PartiesInvalid(ValueError):
    """The list cannot be read or breaks a rule; the message is for the person who typed it."""


def parse(text: str) -> list[Party]:
    """One person a line: "Họ tên; số định danh; địa chỉ", and "; đại diện" for a
    representative (the number may be left empty)."""
    found = []
    for number, line in enumerate((line for line in text.splitlines() if line.strip()), 1):
        cells = [cell.strip() for cell in line.split(";")]
        mark = len(cells) == 4 and cells[3].casefold() == REPRESENTATIVE_MARK
        if len(cells) not in (3, 4) or (len(cells) == 4 and not mark):
            raise PartiesInvalid(_(
                "Dòng %(n)s: ghi “Họ tên; số định danh; địa chỉ”, thêm “; đại diện” nếu là "
                "người đại diện.") % {"n": number})
        found.append(Party(name=cells[0], id_number=cells[1], address=cells[2],
                           representative=mark))
    return checked(found)


def checked(parties: list[Party]) -> list[Party]:
    """The parties with names and addresses trimmed, or the rule they break."""
    parties = [Party(p.name.strip(), p.address.strip(), p.id_number.strip(), p.representative)
               for p in parties]
    if any(not p.name or not p.address for p in parties):
        # Luật Khiếu nại 2011 art. 8(2): each complainant's name and address
        raise PartiesInvalid(_("Ghi họ tên và địa chỉ của từng người cùng khiếu nại."))
    if len(parties) > MAX_PARTIES:
        raise PartiesInvalid(_("Ghi tối đa %(n)s người cùng khiếu nại; kèm danh sách đầy đủ "
                               "trong đơn.") % {"n": MAX_PARTIES})
    # the filer is a representative too (module docstring)
    if parties and 1 + sum(p.representative for p in parties) > MAX_REPRESENTATIVES:
        raise PartiesInvalid(_("Nhiều người cùng khiếu nại cử không quá %(n)s người đại diện, kể "
                               "cả người gửi đơn.") % {"n": MAX_REPRESENTATIVES})
    return parties


def lines(parties) -> str:
    """The parties back as the lines ``parse`` reads."""
    return "\n".join(
        "; ".join([p.name, p.id_number, p.address] + ([REPRESENTATIVE_MARK] if p.representative
                                                        else []))
        for p in parties)
