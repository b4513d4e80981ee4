"""What a new password must be: long enough and not on a list of common passwords.

The list is Django's `common-passwords.txt.gz` (Django 5.2, BSD-3-Clause; compiled by Royce
Williams from leaked password lists), about 20,000 entries, shipped beside this module.
"""

import gzip
from functools import cache
from pathlib import Path

from flask_babel import gettext as _
from wtforms.validators import ValidationError

MIN_LENGTH = 12
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common-passwords.txt.gz")


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip().lower() for line in lines if line.strip())


def password_problem(password: str) -> str | None:
    """A message saying what is wrong with `password`, or None when it may be used."""
    if len(password) < MIN_LENGTH:
        return _("Kies een wachtwoord van minstens %(n)s tekens.", n=MIN_LENGTH)
    if password.strip().lower() in common_passwords():
        return _(
            "Dit wachtwoord wordt veel gebruikt en is makkelijk te raden. Kies een ander wachtwoord."
        )
    return None


class StrongPassword:
    """WTForms validator: the one rule for every form that sets a password."""

    @staticmethod
    def describe() -> str:
        """The hint under the field, formatted at request time (a lazy string holds no values)."""
        return _(
            "Minstens %(n)s tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden.",
            n=MIN_LENGTH,
        )

    def __call__(self, form, field) -> None:
        problem = password_problem(field.data or "")
        if problem:
            raise ValidationError(problem)
