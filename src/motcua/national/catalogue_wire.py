"""The national procedure catalogue's replies as plain data (integrations §1.6). Pure: no Django.

The provincial proxy answers ``{"message": "<JSON string>"}``; the inner JSON holds
``"result": […]``. A record of ``LayThuTuc`` is read tolerantly: numbers as numbers or strings,
a list missing or null read as empty, unknown keys ignored; what motcua needs and cannot find is
reported by name (``RecordProblem``), never guessed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

OK_CODES = ("0", "00")  # error_code of success (integrations §1.5)
# KENH of CACHTHUCTHUCHIEN: 1 at the counter, 2 online, 3 by post (HV ThuTucApp)
CHANNELS = {"1": "direct", "2": "online", "3": "postal"}
# CAPTHUCHIEN: 0 ministry, 1 province, 2 district, 3 commune (integrations §1.6)
LEVELS = {"1": "province", "2": "district", "3": "commune"}
THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
WIRE_DATE_FORMATS = ("%Y%m%d%H%M%S", "%Y%m%d", "%d/%m/%Y", "%Y-%m-%d")


class ReplyProblem(StrEnum):
    NOT_JSON = "not_json"  # the body is not JSON
    NO_MESSAGE = "no_message"  # no "message" string: not the proxy's envelope
    INNER_NOT_JSON = "inner_not_json"  # the message is not JSON (double encoding broken)
    NO_RESULT = "no_result"  # the inner JSON has no "result" list
    REFUSED = "refused"  # the inner error_code is not success


class ReplyError(ValueError):
    def __init__(self, problem: ReplyProblem, detail: str = "") -> None:
        super().__init__(f"{problem}: {detail}")
        self.problem, self.detail = problem, detail


def result_of(body: str) -> list[dict]:
    """The ``result`` records of a double-encoded reply (non-dict items dropped)."""
    try:
        outer = json.loads(body)
    except ValueError:
        raise ReplyError(ReplyProblem.NOT_JSON, body[:200]) from None
    message = outer.get("message") if isinstance(outer, dict) else None
    if not isinstance(message, str):
        raise ReplyError(ReplyProblem.NO_MESSAGE, body[:200])
    try:
        inner = json.loads(message)
    except ValueError:
        raise ReplyError(ReplyProblem.INNER_NOT_JSON, message[:200]) from None
    if not isinstance(inner, dict) or not isinstance(inner.get("result"), list):
        raise ReplyError(ReplyProblem.NO_RESULT, message[:200])
    code = str(inner.get("error_code", "0")).strip()
    if code not in OK_CODES:
        raise ReplyError(ReplyProblem.REFUSED, str(inner.get("message", ""))[:200])
    return [item for item in inner["result"] if isinstance(item, dict)]


def text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def number(value: Any) -> int:
    """'2', 2, '' or None -> 2, 2, 0, 0; anything else 0."""
    try:
        return max(int(str(value).strip() or 0), 0)
    except ValueError:
        return 0


def items(record: dict, key: str) -> list[dict]:
    value = record.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def wire_date(value: Any) -> dt.date | None:
    raw = text(value)
    for pattern in WIRE_DATE_FORMATS:
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class WireFee:
    description: str
    amount_vnd: int | None  # SOTIEN; None when it is not a sum


def amount_vnd(value: Any) -> int | None:
    """SOTIEN: 100000, "100000", "100.000", "100000.0" -> 100000; else None."""
    raw = text(value).replace(" ", "")
    if THOUSANDS.fullmatch(raw):
        return int(re.sub(r"\D", "", raw))
    try:
        amount = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None
    return int(amount) if amount == amount.to_integral_value() and amount >= 0 else None


@dataclass(frozen=True)
class WireChannel:
    channel: str  # motcua's: direct, online, postal
    limit_texts: tuple[str, ...]  # "20 Ngày làm việc", one per THOIGIAN
    description: str
    fees: tuple[WireFee, ...]


@dataclass(frozen=True)
class WireDocument:
    case: str
    name: str
    originals: int
    copies: int


@dataclass
class WireProcedure:
    code: str
    name: str
    sector_code: str
    sector_name: str
    levels: list[str]
    agencies: list[str]
    channels: list[WireChannel]
    documents: list[WireDocument]
    legal_basis: list[str]
    result: tuple[str, str]
    decision_id: str
    problems: list[str] = field(default_factory=list)  # keys missing or unreadable


class RecordProblem(StrEnum):
    MISSING = "missing"  # a required key is empty (its name follows)
    LEVEL = "level"  # a CAPTHUCHIEN motcua does not carry out (0: a ministry)
    CHANNEL = "channel"  # a KENH other than 1, 2, 3


def read_procedure(record: dict) -> WireProcedure:
    """A ``LayThuTuc`` record; ``problems`` lists, as ``"<problem>:<key or value>"``, what is
    missing or unknown (the caller words it)."""
    problems = [f"{RecordProblem.MISSING}:{key}" for key in ("MATTHC", "TENTTHC")
                if not text(record.get(key))]
    sectors = items(record, "LINHVUCTHUCHIEN")
    if not sectors or not text(sectors[0].get("TENLINHVUC")):
        problems.append(f"{RecordProblem.MISSING}:LINHVUCTHUCHIEN")
    levels = []
    for item in items(record, "CAPTHUCHIEN"):
        level = LEVELS.get(text(item.get("CAPTHUCHIEN")))
        if level is None:
            problems.append(f"{RecordProblem.LEVEL}:{text(item.get('CAPTHUCHIEN'))}")
        elif level not in levels:
            levels.append(level)
    if not levels:
        problems.append(f"{RecordProblem.MISSING}:CAPTHUCHIEN")
    agencies = [text(a.get("TENDONVI")) for a in items(record, "COQUANTHUCHIEN")
                if text(a.get("TENDONVI"))]
    if not agencies:
        problems.append(f"{RecordProblem.MISSING}:COQUANTHUCHIEN")
    channels = []
    for way in items(record, "CACHTHUCTHUCHIEN"):
        channel = CHANNELS.get(text(way.get("KENH")))
        if channel is None:
            problems.append(f"{RecordProblem.CHANNEL}:{text(way.get('KENH'))}")
            continue
        channels.append(_channel(channel, way))
    if not channels:
        problems.append(f"{RecordProblem.MISSING}:CACHTHUCTHUCHIEN")
    results = items(record, "KETQUATHUCHIEN")
    return WireProcedure(
        code=text(record.get("MATTHC")), name=text(record.get("TENTTHC")),
        sector_code=text(sectors[0].get("MALINHVUC")) if sectors else "",
        sector_name=text(sectors[0].get("TENLINHVUC")) if sectors else "",
        levels=levels, agencies=agencies, channels=channels,
        documents=[WireDocument(text(case.get("TRUONGHOP")), text(doc.get("TENGIAYTO")),
                                number(doc.get("SOBANCHINH")), number(doc.get("SOBANSAO")))
                   for case in items(record, "THANHPHANHOSO")
                   for doc in items(case, "GIAYTO") if text(doc.get("TENGIAYTO"))],
        legal_basis=[_basis(item) for item in items(record, "CANCUPHAPLY") if _basis(item)],
        result=(text(results[0].get("MAKETQUA")), text(results[0].get("TENKETQUA")))
        if results else ("", ""),
        decision_id=text(record.get("IDQUYETDINHCONGBO")),
        problems=problems,
    )


def _channel(channel: str, way: dict) -> WireChannel:
    limits, descriptions = [], []
    for limit in items(way, "THOIGIAN"):
        amount, unit, note = (text(limit.get(key)) for key in
                              ("THOIGIANGIAIQUYET", "DONVITINH", "MOTA"))
        # no amount: the description states it ("Trong ngày", "Khác")
        limits.append(f"{amount} {unit}".strip() if amount and amount != "0" else note or unit)
        if note and amount and amount != "0":
            descriptions.append(note)
    fees = tuple(WireFee(text(fee.get("MOTA")), amount_vnd(fee.get("SOTIEN")))
                 for fee in items(way, "PHILEPHI"))
    return WireChannel(channel, tuple(dict.fromkeys(limits)), "; ".join(descriptions), fees)


def _basis(item: dict) -> str:
    """'Luật Đất đai (31/2024/QH15)'."""
    name, number_ = text(item.get("TENVANBAN")), text(item.get("SOVANBAN"))
    return f"{name} ({number_})" if name and number_ else name or number_
