# figwatch: `make run` and `make test` do all the set-up on a fresh machine.
# Each target installs only what it needs, once per change of pyproject.toml (a stamp per extra):
# `make run` the package alone; `make test` adds the test extra (Playwright and its Chromium are
# most of it); `make bench` the benchmark extra.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SUM := $(shell cksum < pyproject.toml | cut -d' ' -f1)
RUN_STAMP := $(VENV)/.installed-run-$(SUM)
TEST_STAMP := $(VENV)/.installed-test-$(SUM)
BENCH_STAMP := $(VENV)/.installed-bench-$(SUM)
TRAIN_STAMP := $(VENV)/.installed-train-$(SUM)

.PHONY: run test test-fast check lint eval eval-events curve train bench bench-extract bench-hostile report clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

## What running needs: figwatch and its dependencies.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@rm -f $(VENV)/.installed-run-*
	@touch $@

$(TEST_STAMP): $(RUN_STAMP)
	$(BIN)/pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-test-*
	@touch $@

$(TRAIN_STAMP): $(RUN_STAMP)
	$(BIN)/pip install -q -e '.[train]'
	@rm -f $(VENV)/.installed-train-*
	@touch $@

$(BENCH_STAMP): $(RUN_STAMP)
	$(BIN)/pip install -q -e '.[bench]'
	@rm -f $(VENV)/.installed-bench-*
	@touch $@

## The monitor once on the embedded defaults: SQLite, the seed corpus, digests to files.
run: $(RUN_STAMP)
	$(BIN)/figwatch run

## The whole test suite (CI calls this after `check`); the 15 slowest tests are listed at the end.
test: $(TEST_STAMP)
	$(BIN)/pytest -p no:cacheprovider -q --durations=15 $(PYTEST_ARGS)

## The quick loop while editing: no Prefect flows, no browser, nothing marked slow.
test-fast: $(TEST_STAMP)
	$(BIN)/pytest -p no:cacheprovider -q -m "not prefect and not browser and not slow" $(PYTEST_ARGS)

## Static checks, configured in pyproject.toml: ruff (lint rules, import order) and mypy (the files it lists).
## ruff and mypy come with the dev extra, as pytest does.
check: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

lint: check

## Extractor scoreboard on the seeds and the labelled corpus.
eval: $(RUN_STAMP)
	$(BIN)/python -m eval.evaluate

## Event-level scores (precision, source accuracy, events per figure, coverage) on the story fixtures.
STORIES := $(sort $(dir $(wildcard tests/stories/*/gold.jsonl)))
eval-events: $(RUN_STAMP)
	@for story in $(STORIES); do $(BIN)/python -m eval.events $$story $${story}gold.jsonl || exit 1; done

## The learned decision layer against the hand cascade: leave-one-suite-out and a learning curve
## (real-page rounds r1, r2 too when $$FIGWATCH_REALPAGES holds their texts); eval/results/curve.json.
curve: $(TRAIN_STAMP)
	$(BIN)/python -m eval.curve

## Retrain the learned layer's weights (extractors/topics/nk_russia.decision.json) on every labelled suite.
train: $(TRAIN_STAMP)
	$(BIN)/python -m eval.learn $(TRAIN_ARGS)

## Benchmarks: figures printed as a table and written under bench/results/.
bench: $(BENCH_STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

bench-extract: $(BENCH_STAMP)
	$(BIN)/python -m bench.bench_extract

## Inputs an attacker controls (runs of marks, pronoun sources, huge feeds, a run's budget): seconds and counted work.
bench-hostile: $(BENCH_STAMP)
	$(BIN)/python -m bench.bench_hostile

## The static timeline site of every figure.
report: $(RUN_STAMP)
	$(BIN)/figwatch report

clean:
	rm -rf .figwatch build *.egg-info .mypy_cache .ruff_cache
