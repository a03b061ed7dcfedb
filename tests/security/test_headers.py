"""The security headers every answer carries, and the production settings Django's checks pass."""

import os
import secrets
import subprocess
import sys

import pytest


@pytest.mark.parametrize("path", ["/", "/tra-cuu", "/api/v1/procedures", "/tai-khoan/login/"])
def test_every_answer_carries_a_policy_without_inline_code(client, db, path):
    response = client.get(path)
    policy = dict(part.strip().split(" ", 1)
                  for part in response["Content-Security-Policy"].split(";") if part.strip())
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert policy["default-src"] == policy["script-src"] == policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == policy["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] in ("same-origin", "no-referrer")


def test_the_production_profile_passes_the_deployment_checks(tmp_path):
    env = {**os.environ, "MOTCUA_ENV": "production", "VAR_DIR": str(tmp_path),
           "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "motcua.example.gov.vn",
           "DATABASE_URL": f"sqlite:///{tmp_path}/motcua.sqlite3"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests' setting, not a deployment's
    result = subprocess.run(
        [sys.executable, "-m", "motcua.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    shown = subprocess.run(
        [sys.executable, "-m", "motcua.cli", "diffsettings", "--all"],
        env=env, capture_output=True, text=True, timeout=120,
    ).stdout
    for line in ("SESSION_COOKIE_SECURE = True", "CSRF_COOKIE_SECURE = True",
                 "SECURE_SSL_REDIRECT = True", "SECURE_HSTS_SECONDS = 31536000"):
        assert line in shown
    assert "django.contrib.auth.hashers.Argon2PasswordHasher" in \
        shown.split("PASSWORD_HASHERS = ")[1].split("]")[0].split(",")[0]
