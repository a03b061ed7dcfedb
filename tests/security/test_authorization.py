"""The authorization matrix: every page and API operation, asked by every kind of user.

One table, ``MATRIX``, says for each route what each actor (conftest.ACTORS) gets: the page
(``OK``), a sign-in (``LOGIN``: a redirect to the login page, or 401 from the API), a refusal
(``DENY``, 403) or nothing at all (``HIDE``, 404: what is not yours does not exist for you).
The actors cover the roles of the receiving agency, staff of an agency that is not involved, the
statistics viewer, the administrator, the owner of the dossiers and another citizen.

``test_every_route_has_an_entry`` fails when a page or an API operation is added without a row,
so nothing new ships unreviewed. Every write is made inside a savepoint that is rolled back, so
the actors all meet the same data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.dossiers.conftest import pdf
from tests.helpers import CITIZEN
from tests.security.conftest import ACTORS

OK, LOGIN, DENY, HIDE = "ok", "login", "403", "404"

CITIZENS = ("owner", "other_citizen")
AGENCY = ("reception", "specialist", "division_head", "leader", "clerk")  # receiving agency
OUTSIDE_STAFF = ("other_agency", "other_leader", "statistics")
STAFF = AGENCY + OUTSIDE_STAFF + ("admin",)


def profile(default: str, anonymous: str = LOGIN, **outcomes: str) -> dict[str, str]:
    table = dict.fromkeys(ACTORS, default)
    table["anonymous"] = anonymous
    for actor, outcome in outcomes.items():
        table[actor] = outcome
    return table


def group(actors, outcome) -> dict[str, str]:
    return dict.fromkeys(actors, outcome)


# The kinds of access, each named once. The system administrator and the statistics viewer hold
# no working role: they run the system and read figures, they do not handle dossiers.
PUBLIC = profile(OK, anonymous=OK)
SIGNED_IN = profile(OK)
# the owner's own pages: another citizen finds nothing, staff are sent to their own pages
OWNER = profile(DENY, owner=OK, other_citizen=HIDE)
APPLICANTS = profile(DENY, **group(CITIZENS, OK))
# the officers' pages: for staff with a working role; the others are refused
WORKING_STAFF = profile(OK, **group(CITIZENS, DENY), statistics=DENY, admin=DENY)
RECEPTION = profile(DENY, reception=OK, other_agency=OK)  # the counter, of their own agency
# a dossier in the back office: the receiving agency; other agencies find nothing
HANDLERS = profile(HIDE, **group(CITIZENS, DENY), **group(AGENCY, OK), statistics=DENY,
                   admin=DENY)
# a dossier's papers: its owner and the receiving agency; everyone else finds nothing
PAPERS = profile(HIDE, owner=OK, **group(AGENCY, OK))
INTERNAL_PAPERS = profile(HIDE, **group(AGENCY, OK))  # the control slip (Mẫu 02)
# a notification in an officer's inbox (the specialist's): nobody else finds it
OFFICERS_OWN = profile(HIDE, **group(CITIZENS, DENY), specialist=OK, statistics=DENY, admin=DENY)
# the leaders' dashboard: agency leaders (of their agencies) and the statistics viewer
READERS = profile(DENY, leader=OK, other_leader=OK, statistics=OK)
# the API: a missing or bad token is 401
API_DOSSIER = profile(HIDE, owner=OK, **group(AGENCY, OK))
# an action is the lifecycle table's: its role may, the others of the agency are refused
API_OWNER_ACTION = profile(HIDE, owner=OK, **group(AGENCY, DENY))
API_SUPPLEMENT_ACTION = profile(HIDE, owner=OK, reception=OK, **group(AGENCY[1:], DENY))
# an online filing by an applicant, a counter receipt by a reception officer of an agency
# that receives the procedure; everyone else is refused
API_FILING = profile(DENY, **group(CITIZENS, OK), reception=OK)
ADMIN_SITE = profile(LOGIN, admin=OK)
# official documents: staff with a document role (văn thư, chuyên viên, lãnh đạo); the one-stop
# officers, the statistics viewer, the administrator and citizens are refused
DOCUMENT_ROLES = ("specialist", "division_head", "leader", "clerk")
DOCUMENT_STAFF = profile(DENY, **group(DOCUMENT_ROLES, OK), other_leader=OK)
# an issued outgoing document of the agency: every document role there; other agencies: nothing
OUTGOING = profile(DENY, **group(DOCUMENT_ROLES, OK), other_leader=HIDE)
OUTGOING_BY_CLERK = profile(DENY, clerk=OK, other_leader=HIDE)  # send: the clerk only
# an incoming document not yet assigned: the clerk and the leaders of the agency
INCOMING = profile(DENY, clerk=OK, leader=OK, specialist=HIDE, division_head=HIDE,
                   other_leader=HIDE)
INCOMING_BY_CLERK = profile(DENY, clerk=OK, leader=DENY, specialist=HIDE, division_head=HIDE,
                            other_leader=HIDE)  # registration
# the API: what is not yours is a 404 for everyone signed in
API_OUTGOING = profile(HIDE, **group(DOCUMENT_ROLES, OK))
API_OUTGOING_BY_CLERK = profile(HIDE, clerk=OK, **group(DOCUMENT_ROLES[:3], DENY))
# packages that could not be taken in: the clerks (their agencies' packages) and the operator
FAILED_PACKAGES = profile(DENY, clerk=OK, admin=OK)
# the national integrations' operator page: the system administrator only
OPERATOR = profile(DENY, admin=OK)
# DVCQG's push: its shared token only; no session or bearer token of ours opens it
DVCQG_PUSH = profile(LOGIN)
# the IOC feed: its own key (X-IOC-Key) only; no session or bearer token of ours opens it
IOC_FEED = profile(LOGIN)
API_INCOMING = profile(HIDE, clerk=OK, leader=OK)
API_INCOMING_BY_CLERK = profile(HIDE, clerk=OK, leader=DENY)
# citizens' voice: a feedback is filed by an applicant; an action is the lifecycle table's (the
# officer may, the others of the agency are refused); a letter is read and handled by the
# reception officers of its agency only (its sender may be a denouncer, whose identity is secret)
FEEDBACK_FILING = profile(DENY, **group(CITIZENS, OK))
FEEDBACK_ACTION = profile(HIDE, **group(CITIZENS, DENY), reception=OK, **group(AGENCY[1:], DENY),
                          statistics=DENY, admin=DENY)
LETTER = profile(DENY, reception=OK, other_agency=HIDE)
# a complaint: verification is done by the agency's specialists and heads (the table's row); the
# one-stop officer and the clerk are refused, other agencies find nothing
COMPLAINT_VERIFY = profile(HIDE, **group(CITIZENS, DENY), **group(AGENCY[1:4], OK),
                           reception=DENY, clerk=DENY, statistics=DENY, admin=DENY)
API_COMPLAINT_VERIFY = profile(HIDE, owner=DENY, **group(AGENCY[1:4], OK), reception=DENY,
                               clerk=DENY)
API_LETTER = profile(HIDE, reception=OK)
# a denunciation: its steps are the resolver's (the agency's head) alone; other agencies find
# nothing; the denouncer's identity shows on the resolver's page only (test_denunciation_secrecy)
DENUNCIATION_RESOLVE = profile(HIDE, **group(CITIZENS, DENY), **group(AGENCY[:3], DENY),
                               leader=OK, clerk=DENY, statistics=DENY, admin=DENY)
API_DENUNCIATION_RESOLVE = profile(HIDE, owner=DENY, **group(AGENCY[:3], DENY), leader=OK,
                                   clerk=DENY)
# personal data: a citizen's requests and export are their own; the request queue and the breach
# register are the personal-data officer's (L91 art. 33(2)), a group: the ``privacy`` fixture
# names the Department of Culture's director one
PRIVACY_OFFICER = profile(DENY, other_leader=OK)
# the public post: an applicant asks the post (for their own dossier's result); the one-stop
# officers of the agency accept what it brings and hand it the results
POSTAL_DESK = profile(DENY, reception=OK, other_agency=HIDE)
# emulation clusters: a member unit's staff read their cluster (the ``cluster`` fixture's has
# the Department of Science, not Culture); the year's head (Science's leader, division head and
# specialist) records; the §10 reports are the emulation office's and the statistics viewer's
CLUSTER_MEMBER = profile(HIDE, **group(CITIZENS, DENY), **group(AGENCY, OK), statistics=DENY,
                         admin=DENY)
CLUSTER_HEAD = profile(HIDE, **group(CITIZENS, DENY), **group(AGENCY[1:4], OK), reception=DENY,
                       clerk=DENY, statistics=DENY, admin=DENY)
EMULATION_REPORTS = profile(DENY, statistics=OK)

# an emulation proposal of the Department of Science: the agency's head signs and submits it,
# its other staff are refused; nothing is decided yet, so its decision and certificates are not
# found even by the agency
PROPOSAL_HEAD = profile(HIDE, **group(CITIZENS, DENY), **group(AGENCY, DENY), statistics=DENY,
                        admin=DENY) | {"leader": OK}
NO_DECISION = profile(HIDE, **group(CITIZENS, DENY), statistics=DENY, admin=DENY)
# a revocation is recorded by the Home Affairs emulation office only (none of these actors): the
# agency's own staff see the dossier and are refused
REVOKE_BY_OFFICE = profile(HIDE, **group(CITIZENS, DENY), **group(AGENCY, DENY), statistics=DENY,
                           admin=DENY)
# so is the office's own finding on a nominee while it appraises: the agency is refused
APPRAISE_BY_OFFICE = REVOKE_BY_OFFICE


# a filing that is complete both as an applicant's online submission and as a counter receipt
FILING = {"procedure": "DP.BC002", "subject": "Xác nhận thông báo hoạt động bưu chính",
          "owner": {"name": "Nguyễn Văn An", "id_number": "037090001234",
                    "address": "Hoa Lư, Ninh Bình"},
          "channel": "direct", "documents": [{"component": 1, "originals": 1}]}


@dataclass(frozen=True)
class Route:
    name: str  # URL name, or "api:<METHOD> <path>" as in the OpenAPI document
    method: str
    expect: dict[str, str]
    kwargs: dict = field(default_factory=dict)  # values, or "{...}" keys of World.values()
    data: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)


MATRIX: list[Route] = [
    # public pages
    Route("home", "GET", PUBLIC),
    Route("healthz", "GET", PUBLIC),
    Route("cms_sitemap", "GET", PUBLIC),  # the e-portals' XML site map
    # a portal's image: public, and only renditions (none here: tests/cms/test_images.py)
    Route("cms_rendition", "GET", profile(HIDE, anonymous=HIDE), {"path": "khong-co.png"}),
    # the editors' admin: Wagtail sends whoever lacks its access to its sign-in; a portal's
    # checklist and downtime notices only to its editors (tests/cms/test_mandatory_content.py)
    Route("cms_checklist", "GET", profile(LOGIN, admin=OK)),
    Route("cms_downtime", "GET", profile(LOGIN, admin=HIDE), {"home_id": 1}),
    Route("cms_downtime", "POST", profile(LOGIN, admin=HIDE), {"home_id": 1},
          data={"starts_at": "21/12/2026 22:00", "ends_at": "22/12/2026 02:00",
                "reason": "Nâng cấp"}),
    Route("readyz", "GET", PUBLIC),
    Route("metrics", "GET", PUBLIC),  # from this machine (METRICS_ALLOWED); elsewhere 404
    Route("set_language", "POST", PUBLIC, data={"language": "en", "next": "/"}),
    Route("portal:procedures", "GET", PUBLIC),
    Route("portal:procedure", "GET", PUBLIC, {"code": "DP.BC002"}),
    Route("portal:template", "GET", PUBLIC, {"code": "DP.BC002", "order": 1}),
    Route("portal:lookup", "GET", PUBLIC, query={"code": "{code}", "id_number": "037090001234"}),
    Route("portal:sign_up", "GET", PUBLIC),
    Route("stats:public", "GET", PUBLIC),
    Route("stats:public_file", "GET", PUBLIC, {"extension": "csv"}),
    Route("stats:open_data", "GET", PUBLIC),
    # accounts
    Route("login", "GET", PUBLIC),
    Route("logout", "POST", PUBLIC),
    Route("password_change", "GET", SIGNED_IN),
    Route("password_change_done", "GET", SIGNED_IN),
    Route("password_reset", "GET", PUBLIC),
    Route("password_reset_done", "GET", PUBLIC),
    Route("password_reset_confirm", "GET", PUBLIC, {"uidb64": "MQ", "token": "x-y"}),
    Route("password_reset_complete", "GET", PUBLIC),
    Route("otp_verify", "GET", SIGNED_IN),
    Route("otp_setup", "GET", SIGNED_IN),
    # sign-in with VNeID: open to anyone once set up (VNEID_URL, tests/portal/test_vneid_signin);
    # not set up here: nothing there, and a link to confirm without a sign-in under way sends to
    # the sign-in page
    Route("portal:vneid_start", "GET", profile(HIDE, anonymous=HIDE)),
    Route("portal:vneid_callback", "GET", profile(HIDE, anonymous=HIDE),
          query={"code": "x", "state": "y"}),
    Route("portal:vneid_confirm", "GET", profile(LOGIN)),
    Route("portal:vneid_confirm", "POST", profile(LOGIN), data={"password": "x"}),
    Route("portal:start", "GET", SIGNED_IN),
    Route("portal:profile", "GET", SIGNED_IN),
    Route("portal:profile", "POST", SIGNED_IN, data={"email": "ai@example.vn"}),
    # the applicant's pages
    Route("portal:mine", "GET", APPLICANTS),
    Route("portal:start_filing", "POST", APPLICANTS, {"code": "DP.BC002"}),
    Route("portal:draft_details", "GET", OWNER, {"pk": "{pk}"}),
    Route("portal:draft_details", "POST", OWNER, {"pk": "{pk}"}),
    Route("portal:draft_files", "GET", OWNER, {"pk": "{pk}"}),
    Route("portal:draft_upload", "POST", OWNER, {"pk": "{pk}"}),
    Route("portal:draft_remove_file", "POST", OWNER, {"pk": "{pk}", "file_pk": "{file_pk}"}),
    Route("portal:draft_review", "GET", OWNER, {"pk": "{pk}"}),
    Route("portal:draft_delete", "POST", OWNER, {"pk": "{pk}"}),
    Route("portal:inbox", "GET", APPLICANTS),
    Route("portal:inbox", "POST", APPLICANTS),
    Route("portal:notification_read", "POST", OWNER, {"pk": "{notification}"}),
    Route("portal:dossier", "GET", OWNER, {"code": "{code}"}),
    Route("portal:supplement", "POST", OWNER, {"code": "{code}"}),
    Route("portal:withdraw", "GET", OWNER, {"code": "{code}"}),
    Route("portal:withdraw", "POST", OWNER, {"code": "{code}"}),
    Route("portal:rate", "POST", OWNER, {"code": "{delivered}"}, data={"rating": "satisfied"}),
    # the dossier's papers
    Route("dossiers:attachment", "GET", PAPERS, {"code": "{code}", "pk": "{attachment}"}),
    # the same file at its signed link (DVCQG fetches it, integrations §6.2): the key opens it
    Route("dossiers:signed_attachment", "GET", PUBLIC,
          {"code": "{code}", "pk": "{attachment}", "key": "{attachment_key}"}),
    Route("slips:pdf", "GET", PAPERS, {"code": "{code}", "slip": "tiep-nhan"}),
    Route("slips:pdf", "GET", INTERNAL_PAPERS, {"code": "{code}", "slip": "kiem-soat"}),
    # the officers' pages
    Route("backoffice:queues", "GET", WORKING_STAFF),
    Route("backoffice:queue_xlsx", "GET", WORKING_STAFF, query={"hang": "tat-ca"}),
    Route("backoffice:queue_handover", "GET", WORKING_STAFF, query={"hang": "tat-ca"}),
    Route("backoffice:intake", "GET", RECEPTION),
    Route("backoffice:identity", "GET", RECEPTION, query={"so": "037090001234"}),
    Route("backoffice:identity", "POST", RECEPTION, data={"so": "037090001234"}),
    Route("backoffice:register", "GET", WORKING_STAFF),
    Route("backoffice:inbox", "GET", WORKING_STAFF),
    Route("backoffice:inbox", "POST", WORKING_STAFF),
    Route("backoffice:notification_read", "POST", OFFICERS_OWN, {"pk": "{officer_notification}"}),
    Route("backoffice:dossier", "GET", HANDLERS, {"code": "{code}"}),
    # "Lấy từ kho dữ liệu": the receiving agency's officers (the store is not set up here)
    Route("backoffice:datastore", "GET", HANDLERS, {"code": "{code}"}),
    Route("backoffice:action", "POST", HANDLERS, {"code": "{code}", "action": "forward"}),
    # official documents
    Route("exchange:outgoing_list", "GET", DOCUMENT_STAFF),
    Route("exchange:outgoing_xlsx", "GET", DOCUMENT_STAFF),
    Route("exchange:outgoing_new", "GET", DOCUMENT_STAFF),
    Route("exchange:outgoing", "GET", OUTGOING, {"pk": "{outgoing}"}),
    Route("exchange:outgoing_edit", "GET", OUTGOING, {"pk": "{outgoing}"}),
    Route("exchange:outgoing_action", "POST", OUTGOING_BY_CLERK,
          {"pk": "{outgoing}", "action": "send"}),
    # on the agency's portal: its clerk only (tests/exchange/test_portal_publication.py); the
    # portal's list and files are Wagtail's routes, public (tests/cms/test_portal_documents.py)
    Route("exchange:outgoing_action", "POST", OUTGOING_BY_CLERK,
          {"pk": "{outgoing}", "action": "publish"}),
    Route("exchange:outgoing_file", "GET", OUTGOING, {"pk": "{outgoing}"}),
    Route("exchange:outgoing_attachment", "GET", OUTGOING,
          {"pk": "{outgoing}", "file_pk": "{outgoing_attachment}"}),
    Route("exchange:incoming_list", "GET", DOCUMENT_STAFF),
    Route("exchange:incoming_xlsx", "GET", DOCUMENT_STAFF),
    Route("exchange:incoming", "GET", INCOMING, {"pk": "{incoming}"}),
    Route("exchange:incoming_action", "POST", INCOMING_BY_CLERK,
          {"pk": "{incoming}", "action": "register"}),
    Route("exchange:incoming_file", "GET", INCOMING, {"pk": "{incoming}"}),
    Route("exchange:incoming_attachment", "GET", INCOMING,
          {"pk": "{incoming}", "file_pk": "{incoming_attachment}"}),
    Route("exchange:incoming_action", "POST", INCOMING,
          {"pk": "{incoming}", "action": "refuse_change"}, data={"refuse_change-reason": "x"}),
    Route("exchange:failed_packages", "GET", FAILED_PACKAGES),
    Route("exchange:failed_package_raw", "GET", FAILED_PACKAGES, {"pk": "{failed_package}"}),
    Route("exchange:failed_package_retry", "POST", FAILED_PACKAGES, {"pk": "{failed_package}"}),
    Route("national:operator", "GET", OPERATOR),
    Route("national:resend", "POST", OPERATOR),
    Route("national:retry_push", "POST", OPERATOR, {"pk": "{refused_push}"}),
    Route("national:poll_now", "POST", OPERATOR),
    Route("national:pull_catalogue", "POST", OPERATOR),
    Route("national:catalogue_report", "GET", OPERATOR, {"pk": "{catalogue_pull}"}),
    # citizens' voice
    Route("portal:feedback_answers", "GET", PUBLIC),
    Route("portal:feedback_follow", "GET", PUBLIC, query={"code": "{feedback_code}"}),
    Route("portal:feedback_follow", "POST", PUBLIC,
          data={"code": "{feedback_code}", "phone": "0912345678"}),
    Route("portal:feedback_new", "GET", APPLICANTS),
    Route("portal:feedback", "GET", OWNER, {"code": "{feedback_code}"}),
    Route("portal:feedback_supplement", "POST", OWNER, {"code": "{feedback_code}"},
          data={"supplement": "Số hồ sơ"}),
    Route("backoffice:feedback_queue", "GET", WORKING_STAFF),
    Route("backoffice:feedback", "GET", HANDLERS, {"code": "{feedback_code}"}),
    Route("backoffice:feedback_action", "POST", FEEDBACK_ACTION,
          {"code": "{feedback_code}", "action": "supplement"},
          data={"supplement-version": "{feedback_version}"}),
    Route("backoffice:letters", "GET", RECEPTION),
    Route("portal:complaint_follow", "GET", PUBLIC, query={"code": "{complaint_code}"}),
    Route("portal:complaint_follow", "POST", PUBLIC,
          data={"code": "{complaint_code}", "phone": "0912345678"}),
    Route("portal:complaint_new", "GET", APPLICANTS),
    Route("portal:complaint", "GET", OWNER, {"code": "{complaint_code}"}),
    Route("portal:complaint_withdraw", "POST", OWNER, {"code": "{complaint_code}"},
          data={"reason": "Rút đơn"}),
    Route("portal:complaint_notice", "GET", OWNER,
          {"code": "{complaint_code}", "notice": "thong-bao-thu-ly"}),
    Route("backoffice:complaint_queue", "GET", WORKING_STAFF),
    Route("backoffice:complaint", "GET", HANDLERS, {"code": "{complaint_code}"}),
    Route("backoffice:complaint_action", "POST", COMPLAINT_VERIFY,
          {"code": "{complaint_code}", "action": "verify"},
          data={"verify-version": "{complaint_version}"}),
    Route("backoffice:complaint_notice", "GET", HANDLERS,
          {"code": "{complaint_code}", "notice": "thong-bao-thu-ly"}),
    Route("portal:denunciation_follow", "GET", PUBLIC, query={"code": "{denunciation_code}"}),
    Route("portal:denunciation_follow", "POST", PUBLIC,
          data={"code": "{denunciation_code}", "phone": "0912345678"}),
    Route("portal:denunciation_conclusions", "GET", PUBLIC),
    Route("portal:denunciation_new", "GET", APPLICANTS),
    Route("portal:denunciation", "GET", OWNER, {"code": "{denunciation_code}"}),
    Route("portal:denunciation_notice", "GET", OWNER,
          {"code": "{denunciation_code}", "notice": "thong-bao-thu-ly"}),
    Route("backoffice:denunciation_queue", "GET", WORKING_STAFF),
    Route("backoffice:denunciation", "GET", HANDLERS, {"code": "{denunciation_code}"}),
    Route("backoffice:denunciation_action", "POST", DENUNCIATION_RESOLVE,
          {"code": "{denunciation_code}", "action": "verify"},
          data={"verify-version": "{denunciation_version}"}),
    Route("backoffice:denunciation_notice", "GET", HANDLERS,
          {"code": "{denunciation_code}", "notice": "thong-bao-thu-ly"}),
    Route("backoffice:letter_classify", "POST", LETTER, {"pk": "{letter}"},
          data={"classification": "complaint"}),
    Route("backoffice:letter_forward", "POST", LETTER, {"pk": "{letter}"},
          data={"recipient": "Sở Tư pháp", "reason": "Không thuộc thẩm quyền"}),
    Route("backoffice:letter_scan", "GET", LETTER, {"pk": "{letter}"}),
    # reception of citizens: the register and the schedule are the reception officers'
    Route("backoffice:reception", "GET", RECEPTION),
    Route("backoffice:reception_answer", "POST", LETTER, {"pk": "{visit}"},
          data={"outcome": "accepted", "note": "Thụ lý"}),
    Route("backoffice:reception_schedule", "GET", RECEPTION),
    Route("portal:reception_schedule", "GET", PUBLIC),
    Route("stats:dashboard", "GET", READERS),
    Route("stats:dashboard_file", "GET", READERS, {"extension": "xlsx"}),
    Route("stats:voice_report", "GET", READERS),
    Route("stats:voice_report_file", "GET", READERS),
    # the administration site: staff accounts with the admin flag only
    Route("admin:index", "GET", ADMIN_SITE),
    Route("admin:dossiers_dossier_changelist", "GET", ADMIN_SITE),
    Route("admin:emulation_award_changelist", "GET", ADMIN_SITE),
    Route("admin:emulation_awardtype_changelist", "GET", ADMIN_SITE),
    # the API
    Route("api:GET /api/v1/openapi.json", "GET", PUBLIC),
    Route("api:POST /api/v1/auth/token", "POST", PUBLIC),
    Route("api:GET /api/v1/calendar/due", "GET", PUBLIC,
          query={"start": "2026-03-02T09:00:00+07:00", "amount": 3, "unit": "working_days"}),
    Route("api:GET /api/v1/calendar/{year}", "GET", PUBLIC, {"year": 2026}),
    Route("api:GET /api/v1/procedures", "GET", PUBLIC),
    Route("api:GET /api/v1/procedures/{code}", "GET", PUBLIC, {"code": "DP.BC002"}),
    Route("api:GET /api/v1/lookup", "GET", PUBLIC,
          query={"code": "{code}", "id_number": "037090001234"}),
    Route("api:GET /api/v1/reports/06a", "GET", PUBLIC),
    Route("api:GET /api/v1/reports/766", "GET", PUBLIC),
    Route("api:POST /api/v1/uploads", "POST", SIGNED_IN),
    Route("api:POST /api/v1/dossiers", "POST", API_FILING, data=FILING),
    Route("api:GET /api/v1/dossiers", "GET", SIGNED_IN),
    Route("api:GET /api/v1/dossiers/{code}", "GET", API_DOSSIER, {"code": "{code}"}),
    Route("api:POST /api/v1/dossiers/{code}/actions/{action}", "POST", API_OWNER_ACTION,
          {"code": "{code}", "action": "withdraw"}, data={"version": "{version}"}),
    Route("api:POST /api/v1/dossiers/{code}/actions/{action}", "POST", API_SUPPLEMENT_ACTION,
          {"code": "{code}", "action": "supplement"}, data={"version": "{version}"}),
    Route("api:GET /api/v1/documents/outgoing", "GET", SIGNED_IN),
    Route("api:POST /api/v1/documents/outgoing", "POST", DOCUMENT_STAFF,
          data={"document_type": "cong_van", "subject": "V/v góp ý dự thảo"}),
    Route("api:GET /api/v1/documents/outgoing/{document_id}", "GET", API_OUTGOING,
          {"document_id": "{outgoing}"}),
    Route("api:POST /api/v1/documents/outgoing/{document_id}/actions/{action}", "POST",
          API_OUTGOING_BY_CLERK, {"document_id": "{outgoing}", "action": "send"}),
    Route("api:GET /api/v1/documents/incoming", "GET", SIGNED_IN),
    Route("api:GET /api/v1/documents/incoming/{document_id}", "GET", API_INCOMING,
          {"document_id": "{incoming}"}),
    Route("api:POST /api/v1/documents/incoming/{document_id}/actions/{action}", "POST",
          API_INCOMING_BY_CLERK, {"document_id": "{incoming}", "action": "register"}),
    Route("api:GET /api/v1/integrations", "GET", OPERATOR),
    Route("api:POST /api/v1/feedback", "POST", FEEDBACK_FILING,
          data={"agency": "000.00.15.H42", "title": "Phản ánh", "content": "Nội dung",
                "sender": {"name": "An", "address": "Hoa Lư", "phone": "0912345678"}}),
    Route("api:GET /api/v1/feedback", "GET", SIGNED_IN),
    Route("api:GET /api/v1/feedback/{code}", "GET", API_DOSSIER, {"code": "{feedback_code}"}),
    Route("api:POST /api/v1/feedback/{code}/actions/{action}", "POST", API_SUPPLEMENT_ACTION,
          {"code": "{feedback_code}", "action": "supplement"},
          data={"version": "{feedback_version}", "supplement": "Số hồ sơ"}),
    Route("api:POST /api/v1/complaints", "POST", FEEDBACK_FILING,
          data={"agency": "000.00.15.H42", "act_kind": "decision", "act_reference": "Số 12",
                "respondent": "Giám đốc Sở", "title": "Khiếu nại", "content": "Nội dung",
                "sender": {"name": "An", "address": "Hoa Lư", "phone": "0912345678"}}),
    Route("api:GET /api/v1/complaints", "GET", SIGNED_IN),
    Route("api:GET /api/v1/complaints/{code}", "GET", API_DOSSIER,
          {"code": "{complaint_code}"}),
    Route("api:POST /api/v1/complaints/{code}/actions/{action}", "POST", API_COMPLAINT_VERIFY,
          {"code": "{complaint_code}", "action": "verify"},
          data={"version": "{complaint_version}"}),
    Route("api:POST /api/v1/denunciations", "POST", FEEDBACK_FILING,
          data={"agency": "000.00.15.H42", "accused": "Cán bộ A", "acts": "Nhận tiền",
                "title": "Tố cáo", "content": "Nội dung",
                "sender": {"name": "An", "address": "Hoa Lư", "phone": "0912345678"}}),
    Route("api:GET /api/v1/denunciations", "GET", SIGNED_IN),
    Route("api:GET /api/v1/denunciations/{code}", "GET", API_DOSSIER,
          {"code": "{denunciation_code}"}),
    Route("api:POST /api/v1/denunciations/{code}/actions/{action}", "POST",
          API_DENUNCIATION_RESOLVE, {"code": "{denunciation_code}", "action": "verify"},
          data={"version": "{denunciation_version}"}),
    Route("api:POST /api/v1/letters", "POST", RECEPTION,
          data={"channel": "post", "title": "Đơn", "content": "Nội dung",
                "sender": {"name": "An", "address": "Hoa Lư", "phone": "0912345678"}}),
    Route("api:POST /api/v1/letters/{letter_id}/classification", "POST", API_LETTER,
          {"letter_id": "{letter}"}, data={"classification": "complaint"}),
    Route("api:POST /api/v1/letters/{letter_id}/forward", "POST", API_LETTER,
          {"letter_id": "{letter}"}, data={"recipient": "Sở Tư pháp", "reason": "Không của ta"}),
    Route("api:POST /api/v1/integrations/dvcqg/resend", "POST", OPERATOR),
    Route("api:POST /api/v1/integrations/dvcqg/dossiers", "POST", DVCQG_PUSH),
    # Zalo's delivery events: its MAC only, like DVCQG's push no session or token of ours opens it
    Route("api:POST /api/v1/integrations/zalo/events", "POST", DVCQG_PUSH),
    # the IOC feed (docs/ioc-feed.md): aggregates, its key only (tests/security/test_ioc_key.py)
    Route("api:GET /api/v1/ioc/daily", "GET", IOC_FEED),
    Route("api:GET /api/v1/ioc/periods", "GET", IOC_FEED),
    Route("api:GET /api/v1/ioc/periods/{period}", "GET", IOC_FEED, {"period": "2026-03"}),
    # personal data (docs/privacy.md)
    Route("portal:privacy", "GET", PUBLIC),
    Route("portal:data_requests", "GET", APPLICANTS),
    Route("portal:data_requests", "POST", APPLICANTS,
          data={"kind": "access", "details": "Xem dữ liệu của tôi"}),
    Route("portal:data_request", "GET", OWNER, {"code": "{data_request}"}),
    Route("portal:own_data", "GET", APPLICANTS, {"extension": "json"}),
    Route("backoffice:data_requests", "GET", PRIVACY_OFFICER),
    Route("backoffice:data_request", "GET", PRIVACY_OFFICER, {"code": "{data_request}"}),
    Route("backoffice:data_request_action", "POST", PRIVACY_OFFICER,
          {"code": "{data_request}", "action": "acknowledge"},
          data={"acknowledge-version": "{data_request_version}"}),
    Route("backoffice:breaches", "GET", PRIVACY_OFFICER),
    Route("backoffice:breaches", "POST", PRIVACY_OFFICER, data={"place": "Cổng dịch vụ công"}),
    Route("backoffice:breach", "GET", PRIVACY_OFFICER, {"pk": "{breach}"}),
    Route("backoffice:breach_notice", "POST", PRIVACY_OFFICER,
          {"pk": "{breach}", "notice": "personal_data"}),
    Route("backoffice:breach_form", "GET", PRIVACY_OFFICER, {"pk": "{breach}"}),
    # emulation: clusters, the register, the reports (docs/emulation-clusters.md)
    Route("backoffice:emulation_clusters", "GET", WORKING_STAFF),
    Route("backoffice:emulation_cluster", "GET", CLUSTER_MEMBER,
          {"pk": "{cluster}", "year": 2026}),
    Route("backoffice:emulation_scores", "POST", CLUSTER_HEAD, {"pk": "{cluster}", "year": 2026}),
    Route("backoffice:emulation_year_end", "POST", CLUSTER_HEAD,
          {"pk": "{cluster}", "year": 2026}),
    Route("backoffice:emulation_register", "GET", WORKING_STAFF, query={"name": "so"}),
    Route("backoffice:emulation_report", "GET", EMULATION_REPORTS,
          {"report": "0603", "year": 2025}),
    # the public post (docs/post.md)
    Route("post:pickup", "GET", APPLICANTS, {"code": "DP.BC002"}),
    Route("post:pickup", "POST", APPLICANTS, {"code": "DP.BC002"}),
    Route("post:result", "GET", OWNER, {"code": "{code}"}),
    Route("post:result", "POST", OWNER, {"code": "{code}"}),
    Route("post:mine", "GET", APPLICANTS),
    Route("post:cancel", "POST", OWNER, {"pk": "{postal_order}"}),
    Route("post:desk", "GET", RECEPTION),
    Route("post:accept", "POST", POSTAL_DESK, {"pk": "{postal_order}"}),
    Route("post:hand_over", "POST", POSTAL_DESK, {"code": "{code}"}),
    # online payment (docs/payments.md): the platform's notification and the return page are
    # open, their MaXacThuc proves who sent them; paying needs a dossier waiting for its fee
    # (none here: tests/payments prove the owner may, by account or by the lookup's ID number);
    # the e-receipt is the dossier's papers; the reconciliation, the officers' of their agencies
    Route("payments:notify", "POST", PUBLIC),
    Route("payments:back", "GET", PUBLIC, query={"MaThamChieu": "x"}),
    Route("payments:owed", "POST", PUBLIC),  # DVCQG's "what is owed": its MaXacThuc
    Route("payments:start", "POST", profile(HIDE, anonymous=HIDE), {"code": "{code}"}),
    Route("payments:receipt", "GET", profile(HIDE), {"code": "{code}"}),
    Route("payments:reconciliation", "GET", WORKING_STAFF),
    # emulation proposals (docs/emulation-proposals.md): an agency's own dossiers; the council's
    # sessions are the Home Affairs emulation office's (none of these actors); the public reads
    # the published decisions only
    Route("portal:emulation_decisions", "GET", PUBLIC),
    Route("portal:emulation_comment", "POST", PUBLIC, {"pk": "{notice}"}),  # anyone comments
    Route("backoffice:emulation_proposals", "GET", WORKING_STAFF),
    Route("backoffice:emulation_proposal_create", "POST", WORKING_STAFF),
    Route("backoffice:emulation_proposal", "GET", HANDLERS, {"pk": "{proposal}"}),
    Route("backoffice:emulation_component", "POST", HANDLERS, {"pk": "{proposal}"}),
    Route("backoffice:emulation_nominate", "POST", HANDLERS, {"pk": "{proposal}"}),
    Route("backoffice:emulation_action", "POST", PROPOSAL_HEAD,
          {"pk": "{proposal}", "action": "submit"}),
    Route("backoffice:emulation_publish", "POST", NO_DECISION, {"pk": "{proposal}"}),
    Route("backoffice:emulation_revoke", "POST", REVOKE_BY_OFFICE, {"pk": "{proposal}"}),
    Route("backoffice:emulation_appraise_nominee", "POST", APPRAISE_BY_OFFICE,
          {"pk": "{proposal}", "nomination": "{nomination}"}),
    Route("backoffice:emulation_certificate", "GET", NO_DECISION,
          {"pk": "{proposal}", "nomination": "{nomination}"}),
    Route("backoffice:emulation_sessions", "GET", profile(DENY)),
    Route("backoffice:emulation_session_open", "POST", profile(DENY)),
    Route("backoffice:emulation_session", "GET", profile(DENY), {"pk": "{council_session}"}),
    Route("backoffice:emulation_ballot", "POST", profile(DENY), {"pk": "{council_session}"}),
    Route("backoffice:emulation_minutes", "GET", profile(DENY), {"pk": "{council_session}"}),
]

# URL names that are not routes of their own (the API's views are checked per operation)
NOT_ROUTES = {"api-v1:openapi-json", "api-v1:openapi-view", "api-v1:api-root"}


def _names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def _api_operations() -> set[str]:
    from motcua.api.urls import api

    paths = api.get_openapi_schema()["paths"]
    operations = {f"api:{method.upper()} {path}" for path, methods in paths.items()
                  for method in methods}
    return operations | {"api:GET /api/v1/openapi.json"}


def test_every_route_has_an_entry():
    # Wagtail's own routes (the editors' admin /bien-tap/, the portals' pages /cong/) are
    # guarded by its page permissions per agency: tests/cms/test_workflow.py
    names = {name for name in _names(get_resolver().url_patterns)
             if not name.startswith(("admin:", "api-v1:", "wagtail"))}
    listed = {route.name for route in MATRIX}
    operations = _api_operations()
    assert names - listed == set(), "pages without an entry in the authorization matrix"
    assert operations - listed == set(), "API operations without an entry"
    assert {n for n in listed if not n.startswith(("api:", "admin:"))} - names == set()
    assert {n for n in listed if n.startswith("api:")} - operations == set()


def _fill(value, values: dict):
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return values[value[1:-1]]
    if isinstance(value, dict):
        return {k: _fill(v, values) for k, v in value.items()}
    return value


def _url(route: Route, values: dict) -> str:
    kwargs = {k: _fill(v, values) for k, v in route.kwargs.items()}
    if route.name.startswith("api:"):
        path = route.name.split(" ", 1)[1]
        for key, value in kwargs.items():
            path = path.replace("{" + key + "}", str(value))
        return path
    return reverse(route.name, kwargs=kwargs)


def outcome(response) -> str:
    status = response.status_code
    assert status < 500, (status, response.content[:500])
    assert status != 405, "the matrix asks with a method the route does not take"
    if status == 401:
        return LOGIN
    if status in (301, 302) and "/login/" in response.get("Location", ""):
        return LOGIN
    return {403: DENY, 404: HIDE}.get(status, OK)


def ask(users, actor: str, route: Route, values: dict) -> str:
    """One request as ``actor``, in a fresh session, inside a savepoint rolled back after."""
    url = _url(route, values)
    query = {k: _fill(v, values) for k, v in route.query.items()}
    data = {k: _fill(v, values) for k, v in route.data.items()}
    with transaction.atomic():
        if route.name.startswith("api:"):
            client = Client(headers=users[actor][1])
            if route.method == "GET":
                response = client.get(url, query)
            elif route.data is FILING:  # multipart: the JSON body and a file per component
                files = {f"component_{n}": pdf(f"tp{n}.pdf") for n in (1, 2)}
                response = client.post(url, {"data": json.dumps(data), **files})
            else:
                response = client.post(url, data, content_type="application/json")
        else:
            client = Client()
            if users[actor][0]:
                client.force_login(users[actor][0])
            response = client.get(url, query) if route.method == "GET" else client.post(url, data)
        transaction.set_rollback(True)
    return outcome(response)


@pytest.fixture
def documents(world) -> dict:
    """An issued outgoing document of the Department of Science (with a file and an attachment,
    for another installation), and an incoming one there, sent by the Department of Culture."""
    from motcua.exchange import services
    from motcua.org.models import Role, User
    from motcua.org.services import assign_role

    science_clerk = User.objects.get(username="khcn.vanthu")
    science = science_clerk.role_assignments.get(role=Role.CLERK).agency
    culture = User.objects.get(username="motcua.giamdoc").role_assignments.get().agency
    culture_clerk = User.objects.create(username="vanthu.vhttdl")
    assign_role(culture_clerk, culture, Role.CLERK)
    files = {"main_file": services.FileInput("van-ban.pdf", pdf("van-ban.pdf").read()),
             "attachments": [services.FileInput("phu-luc.pdf", pdf("phu-luc.pdf").read())]}
    outgoing = services.issue_document(science_clerk, services.create_draft(
        science_clerk, science, services.DraftInput(
            document_type="cong_van", subject="V/v kết nối liên thông", recipients=[
                services.RecipientInput(identifier_code="000.00.01.H41", name="UBND Nghệ An")],
            **files)))
    sent = services.issue_document(culture_clerk, services.create_draft(
        culture_clerk, culture, services.DraftInput(
            document_type="thong_bao", subject="Thông báo lịch họp",
            recipients=[services.RecipientInput(agency=science)], **files)))
    services.send_document(culture_clerk, sent)
    services.deliver_due()
    incoming = science.incoming_documents.get()
    failed = services.take_in(b"<edXML>not a package", transport="axis", package_id="axis-hong",
                              kind="edoc", to_codes=[science.identifier_code])
    return {"outgoing": outgoing.pk, "outgoing_attachment": outgoing.attachments.get().pk,
            "incoming": incoming.pk, "incoming_attachment": incoming.attachments.get().pk,
            "failed_package": failed.pk}


@pytest.fixture
def feedback(world) -> dict:
    """The owner's feedback at the Department of Science, waiting for their supplement, their
    complaint there, accepted, and a letter in the department's register, with its scan."""
    from motcua.org.models import User
    from motcua.voice import services

    owner, officer = (User.objects.get(username=name) for name in (CITIZEN, "khcn.tiepnhan"))
    sender = services.Sender("Nguyễn Văn An", "Hoa Lư", "0912345678")
    case = services.submit_feedback(owner, services.FeedbackIn(
        sender=sender, title="Phản ánh", content="Nội dung", agency="000.00.15.H42"))
    case = services.act(officer, case.code, "request_supplement", case.version,
                        services.ActionInput(reason="Ghi rõ số hồ sơ"))
    letter = services.register_letter(officer, services.LetterIn(
        channel="desk", sender=sender, title="Đơn", content="Nội dung"), pdf("don.pdf"))
    complaint = services.file_complaint(owner, services.ComplaintIn(
        sender=sender, title="Khiếu nại", content="Nội dung", agency="000.00.15.H42",
        act_kind="decision", act_reference="Quyết định số 12", respondent="Giám đốc Sở"))
    complaint = services.act_on_complaint(User.objects.get(username="khcn.giamdoc"),
                                          complaint.code, "accept", complaint.version)
    from motcua.voice import denunciations

    denunciation = denunciations.file_denunciation(owner, denunciations.DenunciationIn(
        sender=sender, title="Tố cáo", content="Nội dung", agency="000.00.15.H42",
        accused="Cán bộ A", acts="Nhận tiền"))
    denunciation = denunciations.act_on_denunciation(
        User.objects.get(username="khcn.giamdoc"), denunciation.code, "accept",
        denunciation.version, denunciations.DenunciationInput(conditions_met=True))
    return {"feedback_code": case.code, "feedback_version": case.version, "letter": letter.pk,
            "complaint_code": complaint.code, "complaint_version": complaint.version,
            "denunciation_code": denunciation.code,
            "denunciation_version": denunciation.version}


