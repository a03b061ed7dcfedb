"""The agency e-portals on Wagtail: a home page per agency (one Site each, the provincial portal
as the parent), news articles, their categories, view counts and each site's footer settings.

Spec: shared domain e-portal.md §2 (federation), §5 (the article), §6 (workflow), §7 (footer).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import AbstractGroupApprovalTask, Page
from wagtail.snippets.models import register_snippet

from motcua.cms import mandatory, rules
from motcua.core.text import fold


class CaptionedImageBlock(blocks.StructBlock):
    """An image with the text that replaces it: alt text is required (WCAG 1.1.1; TT 32/2017
    art. 18(1)(c), legacy), the caption is printed below it."""

    image = ImageChooserBlock(label=_("Ảnh"))
    alt_text = blocks.CharBlock(
        label=_("Văn bản thay thế"), max_length=255,
        help_text=_("Mô tả nội dung ảnh cho người không nhìn thấy ảnh, không ghi tên tệp."))
    caption = blocks.CharBlock(label=_("Chú thích"), max_length=500)
    credit = blocks.CharBlock(label=_("Nguồn ảnh"), max_length=255, required=False)

    class Meta:
        icon = "image"
        template = "cms/blocks/captioned_image.html"


class ArticleBody(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Đoạn văn"), features=["bold", "italic", "link", "ol", "ul"])
    subheading = blocks.CharBlock(label=_("Tiêu đề mục"), template="cms/blocks/subheading.html")
    image = CaptionedImageBlock(label=_("Ảnh có chú thích"))
    quote = blocks.BlockQuoteBlock(label=_("Trích dẫn"))


class PlatformBlock(blocks.StructBlock):
    """A part of an agency's home page drawn from the platform when the page is served, for the
    page's agency, through ``platform_content`` (e-portal spec §3: drawn, never copied)."""

    heading = blocks.CharBlock(label=_("Tiêu đề"), max_length=120)

    def read(self, agency, value):
        raise NotImplementedError

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        agency = getattr((parent_context or {}).get("page"), "agency", None)
        context["agency"] = agency
        context["content"] = self.read(agency, value) if agency is not None else None
        return context


class LatestBlock(PlatformBlock):
    """A section listing the agency's latest items: ``platform_content.<source>(agency, limit)``."""

    limit = blocks.IntegerBlock(label=_("Số mục hiển thị"), min_value=1, max_value=50, default=5)
    source = ""

    def read(self, agency, value):
        from motcua.cms import platform_content

        return getattr(platform_content, self.source)(agency, value["limit"])


class ProceduresBlock(LatestBlock):
    source = "procedures"

    class Meta:
        icon = "list-ul"
        label = _("Thủ tục hành chính của cơ quan")
        template = "cms/blocks/procedures.html"


class FiguresBlock(PlatformBlock):
    class Meta:
        icon = "table"
        label = _("Số liệu giải quyết hồ sơ")
        template = "cms/blocks/figures.html"

    def read(self, agency, value):
        from motcua.cms import platform_content

        return platform_content.figures(agency)


class AnswersBlock(LatestBlock):
    source = "answers"

    class Meta:
        icon = "help"
        label = _("Trả lời phản ánh, kiến nghị")
        template = "cms/blocks/answers.html"


class ReceptionBlock(LatestBlock):
    source = "reception_sessions"

    class Meta:
        icon = "date"
        label = _("Lịch tiếp công dân")
        template = "cms/blocks/reception.html"


class DocumentsBlock(LatestBlock):
    source = "documents"

    class Meta:
        icon = "doc-full"
        label = _("Văn bản của cơ quan")
        template = "cms/blocks/documents.html"


class ConclusionsBlock(LatestBlock):
    source = "conclusions"

    class Meta:
        icon = "list-ul"
        label = _("Công khai kết luận nội dung tố cáo")
        template = "cms/blocks/conclusions.html"


class HomeSections(blocks.StreamBlock):
    procedures = ProceduresBlock()
    figures = FiguresBlock()
    answers = AnswersBlock()
    reception = ReceptionBlock()
    documents = DocumentsBlock()
    conclusions = ConclusionsBlock()


