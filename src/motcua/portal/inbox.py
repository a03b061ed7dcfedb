"""The citizen's notifications (motcua.outbox.views, guarded for applicants)."""

from motcua.core.access import applicant_required
from motcua.outbox import views

PAGES = views.Pages(inbox="portal:inbox", read="portal:notification_read",
                    dossier="portal:dossier")

inbox, read = views.guarded_views(PAGES, applicant_required)
