"""The editors' admin speaks Vietnamese in its scripts too: the block chooser, the stream
field's buttons, the comments and the sidebar read from Wagtail's JavaScript catalogue, which
takes the project's own djangojs catalogue (locale/vi/LC_MESSAGES/djangojs.po) over Wagtail's
partial Vietnamese one."""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.django_db

# what an editor sees on the page editor: the block chooser, a block's menu, the sidebar
SHOWN = {
    "Insert a block": "Chèn một khối",
    "Write something or type ‘/’ to insert a block": "Viết nội dung hoặc gõ ‘/’ để chèn một khối",
    "Add": "Thêm",
    "Delete": "Xoá",
    "Duplicate": "Nhân bản",
    "Move up": "Chuyển lên",
    "Move down": "Chuyển xuống",
    "Collapse all": "Thu gọn tất cả",
    "Toggle sidebar": "Mở/đóng thanh bên",
    "Save error": "Lỗi khi lưu",  # Wagtail's own says "Lưu lỗi": save the error
}


def catalogue(client) -> dict:
    script = client.get("/bien-tap/jsi18n/").content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S)[1])


def test_the_editors_script_messages_are_in_vietnamese(client):
    messages = catalogue(client)
    assert {english: messages.get(english) for english in SHOWN} == SHOWN
