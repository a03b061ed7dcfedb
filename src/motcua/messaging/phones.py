"""Phone numbers as the SMS brandname and Zalo ZNS want them: ``84`` and the nine digits of a
Vietnamese mobile number (integrations §5.2, §5.3)."""

from __future__ import annotations

import re

from motcua.core.identifiers import normalize_phone

MOBILE = re.compile(r"0([35789]\d{8})")


def msisdn(value: str) -> str | None:
    """'0912 345.678', '+84 912 345 678', '84912345678' -> '84912345678'; None for anything
    that is not a mobile number (a landline, too short, letters): nothing is sent to it."""
    digits = normalize_phone(value)
    if re.fullmatch(r"84\d{9}", digits):
        digits = "0" + digits[2:]
    found = MOBILE.fullmatch(digits)
    return f"84{found.group(1)}" if found else None
