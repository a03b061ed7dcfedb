import pytest

from tests.exchange.documents import make_office


@pytest.fixture
def offices(db, media_in_tmp):
    """Agencies A and B of this installation, each with its officers (documents.Office)."""
    a = make_office("000.00.15.H42", "Sở Khoa học và Công nghệ", "SKHCN", "a")
    b = make_office("000.00.16.H42", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "b")
    return a, b


@pytest.fixture
def fake_axis():
    """A fake national axis on 127.0.0.1 (tests/exchange/fakeaxis.py), stopped after the test.

    fake_axis.add_system("sys-a", organ_ids=[...]); fake_axis.client("sys-a") is an AxisClient;
    settings.MOTCUA_AXIS = fake_axis.settings_for("sys-a") points the app at it.
    """
    from tests.exchange.fakeaxis import FakeAxis

    with FakeAxis() as fake:
        yield fake
