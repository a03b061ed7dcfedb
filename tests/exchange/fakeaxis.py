"""A fake national axis for tests: the same REST contract as motcua.exchange.axis, on 127.0.0.1.

    with FakeAxis() as fake:
        fake.add_system("sys-a", organ_ids=["000.00.00.H01"])
        fake.add_system("sys-b", organ_ids=["000.00.01.H01"])
        client_a = fake.client("sys-a")   # an AxisClient with the right secret
        doc_id = client_a.send(build_document(pkg), "edoc")
        fake.client("sys-b").received()   # -> [ReceivedItem(...)]

It checks the HMAC headers of every request (401 on a bad signature or an unknown system),
checks hash-file on sendEdoc, reads each sent package with edxml.parse and puts a copy in the
inbox of the system serving each recipient (the `to` parameter when given, else the package's
To entries; a status package goes to its ResponseFor organ). Each delivery gets its own axis id.
updateStatus(done|fail) takes the item off the list; `redeliver(doc_id)` delivers a sent package
again, for the idempotency tests.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.parser
import email.policy
import hmac
import itertools
import json
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from motcua.core.dates import VN_TZ
from motcua.exchange import axis, edxml
from motcua.exchange.axis import AxisClient, hash_file


def verify_signature(headers: Mapping[str, str], secret: str) -> bool:
    """The axis's side of axis.sign_headers: the HMAC matches the signed string
    and every signed name carries, as a header, the value that was signed."""
    lower = {name.lower(): value for name, value in headers.items()}
    sign_header = lower.get("xroadvnpt-sign-header", "")
    given = lower.get("xroadvnpt-hash-header", "")
    if not sign_header or not hmac.compare_digest(given, axis.hash_header(sign_header, secret)):
        return False
    try:
        signed = json.loads(sign_header)
    except ValueError:
        return False
    names = lower.get("xroadvnpt-sign-header-key", "").split(";")
    if not isinstance(signed, dict) or not {"timestamp", "systemid"} <= set(names):
        return False
    for name in names:
        key = f"XroadVnpt-{name}"
        if signed.get(key) is None or lower.get(key.lower()) != signed[key]:
            return False
    return True


@dataclass
class Delivery:
    """One package waiting in (or taken from) a system's inbox."""

    doc_id: str
    system_id: str
    sent_id: str  # the id the sender got back
    from_code: str
    to_code: str
    message_type: str
    data: bytes
    created: dt.datetime
    status: str = "initial"  # initial, then done or fail after updateStatus

    def as_json(self) -> dict:
        stamp = self.created.strftime("%Y-%m-%d %H:%M:%S")
        return {
            "docId": self.doc_id,
            "from": self.from_code,
            "to": self.to_code,
            "serviceType": "eDoc",
            "messageType": self.message_type,
            "status": self.status,
            "status_desc": "",
            "created_time": stamp,
            "updated_time": stamp,
        }


@dataclass
class Sent:
    """One package a system sent, as the axis stored it."""

    doc_id: str
    system_id: str
    message_type: str
    data: bytes
    package: edxml.DocumentPackage | edxml.StatusPackage
    to_codes: tuple[str, ...]
    deliveries: list[str] = field(default_factory=list)


