"""Links to a dossier's file that another system fetches without signing in (DVCQG reads the
electronic result and the submitted files at the addresses of its sync, integrations §1.4,
§6.2): the file's download address with a key signed by motcua that expires after
``MOTCUA_ERESULT_LINK_DAYS`` days (docs/eresults.md). Django's signing: the key names the file
and the time it was made; a changed or old key opens nothing.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.urls import reverse

from motcua.dossiers.models import Attachment

SALT = "motcua.dossiers.links"


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def _value(code: str, pk: int) -> str:
    return f"{code}/{pk}"


def key_for(attachment: Attachment) -> str:
    """The signed key of one file of a dossier (its time and signature, not the value)."""
    value = _value(attachment.dossier.code, attachment.pk)
    return _signer().sign(value).removeprefix(f"{value}{_signer().sep}")


def public_link(attachment: Attachment) -> str:
    """The file's address as another system fetches it: motcua's public URL, the signed key."""
    path = reverse("dossiers:signed_attachment",
                   kwargs={"code": attachment.dossier.code, "pk": attachment.pk,
                           "key": key_for(attachment)})
    return f"{settings.MOTCUA_PUBLIC_URL}{path}"


def key_holds(code: str, pk: int, key: str) -> bool:
    """Whether ``key`` was signed by motcua for this file and is younger than the lifetime."""
    signed = f"{_value(code, pk)}{_signer().sep}{key}"
    try:
        _signer().unsign(signed, max_age=dt.timedelta(days=settings.MOTCUA_ERESULT_LINK_DAYS))
    except signing.BadSignature:  # forged, another file's, or expired (SignatureExpired)
        return False
    return True
