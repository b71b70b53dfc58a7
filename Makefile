# TTTT — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
UV_VERSION := 0.13.8
UV := $(VENV)/bin/uv
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/tttt
PROD_DB_URL ?= postgres://postgres@127.0.0.1:5432/tttt_prod
REDIS_URL ?= redis://127.0.0.1:6379/0
PROD_PORT ?= 8080

.PHONY: run prod test test-sqlite test-postgres bench lint venv deps deps-dev browser clean

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# --compile-bytecode and compileall: Python then starts from .pyc files even where
# PYTHONDONTWRITEBYTECODE is set (as on the machines TTTT is tested on): a process that
# loads Django and Wagtail starts in 3 s instead of 7, and the suite starts dozens.
deps: $(UV)  ## pinned runtime dependencies from uv.lock, bytecode and message catalogues compiled
	$(UV) sync --frozen --no-dev --quiet --compile-bytecode
	$(VENV)/bin/python -m compileall -q src >/dev/null
	$(VENV)/bin/python -m tttt.core.messages

deps-dev: $(UV)  ## runtime + test dependencies from uv.lock, bytecode and message catalogues compiled
	$(UV) sync --frozen --quiet --compile-bytecode
	$(VENV)/bin/python -m compileall -q src tests >/dev/null
	$(VENV)/bin/python -m tttt.core.messages

run: deps  ## migrate, load demo data into an empty database, serve on http://127.0.0.1:$(PORT)
	DEBUG=$${DEBUG:-1} $(VENV)/bin/tttt serve --port $(PORT)

prod: deps  ## the production stack on this machine: gunicorn, worker, Varnish at http://127.0.0.1:$(PROD_PORT)
	@scripts/ensure-varnish
	@scripts/ensure-pg-database "$${DATABASE_URL:-$(PROD_DB_URL)}"
	DATABASE_URL="$${DATABASE_URL:-$(PROD_DB_URL)}" REDIS_URL="$${REDIS_URL:-$(REDIS_URL)}" \
	TTTT_HTTPS="$${TTTT_HTTPS:-0}" $(VENV)/bin/tttt stack --port $(PROD_PORT)

browser:  ## Debian's Chromium for the browser tests (installed when missing and possible)
	@scripts/ensure-chromium

test: deps-dev browser  ## whole suite on SQLite, then on PostgreSQL when it answers
	@scripts/ensure-varnish || echo "WARNING: without varnishd the stack test is skipped."
	@scripts/test-all

bench: deps-dev  ## benchmark figures as JSON (PostgreSQL when it answers, else SQLite)
	@scripts/bench

lint: deps-dev
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

clean:
	rm -rf $(VENV) var
