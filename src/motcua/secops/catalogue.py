"""The security events the SOC receives (security-operations §3.5): name → category, severity.

Pure data, no Django. Names follow the OWASP Logging Vocabulary where it has one; severities are
syslog levels (6 info, 5 notice, 4 warning, 3 error, 2 critical). ``record`` refuses a name that
is not here, so a typo fails in the tests instead of reaching the SOC as an unknown event.
"""

from __future__ import annotations

from dataclasses import dataclass

INFO, NOTICE, WARNING, ERROR, CRITICAL = 6, 5, 4, 3, 2


@dataclass(frozen=True)
class Kind:
    category: str  # ECS event.category
    severity: int
    outcome: str = "success"  # ECS event.outcome when the caller does not say


_AUTH, _IAM, _CONF, _DATA, _NET, _SYS = ("authentication", "iam", "configuration", "database",
                                         "network", "process")

CATALOGUE: dict[str, Kind] = {
    "authn_login_success": Kind(_AUTH, INFO),
    "authn_login_fail": Kind(_AUTH, WARNING, "failure"),
    "authn_login_lock": Kind(_AUTH, WARNING, "failure"),
    "authn_unlock": Kind(_AUTH, NOTICE),
    "authn_mfa_enrolled": Kind(_AUTH, NOTICE),
    "authn_mfa_reset": Kind(_AUTH, WARNING),
    "authn_mfa_fail": Kind(_AUTH, WARNING, "failure"),
    "authn_password_change": Kind(_AUTH, INFO),
    "authn_password_change_fail": Kind(_AUTH, WARNING, "failure"),
    "authn_password_reset_request": Kind(_AUTH, NOTICE),
    "authn_sso_assertion_invalid": Kind(_AUTH, ERROR, "failure"),
    "session_expired": Kind("session", INFO),
    "session_use_after_expire": Kind("session", WARNING, "failure"),
    "authz_fail": Kind(_IAM, WARNING, "failure"),
    "malicious_direct_reference": Kind(_IAM, CRITICAL, "failure"),
    "authz_change": Kind(_IAM, WARNING),
    "user_created": Kind(_IAM, WARNING),
    "user_updated": Kind(_IAM, WARNING),
    "user_disabled": Kind(_IAM, WARNING),
    "user_deleted": Kind(_IAM, WARNING),
    "admin_action": Kind(_CONF, WARNING),
    "sys_security_config_change": Kind(_CONF, ERROR),
    "data_export": Kind(_DATA, WARNING),
    "sensitive_read": Kind(_DATA, NOTICE),
    "pd_request_received": Kind(_DATA, NOTICE),
    "pd_request_closed": Kind(_DATA, NOTICE),
    "consent_given": Kind(_DATA, INFO),
    "consent_withdrawn": Kind(_DATA, INFO),
    "input_validation_fail": Kind("web", WARNING, "failure"),
    "upload_validation_fail": Kind("file", ERROR, "failure"),
    "excess_rate_limit_exceeded": Kind(_NET, WARNING, "failure"),
    "interop_auth_fail": Kind(_NET, ERROR, "failure"),
    "integrity_fail": Kind("intrusion_detection", CRITICAL, "failure"),
    "crypt_decrypt_fail": Kind(_DATA, ERROR, "failure"),
    "backup_completed": Kind(_SYS, INFO),
    "backup_failed": Kind(_SYS, ERROR, "failure"),
    "restore_performed": Kind(_SYS, WARNING),
    "sys_startup": Kind(_SYS, NOTICE),
    "sys_shutdown": Kind(_SYS, NOTICE),
    "sys_monitor_disabled": Kind(_SYS, CRITICAL, "failure"),
    "app_unhandled_error": Kind("web", ERROR, "failure"),
    "incident_opened": Kind("threat", CRITICAL),
}
