"""What ends the editorial workflow. Imported by Wagtail while its models load
(WAGTAIL_FINISH_WORKFLOW_ACTION): this module imports nothing of Wagtail's."""

import io

from django.core.management import call_command


def publish_approved(workflow_state, user=None) -> None:
    """The board's last approval publishes the latest revision. Nobody of an agency holds the
    publish permission itself, so the workflow is the only way to publication (e-portal spec
    §6, four eyes)."""
    workflow_state.content_object.get_latest_revision().publish(
        user=user, skip_permission_checks=True)


def publish_scheduled() -> None:
    """Publish what is due and unpublish what has expired (the scheduler, every minute):
    Wagtail's own ``publish_scheduled`` command, so scheduled articles appear on time."""
    call_command("publish_scheduled", stdout=io.StringIO())
