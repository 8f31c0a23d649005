# Two commands a newcomer needs: `make serve` and `make test`. Each sets up what is missing first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test bench clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json $(VENV)/.installed
	$(PY) -m explainers.setup_runtime
	touch $@

serve: setup  ## build and serve on http://127.0.0.1:8000 with live reload
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup  ## the complete static site in site/, ready for any static host
	$(VENV)/bin/mkdocs build --strict

test: setup  ## every test: models, build, and the built site in headless Chromium
	$(PY) -m tests.browser_setup
	$(PY) -m pytest

bench: setup  ## performance figures of the built site (not a test)
	$(PY) -m tests.benchmark

clean:
	rm -rf site $(VENV) node_modules