class FakeAxis:
    def __init__(self):
        self.secrets: dict[str, str] = {}  # system id -> secret
        self.routes: dict[str, str] = {}  # organ id -> system id
        self.sent: list[Sent] = []
        self.deliveries: dict[str, Delivery] = {}
        self.requests: list[tuple[str, str, int]] = []  # (operation, system id, HTTP status)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- configuration ----------------------------------------------------------------------

    def add_system(self, system_id: str, secret: str | None = None, organ_ids=()) -> str:
        """Register a system (its secret, generated when not given) and the organs it serves."""
        self.secrets[system_id] = secret or secrets.token_hex(16)
        for organ_id in organ_ids:
            self.route(organ_id, system_id)
        return self.secrets[system_id]

    def route(self, organ_id: str, system_id: str) -> None:
        self.routes[organ_id] = system_id

    @property
    def url(self) -> str:
        assert self._server is not None, "FakeAxis is not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def client(self, system_id: str, timeout: float = 5) -> AxisClient:
        return AxisClient(self.url, system_id, self.secrets[system_id], timeout=timeout)

    def settings_for(self, system_id: str) -> dict:
        """A MOTCUA_AXIS settings value pointing at this fake as `system_id`."""
        return {
            "URL": self.url,
            "SYSTEM_ID": system_id,
            "SECRET": self.secrets[system_id],
            "POLL_SECONDS": 5,
        }

    # -- what tests look at -----------------------------------------------------------------

    def inbox(self, system_id: str, message_type: str | None = None) -> list[Delivery]:
        """The deliveries still waiting for `system_id` (no updateStatus yet)."""
        with self._lock:
            return [
                item
                for item in self.deliveries.values()
                if item.system_id == system_id
                and item.status == "initial"
                and (message_type is None or item.message_type == message_type)
            ]

    def sent_by(self, system_id: str) -> list[Sent]:
        with self._lock:
            return [item for item in self.sent if item.system_id == system_id]

    def redeliver(self, doc_id: str, *, same_id: bool = False) -> list[str]:
        """Deliver a sent package (by the id its sender got) again; with `same_id` the existing
        deliveries come back to the inbox under their own ids, otherwise new ids are made."""
        with self._lock:
            sent = next(item for item in self.sent if item.doc_id == doc_id)
            if same_id:
                for delivery_id in sent.deliveries:
                    self.deliveries[delivery_id].status = "initial"
                return list(sent.deliveries)
            return self._deliver(sent)

    def inject(
        self,
        system_id: str,
        data: bytes,
        *,
        from_code: str,
        to_code: str,
        message_type: str = "edoc",
    ) -> str:
        """Put a package in `system_id`'s inbox as the axis relays it, without reading it (a
        real-world package, readable or not); its delivery id."""
        with self._lock:
            delivery = Delivery(
                doc_id=self._new_id(),
                system_id=system_id,
                sent_id="",
                from_code=from_code,
                to_code=to_code,
                message_type=message_type,
                data=data,
                created=dt.datetime.now(tz=VN_TZ),
            )
            self.deliveries[delivery.doc_id] = delivery
        return delivery.doc_id

    def relist(self, doc_id: str) -> None:
        """List a delivery again after its updateStatus, as an axis may."""
        with self._lock:
            self.deliveries[doc_id].status = "initial"

    def status_of(self, doc_id: str) -> str:
        with self._lock:
            return self.deliveries[doc_id].status

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> FakeAxis:
        handler = type("Handler", (_Handler,), {"axis": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self) -> FakeAxis:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- the contract -----------------------------------------------------------------------

    def _new_id(self) -> str:
        return f"axis-{next(self._ids):06d}"

    def _deliver(self, sent: Sent) -> list[str]:
        sender = sent.package.sender.organ_id
        made = []
        for organ_id in sent.to_codes:
            system_id = self.routes.get(organ_id)
            if system_id is None:
                continue
            delivery = Delivery(
                doc_id=self._new_id(),
                system_id=system_id,
                sent_id=sent.doc_id,
                from_code=sender,
                to_code=organ_id,
                message_type=sent.message_type,
                data=sent.data,
                created=dt.datetime.now(tz=VN_TZ),
            )
            self.deliveries[delivery.doc_id] = delivery
            sent.deliveries.append(delivery.doc_id)
            made.append(delivery.doc_id)
        return made

    def send_edoc(self, system_id: str, headers, data: bytes) -> tuple[int, dict]:
        message_type = headers.get("XroadVnpt-messagetype", "")
        if message_type not in ("edoc", "status"):
            return 400, _fail("400", f"messagetype không hợp lệ: {message_type!r}")
        if headers.get("XroadVnpt-hash-file") != hash_file(data):
            return 400, _fail("400", "hash-file không khớp với tệp gửi lên")
        try:
            package = edxml.parse(data)
        except edxml.EdxmlError as error:
            return 400, _fail("400", f"Gói tin edXML không hợp lệ: {error}")
        is_status = isinstance(package, edxml.StatusPackage)
        if is_status != (message_type == "status"):
            return 400, _fail("400", "messagetype không khớp với loại gói tin")
        to_header = headers.get("XroadVnpt-to")
        if to_header:
            to_codes = tuple(json.loads(to_header))
            unknown = [code for code in to_codes if code not in self.routes]
            if unknown:
                return 200, _fail("404", f"Không tìm thấy đơn vị nhận: {', '.join(unknown)}")
        elif is_status:
            to_codes = (package.receiver.organ_id,)
        else:
            to_codes = tuple(organ.organ_id for organ in package.recipients)
        with self._lock:
            sent = Sent(self._new_id(), system_id, message_type, data, package, to_codes)
            if not self._deliver(sent):
                return 200, _fail("404", "Không có đơn vị nhận nào kết nối với trục")
            self.sent.append(sent)
        return 200, {"status": "OK", "ErrorCode": "0", "ErrorDesc": "", "DocId": sent.doc_id}

    def received_list(self, system_id: str, headers) -> tuple[int, dict]:
        message_type = headers.get("XroadVnpt-messagetype", "edoc")
        items = [item.as_json() for item in self.inbox(system_id, message_type)]
        return 200, {"status": "OK", "ErrorCode": "0", "ErrorDesc": "", "data": items}

    def get_edoc(self, system_id: str, headers) -> tuple[int, dict]:
        with self._lock:
            item = self.deliveries.get(headers.get("XroadVnpt-docId", ""))
        if item is None or item.system_id != system_id:
            return 404, _fail("404", "Không tìm thấy gói tin")
        data = base64.b64encode(item.data).decode("ascii")
        return 200, {"status": "OK", "ErrorCode": "0", "ErrorDesc": "", "data": data}

    def update_status(self, system_id: str, headers) -> tuple[int, dict]:
        status = headers.get("XroadVnpt-status", "")
        if status not in ("done", "fail"):
            return 400, _fail("400", f"Trạng thái không hợp lệ: {status!r}")
        with self._lock:
            item = self.deliveries.get(headers.get("XroadVnpt-docid", ""))
            if item is None or item.system_id != system_id:
                return 404, _fail("404", "Không tìm thấy gói tin")
            item.status = status
        return 200, {"status": "OK", "ErrorCode": "0", "ErrorDesc": ""}


def _fail(code: str, description: str) -> dict:
    return {"status": "FAIL", "ErrorCode": code, "ErrorDesc": description}


def _file_doc(content_type: str, body: bytes) -> bytes | None:
    """The `file_doc` part of a multipart/form-data body."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode("latin-1") + body
    )
    if not message.is_multipart():
        return None
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "file_doc":
            return part.get_payload(decode=True)
    return None


class _Handler(BaseHTTPRequestHandler):
    axis: FakeAxis
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # quiet in tests
        pass

    def do_GET(self):
        self._answer("", 405, _fail("405", "Chỉ nhận POST"))

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        operation = self.path.rstrip("/").rsplit("/", 1)[-1]
        system_id = self.headers.get("XroadVnpt-systemid", "")
        secret = self.axis.secrets.get(system_id)
        headers = dict(self.headers.items())
        if secret is None or not verify_signature(headers, secret):
            return self._answer(operation, 401, _fail("401", "Chữ ký không hợp lệ"), system_id)
        if operation == "sendEdoc":
            data = _file_doc(self.headers.get("Content-Type", ""), body)
            if data is None:
                status, answer = 400, _fail("400", "Thiếu phần file_doc")
            else:
                status, answer = self.axis.send_edoc(system_id, self.headers, data)
        elif operation == "getReceivedEdocList":
            status, answer = self.axis.received_list(system_id, self.headers)
        elif operation == "getEdoc":
            status, answer = self.axis.get_edoc(system_id, self.headers)
        elif operation == "updateStatus":
            status, answer = self.axis.update_status(system_id, self.headers)
        else:
            status, answer = 404, _fail("404", f"Không có thao tác {operation}")
        self._answer(operation, status, answer, system_id)

    def _answer(self, operation: str, status: int, answer: dict, system_id: str = "") -> None:
        self.axis.requests.append((operation, system_id, status))
        payload = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
