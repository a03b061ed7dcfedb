"""Import of the national catalogue's real Excel export: a sheet of procedures per level (a
title and a blank row above the header) and "Cách thức thực hiện", one row per channel with
that channel's limit, fees and description, joined by the procedure's code."""

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import Workbook

from motcua.catalog.models import Procedure, ProcedureVersion, Sector
from motcua.catalog.services import draft_next_version
from motcua.catalog.spreadsheet import (
    SpreadsheetError,
    import_catalogue,
    parse_fees,
    sector_code,
)
from tests.factories.catalog import ProcedureVersionFactory
from tests.factories.org import AgencyFactory

pytestmark = pytest.mark.django_db

JULY = dt.date(2026, 7, 1)
COOPERATIVE = "Thành lập và hoạt động của hợp tác xã"
UNION = "Thành lập và hoạt động của hợp tác xã, liên hiệp hợp tác xã"  # same 30 first letters
COMMUNE = "Ủy ban nhân dân xã Gia Viễn"
PROCEDURES = [  # Mã thủ tục, Tên thủ tục, Lĩnh vực, Cấp thực hiện, Cơ quan thực hiện
    (
        "1.004227",
        "Đăng ký đất đai, tài sản gắn liền với đất lần đầu",
        "Đất đai",
        "Cấp tỉnh, Cấp xã",
        f"Sở Nông nghiệp và Môi trường;\n{COMMUNE}",
    ),
    (
        "1.010938",
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "Hoạt động xây dựng",
        "Cấp xã",
        COMMUNE,
    ),
    (
        "2.002161",
        "Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch UBND cấp xã",
        "Đất đai",
        "Cấp xã",
        COMMUNE,
    ),
    ("2.002226", "Đăng ký thành lập hợp tác xã", COOPERATIVE, "Cấp xã", COMMUNE),
    ("2.002227", "Đăng ký thành lập liên hiệp hợp tác xã", UNION, "Cấp tỉnh", "Sở Tài chính"),
]
LAND_FEES = (
    "Lệ phí cấp giấy chứng nhận: 100.000 đồng (Nghị quyết 25/2021/NQ-HĐND)\n"
    "Phí thẩm định hồ sơ: 1.200.000 đồng"
)
CHANNELS = [  # Mã thủ tục, Hình thức nộp, Thời hạn giải quyết, Phí, lệ phí, Mô tả
    ("1.004227", "Trực tiếp", "20 ngày làm việc", LAND_FEES, "Nộp tại Trung tâm phục vụ HCC"),
    ("1.004227", "Trực tuyến", "20 ngày làm việc", LAND_FEES, "Nộp trên Cổng DVC quốc gia"),
    ("1.010938", "Trực tiếp", "15 ngày làm việc", "Lệ phí: 75.000 đồng", ""),
    ("1.010938", "Trực tuyến", "05 ngày làm việc", "Lệ phí: 50.000 đồng", ""),
    ("1.010938", "Dịch vụ bưu chính", "15 ngày làm việc", "Lệ phí: 75.000 đồng", ""),
    ("2.002161", "Trực tiếp", "02 tháng và 15 ngày làm việc", "Không", ""),
    (
        "2.002226",
        "Trực tiếp",
        "03 ngày làm việc",
        "Lệ phí: 100.000 đồng (Thông tư 47/2019/TT-BTC)",
        "",
    ),
    ("2.002227", "Trực tiếp", "Khác", "", "Theo quy định của Luật Hợp tác xã"),
]


