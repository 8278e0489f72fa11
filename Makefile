# Two commands: `make run` (install, then build the dataset from the shipped samples)
# and `make test` (install, then the test suite). Both start from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RAW ?= data/raw/samples
OUT ?= data/curated
export PREFECT_HOME := $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: install run test lint typecheck bench serve clean readme soffice

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/govperf build --raw $(RAW) --out $(OUT)

# legacy .doc files are read through LibreOffice (soffice); the tests convert real .doc files, so
# `make test` installs it from Debian where it can (root with apt-get) and says what to do where not
soffice:
	@command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || [ -n "$$SOFFICE" ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing LibreOffice (libreoffice-writer-nogui) for the .doc tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      libreoffice-writer-nogui >/dev/null; \
	  else echo "LibreOffice (soffice) is missing: install libreoffice-writer-nogui or set SOFFICE; the .doc tests need it"; fi; }

test: $(STAMP) soffice
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/bench_build.py --raw $(RAW)
	$(BIN)/python bench/bench_startup.py

# the README's example output, from a real build of the samples
readme: $(STAMP)
	$(BIN)/python scripts/readme_example.py

# removes the dataset (its link, snapshots and lock), Prefect's state and caches; data/raw is kept
clean:
	rm -rf $(OUT) $(dir $(OUT)).$(notdir $(OUT)).snapshots $(dir $(OUT)).$(notdir $(OUT)).lock .prefect .pytest_cache

# The nightly crawl schedule needs a real Prefect server (embedded mode cannot schedule):
# start one on loopback, wait for it, register and serve the `nightly` deployment; Ctrl-C stops both.
PREFECT_PORT ?= 4200
PREFECT_API := http://127.0.0.1:$(PREFECT_PORT)/api

serve: $(STAMP)
	@mkdir -p .prefect; \
	$(BIN)/prefect server start --host 127.0.0.1 --port $(PREFECT_PORT) > .prefect/server.log 2>&1 & server=$$!; \
	trap "kill $$server 2>/dev/null; wait $$server 2>/dev/null" EXIT INT TERM; \
	for i in $$(seq 90); do \
	  $(BIN)/python -c "import urllib.request as u; u.urlopen('$(PREFECT_API)/health', timeout=2)" 2>/dev/null && break; \
	  sleep 1; \
	done; \
	PREFECT_API_URL=$(PREFECT_API) $(BIN)/govperf serve
