# Two commands a newcomer needs: `make serve` and `make test`. Each sets up what is missing first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build check fix fix-js messages test test-fast bench clean

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

check: setup  ## lint, format and type check: Python (ruff, mypy) and JavaScript (tsc, Biome): seconds
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) -m tools.js_checks check

fix-js: setup  ## format the JavaScript and apply Biome's safe lint fixes
	$(PY) -m tools.js_checks fix

fix: setup  ## format the code and apply ruff's safe fixes (then `make check` passes on what they cover)
	$(VENV)/bin/ruff check --fix --exit-zero .
	$(VENV)/bin/ruff format .
	$(PY) -m tools.js_checks fix

messages: setup  ## extract the words the code writes into locales/messages.pot, and update every language's catalog
	$(PY) -m explainers.messages

test-fast: check  ## everything but the browser: models, build, content, JavaScript units (about 40 s)
	$(PY) -m pytest -m "not browser and not recipe and not serve" -q

test: test-fast  ## every test: then CONTRIBUTING.md's widget recipe, `mkdocs serve` showing edits, and the built site in Chromium, Firefox and WebKit
	$(PY) -m tools.browser_setup
	$(PY) -m pytest -m "browser or recipe or serve"

bench: setup  ## performance figures in Chromium, Firefox and WebKit, into docs/developers/performance.json (not a test)
	$(PY) -m tools.benchmark $(BENCH)  # in parts: make bench BENCH="--only-redraws --engines chromium" (see --help)

clean:
	rm -rf site $(VENV) node_modules
