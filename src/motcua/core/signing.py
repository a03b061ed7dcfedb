"""Digital signatures on PDFs (PAdES, with pyHanko): the competent person's, then the agency's
seal, and the validation of signed PDFs an agency receives.

Signing appends an incremental update, so an earlier signature stays intact. The visible fields
follow NĐ 30/2020 Phụ lục I: the person's signature in the signer block at the bottom right of the
(last) page, the seal over the left third of it (see ``default_box``). The appearance is a
small HTML template (``core/signing_appearance.html``) drawn by WeasyPrint, so Vietnamese text
is shaped the way the slips are.

Validation never goes on the network: no OCSP or CRL is fetched and revocation is **not
checked** (soft-fail); "trusted" means the chain leads to a root in ``TRUST_ROOTS``. Whether the
document was changed after signing beyond what the signature allows is pyHanko's verdict
(coverage, difference analysis, DocMDP), never a guess of ours.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import functools
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import weasyprint
from asn1crypto import pem
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils import content, layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
from pyhanko.sign.signers.pdf_signer import PdfSigner
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext

from motcua.core.dates import VN_TZ, vn_date, vn_datetime

log = logging.getLogger(__name__)


class _OneLine(logging.Filter):
    """pyHanko logs every untrusted or unreadable signature with its whole traceback (some 150
    lines) although the verdict already says it: keep one line, at info for its warnings."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = " ".join(record.getMessage().split()), ()
        record.exc_info = record.exc_text = None
        if record.levelno == logging.WARNING:
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


PYHANKO_VALIDATION_LOGGERS = ("pyhanko.sign.validation.generic_cms",
                              "pyhanko.sign.validation.pdf_embedded",
                              "pyhanko.sign.validation.status",
                              "pyhanko.sign.diff_analysis.policies")
for _name in PYHANKO_VALIDATION_LOGGERS:
    logging.getLogger(_name).addFilter(_OneLine())

Kind = Literal["person", "seal"]
Box = tuple[float, float, float, float]  # x1, y1, x2, y2 in points, origin bottom left

PERSON_FIELD = "Chu_ky"  # chữ ký của người có thẩm quyền
SEAL_FIELD = "Dau_co_quan"  # chữ ký số của cơ quan, tổ chức (con dấu)
FIELD_PREFIX = {"person": PERSON_FIELD, "seal": SEAL_FIELD}

# Default boxes, in points (1 mm = 2.835 pt); on A4 (595 x 842 pt) the person's box is
# x 360-530, y 110-180 and the seal's x 315-417, y 94-196.
RIGHT_MARGIN = 65.0  # the page's right margin (NĐ 30: 15-20 mm) and a little air
PERSON_WIDTH, PERSON_HEIGHT = 170.0, 70.0  # 60 x 25 mm: a signature on the signer block
PERSON_BOTTOM = 110.0  # above the signer's printed name, near the foot of the last page
SEAL_DIAMETER = 102.0  # 36 mm, the usual round seal at its actual size


class SigningError(Exception):
    """A key, certificate or PDF that cannot be used; the message is for a person."""


# --- who signs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SigningIdentity:
    """A private key with its certificate chain, ready to sign."""

    signer: signers.SimpleSigner

    @classmethod
    def from_pkcs12(cls, data: bytes, passphrase: str) -> SigningIdentity:
        """Open a .p12/.pfx file; SigningError for a wrong passphrase or a file that is not one."""
        if not _is_pkcs12(data):
            raise SigningError(str(_("Tệp không phải là khóa ký số PKCS#12 (.p12, .pfx).")))
        try:
            key, cert, chain = pkcs12.load_key_and_certificates(
                data, passphrase.encode() if passphrase else None)
        except (ValueError, TypeError) as exc:
            raise SigningError(str(_("Mật khẩu của tệp khóa ký số không đúng."))) from exc
        if key is None or cert is None:
            raise SigningError(str(_("Tệp PKCS#12 không chứa khóa riêng và chứng thư ký số.")))
        try:
            signer = signers.SimpleSigner.load_pkcs12_data(
                data, other_certs=[], passphrase=passphrase.encode() if passphrase else None)
        except ValueError as exc:  # a key type pyHanko cannot sign with
            raise SigningError(str(_("Không dùng được khóa ký số trong tệp PKCS#12."))) from exc
        return cls(signer)

    @property
    def subject_name(self) -> str:
        """The certificate's common name (CN), e.g. 'Nguyễn Văn An'."""
        return _common_name(self.signer.signing_cert)

    @property
    def organisation(self) -> str:
        return _subject_part(self.signer.signing_cert, "organization_name")


