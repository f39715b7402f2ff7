# kimweb: `make run` serves the demo on http://127.0.0.1:5000 (another port: `make run PORT=8080`),
# `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app kimweb
PYTEST := $(BIN)/python -m pytest
# The suite runs in two processes (pytest-xdist); each has its own database (see tests/helpers.py).
WORKERS ?= 2
PORT ?= 5000
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint bench setup db i18n clean

# The stamp's name is the checksum of pyproject.toml: a changed file means a new stamp. No
# dependency on the file's date: a fresh checkout (or a git worktree sharing this .venv) is not
# newer content, and must not reinstall.
$(STAMP):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "kimweb needs Python 3.11 or newer")'
	@echo "Installing kimweb and its dependencies into $(VENV) (once; takes a minute)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@if [ -e /usr/include/ldap.h ] && [ -e /usr/include/sasl/sasl.h ]; then \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[ldap]'; \
	else \
		echo "LDAP login is off here: python-ldap needs OpenLDAP's headers (apt-get install libldap2-dev libsasl2-dev)"; \
	fi
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP)
	@$(BIN)/pybabel -q compile -d kimweb/translations

# A random secret key for this machine's instance, made once.
instance/config.py:
	@mkdir -p instance
	@$(BIN)/python -c 'import secrets; print("SECRET_KEY = " + repr(secrets.token_hex(32)))' > $@
	@echo "instance/config.py written with a new SECRET_KEY"

db: setup instance/config.py
	@KIMWEB_DEMO=1 $(FLASK) db upgrade

run: db
	@KIMWEB_DEMO=1 $(FLASK) seed-demo --if-empty --port $(PORT)
	@KIMWEB_DEMO=1 $(FLASK) run --host 127.0.0.1 --port $(PORT)

test: setup
	$(PYTEST) -n $(WORKERS)
ifneq ($(strip $(KIMWEB_TEST_DATABASE_URL)),)
	@echo "--- once more on the embedded SQLite default (browser tests ran above) ---"
	KIMWEB_TEST_DATABASE_URL= $(PYTEST) -n $(WORKERS) -m "not browser and not postgres"
endif

# Style is kept by tools: ruff (lint, import order, format) and mypy, configured in pyproject.toml.
lint: setup
	$(BIN)/ruff check kimweb tests
	$(BIN)/ruff format --check kimweb tests
	$(BIN)/mypy

# The benchmarks, and the long runs (marker `bench`): the bad-input walk with the whole naughty list.
bench: setup
	$(PYTEST) tests/bench/bench_*.py -p no:cacheprovider -s -o addopts=""

# Extract the marked strings and update the English catalog (then translate what is new).
i18n: setup
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o kimweb/translations/messages.pot .
	$(BIN)/pybabel update -N -i kimweb/translations/messages.pot -d kimweb/translations

clean:
	rm -rf $(VENV) .pytest_cache
