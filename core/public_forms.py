"""Forms anyone may send without an account (asking for help, a signal from the
neighbourhood, signing up), limited per client address: a script that fetched the CSRF
token could otherwise fill the team's lists and inboxes.

Counted with the login throttle's counters (one atomic upsert, the address kept as a keyed
hash); behind a proxy, TRUSTED_PROXIES makes the client's address the one counted.
"""

from datetime import timedelta

from flask import request

from .accounts import throttle

WINDOW = timedelta(hours=1)


def allow_public_submission(form_name: str, per_hour: int = 5) -> bool:
    """Count one sending of the anonymous form `form_name` from this client address; False
    when `per_hour` were sent from it in the last hour (then nothing is counted or kept)."""
    scope = f"public:{form_name}"[:20]  # the counters' scope column holds 20 characters
    return throttle.take(scope, request.remote_addr or "-", per_hour, WINDOW) is not None
