"""Demo catalogue: the procedures of the former Department of Information and Communications.

Time limits and units as domain/onestop.md §7 gives them. Procedures without a national code in
the file carry a local code "DP.…". Each states who uses it, its steps, its requirements and
conditions, its fees where a text sets them (none otherwise), and carries its blank form (the
PDFs in data/forms/). Idempotent: a procedure that exists is left alone.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

from django.core.files import File

from motcua.catalog.models import Component, Procedure
from motcua.catalog.process import working_hours_of
from motcua.catalog.selectors import parse_code
from motcua.catalog.transfer import FORMAT, import_procedure
from motcua.org.demo import COMMUNE_GIA_VIEN, COMMUNE_HOA_LU, DEPT_CULTURE, DEPT_SCIENCE

EFFECTIVE_FROM = "2025-07-01"  # two-tier local government, NĐ 118/2025 in force
PRESS = "Phòng Quản lý Báo chí, Xuất bản"
POSTAL = "Phòng Bưu chính, Viễn thông và Công nghệ thông tin"
COMMUNE_CULTURE = "Phòng Văn hóa - Xã hội"

SECTORS = {
    "press": {"code": "BAOCHI", "name": "Báo chí"},
    "publishing": {"code": "XUATBAN", "name": "Xuất bản, In và Phát hành"},
    "postal": {"code": "BUUCHINH", "name": "Bưu chính"},
    "broadcast": {"code": "PTTH-TTDT", "name": "Phát thanh, truyền hình và thông tin điện tử"},
}

# (share of the limit, name, role, where): the usual internal process (domain §1.4, B3-B9).
# Reception, forwarding and the return of the result are the one-stop's own actions.
PATTERN = [
    ("0.05", "Phân công thụ lý", "division_head", "division"),
    ("0.60", "Thẩm định hồ sơ, dự thảo kết quả", "specialist", "division"),
    ("0.10", "Xem xét, ký nháy dự thảo", "division_head", "division"),
    ("0.10", "Phê duyệt, ký kết quả", "agency_leader", None),
    ("0.05", "Vào sổ, đóng dấu, phát hành kết quả", "clerk", None),
]


FORMS = Path(__file__).parent / "data" / "forms"  # the blank form of each procedure, <code>.pdf


def load() -> None:
    for spec in PROCEDURES:
        national_code, suffix = parse_code(spec["code"])
        if not Procedure.objects.filter(national_code=national_code, local_suffix=suffix).exists():
            _attach_form(import_procedure(_document(spec)), spec["code"])


def _attach_form(procedure: Procedure, code: str) -> None:
    """The procedure's first component is its application form: its blank form to download."""
    component = Component.objects.get(version__procedure=procedure, order=1)
    name = f"catalog/templates/{code}.pdf"
    storage = component.template.storage
    if storage.exists(name):  # the same file, from an earlier load
        component.template.name = name
    else:
        with (FORMS / f"{code}.pdf").open("rb") as blank:
            component.template.save(name.rsplit("/", 1)[1], File(blank), save=False)
    component.save(update_fields=["template"])


def logins() -> list:
    return []


def _document(spec: dict) -> dict:
    national_code, suffix = parse_code(spec["code"])
    limit = spec["limit"]
    return {
        "format": FORMAT,
        "national_code": national_code,
        "local_suffix": suffix,
        "versions": [{
            "number": 1, "effective_from": EFFECTIVE_FROM, "effective_to": None,
            "name": spec["name"], "sector": SECTORS[spec["sector"]], "level": spec["level"],
            "deciding_agency": spec["agency"],
            "receiving_agencies": sorted(spec.get("receiving", [spec["agency"]])),
            "channels": ["direct", "online", "postal"],
            "online_level": spec.get("online_level", "full"),
            "result_type": spec.get("result_type", "both"),
            "time_limit": {"value": limit[0], "unit": limit[1]} if limit else None,
            "cutoff": "15:00", "supplement_policy": spec.get("policy", "restart"),
            "immediate_result": False, "legal_basis": spec["legal_basis"],
            "description": spec.get("steps_text", STEPS_TEXT),
            "applicants": spec.get("applicants", BUSINESSES),
            "requirements": spec.get("requirements", NO_REQUIREMENT),
            "components": [
                {"order": order, "name": name, "required": required, "form": form,
                 "copies": 1, "template": "", "from_national_database": from_db}
                for order, (name, required, form, from_db) in enumerate(spec["components"], 1)
            ],
            "fees": spec.get("fees", []),
            "channel_limits": [
                {"channel": channel, "limit": {"value": value, "unit": unit, "text": text},
                 "description": description}
                for channel, (value, unit, text), description in spec.get("channel_limits", [])
            ],
            "steps": _steps(limit, spec.get("division"), spec.get("consult")),
        }],
    }


