"""Sign-in with VNeID through DVCQG's single sign-on: the OpenID Connect client (integrations §2.2,
§2.3; docs/vneid.md).

Authorization code flow on the operator's WSO2 server, done by Authlib and joserfc, never by
hand: ``begin`` makes the authorize address with a fresh ``state``, ``nonce`` and PKCE (S256)
verifier, which the caller keeps in the session; ``finish`` checks the ``state``, exchanges the
code on the server with the client secret and the verifier, verifies the ``id_token`` (signature
against the JWKS, ``iss``, ``aud``, ``exp``, ``nonce``), calls userinfo itself and returns who
signed in as an ``Identity``. Anything wrong raises ``Refused``; the tokens are dropped here.
Calls go through ``gateways`` (the settings' ``MOTCUA_NATIONAL["vneid"]``). Authlib and joserfc
(with cryptography's key types) are imported by the sign-in itself, not with the URLconf: a web
worker that serves no VNeID sign-in does not hold them (tests/scale/test_lean_workers.py).
"""

from __future__ import annotations

import hmac
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from motcua.national import gateways

if TYPE_CHECKING:
    from authlib.oidc.core import CodeIDToken

NAME = "vneid"
ALGORITHMS = ["RS256"]
LEEWAY_SECONDS = 60  # clock difference tolerated on exp and iat
MAX_JWKS_BYTES = 256 * 1024
# the JWKS is kept this long between sign-ins; a token signed by a key it lacks (the operator
# rotated its keys) fetches it again once
JWKS_CACHE_SECONDS = 3600
AUTHORIZE, TOKEN, USERINFO, JWKS = ("/oauth2/authorize", "/oauth2/token", "/oauth2/userinfo",
                                    "/oauth2/jwks")
# LoaiTaiKhoan (integrations §2.3)
CITIZEN, BUSINESS, ORGANISATION = "1", "2", "3"

REASONS = {
    "sso_error": _("Cổng xác thực từ chối hoặc bạn đã hủy đăng nhập."),
    "state": _("Yêu cầu đăng nhập không khớp với phiên làm việc này (có thể đã quá hạn, hoặc "
               "được mở từ một trang khác)."),
    "token": _("Mã đăng nhập không dùng được: đã dùng rồi, đã hết hạn hoặc không hợp lệ."),
    "id_token": _("Thông tin xác thực nhận được không hợp lệ (chữ ký, hạn dùng hoặc mã kiểm tra "
                  "không đúng)."),
    "userinfo": _("Không đọc được thông tin tài khoản từ cổng xác thực."),
    "no_id_number": _("Tài khoản định danh điện tử không có số định danh cá nhân."),
    "no_tax_code": _("Tài khoản tổ chức, doanh nghiệp không có mã số thuế hoặc mã số doanh "
                     "nghiệp: Cổng dịch vụ công của tỉnh cần mã này để nhận hồ sơ của tổ chức."),
    "account_type": _("Loại tài khoản định danh điện tử này chưa được hỗ trợ."),
    "unavailable": _("Cổng xác thực không trả lời. Hãy thử lại sau ít phút."),
    "inactive": _("Tài khoản này đã bị khóa. Hãy liên hệ bộ phận một cửa."),
}


class Refused(Exception):
    """The sign-in cannot go on; ``reason`` is a key of ``REASONS`` (logged), ``detail`` says
    what exactly (logged, never shown)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail = reason, detail

    @property
    def message(self) -> str:
        return str(REASONS[self.reason])


@dataclass(frozen=True)
class Provider:
    url: str
    issuer: str
    client_id: str
    client_secret: str
    redirect_uri: str
    scope: str
    acr_values: str
    timeout: float


def provider() -> Provider | None:
    """The single sign-on as the settings describe it; None when it is not set up."""
    entry = settings.MOTCUA_NATIONAL.get(NAME)
    if not entry:
        return None
    return Provider(entry["URL"], entry["ISSUER"], entry["CLIENT_ID"], entry["CLIENT_SECRET"],
                    entry["REDIRECT_URI"], entry["SCOPE"], entry["ACR_VALUES"],
                    float(entry["TIMEOUT"]))


def begin(sso: Provider) -> tuple[str, dict[str, str]]:
    """The authorize address, and what the session keeps until the callback."""
    from authlib.common.security import generate_token
    from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
    from authlib.oauth2.rfc7636 import create_s256_code_challenge

    pending = {"state": generate_token(32), "nonce": generate_token(32),
               "verifier": generate_token(64)}
    url = prepare_grant_uri(
        sso.url + AUTHORIZE, sso.client_id, "code", sso.redirect_uri, sso.scope,
        pending["state"], nonce=pending["nonce"], acr_values=sso.acr_values,
        code_challenge=create_s256_code_challenge(pending["verifier"]),
        code_challenge_method="S256")
    return url, pending


@dataclass(frozen=True)
class Identity:
    """Who signed in, from the userinfo claims (integrations §2.3)."""

    tech_id: str
    account_type: str
    id_number: str  # SoDinhDanh (a citizen), or the tax code (a business, an organisation)
    old_id_number: str  # SoCMND, the old 9-digit card, when the account has one
    full_name: str
    organisation_name: str
    email: str
    phone: str
    address: str
    levels: str  # loAs

    @property
    def is_citizen(self) -> bool:
        return self.account_type == CITIZEN

    @property
    def numbers(self) -> tuple[str, ...]:
        """The numbers an existing account may be known by (integrations §2.4 OC step 2)."""
        return tuple(n for n in (self.id_number, self.old_id_number) if n)


def finish(sso: Provider, pending: dict[str, str], answer: dict[str, str]) -> Identity:
    """The callback's ``answer`` (its query) checked against ``pending``; who signed in."""
    if answer.get("error"):
        raise Refused("sso_error", f"{answer.get('error')}: {answer.get('error_description')}")
    state = answer.get("state", "")
    if not pending.get("state") or not hmac.compare_digest(
            state.encode(), pending["state"].encode()):
        raise Refused("state", "the callback's state is not the session's")
    if not answer.get("code"):
        raise Refused("token", "no code in the callback")
    tokens = _exchange(sso, answer["code"], pending["verifier"])
    claims = _verified(sso, tokens.get("id_token"), pending["nonce"])
    info = _userinfo(sso, tokens.get("access_token"))
    if str(info.get("sub", claims["sub"])) != str(claims["sub"]):
        raise Refused("userinfo", "userinfo's sub is not the id_token's")
    return identity(info)