@pytest.fixture
def national(world) -> dict:
    """A push from DVCQG that was refused, in the operator's queue, and a pull of the national
    catalogue with its report."""
    from motcua.catalog.models import CatalogueSync
    from motcua.national.models import RefusedPush

    refused = RefusedPush.objects.create(national_code="G22.99-1", reason="MaTTHC: bắt buộc",
                                         body='{"data": {}}')
    pull = CatalogueSync.objects.create(state="done", created=1, report=[{
        "code": "1.010938", "local": "1.010938", "name": "Cấp giấy phép xây dựng",
        "outcome": "created", "changes": [], "reason": "", "effective_from": "2026-09-14"}])
    return {"refused_push": refused.pk, "catalogue_pull": pull.pk}


@pytest.fixture
def postal(world, settings) -> dict:
    """The public post set up (VNPost is never called here) and a pick-up the owner asked for."""
    from motcua.org.models import User
    from motcua.post import services

    settings.MOTCUA_POST = {"URL": "http://127.0.0.1:9/post", "FEE_VND": 30000}
    # and the payment platform (never called here either)
    settings.MOTCUA_PAYMENT = {"INIT_URL": "http://127.0.0.1:9/payment/init",
                               "QUERY_URL": "http://127.0.0.1:9/payment/query",
                               "BILL_URL": "http://127.0.0.1:9/payment/bill",
                               "PARTNER_CODE": "MOTCUA", "SECRET": "x", "ACCESS_TOKEN": "",
                               "TIMEOUT": 1.0}
    order = services.request_pickup(
        User.objects.get(username=CITIZEN), "DP.BC002", "Thông báo", "000.00.15.H42",
        services.Where("Nguyễn Văn An", "Hoa Lư, Ninh Bình", "0912345678", 54, 5402))
    return {"postal_order": order.pk}