def _steps(limit: tuple[str, str] | None, division: str | None, consult: str | None) -> list:
    # no fixed date: plan 10 working days
    total_hours = working_hours_of(Decimal(limit[0]), limit[1]) if limit else Decimal(80)
    steps = []
    for number, (share, name, role, where) in enumerate(PATTERN, start=1):
        hours = (total_hours * Decimal(share) * 2).to_integral_value(ROUND_FLOOR) / 2
        steps.append({
            "key": f"B{number}", "order": number, "name": name, "role": role, "agency": None,
            "division": division if where == "division" else None,
            "duration": {"value": f"{max(hours, Decimal('0.5')).normalize():f}",
                         "unit": "working_hours"},
            "can_send_back": number > 1,
            "next": [f"B{number + 1}"] if number < len(PATTERN) else [],
        })
    if consult:  # liên thông: another agency gives its opinion in parallel with appraisal
        steps[0]["next"].append("LT1")
        appraisal = steps[1]["duration"]["value"]
        steps.append({
            "key": "LT1", "order": len(PATTERN) + 1, "name": "Lấy ý kiến cơ quan phối hợp",
            "role": "specialist", "agency": consult, "division": None,
            "duration": {"value": appraisal, "unit": "working_hours"},
            "can_send_back": False, "next": ["B3"],
        })
    return steps


APPLICATION = ("Đơn đề nghị theo mẫu", True, "original", False)
BUSINESS_REGISTRATION = (
    "Giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập", True, "certified_copy", True
)

# What the public reads about each procedure (NĐ 63/2010/NĐ-CP art. 8): the usual text, and
# the procedures' own where they differ.
STEPS_TEXT = (
    "Bước 1: Tổ chức, cá nhân chuẩn bị hồ sơ theo quy định và nộp trực tuyến trên Cổng dịch vụ "
    "công, trực tiếp tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính công ích.\n"
    "Bước 2: Bộ phận Một cửa kiểm tra hồ sơ: hồ sơ đầy đủ được tiếp nhận và hẹn ngày trả kết "
    "quả; hồ sơ chưa đầy đủ được hướng dẫn bổ sung, hoàn thiện một lần, đầy đủ.\n"
    "Bước 3: Cơ quan có thẩm quyền thẩm định hồ sơ và giải quyết trong thời hạn quy định; "
    "trường hợp không giải quyết, trả lời bằng văn bản và nêu rõ lý do.\n"
    "Bước 4: Tổ chức, cá nhân nhận kết quả tại Bộ phận Một cửa, qua bưu chính công ích hoặc "
    "trực tuyến theo hình thức đã đăng ký."
)
BUSINESSES = "Doanh nghiệp, tổ chức."
AGENCIES_AND_BUSINESSES = "Cơ quan, tổ chức, doanh nghiệp."
NO_REQUIREMENT = "Không."
POSTAL_LICENCE_FEE = {  # TT 291/2016/TT-BTC, Biểu mức thu: thẩm định cấp giấy phép nội tỉnh
    "kind": "fee", "name": "Phí thẩm định điều kiện hoạt động bưu chính (phạm vi nội tỉnh)",
    "amount_vnd": 10_000_000, "legal_basis": "Thông tư 291/2016/TT-BTC",
}

