"""The sandbox's fake of the DVCQG / VNeID single sign-on (integrations §2.2, §7.2).

An OpenID Connect provider in the manner of the WSO2 Identity Server behind
``xacthuc.dichvucong.gov.vn``, under ``/sso/``:

- ``GET /sso/oauth2/authorize`` checks the client, its registered ``redirect_uri``, a scope with
  ``openid`` and ``acr_values``, then shows a Vietnamese page to pick a test person; picking one
  sends the browser back with ``code`` and the original ``state``;
- ``POST /sso/oauth2/token`` (form) takes a code once, within 60 s, with the client's secret and
  the PKCE verifier; it answers the tokens and an RS256-signed ``id_token``;
- ``GET /sso/oauth2/jwks``; ``GET`` or ``POST /sso/oauth2/userinfo`` with a Bearer token, in the
  claim names and types of §2.3 (``LoaiTaiKhoan`` a string, ``GioiTinh`` an int);
- ``POST /sso/oauth2/introspect``, ``POST /sso/oauth2/revoke``, ``GET /sso/oidc/logout``;
- ``GET /sso/.well-known/openid-configuration``.

Faults: ``POST /sso/__control/<scenario>`` (see ``FAULTS``; ``normal`` clears them); the calls
received: ``GET /sso/__journal``.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from joserfc import jwt
from joserfc.jwk import RSAKey

from motcua.core.fakehttp import (
    SandboxContext,
    buttons,
    escape,
    form,
    headers,
    not_found,
    page,
    query,
    redirect,
    send,
    send_json,
)

CODE_SECONDS = 60  # a code is taken once, within a minute (integrations §7.2)
TOKEN_SECONDS = 3600
CLIENT_ID, CLIENT_SECRET = "motcua", "sandbox"
CALLBACK_PATH = "/tai-khoan/vneid/callback/"
LEVELS = ("LoA1", "LoA2")
FAULTS = {
    "expired-token": gettext_lazy("id_token đã hết hạn"),
    "bad-signature": gettext_lazy("id_token ký bằng khóa khác"),
    "wrong-nonce": gettext_lazy("id_token mang nonce sai"),
    "wrong-state": gettext_lazy("trả về state sai"),
    "no-sodinhdanh": gettext_lazy("thiếu SoDinhDanh"),
    "new-techid": gettext_lazy("TechID mới cho người đã biết"),
}

# The test people (integrations §7.2), with the §2.3 claims and types; the first two are the
# demo's citizens (their accounts exist: signing in offers the link), the others are new
PEOPLE: dict[str, dict] = {
    "cccd": {"LoaiTaiKhoan": "1", "TechID": "b2c1a0f4-0001-4c5e-9a61-vneid0000001",
             "SoDinhDanh": "037090001234", "SoCMND": "", "HoVaTen": "Nguyễn Văn An",
             "GioiTinh": 1, "NgayThangNamSinh": "19900512", "ThuDienTu": "an.nv@example.vn",
             "SoDienThoai": "0912345678", "loAs": "LoA2"},
    "cmnd": {"LoaiTaiKhoan": "1", "TechID": "b2c1a0f4-0002-4c5e-9a61-vneid0000002",
             "SoDinhDanh": "037185004321", "SoCMND": "185004321", "HoVaTen": "Trần Thị Bình",
             "GioiTinh": 2, "NgayThangNamSinh": "19850203", "ThuDienTu": "binh.tt@example.vn",
             "SoDienThoai": "0987654321", "loAs": "LoA2"},
    "doanh-nghiep": {"LoaiTaiKhoan": "2", "TechID": "b2c1a0f4-0003-4c5e-9a61-vneid0000003",
                     "MaSoThue": "0109876543", "MaSoDoanhNghiep": "0109876543",
                     "TenDoanhNghiep": "Công ty TNHH Hộp Cát", "HoVaTen": "Trần Quốc Bảo",
                     "DiaChi": "12 Tràng Tiền, Hà Nội", "ThuDienTu": "lienhe@hopcat.example.vn",
                     "SoDienThoai": "0241234567", "loAs": "LoA2"},
    "to-chuc": {"LoaiTaiKhoan": "3", "TechID": "b2c1a0f4-0004-4c5e-9a61-vneid0000004",
                "HoVaTen": "Hội Người cao tuổi phường Ba Đình", "loAs": "LoA1"},
    "khong-lien-lac": {"LoaiTaiKhoan": "1", "TechID": "b2c1a0f4-0005-4c5e-9a61-vneid0000005",
                       "SoDinhDanh": "036072000999", "HoVaTen": "Phạm Văn Tư", "GioiTinh": 1,
                       "NgayThangNamSinh": "19720101", "loAs": "LoA1"},
}
LABELS = {
    "cccd": gettext_lazy("Công dân, số định danh 12 chữ số"),
    "cmnd": gettext_lazy("Công dân có cả chứng minh nhân dân cũ 9 chữ số"),
    "doanh-nghiep": gettext_lazy("Doanh nghiệp (mã số thuế)"),
    "to-chuc": gettext_lazy("Tổ chức chỉ có TechID"),
    "khong-lien-lac": gettext_lazy("Công dân không có số điện thoại, thư điện tử"),
}
# every claim of §2.3 a citizen account carries, empty when unknown
CLAIMS = ("sub", "LoaiTaiKhoan", "TechID", "loAs", "TrangThai", "SoDinhDanh", "SoCMND",
          "HoChieu", "MaBHXH", "MaSoThue", "MaSoDoanhNghiep", "HoVaTen", "ThuDienTu",
          "SoDienThoai", "SoDienThoaiBan", "GioiTinh", "DanToc", "TonGiao", "TinhTrangHonNhan",
          "NhomMau", "NgayThangNamSinh", "NoiDangKyKhaiSinh", "QueQuan", "ThuongTru",
          "NoiOHienNay", "QuocTich", "Cha", "Me", "VoChong", "NguoiDaiDien", "ChuHo",
          "TenDoanhNghiep", "DiaChi")
INT_CLAIMS = ("GioiTinh", "TinhTrangHonNhan")


@dataclass
class Grant:
    """A code given out at the authorize step, and what it was given for."""

    person: str
    client_id: str
    redirect_uri: str
    nonce: str
    challenge: str
    method: str
    scope: str
    issued: float = field(default_factory=time.time)
    used: bool = False


class FakeSso:
    """The SandboxPart ``sso``: see the module's docstring."""

    name, prefix = "sso", "/sso/"

    def __init__(self, context: SandboxContext | None = None):
        self.context = context or SandboxContext()
        self.lock = threading.Lock()
        self.key = RSAKey.generate_key(2048, parameters={"kid": "sandbox-sso", "use": "sig"})
        self.other_key = RSAKey.generate_key(2048, parameters={"kid": "sandbox-sso"})
        self.clients = {CLIENT_ID: CLIENT_SECRET}
        self.redirect_uris = {f"{self.context.motcua_url.rstrip('/')}{CALLBACK_PATH}"}
        configured = settings.MOTCUA_NATIONAL.get("vneid", {}).get("REDIRECT_URI")
        if configured:  # motcua's own VNEID_REDIRECT_URI (make run passes it to both)
            self.redirect_uris.add(configured)
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.faults: set[str] = set()
            self.grants: dict[str, Grant] = {}
            self.tokens: dict[str, tuple[str, float]] = {}  # access token: person, expiry
            self.tech_ids = {name: person["TechID"] for name, person in PEOPLE.items()}
            self.journal: list[dict] = []

    def register(self, redirect_uri: str) -> None:
        """Accept one more callback address (a test's live server)."""
        with self.lock:
            self.redirect_uris.add(redirect_uri)

    # -- routing -----------------------------------------------------------------------------

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        route = path.removeprefix(self.prefix.rstrip("/"))
        if method == "GET" and route == "/__journal":
            with self.lock:
                return send_json(start_response, 200, {"journal": self.journal,
                                                       "faults": sorted(self.faults)})
        if method == "POST" and route.startswith("/__control/"):
            return self.control(route.removeprefix("/__control/"), environ, start_response)
        with self.lock:
            self.journal.append({"method": method, "path": route,
                                 "query": query(environ)})
        handler = ROUTES.get((method, route))
        if handler is None:
            return not_found(start_response)
        return handler(self, environ, start_response)

    def base(self, environ: dict) -> str:
        return f"http://{environ['HTTP_HOST']}{self.prefix.rstrip('/')}" \
            if environ.get("HTTP_HOST") else \
            f"http://{environ['SERVER_NAME']}:{environ['SERVER_PORT']}{self.prefix.rstrip('/')}"

    def issuer(self, environ: dict) -> str:
        """WSO2's issuer is its token endpoint."""
        return f"{self.base(environ)}/oauth2/token"

    def control(self, scenario: str, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if scenario not in (*FAULTS, "normal"):
            return send_json(start_response, 404, {"scenarios": sorted((*FAULTS, "normal"))})
        with self.lock:
            if scenario == "normal":
                self.faults.clear()
            else:
                self.faults.add(scenario)
            faults = sorted(self.faults)
        if "text/html" in environ.get("HTTP_ACCEPT", ""):
            return redirect(start_response, "/")
        return send_json(start_response, 200, {"faults": faults})

    # -- the endpoints -----------------------------------------------------------------------

    def authorize(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        asked = query(environ) if environ["REQUEST_METHOD"] == "GET" else form(environ)
        problem = self._authorize_problem(asked)
        if problem:
            return send(start_response, 400, page(_("Yêu cầu đăng nhập không hợp lệ"),
                                                  f"<p>{escape(problem)}</p>"),
                        "text/html; charset=utf-8")
        person = asked.get("person", "")
        if person not in PEOPLE:
            return send(start_response, 200, self._picker(asked), "text/html; charset=utf-8")
        code = secrets.token_urlsafe(24)
        with self.lock:
            self.grants[code] = Grant(person, asked["client_id"], asked["redirect_uri"],
                                      asked.get("nonce", ""), asked.get("code_challenge", ""),
                                      asked.get("code_challenge_method", "plain"),
                                      asked["scope"])
            state = asked.get("state", "")
            if "wrong-state" in self.faults:
                state = f"{state}x"
        return redirect(start_response, _with_query(asked["redirect_uri"],
                                                    {"code": code, "state": state}))

    def _authorize_problem(self, asked: dict) -> str:
        if asked.get("response_type") != "code":
            return _("response_type phải là code.")
        if asked.get("client_id") not in self.clients:
            return _("client_id chưa đăng ký.")
        if asked.get("redirect_uri") not in self.redirect_uris:
            return _("redirect_uri chưa đăng ký với client này.")
        if "openid" not in asked.get("scope", "").split():
            return _("scope phải có openid.")
        if asked.get("acr_values") not in LEVELS:
            return _("acr_values phải là LoA1 hoặc LoA2.")
        return ""

    def _picker(self, asked: dict) -> str:
        hidden = "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">'
                         for k, v in asked.items() if k != "person")
        choices = "".join(
            f'<li><button type="submit" name="person" value="{name}">{escape(LABELS[name])}: '
            f'{escape(PEOPLE[name]["HoVaTen"])}</button></li>' for name in PEOPLE)
        return page(_("Đăng nhập bằng tài khoản định danh điện tử (giả lập)"),
                    f"<p>{escape(_('Chọn một người dùng thử để đăng nhập vào'))} "
                    f"{escape(asked['client_id'])}.</p>"
                    f'<form method="get" action="{self.prefix}oauth2/authorize">{hidden}'
                    f"<ul>{choices}</ul></form>")

    def token(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        asked = form(environ)
        client_id, secret = _client_credentials(environ, asked)
        if self.clients.get(client_id) is None or not secrets.compare_digest(
                self.clients[client_id].encode(), secret.encode()):
            return send_json(start_response, 401, {"error": "invalid_client"})
        if asked.get("grant_type") != "authorization_code":
            return send_json(start_response, 400, {"error": "unsupported_grant_type"})
        with self.lock:
            grant = self.grants.get(asked.get("code", ""))
            problem = _grant_problem(grant, client_id, asked)
            if grant is not None:
                grant.used = True
            if problem:
                return send_json(start_response, 400, {"error": "invalid_grant",
                                                       "error_description": problem})
            access = secrets.token_urlsafe(32)
            self.tokens[access] = (grant.person, time.time() + TOKEN_SECONDS)
            if "new-techid" in self.faults:
                self.tech_ids[grant.person] = f"b2c1a0f4-new-{secrets.token_hex(6)}"
            tech_id = self.tech_ids[grant.person]
            faults = set(self.faults)
        return send_json(start_response, 200, {
            "access_token": access, "refresh_token": secrets.token_urlsafe(32),
            "id_token": self._id_token(environ, grant, tech_id, faults),
            "token_type": "Bearer", "expires_in": TOKEN_SECONDS, "scope": grant.scope})

    def _id_token(self, environ: dict, grant: Grant, tech_id: str, faults: set[str]) -> str:
        now = int(time.time())
        expires = now - 120 if "expired-token" in faults else now + TOKEN_SECONDS
        claims = {"iss": self.issuer(environ), "sub": tech_id, "aud": grant.client_id,
                  "iat": now - (3600 if "expired-token" in faults else 0), "exp": expires,
                  "nonce": f"{grant.nonce}-sai" if "wrong-nonce" in faults else grant.nonce,
                  "acr": PEOPLE[grant.person]["loAs"]}
        key = self.other_key if "bad-signature" in faults else self.key
        return jwt.encode({"alg": "RS256", "kid": "sandbox-sso"}, claims, key)

    def jwks(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        return send_json(start_response, 200, {"keys": [self.key.as_dict(private=False)]})

    def userinfo(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        bearer = headers(environ).get("authorization", "")
        with self.lock:
            found = self.tokens.get(bearer.removeprefix("Bearer ").strip())
            if found is None or found[1] < time.time():
                return send_json(start_response, 401, {"error": "invalid_token"})
            tech_id, faults = self.tech_ids[found[0]], set(self.faults)
        return send_json(start_response, 200, claims_of(found[0], tech_id, faults))

    def introspect(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        asked = form(environ)
        with self.lock:
            found = self.tokens.get(asked.get("token", ""))
        if found is None or found[1] < time.time():
            return send_json(start_response, 200, {"active": False})
        return send_json(start_response, 200, {"active": True, "client_id": CLIENT_ID,
                                               "exp": int(found[1]),
                                               "sub": self.tech_ids[found[0]]})

    def revoke(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        asked = form(environ)
        client_id, secret = _client_credentials(environ, asked)
        if self.clients.get(client_id) != secret:
            return send_json(start_response, 401, {"error": "invalid_client"})
        with self.lock:
            self.tokens.pop(asked.get("token", ""), None)
        return send(start_response, 200, "")

    def logout(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        back = query(environ).get("post_logout_redirect_uri", "")
        if back in self.redirect_uris or back.rstrip("/") == self.context.motcua_url:
            return redirect(start_response, back)
        return send(start_response, 200, page(_("Đã đăng xuất"),
                                              f"<p>{escape(_('Bạn đã đăng xuất.'))}</p>"),
                    "text/html; charset=utf-8")

    def discovery(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        base = self.base(environ)
        return send_json(start_response, 200, {
            "issuer": self.issuer(environ),
            "authorization_endpoint": f"{base}/oauth2/authorize",
            "token_endpoint": f"{base}/oauth2/token",
            "userinfo_endpoint": f"{base}/oauth2/userinfo",
            "jwks_uri": f"{base}/oauth2/jwks",
            "introspection_endpoint": f"{base}/oauth2/introspect",
            "revocation_endpoint": f"{base}/oauth2/revoke",
            "end_session_endpoint": f"{base}/oidc/logout",
            "response_types_supported": ["code"], "scopes_supported": ["openid"],
            "acr_values_supported": list(LEVELS),
            "code_challenge_methods_supported": ["S256", "plain"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post",
                                                      "client_secret_basic"]})

    def section(self) -> str:
        with self.lock:
            faults, calls = sorted(self.faults), len(self.journal)
        state = ", ".join(str(FAULTS[name]) for name in faults) or _("không có")
        actions = [("normal", _("Hoạt động bình thường")),
                   *((name, _("Giả lập: %(fault)s") % {"fault": label})
                     for name, label in FAULTS.items())]
        people = ", ".join(f"{escape(PEOPLE[name]['HoVaTen'])} ({escape(LABELS[name])})"
                           for name in PEOPLE)
        return (f"<h2>{escape(_('Đăng nhập một lần DVCQG / VNeID (giả lập)'))}</h2>"
                f"<p>{escape(_('Sự cố đang giả lập'))}: {escape(state)} — "
                f"{escape(_('số lần gọi đã nhận'))}: {calls}</p>"
                f"<p>{escape(_('Người dùng thử'))}: {people}</p>"
                f"<p>{buttons(self.prefix, actions)}</p>")


ROUTES = {
    ("GET", "/oauth2/authorize"): FakeSso.authorize,
    ("POST", "/oauth2/token"): FakeSso.token,
    ("GET", "/oauth2/jwks"): FakeSso.jwks,
    ("GET", "/oauth2/userinfo"): FakeSso.userinfo,
    ("POST", "/oauth2/userinfo"): FakeSso.userinfo,
    ("POST", "/oauth2/introspect"): FakeSso.introspect,
    ("POST", "/oauth2/revoke"): FakeSso.revoke,
    ("GET", "/oidc/logout"): FakeSso.logout,
    ("GET", "/.well-known/openid-configuration"): FakeSso.discovery,
}


def claims_of(person: str, tech_id: str, faults: set[str]) -> dict:
    """The userinfo answer of a test person: every §2.3 claim, strings but the int ones."""
    known = {**PEOPLE[person], "sub": tech_id, "TechID": tech_id, "TrangThai": "1"}
    claims = {name: known.get(name, 0 if name in INT_CLAIMS else "") for name in CLAIMS}
    if "no-sodinhdanh" in faults:
        claims.pop("SoDinhDanh")
    return claims


def _grant_problem(grant: Grant | None, client_id: str, asked: dict) -> str:
    if grant is None:
        return "unknown code"
    if grant.used:
        return "code already used"
    if time.time() - grant.issued > CODE_SECONDS:
        return "code expired"
    if grant.client_id != client_id or grant.redirect_uri != asked.get("redirect_uri"):
        return "client or redirect_uri mismatch"
    if grant.challenge and _challenge(asked.get("code_verifier", ""),
                                      grant.method) != grant.challenge:
        return "PKCE verification failed"
    return ""


def _challenge(verifier: str, method: str) -> str:
    if method != "S256":
        return verifier
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _client_credentials(environ: dict, asked: dict) -> tuple[str, str]:
    """client_secret_basic (the Authorization header) or client_secret_post (the form)."""
    basic = headers(environ).get("authorization", "")
    if basic.startswith("Basic "):
        try:
            pair = base64.b64decode(basic[6:]).decode("utf-8")
        except ValueError:
            return "", ""
        client_id, _sep, secret = pair.partition(":")
        return urllib.parse.unquote(client_id), urllib.parse.unquote(secret)
    return asked.get("client_id", ""), asked.get("client_secret", "")


def _with_query(url: str, params: dict[str, str]) -> str:
    joiner = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{joiner}{urllib.parse.urlencode(params)}"
