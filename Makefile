# Two entry points: `make demo` (the main job) and `make test` (the whole suite).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/duikou: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/duikou

.PHONY: demo test bench
demo: $(BIN)/duikou
	$(BIN)/duikou demo

test: $(BIN)/duikou
	$(BIN)/pytest

bench: $(BIN)/duikou
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/extract.py
	$(BIN)/python benchmarks/relevance.py
	$(BIN)/python benchmarks/ledger.py
	$(BIN)/python benchmarks/build.py
	$(BIN)/python benchmarks/batch.py
