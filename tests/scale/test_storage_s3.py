"""STORAGE_BACKEND=s3 against an S3-compatible server on 127.0.0.1 (moto's): an attachment is
stored as a private object, read back through motcua with its name, and never public."""

from __future__ import annotations

import boto3
import pytest
from django.test import Client
from moto.server import ThreadedMotoServer

from motcua.config import load_config
from motcua.dossiers.models import Attachment
from motcua.org.models import User
from tests.dossiers.conftest import CITIZEN, PDF, Api, pdf, submit_online

BUCKET = "motcua-hoso"
KEYS = {"S3_ACCESS_KEY_ID": "motcua-test", "S3_SECRET_ACCESS_KEY": "motcua-test-secret",
        "S3_REGION": "us-east-1"}


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_server, settings):
    """The default storage as STORAGE_BACKEND=s3 makes it, on a fresh bucket."""
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1",
                          aws_access_key_id="motcua-test",
                          aws_secret_access_key="motcua-test-secret")
    client.create_bucket(Bucket=BUCKET)
    config = load_config({"STORAGE_BACKEND": "s3", "S3_BUCKET": BUCKET,
                          "S3_ENDPOINT_URL": s3_server, **KEYS})
    settings.STORAGES = {**settings.STORAGES, "default": config.storage()}
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def api(world):
    """API clients per login (bearer tokens), in the minimal world as in the dossier tests."""
    return Api


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.django_db
def test_an_attachment_is_stored_in_the_bucket_and_served_with_its_name(s3, api):
    dossier = submit_online(api)
    status, uploaded = api(CITIZEN).post("/uploads", files={"file": pdf("Đơn đề nghị.pdf")})
    assert status == 201, uploaded
    attachment = Attachment.objects.get(pk=uploaded["id"])
    stored = s3.get_object(Bucket=BUCKET, Key=attachment.file.name)
    assert stored["Body"].read() == PDF  # the object holds the bytes, under a random key
    assert attachment.file.name.startswith("dossiers/") and "Đơn" not in attachment.file.name

    first = Attachment.objects.filter(dossier__code=dossier["code"]).first()
    response = signed_in(CITIZEN).get(f"/ho-so/{dossier['code']}/tep/{first.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # streamed from the bucket by motcua
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(f'inline; filename="{first.original_name}')
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_the_names_header_carries_the_vietnamese_name(s3, api):
    from motcua.core.downloads import content_disposition

    status, uploaded = api(CITIZEN).post("/uploads", files={"file": pdf("Đơn đề nghị.pdf")})
    assert status == 201, uploaded
    dossier = submit_online(api, attachments=[{"component": 1, "upload": uploaded["id"]}])
    response = signed_in(CITIZEN).get(f"/ho-so/{dossier['code']}/tep/{uploaded['id']}/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == content_disposition("Đơn đề nghị.pdf", inline=True)
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.django_db
def test_nothing_in_the_bucket_is_public(s3, api):
    from django.core.files.storage import default_storage

    submit_online(api)
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys
    for key in keys:
        grants = s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
        assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]  # the owner only
        assert all("URI" not in g["Grantee"] for g in grants)  # no AllUsers, no AuthenticatedUsers
    url = default_storage.url(keys[0])  # should anything ask for a URL: signed, expiring
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url


@pytest.mark.django_db
def test_another_citizen_cannot_read_the_object_through_motcua(s3, api):
    from tests.dossiers.conftest import OTHER_CITIZEN

    dossier = submit_online(api)
    first = Attachment.objects.filter(dossier__code=dossier["code"]).first()
    assert signed_in(OTHER_CITIZEN).get(
        f"/ho-so/{dossier['code']}/tep/{first.pk}/").status_code == 404
    assert Client().get(f"/ho-so/{dossier['code']}/tep/{first.pk}/").status_code == 302  # login


@pytest.mark.django_db
def test_readyz_checks_the_bucket(s3, client, settings):
    assert client.get("/readyz").json()["checks"]["storage"] == "ok"
    config = load_config({"STORAGE_BACKEND": "s3", "S3_BUCKET": BUCKET,
                          "S3_ENDPOINT_URL": "http://127.0.0.1:1", **KEYS})
    settings.STORAGES = {**settings.STORAGES, "default": config.storage()}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"].startswith("error")
