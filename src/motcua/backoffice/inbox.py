"""The officer's notifications (motcua.outbox.views, guarded for working staff)."""

from motcua.backoffice.views import staff_required
from motcua.outbox import views

PAGES = views.Pages(inbox="backoffice:inbox", read="backoffice:notification_read",
                    dossier="backoffice:dossier")

inbox, read = views.guarded_views(PAGES, staff_required)
