# afterword — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck unit bench install clean server-demo

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## run: set up, then start the local web app at http://127.0.0.1:8000 (SQLite in the user data dir)
run: $(STAMP)
	$(BIN)/afterword serve

## server-demo: a demo career centre (throwaway PostgreSQL, seeded accounts) at http://127.0.0.1:8000
server-demo: $(STAMP)
	$(BIN)/afterword server demo

## test: lint, type checks and the whole test suite (what CI runs)
test: $(STAMP)
	bash scripts/system-deps.sh postgresql dovecot-imapd poppler-utils chromium
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

## bench: the benchmarks (not part of `make test`)
bench: $(STAMP)
	$(BIN)/python bench/check.py
	@if [ -f bench/draft.py ]; then $(BIN)/python bench/draft.py; fi
	$(BIN)/python bench/analysers.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info src/*.egg-info
