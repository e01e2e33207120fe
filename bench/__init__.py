"""`make bench`: how fast and how lean the app is, as ratios measured side by side in one run.

Absolute times on a shared machine are noise; a ratio to a bare baseline view measured right
alongside, on the same machine under the same neighbours' load, much less so.
`python -m bench --help` lists the knobs; docs/benchmarks.md holds the last run's figures and
how to read them.

Modules: `environment` (production-like settings in a throwaway folder, machine facts),
`server` (gunicorn), `load` (wrk), `client` (plain HTTP for checks and writers), `data`
(accounts, sessions, screenings), `pdf` (render timing and worker memory), `writers` (concurrent
saves, verified in the database), `backup` (`manage.py backup` and `restore`, timed), `nginx`
(step saves through nginx over HTTPS with one app server and two, on PostgreSQL, started by
`nginx.sh` with deploy/check/stack.sh), `report` (the Markdown tables), `phases` (each
measurement) and `run` (the command line and the whole bench).
"""
