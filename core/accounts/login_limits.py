"""How many login attempts an account and an address get.

Per account: LOGIN_MAX_FAILURES password checks within LOGIN_LOCK_MINUTES, then the account is
locked until that window has passed. The attempt is counted *before* the password is checked,
so parallel requests cannot get more checks than the limit; a successful login gives it back.

Per IP address: never a lock, because many people may share one address (an office or a
proxy). After LOGIN_ADDRESS_SLOWDOWN_AFTER failures from one address, each next attempt
from it waits a little longer, up to LOGIN_ADDRESS_MAX_WAIT_SECONDS.
"""

import math
from datetime import timedelta

from flask import current_app

from ..timeutil import utcnow
from . import throttle


def _window() -> timedelta:
    return timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])


def reserve_account_attempt(email: str) -> bool:
    """Take one of the account's attempts; False when it is locked."""
    limit = current_app.config["LOGIN_MAX_FAILURES"]
    return throttle.take(throttle.LOGIN_ACCOUNT, email, limit, _window()) is not None


def minutes_account_locked(email: str) -> int:
    _, last_at = throttle.current(throttle.LOGIN_ACCOUNT, email, _window())
    if last_at is None:
        return 0
    return max(1, math.ceil((last_at + _window() - utcnow()).total_seconds() / 60))


def login_succeeded(email: str) -> None:
    # The address's failures stay: otherwise an attacker could clear their address's count
    # by logging into an account of their own now and then.
    throttle.give_back(throttle.LOGIN_ACCOUNT, email)
    throttle.forget_old_counters()


def login_failed_from(ip: str) -> None:
    throttle.take(throttle.LOGIN_ADDRESS, ip, None, _window())


def address_wait_seconds(ip: str) -> int:
    """Seconds this address must still wait before its next attempt; 0 when it may go on."""
    config = current_app.config
    failures, last_at = throttle.current(throttle.LOGIN_ADDRESS, ip, _window())
    extra = failures - config["LOGIN_ADDRESS_SLOWDOWN_AFTER"]
    if extra < 0 or last_at is None:
        return 0
    wait = min(2**extra, config["LOGIN_ADDRESS_MAX_WAIT_SECONDS"])
    remaining = (last_at + timedelta(seconds=wait) - utcnow()).total_seconds()
    return max(0, math.ceil(remaining))