@pytest.fixture
def visit(world) -> dict:
    """A visit in the Department of Science's reception register."""
    from motcua.org.models import User
    from motcua.voice import reception

    made = reception.record_visit(User.objects.get(username="khcn.tiepnhan"), reception.VisitIn(
        "Trần Văn Bình", "Huế", "046090000123", "Hỏi về việc cấp phép"))
    return {"visit": made.pk}


@pytest.fixture
def privacy(world) -> dict:
    """The owner's request about their personal data and a breach in the register, with the
    Department of Culture's director named the personal-data officer."""
    from motcua.org.models import User
    from motcua.privacy import services

    officer = User.objects.get(username="motcua.giamdoc")
    services.make_officer(officer)
    made = services.submit_request(User.objects.get(username=CITIZEN), "access", "Xem dữ liệu")
    breach = services.record_breach(officer, services.BreachIn(
        discovered_at=made.submitted_at, place="Cổng dịch vụ công", act="Lộ danh sách",
        consequences="Lộ số điện thoại", mitigation="Khóa tài khoản",
        officer_contact="0912345678"))
    return {"data_request": made.code, "data_request_version": made.version,
            "breach": breach.pk}


@pytest.fixture
def cluster(world) -> dict:
    """The demo's cluster of nine departments at its 2026 year-end meeting, headed by the
    Department of Science; the Department of Culture left it (to meet a non-member)."""
    import datetime as dt

    import time_machine

    from motcua.core.dates import VN_TZ
    from motcua.emulation import demo
    from motcua.emulation.models import Cluster, ClusterMembership

    with time_machine.travel(dt.datetime(2026, 12, 10, 9, tzinfo=VN_TZ), tick=False):
        demo.load()
    ClusterMembership.objects.filter(agency__identifier_code=demo.CULTURE).delete()
    return {"cluster": Cluster.objects.get(code="CUM-03").pk}


