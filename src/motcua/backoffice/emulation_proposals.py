"""The back office's pages of the proposal dossiers (hồ sơ đề nghị khen thưởng): an agency's
officers build and submit their own; the Department of Home Affairs' emulation office receives,
appraises, returns, puts them to the council, records its ballots and drafts the decision into
the register (numbered, signed and sealed on the outgoing documents' pages); the certificates
of the awarded and the council's minutes as PDF. Thin: services write, selectors read; a refusal
comes back as a message on the page it was asked from.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from motcua.backoffice import emulation_revocations
from motcua.backoffice.views import staff_required
from motcua.core.errors import Forbidden, ServiceError
from motcua.core.forms import Styled, errors_text
from motcua.emulation import certificates, notices, proposal_selectors, proposals, votes
from motcua.emulation.models import (
    AwardType,
    Component,
    Council,
    CouncilSession,
    Nomination,
    NominationResult,
    Proposal,
    ProposalStatus,
)
from motcua.emulation.proposal_lifecycle import Action
from motcua.org.models import Agency, User
from motcua.org.selectors import agencies_of
from motcua.slips.views import pdf_response

ACTION_LABELS = {
    Action.SUBMIT: gettext_lazy("Ký, trình hồ sơ"),
    Action.RECEIVE: gettext_lazy("Tiếp nhận hồ sơ"),
    Action.RETURN: gettext_lazy("Trả lại hồ sơ (nêu lý do)"),
    Action.RESUBMIT: gettext_lazy("Trình lại hồ sơ"),
    Action.START_APPRAISAL: gettext_lazy("Thẩm định (xét điều kiện từng trường hợp)"),
    Action.APPRAISE: gettext_lazy("Hoàn thành thẩm định"),
    Action.SCHEDULE: gettext_lazy("Đưa ra phiên họp Hội đồng"),
    Action.RECORD_VOTE: gettext_lazy("Ghi nhận kết quả bỏ phiếu"),
    Action.DECIDE: gettext_lazy("Dự thảo quyết định khen thưởng"),
    Action.FORWARD: gettext_lazy("Trình cấp trên (Thủ tướng Chính phủ)"),
    Action.CLOSE_UNAWARDED: gettext_lazy("Kết thúc: không có trường hợp đạt"),
    Action.HIGHER_DECISION: gettext_lazy("Ghi nhận quyết định của cấp trên"),
    Action.HIGHER_REFUSAL: gettext_lazy("Ghi nhận cấp trên không khen thưởng"),
    Action.DISTRIBUTE: gettext_lazy("Vào sổ khen thưởng, in bằng"),
    Action.PUBLISH_NOTICE: gettext_lazy("Công khai lấy ý kiến nhân dân trên cổng"),
    Action.CLOSE_NOTICE: gettext_lazy("Kết thúc công khai (không đưa ra Hội đồng ngay)"),
    Action.REVOKE: gettext_lazy("Thu hồi khen thưởng"),
}
# the office's finding on one nominee has its own form beside the nominee, not a button here
HISTORY_LABELS = {**ACTION_LABELS, Action.CREATE: gettext_lazy("Tạo hồ sơ"),
                  Action.APPRAISE_NOMINEE: gettext_lazy("Ghi kết quả thẩm định")}
NEEDS_REASON = {Action.RETURN, Action.HIGHER_REFUSAL}
NEEDS_REFERENCE = {Action.FORWARD, Action.HIGHER_DECISION}


class _Form(Styled, forms.Form):
    def __init__(self, *args, user: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.prepare(user)
        self.style()  # reads the errors: after prepare

    def prepare(self, user: User | None) -> None:
        """Choices that depend on the reader, set before the form is validated."""


def _only_choice_chosen(field: forms.ModelChoiceField) -> None:
    """A list of one: that one is chosen, not an empty '---------' to pick it from."""
    if field.queryset.count() == 1:
        field.initial, field.empty_label = field.queryset.get(), None


class ProposalForm(_Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("Cơ quan đề nghị"),
                                    queryset=Agency.objects.none())
    title = forms.CharField(label=gettext_lazy("Trích yếu"), max_length=500)
    year = forms.IntegerField(label=gettext_lazy("Năm thành tích"), min_value=2000,
                              max_value=2100)

    def prepare(self, user: User | None) -> None:
        self.fields["agency"].queryset = agencies_of(user)
        _only_choice_chosen(self.fields["agency"])


class ComponentForm(_Form):
    kind = forms.ChoiceField(label=gettext_lazy("Thành phần"), choices=Component.choices)
    file = forms.FileField(label=gettext_lazy("Tệp"))


class AwardTypeChoice(forms.ModelChoiceField):
    """A title or form by its name, as the officers know it (the catalogue's code, LDTT,
    CO_TINH…, is the admin's)."""

    def label_from_instance(self, obj: AwardType) -> str:
        return obj.name


class NominationForm(_Form):
    award_type = AwardTypeChoice(label=gettext_lazy("Danh hiệu, hình thức"),
                                 queryset=AwardType.objects.filter(is_active=True))
    username = forms.CharField(label=gettext_lazy("Cá nhân (tên đăng nhập)"), required=False)
    agency_code = forms.CharField(label=gettext_lazy("Tập thể (mã định danh đơn vị)"),
                                  required=False)
    printed_name = forms.CharField(label=gettext_lazy("Tên in trên bằng"), max_length=255,
                                   required=False)
    position = forms.CharField(label=gettext_lazy("Chức vụ, đơn vị"), max_length=255,
                               required=False)
    summary = forms.CharField(label=gettext_lazy("Tóm tắt thành tích (công khai khi lấy ý kiến)"),
                              max_length=1000, required=False, widget=forms.Textarea(
                                  attrs={"rows": 2}))


class ActionForm(forms.Form):
    reason = forms.CharField(required=False)
    reference = forms.CharField(required=False, max_length=255)
    session = forms.IntegerField(required=False)
    signer = forms.CharField(required=False, max_length=255)


class AppraisalForm(forms.Form):
    """The emulation office's own finding on one nominee (``proposals.appraise_nominee``); the
    basis is required there, by the table's guard."""

    eligible = forms.TypedChoiceField(
        label=gettext_lazy("Kết quả thẩm định"), widget=forms.RadioSelect,
        choices=[(result.value, result.label) for result in (NominationResult.ELIGIBLE,
                                                             NominationResult.INELIGIBLE)],
        coerce=lambda value: value == NominationResult.ELIGIBLE)
    note = forms.CharField(label=gettext_lazy("Căn cứ thẩm định"), required=False,
                           max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class SessionForm(_Form):
    council = forms.ModelChoiceField(label=gettext_lazy("Hội đồng"),
                                     queryset=Council.objects.all())
    held_on = forms.DateField(label=gettext_lazy("Ngày họp"), input_formats=["%d/%m/%Y",
                                                                               "%Y-%m-%d"],
                              help_text=gettext_lazy("Ngày/tháng/năm, ví dụ 15/12/2026."))
    chair = forms.CharField(label=gettext_lazy("Chủ trì"), max_length=255)
    present = forms.CharField(label=gettext_lazy("Thành viên dự họp (số thứ tự, cách nhau "
                                                 "bằng dấu phẩy)"), required=False,
                              help_text=gettext_lazy("Số thứ tự trong danh sách thành viên ở "
                                                     "trên, ví dụ 1, 2, 3."))
    in_writing = forms.CharField(label=gettext_lazy("Thành viên vắng có ý kiến bằng văn bản"),
                                 required=False,
                                 help_text=gettext_lazy("Số thứ tự, cách nhau bằng dấu phẩy."))

    def prepare(self, user: User | None) -> None:
        _only_choice_chosen(self.fields["council"])


class BallotForm(forms.Form):
    nomination = forms.IntegerField()
    yes = forms.IntegerField(label=gettext_lazy("Đồng ý"), min_value=0)
    no = forms.IntegerField(label=gettext_lazy("Không đồng ý"), min_value=0)
    blank = forms.IntegerField(label=gettext_lazy("Không biểu quyết"), min_value=0,
                               required=False)
    invalid = forms.IntegerField(label=gettext_lazy("Không hợp lệ"), min_value=0,
                                 required=False)
    written_yes = forms.IntegerField(label=gettext_lazy("Đồng ý bằng văn bản"), min_value=0,
                                     required=False)
    written_no = forms.IntegerField(label=gettext_lazy("Không đồng ý bằng văn bản"),
                                    min_value=0, required=False)


BALLOT_COUNTS = ("yes", "no", "blank", "invalid", "written_yes", "written_no")


def _proposal_or_404(request: HttpRequest, pk: int) -> Proposal:
    proposal = proposal_selectors.proposal_for(request.user, pk)
    if proposal is None:
        raise Http404
    return proposal


def _office_only(request: HttpRequest) -> None:
    if not proposal_selectors.is_office(request.user):
        raise PermissionDenied(_("Trang này dành cho Phòng Thi đua, khen thưởng Sở Nội vụ."))


def _done(request: HttpRequest, call, label) -> None:
    try:
        call()
    except Forbidden as error:  # not this actor's step: refused, as the table says
        raise PermissionDenied(error.message) from None
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": label})


def _invalid(request: HttpRequest, form: forms.Form) -> None:
    """The form's errors on the page it came from, each after its field's label ("Ngày họp:
    Trường này là bắt buộc."): the message is read away from the fields."""
    messages.error(request, errors_text(form))


# -- the proposals ----------------------------------------------------------------------------


@require_GET
@staff_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/emulation/proposals.html", {
        "proposals": proposal_selectors.visible_proposals(request.user)[:200],
        "form": ProposalForm(user=request.user),
        "office": proposal_selectors.is_office(request.user)})