def _is_pkcs12(data: bytes) -> bool:
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native == "data"
    except (ValueError, TypeError, KeyError):
        return False


def _name_part(name: asn1_x509.Name, part: str) -> str:
    value = name.native.get(part, "")
    return value[-1] if isinstance(value, list) else str(value)


def _subject_part(cert: asn1_x509.Certificate | None, part: str) -> str:
    return "" if cert is None else _name_part(cert.subject, part)


def _common_name(cert: asn1_x509.Certificate | None) -> str:
    return _subject_part(cert, "common_name")


def seal_identity_for(identifier_code: str) -> SigningIdentity | None:
    """The agency's seal key, ``<SEAL_DIR>/<identifier code>.p12``; None when not configured.

    A key that is there but cannot be opened (wrong passphrase, damaged file) is an operator's
    error: SigningError, so a seal never silently goes missing."""
    config = settings.MOTCUA_SIGNING
    folder: Path | None = config.get("SEAL_DIR")
    code = (identifier_code or "").strip()
    if folder is None or not code or "/" in code or "\\" in code or code.startswith("."):
        return None
    path = Path(folder) / f"{code}.p12"
    if not path.is_file():
        return None
    return SigningIdentity.from_pkcs12(path.read_bytes(), config.get("SEAL_PASSPHRASE") or "")


def sealed(data: bytes, agency) -> bytes:
    """The PDF with ``agency``'s seal signature when a seal key is configured for it, else as is.

    A key that is configured but unusable, or a PDF pyHanko cannot sign, is logged and the file
    goes out unsealed: a slip or a result is never held back for its seal."""
    try:
        identity = seal_identity_for(agency.identifier_code)
        if identity is None:
            return data
        return sign_pdf(data, identity, kind="seal", location=agency.name)
    except SigningError:
        log.exception("not sealed by %s: seal key unusable or PDF unreadable",
                      agency.identifier_code)
        return data


# --- where the signature goes --------------------------------------------------------------


def default_box(kind: Kind, page_width: float, page_height: float,
                person_box: Box | None = None) -> Box:
    """The visible field of a signature on a page of this size (points). Pure.

    The person's signature sits in the signer block at the bottom right; the seal, at its actual
    size, covers the left third of the person's signature (``person_box`` when the PDF already
    has one, else where the default one would be).
    # NĐ 30/2020 Phụ lục I: con dấu trùm lên khoảng 1/3 chữ ký về phía bên trái
    """
    x2 = page_width - RIGHT_MARGIN
    person = person_box or (x2 - PERSON_WIDTH, PERSON_BOTTOM, x2, PERSON_BOTTOM + PERSON_HEIGHT)
    if kind == "person":
        return person
    px1, py1, px2, py2 = person
    right = px1 + (px2 - px1) / 3
    middle = (py1 + py2) / 2
    return (right - SEAL_DIAMETER, middle - SEAL_DIAMETER / 2, right, middle + SEAL_DIAMETER / 2)


