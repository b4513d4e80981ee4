"""Deactivating an account: what has to happen with it, in one place for every caller."""

from . import one_time_links
from .models import Invitation, PasswordReset, User
from .sessions import end_sessions


def deactivate(user: User) -> None:
    """Switch `user` off: sessions end at once and no mailed link works any more.

    The caller records the security event and commits (the admin form does both).
    """
    user.active = False
    end_sessions(user)
    one_time_links.lapse_open(Invitation, user.id)
    one_time_links.lapse_open(PasswordReset, user.id)
