"""The receipt (Mẫu 01) and the procedure page state the limit of the dossier's own channel."""

from decimal import Decimal

from motcua.catalog.models import ChannelLimit, Fee
from tests.backoffice.conftest import pdf_text, received
from tests.slips.test_as_issued import fetched


def per_channel_limits(version):
    """Counter: 2 months then 15 working days; online: 5 working days; default: 10."""
    ChannelLimit.objects.create(
        version=version,
        channel="direct",
        months=2,
        value=Decimal(15),
        unit="working_days",
        text="02 tháng và 15 ngày làm việc",
    )
    ChannelLimit.objects.create(
        version=version,
        channel="online",
        value=Decimal(5),
        unit="working_days",
        text="05 ngày làm việc",
    )


def test_the_receipt_states_the_limit_of_the_dossiers_channel(staff, world):
    per_channel_limits(world.version)
    dossier = received()  # at the counter, Monday 02/03/2026 09:00
    text = pdf_text(fetched(staff("khcn.tiepnhan"), dossier, "tiep-nhan"))
    assert "Thời gian giải quyết hồ sơ theo quy định: 2 tháng và 15 ngày làm việc." in text
    # Civil Code 2015 art. 148(3): Saturday 02/05, then 15 working days from Monday 04/05
    assert "trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 22/05/2026." in text


def test_the_procedure_page_lists_each_channels_limit_and_fee(client, world):
    per_channel_limits(world.version)
    Fee.objects.create(
        version=world.version, kind="charge", name="Lệ phí", amount_vnd=50000, channel="online"
    )
    world.version.channel_limits.filter(channel="online").update(
        description="Nộp trên Cổng Dịch vụ công quốc gia")
    page = client.get("/thu-tuc/DP.BC002/").content.decode()
    assert "10 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ" in page
    assert "<li>Trực tiếp: 2 tháng và 15 ngày làm việc</li>" in page
    assert ("<li>Trực tuyến: 5 ngày làm việc <span class=\"text-body-secondary\">(Nộp trên Cổng "
            "Dịch vụ công quốc gia)</span></li>") in page
    # the post has no limit of its own: the version's
    assert "<li>Bưu chính công ích: 10 ngày làm việc</li>" in page
    assert "Lệ phí: 50.000 đồng" in page and "(khi nộp trực tuyến)" in page


def test_the_counter_page_gives_every_channels_limit(staff, world):
    """A channel without a row of its own (the post) still reads the version's limit."""
    per_channel_limits(world.version)
    page = staff("khcn.tiepnhan").get("/can-bo/tiep-nhan/?thu-tuc=DP.BC002").content.decode()
    assert ("Thời hạn giải quyết: Trực tiếp 2 tháng và 15 ngày làm việc; Trực tuyến 5 ngày làm "
            "việc; Bưu chính công ích 10 ngày làm việc.") in page
