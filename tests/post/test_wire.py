"""VNPost's messages (integrations §4.3), pure."""

import pytest

from motcua.post import wire

CITIZEN = wire.Address("Nguyễn Văn An", "Số 12 Trần Hưng Đạo", "0912345678", 54, 5402)
AGENCY = wire.Address("Sở Khoa học và Công nghệ", "Hoa Lư", "", 54, 5401)


def test_order_number_is_the_dossier_code_and_codes_are_integers():
    body = wire.order_body(wire.Order("C0054", "000.00.15.H42-260302-0001", "Kết quả",
                                      AGENCY, CITIZEN))
    assert body["OrderNumber"] == "000.00.15.H42-260302-0001"
    assert (body["CODAmount"], body["FlagConfig"]) == (0, 2)
    assert body["ReceiverProvince"] == 54 and type(body["ReceiverDistrict"]) is int
    assert body["SenderName"] == AGENCY.name and "ItemCode" not in body


@pytest.mark.parametrize(("reply", "ok", "duplicate"), [
    ({"Status": "100", "Message": "Thành công"}, True, False),
    ({"Status": 100}, True, False),
    ({"Status": "101", "Message": "Đã tồn tại"}, True, True),
    ({"Status": "103", "Message": "Địa chỉ không hợp lệ"}, False, False),
])
def test_100_and_101_are_a_success_other_statuses_an_error(reply, ok, duplicate):
    outcome = wire.order_outcome(reply)
    assert (outcome.ok, outcome.duplicate) == (ok, duplicate)


def test_an_unreadable_reply_is_refused():
    with pytest.raises(wire.BadReply):
        wire.order_outcome("<html>")
    with pytest.raises(wire.BadReply):
        wire.tracking_events({"rhDoc": []})


def test_tracking_reads_rhdoc_in_order():
    events = wire.tracking_events({"_embedded": {"rhDoc": [
        {"_id": {"$oid": "0a"}, "orderNumber": "X", "statusCode": 4, "statusMessage": "Phát",
         "receiverName": "Trần Văn Bưu"}]}})
    assert events == [wire.TrackingEvent("0a", "X", "4", "Phát", "Trần Văn Bưu")]
    assert wire.meaning("4") == "delivered" and wire.meaning("99") == ""
