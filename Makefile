# AskFirst: `make run` serves the app, `make test` runs every check. Both set up what they need.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# A Python >= 3.12: $(PYTHON) if given, else the first that works of python3.13, python3.12,
# python3 and pyenv's 3.12+ builds.
find_python = for p in $(PYTHON) python3.13 python3.12 python3 \
	  $$(ls -d "$$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	  if "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then echo "$$p"; exit 0; fi; \
	done; exit 1

.PHONY: run test setup lint typecheck migrations pytest lock messages clean

$(STAMP): requirements.txt requirements-dev.txt
	@py=$$($(find_python)) || { \
	  echo "AskFirst needs Python 3.12 or newer, and none was found."; \
	  echo "Install one (Debian/Ubuntu: apt-get install python3.13 python3.13-venv; macOS: brew install python@3.13)"; \
	  echo "or name one: make run PYTHON=/path/to/python3.12"; exit 1; }; \
	if [ ! -x $(BIN)/python ]; then echo "Using $$py ($$($$py --version))"; "$$py" -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	@$(BIN)/python -c 'import weasyprint' 2>/dev/null || { \
	  echo "WeasyPrint cannot start: it needs the Pango library."; \
	  echo "Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"; \
	  echo "macOS: brew install pango    Other systems: https://doc.courtbouillon.org/weasyprint/stable/first_steps.html"; \
	  exit 1; }
	touch $(STAMP)

.secret_key:
	@$(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret_key
	@chmod 600 .secret_key
	@echo "Made a local SECRET_KEY in .secret_key (ignored by git)."

# The translations, compiled for Django (.po to .mo) by Babel: no GNU gettext needed.
MESSAGES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

setup: $(STAMP) .secret_key $(MESSAGES)

# The web server and the PDF worker (Procfile), started and stopped together by honcho.
run: setup
	export SECRET_KEY="$$(cat .secret_key)" PATH="$(CURDIR)/$(BIN):$$PATH"; \
	python manage.py migrate --no-input && \
	python manage.py load_builtin_guides && \
	python manage.py collectstatic --no-input --verbosity 0 && \
	echo "AskFirst is at http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)" && \
	exec honcho start --port $(PORT) --procfile Procfile

test: setup lint typecheck migrations pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	SECRET_KEY=typecheck $(BIN)/mypy .

# A model change without its migration would break the next deployment.
migrations: setup
	SECRET_KEY=migrations $(BIN)/python manage.py makemigrations --check --dry-run

pytest: setup
	@command -v pdftotext >/dev/null || { echo "The tests read PDFs with pdftotext: apt-get install poppler-utils (macOS: brew install poppler)"; exit 1; }
	@fc-list 2>/dev/null | grep -q NotoSansCJK || echo "Warning: without the Noto fonts, printouts draw Arabic, Chinese and other scripts as empty boxes and their tests fail: apt-get install fonts-noto-core fonts-noto-cjk"
	SECRET_KEY="$$(cat .secret_key)" $(BIN)/pytest $(PYTEST_ARGS)

# After changing a text of the templates or the code: update the catalogues (needs GNU
# gettext's xgettext: apt-get install gettext), then translate what is new in each .po file.
messages: $(STAMP)
	SECRET_KEY=messages $(BIN)/python manage.py makemessages --all --no-location --no-obsolete \
	  --ignore ".venv/*" --ignore "bench/*" --ignore "tests/*" --ignore "staticfiles/*"

# Refresh the locked versions after changing pyproject.toml.
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements.txt pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra dev -o requirements-dev.txt pyproject.toml

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
