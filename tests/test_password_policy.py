"""One password rule wherever a password is set: long enough and not a common password."""

import pytest

from core.accounts.password_policy import MIN_LENGTH, common_passwords, password_problem
from core.testing import TEST_PASSWORD


@pytest.mark.parametrize("password", ["1234567890", "kort", "a" * (MIN_LENGTH - 1)])
def test_short_passwords_are_refused(app_ctx, password):
    assert "minstens 12 tekens" in password_problem(password)


@pytest.mark.parametrize("password", ["qwerty123456", "Q1W2E3R4T5Y6", "JustinBieber"])
def test_common_passwords_are_refused_whatever_their_case(app_ctx, password):
    assert password.lower() in common_passwords()
    assert "veel gebruikt" in password_problem(password)


def test_the_shipped_list_is_the_real_one():
    assert len(common_passwords()) > 19000


@pytest.mark.parametrize(
    "password", [TEST_PASSWORD, "warm-rotterdam-demo", "een lange zin als wachtwoord"]
)
def test_long_uncommon_passwords_are_accepted(app_ctx, password):
    assert password_problem(password) is None