class _PdfPage(content.PdfContent):
    """The first page of an in-memory PDF, drawn as a form XObject (the appearance)."""

    def __init__(self, data: bytes):
        super().__init__()
        self._data = data

    def render(self) -> bytes:
        xobject = self._ensure_writer.import_page_as_xobject(
            PdfFileReader(io.BytesIO(self._data)), page_ix=0)
        self.resources.xobject["/Appearance"] = xobject
        x1, y1, x2, y2 = (float(v) for v in xobject.get_object()["/BBox"])
        self.box = layout.BoxConstraints(width=abs(x2 - x1), height=abs(y2 - y1))
        return b"/Appearance Do"


def _appearance(kind: Kind, identity: SigningIdentity, box: Box, at: dt.datetime,
                image: bytes | None) -> StaticStampStyle:
    width, height = box[2] - box[0], box[3] - box[1]
    with translation.override("vi"):
        html = render_to_string("core/signing_appearance.html", {
            "kind": kind, "width": f"{width:.2f}", "height": f"{height:.2f}",
            "name": identity.subject_name,
            # NĐ 30/2020 Phụ lục I: dấu hiển thị tên cơ quan và thời gian ký theo ISO 8601
            "at_iso": at.astimezone(VN_TZ).isoformat(timespec="seconds"),
            "at_local": _when(at), "image": _data_uri(image),
        })
    page = weasyprint.HTML(string=html).write_pdf()
    return StaticStampStyle(
        background=_PdfPage(page), border_width=0, background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0)),
    )


def _data_uri(image: bytes | None) -> str:
    if not image:
        return ""
    if not image.startswith(b"\x89PNG\r\n\x1a\n"):
        raise SigningError(str(_("Hình chữ ký, con dấu phải là ảnh PNG nền trong suốt.")))
    return "data:image/png;base64," + base64.b64encode(image).decode("ascii")


# --- signing -------------------------------------------------------------------------------


def _writer(pdf: bytes) -> IncrementalPdfFileWriter:
    if not isinstance(pdf, bytes | bytearray) or b"%PDF-" not in pdf[:1024]:
        raise SigningError(str(_("Tệp không phải là tài liệu PDF.")))
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    except Exception as exc:  # pyHanko raises many kinds on a damaged file
        raise SigningError(str(_("Tệp PDF bị hỏng, không đọc được."))) from exc
    if writer.prev.encrypted:
        raise SigningError(str(_("Tệp PDF được mã hóa: không ký hay kiểm tra được.")))
    return writer


def _existing_fields(reader: PdfFileReader) -> dict[str, object]:
    return {name: ref for name, _value, ref in fields.enumerate_sig_fields(reader)}


def _page(reader: PdfFileReader, page: int) -> tuple[int, float, float, object]:
    count = int(reader.root["/Pages"]["/Count"])
    index = page if page >= 0 else count + page
    if not 0 <= index < count:
        raise SigningError(str(_("Tài liệu không có trang số %(n)s.") % {"n": page + 1
                                                                          if page >= 0 else page}))
    page_ref = reader.find_page_for_modification(index)[0]
    node = page_ref.get_object()
    while "/MediaBox" not in node and "/Parent" in node:
        node = node["/Parent"].get_object()
    x1, y1, x2, y2 = (float(v) for v in node.get("/MediaBox", (0, 0, 595.28, 841.89)))
    return index, abs(x2 - x1), abs(y2 - y1), page_ref


def _person_rect(reader: PdfFileReader, found: dict[str, object], page_ref) -> Box | None:
    """The visible box of the last person's signature on that page, if any."""
    rect = None
    for name, ref in found.items():
        field = ref.get_object()
        if not name.startswith(PERSON_FIELD) or "/Rect" not in field:
            continue
        on = field.raw_get("/P") if "/P" in field else None
        if getattr(on, "idnum", page_ref.idnum) != page_ref.idnum:
            continue
        x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
        if x2 - x1 > 1 and y2 - y1 > 1:
            rect = (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
    return rect


def _free_name(prefix: str, taken: set[str]) -> str:
    if prefix not in taken:
        return prefix
    number = 2
    while f"{prefix}_{number}" in taken:
        number += 1
    return f"{prefix}_{number}"


def _off_the_event_loop(function):
    """Run ``function`` in a thread of its own when this thread runs an event loop.

    pyHanko's synchronous calls use ``asyncio.run()``, which refuses to start under a running
    loop (an ASGI server, a browser-test session); the caller's language goes along.
    """
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return function(*args, **kwargs)
        language = translation.get_language()

        def call():
            with translation.override(language):
                return function(*args, **kwargs)

        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(call).result()

    return wrapper


@_off_the_event_loop
def sign_pdf(pdf: bytes, identity: SigningIdentity, *, kind: Kind, reason: str = "",
             location: str = "", page: int = -1, box: Box | None = None,
             image: bytes | None = None) -> bytes:
    """``pdf`` with one more PAdES signature, appended as an incremental update.

    ``kind`` "person" is the competent person's signature, "seal" the agency's; the visible field
    goes in ``box`` (points, on ``page``, -1 = the last one) or where ``default_box`` puts it.
    ``image`` is an optional PNG with a transparent background (the blue handwritten signature
    or the red seal); without it the appearance is drawn as text.
    """
    if kind not in FIELD_PREFIX:
        raise SigningError(str(_("Loại chữ ký không hợp lệ: %(kind)s.") % {"kind": kind}))
    writer = _writer(pdf)
    reader = writer.prev
    try:
        found = _existing_fields(reader)
        index, width, height, page_ref = _page(reader, page)
    except SigningError:
        raise
    except Exception as exc:
        raise SigningError(str(_("Tệp PDF bị hỏng, không đọc được."))) from exc
    if box is None:
        person = _person_rect(reader, found, page_ref) if kind == "seal" else None
        box = default_box(kind, width, height, person)
    name = _free_name(FIELD_PREFIX[kind], set(found))
    # The appearance shows the time taken here; pyHanko stamps its own clock a few ms later.
    at = timezone.now()
    meta = signers.PdfSignatureMetadata(
        field_name=name, subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None, md_algorithm="sha256",
    )
    pdf_signer = PdfSigner(
        meta, signer=identity.signer, stamp_style=_appearance(kind, identity, box, at, image),
        new_field_spec=fields.SigFieldSpec(sig_field_name=name, on_page=index, box=box),
        timestamper=_timestamper(),
    )
    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(writer, output=out)
    except Exception as exc:
        log.warning("signing failed", exc_info=True)
        raise SigningError(str(_("Không ký được tài liệu: %(error)s") % {"error": exc})) from exc
    return out.getvalue()


def _timestamper():
    """A timestamping authority when one is configured (TSA_URL); none now."""
    url = settings.MOTCUA_SIGNING.get("TSA_URL")
    if not url:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(url)


# --- validation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureCheck:
    """What an officer needs to know about one signature of a received PDF."""

    field_name: str
    signer_name: str  # CN of the signing certificate
    signed_at: dt.datetime | None  # aware; the timestamp's time if any, else what the signer said
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the cryptographic signature is right (and the certificate may sign)
    trusted: bool  # the certificate chains to a configured root
    covers_whole_file: bool  # nothing but later signatures came after it
    kind: Kind | None  # from the field name, when it is one of ours
    summary: str  # one line in Vietnamese
    trust_problem: str = ""  # why it is valid but not trusted, in Vietnamese
    certificate: str = ""  # which certificate: serial number, issuer, validity, in Vietnamese
    # changed after signing beyond what the signature allows (pyHanko's DocMDP verdict)
    modified: bool = False
    changes: str = ""  # what came after the signature, in Vietnamese, when pyHanko tells

    @property
    def sound(self) -> bool:
        """Intact, valid, trusted and not modified since: the document can be relied on."""
        return self.intact and self.valid and self.trusted and not self.modified


def _roots(trust_roots) -> list[asn1_x509.Certificate]:
    """PEM/DER certificates from a folder, a file, bytes, or a list of any of these."""
    if trust_roots is None:
        trust_roots = settings.MOTCUA_SIGNING.get("TRUST_ROOTS")
    if trust_roots is None:
        return []
    items = trust_roots if isinstance(trust_roots, list | tuple) else [trust_roots]
    certs: list[asn1_x509.Certificate] = []
    for item in items:
        if isinstance(item, asn1_x509.Certificate):
            certs.append(item)
        elif isinstance(item, bytes | bytearray):
            certs.extend(_load_certs(bytes(item)))
        else:
            path = Path(item)
            files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
            for file in files:
                if file.suffix.lower() in {".pem", ".crt", ".cer", ".der"}:
                    certs.extend(_load_certs(file.read_bytes()))
    return certs


def _load_certs(data: bytes) -> list[asn1_x509.Certificate]:
    try:
        if pem.detect(data):
            return [asn1_x509.Certificate.load(der) for kind, _h, der in pem.unarmor(data, True)
                    if kind == "CERTIFICATE"]
        return [asn1_x509.Certificate.load(data)]
    except (ValueError, TypeError):
        log.warning("not a certificate among the trust roots")
        return []


@_off_the_event_loop
def validate_pdf(pdf: bytes, trust_roots=None) -> list[SignatureCheck]:
    """Every signature of ``pdf``, checked offline; [] when it has none.

    ``trust_roots``: a folder, a PEM file, PEM bytes or a list of them; the configured
    TRUST_ROOTS when None. Revocation is not checked (no OCSP/CRL fetching).
    """
    reader = _writer(pdf).prev
    try:
        embedded = list(reader.embedded_regular_signatures)
    except Exception as exc:
        raise SigningError(str(_("Tệp PDF bị hỏng, không đọc được chữ ký."))) from exc
    roots = _roots(trust_roots)
    statuses = [_status(sig, roots) for sig in embedded]
    # The file ends where a signature ends: whatever follows an earlier signature was signed over
    end_signed = any(status is not None and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
                     for status in statuses)
    return [_check(sig, status, end_signed) for sig, status in zip(embedded, statuses, strict=True)]


def _status(sig, roots: list[asn1_x509.Certificate]):
    """pyHanko's verdict on one signature, offline; None when the signature cannot be read."""
    context = ValidationContext(trust_roots=roots, allow_fetching=False,
                                revocation_mode="soft-fail")
    try:
        return validate_pdf_signature(sig, signer_validation_context=context)
    except Exception as exc:  # a damaged signature is reported, never a crash
        log.info("unreadable signature %s: %s", sig.field_name, exc)
        return None


def _check(sig, status, end_signed: bool) -> SignatureCheck:
    name = sig.field_name or ""
    kind: Kind | None = next((k for k, prefix in FIELD_PREFIX.items()
                              if name.startswith(prefix)), None)
    try:
        signer_name, certificate = _common_name(sig.signer_cert), describe_cert(sig.signer_cert)
    except Exception:  # no readable certificate in the signature
        signer_name, certificate = "", ""
    if status is None:
        return _with_summary(SignatureCheck(name, signer_name, None, False, False, False, False,
                                            kind, "", certificate=certificate))
    signed_at = None
    if status.timestamp_validity is not None and status.timestamp_validity.valid:
        signed_at = status.timestamp_validity.timestamp
    signed_at = signed_at or status.signer_reported_dt
    # Only later signatures (form filling at most, by the diff analysis) may follow
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        end_signed
        and status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and status.modification_level is not None
        and status.modification_level <= ModificationLevel.FORM_FILLING)
    trusted = bool(status.intact and status.valid and status.trusted)
    # NĐ 30/2020/NĐ-CP art. 21(2): the clerk checks the e-document's integrity; what may follow
    # a signature is what it permits (DocMDP: later signatures, form filling), pyHanko's verdict
    modified = status.docmdp_ok is not True
    check = SignatureCheck(
        field_name=name, signer_name=signer_name, signed_at=signed_at,
        intact=bool(status.intact), valid=bool(status.intact and status.valid),
        trusted=trusted, covers_whole_file=whole, kind=kind, summary="",
        trust_problem="" if trusted else _trust_problem(status.trust_problem_indic,
                                                        status.signing_cert),
        certificate=certificate, modified=modified,
        changes=_changes(sig, status, modified))
    return _with_summary(check)


PERMITTED = {  # what pyHanko's difference analysis found after a signature, when permitted
    ModificationLevel.NONE: _("chỉ có dữ liệu thêm vào cuối tệp, nội dung không đổi"),
    ModificationLevel.LTA_UPDATES: _("chỉ thêm thông tin kiểm tra chữ ký, được phép"),
    ModificationLevel.FORM_FILLING: _("chỉ điền biểu mẫu, được phép"),
    ModificationLevel.ANNOTATIONS: _("có thêm chú thích (ghi chú, đánh dấu) trên trang, được "
                                     "phép; hãy xem các chú thích"),
}


def _changes(sig, status, modified: bool) -> str:
    """What came after the signature, in Vietnamese, as far as pyHanko's analysis tells."""
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return ""
    if not modified:
        fields = sorted(getattr(status.diff_result, "changed_form_fields", ()) or ())
        level = status.modification_level
        if fields and level == ModificationLevel.FORM_FILLING:
            return str(_("chỉ thêm chữ ký hoặc điền biểu mẫu (%(fields)s), được phép")
                       % {"fields": ", ".join(fields)})
        return str(PERMITTED.get(level, PERMITTED[ModificationLevel.NONE]))
    pages = _page_changes(sig)
    if pages:
        return pages
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return str(_("có dữ liệu ghi thêm vào cuối tệp"))
    if isinstance(status.diff_result, DiffResult):
        return str(_("có thay đổi vượt quá quyền mà chữ ký cho phép"))
    return str(_("có thay đổi không được phép"))


def _page_changes(sig) -> str:
    """Which pages (from 1) differ from the revision the signature covers, in Vietnamese: a
    page's content replaced, pages added, pages removed; "" when none or unknown."""
    try:
        reader = sig.reader
        before = _page_contents(reader.get_historical_root(sig.signed_revision)["/Pages"])
        after = _page_contents(reader.root["/Pages"])
    except Exception:  # a page tree pyHanko cannot walk: what changed stays unknown
        log.info("pages of %s not compared", sig.field_name)
        return ""
    pairs = zip(before, after, strict=False)  # the pages both revisions have
    replaced = [number for number, (old, new) in enumerate(pairs, 1) if old != new]
    said = []
    if replaced:
        said.append(_("nội dung trang %(pages)s đã bị thay") % {"pages": _numbers(replaced)})
    if len(after) > len(before):
        said.append(_("thêm trang %(pages)s")
                    % {"pages": _numbers(range(len(before) + 1, len(after) + 1))})
    if len(after) < len(before):
        said.append(_("bớt %(n)s trang") % {"n": len(before) - len(after)})
    return "; ".join(str(part) for part in said)


def _numbers(numbers) -> str:
    return ", ".join(str(number) for number in numbers)


MAX_PAGE_TREE_DEPTH = 32


def _page_contents(node, depth: int = 0) -> list[bytes]:
    """Each page's content streams, decoded and joined, in page order."""
    if depth > MAX_PAGE_TREE_DEPTH:
        raise ValueError("page tree too deep")
    pages: list[bytes] = []
    for kid in node["/Kids"]:
        child = kid.get_object()
        if "/Kids" in child:
            pages += _page_contents(child, depth + 1)
            continue
        contents = child.get("/Contents")
        streams = contents if isinstance(contents, list) else [contents] if contents else []
        pages.append(b"\n".join(stream.get_object().data for stream in streams))
    return pages


def describe_cert(cert: asn1_x509.Certificate) -> str:
    """Which certificate signed, in Vietnamese: serial number, issuer, validity period."""
    validity = cert["tbs_certificate"]["validity"]
    return str(_("Chứng thư số hiệu %(serial)X do %(issuer)s cấp, hiệu lực từ %(start)s đến "
                 "%(end)s") % {
        "serial": cert.serial_number,
        "issuer": _name_part(cert.issuer, "common_name") or _("không rõ tổ chức cấp"),
        "start": vn_date(validity["not_before"].native),
        "end": vn_date(validity["not_after"].native)})


UNTRUSTED = _("chứng thư không do tổ chức chứng thực tin cậy cấp")
TRUST_PROBLEMS = {  # pyHanko's AdES sub-indication -> what the officer reads
    "NO_CERTIFICATE_CHAIN_FOUND": UNTRUSTED,
    "EXPIRED": _("chứng thư đã hết hạn hoặc chưa có hiệu lực khi ký"),
    "NOT_YET_VALID": _("chứng thư đã hết hạn hoặc chưa có hiệu lực khi ký"),
    "OUT_OF_BOUNDS_NO_POE": _("chứng thư đã hết hạn hoặc chưa có hiệu lực khi ký"),
    "OUT_OF_BOUNDS_NOT_REVOKED": _("chứng thư đã hết hạn hoặc chưa có hiệu lực khi ký"),
    "REVOKED": _("chứng thư đã bị thu hồi"),
    "REVOKED_NO_POE": _("chứng thư đã bị thu hồi"),
    "REVOKED_CA_NO_POE": _("chứng thư đã bị thu hồi"),
    "CHAIN_CONSTRAINTS_FAILURE": _("chứng thư không được phép dùng để ký văn bản"),
    "SIG_CONSTRAINTS_FAILURE": _("chứng thư không được phép dùng để ký văn bản"),
}


SELF_SIGNED = _("chứng thư tự cấp, không do tổ chức chứng thực tin cậy nào cấp")
CHAIN_PROBLEMS = {"NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_CONSTRAINTS_FAILURE"}


def _trust_problem(indication, cert: asn1_x509.Certificate | None) -> str:
    name = getattr(indication, "name", "")
    # pyHanko calls a self-signed certificate outside the roots a chain constraints failure,
    # which would read "not allowed to sign documents": say what it is
    if name in CHAIN_PROBLEMS and cert is not None and cert.self_signed != "no":
        return str(SELF_SIGNED)
    return str(TRUST_PROBLEMS.get(name, UNTRUSTED if not name else
                                  _("không xác minh được chuỗi chứng thư")))


def _with_summary(check: SignatureCheck) -> SignatureCheck:
    return replace(check, summary=describe(check))


def _when(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    try:
        return vn_datetime(value)
    except Exception:  # outside the working calendar's years
        return value.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")


def describe(check: SignatureCheck) -> str:
    """One Vietnamese line for the officer: the verdict, who signed, when."""
    who = check.signer_name or str(_("không rõ người ký"))
    when = _when(check.signed_at)
    signer = str(_("%(who)s, ký lúc %(when)s") % {"who": who, "when": when}) if when else who
    if not check.intact:
        return str(_("Chữ ký bị phá vỡ: tài liệu đã bị sửa sau khi ký — %(signer)s")
                   % {"signer": signer})
    if not check.valid:
        return str(_("Chữ ký không hợp lệ — %(signer)s") % {"signer": signer})
    if check.modified:
        return str(_("Tài liệu bị sửa đổi sau khi ký: %(changes)s — %(signer)s")
                   % {"changes": check.changes or _("có thay đổi không được phép"),
                      "signer": signer})
    if check.trusted:
        text = str(_("Chữ ký hợp lệ, tin cậy — %(signer)s") % {"signer": signer})
    else:
        text = str(_("Chữ ký hợp lệ nhưng %(problem)s — %(signer)s")
                   % {"problem": check.trust_problem or UNTRUSTED, "signer": signer})
    if check.changes:
        text += str(_("; sau khi ký %(changes)s") % {"changes": check.changes})
    return text
