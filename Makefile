# Two commands do all set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= data/nscl.duckdb
PORT   ?= 8501
# `make serve` and `make replicas` listen on the office network; HOST=127.0.0.1 keeps them local.
HOST   ?= 0.0.0.0
REPLICAS ?= 2
# Where `make replicas` keeps HAProxy's configuration, pid files, logs and its snapshot.
REPLICAS_STATE ?= $(HOME)/.local/state/nscl/replicas
SERVE_STATE ?= $(HOME)/.local/state/nscl/serve
# Other server settings, with their reasons, are in .streamlit/config.toml.
STREAMLIT_FLAGS := --server.address localhost --server.port $(PORT)

# The unit tests also run on the newest supported Python (pyenv's 3.13 on these machines; Debian 13's
# system Python); the browser tests run once, on $(PYTHON).
PYTHON_NEWEST ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13) $(shell command -v python3.13))
VENV_NEWEST := .venv-newest

.PHONY: run serve replicas replicas-reload replicas-stop haproxy nginx test test-newest lint install install-test chromium demo clean bench lock screens

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Exactly the tested versions: every package (transitive ones and the build backend too) from the
# lock files that `make lock` writes, each checked against its locked hashes; the project itself on
# top with that backend, resolving and downloading nothing more.
PIP := $(BIN)/pip install --quiet --disable-pip-version-check

$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(PIP) --require-hashes -r requirements.lock
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements-test.lock $(VENV)/.installed
	$(PIP) --require-hashes -r requirements-test.lock
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test chromium haproxy nginx

$(VENV_NEWEST)/.installed-test: pyproject.toml requirements-test.lock
	@test -n "$(PYTHON_NEWEST)" || { echo "Python 3.13 not found: set PYTHON_NEWEST=/path/to/python3.13"; exit 1; }
	$(PYTHON_NEWEST) -m venv $(VENV_NEWEST)
	$(VENV_NEWEST)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-test.lock
	$(VENV_NEWEST)/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Browser tests drive Debian's Chromium; Playwright never downloads a browser here.
chromium:
	@test -x /usr/bin/chromium || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core; }

# The reverse proxy in front of read-only replicas (`make replicas`), from Debian's packages.
haproxy:
	@test -x /usr/sbin/haproxy || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy; }

# The static server of the published edition (`python -m nscl publish`), from Debian's packages.
nginx:
	@test -x /usr/sbin/nginx || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; }

$(DB): | $(VENV)/.installed
	$(BIN)/python -m nscl demo --db $(DB)

demo: $(VENV)/.installed
	$(BIN)/python -m nscl demo --db $(DB)

# Chromium draws the report's charts (kaleido); the dashboard itself needs no browser here.
run: $(VENV)/.installed $(DB) chromium
	NSCL_DB=$(DB) $(BIN)/streamlit run app.py $(STREAMLIT_FLAGS)

# The app for the office network behind HAProxy on $(HOST):$(PORT), and the published edition
# (nginx) beside it at /ban-tin/, republished after every commit; Ctrl-C stops all of it.
serve: $(VENV)/.installed $(DB) chromium haproxy nginx
	NSCL_DB=$(DB) $(BIN)/python -m nscl.replicas start --writer --foreground --host $(HOST) --port $(PORT) \
		--state $(SERVE_STATE)

# REPLICAS read-only processes serving a snapshot of $(DB) (or of NSCL_SNAPSHOT when set) behind
# HAProxy on $(HOST):$(PORT), the published edition at /ban-tin/ (nginx) beside them, e.g.
# `make replicas REPLICAS=4 PORT=8080`; `make replicas-stop`.
replicas: $(VENV)/.installed $(DB) haproxy nginx
	NSCL_DB=$(DB) $(BIN)/python -m nscl.replicas start --replicas $(REPLICAS) --host $(HOST) --port $(PORT) \
		--state $(REPLICAS_STATE)

# After the data changed: publish the snapshot and the edition again, restart the replicas one at a time.
replicas-reload:
	NSCL_DB=$(DB) $(BIN)/python -m nscl.replicas reload --state $(REPLICAS_STATE)

replicas-stop:
	$(BIN)/python -m nscl.replicas stop --state $(REPLICAS_STATE)

test: install-test lint test-newest
	$(BIN)/python -m pytest

# Everything but the browser tests on the newest supported Python.
test-newest: $(VENV_NEWEST)/.installed-test
	$(VENV_NEWEST)/bin/python -m pytest -m "not browser" -p no:cacheprovider -q

# Style, then the layers (pyproject.toml [tool.importlinter], docs/architecture.md).
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

# Rewrite requirements.lock and requirements-test.lock from pyproject.toml (fresh environments).
lock:
	PYTHON=$(PYTHON) bash .ci/lock.sh

clean:
	rm -rf $(VENV) $(VENV_NEWEST) tests/artifacts screens *.egg-info build dist

# Screenshots of every page, slide and report chart on a phone and a desktop, both languages, from a
# fresh demo database (tests/screens.py), into the git-ignored screens/ to look at before a release.
screens: install-test
	$(BIN)/python -m tests.screens --out screens

# Benchmarks at province and national size; prints a table, writes bench-results.json and the
# generated part of docs/benchmarks.md.
bench: install-test
	$(BIN)/python -m tests.bench