class PortalHomePage(RoutablePageMixin, Page):
    """An agency's portal: the province's at the top of the tree, its departments' and communes'
    below it (NĐ 224/2026 art. 11(1): component sites of the provincial portal)."""

    agency = models.ForeignKey(
        "org.Agency", models.PROTECT, null=True, blank=True, related_name="portal_homes",
        verbose_name=_("cơ quan"))
    intro = models.TextField(_("giới thiệu ngắn"), blank=True)
    sections = StreamField(
        HomeSections(), blank=True, verbose_name=_("mục lấy từ hệ thống"),
        help_text=_("Thủ tục, số liệu, trả lời phản ánh, lịch tiếp công dân, văn bản và kết luận "
                    "nội dung tố cáo của cơ quan, lấy từ hệ thống khi người đọc mở trang."))

    content_panels = [*Page.content_panels, FieldPanel("agency"), FieldPanel("intro"),
                      FieldPanel("sections")]
    subpage_types = ["cms.PortalHomePage", "cms.NewsPage", "cms.InfoPage"]
    template = "cms/home.html"

    class Meta:
        verbose_name = _("trang chủ cổng thông tin")
        verbose_name_plural = _("trang chủ cổng thông tin")

    def get_context(self, request, *args, **kwargs):
        from motcua.cms import selectors

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = selectors.latest_articles(self)
        context["home"], context["home_url"] = self, self.get_url(request)
        return context

    @path("ngay/<int:year>-<int:month>-<int:day>/", name="archive")
    def archive(self, request, year, month, day):
        from motcua.cms import views

        return views.archive(request, self, year, month, day)

    @path("ngay/", name="archive_pick")
    def archive_pick(self, request):
        from motcua.cms import views

        return views.archive_pick(request, self)

    @path("tim-kiem/", name="search")
    def search(self, request):
        from motcua.cms import views

        return views.search(request, self)

    @path("van-ban/", name="documents")
    def documents(self, request):
        from motcua.cms import views

        return views.documents(request, self)

    @path("van-ban/<int:pk>/tep/", name="document_file")
    def document_file(self, request, pk):
        from motcua.cms import views

        return views.document_file(request, self, pk)

    @re_path(r"^(?P<kind>rss|atom)/$", name="feed")
    def feed(self, request, kind):
        from motcua.cms import feeds

        return feeds.respond(request, self, kind)


