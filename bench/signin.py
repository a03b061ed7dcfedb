"""Signing in for the load runs (not measured): a session cookie, an API token.

The server runs as in production behind a TLS proxy (SECURE_PROXY_SSL_HEADER): every request says
it came over HTTPS, so there is no redirect; the cookies it sets are Secure, so a plain-HTTP client
would not send them back, and the session cookie is sent by hand. Plain ``requests``, no locust:
``bench_scale.py`` signs in once and gives the cookie and the token to every locust run.
"""

from __future__ import annotations

import os
import re

PASSWORD = os.environ.get("BENCH_PASSWORD", "motcua-demo-2026")
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
BEHIND_TLS = {"X-Forwarded-Proto": "https"}


def sign_in(host: str, username: str) -> str:
    """The session cookie of ``username`` signed in through the login form (not measured)."""
    import requests

    login = f"{host}/tai-khoan/login/"
    form = requests.get(login, headers=BEHIND_TLS, timeout=30)
    token = CSRF_FIELD.search(form.content)
    answer = requests.post(
        login, allow_redirects=False, timeout=30,
        data={"username": username, "password": PASSWORD,
              "csrfmiddlewaretoken": token.group(1).decode() if token else ""},
        headers={**BEHIND_TLS, "Referer": login.replace("http://", "https://"),
                 "Cookie": f"csrftoken={form.cookies.get('csrftoken', '')}"},
    )
    session = answer.cookies.get("sessionid")
    if answer.status_code != 302 or not session:
        raise RuntimeError(f"sign-in of {username} failed: {answer.status_code}")
    return f"sessionid={session}"


def token(host: str, username: str) -> str:
    """An API token of ``username`` (not measured)."""
    import requests

    answer = requests.post(f"{host}/api/v1/auth/token", headers=BEHIND_TLS, timeout=30,
                           json={"username": username, "password": PASSWORD})
    if answer.status_code != 200:
        raise RuntimeError(f"no token for {username}: {answer.status_code} {answer.text[:200]}")
    return answer.json()["token"]