def write_export(path, procedures=PROCEDURES, channels=CHANNELS, province=()):
    """The export: the commune sheet with ``procedures``, the province sheet TTHC1-CAPTINH
    when ``province`` has rows, and the channel sheet with ``channels``."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in (("TTHC2-CAPXA", procedures), ("TTHC1-CAPTINH", province)):
        if rows:
            level_sheet(book.create_sheet(title), rows)
    ways = book.create_sheet("Cách thức thực hiện")
    ways.append(["CÁCH THỨC THỰC HIỆN"])
    ways.append([])
    ways.append(["Mã thủ tục", "Hình thức nộp", "Thời hạn giải quyết", "Phí, lệ phí", "Mô tả"])
    for row in channels:
        ways.append(list(row))
    book.save(path)
    return path


def level_sheet(sheet, procedures):
    sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH"])
    sheet.append([])
    sheet.append(
        ["STT", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện", "Cơ quan thực hiện"]
    )
    for number, row in enumerate(procedures, 1):
        sheet.append([number, *row])


@pytest.fixture
def agencies():
    return export_agencies()


def export_agencies():
    """The executing agencies the export names."""
    return {
        "land": AgencyFactory(identifier_code="000.00.20.H42", name="Sở Nông nghiệp và Môi trường"),
        "commune": AgencyFactory(identifier_code="000.21.30.H42", name=COMMUNE),
        "finance": AgencyFactory(identifier_code="000.00.05.H42", name="Sở Tài chính"),
    }


def version_of(code):
    return ProcedureVersion.objects.get(procedure__national_code=code, effective_to=None)


def limits(version):
    return {
        c.channel: (c.value, c.unit, c.months, c.text, c.description)
        for c in version.channel_limits.all()
    }


def fees(version):
    return sorted(
        (f.kind, f.name, f.amount_vnd, f.legal_basis, f.channel) for f in version.fees.all()
    )


def test_the_real_layout_is_imported_with_every_field(agencies, tmp_path):
    report = import_catalogue(write_export(tmp_path / "tthc.xlsx"), effective_from=JULY)
    assert report.errors == []
    assert report.created == ["1.004227", "1.010938", "2.002161", "2.002226", "2.002227"]

    land = version_of("1.004227")
    assert (land.name, land.sector.name, land.level, land.level_set) == (
        "Đăng ký đất đai, tài sản gắn liền với đất lần đầu",
        "Đất đai",
        "province",
        ["province", "commune"],
    )
    assert land.deciding_agency == agencies["land"]
    assert set(land.receiving_agencies.all()) == {agencies["land"], agencies["commune"]}
    assert land.channels == ["direct", "online"]
    assert (land.time_limit_value, land.time_limit_unit) == (20, "working_days")
    assert limits(land) == {
        "direct": (20, "working_days", 0, "20 ngày làm việc", "Nộp tại Trung tâm phục vụ HCC"),
        "online": (20, "working_days", 0, "20 ngày làm việc", "Nộp trên Cổng DVC quốc gia"),
    }
    assert fees(land) == [  # the same at both channels: once for all
        ("charge", "Lệ phí cấp giấy chứng nhận", 100000, "Nghị quyết 25/2021/NQ-HĐND", ""),
        ("fee", "Phí thẩm định hồ sơ", 1200000, "", ""),
    ]

    building = version_of("1.010938")
    assert building.channels == ["direct", "online", "postal"]
    assert building.limit_for("online").value == 5
    assert building.limit_for("direct").value == building.limit_for("postal").value == 15
    assert fees(building) == [
        ("charge", "Lệ phí", 50000, "", "online"),
        ("charge", "Lệ phí", 75000, "", "direct"),
        ("charge", "Lệ phí", 75000, "", "postal"),
    ]
    assert [f.amount_vnd for f in building.fees_for("online")] == [50000]

    dispute = version_of("2.002161")
    assert (dispute.time_limit_months, dispute.time_limit_value, dispute.time_limit_unit) == (
        2,
        15,
        "working_days",
    )
    assert dispute.limit_label == "2 tháng và 15 ngày làm việc"
    assert fees(dispute) == []

    union = version_of("2.002227")
    assert (union.time_limit_value, union.time_limit_unit, union.time_limit_text) == (
        None,
        "",
        "Khác",
    )
    assert union.limit_for("direct").text == "Khác" and union.limit_label == "Khác"
    assert union.deciding_agency == agencies["finance"] and union.level_set == ["province"]

    cooperative = version_of("2.002226").sector
    assert (cooperative.name, union.sector.name) == (COOPERATIVE, UNION)
    assert cooperative.code != union.sector.code
    assert cooperative.code[:21] == union.sector.code[:21] == "THANH-LAP-VA-HOAT-DON"
    assert max(len(cooperative.code), len(union.sector.code)) <= 30


def test_a_second_import_of_the_same_file_changes_nothing(agencies, tmp_path):
    path = write_export(tmp_path / "tthc.xlsx")
    import_catalogue(path, effective_from=JULY)
    before = (
        ProcedureVersion.objects.count(),
        Sector.objects.count(),
        list(ProcedureVersion.objects.values_list("pk", "effective_to")),
    )
    report = import_catalogue(path, effective_from=dt.date(2026, 8, 1))
    assert report.unchanged == [code for code, *_ in PROCEDURES]
    assert (report.created, report.changed, report.deactivated, report.errors) == ([], [], [], [])
    assert before == (
        ProcedureVersion.objects.count(),
        Sector.objects.count(),
        list(ProcedureVersion.objects.values_list("pk", "effective_to")),
    )


def test_a_changed_limit_makes_a_new_version_from_the_given_date(agencies, tmp_path):
    import_catalogue(write_export(tmp_path / "tthc.xlsx"), effective_from=JULY)
    changed = [
        (
            code,
            way,
            "03 ngày làm việc" if (code, way) == ("1.010938", "Trực tuyến") else limit,
            fee,
            text,
        )
        for code, way, limit, fee, text in CHANNELS
    ]
    report = import_catalogue(
        write_export(tmp_path / "moi.xlsx", channels=changed), effective_from=dt.date(2026, 9, 1)
    )
    assert report.changed == ["1.010938"] and len(report.unchanged) == 4
    assert report.changes["1.010938"] == ["channel_limits"]  # what the dry run names
    first, second = Procedure.objects.get(national_code="1.010938").versions.order_by("number")
    assert first.effective_to == dt.date(2026, 8, 31)
    assert (second.number, second.effective_from, second.effective_to) == (
        2,
        dt.date(2026, 9, 1),
        None,
    )
    assert first.limit_for("online").value == 5 and second.limit_for("online").value == 3
    assert fees(second) == fees(first)


def test_a_bad_row_is_reported_with_its_cells_and_changes_nothing(agencies, tmp_path):
    procedures = [
        *PROCEDURES[:1],
        (
            "1.010938",
            "Cấp giấy phép xây dựng",
            "Hoạt động xây dựng",
            "Cấp xã",
            "Ủy ban nhân dân xã Không Có",
        ),
    ]
    channels = [
        *CHANNELS[:2],
        ("1.010938", "Trực tiếp", "30 ngày", "Lệ phí: 50.000 - 75.000 đồng", ""),
    ]
    report = import_catalogue(
        write_export(tmp_path / "tthc.xlsx", procedures, channels), effective_from=JULY
    )
    assert report.created == ["1.004227"]
    assert report.errors == [
        "TTHC2-CAPXA!F5: không có cơ quan 'Ủy ban nhân dân xã Không Có' (ghi mã định danh hoặc "
        "đúng tên; nhiều cơ quan cách nhau bởi dấu chấm phẩy)",
        "Cách thức thực hiện!C6: thời hạn '30 ngày' không nói rõ ngày làm việc hay ngày theo "
        "lịch: sửa ô, hoặc nhập lại với --assume-working-days hay --assume-calendar-days",
        "Cách thức thực hiện!D6: không rõ mức thu 'Lệ phí: 50.000 - 75.000 đồng' (mỗi khoản "
        "một dòng, ví dụ: Lệ phí: 50.000 đồng)",
    ]
    assert not Procedure.objects.filter(national_code="1.010938").exists()


def test_a_bad_row_leaves_the_procedure_in_the_catalogue_as_it_was(agencies, tmp_path):
    import_catalogue(write_export(tmp_path / "tthc.xlsx"), effective_from=JULY)
    channels = [("1.010938", "Trực tuyến", "5 - 7 ngày làm việc", "Lệ phí: 50.000 đồng", "")
                if row[:2] == ("1.010938", "Trực tuyến") else row for row in CHANNELS]
    report = import_catalogue(
        write_export(tmp_path / "moi.xlsx", channels=channels), effective_from=dt.date(2026, 9, 1)
    )
    assert (report.refused, report.changed, report.deactivated) == (["1.010938"], [], [])
    assert report.errors == [
        "Cách thức thực hiện!C7: ô ghi nhiều thời hạn '5 - 7 ngày làm việc': tách mỗi trường "
        "hợp thành một thủ tục hoặc ghi một thời hạn"
    ]
    version = Procedure.objects.get(national_code="1.010938").versions.get()  # still one
    assert (version.effective_to, version.limit_for("online").value) == (None, 5)


def test_a_procedure_listed_on_two_level_sheets_is_one_with_both_levels_and_agencies(
    agencies, tmp_path
):
    commune = ("1.004227", PROCEDURES[0][1], "Đất đai", "Cấp xã", COMMUNE)
    province = ("1.004227", PROCEDURES[0][1], "Đất đai", "Cấp tỉnh", "Sở Nông nghiệp và Môi trường")
    path = write_export(tmp_path / "tthc.xlsx", [commune], CHANNELS[:2], province=[province])
    assert import_catalogue(path, effective_from=JULY).created == ["1.004227"]
    land = version_of("1.004227")
    assert (land.level_set, land.deciding_agency) == (["province", "commune"], agencies["commune"])
    assert set(land.receiving_agencies.all()) == {agencies["land"], agencies["commune"]}
    # levels are a set: one sheet listing both in the other order changes nothing
    both = write_export(tmp_path / "mot.xlsx", [(*commune[:3], "Cấp xã, Cấp tỉnh",
                                                 f"{COMMUNE}; Sở Nông nghiệp và Môi trường")],
                        CHANNELS[:2])
    assert import_catalogue(both, effective_from=dt.date(2026, 8, 1)).unchanged == ["1.004227"]


def test_two_level_sheets_that_disagree_are_reported_and_change_nothing(agencies, tmp_path):
    commune = ("1.004227", "Đăng ký đất đai lần đầu", "Đất đai", "Cấp xã", COMMUNE)
    province = ("1.004227", PROCEDURES[0][1], "Đất đai", "Cấp tỉnh", "Sở Nông nghiệp và Môi trường")
    path = write_export(tmp_path / "tthc.xlsx", [commune], CHANNELS[:2], province=[province])
    report = import_catalogue(path, effective_from=JULY)
    assert (report.refused, report.errors) == (
        ["1.004227"], ["TTHC1-CAPTINH!C4: khác với ô TTHC2-CAPXA!C4 của cùng mã thủ tục"])
    assert not Procedure.objects.exists()


def test_a_channel_row_of_no_listed_procedure_is_reported(agencies, tmp_path):
    channels = [*CHANNELS[:2], ("1.004272", "Trực tiếp", "20 ngày làm việc", "", "")]
    report = import_catalogue(
        write_export(tmp_path / "tthc.xlsx", PROCEDURES[:1], channels), effective_from=JULY
    )
    assert report.created == ["1.004227"]
    assert (report.refused, report.errors) == (
        ["1.004272"],
        ["Cách thức thực hiện!A6: mã thủ tục '1.004272' không có ở trang thủ tục nào"])


def test_bare_days_are_read_as_the_operator_chose(agencies, tmp_path):
    channels = [("2.002226", "Trực tiếp", "30 ngày", "", "")]
    path = write_export(tmp_path / "tthc.xlsx", PROCEDURES[3:4], channels)
    assert import_catalogue(path, effective_from=JULY).created == []
    import_catalogue(path, effective_from=JULY, bare_days="working_days")
    assert version_of("2.002226").limit_for("direct").unit == "working_days"


def test_a_level_the_file_no_longer_lists_ends_never_deleted(agencies, tmp_path):
    old = ProcedureVersionFactory(
        procedure__national_code="1.000001", level="commune", effective_from=dt.date(2025, 7, 1)
    )
    other_level = ProcedureVersionFactory(
        procedure__national_code="1.000002", level="district", effective_from=dt.date(2025, 7, 1)
    )
    path = write_export(tmp_path / "tthc.xlsx")
    dry = import_catalogue(path, effective_from=JULY, dry_run=True)
    assert dry.deactivated == ["1.000001"] and len(dry.created) == 5
    assert not Procedure.objects.filter(national_code="1.004227").exists()
    old.refresh_from_db()
    assert old.effective_to is None
    report = import_catalogue(path, effective_from=JULY)
    assert report.deactivated == ["1.000001"]
    old.refresh_from_db()
    other_level.refresh_from_db()
    assert (old.effective_to, other_level.effective_to) == (dt.date(2026, 6, 30), None)


def test_the_commune_sheet_alone_never_ends_a_province_procedure(agencies, tmp_path):
    """The commune sheet lists 1.004227 at 'Cấp tỉnh, Cấp xã': the file still covers only the
    commune level, so a province procedure it does not list is not ended, nor one carried out
    at both levels; a commune one is."""
    province = ProcedureVersionFactory(
        procedure__national_code="1.000003", level="province", effective_from=dt.date(2025, 7, 1)
    )
    both = ProcedureVersionFactory(
        procedure__national_code="1.000004", level="commune", levels="commune,province",
        effective_from=dt.date(2025, 7, 1),
    )
    commune = ProcedureVersionFactory(
        procedure__national_code="1.000005", level="commune", effective_from=dt.date(2025, 7, 1)
    )
    report = import_catalogue(write_export(tmp_path / "tthc.xlsx"), effective_from=JULY)
    assert report.deactivated == ["1.000005"]
    for version in (province, both, commune):
        version.refresh_from_db()
    assert [v.effective_to for v in (province, both, commune)] == [None, None, dt.date(2026, 6, 30)]


def test_a_new_version_drafted_in_the_admin_keeps_the_channel_limits(agencies, tmp_path):
    import_catalogue(write_export(tmp_path / "tthc.xlsx"), effective_from=JULY)
    building = version_of("1.010938")
    draft = draft_next_version(building.procedure_id, dt.date(2026, 10, 1))
    assert limits(draft) == limits(building) and fees(draft) == fees(building)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Không", []),
        ("Miễn phí", []),
        ("500.000 đồng/giấy phép", [("fee", "Phí, lệ phí", 500000, "")]),
        (
            "Lệ phí: 8.000 đồng (Thông tư 85/2019/TT-BTC)",
            [("charge", "Lệ phí", 8000, "Thông tư 85/2019/TT-BTC")],
        ),
        (
            "Phí thẩm định: 1.200.000 đồng; Lệ phí cấp giấy: 100.000 đồng",
            [("fee", "Phí thẩm định", 1200000, ""), ("charge", "Lệ phí cấp giấy", 100000, "")],
        ),
        # the national portal's own writing: one sum per case, the case kept with the name
        (
            "Phí : 500000 Đồng (Đối với cơ sở sản xuất nhỏ lẻ)\n"
            "Phí : 700000 Đồng (Đối với cơ sở kinh doanh dịch vụ ăn uống)",
            [
                ("fee", "Phí (Đối với cơ sở sản xuất nhỏ lẻ)", 500000, ""),
                ("fee", "Phí (Đối với cơ sở kinh doanh dịch vụ ăn uống)", 700000, ""),
            ],
        ),
        ("Phí : 0 Đồng", []),
    ],
)
def test_a_fee_cell_holds_several_fees_with_names_and_legal_bases(text, expected):
    assert [(f.kind, f.name, f.amount_vnd, f.legal_basis) for f in parse_fees(text)] == expected


def test_sector_codes_are_stable_and_keep_two_long_names_apart():
    assert sector_code(COOPERATIVE) == sector_code(COOPERATIVE)
    assert sector_code(COOPERATIVE) != sector_code(UNION)
    assert len(sector_code(UNION)) <= 30


def test_the_exports_own_sector_code_is_used_and_a_file_without_a_header_refused(
    agencies, tmp_path
):
    book = Workbook()
    sheet = book.active
    sheet.title = "TTHC1-CAPTINH"
    sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP TỈNH"])
    sheet.append([])
    sheet.append(
        [
            "Mã thủ tục",
            "Tên thủ tục",
            "Mã lĩnh vực",
            "Lĩnh vực",
            "Cấp thực hiện",
            "Cơ quan thực hiện",
            "Thời hạn giải quyết",
        ]
    )
    sheet.append(
        [
            "2.002227",
            "Đăng ký thành lập liên hiệp hợp tác xã",
            "G14-HTX",
            UNION,
            "Cấp tỉnh",
            "000.00.05.H42",
            "05 ngày làm việc",
        ]
    )
    book.save(tmp_path / "tinh.xlsx")
    assert import_catalogue(tmp_path / "tinh.xlsx", effective_from=JULY).created == ["2.002227"]
    assert (version_of("2.002227").sector.code, version_of("2.002227").sector.name) == (
        "G14-HTX",
        UNION,
    )
    sheet.delete_rows(3)  # the header
    book.save(tmp_path / "khong-tieu-de.xlsx")
    with pytest.raises(SpreadsheetError, match="Mã thủ tục, Tên thủ tục"):
        import_catalogue(tmp_path / "khong-tieu-de.xlsx", effective_from=JULY)


def test_a_sector_code_the_catalogue_has_under_another_name_is_reported(agencies, tmp_path):
    Sector.objects.create(code="G14-HTX", name=COOPERATIVE)
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã thủ tục", "Tên thủ tục", "Mã lĩnh vực", "Lĩnh vực", "Cấp thực hiện",
                  "Cơ quan thực hiện", "Thời hạn giải quyết"])
    sheet.append(["2.002227", "Đăng ký thành lập liên hiệp hợp tác xã", "G14-HTX", UNION,
                  "Cấp tỉnh", "000.00.05.H42", "05 ngày làm việc"])
    book.save(tmp_path / "tinh.xlsx")
    report = import_catalogue(tmp_path / "tinh.xlsx", effective_from=JULY)
    assert report.errors == [
        f"Sheet!D2: mã lĩnh vực 'G14-HTX' đang là của lĩnh vực '{COOPERATIVE}', khác tên "
        f"'{UNION}' trong tệp (nếu lĩnh vực đã đổi tên, sửa tên trong trang quản trị rồi nhập lại)"
    ]
    assert not Procedure.objects.exists()


def test_what_the_file_does_not_state_is_kept_from_the_catalogue(agencies, tmp_path):
    """A sheet without limit or fee columns and without channel rows: the version's limit,
    channels, channel limits and fees stay as the catalogue has them."""
    version = ProcedureVersionFactory(
        procedure__national_code="1.010938",
        name="Cấp giấy phép xây dựng",
        level="commune",
        sector=Sector.objects.create(code="XAYDUNG", name="Hoạt động xây dựng"),
        deciding_agency=agencies["commune"],
        receiving_agencies=[agencies["commune"]],
        fees=[("Lệ phí", 75000)],
    )
    version.channel_limits.create(channel="online", value=Decimal(5), unit="working_days")
    row = ("1.010938", "Cấp giấy phép xây dựng", "Hoạt động xây dựng", "Cấp xã", COMMUNE)
    path = write_export(tmp_path / "tthc.xlsx", [row], [])
    assert import_catalogue(path, effective_from=JULY).unchanged == ["1.010938"]
    renamed = write_export(
        tmp_path / "moi.xlsx", [(row[0], "Cấp giấy phép xây dựng mới", *row[2:])], []
    )
    assert import_catalogue(renamed, effective_from=JULY).changed == ["1.010938"]
    second = version_of("1.010938")
    assert (second.number, second.name) == (2, "Cấp giấy phép xây dựng mới")
    assert second.channels == ["direct", "online", "postal"]
    assert (second.time_limit_value, second.time_limit_unit) == (10, "working_days")
    assert limits(second) == limits(version) and fees(second) == fees(version)


def limit_and_channels(path, limit, channel_limits):
    """A procedure sheet with a limit column and the channel sheet with the given limits."""
    book = Workbook()
    sheet = book.active
    sheet.title = "TTHC2-CAPXA"
    sheet.append(["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện", "Cơ quan thực hiện",
                  "Thời hạn giải quyết"])
    sheet.append(["1.010938", "Cấp giấy phép xây dựng", "Hoạt động xây dựng", "Cấp xã", COMMUNE,
                  limit])
    ways = book.create_sheet("Cách thức thực hiện")
    ways.append(["Mã thủ tục", "Hình thức nộp", "Thời hạn giải quyết", "Mô tả"])
    for way, text in channel_limits:
        ways.append(["1.010938", way, text, ""])
    book.save(path)
    return path


def test_a_blank_channel_limit_is_the_procedures_never_no_limit(agencies, tmp_path):
    path = limit_and_channels(tmp_path / "tthc.xlsx", "15 ngày làm việc",
                              [("Trực tiếp", ""), ("Trực tuyến", "05 ngày làm việc")])
    assert import_catalogue(path, effective_from=JULY).created == ["1.010938"]
    building = version_of("1.010938")
    assert (building.limit_for("direct").value, building.limit_for("online").value) == (15, 5)


def test_a_limit_stated_nowhere_is_reported_not_read_as_none(agencies, tmp_path):
    path = limit_and_channels(tmp_path / "tthc.xlsx", "",
                              [("Trực tiếp", ""), ("Trực tuyến", "05 ngày làm việc")])
    report = import_catalogue(path, effective_from=JULY)
    assert (report.refused, report.errors) == (["1.010938"], [
        "Cách thức thực hiện!C2: thiếu thời hạn giải quyết (ghi Khác nếu thủ tục không quy định "
        "thời hạn)"])
    alone = limit_and_channels(tmp_path / "mot.xlsx", "", [])
    assert import_catalogue(alone, effective_from=JULY).errors == [
        "TTHC2-CAPXA!F2: thiếu thời hạn giải quyết (ghi Khác nếu thủ tục không quy định thời "
        "hạn)"]
    assert not Procedure.objects.exists()
