"""gunicorn's settings, read from the working directory: `gunicorn wsgi:app`.

Anything given on the command line (`--workers 4 --bind ...`) or in GUNICORN_CMD_ARGS wins."""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Requests are answered by sync workers; a worker stuck longer than this is replaced.
timeout = 60


def post_worker_init(worker):
    """Once the app is loaded, move everything made at start-up (the app, its plugins, the
    models, the translations) out of the garbage collector's sight: a request then pays only
    for what it creates itself (before this, one matching ranking ran the collector over the
    start-up objects about 116 times)."""
    gc.freeze()
