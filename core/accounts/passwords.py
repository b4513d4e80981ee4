"""Argon2 password hashing, with the same work for accounts that cannot log in."""

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@cache
def _dummy_hash() -> str:
    # Made once with the current parameters, so checking against it costs what a real check costs.
    return _hasher.hash("no account has this password; it only spends the same time")


def _verify_hash(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def verify_password(user, password: str) -> bool:
    """Check `password` and upgrade the stored hash when argon2's parameters changed.

    Without a user, or for one who may not log in (deactivated, invited without a password),
    the password is checked against a dummy hash and refused: the answer takes as long as for
    a real account, so the time it takes does not reveal which e-mail addresses have one.
    """
    usable = user is not None and user.active and bool(user.password_hash)
    if not _verify_hash(user.password_hash if usable else _dummy_hash(), password) or not usable:
        return False
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return True
