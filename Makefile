# The front door: `make run` sets everything up and serves the app; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# Local development runs with DEBUG on unless the environment says otherwise.
export DEBUG ?= true

.PHONY: install system-packages messages compile-messages run setup serve test lint format migrations-check reset-local-db bench production-check clean

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

install: $(STAMP)

# What the app needs from the system. For PDFs (WeasyPrint): Pango, HarfBuzz's font subsetter and
# the fonts our PDF stylesheets name (Liberation Sans, DejaVu Sans as fallback, Noto Sans CJK for
# Chinese; fonts-noto-core's Noto Sans Thai, Noto Sans Devanagari for Nepali and Hindi, and Noto
# Nastaliq Urdu with Noto Naskh Arabic, for the texts in the person's language). Without the subsetter WeasyPrint falls back to fontTools, which makes a summary PDF
# about a quarter slower (docs/benchmarks.md). For the interface in Chinese: gettext's msgfmt,
# which compiles the translations. Installed with apt-get when missing.
system-packages:
	@missing=""; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing="$$missing fonts-noto-cjk"; \
	[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || missing="$$missing fonts-liberation"; \
	[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	[ -e /usr/share/fonts/truetype/noto/NotoNastaliqUrdu-Regular.ttf ] || missing="$$missing fonts-noto-core"; \
	ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	ls /usr/lib/*/libharfbuzz-subset.so.0 >/dev/null 2>&1 || missing="$$missing libharfbuzz-subset0"; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "== Installing Debian packages for PDFs:$$missing"; \
	    sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	    $$sudo apt-get update -qq && \
	    $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "PDFs need:$$missing (no apt-get here: install them with your package manager)"; \
	  fi; \
	fi

# A local .env with fresh random keys, written once and never overwritten.
.env: | $(STAMP)
	@$(PY) -c "import secrets; from cryptography.fernet import Fernet; \
	print('DEBUG=true'); \
	print('SECRET_KEY=' + secrets.token_urlsafe(50)); \
	print('NOTES_ENCRYPTION_KEYS=' + Fernet.generate_key().decode())" > .env
	@echo "Wrote .env with a new SECRET_KEY and notes encryption key (keep it; notes need the key)."

# The interface's translations: `make messages` collects the marked strings into the .po files
# (then translate them); the compiled .mo files are built here, never committed.
messages: install
	$(PY) manage.py makemessages --locale zh_Hant --no-obsolete --ignore '.venv/*' --ignore 'build/*' --ignore 'staticfiles/*'

compile-messages: install system-packages
	$(PY) manage.py compilemessages --ignore '.venv/*' > /dev/null

setup: install system-packages compile-messages .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference
	$(PY) manage.py load_client_texts
	$(PY) manage.py create_demo_accounts

serve:
	$(PY) manage.py runserver $(HOST):$(PORT)

run: setup serve

# bandit: no mark_safe or SQL built from strings without a reason beside it (# nosec).
APPS := accounts client_texts config definitions lib operations referrals screening

test: install system-packages compile-messages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -ll -r $(APPS) -x '*/migrations/*'
	$(PY) manage.py makemigrations --check --dry-run > /dev/null
	DEBUG=false $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -ll -r $(APPS) -x '*/migrations/*'

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

# Speed, memory, scale, capacity, a page on an emulated phone, and step saves through nginx with
# one app server and two (PostgreSQL and nginx as deploy/check/stack.sh starts them, installed
# with apt-get when missing); rewrites docs/benchmarks.md.
# About 15 minutes on 2 cores, so not part of `test`. BENCH_ARGS passes options
# (`.venv/bin/python -m bench --help`; `--phases` runs some alone). The compiled translations,
# so that the Chinese pages and PDF it measures are in Chinese.
bench: install compile-messages
	@missing=""; \
	command -v wrk >/dev/null 2>&1 || missing="$$missing wrk"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	[ -z "$$missing" ] || { \
	  echo "== Installing Debian's$$missing (load generator, the phone phase's browser)"; \
	  sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$sudo apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; }
	$(PY) -m bench $(BENCH_ARGS)

# The production recipe in deploy/, run and driven on this machine: PostgreSQL, two gunicorn app
# servers with DEBUG off, Debian's nginx with a self-signed certificate; about 2 minutes. It
# installs nginx with apt-get when missing, and stops everything it started (deploy/README.md).
production-check: install compile-messages
	bash deploy/check/run

reset-local-db:
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
	$(MAKE) setup

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
