"""The citizen's notifications (motcua.outbox.views, guarded for applicants)."""

from motcua.outbox import views
from motcua.portal.views import applicant_required

PAGES = views.Pages(inbox="portal:inbox", read="portal:notification_read",
                    dossier="portal:dossier")

inbox, read = views.guarded_views(PAGES, applicant_required)
