# Matchmaker: `make demo` serves the demo event, `make test` runs lint and the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000
BENCH_DIR ?= ../shared/benchmarks/b2b
BENCH_TIME ?= 10

.PHONY: install translations system-deps worker demo serve test lint format bench bench-real bench-scale bench-scoring bench-pages bench-rounds bench-load clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# compiled catalogues are build products: made from the committed .po files
translations: $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -d matchmaker/translations

install: $(STAMP) translations

demo: install
	MATCHMAKER_ENV=demo $(BIN)/flask --app wsgi db upgrade
	MATCHMAKER_ENV=demo $(BIN)/flask --app wsgi seed-demo --if-empty
	MATCHMAKER_ENV=demo $(BIN)/flask --app wsgi seed-demo --if-empty --rounds --slug speed-dating --participants 61
	@echo ""
	@echo "  Matchmaker demo: http://$(HOST):$(PORT)/e/demo (speed-dating rounds: /e/speed-dating)"
	@echo ""
	MATCHMAKER_ENV=demo $(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

# Debian packages some tests use: libical through GObject introspection, and Chromium for the
# browser tests (tests/e2e, driven by Playwright; no browser download). Installed where apt is
# available and we are root; elsewhere those tests skip and say so. STRICT=1 (CI) fails instead
# of skipping.
SYSTEM_PACKAGES := gir1.2-ical-3.0 python3-gi chromium
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq -o DPkg::Lock::Timeout=600 \
	    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
	      $$missing >/dev/null) \
	  || { echo "could not install$$missing"; [ -z "$(STRICT)" ] || exit 1; }; \
	else echo "no apt-get as root:$$missing missing; the libical or browser tests will skip"; \
	  [ -z "$(STRICT)" ] || exit 1; fi

# a background worker for schedule runs (needs REDIS_URL; without it runs happen in-process)
worker: install
	$(BIN)/rq worker matchmaker --url "$$REDIS_URL"

test: install system-deps
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# every part runs even when one misses its target (-k); the exit status still says so
bench: install
	$(MAKE) -k bench-real bench-scale bench-scoring bench-pages bench-rounds bench-load

bench-real: install
	$(BIN)/python -m bench.real $(BENCH_DIR) --time-limit $(BENCH_TIME) --workers 2

bench-scale: install
	$(BIN)/python -m solver.scale --sizes 1000,5000

bench-scoring: install
	$(BIN)/python -m bench.scoring --participants 2000

bench-pages: install
	$(BIN)/python -m bench.pages --participants 2000

# speed-dating rounds: 98 % of the bound in 30 s at 200 people; 1,000 people: ratio reported
bench-rounds: install
	$(BIN)/python -m bench.rounds --participants 200 --rounds 10 --time-limit 28 --target 0.98
	$(BIN)/python -m bench.rounds --participants 1000 --rounds 12 --time-limit 120 --target 0

# 200 participants for 2 minutes against gunicorn on PostgreSQL (LOAD_DATABASE_URL, default
# postgresql://postgres@127.0.0.1:5432/matchmaker_load: dropped and re-created); fails on any
# 5xx, lost or duplicated write
bench-load: install
	$(BIN)/python -m bench.load --clients 200 --duration 120 --workers 4 $(LOAD_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