def _exchange(sso: Provider, code: str, verifier: str) -> dict[str, Any]:
    form = urllib.parse.urlencode({
        "grant_type": "authorization_code", "code": code, "redirect_uri": sso.redirect_uri,
        "client_id": sso.client_id, "client_secret": sso.client_secret,
        "code_verifier": verifier})
    answer = _call(lambda: gateways.post(sso.url + TOKEN, form, {}, sso.timeout))
    reply = answer.json()
    if answer.status != 200 or not isinstance(reply, dict) or not reply.get("id_token"):
        raise Refused("token", f"HTTP {answer.status}: {answer.text()[:200]}")
    return reply


def _verified(sso: Provider, id_token: Any, nonce: str) -> CodeIDToken:
    """The id_token's claims once its signature (the JWKS), iss, aud, exp and nonce hold."""
    from authlib.oidc.core import CodeIDToken
    from joserfc.errors import JoseError

    try:
        token = _decoded(sso, str(id_token))
        claims = CodeIDToken(token.claims, token.header, {
            "iss": {"essential": True, "value": sso.issuer},
            "aud": {"essential": True, "value": sso.client_id},
            "exp": {"essential": True}, "nonce": {"essential": True}},
            {"nonce": nonce, "client_id": sso.client_id})
        claims.validate(leeway=LEEWAY_SECONDS)
    except (JoseError, ValueError, TypeError, KeyError) as error:
        raise Refused("id_token", f"{type(error).__name__}: {error}") from None
    return claims


def _decoded(sso: Provider, id_token: str):
    """The token checked against the kept JWKS; against a fresh one if the kept one fails it."""
    from joserfc.errors import JoseError

    key = f"vneid:jwks:{sso.url}"
    kept = cache.get(key)
    if kept is not None:
        try:
            return _decode(id_token, kept)
        except (JoseError, ValueError, TypeError, KeyError):
            pass  # perhaps a rotated key: the operator's current set decides
    answer = _call(lambda: gateways.get(sso.url + JWKS, sso.timeout, MAX_JWKS_BYTES))
    fresh = answer.json()
    token = _decode(id_token, fresh)
    cache.set(key, fresh, JWKS_CACHE_SECONDS)  # kept only once it has verified a token
    return token


def _decode(id_token: str, jwks: Any):
    from joserfc import jwt
    from joserfc.jwk import KeySet
    from joserfc.jws import JWSRegistry

    return jwt.decode(id_token, KeySet.import_key_set(jwks), algorithms=ALGORITHMS,
                      registry=JWSRegistry(algorithms=ALGORITHMS))


def _userinfo(sso: Provider, access_token: Any) -> dict[str, Any]:
    """POST, as OpenCPS does (the fake answers GET too)."""
    answer = _call(lambda: gateways.post(sso.url + USERINFO, "",
                                         {"Authorization": f"Bearer {access_token}"},
                                         sso.timeout))
    reply = answer.json()
    if answer.status != 200 or not isinstance(reply, dict):
        raise Refused("userinfo", f"HTTP {answer.status}: {answer.text()[:200]}")
    return reply


def _call(request):
    try:
        return request()
    except gateways.GatewayError as error:
        raise Refused("unavailable", str(error)) from None


def _text(info: dict[str, Any], name: str) -> str:
    value = info.get(name)
    return "" if value is None else str(value).strip()


def identity(info: dict[str, Any]) -> Identity:
    """The userinfo claims read: a citizen needs SoDinhDanh, a business or an organisation a tax
    code (motcua files their dossiers under it); LoaiTaiKhoan comes as a string or an int."""
    kind = _text(info, "LoaiTaiKhoan")
    tech_id = _text(info, "TechID") or _text(info, "sub")
    if not tech_id:
        raise Refused("userinfo", "no TechID nor sub")
    if kind == CITIZEN:
        number = _text(info, "SoDinhDanh")
        if not number:
            raise Refused("no_id_number", f"TechID {tech_id}")
    elif kind in (BUSINESS, ORGANISATION):
        number = _text(info, "MaSoThue") or _text(info, "MaSoDoanhNghiep")
        if not number:
            raise Refused("no_tax_code", f"TechID {tech_id}")
    else:
        raise Refused("account_type", f"LoaiTaiKhoan {kind!r}")
    return Identity(
        tech_id=tech_id, account_type=kind, id_number=number,
        old_id_number=_text(info, "SoCMND") if kind == CITIZEN else "",
        full_name=_text(info, "HoVaTen"), organisation_name=_text(info, "TenDoanhNghiep"),
        email=_text(info, "ThuDienTu"), phone=_text(info, "SoDienThoai"),
        address=_text(info, "DiaChi") or _text(info, "ThuongTru"), levels=_text(info, "loAs"))
