"""What each operation does, in Vietnamese (English by the site's language): the headings of the
API's docs page (OpenAPI ``summary``, by operation id), the sentences under them
(``description``) and what each group of operations holds (the tags)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SUMMARIES = {
    "motcua_api_auth_issue_token": _("Cấp mã truy cập"),
    "motcua_workcal_api_due": _("Tính ngày hẹn trả theo ngày làm việc"),
    "motcua_workcal_api_year": _("Lịch ngày nghỉ, ngày làm bù của một năm"),
    "motcua_catalog_api_list_procedures": _("Tìm thủ tục hành chính"),
    "motcua_catalog_api_get_procedure": _("Xem một thủ tục hành chính"),
    "motcua_dossiers_api_create_upload": _("Tải lên một tệp"),
    "motcua_dossiers_api_create_dossier": _("Nộp hoặc tiếp nhận hồ sơ"),
    "motcua_dossiers_api_list_dossiers": _("Danh sách hồ sơ"),
    "motcua_dossiers_api_get_dossier": _("Xem một hồ sơ"),
    "motcua_dossiers_api_act_on_dossier": _("Xử lý hồ sơ (một bước của quy trình)"),
    "motcua_dossiers_api_lookup": _("Tra cứu tình trạng hồ sơ"),
    "motcua_stats_api_report_06a": _("Báo cáo 06a: tình hình, kết quả giải quyết"),
    "motcua_stats_api_report_766": _("Chỉ số phục vụ người dân, doanh nghiệp (766)"),
    "motcua_stats_ioc_api_ioc_daily": _("Số liệu tổng hợp theo ngày và cơ quan (IOC)"),
    "motcua_stats_ioc_api_ioc_periods": _("Các kỳ báo cáo đã chốt số liệu (IOC)"),
    "motcua_stats_ioc_api_ioc_period": _("Số liệu chốt của một kỳ báo cáo (IOC)"),
    "motcua_exchange_api_list_outgoing": _("Sổ văn bản đi"),
    "motcua_exchange_api_create_outgoing": _("Soạn văn bản đi"),
    "motcua_exchange_api_get_outgoing": _("Xem một văn bản đi"),
    "motcua_exchange_api_act_on_outgoing": _("Xử lý văn bản đi (cấp số, gửi, thu hồi)"),
    "motcua_exchange_api_list_incoming": _("Sổ văn bản đến"),
    "motcua_exchange_api_get_incoming": _("Xem một văn bản đến"),
    "motcua_exchange_api_act_on_incoming": _("Xử lý văn bản đến (vào sổ, phân công, xử lý)"),
    "motcua_national_api_list_integrations": _("Tình trạng các kết nối hệ thống quốc gia"),
    "motcua_national_api_resend_dvcqg": _("Gửi lại các hồ sơ chưa đồng bộ lên DVCQG"),
    "motcua_national_api_receive_dvcqg_dossier": _("Nhận hồ sơ nộp trên DVCQG"),
    "motcua_messaging_api_receive_zalo_event": _("Nhận sự kiện giao tin từ Zalo"),
    "motcua_voice_api_create_feedback": _("Gửi phản ánh, kiến nghị"),
    "motcua_voice_api_list_feedback": _("Danh sách phản ánh, kiến nghị"),
    "motcua_voice_api_get_feedback": _("Xem một phản ánh, kiến nghị"),
    "motcua_voice_api_act_on_feedback": _("Xử lý phản ánh, kiến nghị (một bước)"),
    "motcua_voice_api_create_letter": _("Vào sổ tiếp nhận đơn"),
    "motcua_voice_api_classify_letter": _("Phân loại đơn (tách đơn nhiều nội dung)"),
    "motcua_voice_api_forward_letter": _("Chuyển đơn đến cơ quan có thẩm quyền"),
    "motcua_voice_api_create_complaint": _("Gửi đơn khiếu nại"),
    "motcua_voice_api_list_complaints": _("Danh sách khiếu nại"),
    "motcua_voice_api_get_complaint": _("Xem một khiếu nại"),
    "motcua_voice_denunciation_api_create_denunciation": _("Gửi đơn tố cáo"),
    "motcua_voice_denunciation_api_list_denunciations": _("Danh sách tố cáo"),
    "motcua_voice_denunciation_api_get_denunciation": _("Xem một tố cáo"),
    "motcua_voice_denunciation_api_act_on_denunciation": _("Giải quyết tố cáo (một bước)"),
    "motcua_voice_api_act_on_complaint": _("Giải quyết khiếu nại (một bước)"),
}

DESCRIPTIONS = {
    "motcua_api_auth_issue_token": _(
        "Mã để gửi trong tiêu đề Authorization: Bearer <mã>, có hiệu lực API_TOKEN_HOURS giờ. "
        "Cán bộ gửi thêm mã của ứng dụng xác thực (otp) khi hệ thống bật STAFF_2FA. 429: quá "
        "nhiều lần thử; sau nhiều lần đăng nhập sai từ cùng một địa chỉ, tài khoản bị tạm khóa "
        "trong AXES_COOLOFF_MINUTES phút."),
    "motcua_workcal_api_due": _(
        "Thời điểm hết hạn của một thời hạn tính theo thời gian làm việc ở Việt Nam: bỏ qua ngày "
        "nghỉ, ngày lễ, Tết và tính cả ngày làm bù, theo lịch của cơ quan khi có mã định danh."),
    "motcua_workcal_api_year": _(
        "Mọi ngày thường được nghỉ và mọi ngày cuối tuần phải làm bù trong năm, kèm lý do."),
    "motcua_catalog_api_list_procedures": _(
        "Các thủ tục đang có hiệu lực hôm nay; tìm theo từ khóa không phân biệt dấu và chữ hoa, "
        "lọc theo lĩnh vực, cấp thực hiện, cơ quan giải quyết."),
    "motcua_catalog_api_get_procedure": _(
        "Phiên bản đang có hiệu lực hôm nay: thành phần hồ sơ; phí và lệ phí, kèm kênh nộp hồ "
        "sơ khi khoản đó chỉ thu ở một kênh; thời hạn giải quyết chung và thời hạn theo từng "
        "kênh nộp hồ sơ; các bước của quy trình nội bộ."),
    "motcua_dossiers_api_create_upload": _(
        "Lưu một tệp (kiểm tra dung lượng, loại tệp theo nội dung và vi-rút); ghi mã (id) của "
        "tệp vào trường attachments của yêu cầu sau."),
    "motcua_dossiers_api_create_dossier": _(
        "Người dân, tổ chức nộp hồ sơ trực tuyến (trạng thái 1) hoặc cán bộ một cửa tiếp nhận "
        "hồ sơ tại quầy (trạng thái 2). Nội dung là JSON, hoặc multipart/form-data với JSON ở "
        "trường data và các tệp ở trường component_<số thứ tự thành phần>."),
    "motcua_dossiers_api_list_dossiers": _(
        "Các hồ sơ bạn được xem, mới nhất trước; lọc theo trạng thái, thủ tục, hạn trả, từ khóa."),
    "motcua_dossiers_api_get_dossier": _(
        "Một hồ sơ với các bước xử lý, các lần tạm dừng, tệp đính kèm và toàn bộ lịch sử."),
    "motcua_dossiers_api_act_on_dossier": _(
        "Một thao tác của quy trình trên đúng phiên bản hồ sơ bạn đã xem (version); nếu hồ sơ "
        "đã thay đổi từ đó, yêu cầu bị từ chối với mã 409. Mô tả của mỗi trường bắt đầu bằng "
        "tên thao tác dùng đến trường đó."),
    "motcua_dossiers_api_lookup": _(
        "Tình trạng hồ sơ theo mã hồ sơ và số định danh của chủ hồ sơ (hoặc người nộp), không "
        "cần đăng nhập; không trả dữ liệu cá nhân."),
    "motcua_stats_api_report_06a": _(
        "Báo cáo 06a về tình hình, kết quả giải quyết thủ tục hành chính trong kỳ, theo cơ quan, "
        "thủ tục hoặc lĩnh vực."),
    "motcua_stats_api_report_766": _(
        "Các chỉ số theo Quyết định 766/QĐ-TTg mà dữ liệu cho phép tính, mỗi chỉ số kèm công "
        "thức."),
    "motcua_stats_ioc_api_ioc_daily": _(
        "Mỗi ngày, mỗi cơ quan giải quyết: số hồ sơ tiếp nhận, đã giải quyết trước hạn, đúng "
        "hạn, quá hạn, đang giải quyết quá hạn, tỷ lệ nộp trực tuyến, mức độ hài lòng và tỷ lệ "
        "đúng hạn theo Quyết định 766, tính như báo cáo 06a của ngày đó. Chỉ số liệu tổng hợp, "
        "không có hồ sơ hay thông tin cá nhân. Cần khóa IOC ở tiêu đề X-IOC-Key; tối đa 31 "
        "ngày mỗi lần."),
    "motcua_stats_ioc_api_ioc_periods": _(
        "Các kỳ báo cáo tháng (từ ngày 15 tháng trước đến ngày 14 tháng báo cáo, Nghị định "
        "09/2019/NĐ-CP) đã chốt số liệu, kỳ mới nhất trước. Cần khóa IOC ở tiêu đề X-IOC-Key."),
    "motcua_stats_ioc_api_ioc_period": _(
        "Số liệu của kỳ báo cáo yyyy-mm như đã chốt một lần sau khi kỳ kết thúc, theo từng cơ "
        "quan và toàn tỉnh, kèm các chỉ số Quyết định 766; không thay đổi về sau. Kỳ chưa chốt: "
        "404. Cần khóa IOC ở tiêu đề X-IOC-Key."),
    "motcua_exchange_api_list_outgoing": _(
        "Sổ văn bản đi của các cơ quan bạn làm việc, văn bản mới nhất trước."),
    "motcua_exchange_api_create_outgoing": _(
        "Tạo một dự thảo văn bản đi; văn bản chưa có số cho đến khi được cấp số."),
    "motcua_exchange_api_get_outgoing": _(
        "Một văn bản đi với các nơi nhận, trạng thái ở từng nơi nhận và diễn biến xử lý."),
    "motcua_exchange_api_act_on_outgoing": _(
        "issue: cấp số, ban hành; seal: ký số của cơ quan (đóng dấu) lên văn bản đã ban hành "
        "và đã có chữ ký số của người có thẩm quyền; send: gửi đến mọi nơi nhận chưa được gửi; "
        "recall: thu hồi, kèm lý do (reason); publish: đăng lên cổng thông tin của cơ quan "
        "(văn bản đã ban hành, không mật, có tệp PDF); withdraw: gỡ khỏi cổng thông tin. Thao "
        "tác ký số của người có thẩm quyền chỉ làm trên trang văn bản."),
    "motcua_exchange_api_list_incoming": _(
        "Sổ văn bản đến bạn được xem, văn bản đến sau cùng ở đầu."),
    "motcua_exchange_api_get_incoming": _(
        "Một văn bản đến với kết quả kiểm tra chữ ký số và lịch sử xử lý."),
    "motcua_exchange_api_act_on_incoming": _(
        "register: vào sổ; refuse: từ chối (reason); assign: phân công (leader, division, "
        "specialist, working_days); process: bắt đầu xử lý; complete: hoàn thành (note); "
        "accept_recall: đồng ý thu hồi (note); refuse_recall: từ chối thu hồi (reason); "
        "accept_change: đồng ý (note), refuse_change: từ chối (reason) việc cập nhật hoặc thay "
        "thế văn bản mà nơi gửi đề nghị."),
    "motcua_national_api_list_integrations": _(
        "Mỗi kết nối quốc gia: địa chỉ, lần gửi thành công gần nhất, lỗi gần nhất và số hồ sơ "
        "chờ gửi (kể cả hồ sơ đã ngừng thử). Chỉ người quản trị hệ thống."),
    "motcua_national_api_resend_dvcqg": _(
        "Xếp lại ngay mọi hồ sơ chưa đồng bộ xong lên DVCQG, kể cả hồ sơ đã ngừng thử, để tiến "
        "trình nền gửi lại. Chỉ người quản trị hệ thống."),
    "motcua_national_api_receive_dvcqg_dossier": _(
        "DVCQG đẩy sang một hồ sơ công dân nộp trên Cổng Dịch vụ công quốc gia, theo mẫu "
        "{service, isUpdating, data}, kèm mã bí mật ở tiêu đề X-DVCQG-Token. Mã hồ sơ trên "
        "DVCQG là khóa: lần đầu tạo hồ sơ mới, lần sau cập nhật, hoặc là phần bổ sung khi hồ sơ "
        "đang chờ bổ sung. Tệp đính kèm được tải từ địa chỉ của chúng và kiểm tra như tệp tải "
        "lên. Nội dung không đọc được (400), thủ tục không có tại địa phương hoặc tệp bị từ "
        "chối (422) được trả lời kèm lý do và không lưu gì ngoài hàng chờ của người quản trị."),
    "motcua_messaging_api_receive_zalo_event": _(
        "Zalo báo một sự kiện, ký bằng mã MAC ở tiêu đề X-ZEvent-Signature: "
        "user_received_message ghi nhận tin ZNS có msg_id đó đã đến người nhận lúc "
        "delivery_time; sự kiện khác và tin không biết được trả lời rồi bỏ qua. Chữ ký sai hoặc "
        "thiếu: 401."),
    "motcua_voice_api_create_feedback": _(
        "Công dân, doanh nghiệp gửi phản ánh, kiến nghị về quy định hành chính (subject "
        "regulation, agency: mã định danh cơ quan nhận) hoặc về việc giải quyết một hồ sơ của "
        "mình (subject dossier, dossier_code). Phản ánh được vào sổ ngay và bắt đầu tính hạn."),
    "motcua_voice_api_list_feedback": _(
        "Phản ánh bạn được xem: của bạn (công dân) hoặc của cơ quan bạn (cán bộ), mới nhất ở "
        "đầu."),
    "motcua_voice_api_get_feedback": _(
        "Một phản ánh với các thời hạn, nội dung trả lời, các thao tác bạn được làm và lịch sử "
        "xử lý."),
    "motcua_voice_api_act_on_feedback": _(
        "refuse: từ chối (reason); transfer: chuyển cơ quan có thẩm quyền (recipient, reason); "
        "request_supplement: yêu cầu bổ sung (reason); supplement: bổ sung (supplement); "
        "accept: tiếp nhận, phân loại (class_766, content_type theo Điều 5 NĐ 20/2008); "
        "answer: soạn trả lời (answer_title, answer_body); send_back: lãnh đạo trả lại "
        "(reason); approve: lãnh đạo duyệt; publish: công khai; answer_privately: trả lời "
        "riêng người gửi (reason nếu người gửi đồng ý công khai). Gửi kèm version đã xem."),
    "motcua_voice_api_create_letter": _(
        "Cán bộ tiếp nhận vào sổ một đơn nhận tại nơi tiếp nhận, qua bưu chính, đường dây "
        "nóng, thư điện tử hoặc do cơ quan khác chuyển đến (forwarded_by); số vào sổ theo cơ "
        "quan và năm."),
    "motcua_voice_api_classify_letter": _(
        "Phân loại đơn đã vào sổ: feedback mở ngay một phản ánh, kiến nghị; complaint, "
        "denunciation chờ xử lý theo loại; mixed phải kèm parts (ít nhất hai phần) và được tách "
        "thành các đơn riêng."),
    "motcua_voice_api_forward_letter": _(
        "Đơn không thuộc thẩm quyền: chuyển đến cơ quan có thẩm quyền (recipient) kèm lý do; "
        "người gửi được thông báo."),
    "motcua_voice_api_create_complaint": _(
        "Công dân, doanh nghiệp gửi đơn khiếu nại quyết định hành chính, hành vi hành chính "
        "hoặc quyết định kỷ luật (act_kind, act_reference, respondent) đến cơ quan giải quyết "
        "(agency), lần đầu hoặc lần hai (instance). Đơn được vào sổ ngay và bắt đầu tính hạn "
        "thụ lý."),
    "motcua_voice_api_list_complaints": _(
        "Khiếu nại bạn được xem: của bạn (người khiếu nại) hoặc của cơ quan bạn (cán bộ), mới "
        "nhất ở đầu."),
    "motcua_voice_api_get_complaint": _(
        "Một khiếu nại với các thời hạn, thời hạn của người khiếu nại kèm căn cứ, các thao tác "
        "bạn được làm và lịch sử giải quyết."),
    "motcua_voice_api_act_on_complaint": _(
        "accept: thụ lý (có thể kèm instance, act_kind, act_reference, respondent, "
        "remote_area, complex_case); refuse: không thụ lý (refusal_reason theo Điều 11 Luật "
        "Khiếu nại, reason tùy chọn); verify: xác minh; hold_dialogue: đối thoại (reason); "
        "declare_complex: vụ việc phức tạp (reason); suspend: tạm đình chỉ (reason); resume: "
        "tiếp tục; decide: quyết định (outcome, decision); withdraw: rút đơn (reason); close: "
        "kết thúc khi quyết định có hiệu lực. Gửi kèm version đã xem."),
    "motcua_voice_denunciation_api_create_denunciation": _(
        "Công dân gửi đơn tố cáo (accused, acts) đến cơ quan giải quyết (agency). Đơn được vào "
        "sổ ngay, bắt đầu tính hạn thụ lý; thông tin người tố cáo được lưu riêng, giữ bí mật "
        "và không có trong câu trả lời nào của API."),
    "motcua_voice_denunciation_api_list_denunciations": _(
        "Tố cáo bạn được xem: của bạn (người tố cáo) hoặc của cơ quan bạn (cán bộ), mới nhất ở "
        "đầu."),
    "motcua_voice_denunciation_api_get_denunciation": _(
        "Một tố cáo với các thời hạn, các thao tác bạn được làm và lịch sử giải quyết (không có "
        "thông tin người tố cáo)."),
    "motcua_voice_denunciation_api_act_on_denunciation": _(
        "accept: thụ lý (conditions_met, accused, acts); refuse: không thụ lý (refusal_reason "
        "theo Điều 27, 29 Luật Tố cáo, reason); transfer: chuyển cơ quan có thẩm quyền "
        "(recipient, reason); open_check: đơn nặc danh, chuyển kiểm tra (reason); verify: giao "
        "xác minh; extend: gia hạn (complexity 1 hoặc 2, reason); suspend: tạm đình chỉ "
        "(reason); resume: tiếp tục; terminate: đình chỉ (reason); conclude: kết luận "
        "(finding, conclusion); publish: công khai kết luận; close: kết thúc sau ít nhất 15 "
        "ngày công khai. Gửi kèm version đã xem."),
}

TAGS = {
    "auth": _("Đăng nhập và mã truy cập"),
    "calendar": _("Lịch làm việc và thời hạn"),
    "procedures": _("Thủ tục hành chính"),
    "dossiers": _("Hồ sơ thủ tục hành chính"),
    "reports": _("Báo cáo thống kê"),
    "ioc": _("Số liệu tổng hợp cho Trung tâm điều hành thông minh (IOC)"),
    "documents": _("Văn bản điện tử"),
    "integrations": _("Kết nối hệ thống quốc gia (dành cho người quản trị hệ thống)"),
    "feedback": _("Tiếp nhận đơn, phản ánh, kiến nghị"),
    "complaints": _("Giải quyết khiếu nại"),
    "denunciations": _("Giải quyết tố cáo"),
}


def in_vietnamese(schema: dict) -> dict:
    """The schema with the summaries, descriptions and the tags' descriptions above."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            operation_id = operation.get("operationId")
            operation["summary"] = str(SUMMARIES.get(operation_id, operation.get("summary")))
            operation["description"] = str(
                DESCRIPTIONS.get(operation_id, operation.get("description", "")))
    schema["tags"] = [{"name": name, "description": str(text)} for name, text in TAGS.items()]
    return schema
