# figwatch: `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test eval eval-events bench bench-extract bench-hostile report lint clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,bench]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

## The monitor flow once on the embedded defaults: SQLite, the seed corpus, digests to files.
run: $(STAMP)
	$(BIN)/figwatch run

## The whole test suite (CI calls exactly this).
test: $(STAMP)
	$(BIN)/pytest -p no:cacheprovider -q $(PYTEST_ARGS)

## Extractor scoreboard on the seeds and the labelled corpus.
eval: $(STAMP)
	$(BIN)/python -m eval.evaluate

## Event-level scores (precision, source accuracy, events per figure, coverage) on the story fixtures.
STORIES := $(sort $(dir $(wildcard tests/stories/*/gold.jsonl)))
eval-events: $(STAMP)
	@for story in $(STORIES); do $(BIN)/python -m eval.events $$story $${story}gold.jsonl || exit 1; done

## Benchmarks: figures printed as a table and written under bench/results/.
bench: $(STAMP)
	$(BIN)/python -m bench.run

bench-extract: $(STAMP)
	$(BIN)/python -m bench.bench_extract

## Inputs an attacker controls (runs of marks, pronoun sources, huge feeds, a run's budget): seconds and counted work.
bench-hostile: $(STAMP)
	$(BIN)/python -m bench.bench_hostile

## The static timeline site of every figure.
report: $(STAMP)
	$(BIN)/figwatch report

clean:
	rm -rf .figwatch build *.egg-info
