"""The sandbox's form "Nộp hồ sơ trên DVCQG" (integrations §7.1) as a newcomer meets it: motcua's
answer readable, one sample file per component, hints, an honest counter, a phone-sized page."""

import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest


@pytest.fixture
def no_motcua(sandbox_server):
    """The push goes to a port where nothing listens: filed on DVCQG, refused connection."""
    server, _url = sandbox_server
    server.app.push_to = "http://127.0.0.1:9/api/v1/integrations/dvcqg/dossiers"
    yield
    server.app.push_to = ""


def page(url: str) -> str:
    with urllib.request.urlopen(f"{url}/", timeout=10) as answer:  # noqa: S310 - loopback
        return answer.read().decode()


def file_on_dvcqg(url: str, **fields: str) -> None:
    form = urllib.parse.urlencode({"MaTTHC": "DP.BC002", "ChuHoSo": "Lê Thị Cúc",
                                   "SoGiayToChuHoSo": "037190005678", **fields})
    urllib.request.urlopen(f"{url}/__file", data=form.encode(), timeout=30)  # noqa: S310


def pushed(code: str, status: int, reply: str) -> dict:
    return {"push": {"data": {"MaHoSoQG": code}}, "status": status, "reply": reply}


def test_motcuas_answer_is_shown_decoded_not_as_escaped_json(sandbox_server, dvcqg):
    _server, url = sandbox_server
    dvcqg.pushes.append(pushed("G22.99-aa", 200, json.dumps(
        {"error_code": 0, "message": "Thêm mới hồ sơ thành công", "MaHoSo": "X-1"})))
    dvcqg.pushes.append(pushed("G22.99-bb", 502, "Bad Gateway: không phải JSON"))

    shown = page(url)

    assert "Thêm mới hồ sơ thành công" in shown and "\\u" not in shown
    assert "Bad Gateway: không phải JSON" in shown  # not JSON: the raw text


def test_the_form_attaches_one_sample_file_per_component_in_order(sandbox_server, dvcqg,
                                                                  no_motcua):
    _server, url = sandbox_server
    file_on_dvcqg(url, SoTep="3")
    file_on_dvcqg(url)  # the default: one file

    three, one = (item["push"]["data"]["TaiLieuNop"] for item in dvcqg.pushes)
    assert [item["MaThanhPhanHoSo"] for item in three] == ["1", "2", "3"]
    assert len(one) == 1
    for item in three:
        with urllib.request.urlopen(item["DuongDanTaiTepTin"], timeout=10) as served:  # noqa: S310
            assert served.read().startswith(b"%PDF")


def test_the_form_explains_the_files_and_hints_the_procedure_code(sandbox_server, dvcqg):
    _server, url = sandbox_server
    shown = page(url)
    assert re.search(r'name="MaTTHC" placeholder="vd\. [^"]+"', shown)
    assert 'name="SoTep" type="number"' in shown
    assert "Mỗi tệp mẫu là một thành phần hồ sơ" in shown


def test_the_counter_says_what_it_counts_and_motcuas_accepted_filings_apart(sandbox_server,
                                                                           dvcqg, no_motcua):
    _server, url = sandbox_server
    file_on_dvcqg(url)  # no motcua to push to: filed on DVCQG, not accepted
    dvcqg.pushes.append(pushed("G22.99-cc", 200, "{}"))

    shown = page(url)

    assert "kể cả hồ sơ motcua đã từ chối" in shown
    assert '<span id="filed-count">1</span>' in shown
    assert '<span id="accepted-count">1</span>' in shown


def test_the_home_page_fits_a_phone_and_favicon_is_not_found(sandbox_server):
    _server, url = sandbox_server
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page(url)
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(f"{url}/favicon.ico", timeout=10)  # noqa: S310 - loopback
    assert answer.value.code == 404
