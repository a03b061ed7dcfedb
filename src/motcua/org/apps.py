from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


def _forget_roles(sender, instance, **_kwargs) -> None:
    """A role assignment was saved or deleted: the request's remembered roles of its holder go."""
    from motcua.org.selectors import forget_roles

    forget_roles(instance.user_id)


class OrgConfig(AppConfig):
    name = "motcua.org"
    label = "org"
    verbose_name = "Tổ chức, cán bộ"

    def ready(self) -> None:
        for signal in (post_save, post_delete):
            signal.connect(_forget_roles, sender="org.RoleAssignment",
                           dispatch_uid=f"motcua-org-forget-roles-{signal is post_save}")
