"""The portals' images: a rendition (what an article shows) is served to anyone, typed by its
content and kept by browsers for an hour; nothing else of the media folder is served there."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image as Picture
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db


def png(width=1200, height=900) -> ContentFile:
    data = io.BytesIO()
    Picture.new("RGB", (width, height), (200, 200, 200)).save(data, "PNG")
    return ContentFile(data.getvalue(), name="hoi-nghi.png")


def test_a_rendition_of_an_article_image_is_served_to_anyone():
    image = Image.objects.create(title="Hội nghị", file=png())
    rendition = image.get_rendition("max-800x600")
    assert rendition.url.startswith("/media/images/")
    response = Client().get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=3600"
    shown = Picture.open(io.BytesIO(b"".join(response.streaming_content)))
    assert shown.size == (800, 600)


def test_nothing_else_of_the_media_folder_is_served():
    image = Image.objects.create(title="Ảnh gốc", file=png())
    image.get_rendition("max-800x600")
    stray = default_storage.save("images/ho-so-cong-dan.pdf", ContentFile(b"%PDF-1.4 private"))
    for path in (f"/media/{image.file.name}",  # the original upload: no route at all
                 f"/media/{stray}",  # a file under images/ that is no rendition
                 "/media/images/khong-co.png", "/media/images/../original_images/x.png"):
        assert Client().get(path).status_code == 404, path
