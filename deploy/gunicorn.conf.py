"""gunicorn settings for one app server (`gunicorn -c deploy/gunicorn.conf.py config.wsgi`).

The address and the number of workers come from the environment, so that one file serves every
app server of a site: the systemd unit `screening@8001` sets GUNICORN_BIND=127.0.0.1:8001.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Sync workers: a request holds one worker, and a PDF takes a core for tens of milliseconds.
# Two per core and one more is gunicorn's own advice; WEB_CONCURRENCY overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A save that cannot get the database is tried again for DATABASE_RETRY_SECONDS (5) after
# waiting up to POSTGRES_LOCK_TIMEOUT (10) or POSTGRES_CONNECT_TIMEOUT (5), then answers 503 with
# what was typed: well inside 30 s, so a worker is never killed with a caseworker's typing in it.
# nginx waits a little longer than this (proxy_read_timeout 35s in deploy/nginx/screening.conf).
timeout = 30
graceful_timeout = 30
# Workers are replaced after about a thousand requests, so a slow leak never grows for weeks.
max_requests = 1000
max_requests_jitter = 100
# nginx on this host sets X-Forwarded-Proto and X-Forwarded-For; nobody else is believed.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm"  # noqa: S108 - gunicorn's advice; the unit has PrivateTmp
# nginx writes the access log (deploy/nginx/screening.conf); errors go to the journal.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = f"screening-{bind.rsplit(':', 1)[-1]}"
# gunicorn 27 opens a control socket in the user's home, the same path for every app server of
# the host; `gunicornc` is not needed to run the app, and signals do its work (systemd units).
control_socket_disable = True