BULLETIN_LIMIT = ("20", "calendar_days", "20 ngày")

PROCEDURES = [
    {
        "code": "1.009374", "sector": "press", "level": "province", "agency": DEPT_CULTURE,
        "name": "Cấp giấy phép xuất bản bản tin (địa phương)",
        "limit": ("20", "calendar_days"), "division": PRESS,
        # the national catalogue's "Cách thức thực hiện" of 1.009374: "20 (Ngày)" through each
        # channel, each with where to file (TT 41/2020/TT-BTTTT art. 18: 20 days)
        "channel_limits": [
            ("direct", BULLETIN_LIMIT, "Nộp trực tiếp tại Bộ phận Một cửa."),
            ("online", BULLETIN_LIMIT,
             "Nộp trên Cổng Dịch vụ công quốc gia hoặc Cổng dịch vụ công của tỉnh."),
            ("postal", BULLETIN_LIMIT,
             "Gửi qua dịch vụ bưu chính công ích đến Bộ phận Một cửa."),
        ],
        "legal_basis": ["Luật Báo chí 2016", "Thông tư 41/2020/TT-BTTTT, Điều 18"],
        "applicants": AGENCIES_AND_BUSINESSES,
        "requirements": "Bản tin phục vụ hoạt động của cơ quan, tổ chức; không kinh doanh; có "
                        "người chịu trách nhiệm xuất bản bản tin.",
        "components": [
            ("Tờ khai đề nghị cấp giấy phép xuất bản bản tin (Mẫu số 10)", True, "original", False),
            ("Bản sao có chứng thực quyết định thành lập hoặc giấy đăng ký", True,
             "certified_copy", True),
            ("Sơ yếu lý lịch của người chịu trách nhiệm xuất bản bản tin", True, "original", False),
            ("Mẫu trình bày tên gọi của bản tin", True, "original", False),
        ],
    },
    {
        "code": "2.001171", "sector": "press", "level": "province", "agency": DEPT_CULTURE,
        "name": "Cho phép họp báo (trong nước)", "limit": ("1", "calendar_days"),
        "division": PRESS,
        "legal_basis": ["Luật Báo chí 2016, Điều 41 khoản 3-5 (thông báo trước 24 giờ)"],
        "applicants": AGENCIES_AND_BUSINESSES,
        "steps_text": "Bước 1: Cơ quan, tổ chức gửi văn bản thông báo họp báo chậm nhất 24 giờ "
                      "trước thời điểm họp báo.\nBước 2: Trong thời hạn đó, nếu không có văn "
                      "bản yêu cầu không tổ chức họp báo thì được tổ chức họp báo theo nội "
                      "dung đã thông báo.",
        "components": [("Văn bản thông báo họp báo: địa điểm, thời gian, nội dung, người chủ trì",
                        True, "original", False)],
    },
    {
        "code": "2.001173", "sector": "press", "level": "province", "agency": DEPT_CULTURE,
        "name": "Cho phép họp báo (nước ngoài)", "limit": ("2", "working_days"),
        "division": PRESS, "legal_basis": ["Nghị định 88/2012/NĐ-CP"],
        "applicants": "Cơ quan, tổ chức nước ngoài.",
        "components": [("Văn bản đề nghị họp báo", True, "original", False)],
    },
    {
        "code": "2.001098", "sector": "broadcast", "level": "province", "agency": DEPT_CULTURE,
        "name": "Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp",
        "limit": ("10", "working_days"), "division": PRESS, "consult": DEPT_SCIENCE,
        "legal_basis": ["Nghị định 72/2013/NĐ-CP, sửa đổi bởi Nghị định 27/2018/NĐ-CP",
                        "Nghị định 147/2024/NĐ-CP"],
        "requirements": "Là tổ chức, doanh nghiệp được thành lập theo pháp luật Việt "
                        "Nam; có nhân sự, kỹ thuật và ít nhất một hệ thống máy chủ đặt tại Việt "
                        "Nam; có biện pháp bảo đảm an toàn thông tin.",
        "components": [
            ("Đơn đề nghị cấp giấy phép (Mẫu số 23)", True, "original", False),
            BUSINESS_REGISTRATION,
            ("Đề án hoạt động: nội dung, nguồn tin, nhân sự, kỹ thuật, máy chủ tại Việt Nam",
             True, "original", False),
            ("Văn bản chấp thuận của các cơ quan cung cấp nguồn tin", True, "copy", False),
        ],
    },
    {
        "code": "1.013792", "sector": "broadcast", "level": "commune", "agency": COMMUNE_HOA_LU,
        "receiving": [COMMUNE_HOA_LU, COMMUNE_GIA_VIEN],
        "name": "Cấp giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi "
                "điện tử công cộng",
        "limit": ("10", "working_days"), "division": COMMUNE_CULTURE, "online_level": "partial",
        "legal_basis": ["Nghị định 72/2013/NĐ-CP, Điều 35b (sửa đổi bởi Nghị định 27/2018/NĐ-CP)",
                        "Quyết định 4508/QĐ-BVHTTDL ngày 28/11/2025"],
        "applicants": "Tổ chức, doanh nghiệp, hộ kinh doanh.",
        "requirements": "Có đăng ký kinh doanh dịch vụ trò chơi điện tử công cộng; tổng diện "
                        "tích các phòng máy ít nhất 50 m² (tại đô thị) và cách cổng trường "
                        "tiểu học, trung học từ 200 m trở lên.",
        "components": [
            ("Đơn đề nghị cấp giấy chứng nhận (Mẫu số 05)", True, "original", False),
            BUSINESS_REGISTRATION,
            ("Căn cước của chủ điểm hoặc người quản lý", True, "copy", True),
        ],
    },
    {
        "code": "DP.BC001", "sector": "postal", "level": "province", "agency": DEPT_SCIENCE,
        "name": "Cấp giấy phép bưu chính (phạm vi nội tỉnh)", "limit": ("30", "calendar_days"),
        "division": POSTAL, "policy": "pause",
        "legal_basis": ["Nghị định 47/2011/NĐ-CP, Điều 6, 8, 9",
                        "Nghị định 25/2022/NĐ-CP"],
        "fees": [POSTAL_LICENCE_FEE],
        "requirements": "Có giấy chứng nhận đăng ký doanh nghiệp hoặc giấy chứng nhận đầu tư "
                        "trong lĩnh vực bưu chính; có khả năng tài chính, nhân sự phù hợp với "
                        "phương án kinh doanh; có phương án kinh doanh khả thi.",
        "components": [
            ("Đơn đề nghị cấp giấy phép bưu chính (Phụ lục I)", True, "original", False),
            BUSINESS_REGISTRATION,
            ("Điều lệ tổ chức và hoạt động", True, "copy", False),
            ("Phương án kinh doanh", True, "original", False),
            ("Mẫu hợp đồng cung ứng dịch vụ bưu chính", True, "original", False),
            ("Mẫu biểu trưng, nhãn hiệu, ký hiệu đặc thù (nếu có)", False, "original", False),
            ("Bảng giá cước dịch vụ", True, "original", False),
            ("Chỉ tiêu chất lượng dịch vụ", True, "original", False),
            ("Quy định về bồi thường thiệt hại và giải quyết khiếu nại", True, "original", False),
        ],
    },
    {
        "code": "DP.BC002", "sector": "postal", "level": "province", "agency": DEPT_SCIENCE,
        "name": "Cấp văn bản xác nhận thông báo hoạt động bưu chính",
        "limit": ("10", "working_days"), "division": POSTAL,
        "legal_basis": ["Nghị định 47/2011/NĐ-CP, Điều 8 khoản 1-2, Điều 9 khoản 1 điểm b"],
        "components": [("Thông báo hoạt động bưu chính (Phụ lục II)", True, "original", False),
                       BUSINESS_REGISTRATION],
    },
    {
        "code": "DP.BC003", "sector": "postal", "level": "province", "agency": DEPT_SCIENCE,
        "name": "Sửa đổi, bổ sung giấy phép bưu chính", "limit": ("10", "working_days"),
        "division": POSTAL, "legal_basis": ["Nghị định 47/2011/NĐ-CP, Điều 11"],
        "components": [("Đơn đề nghị sửa đổi, bổ sung (Phụ lục IV)", True, "original", False),
                       ("Tài liệu liên quan đến nội dung sửa đổi", True, "copy", False)],
    },
    {
        "code": "DP.BC004", "sector": "postal", "level": "province", "agency": DEPT_SCIENCE,
        "name": "Cấp lại giấy phép bưu chính khi hết hạn", "limit": ("10", "working_days"),
        "division": POSTAL, "legal_basis": ["Nghị định 47/2011/NĐ-CP, Điều 12"],
        "components": [("Đơn đề nghị cấp lại (Phụ lục V)", True, "original", False),
                       ("Báo cáo tài chính 2 năm gần nhất", True, "copy", False),
                       ("Phương án khắc phục nếu kinh doanh thua lỗ", False, "original", False)],
    },
    {
        "code": "DP.BC005", "sector": "postal", "level": "province", "agency": DEPT_SCIENCE,
        "name": "Cấp lại giấy phép bưu chính, văn bản xác nhận thông báo bị mất, hư hỏng",
        "limit": ("7", "working_days"), "division": POSTAL,
        "legal_basis": ["Nghị định 47/2011/NĐ-CP, Điều 13"],
        "components": [APPLICATION, ("Bản gốc bị hư hỏng (nếu có)", False, "original", False)],
    },
    {
        "code": "DP.TH001", "sector": "broadcast", "level": "province", "agency": DEPT_CULTURE,
        "name": "Đăng ký thu tín hiệu truyền hình nước ngoài trực tiếp từ vệ tinh",
        "limit": ("15", "working_days"), "division": PRESS,
        "legal_basis": ["Nghị định 06/2016/NĐ-CP, Điều 30"],
        "applicants": "Cơ quan, tổ chức, cá nhân thuộc đối tượng được xem truyền hình "
                      "nước ngoài trực tiếp từ vệ tinh.",
        "components": [
            ("Tờ khai đăng ký thu tín hiệu truyền hình", True, "original", False),
            ("Bản sao có chứng thực giấy phép, giấy đăng ký hoặc thẻ tạm trú", True,
             "certified_copy", True),
            ("Hợp đồng thuê địa điểm lắp đặt (nếu khác nơi đăng ký)", False, "copy", False),
        ],
    },
    {
        "code": "1.003868", "sector": "publishing", "level": "province", "agency": DEPT_CULTURE,
        "name": "Cấp giấy phép xuất bản tài liệu không kinh doanh",
        "limit": ("10", "working_days"), "division": PRESS,
        "legal_basis": ["Luật Xuất bản 2012, Điều 25"],
        "applicants": AGENCIES_AND_BUSINESSES,
        "components": [("Đơn đề nghị cấp giấy phép (Mẫu số 04)", True, "original", False),
                       ("02 bản thảo có đóng dấu", True, "original", False),
                       ("Bản dịch tiếng Việt (nếu xuất bản bằng tiếng nước ngoài)", False,
                        "original", False)],
    },
    {
        "code": "2.001594", "sector": "publishing", "level": "province", "agency": DEPT_CULTURE,
        # no limit: domain/onestop.md §7 row 14 gives none ("uncertain") and no text read here
        # sets it (the decree on printing was not read), so none is invented
        "name": "Cấp giấy phép hoạt động in xuất bản phẩm", "limit": None,
        "division": PRESS, "online_level": "partial",
        "legal_basis": ["Quyết định 4508/QĐ-BVHTTDL"],
        "components": [APPLICATION, BUSINESS_REGISTRATION],
    },
]
