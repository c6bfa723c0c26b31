# Two entry points (see README): `make demo` and `make test`.
# Both create .venv when missing and install communique with every extra into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.communique-installed
DEVSTAMP := $(VENV)/.communique-dev-installed

.PHONY: demo test lint typecheck unit install clean screenshots

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "communique needs Python 3.11 or newer (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[all]"
	@touch $@

$(DEVSTAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[all,dev]"
	@touch $@

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m communique.demo

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks

typecheck: $(DEVSTAMP)
	$(BIN)/mypy

unit: $(DEVSTAMP)
	$(BIN)/pytest -q

test: lint typecheck unit

# docs/screenshot.png (the README's) and docs/screenshots/*.png, from the bundled samples
# in headless Chromium (needs Debian's chromium and chromium-driver).
screenshots: $(DEVSTAMP)
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache demo
