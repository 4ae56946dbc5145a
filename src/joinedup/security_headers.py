"""The Content-Security-Policy every response carries (Django 5.2 has none
built in; Django 6 does, and this can move to it then).

Scripts run only from our own origin or with the per-response nonce; no
inline script runs otherwise, and nothing is evaluated from strings: the
charts use vega's CSP interpreter instead of `new Function`. Styles allow
'unsafe-inline' because the server-drawn chart SVGs and the answer-table
bars carry style attributes; style cannot run script. Frames are refused
(with X-Frame-Options for older browsers), and forms post only to us.
X-Content-Type-Options and Referrer-Policy come from Django's settings
(SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY)."""

import secrets


def policy(nonce):
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


class ContentSecurityPolicy:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(18)
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", policy(request.csp_nonce))
        return response


def csp_nonce(request):
    """The nonce for the few inline scripts a template must carry."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
