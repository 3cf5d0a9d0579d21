# skyledger: `make demo` and `make test` are all a fresh machine needs.
# GNU make; Python 3.11+ at $(PYTHON). Recipes use tabs.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
# Reinstall only when the project metadata changes.
STAMP  := $(VENV)/.installed-dev
EXAMPLES := $(sort $(wildcard examples/*.html examples/*.txt))

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help setup system-deps demo test lint fuzz bench bench-ledger docs clean

help:
	@echo "make demo    set up .venv, extract every sample report in examples/ as a table, then"
	@echo "             build a demo ledger from examples/ledger/ and serve it on port 8000"
	@echo "make test    set up .venv and run the whole test suite"
	@echo "make lint    ruff and mypy --strict on skyledger/"
	@echo "make bench   throughput, HTML overhead, start-up time and peak memory"
	@echo "make fuzz    the long property run (100,000 cases per property)"
	@echo "make docs    regenerate docs/cli.md from --help"

# ---------------------------------------------------------------------------
# system-deps: operating-system packages the project needs (apt-get on Debian).
# PostgreSQL: the store tests start a temporary cluster (tests/pg.py).
# Chromium: the browser tests drive Debian's chromium through Playwright.
# apt runs only for what is missing (as root; with sudo otherwise).
# ---------------------------------------------------------------------------
APT := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)
SYSTEM_PACKAGES := $(if $(wildcard /usr/lib/postgresql/*/bin/initdb),,postgresql) \
                   $(if $(wildcard /usr/bin/chromium),,chromium)

system-deps:
	@if [ -n "$(strip $(SYSTEM_PACKAGES))" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    $(APT) update && DEBIAN_FRONTEND=noninteractive $(APT) install -y --no-install-recommends $(SYSTEM_PACKAGES); \
	  else \
	    echo "warning: missing $(SYSTEM_PACKAGES) and no apt-get; their tests skip (and fail under CI=true)" >&2; \
	  fi; \
	fi

$(PY):
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "error: '$(PYTHON) -m venv' failed; on Debian/Ubuntu install python3-venv" \
	       "(apt-get install python3-venv) and run make again" >&2; exit 1; }

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

setup: system-deps $(STAMP)

DEMO_DB   ?= artifacts/demo-ledger.db
DEMO_PORT ?= 8000

demo: setup
	@for f in $(EXAMPLES); do \
	  $(VENV)/bin/skyledger extract "$$f" --format table || exit $$?; \
	done
	@mkdir -p $(dir $(DEMO_DB)) && rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(PY) tools/demo_ledger.py $(DEMO_DB)
	@echo "demo ledger: open http://127.0.0.1:$(DEMO_PORT)/ (Ctrl+C stops)"
	$(VENV)/bin/skyledger serve --db $(DEMO_DB) --port $(DEMO_PORT)

test: setup
	$(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff check skyledger/
	$(VENV)/bin/mypy --strict skyledger/

bench: setup
	$(PY) bench/bench_extract.py
	$(PY) bench/bench_web.py
	$(PY) bench/bench_ledger.py
	$(PY) bench/bench_ingest.py

# `skyledger stats` on a generated ledger of 100,000 attacks (kept in $TMPDIR).
bench-ledger: setup
	$(PY) bench/bench_ledger.py

# The regular suite runs ~200 cases per property; this runs 100,000.
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -q -p no:cacheprovider tests/test_properties.py

docs: setup
	$(PY) tools/gen_cli_docs.py

clean:
	rm -rf .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist
