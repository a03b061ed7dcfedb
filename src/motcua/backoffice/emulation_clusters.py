"""The emulation pages of the back office: a member unit's clusters and blocks, the year's table
of scores and ranking, the year-end meeting (recorded by the year's head), the commendation
register searched by person, unit and year, and the §10 reports as Excel. Thin: forms parse,
``emulation.clusters`` writes and reads, ``emulation.register`` and ``emulation.reports`` read.
"""

from __future__ import annotations

from decimal import Decimal
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from motcua.backoffice.selectors import working_roles
from motcua.core import downloads
from motcua.core.errors import NotFound, ServiceError
from motcua.core.forms import Styled
from motcua.core.spreadsheets import XLSX
from motcua.emulation import clusters, register, reports
from motcua.emulation.proposal_selectors import is_office
from motcua.org.models import Role
from motcua.org.selectors import holding


def emulation_staff(view):
    """Staff with a working role (a member unit's) or the emulation office; others get 403."""

    @wraps(view)
    @login_required
    def guarded(request: HttpRequest, *args, **kwargs):
        if not (working_roles(request.user) or is_office(request.user)):
            raise PermissionDenied(_("Trang này dành cho cán bộ các cơ quan, đơn vị."))
        return view(request, *args, **kwargs)

    return guarded


def _cluster(request: HttpRequest, pk: int):
    try:
        return clusters.cluster_for(request.user, pk)
    except NotFound:
        raise Http404 from None