@pytest.fixture
def emulation_proposal(world) -> dict:
    """A draft proposal of the Department of Science with one nominee, a public notice of it
    (its comments refused: the dossier is not on notice), and a session of the provincial
    council."""
    import datetime as dt

    from motcua.emulation import proposals
    from motcua.emulation.models import AwardType, Council, CouncilSession, PublicNotice
    from motcua.org.models import User

    specialist = User.objects.get(username="khcn.chuyenvien")
    proposal = proposals.create_proposal(specialist, specialist.role_assignments.get().agency,
                                         "Chiến sĩ thi đua cấp tỉnh", 2025)
    nomination = proposals.add_nomination(specialist, proposal,
                                          AwardType.objects.get(code="CSTD_TINH"),
                                          staff=specialist)
    council = Council.objects.create(name="Hội đồng Thi đua - Khen thưởng tỉnh",
                                     agency=proposal.agency)
    session = CouncilSession.objects.create(council=council, held_on=dt.date(2026, 1, 20),
                                            chair="Chủ tịch", members_total=0)
    notice = PublicNotice.objects.create(
        proposal=proposal, starts_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 1, 14, tzinfo=dt.UTC), published_by=specialist)
    return {"proposal": proposal.pk, "nomination": nomination.pk, "council_session": session.pk,
            "notice": notice.pk}


@pytest.mark.django_db
def test_the_matrix_holds_for_every_route_and_actor(world, users, emulation_proposal, documents,
                                                   feedback, national, postal, visit, privacy,
                                                   cluster):
    values = {**world.values(), **emulation_proposal, **documents, **feedback, **national,
              **postal, **visit, **privacy, **cluster}
    wrong = []
    for route in MATRIX:
        for actor in ACTORS:
            got = ask(users, actor, route, values)
            if got != route.expect[actor]:
                wrong.append(f"{route.method} {route.name} {route.kwargs} as {actor}: "
                              f"{got}, expected {route.expect[actor]}")
    assert wrong == [], "\n".join(wrong)
