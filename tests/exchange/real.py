"""The real-world packages of tests/exchange/data/real (see its README for their sources) and
the one-change variants the tests derive from them."""

from __future__ import annotations

import re
from pathlib import Path

REAL = Path(__file__).parent / "data" / "real"

# the DocumentId of the SDK's first sample (sdk_unreadable.edxml): a UUID
SDK_UUID = "9fbfbad2-f1f8-4256-a2eb-50fb1061cddb"
BARE_RESPONSE_FOR = b"<edXML:ResponseFor />"


def load(name: str) -> bytes:
    return (REAL / name).read_bytes()


def sdk_empty_response_for() -> bytes:
    """The all-empty ResponseFor block of the SDK's first sample, as it is written there."""
    found = re.search(
        rb"<edXML:ResponseFor>.*?</edXML:ResponseFor>", load("sdk_unreadable.edxml"), re.DOTALL
    )
    assert found is not None
    return found.group(0)


def _replace_once(data: bytes, pattern: bytes, replacement: bytes) -> bytes:
    changed, count = re.subn(pattern, replacement, data, count=1)
    assert count == 1, pattern
    return changed


def with_document_id(data: bytes, document_id: str) -> bytes:
    """The package with only its first DocumentId (MessageHeader's, or ResponseFor's in a
    status package) changed."""
    return _replace_once(
        data,
        rb"<edXML:DocumentId>[^<]*</edXML:DocumentId>",
        b"<edXML:DocumentId>" + document_id.encode() + b"</edXML:DocumentId>",
    )


def with_response_for(data: bytes, block: bytes) -> bytes:
    """The package with a ResponseFor block added before its SteeringType."""
    return _replace_once(data, rb"<edXML:SteeringType>", block + b"<edXML:SteeringType>")


def with_code_number(data: bytes, number: str) -> bytes:
    return _replace_once(
        data,
        rb"<edXML:CodeNumber>[^<]*</edXML:CodeNumber>",
        b"<edXML:CodeNumber>" + number.encode() + b"</edXML:CodeNumber>",
    )
