# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

WORKERS ?= $(shell echo $$(( $$(nproc) * 2 + 1 )))

.PHONY: run test test-slow install install-dev lint test-sqlite test-postgres test-redis serve load-test bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: $(PY) requirements.txt
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make run: install, migrate, load the demo, create a local editor, serve on http://127.0.0.1:8000
run: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py load_demo
	DJANGO_DEBUG=1 $(PY) manage.py local_editor
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

## make test: install the dev tools, lint, and run every test on SQLite and PostgreSQL, and the
## cache's tests on Redis
test: install-dev lint test-sqlite test-postgres test-redis

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=kb.settings_test $(PY) manage.py makemigrations --check --dry-run

# axe-core (accessibility checks injected by tests/browser), pinned in package-lock.json.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "== npm not found: the browser tests will skip their accessibility checks =="; fi

test-sqlite: $(AXE)
	@echo "== Tests on SQLite =="
	@command -v chromium >/dev/null || test -x /usr/bin/chromium || \
		echo "== Chromium not found: skipping the browser tests (CI installs it: .ci/run) =="
	$(VENV)/bin/pytest -n auto -m "not slow"

test-postgres:
	@if bin/with-postgres true >/dev/null 2>&1; then \
		echo "== Tests on PostgreSQL (throwaway cluster) =="; \
		bin/with-postgres $(VENV)/bin/pytest -n auto -m "not slow and not browser"; \
	else \
		echo "== PostgreSQL server binaries not found: skipping the PostgreSQL run =="; \
	fi

## make test-slow: the long tests (property, fault, long interviews) on SQLite and PostgreSQL
test-slow: install-dev
	$(VENV)/bin/pytest -m "slow and not browser"
	@if bin/with-postgres true >/dev/null 2>&1; then \
		bin/with-postgres $(VENV)/bin/pytest -m "slow and not browser"; \
	else \
		echo "== PostgreSQL server binaries not found: skipping the PostgreSQL run =="; \
	fi

CACHE_TESTS := tests/test_page_cache.py tests/test_page_cache_redis.py tests/test_page_cache_processes.py \
	tests/test_fragments.py

test-redis:
	@if command -v redis-server >/dev/null; then \
		echo "== Cache tests on Redis (throwaway server) =="; \
		bin/with-redis $(VENV)/bin/pytest $(CACHE_TESTS); \
	else \
		echo "== redis-server not found: skipping the Redis run (CI installs it: .ci/run) =="; \
	fi

## make serve: production serving with gunicorn (needs DJANGO_SECRET_KEY and friends, see README)
serve: export DJANGO_DEBUG ?= 0
serve: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0
	$(VENV)/bin/gunicorn kb.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--worker-class gthread --threads 4 --access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

## make load-test: 60 s of visitors and editors against gunicorn on SQLite (prints a table)
load-test: install-dev
	$(PY) bench/load.py --seconds 60

## make bench: requests/s of every page type, cached and live, beside hello-world (prints a
## table), then page times without the page cache at 10,000 case studies (fragments rendered
## and kept)
bench: install-dev
	$(PY) bench/throughput.py
	$(PY) bench/render.py

clean:
	rm -rf $(VENV) var .pytest_cache node_modules
