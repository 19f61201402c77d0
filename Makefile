# Dateline: every command an editor, maintainer or CI needs. The virtual environment lives in
# .venv/ and is rebuilt from requirements.lock whenever that file or pyproject.toml changes.

export NO_MKDOCS_2_WARNING := 1

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
DATE ?=
FILES ?=
# The site to serve or check: the folder holding its mkdocs.yml (SITE=examples/uk for the Ukrainian one).
SITE ?= .

.PHONY: serve site check test test-fast lint new browser quality-tools bench bench-smoke clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@# The package runs from src/ in place (what an editable install does, with no build step).
	$(BIN)/python -c "import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()['purelib'], 'dateline-src.pth').write_text('$(CURDIR)/src\\n')"
	touch $(STAMP)

# --dirty: a save rebuilds only the pages whose content changed (hooks/dateline_mkdocs.py, src/dateline/incremental.py).
serve: $(STAMP)  ## build the example site (or SITE=examples/uk) and serve it with live reload
	$(BIN)/mkdocs serve --config-file $(SITE)/mkdocs.yml --dev-addr $(HOST):$(PORT) --livereload --dirty

site: $(STAMP)  ## strict build into site/: fails on any problem in the day files
	$(BIN)/mkdocs build --strict --clean --site-dir site

check: $(STAMP)  ## report every problem in the day files as file:line: message (or FILES="…" only; SITE=examples/uk)
	$(BIN)/python -m dateline --config $(SITE)/mkdocs.yml check $(FILES)

new: $(STAMP)  ## create today's day file (or DATE=YYYY-MM-DD)
	$(BIN)/python -m dateline new $(if $(DATE),--date $(DATE))

lint: $(STAMP)
	$(BIN)/ruff check src hooks tests
	$(BIN)/ruff format --check src hooks tests
	$(BIN)/mypy

browser:  ## Debian's Chromium for the browser tests (installs it when missing)
	@scripts/ensure-chromium

quality-tools:  ## the judges of the reader quality gates: Nu Html Checker (Java) and axe-core (npm)
	@scripts/ensure-quality-tools

test: $(STAMP) browser quality-tools  ## everything: lint, types, unit, end-to-end and browser tests, check, strict build
	$(MAKE) lint
	$(MAKE) check
	$(MAKE) site
	$(BIN)/python -m pytest

test-fast: $(STAMP) quality-tools  ## the tests without a browser
	$(BIN)/python -m pytest -m "not browser"

bench: $(STAMP)  ## issue #10's figures at 1,500 and 10,000 synthetic days, vs the floor and plain Material (~20 min)
	cd tests && ../$(BIN)/python bench.py --days 1500 10000 --runs 3

bench-smoke: $(STAMP)  ## the same at 50 days, one run: proves the bench runs; figures not comparable
	cd tests && ../$(BIN)/python bench.py --smoke

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
