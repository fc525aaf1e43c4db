# mktorg: `make demo` and `make test` set everything up on a fresh Debian/Ubuntu machine.
VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
ORG     ?= data
OUT     ?= out

.PHONY: setup system demo test check lint type schemas docs golden gallery fuzz bench bench-docs clean

setup: system $(STAMP)

system:
	@sh scripts/install-system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: setup
	$(BIN)/mktorg lint $(ORG)
	@mkdir -p $(OUT)
	$(BIN)/mktorg lint $(ORG) --format json > $(OUT)/lint.json
	$(BIN)/mktorg chart $(ORG) -o $(OUT)/org.svg
	$(BIN)/mktorg chart $(ORG) -o $(OUT)/org.png
	$(BIN)/mktorg chart $(ORG) -o $(OUT)/org.pptx
	$(BIN)/mktorg chart $(ORG) --view departments -o $(OUT)/departments.svg
	$(BIN)/mktorg export $(ORG) --format docx -o $(OUT)/jd
	$(BIN)/mktorg export $(ORG) --format md -o $(OUT)/jd
	$(BIN)/mktorg export $(ORG) --format docx --book -o $(OUT)
	@echo "demo outputs are in $(OUT)/"

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

type: setup
	$(BIN)/mypy

check: lint type test

schemas: setup
	$(BIN)/mktorg schema -o schemas

docs: setup
	$(BIN)/mktorg rules --markdown > docs/rules.md

golden: setup
	$(BIN)/python -m pytest --update-golden -q

fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/hardening tests/lint/test_unified_diff.py -q
	$(BIN)/python tests/lint/fuzz_patched_runs.py 1 $${FUZZ_SEEDS:-10} 12  # lint with the cache = without
	corpus=$$(mktemp -d) && cp fuzz/corpus/* $$corpus && $(BIN)/python -m pip install --quiet atheris && \
	  $(BIN)/python fuzz/fuzz_load.py -max_total_time=$${FUZZ_SECONDS:-120} -rss_limit_mb=2048 $$corpus \
	  || echo "atheris could not run here; the hypothesis fuzz above still ran"

gallery: setup
	$(BIN)/python -m mktorg.devtools.gallery

bench: setup     ## figures to $(OUT)/bench (peers in their own venv under bench-orgs/)
	$(BIN)/python -m compileall -q src  # bytecode, as an installed package has (pip compiles on install)
	$(BIN)/python -m mktorg.devtools.bench --out $(OUT)/bench
	$(BIN)/python -m mktorg.devtools.growth --out $(OUT)/bench

bench-docs: setup  ## the same, and rewrite the tables in docs/performance.md and docs/growth.md
	$(BIN)/python -m compileall -q src
	$(BIN)/python -m mktorg.devtools.bench --out $(OUT)/bench --write-docs
	$(BIN)/python -m mktorg.devtools.growth --out $(OUT)/bench --write-docs

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache build dist