@require_POST
@staff_required
def proposal_create(request: HttpRequest) -> HttpResponse:
    form = ProposalForm(request.POST, user=request.user)
    if not form.is_valid():
        _invalid(request, form)
        return redirect("backoffice:emulation_proposals")
    try:
        proposal = proposals.create_proposal(request.user, form.cleaned_data["agency"],
                                             form.cleaned_data["title"],
                                             form.cleaned_data["year"])
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("backoffice:emulation_proposals")
    return redirect("backoffice:emulation_proposal", pk=proposal.pk)


@require_GET
@staff_required
def proposal_page(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    office = proposal_selectors.is_office(request.user)
    offered = proposals.offered_actions(request.user, proposal)
    return render(request, "backoffice/emulation/proposal.html", {
        "proposal": proposal, "office": office,
        "components": proposal.components.all(),
        "nominations": proposal.nominations.select_related("award_type"),
        "history": [(event, HISTORY_LABELS.get(event.action, event.action))
                    for event in proposal.events.select_related("actor")],
        "actions": [(action, ACTION_LABELS[action], action in NEEDS_REASON,
                     action in NEEDS_REFERENCE)
                    for action in offered if action in ACTION_LABELS],
        "appraisal_form": AppraisalForm() if Action.APPRAISE_NOMINEE in offered else None,
        "sessions": proposal_selectors.sessions_for(request.user)[:20],
        "decision": getattr(proposal, "decision", None),
        "late_return": proposals.is_late(proposal, "return"),
        "late_appraise": proposals.is_late(proposal, "appraise"),
        "late_forward": proposals.is_late(proposal, "forward"),
        "component_form": ComponentForm(), "nomination_form": NominationForm(),
        "awarded": NominationResult.AWARDED,
        **emulation_revocations.page_context(request.user, proposal)})


@require_POST
@staff_required
def proposal_component(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    form = ComponentForm(request.POST, request.FILES)
    if form.is_valid():
        _done(request, lambda: proposals.add_component(
            request.user, proposal, form.cleaned_data["kind"], form.cleaned_data["file"]),
            _("Thêm thành phần hồ sơ"))
    else:
        _invalid(request, form)
    return redirect("backoffice:emulation_proposal", pk=pk)


@require_POST
@staff_required
def proposal_nominate(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    form = NominationForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return redirect("backoffice:emulation_proposal", pk=pk)
    data = form.cleaned_data
    staff = User.objects.filter(username=data["username"].strip()).first() \
        if data["username"].strip() else None
    agency = Agency.objects.filter(identifier_code=data["agency_code"].strip()).first() \
        if data["agency_code"].strip() else None
    _done(request, lambda: proposals.add_nomination(
        request.user, proposal, data["award_type"], staff=staff, agency=agency,
        printed_name=data["printed_name"], position=data["position"],
        summary=data["summary"]),
        _("Thêm cá nhân, tập thể được đề nghị"))
    return redirect("backoffice:emulation_proposal", pk=pk)


@require_POST
@staff_required
def proposal_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    if action not in ACTION_LABELS:
        raise Http404
    chosen = Action(action)
    form = ActionForm(request.POST)
    form.is_valid()
    data = {key: form.cleaned_data.get(key) or "" for key in ("reason", "reference", "signer")}
    session = proposal_selectors.sessions_for(request.user).filter(
        pk=form.cleaned_data.get("session") or 0).first()
    if chosen == Action.DECIDE:
        call = lambda: proposals.draft_decision(request.user, proposal,  # noqa: E731
                                                data["signer"])
    elif chosen == Action.DISTRIBUTE:
        call = lambda: proposals.distribute(request.user, proposal)  # noqa: E731
    elif chosen == Action.PUBLISH_NOTICE:
        call = lambda: notices.publish(request.user, proposal)  # noqa: E731
    else:
        call = lambda: proposals.act(request.user, proposal, chosen,  # noqa: E731
                                     reason=data["reason"], reference=data["reference"],
                                     session=session)
    _done(request, call, ACTION_LABELS[chosen])
    return redirect("backoffice:emulation_proposal", pk=pk)


@require_POST
@staff_required
def nominee_appraise(request: HttpRequest, pk: int, nomination: int) -> HttpResponse:
    """The emulation office's finding on one nominee of a dossier it appraises."""
    proposal = _proposal_or_404(request, pk)
    _office_only(request)
    chosen = proposal.nominations.filter(pk=nomination).first()
    if chosen is None:
        raise Http404
    form = AppraisalForm(request.POST)
    if form.is_valid():
        _done(request, lambda: proposals.appraise_nominee(
            request.user, chosen, form.cleaned_data["eligible"], form.cleaned_data["note"]),
            _("Ghi kết quả thẩm định (%(name)s)") % {"name": chosen.printed_name})
    else:
        _invalid(request, form)
    # back to the nominee's own form, not the top of a long page
    return redirect(f"{reverse('backoffice:emulation_proposal', args=[pk])}#appraise-{chosen.pk}")


@require_GET
@staff_required
def certificate(request: HttpRequest, pk: int, nomination: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    chosen = Nomination.objects.filter(proposal=proposal, pk=nomination,
                                       result=NominationResult.AWARDED).first()
    if chosen is None:
        raise Http404
    return pdf_response(certificates.certificate_pdf(chosen), f"bang-{proposal.code}-"
                        f"{chosen.pk}.pdf")


@require_POST
@staff_required
def decision_publish(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    decision = getattr(proposal, "decision", None)
    if decision is None:
        raise Http404
    _done(request, lambda: proposals.publish_decision(request.user, decision),
          _("Công khai quyết định"))
    return redirect("backoffice:emulation_proposal", pk=pk)


# -- the council's sessions ---------------------------------------------------------------------


@require_GET
@staff_required
def session_list(request: HttpRequest) -> HttpResponse:
    _office_only(request)
    councils = [(council, list(proposal_selectors.members_on(council.pk, dt.date.today())))
                for council in Council.objects.all()]
    return render(request, "backoffice/emulation/sessions.html", {
        "sessions": proposal_selectors.sessions_for(request.user)[:50],
        "councils": councils, "form": SessionForm()})


def _numbers(text: str, members: list) -> list[int]:
    picked = []
    for part in text.replace(";", ",").split(","):
        if part.strip().isdigit() and 1 <= int(part) <= len(members):
            picked.append(members[int(part) - 1].pk)
    return picked


@require_POST
@staff_required
def session_open(request: HttpRequest) -> HttpResponse:
    _office_only(request)
    form = SessionForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return redirect("backoffice:emulation_sessions")
    data = form.cleaned_data
    members = list(proposal_selectors.members_on(data["council"].pk, data["held_on"]))
    try:
        session = proposals.open_session(
            request.user, data["council"], data["held_on"], data["chair"],
            _numbers(data["present"], members), _numbers(data["in_writing"], members))
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("backoffice:emulation_sessions")
    return redirect("backoffice:emulation_session", pk=session.pk)


def _session_or_404(request: HttpRequest, pk: int) -> CouncilSession:
    _office_only(request)
    session = proposal_selectors.sessions_for(request.user).filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def _counts(ballot) -> list[tuple[str, str, int]]:
    """A row's boxes: each count as recorded (0 before the ballot), so the page shows what was
    counted and a correction retypes one box, not the whole row."""
    return [(name, BallotForm.base_fields[name].label, getattr(ballot, name) if ballot else 0)
            for name in BALLOT_COUNTS]


@require_GET
@staff_required
def session_page(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    ballots = {ballot.nomination_id: ballot for ballot in session.ballots.all()}
    # those to vote on, and those voted on here whose dossier has moved on (read only): the
    # session keeps its counts once the vote is recorded and the decision drafted
    nominations = Nomination.objects.filter(
        Q(result__in=(NominationResult.ELIGIBLE, NominationResult.PASSED_VOTE,
                      NominationResult.FAILED_VOTE)) | Q(pk__in=list(ballots)),
        proposal__in=session.proposals.all()).select_related("award_type", "proposal")
    return render(request, "backoffice/emulation/session.html", {
        "session": session, "present": session.present.all(),
        "writing": session.in_writing.all(),
        "rows": [(n, ballots.get(n.pk), _counts(ballots.get(n.pk)),
                  n.proposal.status == ProposalStatus.COUNCIL_REVIEW) for n in nominations],
        "fields": [(name, BallotForm.base_fields[name].label) for name in BALLOT_COUNTS],
        "proposals": session.proposals.all()})


@require_POST
@staff_required
def session_ballot(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    form = BallotForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return redirect("backoffice:emulation_session", pk=pk)
    data = form.cleaned_data
    nomination = Nomination.objects.filter(pk=data["nomination"],
                                           proposal__in=session.proposals.all()).first()
    if nomination is None:
        raise Http404
    count = votes.Count(yes=data["yes"], no=data["no"], blank=data["blank"] or 0,
                        invalid=data["invalid"] or 0, written_yes=data["written_yes"] or 0,
                        written_no=data["written_no"] or 0)
    _done(request, lambda: proposals.record_ballot(request.user, session, nomination, count),
          _("Ghi kết quả bỏ phiếu"))
    return redirect("backoffice:emulation_session", pk=pk)


@require_GET
@staff_required
def session_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    return pdf_response(certificates.minutes_pdf(session), f"bien-ban-{session.pk}.pdf")
