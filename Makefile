# The two set-up commands of the README. Both are idempotent.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build test fonts qpdf browser benchmark clean

## make build: set up .venv and build every edition of the article
build: $(VENV)/.installed fonts
	$(BIN)/toolkit build

## make test: set up .venv with the test extras and run the tests
test: $(VENV)/.installed-test fonts qpdf browser node_modules/.installed
	$(BIN)/python -m pytest

benchmark: $(VENV)/.installed fonts
	$(BIN)/python benchmarks/run.py

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	$(BIN)/python -m compileall -q toolkit   # an editable install is not compiled; without .pyc files every command compiles the toolkit anew
	touch $@

$(VENV)/.installed-test: $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(BIN)/python -m compileall -q toolkit
	touch $(VENV)/.installed $@

# The print edition's text face: Charis SIL (every Azerbaijani, Turkish and
# Russian letter). Installed from Debian's packages when it is missing.
fonts:
	@fc-list : family 2>/dev/null | grep -qi 'Charis SIL' || { \
	  echo "installing the Charis SIL font (fonts-sil-charis)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq fonts-sil-charis >/dev/null; }

# The tests check every PDF with `qpdf --check`.
qpdf:
	@command -v qpdf >/dev/null 2>&1 || { \
	  echo "installing qpdf (the tests check the PDFs with it)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq qpdf >/dev/null; }

# The HTML editions are validated in the tests: the Nu HTML checker (Java)
# and axe-core in Debian's headless Chromium, driven by Playwright.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v java >/dev/null 2>&1 || { \
	  echo "installing chromium and a Java runtime (the tests validate the HTML editions)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium default-jre-headless >/dev/null; }

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

clean:
	rm -rf build/az build/en build/submission
