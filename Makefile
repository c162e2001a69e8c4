# Spira: `make run` installs, prepares and serves on http://127.0.0.1:8000; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SPIRA := $(BIN)/spira
HOST ?= 127.0.0.1
PORT ?= 8000
# Two processes: live_server, the e2e browser and the test databases are per process (works on SQLite and PostgreSQL).
PYTEST_ARGS ?= -n 2

.PHONY: install run serve test lint messages translations static demo bench vendor clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	touch $@

# Compile the Swedish translations (.po → .mo) of every app.
translations: install
	cd src/spira && $(CURDIR)/$(SPIRA) compilemessages --verbosity 0

# Refresh the Swedish message catalogues of every app after changing strings (developers only).
messages: install
	for app in src/spira/*/apps.py; do \
		dir=$$(dirname $$app); mkdir -p $$dir/locale; \
		(cd $$dir && $(CURDIR)/$(SPIRA) makemessages -l sv --no-obsolete --no-location --verbosity 0); \
	done

static: install
	$(SPIRA) collectstatic --noinput --verbosity 0

run: install translations static
	$(SPIRA) migrate --noinput
	$(SPIRA) demo
	$(SPIRA) serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SPIRA_TESTING=1 $(SPIRA) check
	SPIRA_TESTING=1 $(SPIRA) makemigrations --check --dry-run
	SPIRA_TESTING=1 $(BIN)/pytest $(PYTEST_ARGS)

bench: install translations static
	$(BIN)/python -m bench

# Copy the pinned front-end packages (package.json) into the committed static files.
vendor:
	npm ci --no-audit --no-fund
	mkdir -p src/spira/static/vendor/htmx
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/htmx.org/LICENSE src/spira/static/vendor/htmx/

clean:
	rm -rf $(VENV) var node_modules
