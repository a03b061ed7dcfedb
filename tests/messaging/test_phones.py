"""Phone numbers become 84 and the nine digits of a mobile number (integrations §5.2)."""

import pytest

from motcua.messaging.phones import msisdn


@pytest.mark.parametrize(("typed", "expected"), [
    ("0912345678", "84912345678"),
    ("0912 345 678", "84912345678"),
    ("0912.345.678", "84912345678"),
    ("+84 912 345 678", "84912345678"),
    ("+84912345678", "84912345678"),
    ("84912345678", "84912345678"),
    ("(+84) 386-123-456", "84386123456"),
    ("0386123456", "84386123456"),
])
def test_a_mobile_number_as_typed_becomes_84_and_nine_digits(typed, expected):
    assert msisdn(typed) == expected


@pytest.mark.parametrize("typed", [
    "", "02433334444",  # a landline (Hà Nội)
    "091234567", "09123456789", "0112345678", "841234", "abc0912345678", "+1 912 345 678",
])
def test_anything_but_a_mobile_number_is_refused(typed):
    assert msisdn(typed) is None
