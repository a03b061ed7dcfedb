from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "motcua.cms"
    label = "cms"
    verbose_name = "Cổng thông tin điện tử"

    def ready(self) -> None:
        # images, documents and tags are the editors', kept in their admin (/bien-tap/) with its
        # per-agency permissions; Wagtail and taggit also put them in Django's admin
        # (autodiscovered before this runs): taken out of it, so there is one door.
        from django.contrib import admin
        from taggit.models import Tag
        from wagtail.documents.models import Document
        from wagtail.images.models import Image

        for model in (Image, Document, Tag):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
        # the readers' page cache forgets a Site's pages when one of them is published,
        # unpublished or moved, in every process (the scheduler's too), not only the web's
        # and so does the provincial portal's frame around every page (its footer, its news)
        from motcua.cms import frame, page_cache  # noqa: F401
