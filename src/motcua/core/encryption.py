"""Citizens' attachments encrypted at rest: ID-card images are sensitive personal data, to be
protected by security measures (NĐ 356/2025 art. 4(1)(i), 4(2)).

The keys come from the environment only (``FILE_ENCRYPTION_KEYS``), never from the database, so
a copy of the database and the file store together still does not open the files. The first key
encrypts; every key decrypts, so a key can be rotated. Without a key, files are stored as sent.

A stored file is ``MAGIC`` + the key's id (8 bytes of its SHA-256) + a 12-byte nonce + the
AES-256-GCM ciphertext and tag of the whole file, the magic and the key id bound as associated
data. A file without the magic was stored before a key was set and is read as it is. The whole
file is encrypted and decrypted in memory (uploads are at most ``UPLOAD_MAX_MB``). cryptography
is imported when a file is encrypted or decrypted, not with the models: a web worker that opens
no encrypted file does not hold it (tests/scale/test_lean_workers.py).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from django.utils.module_loading import import_string

MAGIC = b"MOTCUAE1"
KEY_ID_BYTES = 8
NONCE_BYTES = 12
HEADER_BYTES = len(MAGIC) + KEY_ID_BYTES + NONCE_BYTES
TAG_BYTES = 16


class UndecryptableFile(Exception):
    """A stored file carries the encryption header but cannot be decrypted: altered, or its key
    is no longer configured. Never served as it is."""


def key_id(key: bytes) -> bytes:
    return hashlib.sha256(key).digest()[:KEY_ID_BYTES]


def keys() -> list[bytes]:
    """The configured keys, decoded (validated at start-up by motcua.config)."""
    return [base64.b64decode(key) for key in settings.FILE_ENCRYPTION_KEYS]


def encrypt(data: bytes, key: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    label = MAGIC + key_id(key)
    return label + nonce + AESGCM(key).encrypt(nonce, data, label)


def decrypt(data: bytes, name: str = "") -> bytes:
    """The plaintext of an encrypted file; UndecryptableFile when no key opens it."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    label, nonce = data[:len(MAGIC) + KEY_ID_BYTES], data[len(MAGIC) + KEY_ID_BYTES:HEADER_BYTES]
    key = next((key for key in keys() if key_id(key) == label[len(MAGIC):]), None)
    if key is None:
        raise UndecryptableFile(f"{name}: encrypted with a key that is not configured")
    try:
        return AESGCM(key).decrypt(nonce, data[HEADER_BYTES:], label)
    except InvalidTag:
        raise UndecryptableFile(f"{name}: altered since it was stored") from None


class EncryptingStorage(Storage):
    """Mixed in before the configured storage class: encrypts on save when a key is set,
    decrypts on open whatever is set (see the module)."""

    def _save(self, name: str, content: File) -> str:
        configured = keys()
        if configured:
            plain = b"".join(content.chunks())
            content = ContentFile(encrypt(plain, configured[0]), name=content.name)
        return super()._save(name, content)

    def _open(self, name: str, mode: str = "rb") -> File:
        stored = super()._open(name, mode)
        if "b" not in mode or "r" not in mode or "+" in mode:
            return stored
        head = stored.read(len(MAGIC))
        if head != MAGIC:
            stored.seek(0)
            return stored
        try:
            data = head + stored.read()
        finally:
            stored.close()
        return ContentFile(decrypt(data, name), name=name)

    def size(self, name: str) -> int:
        stored = super().size(name)
        encrypted = self.stored_key_id(name) is not None
        return stored - HEADER_BYTES - TAG_BYTES if encrypted else stored

    def stored_key_id(self, name: str) -> bytes | None:
        """The id of the key the stored file was encrypted with; None for a plain file."""
        with super()._open(name, "rb") as file:
            head = file.read(len(MAGIC) + KEY_ID_BYTES)
        return head[len(MAGIC):] if head[:len(MAGIC)] == MAGIC else None


@functools.cache
def _encrypting(base: type[Storage]) -> type[Storage]:
    return type(f"Encrypting{base.__name__}", (EncryptingStorage, base), {})


class _SensitiveStorage(LazyObject):
    """The configured default storage (disk or S3, the same place and options), encrypting;
    built again when STORAGES changes, like Django's default_storage."""

    def _setup(self) -> None:
        default = settings.STORAGES["default"]
        base = import_string(default["BACKEND"])
        self._wrapped = _encrypting(base)(**default.get("OPTIONS", {}))


_sensitive = _SensitiveStorage()


@receiver(setting_changed)
def _storages_changed(*, setting: str, **kwargs) -> None:
    if setting == "STORAGES":
        _sensitive._wrapped = empty


def sensitive_storage() -> Storage:
    """The storage of citizens' attachments (a FileField's ``storage``)."""
    return _sensitive
