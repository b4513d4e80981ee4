"""Many login attempts for one account at the same moment, over real HTTP requests in
parallel: at most LOGIN_MAX_FAILURES passwords are checked, the rest are refused unchecked.
Runs on SQLite and, in CI, on PostgreSQL."""

import threading

from core.testing import TEST_PASSWORD
from tests.test_login import count_hash_checks
from tests.test_workflow_concurrency import Browser

ATTEMPTS = 40


def test_parallel_attempts_get_no_more_password_checks_than_the_limit(
    app, live_server, make_user, monkeypatch
):
    user = make_user(roles={"team"})
    checks = count_hash_checks(monkeypatch)
    people = [Browser(live_server) for _ in range(ATTEMPTS)]
    forms = [
        {"email": user.email, "password": f"guess number {n}", "csrf_token": b.token("/login")}
        for n, b in enumerate(people)
    ]
    results, barrier = [None] * ATTEMPTS, threading.Barrier(ATTEMPTS)

    def attempt(n):
        barrier.wait()
        results[n] = people[n].request("/login", forms[n])[0]

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    limit = app.config["LOGIN_MAX_FAILURES"]
    assert len(checks) <= limit, f"{len(checks)} password checks for a limit of {limit}"
    assert sorted(results) == [401] * len(checks) + [429] * (ATTEMPTS - len(checks))
    # And the right password is refused too while the account is locked.
    late = Browser(live_server)
    form = {"email": user.email, "password": TEST_PASSWORD, "csrf_token": late.token("/login")}
    assert late.request("/login", form)[0] == 429
