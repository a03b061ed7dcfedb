"""Pushes the receiver cannot take answer 4xx with the reason and store no dossier, account or
file: an oversized body (413, not kept at all), bodies of the wrong type or shape (400, each
field named, the body kept in the operator's queue of refused pushes)."""

import json

import pytest
from django.test import Client

from motcua.dossiers.models import Dossier
from motcua.national.models import RefusedPush
from motcua.org.models import User

URL = "/api/v1/integrations/dvcqg/dossiers"
TOKEN = "refusals-push-token-0123456789abcdef"


@pytest.fixture
def receiver(db, settings, media_in_tmp):
    settings.MOTCUA_DVCQG_INBOUND_TOKEN = TOKEN
    users = User.objects.count()

    def post(body, content_type="application/json"):
        raw = body if isinstance(body, (bytes, str)) else json.dumps(body)
        return Client().post(URL, raw, content_type=content_type, HTTP_X_DVCQG_TOKEN=TOKEN)

    yield post
    assert not Dossier.objects.exists() and User.objects.count() == users
    media = settings.MEDIA_ROOT
    assert not media.exists() or not [path for path in media.rglob("*") if path.is_file()]


def test_an_oversized_push_answers_413_and_is_not_kept(receiver, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    body = {"isUpdating": "False", "data": {"MaHoSoQG": "G1", "ChuHoSo": "a" * 70 * 1024}}

    answer = receiver(body)

    assert answer.status_code == 413 and "quá lớn" in answer.json()["detail"]
    assert not RefusedPush.objects.exists()


@pytest.mark.parametrize(("body", "content_type", "fields"), [
    ({"data": {"MaHoSoQG": 5, "MaTTHC": ["1.0"], "ChuHoSo": "An", "TrichYeuHoSo": "x",
               "TaiLieuNop": {"a": 1}}}, "application/json", ["MaHoSoQG", "MaTTHC", "TaiLieuNop"]),
    ({"data": [{"MaHoSoQG": "G1"}]}, "application/json", ["data"]),
    ({"isUpdating": 1, "data": {"MaHoSoQG": "G1", "MaTTHC": "1.0", "ChuHoSo": "An",
                                   "TrichYeuHoSo": "x"}}, "application/json", ["isUpdating"]),
    ("MaHoSoQG=G1&MaTTHC=1.0", "application/x-www-form-urlencoded", ["body"]),
    (b"\xff\xfe{}", "application/json", ["body"]),
])
def test_a_wrongly_typed_push_answers_400_naming_each_field(receiver, body, content_type,
                                                            fields):
    answer = receiver(body, content_type)

    assert answer.status_code == 400 and answer.json()["error_code"] == -1
    assert all(f"{field}:" in answer.json()["message"] for field in fields)
    assert RefusedPush.objects.count() == 1  # kept for the operator, with the reason
