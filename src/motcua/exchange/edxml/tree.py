"""Reading XML, hardened (no DOCTYPE, no entity, no network, bounded size), and the helpers
that read elements in either spelling and order."""

from __future__ import annotations

import re

from lxml import etree

from motcua.exchange.edxml.package import NS, EdxmlError, Organ, StaffInfo

# ---------------------------------------------------------------------------------------------
# Reading, hardened: no DOCTYPE, no entity, no network, bounded size

# huge_tree stays off: libxml2 then refuses any text node over 10,000,000 characters, so one
# attachment can be at most about 7.5 MB once decoded. [UNCERTAIN] whether real packages need
# more; turning it on is safe only because a DOCTYPE is refused before parsing.
HUGE_TREE = False
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_REFUSED_DTD = "Gói tin chứa khai báo DOCTYPE/thực thể, bị từ chối."


def _parser():
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=HUGE_TREE,
        remove_comments=True,
        remove_pis=True,
    )


def _has_declaration(data: bytes) -> bool:
    if _DECLARATION.search(data):
        return True
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            text = data[2:].decode(codec, errors="ignore").encode("utf-8")
            return bool(_DECLARATION.search(text))
    return False


def _local(element) -> str:
    return etree.QName(element).localname


def _ours(element) -> bool:
    namespace = etree.QName(element).namespace
    return namespace in (NS, None)


def _children(parent, *names: str) -> list:
    if parent is None:
        return []
    return [
        child
        for child in parent
        if isinstance(child.tag, str) and _ours(child) and _local(child) in names
    ]


def _child(parent, *names: str):
    found = _children(parent, *names)
    return found[0] if found else None


def _require(parent, where: str, *names: str):
    element = _child(parent, *names)
    if element is None:
        raise EdxmlError(f"Thiếu phần tử {names[0]} trong {where}.")
    return element


def _text(parent, *names: str) -> str:
    element = _child(parent, *names)
    if element is None or element.text is None:
        return ""
    return element.text.strip()


def _required_text(parent, where: str, *names: str) -> str:
    value = _text(parent, *names)
    if not value:
        raise EdxmlError(f"Thiếu giá trị {names[0]} trong {where}.")
    return value


def _texts(parent, name: str) -> tuple[str, ...]:
    """The non-empty texts of the children ``name``: an empty ``<Appendix/>`` is none."""
    values = ((element.text or "").strip() for element in _children(parent, name))
    return tuple(value for value in values if value)


def _int(parent, where: str, name: str, default: int) -> int:
    value = _text(parent, name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise EdxmlError(f"{where}/{name} phải là số nguyên, gặp {value!r}.") from None


def _flag(parent, name: str) -> bool:
    return _text(parent, name).lower() in ("1", "true")


def _b(*names: str) -> tuple[str, ...]:
    """Both spellings: the standard's Bussiness… and the corrected Business…."""
    return tuple(name for base in names for name in (base, base.replace("Bussiness", "Business")))



def _read_organ(element, where: str) -> Organ:
    return Organ(
        organ_id=_required_text(element, where, "OrganId"),
        organ_name=_text(element, "OrganName"),
        organ_add=_text(element, "OrganAdd"),
        email=_text(element, "Email"),
        telephone=_text(element, "Telephone"),
        fax=_text(element, "Fax"),
        website=_text(element, "Website"),
        organization_in_charge=_text(element, "OrganizationInCharge"),
    )


def _read_staff(element) -> StaffInfo:
    return StaffInfo(
        department=_text(element, "Department"),
        staff=_text(element, "Staff"),
        mobile=_text(element, "Mobile"),
        email=_text(element, "Email"),
    )
