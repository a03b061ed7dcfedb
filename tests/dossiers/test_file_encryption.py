"""Citizens' attachments encrypted at rest with keys from the environment (issue 28, domain
security-operations §2.3: ID-card images are sensitive data, NĐ 356/2025 art. 4(1)(i))."""

import base64
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.config import ConfigError, load_config
from motcua.core import encryption, orphans
from motcua.core.encryption import MAGIC, UndecryptableFile
from motcua.dossiers import services
from motcua.dossiers.models import Attachment
from motcua.org.models import User
from motcua.voice.models import Letter
from tests.dossiers.conftest import CITIZEN, PNG, submit_online

OLD_KEY = base64.b64encode(b"o" * 32).decode()
NEW_KEY = base64.b64encode(b"n" * 32).decode()
SCAN = PNG + b"anh can cuoc cong dan mat truoc" * 40  # an ID-card image, as a citizen sends it


def stored_bytes(attachment: Attachment) -> bytes:
    """The file as it lies on the disk, not through the storage."""
    return Path(attachment.file.path).read_bytes()


def downloaded(dossier_code: str, attachment: Attachment) -> bytes:
    client = Client()
    client.force_login(User.objects.get(username=CITIZEN))
    response = client.get(f"/ho-so/{dossier_code}/tep/{attachment.pk}/")
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


@pytest.fixture
def dossier(api):
    return submit_online(api)


def first_attachment(dossier) -> Attachment:
    return Attachment.objects.filter(dossier__code=dossier["code"]).first()


def scan_upload() -> Attachment:
    return services.upload(User.objects.get(username=CITIZEN),
                           SimpleUploadedFile("cccd.png", SCAN))


# NĐ 356/2025 art. 4(1)(i), 4(2): ID-card images are sensitive, protected by security measures
def test_sensitive_files_are_encrypted_at_rest_and_served_as_sent(settings, api):
    settings.FILE_ENCRYPTION_KEYS = [NEW_KEY]
    dossier = submit_online(api)
    attachment = first_attachment(dossier)
    raw = stored_bytes(attachment)
    assert raw.startswith(MAGIC)
    assert b"%PDF" not in raw
    assert downloaded(dossier["code"], attachment).startswith(b"%PDF-1.4")


def test_an_upload_staged_before_its_dossier_is_encrypted_too(settings, world):
    settings.FILE_ENCRYPTION_KEYS = [NEW_KEY]
    attachment = scan_upload()
    raw = stored_bytes(attachment)
    assert b"anh can cuoc" not in raw and raw.startswith(MAGIC)
    with attachment.file.open("rb") as opened:
        assert opened.read() == SCAN
    assert attachment.file.storage.size(attachment.file.name) == len(SCAN) == attachment.size


def test_a_file_stored_before_the_key_was_set_is_still_served(settings, dossier):
    attachment = first_attachment(dossier)
    plain = stored_bytes(attachment)
    settings.FILE_ENCRYPTION_KEYS = [NEW_KEY]
    assert downloaded(dossier["code"], attachment) == plain
    assert attachment.file.storage.size(attachment.file.name) == len(plain)


def test_after_a_rotation_the_old_key_still_decrypts_and_the_new_one_encrypts(settings, api):
    settings.FILE_ENCRYPTION_KEYS = [OLD_KEY]
    before = submit_online(api)
    settings.FILE_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    after = scan_upload()
    assert downloaded(before["code"], first_attachment(before)).startswith(b"%PDF-1.4")
    settings.FILE_ENCRYPTION_KEYS = [NEW_KEY]  # the old key dropped: only new files open
    with after.file.open("rb") as opened:
        assert opened.read() == SCAN
    with pytest.raises(UndecryptableFile, match="not configured"):
        downloaded(before["code"], first_attachment(before))


def test_an_altered_file_fails_loudly_and_is_never_served(settings, api):
    settings.FILE_ENCRYPTION_KEYS = [NEW_KEY]
    dossier = submit_online(api)
    attachment = first_attachment(dossier)
    raw = bytearray(stored_bytes(attachment))
    raw[-20] ^= 0x01
    Path(attachment.file.path).write_bytes(bytes(raw))
    with pytest.raises(UndecryptableFile, match="altered"):
        downloaded(dossier["code"], attachment)


