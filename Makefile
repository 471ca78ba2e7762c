# The commands the README names. `make run` and `make test` set everything up themselves.
SHELL := /bin/bash
PORT ?= 8000
export PORT
VENV := .venv
STAMP := $(VENV)/.synced

.PHONY: install run serve test lint test-sqlite test-postgres test-browser battery bench clean

$(STAMP): pyproject.toml uv.lock scripts/bootstrap
	scripts/bootstrap
	@touch $@

install: $(STAMP)

run: install                  ## set up the embedded database, load units and demo data, serve on :$(PORT)
	scripts/run

serve: install                ## production: granian with several workers, task workers, scheduler (docs/deploy.md)
	scripts/serve

test: install                 ## lint, types, migrations, the suite on SQLite and PostgreSQL, browser tests
	scripts/test all

lint: install
	scripts/test lint

test-sqlite: install
	scripts/test sqlite

test-postgres: install
	scripts/test postgres

test-browser: install
	scripts/test browser

battery: install              ## the reliability battery on a throwaway PostgreSQL; figures to docs/reliability.md
	scripts/battery

bench: install                ## benchmarks under bench/ (figures printed with their baselines)
	$(VENV)/bin/python bench/run.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache
