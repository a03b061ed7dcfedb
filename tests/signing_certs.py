"""Test certificates for PDF signatures, made when a test asks for them; no key is committed.

One root CA issues a person's certificate and an agency's seal certificate (RSA 2048, valid
2020-2045 so frozen clocks fall inside). Each is handed out as PKCS#12 bytes holding the key, the
certificate and the root, opened with ``PASSPHRASE``. Everything is cached for the test session:
generating RSA keys is slow.

    from tests.signing_certs import pki, issue_p12
    certs = pki()
    identity = SigningIdentity.from_pkcs12(certs.person_p12, certs.passphrase)
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PASSPHRASE = "mat-khau-thu-nghiem"
PERSON_NAME = "Nguyễn Văn An"
AGENCY_NAME = "UBND tỉnh Ninh Bình"
ROOT_NAME = "CA gốc thử nghiệm motcua"
VALID_FROM = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
VALID_UNTIL = dt.datetime(2045, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Pki:
    """The session's test certificates."""

    root_pem: bytes
    passphrase: str
    person_p12: bytes
    person_name: str
    seal_p12: bytes
    agency_name: str

    def write_root(self, folder: Path) -> Path:
        """Put the root in ``folder`` as a PEM file (a TRUST_ROOTS folder); returns the folder."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "root.pem").write_bytes(self.root_pem)
        return folder


@dataclass(frozen=True)
class _Ca:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _make_root(common_name: str) -> _Ca:
    key = _key()
    name = _name(common_name, "Tổ chức chứng thực thử nghiệm")
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(VALID_FROM).not_valid_after(VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return _Ca(key, cert)


@functools.cache
def _root() -> _Ca:
    return _make_root(ROOT_NAME)


@functools.cache
def issue_p12(common_name: str, organisation: str, *, non_repudiation: bool = True) -> bytes:
    """PKCS#12 (opened with ``PASSPHRASE``) of a signing certificate for ``common_name`` in
    ``organisation``, issued by the session's root; the root rides along in the file.
    ``non_repudiation=False`` makes a certificate not meant for signing documents."""
    root = _root()
    key = _key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation)).issuer_name(root.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(VALID_FROM).not_valid_after(VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=non_repudiation, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            root.key.public_key()), critical=False)
        .sign(root.key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        common_name.encode(), key, cert, [root.cert],
        serialization.BestAvailableEncryption(PASSPHRASE.encode()))


@functools.cache
def pki() -> Pki:
    """The session's root, a person (Nguyễn Văn An) and the seal of UBND tỉnh Ninh Bình."""
    return Pki(
        root_pem=_root().cert.public_bytes(serialization.Encoding.PEM),
        passphrase=PASSPHRASE,
        person_p12=issue_p12(PERSON_NAME, AGENCY_NAME),
        person_name=PERSON_NAME,
        seal_p12=issue_p12(AGENCY_NAME, AGENCY_NAME),
        agency_name=AGENCY_NAME,
    )


@functools.cache
def stranger_root_pem() -> bytes:
    """A root that issued none of the certificates above (for "valid but not trusted")."""
    return _make_root("CA gốc lạ").cert.public_bytes(serialization.Encoding.PEM)
