#!/usr/bin/env python3
"""A stand-in OpenID Connect provider for trying the portal's single sign-on locally (docs/operations.md).

Not a provider to use for anything else: it signs in whoever picks a name on its form. It serves the discovery
document, its key (JWKS), an authorize endpoint with that form, and a token endpoint that, as a real provider does,
checks the client secret and the redirect URI, redeems each code once and only with its PKCE verifier (S256), and
answers an RS256 id token carrying the request's nonce. The people on the form:

  alice    in spend-portal-admins
  victor   in spend-portal-viewers
  nora     in neither group
  mallory  in spend-portal-admins, but her id token is signed by a key the provider does not publish

Needs python3 with the cryptography package (Debian: python3-cryptography). Listens on 127.0.0.1 only:

  python3 scripts/sso-standin.py --port 8180 --client-secret "$SECRET" [--key standin-key.pem] [--sign-in-as alice]

--key keeps the signing key in a file, so that the stand-in can restart without the portal (which caches the
provider's keys) refusing its tokens; --sign-in-as skips the form (for a browser that only loads a URL, such as
chromium --headless --screenshot).
"""
import argparse
import base64
import hashlib
import html
import json
import os
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote_plus, urlencode, urlsplit

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

PEOPLE = {
    "alice": ["spend-portal-admins"],
    "victor": ["spend-portal-viewers"],
    "nora": ["marketing"],
    "mallory": ["spend-portal-admins"],
}
CODE_LIFETIME = 60


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def uint(number):
    return b64url(number.to_bytes((number.bit_length() + 7) // 8, "big"))


class Provider:
    def __init__(self, issuer, client_id, client_secret, key, sign_in_as):
        self.issuer = issuer
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = key
        self.unknown_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = b64url(hashlib.sha256(uint(key.public_key().public_numbers().n).encode()).digest()[:12])
        self.sign_in_as = sign_in_as
        self.codes = {}
        self.lock = threading.Lock()

    def discovery(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.issuer + "/authorize",
            "token_endpoint": self.issuer + "/token",
            "jwks_uri": self.issuer + "/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "scopes_supported": ["openid", "profile", "email"],
        }

    def jwks(self):
        numbers = self.key.public_key().public_numbers()
        return {"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": self.kid,
                          "n": uint(numbers.n), "e": uint(numbers.e)}]}

    def sign(self, claims, key):
        header = b64url(json.dumps({"alg": "RS256", "typ": "JWT", "kid": self.kid}).encode())
        payload = b64url(json.dumps(claims).encode())
        signature = key.sign(f"{header}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256())
        return f"{header}.{payload}.{b64url(signature)}"

    def issue_code(self, person, request):
        code = secrets.token_urlsafe(24)
        with self.lock:
            self.codes[code] = {"person": person, "request": request, "expires": time.time() + CODE_LIFETIME}
        return code

    def redeem(self, form, client_id, client_secret):
        """The token answer for this code, or (status, OAuth error) when it is refused."""
        if client_id != self.client_id or not secrets.compare_digest(client_secret or "", self.client_secret):
            return 401, {"error": "invalid_client"}
        if form.get("grant_type") != "authorization_code":
            return 400, {"error": "unsupported_grant_type"}
        with self.lock:
            grant = self.codes.pop(form.get("code", ""), None)  # a code is redeemed at most once
        if grant is None or grant["expires"] < time.time():
            return 400, {"error": "invalid_grant", "error_description": "unknown, expired or already redeemed code"}
        request = grant["request"]
        if form.get("redirect_uri") != request.get("redirect_uri"):
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri differs from the authorize request"}
        challenge = request.get("code_challenge")
        if challenge:
            verifier = form.get("code_verifier", "")
            if request.get("code_challenge_method") != "S256" or b64url(hashlib.sha256(verifier.encode()).digest()) != challenge:
                return 400, {"error": "invalid_grant", "error_description": "PKCE verifier does not match"}
        person = grant["person"]
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": self.client_id, "sub": "standin-" + person, "iat": now, "exp": now + 300,
                  "preferred_username": person, "email": person + "@example.com", "groups": PEOPLE[person]}
        if request.get("nonce"):
            claims["nonce"] = request["nonce"]
        key = self.unknown_key if person == "mallory" else self.key
        return 200, {"access_token": secrets.token_urlsafe(32), "token_type": "Bearer", "expires_in": 300,
                     "id_token": self.sign(claims, key)}


def signing_key(path):
    if path and os.path.exists(path):
        with open(path, "rb") as pem:
            return serialization.load_pem_private_key(pem.read(), password=None)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if path:
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as pem:
            pem.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()))
    return key


def login_form(query):
    hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in query.items())
    buttons = "".join(f'<p><button name="person" value="{p}">{p}</button> ({", ".join(g)})</p>' for p, g in PEOPLE.items())
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Stand-in provider</title></head>"
            "<body><h1>Stand-in identity provider</h1><p>Sign in as:</p>"
            f'<form method="post" action="/authorize">{hidden}{buttons}</form></body></html>')


def handler_for(provider):
    class Handler(BaseHTTPRequestHandler):
        def send(self, status, body, content_type="application/json", headers=()):
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Cache-Control", "no-store")
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def form(self):
            length = int(self.headers.get("Content-Length") or 0)
            return {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}

        def back(self, person, request):
            """To the client's redirect URI with a code for this person."""
            back = {"code": provider.issue_code(person, request), "state": request.get("state", "")}
            self.send(302, "", "text/plain", [("Location", request["redirect_uri"] + "?" + urlencode(back))])

        def do_GET(self):
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                self.send(200, provider.discovery())
            elif url.path == "/jwks":
                self.send(200, provider.jwks())
            elif url.path == "/authorize":
                if query.get("client_id") != provider.client_id or query.get("response_type") != "code":
                    self.send(400, "unknown client_id or response_type", "text/plain")
                elif provider.sign_in_as:
                    self.back(provider.sign_in_as, query)
                else:
                    self.send(200, login_form(query), "text/html; charset=utf-8")
            else:
                self.send(404, {"error": "not_found"})

        def do_POST(self):
            url = urlsplit(self.path)
            form = self.form()
            if url.path == "/authorize":
                person = form.pop("person", "")
                if person not in PEOPLE or form.get("client_id") != provider.client_id:
                    self.send(400, "unknown person or client", "text/plain")
                    return
                self.back(person, form)
            elif url.path == "/token":
                client_id, client_secret = form.get("client_id"), form.get("client_secret")
                auth = self.headers.get("Authorization", "")
                if auth.startswith("Basic "):
                    client_id, _, client_secret = base64.b64decode(auth[6:]).decode().partition(":")
                    client_id, client_secret = unquote_plus(client_id), unquote_plus(client_secret)
                status, body = provider.redeem(form, client_id, client_secret)
                self.send(status, body)
            else:
                self.send(404, {"error": "not_found"})

        def log_message(self, fmt, *args):
            print("stand-in provider:", fmt % args, flush=True)

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8180)
    parser.add_argument("--client-id", default="spend-portal")
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--key", help="PEM file of the signing key, created when missing (default: a new key each start)")
    parser.add_argument("--sign-in-as", choices=sorted(PEOPLE), help="skip the form and sign this person in")
    args = parser.parse_args()
    issuer = f"http://127.0.0.1:{args.port}"
    provider = Provider(issuer, args.client_id, args.client_secret, signing_key(args.key), args.sign_in_as)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler_for(provider))
    print(f"stand-in provider: {issuer} (quarkus.oidc.auth-server-url), client {args.client_id}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