def test_a_letters_scan_is_encrypted_too_and_opens_for_the_reception_officer(settings, world,
                                                                            client_as):
    settings.FILE_ENCRYPTION_KEYS = [NEW_KEY]
    officer = client_as(world.officer)
    officer.post(reverse("backoffice:letters"), {
        "channel": "desk", "sender_name": "Lê Văn Cường", "sender_address": "Hoa Lư",
        "sender_phone": "0912000111",
        "title": "Đơn khiếu nại", "content": "Kèm bản sao căn cước",
        "scan": SimpleUploadedFile("don.png", SCAN)})
    letter = Letter.objects.get()
    assert Path(letter.scan.path).read_bytes().startswith(MAGIC)
    scan = officer.get(reverse("backoffice:letter_scan", args=[letter.pk]))
    assert b"".join(scan.streaming_content) == SCAN


def test_without_a_key_files_are_stored_as_sent(settings, world):
    settings.FILE_ENCRYPTION_KEYS = []
    attachment = scan_upload()
    assert stored_bytes(attachment) == SCAN


def test_the_orphan_sweeper_still_covers_the_encrypted_attachments():
    assert "dossiers" in orphans.folders(orphans.file_fields())


def test_the_attachments_storage_follows_the_configured_default_storage(settings):
    storage = Attachment._meta.get_field("file").storage
    assert isinstance(storage, encryption.EncryptingStorage)
    assert Path(storage.path("x")).parent == Path(settings.MEDIA_ROOT)


# the keys are kept apart from the database: from the environment only, refused when malformed
@pytest.mark.parametrize("value", ["not-base64!", base64.b64encode(b"short").decode(),
                                   f"{NEW_KEY},{base64.b64encode(b'sixteen-byte-key').decode()}"])
def test_a_malformed_key_is_refused_at_start_up_without_echoing_it(value):
    with pytest.raises(ConfigError) as refused:
        load_config({"FILE_ENCRYPTION_KEYS": value, "MOTCUA_ENV": "development"})
    message = str(refused.value)
    assert message.startswith("FILE_ENCRYPTION_KEYS: key ")
    assert "openssl rand -base64 32" in message
    assert value.split(",")[-1] not in message


def test_keys_are_read_as_a_comma_separated_list():
    config = load_config({"FILE_ENCRYPTION_KEYS": f"{NEW_KEY}, {OLD_KEY}"})
    assert config.file_encryption_keys == [NEW_KEY, OLD_KEY]


def test_encrypt_files_rewrites_the_plain_files_once_and_they_still_download(settings, dossier,
                                                                              run_command):
    attachments = list(Attachment.objects.filter(dossier__code=dossier["code"]))
    plain = {a.pk: stored_bytes(a) for a in attachments}
    settings.FILE_ENCRYPTION_KEYS = [NEW_KEY]
    code, out, _ = run_command("encrypt_files", "--dry-run")
    assert code == 0 and f"sẽ mã hóa {len(attachments)} tệp" in out
    assert all(stored_bytes(a) == plain[a.pk] for a in attachments)

    code, out, _ = run_command("encrypt_files")
    assert code == 0 and f"đã mã hóa {len(attachments)} tệp, thiếu 0 tệp" in out
    for attachment in attachments:
        attachment.refresh_from_db()
        assert stored_bytes(attachment).startswith(MAGIC)
        assert downloaded(dossier["code"], attachment) == plain[attachment.pk]
    assert not any(Path(settings.MEDIA_ROOT, name).exists() for name in out.split()[:-1]
                   if name.startswith("dossiers/"))

    code, out, _ = run_command("encrypt_files")
    assert code == 0 and "đã mã hóa 0 tệp" in out


def test_encrypt_files_refuses_without_a_key(settings, run_command):
    settings.FILE_ENCRYPTION_KEYS = []
    code, _, err = run_command("encrypt_files")
    assert code == 2 and "FILE_ENCRYPTION_KEYS" in err


def test_after_a_rotation_encrypt_files_moves_the_old_files_to_the_new_key(settings, world,
                                                                           run_command):
    settings.FILE_ENCRYPTION_KEYS = [OLD_KEY]
    attachment = scan_upload()
    settings.FILE_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    code, out, _ = run_command("encrypt_files")
    assert code == 0 and "đã mã hóa 1 tệp" in out
    settings.FILE_ENCRYPTION_KEYS = [NEW_KEY]
    attachment.refresh_from_db()
    with attachment.file.open("rb") as opened:
        assert opened.read() == SCAN
