"""Reads of the text messages, each for the one who asks."""

from __future__ import annotations

from motcua.messaging.models import PhoneChannel, PhonePreference


def phone_channel(user) -> PhoneChannel:
    """What ``user`` chose on their account page (no row: no text message)."""
    chosen = PhonePreference.objects.filter(user=user).values_list("channel", flat=True).first()
    return PhoneChannel(chosen or PhoneChannel.NONE)