@register_snippet
class NewsCategory(models.Model):
    """A news channel of one agency's portal (the category tree is the agency's own)."""

    home = models.ForeignKey(PortalHomePage, models.CASCADE, related_name="categories",
                             verbose_name=_("cổng thông tin"))
    name = models.CharField(_("tên chuyên mục"), max_length=120)
    slug = models.SlugField(_("đường dẫn"), max_length=120)

    panels = [FieldPanel("home"), FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")
        constraints = [models.UniqueConstraint(fields=["home", "slug"], name="cms_category_slug")]

    def __str__(self):
        return self.name


class NewsPage(Page):
    """A news article (e-portal spec §5.2)."""

    kicker = models.CharField(_("dòng trên tiêu đề"), max_length=255, blank=True)
    lead = models.TextField(_("sa pô (tóm tắt)"), help_text=_("In đậm dưới tiêu đề; cũng là mô tả "
                                                             "cho máy tìm kiếm."))
    body = StreamField(ArticleBody(), verbose_name=_("nội dung"))
    author_display = models.CharField(_("tác giả"), max_length=255,
                                      help_text=_("Họ tên hoặc chữ viết tắt tên tác giả."))
    is_republished = models.BooleanField(_("đăng lại từ nguồn khác"), default=False)
    source_name = models.CharField(_("nguồn"), max_length=255, blank=True)
    source_url = models.URLField(_("địa chỉ nguồn"), blank=True)
    categories = ParentalManyToManyField(NewsCategory, blank=True, related_name="articles",
                                         verbose_name=_("chuyên mục"))
    # title, lead and body without diacritics, for the search that folds them (đ -> d)
    search_folded = models.TextField(editable=False, default="")

    content_panels = [
        FieldPanel("kicker"), *Page.content_panels, FieldPanel("lead"), FieldPanel("body"),
        FieldPanel("author_display"),
        MultiFieldPanel([FieldPanel("is_republished"), FieldPanel("source_name"),
                         FieldPanel("source_url")], heading=_("Nguồn")),
        FieldPanel("categories"),
    ]
    parent_page_types = ["cms.PortalHomePage"]
    subpage_types: list[str] = []
    template = "cms/article.html"

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")

    def clean(self):
        super().clean()
        # NĐ 43/2011 art. 5(3) (legacy): information re-used from elsewhere cites its source
        if self.is_republished and not self.source_name:
            raise ValidationError({"source_name": _("Tin đăng lại phải ghi nguồn.")})

    def save(self, *args, **kwargs):
        self.search_folded = fold(" ".join([self.kicker, self.title, self.lead,
                                            self.body_text()]))
        return super().save(*args, **kwargs)

    def body_text(self) -> str:
        parts = []
        for block in self.body:
            value = block.value
            if block.block_type == "image":
                parts.append(f"{value['caption']} {value['alt_text']}")
            elif hasattr(value, "source"):
                from django.utils.html import strip_tags

                parts.append(strip_tags(value.source))
            else:
                parts.append(str(value))
        return " ".join(parts)

    @property
    def published(self):
        """When readers first saw it, local time (Asia/Ho_Chi_Minh)."""
        moment = self.first_published_at or self.go_live_at or timezone.now()
        return timezone.localtime(moment)

    @property
    def date_line(self) -> str:
        return rules.date_line(self.published)

    def serve(self, request, *args, **kwargs):
        from motcua.cms import selectors, services

        if request.method == "GET" and not getattr(request, "is_preview", False):
            services.count_view(self.pk)
            request.cms_counted_page = self.pk  # the page cache counts it when it serves a copy
        context = self.get_context(request, *args, **kwargs)
        context["views"] = selectors.view_count(self)
        context["related"] = selectors.related_articles(self)
        context["home"] = home = self.get_parent().specific
        context["home_url"] = home.get_url(request)
        return render(request, self.get_template(request), context)


class PageViewDay(models.Model):
    """Readers of a page on one day: counted outside the page row, which has revisions
    (e-portal spec §5.2 view_count, §9.2)."""

    page = models.ForeignKey(Page, models.CASCADE, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("lượt xem trong ngày")
        verbose_name_plural = _("lượt xem trong ngày")
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="cms_view_day")]

    def __str__(self):
        return f"{self.page_id} {self.day:%d/%m/%Y}: {self.count}"


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Each site's footer (TT 32/2017 art. 16(3)(c), legacy: owner, person responsible, address,
    phone, e-mail; e-portal spec §7). The licence line shows only when filled."""

    portal_name = models.CharField(_("tên cổng thông tin"), max_length=255, blank=True)
    agency_name = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    person_responsible = models.CharField(
        _("người chịu trách nhiệm nội dung"), max_length=255, blank=True,
        help_text=_("Ví dụ: Trưởng ban biên tập: Giám đốc Sở Thông tin và Truyền thông"))
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    copyright = models.CharField(_("bản quyền"), max_length=255, blank=True)
    licence = models.CharField(
        _("giấy phép"), max_length=255, blank=True,
        help_text=_("Chỉ điền khi cổng có giấy phép trang thông tin điện tử tổng hợp."))

    class Meta:
        verbose_name = _("thông tin chân trang")
        verbose_name_plural = _("thông tin chân trang")


class BoardApprovalTask(AbstractGroupApprovalTask):
    """Approval by the agency's editorial board; whoever submitted the draft cannot approve it
    (e-portal spec §6: editors never publish their own drafts, four eyes)."""

    class Meta:
        verbose_name = _("duyệt của ban biên tập")
        verbose_name_plural = _("duyệt của ban biên tập")

    @staticmethod
    def _submitted_by(obj, user) -> bool:
        state = getattr(obj, "current_workflow_state", None)
        return state is not None and state.requested_by_id == user.pk

    def get_actions(self, obj, user):
        if self._submitted_by(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return super().get_task_states_user_can_moderate(user, **kwargs) \
            .exclude(workflow_state__requested_by=user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if self._submitted_by(task_state.workflow_state.content_object, user):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Thành viên ban biên tập duyệt; người gửi duyệt không tự duyệt bài của mình.")


class InfoPage(Page):
    """A page of the information the law requires of every agency portal (e-portal spec §3),
    one item of the list in cms.mandatory: the checklist of the editors' admin finds it there."""

    topic = models.CharField(_("mục thông tin bắt buộc"), max_length=40,
                             choices=mandatory.CHOICES)
    body = StreamField(ArticleBody(), verbose_name=_("nội dung"))

    content_panels = [*Page.content_panels, FieldPanel("topic"), FieldPanel("body")]
    parent_page_types = ["cms.PortalHomePage"]
    subpage_types: list[str] = []
    template = "cms/info.html"

    class Meta:
        verbose_name = _("trang thông tin bắt buộc")
        verbose_name_plural = _("trang thông tin bắt buộc")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["home"] = home = self.get_parent().specific
        context["home_url"] = home.get_url(request)
        return context


class DowntimeNotice(models.Model):
    """A planned interruption of an agency's portal, announced on its pages from the
    announcement until the expected return (NĐ 224/2026 art. 13(1); e-portal spec §4)."""

    home = models.ForeignKey(PortalHomePage, models.CASCADE, related_name="downtime_notices",
                             verbose_name=_("cổng thông tin"))
    starts_at = models.DateTimeField(_("tạm ngừng từ"))
    ends_at = models.DateTimeField(_("dự kiến hoạt động trở lại"))
    reason = models.CharField(_("lý do"), max_length=255)
    announced_at = models.DateTimeField(_("thông báo lúc"))
    announced_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                     related_name="+", verbose_name=_("người thông báo"))

    class Meta:
        verbose_name = _("thông báo tạm ngừng")
        verbose_name_plural = _("thông báo tạm ngừng")
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="cms_downtime_ends_after_start")]

    def __str__(self):
        return f"{self.home_id}: {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"
