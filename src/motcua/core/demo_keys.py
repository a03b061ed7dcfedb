"""Demo-only signing keys, so that a trial installation (``motcua demo``, ``make run``) can sign
and seal its documents.

A demo root issues each demo agency's seal key into the configured seal folder
(``MOTCUA_SIGNING["SEAL_DIR"]``, as ``<identifier code>.p12`` opened with ``SEAL_PASSPHRASE``)
and each demo signer's own key into its ``ca-nhan`` folder (``<username>.p12``), for the signer
to upload on the document's page. Every certificate says DEMO in its names; none chains to a
real authority, so validation shows them as not trusted. Nothing is written in production,
where no seal folder is configured, or over a file that is already there.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings

PERSONS_FOLDER = "ca-nhan"
ORGANISATION = "DEMO motcua - không dùng thật"
VALID_FROM = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
VALID_UNTIL = dt.datetime(2045, 1, 1, tzinfo=dt.UTC)
README = """KHÓA KÝ SỐ DÙNG THỬ (DEMO) — KHÔNG DÙNG THẬT
Do lệnh `motcua demo` tạo cho bản cài đặt thử: <mã định danh>.p12 là con dấu của cơ quan,
ca-nhan/<tên đăng nhập>.p12 là khóa của người ký (mật khẩu: mật khẩu chung của tài khoản thử).
Demo-only signing keys made by `motcua demo`; never use them for real documents.
"""


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject: str, key, issuer: x509.Name, issuer_key, *, ca: bool):
    usage = x509.KeyUsage(
        digital_signature=not ca, content_commitment=not ca, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
        encipher_only=False, decipher_only=False)
    return (x509.CertificateBuilder()
            .subject_name(_name(subject)).issuer_name(issuer).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(VALID_FROM).not_valid_after(VALID_UNTIL)
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .sign(issuer_key, hashes.SHA256()))


class _DemoRoot:
    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = _name("CA gốc DEMO motcua")
        self.cert = _certificate("CA gốc DEMO motcua", self.key, name, self.key, ca=True)

    def issue(self, common_name: str, passphrase: str) -> bytes:
        """PKCS#12 of a signing key for ``common_name``, the root riding along."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cert = _certificate(f"{common_name} (DEMO)", key, self.cert.subject, self.key, ca=False)
        protection = (serialization.BestAvailableEncryption(passphrase.encode()) if passphrase
                      else serialization.NoEncryption())
        return pkcs12.serialize_key_and_certificates(common_name.encode(), key, cert,
                                                     [self.cert], protection)


def person_key(username: str) -> Path | None:
    """The demo signer's own key file, when the demo wrote one."""
    folder = settings.MOTCUA_SIGNING.get("SEAL_DIR")
    path = Path(folder) / PERSONS_FOLDER / f"{username}.p12" if folder else None
    return path if path and path.is_file() else None


def write(seals: Mapping[str, str], persons: Mapping[str, str], person_passphrase: str
          ) -> list[Path]:
    """The missing demo keys: ``seals`` maps identifier codes to agency names, ``persons``
    usernames to full names. Returns the files written."""
    config = settings.MOTCUA_SIGNING
    folder = config.get("SEAL_DIR")
    if folder is None or settings.MOTCUA_ENV == "production" or not demo_folder(Path(folder)):
        return []
    folder = Path(folder)
    wanted = {folder / f"{code}.p12": (name, config.get("SEAL_PASSPHRASE") or "")
              for code, name in seals.items()}
    wanted |= {folder / PERSONS_FOLDER / f"{username}.p12": (name, person_passphrase)
               for username, name in persons.items()}
    missing = {path: made for path, made in wanted.items() if not path.exists()}
    if not missing:
        return []
    (folder / PERSONS_FOLDER).mkdir(parents=True, exist_ok=True, mode=0o700)
    (folder / "README.txt").write_text(README, encoding="utf-8")
    root = _DemoRoot()
    for path, (name, passphrase) in missing.items():
        # readable by the owner only from its creation, never for a moment under the umask
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as file:
            file.write(root.issue(name, passphrase))
    return list(missing)


def demo_folder(folder: Path) -> bool:
    """A folder the demo may write keys into: new, empty, or one it wrote (its README). A folder
    holding anything else holds real keys (a staging or mis-set installation): left alone."""
    if not folder.exists() or not any(folder.iterdir()):
        return True
    readme = folder / "README.txt"
    return readme.is_file() and readme.read_text(encoding="utf-8") == README