@require_GET
@emulation_staff
def cluster_list(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    rows = [(cluster, clusters.term(cluster, year))
            for cluster in clusters.visible_clusters(request.user)]
    return render(request, "backoffice/emulation_clusters.html", {
        "rows": rows, "year": year, "office": is_office(request.user)})


class PointsField(forms.DecimalField):
    """Points as the page shows them and people type them, 17,5, or with a point, 17.5."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class ScoresForm(Styled, forms.Form):
    """One field per member and criterion: the cluster's points (``p-``) and the member's own
    (``s-``); an empty field is left as it was."""

    def __init__(self, *args, table=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        for agency in members:
            for criterion in table:
                for prefix in ("p", "s"):
                    self.fields[f"{prefix}-{agency.pk}-{criterion.pk}"] = PointsField(
                        required=False, min_value=0, max_digits=6, decimal_places=2)

    def rows(self) -> list[clusters.ScoreIn]:
        made = []
        for name, value in self.cleaned_data.items():
            prefix, agency, criterion = name.split("-")
            if prefix == "p" and value is not None:
                own = self.cleaned_data.get(f"s-{agency}-{criterion}")
                made.append(clusters.ScoreIn(int(agency), int(criterion), Decimal(value), own))
        return made


class YearEndForm(Styled, forms.Form):
    held_on = forms.DateField(label=gettext_lazy("Ngày họp"),
                              input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    place = forms.CharField(label=gettext_lazy("Địa điểm"), max_length=255)
    minutes = forms.CharField(label=gettext_lazy("Biên bản (tóm tắt)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    next_head = forms.TypedChoiceField(label=gettext_lazy("Suy tôn cụm trưởng năm sau"),
                                       coerce=int)
    next_deputy = forms.TypedChoiceField(label=gettext_lazy("Cụm phó năm sau"), coerce=int,
                                         required=False, empty_value=None)

    def __init__(self, *args, members=(), tied=(), award_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(agency.pk, agency.name) for agency in members]
        self.fields["next_head"].choices = [("", "—"), *choices]
        self.fields["next_deputy"].choices = [("", "—"), *choices]
        self.members = list(members)
        for agency in self.members:
            self.fields[f"a-{agency.pk}"] = forms.ChoiceField(
                label=agency.name, required=False,
                choices=[("", "—"), *((kind.code, kind.name) for kind in award_types)])
        for agency in tied:
            self.fields[f"t-{agency.pk}"] = forms.IntegerField(
                label=agency.name, required=False, min_value=1)
        self.style()

    def _fields(self, prefix: str):
        return [self[name] for name in self.fields if name.startswith(prefix)]

    @property
    def meeting_fields(self):
        return [self[name] for name in ("held_on", "place", "minutes", "next_head",
                                        "next_deputy")]

    @property
    def proposal_fields(self):
        return self._fields("a-")

    @property
    def tie_fields(self):
        return self._fields("t-")

    def meeting(self) -> clusters.MeetingIn:
        data = self.cleaned_data
        order = sorted((value, int(name[2:])) for name, value in data.items()
                       if name.startswith("t-") and value is not None)
        return clusters.MeetingIn(
            held_on=data["held_on"], place=data["place"], minutes=data["minutes"],
            settled_order=tuple(agency for _place, agency in order),
            next_head=data["next_head"], next_deputy=data["next_deputy"],
            proposals=tuple((agency.pk, data[f"a-{agency.pk}"]) for agency in self.members
                            if data.get(f"a-{agency.pk}")))


@require_GET
@emulation_staff
def cluster_page(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    cluster = _cluster(request, pk)
    members = list(clusters.members(cluster, year))
    table = clusters.criteria(cluster, year)
    standings = clusters.standings(cluster, year)
    meeting = clusters.year_end(cluster, year)
    leads = clusters.may_lead(request.user, cluster, year)
    scored = clusters.points(cluster, year)
    grid = [(agency, [(criterion, scored.get((agency.pk, criterion.pk))) for criterion in table])
            for agency in members]
    initial = {"held_on": meeting.held_on, "place": meeting.place, "minutes": meeting.minutes,
               "next_head": meeting.next_head_id, "next_deputy": meeting.next_deputy_id,
               **{f"a-{p.agency_id}": p.award_type.code for p in meeting.proposals.all()},
               **{f"t-{agency}": place for place, agency in enumerate(meeting.settled_order,
                                                                     start=1)},
               } if meeting else {}
    form = YearEndForm(initial=initial, members=members, award_types=clusters.proposable_types(),
                       tied=[row.agency for row in standings if row.tied]) if leads else None
    return render(request, "backoffice/emulation_cluster.html", {
        "cluster": cluster, "year": year, "term": clusters.term(cluster, year),
        "next_term": clusters.term(cluster, year + 1), "table": table, "grid": grid,
        "standings": standings, "meeting": meeting, "leads": leads, "form": form,
        "proposals": clusters.proposals_of(cluster, year),
        "pledge": cluster.pledges.filter(year=year).first()})


def _lead_required(request: HttpRequest, cluster, year: int) -> None:
    if not clusters.may_lead(request.user, cluster, year):
        raise PermissionDenied(_("Chỉ cụm trưởng năm %(year)s ghi điểm, hội nghị của cụm.")
                               % {"year": year})


@require_POST
@emulation_staff
def cluster_scores(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    cluster = _cluster(request, pk)
    _lead_required(request, cluster, year)
    form = ScoresForm(request.POST, table=clusters.criteria(cluster, year),
                      members=clusters.members(cluster, year))
    if not form.is_valid():
        messages.error(request, _("Điểm phải là số không âm, tối đa hai chữ số thập phân."))
    else:
        try:
            recorded = clusters.record_scores(request.user, cluster, year, form.rows())
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã ghi %(count)s điểm; xếp hạng đã tính lại.") % {
                "count": recorded})
    return redirect("backoffice:emulation_cluster", pk=pk, year=year)


@require_POST
@emulation_staff
def cluster_year_end(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    cluster = _cluster(request, pk)
    _lead_required(request, cluster, year)
    members = list(clusters.members(cluster, year))
    form = YearEndForm(request.POST, members=members, award_types=clusters.proposable_types(),
                       tied=[row.agency for row in clusters.standings(cluster, year)
                             if row.tied])
    if not form.is_valid():
        messages.error(request, _("Ghi ngày họp, địa điểm và đơn vị được suy tôn cụm trưởng."))
    else:
        try:
            clusters.record_year_end(request.user, cluster, year, form.meeting())
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã ghi hội nghị tổng kết năm %(year)s.") % {
                "year": year})
    return redirect("backoffice:emulation_cluster", pk=pk, year=year)


class RegisterSearch(Styled, forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên cá nhân, tập thể"), required=False,
                           max_length=100)
    unit = forms.TypedChoiceField(label=gettext_lazy("Đơn vị"), required=False, coerce=int,
                                  empty_value=None)
    year = forms.IntegerField(label=gettext_lazy("Năm"), required=False, min_value=1945,
                              max_value=2100)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "—"), *((unit.pk, unit.name) for unit in units)]
        self.style()


@require_GET
@emulation_staff
def award_register(request: HttpRequest) -> HttpResponse:
    form = RegisterSearch(request.GET or None, units=register.visible_units(request.user))
    query = register.Query(**form.cleaned_data) if form.is_bound and form.is_valid() \
        else register.Query()
    rows = [(award, register.recipient_name(award))
            for award in register.search(request.user, query)]
    # the reports of the year searched, else of this year (the previous year one link away)
    year = query.year or timezone.localdate().year
    return render(request, "backoffice/emulation_register.html", {
        "form": form, "rows": rows, "limit": register.LIMIT,
        "reports": _may_report(request.user), "report_year": year})


def _may_report(user) -> bool:
    return is_office(user) or bool(holding(user, [Role.STATISTICS_VIEWER]))


@require_GET
@login_required
def report(request: HttpRequest, report: str, year: int) -> HttpResponse:
    """A §10 report of ``year``: the emulation office and the statistics viewer."""
    if not _may_report(request.user):
        raise PermissionDenied(_("Báo cáo thi đua, khen thưởng dành cho Sở Nội vụ."))
    if report not in reports.REPORTS:
        raise Http404
    if report == "cum":
        data = reports.report_clusters(year)
    else:
        data = getattr(reports, f"report_{report}")(year)
    return downloads.document(data, XLSX, f"bao-cao-thi-dua-{report}-{year}.xlsx",
                              private=True)
