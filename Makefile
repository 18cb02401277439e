# Two commands do all set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= data/nscl.duckdb
PORT   ?= 8501
STREAMLIT_FLAGS := --server.headless true --server.address localhost --server.port $(PORT) \
	--browser.gatherUsageStats false --client.toolbarMode viewer --server.maxUploadSize 1024

.PHONY: run test install install-test chromium demo clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test chromium

# Browser tests drive Debian's Chromium; Playwright never downloads a browser here.
chromium:
	@test -x /usr/bin/chromium || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core; }

$(DB): | $(VENV)/.installed
	$(BIN)/python -m nscl demo --db $(DB)

demo: $(VENV)/.installed
	$(BIN)/python -m nscl demo --db $(DB)

run: $(VENV)/.installed $(DB)
	NSCL_DB=$(DB) $(BIN)/streamlit run app.py $(STREAMLIT_FLAGS)

test: install-test
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) tests/artifacts *.egg-info

# Benchmarks at province and national size; prints a table and writes bench-results.json.
bench: install-test
	$(BIN)/python -m tests.bench
