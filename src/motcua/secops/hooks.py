"""The events recorded from signals: Django's sign-in and account changes, django-axes' lockout,
django-otp's devices, the admin's change log, and core's ``account_event`` (core imports no
domain app: it sends, this module records)."""

from __future__ import annotations

import json

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save

from motcua.secops import events

_ADMIN_ACTIONS = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}
# the account columns whose change is a change of rights (authz_change), not of attributes
_RIGHTS = ("is_staff", "is_superuser", "is_active")


def connect() -> None:
    """Connect the receivers (``SecopsConfig.ready``)."""
    from axes.signals import user_locked_out
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from motcua.org.models import RoleAssignment

    user = get_user_model()
    user_logged_in.connect(logged_in, dispatch_uid="secops_login")
    user_login_failed.connect(login_failed, dispatch_uid="secops_login_failed")
    user_logged_out.connect(logged_out, dispatch_uid="secops_logout")
    user_locked_out.connect(locked_out, dispatch_uid="secops_lockout")
    try:  # core's account rules (lockout, idle sessions, second factor) report through it
        from motcua.core.account_rules import account_event
    except ImportError:
        pass
    else:
        account_event.connect(reported, dispatch_uid="secops_account_event")
    pre_save.connect(account_before, sender=user, dispatch_uid="secops_user_before")
    post_save.connect(account_saved, sender=user, dispatch_uid="secops_user_saved")
    post_delete.connect(account_deleted, sender=user, dispatch_uid="secops_user_deleted")
    pre_save.connect(role_before, sender=RoleAssignment, dispatch_uid="secops_role_before")
    post_save.connect(role_saved, sender=RoleAssignment, dispatch_uid="secops_role_saved")
    post_delete.connect(role_deleted, sender=RoleAssignment, dispatch_uid="secops_role_deleted")
    post_save.connect(device_saved, sender=TOTPDevice, dispatch_uid="secops_mfa_saved")
    post_delete.connect(device_deleted, sender=TOTPDevice, dispatch_uid="secops_mfa_deleted")
    post_save.connect(admin_logged, sender=LogEntry, dispatch_uid="secops_admin_action")


def logged_in(sender, request, user, **kwargs) -> None:
    backend = getattr(user, "backend", "") or ""
    events.record("authn_login_success", request=request, user=user,
                  auth__method=backend.rsplit(".", 1)[-1],
                  mfa=bool(getattr(user, "is_verified", lambda: False)()),
                  retries_before=getattr(request, "axes_failures_since_start", 0) or 0)


def login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get("username", "")
    if getattr(request, "axes_locked_out", False):
        return  # the lockout is its own event (locked_out)
    events.record("authn_login_fail", request=request, username_hash=events.pseudonym(username),
                  reason="bad_credentials")


def logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        events.record("session_expired", request=request, user=user, reason="logout")


def locked_out(sender, request, username, ip_address, **kwargs) -> None:
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request)
    until = events.timezone.now() + cool_off if cool_off else None
    events.record("authn_login_lock", request=request, username_hash=events.pseudonym(username),
                  lock_until=until.isoformat() if until else "", reason="failures")


def reported(sender, name, request=None, user=None, **fields) -> None:
    events.record(name, request=request, user=user, **fields)


def account_before(sender, instance, **kwargs) -> None:
    if instance.pk is None:
        instance._secops_before = None
        return
    instance._secops_before = (sender.objects.filter(pk=instance.pk)
                               .values(*_RIGHTS).first())


def account_saved(sender, instance, created, **kwargs) -> None:
    if created:
        events.record("user_created", target_user__id=instance.pk)
        return
    before = getattr(instance, "_secops_before", None) or {}
    changed = {name: (before[name], getattr(instance, name)) for name in _RIGHTS
               if name in before and before[name] != getattr(instance, name)}
    if changed:
        events.record("authz_change", object_type="user", object_id=instance.pk,
                      target_user__id=instance.pk,
                      **{"from": {k: old for k, (old, _new) in changed.items()},
                         "to": {k: new for k, (_old, new) in changed.items()}})
    if getattr(instance, "_password", None) is not None:  # set_password, saved now
        events.record("authn_password_change", target_user__id=instance.pk)


def account_deleted(sender, instance, **kwargs) -> None:
    events.record("user_deleted", target_user__id=instance.pk)


def role_before(sender, instance, **kwargs) -> None:
    before = (sender.objects.filter(pk=instance.pk).values("role", "is_active").first()
              if instance.pk is not None else None)
    instance._secops_before = _held(**before) if before else "none"


def role_saved(sender, instance, created, **kwargs) -> None:
    before, now = getattr(instance, "_secops_before", "none"), _held(instance.role,
                                                                      instance.is_active)
    if before != now:
        events.record("authz_change", object_type="role_assignment", object_id=instance.pk,
                      target_user__id=instance.user_id, organization__id=instance.agency_id,
                      **{"from": before, "to": now})


def _held(role: str, is_active: bool) -> str:
    return role if is_active else f"{role} (inactive)"


def role_deleted(sender, instance, **kwargs) -> None:
    events.record("authz_change", object_type="role_assignment", object_id=instance.pk,
                  target_user__id=instance.user_id, role=instance.role,
                  **{"from": instance.role, "to": "revoked"})


def device_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    """A device confirmed (its first right code, or added confirmed): not its every use, which
    saves the device's counters too."""
    confirming = created or (update_fields is not None and "confirmed" in update_fields)
    if instance.confirmed and confirming:
        events.record("authn_mfa_enrolled", target_user__id=instance.user_id,
                      object_type="totp_device", object_id=instance.pk)


def device_deleted(sender, instance, **kwargs) -> None:
    events.record("authn_mfa_reset", target_user__id=instance.user_id,
                  object_type="totp_device", object_id=instance.pk)


def admin_logged(sender, instance, created, **kwargs) -> None:
    if not created:
        return
    changed = []
    try:
        for part in json.loads(instance.change_message or "[]"):
            changed += part.get("changed", {}).get("fields", [])
    except (ValueError, AttributeError):
        pass
    events.record("admin_action", user=instance.user, object_id=instance.object_id or "",
                  object_type=instance.content_type.model if instance.content_type else "",
                  model=(f"{instance.content_type.app_label}.{instance.content_type.model}"
                         if instance.content_type else ""),
                  action=_ADMIN_ACTIONS.get(instance.action_flag, ""), changed_fields=changed)
