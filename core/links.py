"""Absolute links for mail: built from the configured public address, never from the request.

A link in a mail leaves the request it was made in. Taken from the request, its host is
whatever the sender of the request put in `Host` (or `X-Forwarded-Host`), so an attacker
asking a password reset for someone else could have the victim mailed a link to the
attacker's site carrying a valid token. `PUBLIC_URL` (e.g. https://warmrotterdam.nl) fixes
the host; without it (the local demo) the request's own host is used.
"""

from contextlib import nullcontext

from flask import current_app, has_request_context, request, url_for


def absolute_url(endpoint: str, **values) -> str:
    base = current_app.config.get("PUBLIC_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def absolute_path(path: str) -> str:
    """`path` (e.g. "/keurmerk/certifications/3") as a link to put in a mail."""
    base = current_app.config.get("PUBLIC_URL") or request.host_url
    return base.rstrip("/") + path


def link_context():
    """A request context for building links outside a request (cron, the worker): on the
    public address when configured, so plugins' `url_for` works as in a page."""
    return current_app.test_request_context(
        base_url=current_app.config.get("PUBLIC_URL") or "http://localhost:5000"
    )


def links():
    """What builds links from cron, the worker or `demo load` as in a page: the current request
    if there is one, else `link_context()`."""
    return nullcontext() if has_request_context() else link_context()
