"""Who may change whose account in Beheer.

The programme team runs the programme: it invites people and manages their accounts. The
admin accounts, and with them the system itself, stay with the admins: otherwise anyone
who may manage users could make themselves admin.
"""

from ..access import roles_with, user_can
from ..roles import Role

ADMIN = "admin"


def may_manage_admins(manager) -> bool:
    return user_can(manager, "admins.manage")


def may_change(manager, account) -> bool:
    return ADMIN not in account.role_names or may_manage_admins(manager)


def may_grant(manager, role_names) -> bool:
    return ADMIN not in set(role_names) or may_manage_admins(manager)


def grantable_roles(manager, roles: list[Role]) -> list[Role]:
    """The roles the manager may hand out: a checkbox they may not tick is not shown."""
    return [r for r in roles if may_grant(manager, {r.name})]


def locks_out_self(manager, account, new_roles: set[str], active: bool) -> bool:
    """Whether saving takes away the manager's own account, admin role or right to manage users;
    nobody else could then give it back."""
    if account.id != manager.id:
        return False
    if not active or (ADMIN in account.role_names and ADMIN not in new_roles):
        return True
    return not new_roles & roles_with("users.manage")


def grants_self(manager, account, new_roles: set[str]) -> bool:
    """Whether a manager who is not an admin is adding roles to their own account: someone
    else decides that (an auditor or committee role opens other people's files)."""
    return (
        account.id == manager.id
        and not may_manage_admins(manager)
        and bool(new_roles - account.role_names)
    )
